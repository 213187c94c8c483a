//! The Aho-Corasick actor matcher.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use once_cell::sync::Lazy;

use super::Gazetteer;
use crate::error::Error;
use crate::text::is_whole_word;
use crate::{Actor, MentionKind, Span};

/// One way of writing one actor's name.
#[derive(Debug, Clone)]
struct Variant {
    /// The name as written in the gazetteer, without a leading "the".
    text: Box<str>,
    actor: u32,
    how: MentionKind,
    exact: bool,
    /// The gazetteer also writes the name with "the" ("the Kremlin"): a
    /// "the" before it belongs to the mention.
    takes_the: bool,
}

/// Finds the actors of a [`Gazetteer`] in text with one leftmost-longest
/// Aho-Corasick scan.
///
/// Matches are whole words by Unicode rules ("Iran" is not found in
/// "Iranian" unless "Iranian" is itself a name), follow the gazetteer's case
/// rule ("US" never matches "us") and include possessives ("Ukraine's" gives
/// "Ukraine"). Hyphenated names in the gazetteer win over their parts
/// ("Ukraine-NATO Council"); otherwise a hyphen separates two names
/// ("Russia-Ukraine talks").
///
/// Build it once and share it: it is `Send + Sync`, and matching allocates
/// nothing per match.
///
/// # Examples
///
/// ```
/// use standpoint::gazetteer::EntityMatcher;
///
/// let matcher = EntityMatcher::builtin();
/// let text = "Russia-Ukraine talks at the Ukraine-NATO Council; tell us more.";
/// let ids: Vec<&str> = matcher.find_iter(text).map(|m| m.actor.id.as_str()).collect();
/// assert_eq!(ids, ["RUS", "UKR", "NATO_UKRAINE_COUNCIL"]);
/// ```
#[derive(Debug, Clone)]
pub struct EntityMatcher {
    gazetteer: Arc<Gazetteer>,
    automaton: AhoCorasick,
    /// Per automaton pattern: the variants sharing its ASCII-lower-case form,
    /// in priority order.
    variants: Vec<Vec<Variant>>,
}

/// One actor name found in text by an [`EntityMatcher`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ActorMatch<'g> {
    /// The actor.
    pub actor: &'g Actor,
    /// Where the name is.
    pub span: Span,
    /// Which kind of name matched: name, alias, metonym or demonym.
    pub how: MentionKind,
    pub(crate) index: u32,
}

static BUILTIN: Lazy<EntityMatcher> = Lazy::new(|| {
    EntityMatcher::new(Gazetteer::builtin()).expect("the built-in gazetteer compiles")
});

impl EntityMatcher {
    /// Compiles a matcher for `gazetteer`.
    pub fn new(gazetteer: Arc<Gazetteer>) -> Result<EntityMatcher, Error> {
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut variants: Vec<Vec<Variant>> = Vec::new();
        for (i, actor) in gazetteer.actors().iter().enumerate() {
            let names = std::iter::once((&actor.name, MentionKind::Name))
                .chain(actor.aliases.iter().map(|a| (a, MentionKind::Alias)))
                .chain(actor.metonyms.iter().map(|a| (a, MentionKind::Metonym)))
                .chain(actor.adjectives.iter().map(|a| (a, MentionKind::Demonym)));
            for (name, how) in names {
                let full = name.trim();
                let exact = gazetteer.is_exact(full);
                // "the Kremlin" is matched as "Kremlin" and takes the
                // article back afterwards, so that a leading "the" never
                // hides a longer name starting one word later ("the
                // Ukraine-NATO Council").
                let (name, takes_the) = match full.strip_prefix("the ") {
                    Some(rest) => (rest.trim(), true),
                    None => (full, false),
                };
                if name.chars().count() < 2 {
                    continue;
                }
                let key = name.to_ascii_lowercase();
                let slot = *keys.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    variants.push(Vec::new());
                    patterns.len() - 1
                });
                let list = &mut variants[slot];
                if let Some(v) = list
                    .iter_mut()
                    .find(|v| &*v.text == name && v.actor == i as u32)
                {
                    v.takes_the |= takes_the;
                    continue;
                }
                list.push(Variant {
                    text: name.into(),
                    actor: i as u32,
                    how,
                    exact,
                    takes_the,
                });
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| Error::automaton("gazetteer", e))?;
        Ok(EntityMatcher {
            gazetteer,
            automaton,
            variants,
        })
    }

    /// The matcher for the built-in gazetteer, compiled once on first use.
    pub fn builtin() -> &'static EntityMatcher {
        &BUILTIN
    }

    /// The gazetteer this matcher was compiled from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The number of distinct patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.variants.len()
    }

    /// Iterates over the actor names in `text`, left to right, without
    /// overlaps.
    pub fn find_iter<'m, 't>(&'m self, text: &'t str) -> Matches<'m, 't> {
        Matches {
            matcher: self,
            text,
            inner: self.automaton.find_iter(text),
        }
    }

    /// The raw automaton scan without any checks: the number of candidate
    /// matches. The ceiling the full matcher's speed is measured against.
    #[doc(hidden)]
    pub fn raw_scan_count(&self, text: &str) -> usize {
        self.automaton.find_iter(text).count()
    }

    /// Picks the first variant of pattern `pattern` that the text at `span`
    /// satisfies.
    fn accept(&self, text: &str, pattern: usize, span: Span) -> Option<&Variant> {
        if !is_whole_word(text, span.start, span.end) {
            return None;
        }
        let found = &text.as_bytes()[span.start..span.end];
        self.variants[pattern].iter().find(|v| {
            let want = v.text.as_bytes();
            if v.exact {
                return want == found;
            }
            want.iter()
                .zip(found)
                .all(|(w, f)| !w.is_ascii_uppercase() || f.is_ascii_uppercase())
        })
    }
}

/// An iterator over the actor names in a text, created by
/// [`EntityMatcher::find_iter`].
#[derive(Debug)]
pub struct Matches<'m, 't> {
    matcher: &'m EntityMatcher,
    text: &'t str,
    inner: aho_corasick::FindIter<'m, 't>,
}

impl<'m> Iterator for Matches<'m, '_> {
    type Item = ActorMatch<'m>;

    fn next(&mut self) -> Option<ActorMatch<'m>> {
        for m in self.inner.by_ref() {
            let mut span = Span::new(m.start(), m.end());
            if let Some(v) = self.matcher.accept(self.text, m.pattern().as_usize(), span) {
                if v.takes_the {
                    span.start = article_before(self.text, span.start);
                }
                return Some(ActorMatch {
                    actor: self.matcher.gazetteer.actor(v.actor),
                    span,
                    how: v.how,
                    index: v.actor,
                });
            }
        }
        None
    }
}

/// The start of a "the " or "The " right before `start`, else `start`.
fn article_before(text: &str, start: usize) -> usize {
    let head = &text.as_bytes()[..start];
    if head.len() >= 4 && head[head.len() - 1] == b' ' {
        let word = &head[head.len() - 4..head.len() - 1];
        let boundary = head.len() == 4 || !head[head.len() - 5].is_ascii_alphanumeric();
        if boundary && word.eq_ignore_ascii_case(b"the") && word[1..] == *b"he" {
            return start - 4;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(String, String)> {
        EntityMatcher::builtin()
            .find_iter(text)
            .map(|m| (m.span.as_str(text).to_string(), m.actor.id.to_string()))
            .collect()
    }

    #[test]
    fn case_rules() {
        assert!(ids("let us go").is_empty());
        assert_eq!(
            ids("US aid and U.S. troops"),
            [("US".into(), "USA".into()), ("U.S.".into(), "USA".into())]
        );
        assert!(ids("roast turkey with nato").is_empty());
        assert_eq!(ids("UKRAINE")[0].1, "UKR");
    }

    #[test]
    fn whole_words_and_possessives() {
        assert_eq!(ids("Ukraine’s path"), [("Ukraine".into(), "UKR".into())]);
        assert!(ids("Chadwick and Romanians")
            .iter()
            .all(|(t, _)| t != "Chad"));
    }
}
