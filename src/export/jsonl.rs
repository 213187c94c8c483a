//! JSON Lines: one statement a line, with its document's metadata.

use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::{Corpus, CorpusStatement};
use crate::{ActorId, Date, Span, Statement};

/// One line: the document's metadata, where the statement is, and the
/// statement's own fields (the JSON contract of [`Statement`]).
#[derive(Serialize)]
struct Line<'a> {
    document: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    statement: usize,
    index: usize,
    holders: &'a [ActorId],
    span: Span,
    chars: Span,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_text: Option<&'a str>,
    #[serde(flatten)]
    fields: &'a Statement,
}

impl<'a> Line<'a> {
    fn new(corpus: &'a Corpus, n: usize, cs: &'a CorpusStatement) -> Line<'a> {
        let doc = corpus.document_of(cs);
        Line {
            document: &doc.id,
            date: doc.date,
            source: doc.source.as_deref(),
            title: doc.title.as_deref(),
            statement: n,
            index: cs.index,
            holders: &cs.holders,
            span: cs.span,
            chars: cs.chars,
            text: &cs.text,
            speaker_text: cs.speaker_text.as_deref(),
            fields: &cs.statement,
        }
    }
}

/// Writes every statement of the corpus as one JSON object a line.
///
/// Each object has the document's `document` (id), `date`, `source` and
/// `title` (when known); `statement`, the statement's index in
/// [`Corpus::statements`] (the index [`Position::statements`](crate::Position::statements)
/// and the DNA table's `statement` column use); `index`, its index in its
/// document's analysis; `holders`, the actors whose positions it counts in;
/// `span` and `chars`, where it is in its document in bytes and in
/// characters; `text` and `speaker_text`, its words; then the fields of
/// the statement's JSON form (`speaker`, `cue`, `content`, `kind`, `act`,
/// `stance`, `targets`, `topics`, ...), whose offsets are bytes into the
/// document's text.
///
/// # Errors
///
/// The writer's errors.
///
/// # Examples
///
/// ```
/// use standpoint::corpus::{Corpus, Document};
/// use standpoint::{export, Analyzer, Date};
///
/// let mut corpus = Corpus::new();
/// let doc = Document::new("kremlin-1").with_date(Date::parse("2021-12-07").unwrap());
/// corpus.analyze(&Analyzer::default(), doc, "The Kremlin rejected NATO enlargement.")?;
/// let mut out = Vec::new();
/// export::statements_jsonl(&corpus, &mut out).unwrap();
/// let line = String::from_utf8(out).unwrap();
/// assert!(line.starts_with(r#"{"document":"kremlin-1","date":"2021-12-07","statement":0,"#));
/// assert!(line.contains(r#""stance":"oppose""#));
/// assert!(line.ends_with("}\n"));
/// # Ok::<(), standpoint::Error>(())
/// ```
pub fn statements_jsonl<W: Write>(corpus: &Corpus, mut wtr: W) -> io::Result<()> {
    for (n, cs) in corpus.statements().iter().enumerate() {
        serde_json::to_writer(&mut wtr, &Line::new(corpus, n, cs))?;
        wtr.write_all(b"\n")?;
    }
    wtr.flush()
}
