//! The sentence classifier: speech act, stance, topics, negation and
//! modality of a statement.
//!
//! The fifth stage of the pipeline. [`SentenceClassifier`] is the trait the
//! [`Analyzer`](crate::Analyzer) calls for each statement; plug in your own
//! model through [`AnalyzerBuilder::classifier`](crate::AnalyzerBuilder::classifier).
//! [`LexiconClassifier`] is the default: data-driven word lists with
//! negation scope and modality.
//!
//! # Examples
//!
//! ```
//! use standpoint::classify::LexiconClassifier;
//! use standpoint::Stance;
//!
//! let classifier = LexiconClassifier::builtin();
//! let c = classifier.classify_sentence("Moscow views the move as a direct threat.");
//! assert_eq!(c.stance, Stance::Oppose);
//! let c = classifier.classify_sentence("Kyiv said it did not oppose the plan.");
//! assert_eq!(c.stance, Stance::Support);
//! assert!(c.negated);
//! ```

mod lexicon;

use serde::{Deserialize, Serialize};

use crate::attribution::CueLexicon;
use crate::error::Error;
use crate::text::{next_token, prev_token};
use crate::{ActorId, Span, SpeechAct, Stance};

use lexicon::{Modality, Polarity, Role, Tables};

/// What a classifier is given: one statement in its text.
#[derive(Debug, Clone, Copy)]
pub struct StatementText<'a> {
    /// The text the spans point into (a document or a sentence).
    pub text: &'a str,
    /// The cue ("reiterated"), if any.
    pub cue: Option<Span>,
    /// The cue's lemma ("reiterate"), if known.
    pub cue_lemma: Option<&'a str>,
    /// What was said.
    pub content: Span,
    /// The actors mentioned in the statement's sentence, for topic anchors.
    pub actors: &'a [ActorId],
}

impl<'a> StatementText<'a> {
    /// A whole sentence as the content, with no cue.
    pub fn sentence(text: &'a str) -> StatementText<'a> {
        StatementText {
            text,
            cue: None,
            cue_lemma: None,
            content: Span::new(0, text.len()),
            actors: &[],
        }
    }
}

/// What a classifier says about a statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The speech act.
    pub act: SpeechAct,
    /// The stance.
    pub stance: Stance,
    /// The stance as a number in `[-1, 1]`.
    pub score: f32,
    /// Topic ids.
    pub topics: Vec<String>,
    /// Whether stance words were negated.
    pub negated: bool,
    /// Whether the statement is hedged.
    pub hedged: bool,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}

/// Classifies statements. Implement it to plug your own model into the
/// [`Analyzer`](crate::Analyzer).
///
/// # Examples
///
/// ```
/// use standpoint::classify::{Classification, SentenceClassifier, StatementText};
/// use standpoint::{SpeechAct, Stance};
///
/// #[derive(Debug)]
/// struct AlwaysNeutral;
///
/// impl SentenceClassifier for AlwaysNeutral {
///     fn classify(&self, _: &StatementText<'_>) -> Classification {
///         Classification {
///             act: SpeechAct::Assert,
///             stance: Stance::Neutral,
///             score: 0.0,
///             topics: vec![],
///             negated: false,
///             hedged: false,
///             confidence: 1.0,
///         }
///     }
/// }
///
/// let analyzer = standpoint::Analyzer::builder()
///     .classifier(AlwaysNeutral)
///     .build()
///     .unwrap();
/// let analysis = analyzer.analyze("Putin said NATO is a threat.").unwrap();
/// assert_eq!(analysis.statements[0].stance, Stance::Neutral);
/// ```
pub trait SentenceClassifier: Send + Sync + std::fmt::Debug {
    /// Classifies one statement.
    fn classify(&self, statement: &StatementText<'_>) -> Classification;
}

/// A topic: an id, a label, keywords, and optional anchor actors that must
/// be mentioned for the topic to fire (like the concepts of discourse
/// network analysis).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// Stable id ("nato-enlargement").
    pub id: String,
    /// Human-readable label.
    pub label: String,
    /// Lower-case keywords or phrases; a trailing `*` matches any ending.
    pub keywords: Vec<String>,
    /// Actor ids; when not empty, one must be mentioned in the sentence (or
    /// named by a keyword).
    pub anchors: Vec<String>,
}

const BUILTIN_STANCE: (&str, &str) = ("stance.tsv", include_str!("data/stance.tsv"));
const BUILTIN_ACTS: (&str, &str) = ("acts.tsv", include_str!("data/acts.tsv"));
const BUILTIN_NEGATION: (&str, &str) = ("negation.tsv", include_str!("data/negation.tsv"));
const BUILTIN_MODALITY: (&str, &str) = ("modality.tsv", include_str!("data/modality.tsv"));
const BUILTIN_TOPICS: (&str, &str) = ("topics.tsv", include_str!("data/topics.tsv"));

/// The default classifier: lexicons of stance terms, speech acts, negators,
/// modality markers and topics (data files in `src/classify/data/`).
///
/// Stance comes from the cue's act and the content's terms together;
/// negators flip the stance terms after them to the end of their clause
/// ("did not oppose"), fixed phrases such as "not merely" do not negate;
/// ambivalence terms ("a delicate balance") pull toward neutral or mixed;
/// hedges ("reportedly", "may") lower the confidence.
#[derive(Debug, Clone)]
pub struct LexiconClassifier {
    lexicon: lexicon::Lexicon,
}

static BUILTIN: once_cell::sync::Lazy<LexiconClassifier> = once_cell::sync::Lazy::new(|| {
    LexiconClassifier::builder()
        .build()
        .expect("the built-in classifier lexicons are valid")
});

/// Builds a [`LexiconClassifier`] from the built-in lists and your own.
///
/// # Examples
///
/// ```
/// use standpoint::classify::{LexiconClassifier, Topic};
///
/// let classifier = LexiconClassifier::builder()
///     .topic(Topic {
///         id: "grain-deal".into(),
///         label: "Black Sea grain deal".into(),
///         keywords: vec!["grain deal".into(), "grain corridor".into()],
///         anchors: vec![],
///     })
///     .build()
///     .unwrap();
/// let c = classifier.classify_sentence("Ankara said it welcomed the grain deal.");
/// assert_eq!(c.topics, ["grain-deal"]);
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

    /// Adds stance terms (columns `term`, `polarity`, `weight`).
    pub fn stance_tsv(&mut self, file: &str, text: &str) -> &mut Self {
        self.sources.push((Kind::Stance, file.into(), text.into()));
        self
    }

    /// Adds speech acts (columns `cue`, `act`, `stance`, `weight`).
    pub fn acts_tsv(&mut self, file: &str, text: &str) -> &mut Self {
        self.sources.push((Kind::Acts, file.into(), text.into()));
        self
    }

    /// Adds negators (columns `term`, `kind`).
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

    /// Adds topics (columns `topic`, `label`, `keywords`, `anchors`).
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
        tables.topics.extend(self.topics.iter().cloned());
        Ok(LexiconClassifier {
            lexicon: tables.compile()?,
        })
    }
}

/// Words that close a negation's scope.
const SCOPE_BREAKS: &[&str] = &[
    ",", ";", ":", "—", "but", "while", "although", "whereas", "however", "yet",
];
/// The longest negation scope, in words.
const MAX_SCOPE: usize = 8;

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

    /// Classifies a whole sentence: its first reporting cue (if any) gives
    /// the act, and the rest is the content.
    pub fn classify_sentence(&self, sentence: &str) -> Classification {
        let mut input = StatementText::sentence(sentence);
        if let Some((span, cue)) = CueLexicon::builtin().find_iter(sentence).next() {
            input.cue = Some(span);
            input.cue_lemma = Some(cue.lemma.as_str());
        }
        self.classify(&input)
    }

    fn negation_end(&self, text: &str, from: usize, limit: usize) -> usize {
        let mut end = from;
        let mut cursor = from;
        for _ in 0..MAX_SCOPE {
            let Some(tok) = next_token(text, cursor).filter(|t| t.end <= limit) else {
                return limit;
            };
            if SCOPE_BREAKS.contains(&tok.as_str(text)) {
                return tok.start;
            }
            end = tok.end;
            cursor = tok.end;
        }
        end
    }
}

impl SentenceClassifier for LexiconClassifier {
    fn classify(&self, input: &StatementText<'_>) -> Classification {
        let text = input.text;
        let lex = &self.lexicon;
        let content = Span::new(
            input.content.start.min(text.len()),
            input.content.end.min(text.len()),
        );
        let act_entry = input
            .cue_lemma
            .and_then(|l| lex.acts.get(&l.to_lowercase()));
        let act = act_entry.map_or(SpeechAct::Assert, |e| e.act);
        let (mut support, mut oppose, mut ambivalent) = (0.0f32, 0.0f32, 0.0f32);
        let cue_negated = input.cue.is_some_and(|c| negated_before(text, c.start));
        if let Some(e) = act_entry {
            match e.stance {
                Some(Stance::Support) if !cue_negated => support += e.weight,
                Some(Stance::Oppose) if !cue_negated => oppose += e.weight,
                Some(Stance::Support) => oppose += e.weight * 0.5,
                Some(Stance::Oppose) => support += e.weight * 0.5,
                _ => {}
            }
        }
        let mut negated = cue_negated;
        let mut hedge = 0.0f32;
        let mut boost = 0.0f32;
        let mut topics: Vec<u32> = Vec::new();
        let mut scope_end = 0usize;
        let sentence_scope = sentence_of(text, content);
        let hits = lex.scan(text, sentence_scope);
        for hit in &hits {
            let in_content = content.contains(hit.span);
            for &role in lex.roles(hit) {
                match role {
                    Role::Negator if in_content => {
                        scope_end = self.negation_end(text, hit.span.end, content.end);
                    }
                    Role::Stance(polarity, w) if in_content => {
                        let flip = hit.span.start < scope_end;
                        negated |= flip && polarity != Polarity::Ambivalent;
                        match (polarity, flip) {
                            (Polarity::Support, false) => support += w,
                            (Polarity::Oppose, false) => oppose += w,
                            (Polarity::Support, true) => oppose += w * 0.8,
                            (Polarity::Oppose, true) => support += w * 0.8,
                            (Polarity::Ambivalent, _) => ambivalent += w,
                        }
                    }
                    Role::Modality(kind, w) if in_content || kind == Modality::Hedge => {
                        match kind {
                            Modality::Booster => boost += w,
                            _ => hedge += w,
                        }
                    }
                    Role::Topic(t) if in_content && !topics.contains(&t) => topics.push(t),
                    _ => {}
                }
            }
        }
        let hedged = hedge > 0.0;
        let net = support - oppose;
        let total = support + oppose + ambivalent;
        let stance = if total == 0.0 {
            Stance::Neutral
        } else if ambivalent > 0.0 && ambivalent >= net.abs() {
            if support > 0.0 && oppose > 0.0 {
                Stance::Mixed
            } else {
                Stance::Neutral
            }
        } else if support > 0.0 && oppose > 0.0 && support.min(oppose) / support.max(oppose) > 0.75
        {
            Stance::Mixed
        } else if net > 0.0 {
            Stance::Support
        } else {
            Stance::Oppose
        };
        let score = if total > 0.0 {
            (net / total).clamp(-1.0, 1.0)
        } else {
            0.0
        };
        let strength = (support.max(oppose).max(ambivalent)).min(1.0);
        let confidence = ((0.5 + 0.4 * strength + 0.1 * boost.min(1.0)) * (1.0 - hedge.min(0.6)))
            .clamp(0.05, 1.0);
        let topic_ids = topics
            .into_iter()
            .map(|t| &lex.topics[t as usize])
            .filter(|t| {
                t.anchors.is_empty()
                    || t.anchors
                        .iter()
                        .any(|a| input.actors.iter().any(|x| x == a.as_str()))
            })
            .map(|t| t.id.clone())
            .collect();
        Classification {
            act,
            stance,
            score,
            topics: topic_ids,
            negated,
            hedged,
            confidence,
        }
    }
}

/// The span from the sentence start (as far as the content's paragraph
/// goes back) to the content's end: hedges before the cue count too.
fn sentence_of(text: &str, content: Span) -> Span {
    // Look back at most 300 bytes: the work per statement stays constant.
    let mut floor = content.start.saturating_sub(300);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let head = &text[floor..content.start];
    let start = head
        .rfind(['.', '!', '?', '\n'])
        .map_or(floor, |i| floor + i + 1);
    Span::new(start, content.end)
}

/// Whether "not", "never" or "n't" stands among the two words before `pos`.
fn negated_before(text: &str, pos: usize) -> bool {
    let mut cursor = pos;
    for _ in 0..2 {
        let Some(tok) = prev_token(text, cursor) else {
            return false;
        };
        let w = tok.as_str(text).to_ascii_lowercase();
        if w == "not" || w == "never" || w.ends_with("n't") || w.ends_with("n’t") {
            return true;
        }
        cursor = tok.start;
    }
    false
}
