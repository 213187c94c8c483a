//! A leftmost-longest scan for the cue lexicon that walks from word starts.
//!
//! # Why, and why it finds exactly what an unanchored scan finds
//!
//! The cue lexicon used to be one unanchored, ASCII-case-insensitive,
//! leftmost-longest Aho-Corasick search, whose matches were kept when they
//! were whole words. That search tries every byte of the text (about fifty
//! instructions a byte with 4,500 cues), and its automaton, with a failure
//! link for every state, costs a third of the analyzer's build.
//!
//! This scanner reports the very same matches. Write `L(q)` for the longest
//! key matching at `q`. The unanchored search takes the smallest `q` at or
//! after the end of its last match with some `L(q)`, and goes on from the
//! end of `L(q)`. When every key is ASCII and starts with a letter or digit
//! (checked at build time, else [`WordScan::new`] gives `None` and the
//! lexicon keeps the automaton):
//!
//! - `q` is always on a word character, so it either starts a word (the
//!   only matches that can be whole words, walked anchored from there) or
//!   lies inside one;
//! - a key of letters and digits found inside a word ends inside that word:
//!   it can hide nothing outside it, and is never a whole word;
//! - a key found inside a word that reaches past the word's end has, there,
//!   a byte that is neither letter nor digit, and its letters before it are
//!   a proper suffix of the word. Words that end in such a suffix, with the
//!   key matching on, are found with a walk backwards from the word's end
//!   over the reversed first segments of those keys; only inside them is
//!   every position tried, exactly as the unanchored search does.
//!
//! Walks go through a trie with dense transitions over the few bytes the
//! keys use: a table look-up a byte, and no failure links to build. The
//! module's tests compare the scanner with the automaton.

use crate::text::is_word_char;

/// A trie over ASCII keys with dense transitions over the bytes the keys
/// use (ASCII case folded), for anchored walks of a few instructions a
/// byte. State 0 is dead, state 1 the root.
#[derive(Debug, Clone)]
struct Trie {
    /// Per byte: its class (0: in no key).
    class: [u8; 256],
    /// The number of classes, 0 included.
    width: usize,
    /// `width` transitions per state: the next state shifted left by one,
    /// with the low bit set when a key ends there.
    next: Vec<u32>,
    /// Per state: the key ending there, or `NO_KEY`.
    key: Vec<u32>,
}

const NO_KEY: u32 = u32::MAX;
const ROOT: u32 = 1;

impl Trie {
    /// A trie of `keys` (lower-case ASCII); key `i` is reported as `i`.
    /// `None` if some byte of a key is not ASCII or has no room.
    fn new(keys: &[Vec<u8>]) -> Option<Trie> {
        let mut class = [0u8; 256];
        let mut width = 1usize;
        for k in keys {
            for &b in k {
                if !b.is_ascii() {
                    return None;
                }
                if class[b as usize] == 0 {
                    class[b as usize] = u8::try_from(width).ok()?;
                    width += 1;
                }
            }
        }
        for b in b'A'..=b'Z' {
            class[b as usize] = class[b.to_ascii_lowercase() as usize];
        }
        // Transitions hold `state << 1 | ends a key`.
        let mut next = vec![0u32; 2 * width];
        let mut key = vec![NO_KEY; 2];
        for (i, k) in keys.iter().enumerate() {
            let mut s = ROOT as usize;
            let mut slot = 0;
            for &b in k {
                slot = s * width + class[b as usize] as usize;
                if next[slot] == 0 {
                    let id = u32::try_from(key.len()).ok().filter(|&n| n < 1 << 31)?;
                    next[slot] = id << 1;
                    key.push(NO_KEY);
                    next.resize(next.len() + width, 0);
                }
                s = (next[slot] >> 1) as usize;
            }
            if key[s] == NO_KEY {
                key[s] = i as u32;
                next[slot] |= 1;
            }
        }
        next.shrink_to_fit();
        key.shrink_to_fit();
        Some(Trie {
            class,
            width,
            next,
            key,
        })
    }

    /// The transition on `b` from state `s`: the next state shifted left
    /// by one, with the low bit set when a key ends there (0: dead).
    #[inline]
    fn step(&self, s: u32, b: u8) -> u32 {
        self.next[s as usize * self.width + self.class[b as usize] as usize]
    }
}

/// The scanner: see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct WordScan {
    /// Every key, lower case; its keys are indices into `ids`.
    keys: Trie,
    /// Per key of `keys`: the index of the pattern it stands for (the first
    /// pattern with that lower-case form, as the automaton reports).
    ids: Vec<u32>,
    /// The first segments (letters and digits before the first other byte)
    /// of the keys that have another byte, reversed.
    tails: Trie,
    /// The bytes that follow such a first segment in some key (either
    /// case).
    after_segment: [bool; 256],
}

impl WordScan {
    /// A scanner for `patterns`, or `None` when some pattern is empty, not
    /// ASCII, or does not start with a letter or digit.
    pub(crate) fn new<'p>(patterns: impl Iterator<Item = &'p str>) -> Option<WordScan> {
        let mut keys: Vec<(Vec<u8>, u32)> = Vec::new();
        for (i, p) in patterns.enumerate() {
            let b = p.as_bytes();
            if b.is_empty() || !b.is_ascii() || !b[0].is_ascii_alphanumeric() {
                return None;
            }
            keys.push((b.to_ascii_lowercase(), i as u32));
        }
        // The first pattern of each lower-case form stands for it.
        keys.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        keys.dedup_by(|b, a| a.0 == b.0);
        let mut tails: Vec<Vec<u8>> = Vec::new();
        let mut after_segment = [false; 256];
        for (k, _) in &keys {
            if let Some(cut) = k.iter().position(|b| !b.is_ascii_alphanumeric()) {
                tails.push(k[..cut].iter().rev().copied().collect());
                after_segment[k[cut] as usize] = true;
                after_segment[k[cut].to_ascii_uppercase() as usize] = true;
            }
        }
        tails.sort();
        tails.dedup();
        let ids = keys.iter().map(|k| k.1).collect();
        let keys: Vec<Vec<u8>> = keys.into_iter().map(|k| k.0).collect();
        Some(WordScan {
            keys: Trie::new(&keys)?,
            ids,
            tails: Trie::new(&tails)?,
            after_segment,
        })
    }

    /// The longest key at `q`: (end, pattern).
    #[inline]
    fn longest(&self, bytes: &[u8], q: usize) -> Option<(usize, u32)> {
        let trie = &self.keys;
        let mut s = ROOT;
        let mut best = None;
        for (i, &b) in bytes[q..].iter().enumerate() {
            let t = trie.step(s, b);
            if t == 0 {
                break;
            }
            s = t >> 1;
            if t & 1 != 0 {
                best = Some((q + i + 1, s));
            }
        }
        best.map(|(end, s)| (end, self.ids[trie.key[s as usize] as usize]))
    }

    /// Whether a key found at a position in `from..end` (inside a word that
    /// ends at `end`) may reach past the word.
    #[inline]
    fn may_cross(&self, bytes: &[u8], from: usize, end: usize) -> bool {
        // Only before a byte that follows the first segment of some key.
        if !bytes
            .get(end)
            .is_some_and(|&b| self.after_segment[b as usize])
        {
            return false;
        }
        let trie = &self.tails;
        let mut s = ROOT;
        let mut i = end;
        while i > from {
            let b = bytes[i - 1];
            if !b.is_ascii_alphanumeric() {
                break;
            }
            i -= 1;
            let t = trie.step(s, b);
            if t == 0 {
                break;
            }
            s = t >> 1;
            if t & 1 != 0 && self.longest(bytes, i).is_some_and(|(e, _)| e > end) {
                return true;
            }
        }
        false
    }

    /// Iterates over the whole-word matches in `text`.
    pub(crate) fn find_iter<'s, 't>(&'s self, text: &'t str) -> WordScanIter<'s, 't> {
        WordScanIter {
            scan: self,
            text,
            at: 0,
            inside: None,
        }
    }
}

/// The state of a scan; see [`WordScan::find_iter`].
#[derive(Debug, Clone)]
pub(crate) struct WordScanIter<'s, 't> {
    scan: &'s WordScan,
    text: &'t str,
    /// Where the search goes on (the end of the last match, or further
    /// when nothing before can start one).
    at: usize,
    /// Trying every position inside a word: (next position, word end).
    inside: Option<(usize, usize)>,
}

impl WordScanIter<'_, '_> {
    /// The next run of word characters at or after `at`: (start, end).
    fn next_word(&self, mut at: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        // Skip to a word character.
        loop {
            at += bytes[at.min(bytes.len())..]
                .iter()
                .position(|&b| BYTE[b as usize] != OTHER)?;
            if BYTE[bytes[at] as usize] == ALNUM {
                break;
            }
            let c = text[at..].chars().next()?;
            if is_word_char(c) {
                break;
            }
            at += c.len_utf8();
        }
        let start = at;
        loop {
            at += bytes[at..]
                .iter()
                .position(|&b| BYTE[b as usize] != ALNUM)
                .unwrap_or(bytes.len() - at);
            match bytes.get(at) {
                Some(&b) if BYTE[b as usize] == NON_ASCII => {
                    let c = text[at..].chars().next().expect("a char boundary");
                    if !is_word_char(c) {
                        break;
                    }
                    at += c.len_utf8();
                }
                _ => break,
            }
        }
        Some((start, at))
    }
}

/// [`BYTE`] values.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const NON_ASCII: u8 = 2;

/// What each byte is: an ASCII letter or digit, another ASCII byte, or a
/// byte of a non-ASCII char (which may be a word character).
const BYTE: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b >= 0x80 {
            NON_ASCII
        } else if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

impl Iterator for WordScanIter<'_, '_> {
    /// (start, end, pattern) of a whole-word match.
    type Item = (usize, usize, u32);

    fn next(&mut self) -> Option<(usize, usize, u32)> {
        let bytes = self.text.as_bytes();
        loop {
            if let Some((r, end)) = self.inside {
                // Every position inside the word, as the unanchored search
                // goes; nothing found here is a whole word.
                if r >= end {
                    self.inside = None;
                    self.at = self.at.max(end);
                    continue;
                }
                if bytes[r].is_ascii_alphanumeric() {
                    if let Some((e, _)) = self.scan.longest(bytes, r) {
                        self.at = e;
                        self.inside = (e < end).then_some((e, end));
                        continue;
                    }
                    self.inside = Some((r + 1, end));
                } else {
                    self.inside = Some((r + char_len(self.text, r), end));
                }
                continue;
            }
            let (start, end) = self.next_word(self.at)?;
            // A word start, unless the last match ended inside this word.
            let mut from = start;
            let word_start = start > self.at || !word_before(self.text, start);
            if word_start {
                if let Some((e, k)) = self.scan.longest(bytes, start) {
                    if e >= end {
                        // Reaches the word's end or past it: a whole word
                        // if no word character follows.
                        self.at = e;
                        if !word_at(self.text, e) {
                            return Some((start, e, k));
                        }
                        continue;
                    }
                    from = e;
                } else {
                    from = start + char_len(self.text, start);
                }
            }
            if from < end && self.scan.may_cross(bytes, from, end) {
                self.at = from;
                self.inside = Some((from, end));
            } else {
                self.at = end;
            }
        }
    }
}

/// The length of the char at `i` (a char boundary inside `text`).
#[inline]
fn char_len(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b if b < 0x80 => 1,
        _ => text[i..].chars().next().map_or(1, char::len_utf8),
    }
}

/// Whether a word character starts at `i`.
#[inline]
fn word_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => crate::text::char_after(text, i).is_some_and(is_word_char),
    }
}

/// Whether a word character ends at `i`.
#[inline]
fn word_before(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|p| text.as_bytes()[p]) {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => crate::text::char_before(text, i).is_some_and(is_word_char),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    /// The unanchored automaton the scanner stands in for.
    fn reference(patterns: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(patterns)
            .unwrap();
        ac.find_iter(text)
            .filter(|m| crate::text::is_whole_word(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
            .collect()
    }

    fn check(patterns: &[&str], text: &str) {
        let scan = WordScan::new(patterns.iter().copied()).unwrap();
        let got: Vec<_> = scan.find_iter(text).collect();
        assert_eq!(got, reference(patterns, text), "{text:?}");
    }

    const PATTERNS: &[&str] = &[
        "said",
        "as reported by",
        "reported",
        "according to",
        "according to the",
        "has",
        "s said",
        "ays",
        "op-ed",
        "in an op-ed",
        "it's clear",
        "say",
        "says",
        "Told",
        "told reporters",
        "a b",
        "b c",
        "Say",
        "sAId",
    ];

    #[test]
    fn hidden_and_crossing_matches() {
        for text in [
            "He has reported by now; it was as reported by Tass.",
            "xhas reported by them",
            "According to them, he said; according to the minister, he Says.",
            "Kyiv's said, ops said, in an op-ed, it's clear, it’s clear",
            "told reporters TOLD REPORTERS toldx told",
            "a b c a b c ab c",
            "Éas reported by, éhas reported by, 9as reported by",
            "said",
            "",
            "s",
        ] {
            check(PATTERNS, text);
        }
    }

    #[test]
    fn not_for_every_lexicon() {
        assert!(WordScan::new(["said", "-ed"].into_iter()).is_none());
        assert!(WordScan::new(["said", "déclaré"].into_iter()).is_none());
        assert!(WordScan::new(["said", ""].into_iter()).is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        #[test]
        fn same_as_the_unanchored_automaton(
            text in proptest::string::string_regex(
                "([abcdhinoprstyATS' ,.\\-’é9]){0,60}"
            ).unwrap()
        ) {
            let scan = WordScan::new(PATTERNS.iter().copied()).unwrap();
            let got: Vec<_> = scan.find_iter(&text).collect();
            proptest::prop_assert_eq!(got, reference(PATTERNS, &text));
        }
    }
}
