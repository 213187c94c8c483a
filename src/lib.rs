//! # standpoint
//!
//! Reads news text about politics and international affairs and says *who
//! stands where*: the **actors** (people, states, organisations, with their
//! aliases and metonyms: "Moscow" and "the Kremlin" act for Russia), the
//! **statements** they make (speaker, reporting cue, content, direct or
//! indirect), and their **positions** (support, oppose, neutral or mixed
//! toward a target or topic).
//!
//! The pipeline flows one way, one module per stage:
//!
//! ```text
//! &str ─► text         sentences, quotations, word boundaries
//!      ─► gazetteer    actors, aliases, the Aho-Corasick EntityMatcher
//!      ─► mentions     matched + discovered (titles) + coreferent mentions
//!      ─► attribution  statements: speaker, cue, content
//!      ─► classify     speech act, stance, topic, negation, modality
//!      ─► position     per-actor aggregation, rolled up to states
//!      ─► corpus       many documents: actors merged, positions over time
//!      ─► export       JSON Lines, DNA statement table (CSV), GraphML networks
//! ```
//!
//! [`Analyzer`] chains every stage; each stage is public and usable alone:
//! [`gazetteer::EntityMatcher`] finds actors in any text,
//! [`mentions::Resolver`] resolves titles and coreference, and
//! [`classify::SentenceClassifier`] classifies one statement.
//!
//! # Examples
//!
//! ```
//! let text = "Russian President Vladimir Putin reiterated that Moscow views \
//!             Ukraine's accession to NATO as a direct threat. Washington and \
//!             Brussels have framed NATO expansion as a stabilizing factor.";
//! let analysis = standpoint::analyze(text).unwrap();
//! for st in &analysis.statements {
//!     let speaker = st.speaker.as_ref().unwrap();
//!     println!("{:40} {:12} {}", speaker.span.as_str(text), st.cue.as_str(text), st.stance);
//! }
//! let stances: Vec<(&str, &str)> = analysis
//!     .positions
//!     .iter()
//!     .filter(|p| ["RUS", "USA"].contains(&p.actor.as_str()))
//!     .map(|p| (p.actor.as_str(), p.stance.as_str()))
//!     .collect();
//! assert!(stances.contains(&("RUS", "oppose")));
//! assert!(stances.contains(&("USA", "support")));
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analyzer;
pub mod attribution;
pub mod classify;
pub mod corpus;
mod error;
pub mod export;
pub mod gazetteer;
pub mod mentions;
mod model;
mod position;
pub mod text;
mod tsv;

pub use analyzer::{Analyzer, AnalyzerBuilder, DEFAULT_MAX_INPUT_BYTES};
pub use corpus::Corpus;
pub use error::{DataProblem, Error};
pub use model::{
    Actor, ActorId, ActorKind, Analysis, Date, Document, Mention, MentionKind, Position, Span,
    SpeechAct, Stance, Statement, StatementKind, Term,
};

/// Analyzes `text` (a `&str` or a [`Document`] with a date) with the
/// default [`Analyzer`] (built once, on first use).
///
/// # Errors
///
/// [`Error::InputTooLarge`] for texts over [`DEFAULT_MAX_INPUT_BYTES`].
///
/// # Examples
///
/// ```
/// let analysis = standpoint::analyze("The Kremlin said the plan was unacceptable.").unwrap();
/// assert_eq!(analysis.statements[0].speaker_actor().unwrap(), "RUS");
/// ```
pub fn analyze<'t>(text: impl Into<Document<'t>>) -> Result<Analysis, Error> {
    Analyzer::default().analyze(text)
}

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
