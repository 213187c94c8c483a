//! Tables as CSV (RFC 4180): the DNA statement table and positions.

use std::io::{self, Write};

use crate::corpus::{Corpus, CorpusStatement, Period};
use crate::{ActorKind, Stance};

/// The DNA table's columns, in order.
const DNA_COLUMNS: [&str; 13] = [
    "id",
    "document",
    "date",
    "person",
    "organization",
    "concept",
    "agreement",
    "text",
    "statement",
    "stance",
    "act",
    "start",
    "end",
];

/// Writes the corpus's statements as a statement table in the shape of
/// the Discourse Network Analyzer's "DNA Statement" type: one row per
/// speaker and concept, RFC 4180 CSV (fields quoted when they hold a comma,
/// a quote or a line break; CRLF line ends), with a header line.
///
/// | column | what |
/// |---|---|
/// | `id` | the row's number, from 1 |
/// | `document` | the document's id |
/// | `date` | the document's date (`YYYY-MM-DD`, or as precise as known), or empty |
/// | `person` | the speaker's name when the speaker is a person, else empty |
/// | `organization` | a person's organisation (affiliation, else state); the speaker's name for a state, organisation or group; the speaker's own words when they name no known actor ("analysts"); empty when the statement has no speaker |
/// | `concept` | the topic's id, empty when the statement has none |
/// | `agreement` | DNA's boolean qualifier: `1` (yes) for support, `0` (no) for opposition, empty for neutral and mixed statements |
/// | `text` | the statement's words (cut at the corpus's text limit) |
/// | `statement` | the statement's index in [`Corpus::statements`] and in [`statements_jsonl`](crate::export::statements_jsonl) |
/// | `stance` | `support`, `oppose`, `neutral` or `mixed` |
/// | `act` | the speech act (`assert`, `criticize`, ...) |
/// | `start`, `end` | where the statement is in its document, in characters (DNA's carets) |
///
/// A statement with two speakers ("Washington and Brussels said ...") or
/// two topics gives a row for each speaker and topic, as DNA codes one
/// actor and one concept per statement; co-speakers that name no known
/// actor get no row of their own. Neutral and mixed statements are kept
/// with an empty agreement: drop them (`subset(d, !is.na(agreement))` in R)
/// before loading the table into a DNA database, whose agreement is
/// boolean.
///
/// # Errors
///
/// The writer's errors.
///
/// # Examples
///
/// ```
/// use standpoint::corpus::{Corpus, Document};
/// use standpoint::{export, Analyzer};
///
/// let mut corpus = Corpus::new();
/// corpus.analyze(&Analyzer::default(), Document::new("doc-1"),
///     "Hungary said the sanctions were \"unacceptable, and wrong\".")?;
/// let mut out = Vec::new();
/// export::dna_csv(&corpus, &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// let row = csv.lines().nth(1).unwrap();
/// assert!(row.starts_with("1,doc-1,,,Hungary,sanctions,0,"));
/// // Quotes are doubled, and the field holding them is quoted.
/// assert!(row.contains(r#","Hungary said the sanctions were ""unacceptable, and wrong"#));
/// # Ok::<(), standpoint::Error>(())
/// ```
pub fn dna_csv<W: Write>(corpus: &Corpus, mut wtr: W) -> io::Result<()> {
    write_row(&mut wtr, DNA_COLUMNS)?;
    let mut id = 0usize;
    for (n, cs) in corpus.statements().iter().enumerate() {
        let doc = corpus.document_of(cs);
        let date = doc.date.map(|d| d.to_string()).unwrap_or_default();
        let agreement = match cs.statement.stance {
            Stance::Support => "1",
            Stance::Oppose => "0",
            Stance::Neutral | Stance::Mixed => "",
        };
        let concepts: Vec<&str> = if cs.statement.topics.is_empty() {
            vec![""]
        } else {
            cs.statement.topics.iter().map(String::as_str).collect()
        };
        let (n, start, end) = (
            n.to_string(),
            cs.chars.start.to_string(),
            cs.chars.end.to_string(),
        );
        for (person, organization) in dna_actors(corpus, cs) {
            for concept in &concepts {
                id += 1;
                write_row(
                    &mut wtr,
                    [
                        &id.to_string(),
                        &doc.id,
                        &date,
                        person,
                        organization,
                        concept,
                        agreement,
                        &cs.text,
                        &n,
                        cs.statement.stance.as_str(),
                        cs.statement.act.as_str(),
                        &start,
                        &end,
                    ],
                )?;
            }
        }
    }
    wtr.flush()
}

/// DNA's (person, organization) for each speaker of a statement.
fn dna_actors<'a>(corpus: &'a Corpus, cs: &'a CorpusStatement) -> Vec<(&'a str, &'a str)> {
    let name = |id: &'a str| corpus.actor(id).map_or(id, |a| a.name.as_str());
    let mut rows = Vec::new();
    let st = &cs.statement;
    for (i, m) in st.speaker.iter().chain(&st.co_speakers).enumerate() {
        match m.actor.as_deref().map(|id| (id, corpus.actor(id))) {
            Some((_, Some(actor))) if actor.kind == ActorKind::Person => {
                let org = actor
                    .affiliation
                    .as_deref()
                    .or(actor.country.as_deref())
                    .map_or("", name);
                rows.push((actor.name.as_str(), org));
            }
            Some((id, _)) => rows.push(("", name(id))),
            None if i == 0 => rows.push(("", cs.speaker_text.as_deref().unwrap_or(""))),
            None => {}
        }
    }
    if rows.is_empty() {
        rows.push(("", ""));
    }
    rows
}

/// Writes positions per actor and topic as CSV (RFC 4180), over the whole
/// corpus (`period` `None`) or per period, with a header line: `period`
/// (the period's first day, empty for undated documents or the whole
/// corpus), `actor` (id), `name`, `kind`, `country`, `topic`, `stance`,
/// `score` (-1 to +1, three decimals), `statements` (how many),
/// `rolled_up`.
///
/// # Errors
///
/// The writer's errors.
///
/// # Examples
///
/// ```
/// use standpoint::corpus::{Corpus, Document, Period};
/// use standpoint::{export, Analyzer, Date};
///
/// let mut corpus = Corpus::new();
/// let doc = Document::new("a").with_date(Date::parse("2022-01-10").unwrap());
/// corpus.analyze(&Analyzer::default(), doc, "The Kremlin rejected NATO enlargement.")?;
/// let mut out = Vec::new();
/// export::positions_csv(&corpus, Some(Period::Month), &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.contains("2022-01,RUS,Russia,country,RUS,nato-enlargement,oppose,-1,1,false\r\n"));
/// # Ok::<(), standpoint::Error>(())
/// ```
pub fn positions_csv<W: Write>(
    corpus: &Corpus,
    period: Option<Period>,
    mut wtr: W,
) -> io::Result<()> {
    write_row(
        &mut wtr,
        [
            "period",
            "actor",
            "name",
            "kind",
            "country",
            "topic",
            "stance",
            "score",
            "statements",
            "rolled_up",
        ],
    )?;
    let rows = match period {
        None => corpus.positions().into_iter().map(|p| (None, p)).collect(),
        Some(period) => corpus
            .positions_by(period)
            .into_iter()
            .map(|p| (p.period, p.position))
            .collect::<Vec<_>>(),
    };
    for (period, p) in rows {
        let actor = corpus.actor(&p.actor);
        write_row(
            &mut wtr,
            [
                &period.map(|d| d.to_string()).unwrap_or_default(),
                p.actor.as_str(),
                actor.map_or(p.actor.as_str(), |a| a.name.as_str()),
                actor.map_or("", |a| a.kind.as_str()),
                actor.and_then(|a| a.country.as_deref()).unwrap_or(""),
                p.topic.as_deref().unwrap_or(""),
                p.stance.as_str(),
                &super::graphml::round3(p.score).to_string(),
                &p.statements.len().to_string(),
                if p.rolled_up { "true" } else { "false" },
            ],
        )?;
    }
    wtr.flush()
}

/// Writes one CSV record and its CRLF.
fn write_row<W: Write, const N: usize>(wtr: &mut W, fields: [&str; N]) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            wtr.write_all(b",")?;
        }
        write_field(wtr, field)?;
    }
    wtr.write_all(b"\r\n")
}

/// Writes a field, quoted (with quotes doubled) when it holds a comma, a
/// quote or a line break.
fn write_field<W: Write>(wtr: &mut W, field: &str) -> io::Result<()> {
    if !field.contains([',', '"', '\r', '\n']) {
        return wtr.write_all(field.as_bytes());
    }
    wtr.write_all(b"\"")?;
    for (i, part) in field.split('"').enumerate() {
        if i > 0 {
            wtr.write_all(b"\"\"")?;
        }
        wtr.write_all(part.as_bytes())?;
    }
    wtr.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[&str]) -> String {
        let mut out = Vec::new();
        for f in fields {
            if !out.is_empty() {
                out.push(b',');
            }
            write_field(&mut out, f).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(row(&["a", "", "b c"]), "a,,b c");
        assert_eq!(row(&["a,b"]), "\"a,b\"");
        assert_eq!(row(&["say \"no\""]), "\"say \"\"no\"\"\"");
        assert_eq!(row(&["\""]), "\"\"\"\"");
        assert_eq!(row(&["line\nbreak", "cr\r"]), "\"line\nbreak\",\"cr\r\"");
    }
}
