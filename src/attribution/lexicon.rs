//! The cue lexicon: reporting verbs, multiword cues, source phrases.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};

use super::model::CueModel;
use super::tokens::WordClasses;
use super::wordscan::{WordScan, WordScanIter};
use crate::error::Error;
use crate::text::is_whole_word;
use crate::tsv;
use crate::Span;

/// What kind of word a cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CueClass {
    /// A verb of saying ("said", "warned").
    Speech,
    /// A verb of mental state news uses as attribution ("believes").
    Mental,
    /// A noun ("statement", "remarks").
    Noun,
    /// A phrase after which the source follows ("according to").
    Source,
    /// A phrase with the source as agent ("as reported by").
    Agent,
}

/// How the speaker and the content are laid out around a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Frame {
    /// "X said (that) C", "C, X said", "'C,' said X".
    Verb,
    /// "X told Y (that) C": a listener comes before the content.
    VerbObject,
    /// "According to X, C" and "C, according to X".
    SourceFirst,
    /// "C, as reported by X".
    Agent,
    /// "It was reported that C": no speaker.
    Passive,
    /// "X's statement that C".
    Noun,
}

/// One cue of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// The surface form, lower case ("said", "according to").
    pub form: String,
    /// The base form ("say").
    pub lemma: String,
    /// Its class.
    pub class: CueClass,
    /// Its frame.
    pub frame: Frame,
    /// Estimated precision as a cue, in `(0, 1]`.
    pub weight: f32,
    /// How far the content of an indirect statement runs after the cue.
    pub content: ContentBound,
    /// An addressee follows the verb and is not part of the content
    /// ("told reporters that ...").
    pub listener: bool,
    /// The speaker may follow the cue: "..., said the minister."
    pub inverts: bool,
    /// Only the first word is the cue: "told reporters", "said in an
    /// interview".
    pub trim: bool,
    /// The index of the lemma among the lexicon's distinct lemmas.
    #[doc(hidden)]
    pub lemma_id: u32,
}

/// How far the content of an indirect statement runs after its cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ContentBound {
    /// To the end of the sentence: "said (that) the talks had failed".
    #[default]
    Clause,
    /// To the first comma, dash or "and" + verb: "defended his record, ...".
    Phrase,
}

/// The compiled cue lexicon.
///
/// # Examples
///
/// ```
/// use standpoint::attribution::CueLexicon;
///
/// let cues = CueLexicon::builtin();
/// let text = "Putin reiterated it, according to officials.";
/// let found: Vec<&str> = cues.find_iter(text).map(|(span, cue)| cue.lemma.as_str()).collect();
/// assert_eq!(found, ["reiterate", "according to"]);
/// ```
#[derive(Debug, Clone)]
pub struct CueLexicon {
    /// Walks from word starts; `None` for a lexicon it cannot serve (see
    /// `wordscan`), which then has `automaton`.
    scan: Option<Arc<WordScan>>,
    automaton: Option<AhoCorasick>,
    cues: Vec<Cue>,
    /// Indices into `cues`, sorted by form: [`CueLexicon::form`] looks a
    /// shorter cue up when a match ends inside a token.
    by_form: Vec<u32>,
    lemmas: Vec<String>,
    pub(crate) model: CueModel,
}

const COLUMNS: &[&str] = &[
    "cue", "lemma", "class", "frame", "weight", "content", "flags",
];
const BUILTIN: (&str, &str) = ("cues.tsv", include_str!("data/cues.tsv"));

static BUILTIN_LEXICON: once_cell::sync::Lazy<CueLexicon> = once_cell::sync::Lazy::new(|| {
    CueLexicon::from_tsv(BUILTIN.0, BUILTIN.1).expect("the built-in cue lexicon is valid")
});

impl CueLexicon {
    /// The built-in lexicon, compiled once.
    pub fn builtin() -> &'static CueLexicon {
        &BUILTIN_LEXICON
    }

    /// Parses and compiles a cue table (columns `cue`, `lemma`, `class`,
    /// `frame`, `weight`); `file` names it in errors.
    pub fn from_tsv(file: &str, text: &str) -> Result<CueLexicon, Error> {
        let mut cues = Vec::new();
        for row in tsv::parse(file, text, COLUMNS, &["cue", "lemma", "class", "frame"])? {
            let class_text = row.required("class")?;
            let class = match class_text {
                "speech" => CueClass::Speech,
                "mental" => CueClass::Mental,
                "noun" => CueClass::Noun,
                "source" => CueClass::Source,
                "agent" => CueClass::Agent,
                other => return Err(row.bad("class", other)),
            };
            let frame_text = row.required("frame")?;
            let frame = match frame_text {
                "verb" => Frame::Verb,
                "verb_object" => Frame::VerbObject,
                "source_first" => Frame::SourceFirst,
                "agent" => Frame::Agent,
                "passive" => Frame::Passive,
                "noun" => Frame::Noun,
                other => return Err(row.bad("frame", other)),
            };
            let weight = row.number("weight", 1.0)?;
            if !(0.0..=1.0).contains(&weight) {
                return Err(row.bad("weight", row.get("weight").unwrap_or("")));
            }
            let content = match row.get("content") {
                None | Some("clause") => ContentBound::Clause,
                Some("phrase") => ContentBound::Phrase,
                Some(other) => return Err(row.bad("content", other)),
            };
            let (mut listener, mut inverts, mut trim) = (false, false, false);
            for flag in row.list("flags")? {
                match flag {
                    "listener" => listener = true,
                    "inverts" => inverts = true,
                    "trim" => trim = true,
                    other => return Err(row.bad("flags", other)),
                }
            }
            cues.push(Cue {
                form: row.required("cue")?.to_lowercase(),
                lemma: row.required("lemma")?.to_string(),
                class,
                frame,
                weight,
                content,
                listener,
                inverts,
                trim,
                lemma_id: 0,
            });
        }
        Self::new(cues)
    }

    /// Compiles a lexicon from cues.
    pub fn new(mut cues: Vec<Cue>) -> Result<CueLexicon, Error> {
        let mut seen = std::collections::HashSet::new();
        cues.retain(|c| seen.insert(c.form.clone()));
        let mut lemmas: Vec<String> = Vec::new();
        let mut ids = std::collections::HashMap::new();
        for c in &mut cues {
            let next = ids.len() as u32;
            c.lemma_id = *ids.entry(c.lemma.clone()).or_insert_with(|| {
                lemmas.push(c.lemma.clone());
                next
            });
        }
        // Shared by the clones (an analyzer clones the built-in lexicon).
        let scan = WordScan::new(cues.iter().map(|c| c.form.as_str())).map(Arc::new);
        let automaton = match scan {
            Some(_) => None,
            None => Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .build(cues.iter().map(|c| c.form.as_str()))
                    .map_err(|e| Error::automaton("cue", e))?,
            ),
        };
        let model = CueModel::builtin(&lemmas)?;
        let mut by_form: Vec<u32> = (0..cues.len() as u32).collect();
        by_form.sort_by(|&a, &b| cues[a as usize].form.cmp(&cues[b as usize].form));
        Ok(CueLexicon {
            scan,
            automaton,
            cues,
            by_form,
            lemmas,
            model,
        })
    }

    /// The cues, in table order.
    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// The distinct lemmas, indexed by [`Cue::lemma_id`].
    pub fn lemmas(&self) -> &[String] {
        &self.lemmas
    }

    /// The cue whose form is `text`, ASCII case aside ("Told CNN" finds
    /// "told cnn"). No allocation: a binary search over the forms.
    pub(crate) fn form(&self, text: &str) -> Option<&Cue> {
        let key = text.as_bytes();
        let cmp = |&i: &u32| {
            let form = self.cues[i as usize].form.as_bytes();
            let n = form.len().min(key.len());
            form[..n]
                .iter()
                .zip(&key[..n])
                .map(|(f, k)| f.cmp(&k.to_ascii_lowercase()))
                .find(|o| o.is_ne())
                .unwrap_or_else(|| form.len().cmp(&key.len()))
        };
        let i = self.by_form.binary_search_by(cmp).ok()?;
        Some(&self.cues[self.by_form[i] as usize])
    }

    /// The word scan, for a lexicon of ASCII keys that start with a
    /// letter or a digit (the built-in one).
    pub(crate) fn word_scan(&self) -> Option<&WordScan> {
        self.scan.as_deref()
    }

    /// The word classes a document's tokens take for this lexicon: with
    /// the first words of its keys marked when it has a word scan.
    pub(crate) fn word_classes(&self) -> &WordClasses {
        match self.scan.as_deref() {
            Some(scan) => scan.classes(),
            None => WordClasses::builtin(),
        }
    }

    /// This lexicon with a mention lexicon's first words marked in the
    /// word classes its documents' tokens take, so that the tokens list
    /// the mention scan's walk starts too (`Doc::mention_starts`). A
    /// lexicon without a word scan takes the built-in classes, unmarked.
    pub(crate) fn with_mention_starts(&self, words: &[String]) -> CueLexicon {
        let mut lexicon = self.clone();
        if let Some(scan) = &self.scan {
            lexicon.scan = Some(Arc::new(scan.with_mention_starts(words)));
        }
        lexicon
    }

    /// The cue of pattern `k` of the scan.
    pub(crate) fn cue(&self, k: u32) -> &Cue {
        &self.cues[k as usize]
    }

    /// Iterates over the whole-word cues in `text`.
    pub fn find_iter<'a, 't>(&'a self, text: &'t str) -> CueMatches<'a, 't> {
        let inner = match (&self.scan, &self.automaton) {
            (Some(scan), _) => Inner::Words(scan.find_iter(text)),
            (None, Some(automaton)) => Inner::Automaton(word_start_matches(automaton, text)),
            (None, None) => unreachable!("a lexicon has a scanner or an automaton"),
        };
        CueMatches {
            lexicon: self,
            inner,
        }
    }
}

/// An iterator over the cues in a text, created by [`CueLexicon::find_iter`].
#[derive(Debug)]
pub struct CueMatches<'a, 't> {
    lexicon: &'a CueLexicon,
    inner: Inner<'a, 't>,
}

#[derive(Debug)]
enum Inner<'a, 't> {
    Words(WordScanIter<'a, 't>),
    Automaton(std::vec::IntoIter<(usize, usize, u32)>),
}

impl<'a> Iterator for CueMatches<'a, '_> {
    type Item = (Span, &'a Cue);

    fn next(&mut self) -> Option<(Span, &'a Cue)> {
        let found = match &mut self.inner {
            Inner::Words(words) => words.next(),
            Inner::Automaton(matches) => matches.next(),
        };
        found.map(|(start, end, k)| (Span::new(start, end), &self.lexicon.cues[k as usize]))
    }
}

/// What [`WordScan`] finds, for a lexicon it cannot serve: at each word
/// start past the last match, the longest whole-word key (the first of
/// equal ones). Collects every overlapping match first: this lexicon is a
/// rare one (keys that start with punctuation or are not ASCII).
fn word_start_matches(
    automaton: &AhoCorasick,
    text: &str,
) -> std::vec::IntoIter<(usize, usize, u32)> {
    let mut all: Vec<(usize, usize, u32)> = automaton
        .find_overlapping_iter(text)
        .filter(|m| is_whole_word(text, m.start(), m.end()))
        .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
        .collect();
    all.sort_unstable_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
    let mut out = Vec::new();
    let mut at = 0;
    for m in all {
        if m.0 >= at {
            at = m.1;
            out.push(m);
        }
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word scan and the automaton a lexicon with a non-ASCII key falls
    /// back to find the same cues.
    #[test]
    fn both_scans_take_whole_words_from_word_starts() {
        let rows = "cue\tlemma\tclass\tframe\n\
                    is said\tsay\tspeech\tpassive\n\
                    said\tsay\tspeech\tverb\n\
                    said that\tsay\tspeech\tverb\n";
        let text = "Francis said, Paris said thats";
        let found = |lexicon: &CueLexicon| -> Vec<(&str, String)> {
            lexicon
                .find_iter(text)
                .map(|(s, c)| (s.as_str(text), c.form.clone()))
                .collect()
        };
        let ascii = CueLexicon::from_tsv("a.tsv", rows).unwrap();
        assert!(ascii.scan.is_some());
        let expected = [("said", "said".to_string()), ("said", "said".to_string())];
        assert_eq!(found(&ascii), expected);
        let wide = format!("{rows}déclaré\tdéclarer\tspeech\tverb\n");
        let wide = CueLexicon::from_tsv("w.tsv", &wide).unwrap();
        assert!(wide.automaton.is_some());
        assert_eq!(found(&wide), expected);
    }
}
