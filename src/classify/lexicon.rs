//! The classifier's word lists, compiled into one automaton.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::Topic;
use crate::error::Error;
use crate::text::{char_after, char_before, is_word_char};
use crate::tsv;
use crate::{Span, SpeechAct, Stance};

/// The polarity of a stance term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Polarity {
    Support,
    Oppose,
    Ambivalent,
}

/// A modality marker's effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modality {
    Hedge,
    Conditional,
    Question,
    Hypothetical,
    Booster,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Role {
    Stance(Polarity, f32),
    Negator,
    NonNegator,
    Modality(Modality, f32),
    Topic(u32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ActEntry {
    pub act: SpeechAct,
    pub stance: Option<Stance>,
    pub weight: f32,
}

/// One term hit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub span: Span,
    pub pattern: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    automaton: AhoCorasick,
    /// Per pattern: whether it matches any word ending (`term*`).
    prefix: Vec<bool>,
    roles: Vec<Vec<Role>>,
    pub acts: HashMap<String, ActEntry>,
    pub topics: Vec<Topic>,
}

/// The raw tables the lexicon is compiled from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    pub terms: Vec<(String, Role)>,
    pub acts: HashMap<String, ActEntry>,
    pub topics: Vec<Topic>,
}

impl Tables {
    pub(crate) fn stance_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(
            file,
            text,
            &["term", "polarity", "weight", "note"],
            &["term", "polarity"],
        )? {
            let p = row.required("polarity")?;
            let polarity = match p {
                "support" => Polarity::Support,
                "oppose" => Polarity::Oppose,
                "ambivalent" | "mixed" => Polarity::Ambivalent,
                other => return Err(row.bad("polarity", other)),
            };
            let weight = weight(&row)?;
            self.terms.push((
                row.required("term")?.to_lowercase(),
                Role::Stance(polarity, weight),
            ));
        }
        Ok(())
    }

    pub(crate) fn negation_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(file, text, &["term", "kind", "note"], &["term", "kind"])? {
            let role = match row.required("kind")? {
                "negator" => Role::Negator,
                "non_negator" => Role::NonNegator,
                // Reversers ("halt", "lift") need the target's structure;
                // they are read but not yet used.
                "reverser" => continue,
                other => return Err(row.bad("kind", other)),
            };
            self.terms
                .push((row.required("term")?.to_lowercase(), role));
        }
        Ok(())
    }

    pub(crate) fn modality_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(
            file,
            text,
            &["term", "kind", "weight", "note"],
            &["term", "kind"],
        )? {
            let kind = match row.required("kind")? {
                "hedge" => Modality::Hedge,
                "conditional" => Modality::Conditional,
                "question" => Modality::Question,
                "hypothetical" => Modality::Hypothetical,
                "booster" => Modality::Booster,
                other => return Err(row.bad("kind", other)),
            };
            let weight = weight(&row)?;
            self.terms.push((
                row.required("term")?.to_lowercase(),
                Role::Modality(kind, weight),
            ));
        }
        Ok(())
    }

    pub(crate) fn acts_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let cols = &["cue", "act", "stance", "weight", "cameo", "plover", "note"];
        for row in tsv::parse(file, text, cols, &["cue", "act"])? {
            let a = row.required("act")?;
            let act = SpeechAct::parse(a).ok_or_else(|| row.bad("act", a))?;
            let stance = match row.get("stance") {
                None => None,
                Some(s) => Some(Stance::parse(s).ok_or_else(|| row.bad("stance", s))?),
            };
            let weight = weight(&row)?;
            self.acts.insert(
                row.required("cue")?.to_lowercase(),
                ActEntry {
                    act,
                    stance,
                    weight,
                },
            );
        }
        Ok(())
    }

    pub(crate) fn topics_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(
            file,
            text,
            &["topic", "label", "keywords", "anchors"],
            &["topic", "keywords"],
        )? {
            let id = row.required("topic")?;
            self.topics.push(Topic {
                id: id.to_string(),
                label: row.get("label").unwrap_or(id).to_string(),
                keywords: row
                    .list("keywords")?
                    .into_iter()
                    .map(str::to_lowercase)
                    .collect(),
                anchors: row
                    .list("anchors")?
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            });
        }
        Ok(())
    }

    pub(crate) fn compile(&self) -> Result<Lexicon, Error> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut prefix: Vec<bool> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let topic_terms = self.topics.iter().enumerate().flat_map(|(i, t)| {
            t.keywords
                .iter()
                .map(move |k| (k.clone(), Role::Topic(i as u32)))
        });
        for (term, role) in self.terms.iter().cloned().chain(topic_terms) {
            let (stem, is_prefix) = match term.strip_suffix('*') {
                Some(s) => (s.to_string(), true),
                None => (term.clone(), false),
            };
            if stem.trim().is_empty() {
                continue;
            }
            let key = format!("{stem}{}", if is_prefix { "*" } else { "" });
            let slot = *index.entry(key).or_insert_with(|| {
                patterns.push(stem);
                prefix.push(is_prefix);
                roles.push(Vec::new());
                patterns.len() - 1
            });
            if !roles[slot].contains(&role) {
                roles[slot].push(role);
            }
        }
        // Leftmost-longest matching reports only the longest pattern at a
        // position: a word also covered by a shorter `term*` gets that
        // term's roles too ("aligning" is a topic keyword and "align*" a
        // stance term).
        let prefixes: Vec<(String, Vec<Role>)> = patterns
            .iter()
            .zip(&prefix)
            .zip(&roles)
            .filter(|((_, &p), _)| p)
            .map(|((s, _), r)| (s.clone(), r.clone()))
            .collect();
        for (i, pattern) in patterns.iter().enumerate() {
            for (stem, extra) in &prefixes {
                if pattern.len() > stem.len()
                    && pattern.starts_with(stem.as_str())
                    && !pattern.contains(' ')
                {
                    for role in extra {
                        if !roles[i].contains(role) {
                            roles[i].push(*role);
                        }
                    }
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| Error::automaton("classifier lexicon", e))?;
        Ok(Lexicon {
            automaton,
            prefix,
            roles,
            acts: self.acts.clone(),
            topics: self.topics.clone(),
        })
    }
}

fn weight(row: &tsv::Row<'_>) -> Result<f32, Error> {
    let w = row.number("weight", 0.5)?;
    if !(0.0..=1.0).contains(&w) {
        return Err(row.bad("weight", row.get("weight").unwrap_or("")));
    }
    Ok(w)
}

impl Lexicon {
    /// The term hits inside `span`, whole words (a prefix term extends to
    /// the end of its word).
    pub(crate) fn scan(&self, text: &str, span: Span) -> Vec<Hit> {
        let region = &text[span.start..span.end];
        let mut out = Vec::new();
        for m in self.automaton.find_iter(region) {
            let start = span.start + m.start();
            let mut end = span.start + m.end();
            let p = m.pattern().as_usize();
            if char_before(text, start).is_some_and(is_word_char) {
                continue;
            }
            if self.prefix[p] {
                while let Some(c) = char_after(text, end).filter(|&c| is_word_char(c)) {
                    end += c.len_utf8();
                }
            } else if char_after(text, end).is_some_and(is_word_char) {
                continue;
            }
            // A capitalised hit inside a sentence is a name ("May", "Chad").
            let first = text[start..].chars().next();
            if first.is_some_and(char::is_uppercase)
                && start > span.start
                && !after_terminal(text, start)
            {
                continue;
            }
            out.push(Hit {
                span: Span::new(start, end.min(span.end.max(end))),
                pattern: p as u32,
            });
        }
        out
    }

    pub(crate) fn roles(&self, hit: &Hit) -> &[Role] {
        &self.roles[hit.pattern as usize]
    }
}

fn after_terminal(text: &str, pos: usize) -> bool {
    let head = text[..pos]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '('));
    head.is_empty() || head.ends_with(['.', '!', '?', ':', ';'])
}
