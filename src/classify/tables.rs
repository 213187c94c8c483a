//! The classifier's tables as read from TSV: stance terms, act cues,
//! negation, modality and topics. The formats are documented at the top of
//! each built-in file in `src/classify/data/` and in the module docs.

use super::Topic;
use crate::error::Error;
use crate::tsv;
use crate::{SpeechAct, Stance};

/// The polarity of a stance term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Polarity {
    Support,
    Oppose,
    Ambivalent,
}

impl Polarity {
    pub(crate) fn flipped(self) -> Polarity {
        match self {
            Polarity::Support => Polarity::Oppose,
            Polarity::Oppose => Polarity::Support,
            Polarity::Ambivalent => Polarity::Ambivalent,
        }
    }
}

/// What kind of stance term a term is; see `stance.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    /// Any support category (endorse, praise, progress, ...).
    Support,
    /// Oppose categories a reverser cannot flip (threat, harm, ...).
    Harm,
    /// Rejection and criticism: "drop its objections".
    Rejection,
    /// Sanctions and other measures: "lift sanctions".
    Measure,
    /// A military withdrawal: opposes whom it is demanded of, supports when
    /// the speaker commits to it.
    Withdrawal,
    /// A bare preposition of opposition ("against"): it says nothing of
    /// its own after a measure or topic it continues ("sanctions against").
    Direction,
    /// An arrest or a sentence: opposes the one punished; its grounds
    /// ("for collaborating with ...") are the charge, not the speaker's
    /// stance.
    Punishment,
    /// What a denial says of an accusation: "baseless".
    Falsehood,
    /// Ambivalence that makes a statement neutral (complexity, caution...).
    Ambivalence,
    /// Ambivalence that makes it mixed (division, conditionality).
    Division,
}

/// The category names of `stance.tsv`, with what they mean to the
/// classifier.
const CATEGORIES: &[(&str, Category)] = &[
    ("endorse", Category::Support),
    ("praise", Category::Support),
    ("progress", Category::Support),
    ("cooperation", Category::Support),
    ("partnership", Category::Support),
    ("solidarity", Category::Support),
    ("guarantee", Category::Support),
    ("stability", Category::Support),
    ("necessity", Category::Support),
    ("legitimacy", Category::Support),
    ("alignment", Category::Support),
    ("peace", Category::Support),
    ("threat", Category::Harm),
    ("harm", Category::Harm),
    ("violation", Category::Harm),
    ("illegitimacy", Category::Harm),
    ("hostility", Category::Harm),
    ("destabilization", Category::Harm),
    ("unacceptability", Category::Harm),
    ("folly", Category::Harm),
    ("blame", Category::Harm),
    ("falsehood", Category::Falsehood),
    ("criticism", Category::Rejection),
    ("rejection", Category::Rejection),
    ("measure", Category::Measure),
    ("withdrawal", Category::Withdrawal),
    ("direction", Category::Direction),
    ("punishment", Category::Punishment),
    ("complexity", Category::Ambivalence),
    ("balance", Category::Ambivalence),
    ("uncertainty", Category::Ambivalence),
    ("caution", Category::Ambivalence),
    ("neutrality", Category::Ambivalence),
    ("division", Category::Division),
    ("conditionality", Category::Division),
];

/// How far a negator reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// To the end of the clause.
    Clause,
    /// The next few words.
    Phrase,
    /// The verb phrase after "refused to": the verb before it is the act.
    Complement,
}

/// What a negation entry does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NegationKind {
    Negator(Scope),
    NonNegator,
    Reverser,
}

/// A modality marker's effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modality {
    Hedge,
    Conditional,
    Question,
    Hypothetical,
    Booster,
    /// Opens a temporal or circumstantial adjunct ("after years of war",
    /// "amid tensions"): the background of the claim, not the claim.
    Background,
    /// Restricts the act right after it to a condition ("would only
    /// welcome him in Jerusalem"): a conditional stance.
    Restrictive,
}

#[derive(Debug, Clone)]
pub(crate) struct StanceTerm {
    pub term: String,
    pub polarity: Polarity,
    pub weight: f32,
    pub category: Category,
}

#[derive(Debug, Clone)]
pub(crate) struct ActCue {
    pub cue: String,
    pub act: SpeechAct,
    pub stance: Option<Stance>,
    pub weight: f32,
    /// An act only as an intent ("will provide").
    pub intent: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct NegationEntry {
    pub term: String,
    pub kind: NegationKind,
    pub weight: f32,
}

#[derive(Debug, Clone)]
pub(crate) struct ModalityEntry {
    pub term: String,
    pub kind: Modality,
    pub weight: f32,
}

/// The tables a [`Lexicon`](super::lexicon::Lexicon) is compiled from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    pub stance: Vec<StanceTerm>,
    pub acts: Vec<ActCue>,
    pub negation: Vec<NegationEntry>,
    pub modality: Vec<ModalityEntry>,
    pub topics: Vec<Topic>,
}

impl Tables {
    pub(crate) fn stance_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let cols = &["term", "polarity", "weight", "category", "note"];
        for row in tsv::parse(file, text, cols, &["term", "polarity"])? {
            let p = row.required("polarity")?;
            let polarity = match p {
                "support" => Polarity::Support,
                "oppose" => Polarity::Oppose,
                "ambivalent" | "mixed" => Polarity::Ambivalent,
                other => return Err(row.bad("polarity", other)),
            };
            let category = match row.get("category") {
                None => match polarity {
                    Polarity::Support => Category::Support,
                    Polarity::Oppose => Category::Harm,
                    Polarity::Ambivalent => Category::Ambivalence,
                },
                Some(c) => CATEGORIES
                    .iter()
                    .find(|(name, _)| *name == c)
                    .map(|&(_, cat)| cat)
                    .ok_or_else(|| row.bad("category", c))?,
            };
            self.stance.push(StanceTerm {
                term: term(&row, "term")?,
                polarity,
                weight: weight(&row, 0.5)?,
                category,
            });
        }
        Ok(())
    }

    pub(crate) fn acts_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let cols = &[
            "cue", "act", "cameo", "plover", "stance", "weight", "mode", "note",
        ];
        for row in tsv::parse(file, text, cols, &["cue", "act"])? {
            let a = row.required("act")?;
            let act = SpeechAct::parse(a).ok_or_else(|| row.bad("act", a))?;
            if let Some(code) = row.get("cameo") {
                if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(row.bad("cameo", code));
                }
            }
            if let Some(p) = row.get("plover") {
                if !PLOVER.contains(&p) {
                    return Err(row.bad("plover", p));
                }
            }
            let stance = match row.get("stance") {
                None => None,
                Some(s) => Some(Stance::parse(s).ok_or_else(|| row.bad("stance", s))?),
            };
            let cue = term(&row, "cue")?;
            if cue.starts_with("...") || cue.ends_with("...") {
                return Err(row.bad("cue", &cue));
            }
            let intent = match row.get("mode") {
                None => false,
                Some("intent") => true,
                Some(other) => return Err(row.bad("mode", other)),
            };
            self.acts.push(ActCue {
                cue,
                act,
                stance,
                weight: weight(&row, 0.4)?,
                intent,
            });
        }
        Ok(())
    }

    pub(crate) fn negation_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let cols = &["term", "kind", "weight", "scope", "note"];
        for row in tsv::parse(file, text, cols, &["term", "kind"])? {
            let kind = match row.required("kind")? {
                "negator" => NegationKind::Negator(match row.get("scope") {
                    None | Some("clause") => Scope::Clause,
                    Some("phrase") => Scope::Phrase,
                    Some("complement") => Scope::Complement,
                    Some(other) => return Err(row.bad("scope", other)),
                }),
                "non_negator" => NegationKind::NonNegator,
                "reverser" => NegationKind::Reverser,
                other => return Err(row.bad("kind", other)),
            };
            self.negation.push(NegationEntry {
                term: term(&row, "term")?,
                kind,
                weight: weight(&row, 1.0)?,
            });
        }
        Ok(())
    }

    pub(crate) fn modality_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(file, text, &["term", "kind", "weight"], &["term", "kind"])? {
            let kind = match row.required("kind")? {
                "hedge" => Modality::Hedge,
                "conditional" => Modality::Conditional,
                "question" => Modality::Question,
                "hypothetical" => Modality::Hypothetical,
                "booster" => Modality::Booster,
                "background" => Modality::Background,
                "restrictive" => Modality::Restrictive,
                other => return Err(row.bad("kind", other)),
            };
            self.modality.push(ModalityEntry {
                term: term(&row, "term")?,
                kind,
                weight: weight(&row, 0.2)?,
            });
        }
        Ok(())
    }

    pub(crate) fn topics_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let cols = &["topic", "label", "keywords", "anchors", "anchor_words"];
        for row in tsv::parse(file, text, cols, &["topic", "keywords"])? {
            let id = row.required("topic")?;
            let lower = |items: Vec<&str>| items.into_iter().map(str::to_lowercase).collect();
            self.topics.push(Topic {
                id: id.to_string(),
                label: row.get("label").unwrap_or(id).to_string(),
                keywords: lower(row.list("keywords")?),
                anchors: row
                    .list("anchors")?
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                anchor_words: lower(row.list("anchor_words")?),
            });
        }
        Ok(())
    }
}

/// The PLOVER categories an act cue may name.
const PLOVER: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// A lower-case term: no empty term, no `*` except at the end.
fn term(row: &tsv::Row<'_>, column: &'static str) -> Result<String, Error> {
    let t = row.required(column)?.to_lowercase();
    let body = t.strip_suffix('*').unwrap_or(&t);
    if body.trim().is_empty() || body.contains('*') {
        return Err(row.bad(column, &t));
    }
    Ok(t)
}

fn weight(row: &tsv::Row<'_>, default: f32) -> Result<f32, Error> {
    let w = row.number("weight", default)?;
    if !(0.0..=1.0).contains(&w) {
        return Err(row.bad("weight", row.get("weight").unwrap_or("")));
    }
    Ok(w)
}
