//! The word lexicon of the mention stage: titles, group nouns, pronouns,
//! modifiers and definite descriptions, compiled into one automaton.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::Error;
use crate::gazetteer::Gazetteer;
use crate::text::is_whole_word;
use crate::{ActorKind, Span};

/// Personal pronouns that can refer to actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he, him, his
    Masculine,
    /// she, her, hers
    Feminine,
    /// they, them, their
    Plural,
}

const PRONOUNS: &[(&str, Pronoun)] = &[
    ("he", Pronoun::Masculine),
    ("him", Pronoun::Masculine),
    ("his", Pronoun::Masculine),
    ("she", Pronoun::Feminine),
    ("her", Pronoun::Feminine),
    ("hers", Pronoun::Feminine),
    ("they", Pronoun::Plural),
    ("them", Pronoun::Plural),
    ("their", Pronoun::Plural),
];

/// Words before a title that stay part of the title phrase.
const MODIFIERS: &[&str] = &[
    "former",
    "ex",
    "acting",
    "outgoing",
    "incoming",
    "interim",
    "then",
    "late",
    "newly elected",
    "caretaker",
];

/// Heads of organisation names that a definite description may use alone
/// ("the alliance" for the North Atlantic Alliance).
const DESCRIPTION_HEADS_MIN_LEN: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// Index into the gazetteer's titles.
    Title(u32),
    /// Index into the gazetteer's group nouns.
    Group(u32),
    Pronoun(Pronoun),
    Modifier,
    /// "the alliance", "the minister": index into the description heads.
    Description(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordHit {
    pub span: Span,
    pub class: WordClass,
}

/// A head noun used in definite descriptions, and what it can refer to.
#[derive(Debug, Clone)]
pub(crate) struct DescriptionHead {
    pub head: String,
    /// Gazetteer actors (organisations, groups) whose names end in the head.
    pub actors: Vec<u32>,
    /// Whether the head is a title word ("president"): it then refers to a
    /// person holding that title.
    pub title: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct WordLexicon {
    automaton: AhoCorasick,
    classes: Vec<WordClass>,
    pub heads: Vec<DescriptionHead>,
}

impl WordLexicon {
    pub(crate) fn new(gaz: &Gazetteer) -> Result<WordLexicon, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut classes: Vec<WordClass> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut add = |p: String, c: WordClass| {
            if !seen.contains_key(&p) {
                seen.insert(p.clone(), patterns.len());
                patterns.push(p);
                classes.push(c);
            }
        };
        let mut heads: Vec<DescriptionHead> = Vec::new();
        let mut head_index: HashMap<String, usize> = HashMap::new();
        for (i, t) in gaz.titles().iter().enumerate() {
            let lower = t.text.to_lowercase();
            if let Some(last) = lower.split_whitespace().last() {
                if last.len() >= DESCRIPTION_HEADS_MIN_LEN && !head_index.contains_key(last) {
                    head_index.insert(last.to_string(), heads.len());
                    heads.push(DescriptionHead {
                        head: last.to_string(),
                        actors: Vec::new(),
                        title: Some(i as u32),
                    });
                }
            }
        }
        for (i, a) in gaz.actors().iter().enumerate() {
            if !matches!(a.kind, ActorKind::Organization | ActorKind::Group) {
                continue;
            }
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                let words: Vec<&str> = name.split_whitespace().collect();
                if words.len() < 2 {
                    continue;
                }
                let last = words[words.len() - 1];
                let lower = last.to_lowercase();
                if lower.len() < DESCRIPTION_HEADS_MIN_LEN
                    || !lower.chars().all(char::is_alphabetic)
                {
                    continue;
                }
                let h = *head_index.entry(lower.clone()).or_insert_with(|| {
                    heads.push(DescriptionHead {
                        head: lower,
                        actors: Vec::new(),
                        title: None,
                    });
                    heads.len() - 1
                });
                if !heads[h].actors.contains(&(i as u32)) {
                    heads[h].actors.push(i as u32);
                }
            }
        }
        for (i, h) in heads.iter().enumerate() {
            add(format!("the {}", h.head), WordClass::Description(i as u32));
        }
        for (i, t) in gaz.titles().iter().enumerate() {
            add(t.text.to_lowercase(), WordClass::Title(i as u32));
        }
        for (i, g) in gaz.group_nouns().iter().enumerate() {
            add(g.noun.to_lowercase(), WordClass::Group(i as u32));
        }
        for &(p, kind) in PRONOUNS {
            add(p.to_string(), WordClass::Pronoun(kind));
        }
        for m in MODIFIERS {
            add(m.to_string(), WordClass::Modifier);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| Error::automaton("mention lexicon", e))?;
        Ok(WordLexicon {
            automaton,
            classes,
            heads,
        })
    }

    /// Every whole-word hit in `text`, in order.
    pub(crate) fn scan(&self, text: &str) -> Vec<WordHit> {
        self.automaton
            .find_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| WordHit {
                span: Span::new(m.start(), m.end()),
                class: self.classes[m.pattern().as_usize()],
            })
            .collect()
    }
}
