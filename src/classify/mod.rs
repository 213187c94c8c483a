//! The sentence classifier: speech act, stance, topics, negation and
//! modality of a statement.
//!
//! The fifth stage of the pipeline. [`SentenceClassifier`] is the trait the
//! [`Analyzer`](crate::Analyzer) calls for each statement; plug in your own
//! model through [`AnalyzerBuilder::classifier`](crate::AnalyzerBuilder::classifier).
//! [`LexiconClassifier`] is the default: word lists (data files in
//! `src/classify/data/`) compiled into one trie of patterns, read
//! with negation scope and modality.
//!
//! # Examples
//!
//! ```
//! use standpoint::classify::LexiconClassifier;
//! use standpoint::{SpeechAct, Stance};
//!
//! let classifier = LexiconClassifier::builtin();
//! let c = classifier.classify_sentence("Moscow views the move as a direct threat.");
//! assert_eq!(c.stance, Stance::Oppose);
//!
//! let c = classifier.classify_sentence("Kyiv said it did not oppose the plan.");
//! assert_eq!((c.act, c.stance), (SpeechAct::Assert, Stance::Support));
//! assert!(c.negated);
//!
//! let c = classifier.classify_sentence("Turkey accused Sweden of harbouring militants.");
//! assert_eq!((c.act, c.stance), (SpeechAct::Accuse, Stance::Oppose));
//! ```
//!
//! # How the lexicon classifier decides
//!
//! It scans the statement's sentence once with its automaton, then:
//!
//! 1. **The act.** The act of the cue ("accused" is *accuse*). When the cue
//!    only reports ("said", "stressed", "according to"), a more specific act
//!    among the first words of the content wins: "stressed that Moscow had
//!    always opposed ..." is *reject*, "said Britain stood with Ukraine" is
//!    *support*. An act cue may hold a gap: "accuse ... of war crimes",
//!    "call on ... to". A plain statement of what will be done unless
//!    another acts is an ultimatum, *threaten* ("announced it will recall
//!    its force unless ..."); so is a material verb after "will", "may" or
//!    "could" ("the bloc may halt its mediation"). The day of the act may
//!    sit inside a cue ("called Thursday on Arabs to ...").
//! 2. **Its negation.** A negator at most three words before the act
//!    ("did not oppose", "has never supported") turns the act into an
//!    assertion (*agree* into *reject*, *deny* into *concede*) and its own
//!    stance to the other side, weaker; after "refused to", "failed to"
//!    the act's object is negated with it ("refused to commit to any
//!    assistance").
//! 3. **The content's stance terms**, each once (the longest term wins):
//!    a reverser governs the next term ("lift sanctions", "an end to arms
//!    deliveries"); a negator flips the first term in its scope, to the end
//!    of the clause ("is not a threat"); fixed phrases do not negate ("not
//!    merely", "refused to rule out", "without delay"); terms in an embedded
//!    question ("asked whether ...") count less; after an act that is an
//!    evaluation (praise, criticize, accuse, thank, apologize) the content
//!    only describes what is evaluated and counts less; a denial counts only
//!    what it says of the accusation ("baseless"); the condition of a
//!    commitment ("would meet the mediator if he gave them a veto") states
//!    the terms of the deal and does not count; the grounds of an arrest
//!    ("arrested for collaborating with ...") are the charge and count less;
//!    a withdrawal demanded of another opposes it, but one the speaker
//!    commits to ("is willing to withdraw its troops") is a concession and
//!    supports; a bare "against" opposes only in a statement that says nothing
//!    else, and not when it continues a measure ("tougher sanctions
//!    against"); the terms of a background adjunct ("after fifteen years
//!    of occupation", "amid tensions", "in the wake of ...") count only
//!    when the rest of the statement says nothing for or against.
//! 4. **The act's own stance** (*reject* opposes, *praise* supports; a
//!    cue that is no act cue but a stance term, "promoted", gives that
//!    term's stance; a stance or commitment restricted by "only" under a
//!    modal or before a condition, "would only welcome him in Jerusalem",
//!    is conditional: its stance becomes ambivalence that divides, and its
//!    object is the condition; "would only say that" merely reports) and
//!    **advocacy**: an appeal, demand, proposal or promise supports the topic
//!    it names within eight words ("called for a ceasefire"), or opposes it when reversed
//!    ("called for an end to arms deliveries"). A proposal, promise,
//!    agreement or concession with nothing else said supports.
//! 5. **The decision**, on the summed weights: *mixed* when both sides are
//!    strong, *neutral* when ambivalence dominates ("underscored the
//!    complexity"), *mixed* when ambivalence weighs against a side ("a
//!    delicate balance between supporting Kyiv and avoiding tensions"),
//!    otherwise the stronger side, or *neutral*.
//! 6. **The confidence** starts at 0.8; hedges ("reportedly", "may"),
//!    conditionals, questions and hypotheticals lower it, boosters
//!    ("firmly") raise it. Modality never flips a stance.
//!
//! The stance of a statement about a topic is toward the topic: "opposes
//! Ukraine joining NATO" opposes NATO enlargement, not Ukraine.
//!
//! # Data formats
//!
//! All tables are UTF-8, tab-separated, with a header line naming the
//! columns (in any order); lines starting with `#` are comments; lists are
//! `|`-separated. Terms are lower case and match whole words,
//! ASCII-case-insensitively; hyphenated words are one word; a final `*`
//! matches any ending of the last word. Each built-in file documents its
//! columns at its top:
//!
//! | file | columns |
//! |---|---|
//! | `stance.tsv` | `term`, `polarity` (support, oppose, ambivalent), `weight`, `category` |
//! | `acts.tsv` | `cue` (first word inflected; ` ... ` a gap), `act`, `cameo`, `plover`, `stance`, `weight` |
//! | `negation.tsv` | `term`, `kind` (negator, non_negator, reverser), `weight`, `scope` (clause, phrase, complement) |
//! | `modality.tsv` | `term`, `kind` (hedge, conditional, question, hypothetical, booster), `weight` |
//! | `topics.tsv` | `topic`, `label`, `keywords`, `anchors`, `anchor_words` |

mod classifier;
mod lexicon;
mod reading;
mod region;
mod tables;
#[cfg(test)]
mod tests;
mod trie;

pub use classifier::{LexiconClassifier, LexiconClassifierBuilder};

use serde::{Deserialize, Serialize};

use crate::{ActorId, Span, SpeechAct, Stance};

/// What a classifier is given: one statement in its text.
///
/// # Examples
///
/// ```
/// use standpoint::classify::{LexiconClassifier, SentenceClassifier, StatementText};
/// use standpoint::{Span, Stance};
///
/// let text = "Officials said the sanctions were unacceptable.";
/// let input = StatementText::new(text, Span::new(15, 46)).with_cue(Span::new(10, 14), Some("say"));
/// let c = LexiconClassifier::builtin().classify(&input);
/// assert_eq!(c.stance, Stance::Oppose);
/// assert_eq!(c.topics, ["sanctions"]);
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct StatementText<'a> {
    /// The text the spans point into (a document or a sentence).
    pub text: &'a str,
    /// The cue ("reiterated"), if any.
    pub cue: Option<Span>,
    /// The cue's lemma ("reiterate"), if known.
    pub cue_lemma: Option<&'a str>,
    /// What was said.
    pub content: Span,
    /// The sentence holding the statement, if known: hedges and negators
    /// before the cue ("reportedly said", "did not deny") count too.
    pub sentence: Option<Span>,
    /// The actors mentioned in the statement's sentence, for topic anchors.
    pub actors: &'a [ActorId],
}

impl<'a> StatementText<'a> {
    /// A statement whose content is `content` of `text`, with no cue.
    pub fn new(text: &'a str, content: Span) -> StatementText<'a> {
        StatementText {
            text,
            cue: None,
            cue_lemma: None,
            content,
            sentence: None,
            actors: &[],
        }
    }

    /// A whole sentence as the content, with no cue.
    pub fn sentence(text: &'a str) -> StatementText<'a> {
        StatementText::new(text, Span::new(0, text.len())).with_sentence(Span::new(0, text.len()))
    }

    /// Sets the cue and its lemma.
    pub fn with_cue(mut self, cue: Span, lemma: Option<&'a str>) -> StatementText<'a> {
        self.cue = Some(cue);
        self.cue_lemma = lemma;
        self
    }

    /// Sets the sentence the statement is in.
    pub fn with_sentence(mut self, sentence: Span) -> StatementText<'a> {
        self.sentence = Some(sentence);
        self
    }

    /// Sets the actors mentioned in the sentence.
    pub fn with_actors(mut self, actors: &'a [ActorId]) -> StatementText<'a> {
        self.actors = actors;
        self
    }
}

/// What a classifier says about a statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Classification {
    /// The speech act.
    pub act: SpeechAct,
    /// The stance toward the statement's topics and targets.
    pub stance: Stance,
    /// The stance as a number in `[-1, 1]`.
    pub score: f32,
    /// Topic ids.
    pub topics: Vec<String>,
    /// Whether the act or a stance term was negated.
    pub negated: bool,
    /// Whether the statement is hedged ("reportedly", "may").
    pub hedged: bool,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}

impl Classification {
    /// A classification with no topics, not negated, not hedged, with the
    /// score of the stance (+1, -1 or 0) and full confidence.
    pub fn new(act: SpeechAct, stance: Stance) -> Classification {
        Classification {
            act,
            stance,
            score: stance.sign(),
            topics: Vec::new(),
            negated: false,
            hedged: false,
            confidence: 1.0,
        }
    }
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
///         Classification::new(SpeechAct::Assert, Stance::Neutral)
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
/// be mentioned for the topic to be found (like the concepts of discourse
/// network analysis).
///
/// # Examples
///
/// ```
/// use standpoint::classify::Topic;
///
/// let topic = Topic::new("grain-deal", "Black Sea grain deal")
///     .with_keywords(["grain deal", "grain corridor"]);
/// assert_eq!(topic.keywords.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Topic {
    /// Stable id ("nato-enlargement").
    pub id: String,
    /// Human-readable label.
    pub label: String,
    /// Lower-case keywords or phrases; a trailing `*` matches any ending.
    pub keywords: Vec<String>,
    /// Actor ids; when not empty, one must be mentioned in the sentence, or
    /// named by the keyword.
    pub anchors: Vec<String>,
    /// Words that name an anchor inside a keyword ("alliance" in "join the
    /// alliance"); an anchor id always does ("nato membership").
    #[serde(default)]
    pub anchor_words: Vec<String>,
}

impl Topic {
    /// A topic with no keywords and no anchors.
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Topic {
        Topic {
            id: id.into(),
            label: label.into(),
            keywords: Vec::new(),
            anchors: Vec::new(),
            anchor_words: Vec::new(),
        }
    }

    /// Adds keywords (lower-cased).
    pub fn with_keywords<I, S>(mut self, keywords: I) -> Topic
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.keywords
            .extend(keywords.into_iter().map(|k| k.as_ref().to_lowercase()));
        self
    }

    /// Adds anchor actor ids.
    pub fn with_anchors<I, S>(mut self, anchors: I) -> Topic
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.anchors.extend(anchors.into_iter().map(Into::into));
        self
    }
}
