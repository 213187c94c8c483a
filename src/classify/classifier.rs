//! The default classifier and its builder.

use std::cell::RefCell;
use std::sync::Arc;

use super::lexicon::Lexicon;
use super::reading::Reading;
use super::region::Scratch;
use super::tables::Tables;
use super::{Classification, SentenceClassifier, StatementText, Topic};
use crate::error::Error;
use crate::gazetteer::EntityMatcher;
use crate::text;
use crate::{ActorId, Span};

const BUILTIN_STANCE: (&str, &str) = ("stance.tsv", include_str!("data/stance.tsv"));
const BUILTIN_ACTS: (&str, &str) = ("acts.tsv", include_str!("data/acts.tsv"));
const BUILTIN_NEGATION: (&str, &str) = ("negation.tsv", include_str!("data/negation.tsv"));
const BUILTIN_MODALITY: (&str, &str) = ("modality.tsv", include_str!("data/modality.tsv"));
const BUILTIN_TOPICS: (&str, &str) = ("topics.tsv", include_str!("data/topics.tsv"));

/// The default classifier: lexicons of speech-act cues, stance terms,
/// negation, modality and topics (data files in `src/classify/data/`),
/// compiled into one automaton. How it decides is described in the
/// [module docs](crate::classify).
///
/// Cheap to clone: clones share the compiled lexicon.
///
/// # Examples
///
/// ```
/// use standpoint::classify::LexiconClassifier;
/// use standpoint::{SpeechAct, Stance};
///
/// let c = LexiconClassifier::builtin()
///     .classify_sentence("Hungary called for an end to arms deliveries to Ukraine.");
/// assert_eq!(c.act, SpeechAct::Appeal);
/// assert_eq!(c.stance, Stance::Oppose);
/// assert_eq!(c.topics, ["arms-supplies"]);
/// ```
#[derive(Debug, Clone)]
pub struct LexiconClassifier {
    pub(super) lexicon: Arc<Lexicon>,
}

static BUILTIN: once_cell::sync::Lazy<LexiconClassifier> = once_cell::sync::Lazy::new(|| {
    LexiconClassifier::builder()
        .build()
        .expect("the built-in classifier lexicons are valid")
});

thread_local! {
    /// Token and hit buffers, reused from one statement to the next.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl LexiconClassifier {
    /// A builder starting from the built-in lists.
    pub fn builder() -> LexiconClassifierBuilder {
        LexiconClassifierBuilder {
            builtin: true,
            sources: Vec::new(),
            topics: Vec::new(),
        }
    }

    /// The classifier on the built-in lists, compiled once.
    pub fn builtin() -> &'static LexiconClassifier {
        &BUILTIN
    }

    /// The topics this classifier knows.
    pub fn topics(&self) -> &[Topic] {
        &self.lexicon.topics
    }

    /// Classifies a whole sentence on its own: its first act cue in verb
    /// position outside quotations ("said", "accused", "stood with") is the
    /// cue; a quotation, or the words after the cue (or before it: "...,
    /// officials said"), the content; the actors the built-in gazetteer
    /// finds in it anchor the topics.
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::classify::LexiconClassifier;
    /// use standpoint::{SpeechAct, Stance};
    ///
    /// let c = LexiconClassifier::builtin()
    ///     .classify_sentence("Ankara did not oppose the decision to invite Finland into NATO.");
    /// assert_eq!((c.act, c.stance), (SpeechAct::Assert, Stance::Support));
    /// assert!(c.negated);
    /// assert_eq!(c.topics, ["nato-enlargement"]);
    /// ```
    pub fn classify_sentence(&self, sentence: &str) -> Classification {
        let actors: Vec<ActorId> = EntityMatcher::builtin()
            .find_iter(sentence)
            .map(|m| m.actor.id.clone())
            .collect();
        let whole = Span::new(0, sentence.len());
        let quotes: Vec<Span> = text::quotes(sentence)
            .into_iter()
            .filter(|q| q.closed)
            .map(|q| q.outer)
            .collect();
        let cue = SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let region = scratch.fill(&self.lexicon, sentence, whole, sentence.len());
            Reading {
                lex: &self.lexicon,
                region,
                content: whole,
                cue: None,
                cue_lemma: None,
                actors: &actors,
            }
            .find_cue(&quotes)
        });
        let mut input = StatementText::new(sentence, whole)
            .with_sentence(whole)
            .with_actors(&actors);
        if let Some(cue) = cue {
            input = input.with_cue(cue, None);
            input.content = content_around(sentence, cue, &quotes);
        }
        self.classify(&input)
    }
}

#[cfg(test)]
impl LexiconClassifier {
    /// The hits in a sentence and its classification, for debugging.
    pub(crate) fn explain(&self, sentence: &str) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let mut scratch = Scratch::default();
        let region = scratch.fill(
            &self.lexicon,
            sentence,
            Span::new(0, sentence.len()),
            sentence.len(),
        );
        for h in region.hits {
            let roles: Vec<String> = self
                .lexicon
                .roles(&h.hit)
                .map(|r| format!("{r:?}"))
                .collect();
            let _ = writeln!(
                out,
                "{:?} [{}..{}) {}",
                h.hit.span.as_str(sentence),
                h.first,
                h.last,
                roles.join(" ")
            );
        }
        let _ = writeln!(out, "{:?}", self.classify_sentence(sentence));
        out
    }
}

/// The content of a sentence around its cue: a quotation, or the words
/// after the cue, unless only two or fewer follow a longer head ("...,
/// the minister said on Monday").
fn content_around(sentence: &str, cue: Span, quotes: &[Span]) -> Span {
    if let Some(q) = quotes.iter().find(|q| !q.overlaps(cue)) {
        return *q;
    }
    let words = |s: &str| s.split_whitespace().count();
    let (before, after) = (words(&sentence[..cue.start]), words(&sentence[cue.end..]));
    if after >= 3 || before <= 3 {
        Span::new(cue.end, sentence.len())
    } else {
        Span::new(0, cue.start)
    }
}

impl SentenceClassifier for LexiconClassifier {
    fn classify(&self, input: &StatementText<'_>) -> Classification {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.classify_with(input, &mut scratch),
            Err(_) => self.classify_with(input, &mut Scratch::default()),
        })
    }
}

impl LexiconClassifier {
    fn classify_with(&self, input: &StatementText<'_>, scratch: &mut Scratch) -> Classification {
        let text = input.text;
        let clamp = |s: Span| {
            let end = floor_boundary(text, s.end.min(text.len()));
            Span::new(floor_boundary(text, s.start.min(end)), end)
        };
        let mut content = clamp(input.content);
        let cue = input.cue.map(clamp);
        let first = cue.map_or(content.start, |c| c.start.min(content.start));
        // The words a statement is read on: from its sentence's start (for
        // "reportedly said", "did not deny"), at most `MAX_BEFORE` bytes
        // before it, to at most `MAX_READ` bytes after its start. A run-on
        // "sentence" of scraped text costs no more than a real one.
        let mut start = first;
        if let Some(s) = input.sentence.map(clamp) {
            if s.start <= start && start <= s.end {
                start = s.start.max(first.saturating_sub(MAX_BEFORE));
            }
        }
        let start = ceil_boundary(text, start);
        let limit = floor_boundary(text, (first + MAX_READ).min(text.len()));
        let end = cue
            .map_or(content.end, |c| c.end.max(content.end))
            .min(limit);
        content = Span::new(content.start.min(end), content.end.min(end));
        let region = scratch.fill(
            &self.lexicon,
            text,
            Span::new(start, end.max(start)),
            content.start.max(cue.map_or(0, |c| c.end)),
        );
        Reading {
            lex: &self.lexicon,
            region,
            content,
            cue,
            cue_lemma: input.cue_lemma,
            actors: input.actors,
        }
        .classify()
    }
}

/// How far before a statement its sentence is read, in bytes.
const MAX_BEFORE: usize = 120;
/// How much of a statement is read, in bytes from its start.
const MAX_READ: usize = 800;

/// The smallest char boundary at or after `pos`.
fn ceil_boundary(text: &str, mut pos: usize) -> usize {
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

/// The largest char boundary at or before `pos`.
fn floor_boundary(text: &str, mut pos: usize) -> usize {
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Builds a [`LexiconClassifier`] from the built-in lists and your own, in
/// the formats of the [module docs](crate::classify#data-formats).
///
/// # Examples
///
/// ```
/// use standpoint::classify::{LexiconClassifier, Topic};
///
/// let classifier = LexiconClassifier::builder()
///     .topic(Topic::new("grain-deal", "Black Sea grain deal")
///         .with_keywords(["grain deal", "grain corridor"]))
///     .stance_tsv("mine.tsv", "term\tpolarity\tweight\nlifeline\tsupport\t0.6\n")
///     .build()
///     .unwrap();
/// let c = classifier.classify_sentence("Ankara said the grain deal was a lifeline.");
/// assert_eq!(c.topics, ["grain-deal", "humanitarian-aid"]);
/// assert_eq!(c.stance, standpoint::Stance::Support);
///
/// let err = LexiconClassifier::builder()
///     .stance_tsv("bad.tsv", "term\tpolarity\nfoo\tsideways\n")
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "bad.tsv:2: bad value \"sideways\" in column `polarity`");
/// ```
#[derive(Debug, Clone)]
pub struct LexiconClassifierBuilder {
    builtin: bool,
    sources: Vec<(Kind, String, String)>,
    topics: Vec<Topic>,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Stance,
    Acts,
    Negation,
    Modality,
    Topics,
}

impl LexiconClassifierBuilder {
    /// Whether to start from the built-in lists (default `true`).
    pub fn builtin(&mut self, yes: bool) -> &mut Self {
        self.builtin = yes;
        self
    }

    /// Adds stance terms (columns `term`, `polarity`, `weight`,
    /// `category`).
    pub fn stance_tsv(&mut self, file: &str, text: &str) -> &mut Self {
        self.sources.push((Kind::Stance, file.into(), text.into()));
        self
    }

    /// Adds speech-act cues (columns `cue`, `act`, `cameo`, `plover`,
    /// `stance`, `weight`).
    pub fn acts_tsv(&mut self, file: &str, text: &str) -> &mut Self {
        self.sources.push((Kind::Acts, file.into(), text.into()));
        self
    }

    /// Adds negators, non-negators and reversers (columns `term`, `kind`,
    /// `weight`, `scope`).
    pub fn negation_tsv(&mut self, file: &str, text: &str) -> &mut Self {
        self.sources
            .push((Kind::Negation, file.into(), text.into()));
        self
    }

    /// Adds modality markers (columns `term`, `kind`, `weight`).
    pub fn modality_tsv(&mut self, file: &str, text: &str) -> &mut Self {
        self.sources
            .push((Kind::Modality, file.into(), text.into()));
        self
    }

    /// Adds topics (columns `topic`, `label`, `keywords`, `anchors`,
    /// `anchor_words`).
    pub fn topics_tsv(&mut self, file: &str, text: &str) -> &mut Self {
        self.sources.push((Kind::Topics, file.into(), text.into()));
        self
    }

    /// Adds one topic.
    pub fn topic(&mut self, topic: Topic) -> &mut Self {
        self.topics.push(topic);
        self
    }

    /// Checks the lists and compiles the classifier.
    ///
    /// # Errors
    ///
    /// An [`Error::Data`] naming the file and line of a bad entry, or an
    /// [`Error::Automaton`] if the automaton cannot be built.
    pub fn build(&self) -> Result<LexiconClassifier, Error> {
        let mut tables = Tables::default();
        let mut load = |kind: Kind, file: &str, text: &str| match kind {
            Kind::Stance => tables.stance_tsv(file, text),
            Kind::Acts => tables.acts_tsv(file, text),
            Kind::Negation => tables.negation_tsv(file, text),
            Kind::Modality => tables.modality_tsv(file, text),
            Kind::Topics => tables.topics_tsv(file, text),
        };
        if self.builtin {
            for (kind, (file, text)) in [
                (Kind::Stance, BUILTIN_STANCE),
                (Kind::Acts, BUILTIN_ACTS),
                (Kind::Negation, BUILTIN_NEGATION),
                (Kind::Modality, BUILTIN_MODALITY),
                (Kind::Topics, BUILTIN_TOPICS),
            ] {
                load(kind, file, text)?;
            }
        }
        for (kind, file, text) in &self.sources {
            load(*kind, file, text)?;
        }
        // Your own topics come first: they win the order of the output.
        tables.topics.splice(0..0, self.topics.iter().cloned());
        Ok(LexiconClassifier {
            lexicon: Arc::new(tables.compile()?),
        })
    }
}
