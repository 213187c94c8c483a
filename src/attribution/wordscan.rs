//! A scan for the cue lexicon that walks from word starts.
//!
//! At each word start not covered by the last match it takes the longest
//! key that ends where a word ends (no letter or digit after it), and goes
//! on from that key's end; a word start with no such key gives nothing,
//! and the scan goes on after that word.
//!
//! An unanchored leftmost-longest search (the automaton this replaced)
//! differs in two ways, both losses: a key found inside a word and
//! reaching past its end hid the whole words it covered ("is said" in
//! "Francis said" hid "said"), and a longest key that did not end a word
//! hid the shorter keys at the same start ("said that" in "said thats").
//!
//! Walks go through a trie with dense transitions over the few bytes the
//! keys use: a table look-up a byte, and no failure links to build. The
//! module's tests compare the scanner with a naive search.
//!
//! The attributor does not scan the text for word starts: they are the
//! starts of its tokens and of the parts of joined words ("ed" in
//! "op-ed"), and it walks [`WordScan::longest_at`] from those (frames.rs,
//! whose tests compare the two). It walks only from the tokens some key
//! may start at: the scan's word classes mark the keys' first words, and
//! a plain word without the mark is passed over (`Doc::walks`).

use super::tokens::WordClasses;
use crate::text::is_word_char;

/// A trie over ASCII keys with dense transitions over the bytes the keys
/// use (ASCII case folded), for anchored walks of a few instructions a
/// byte. State 0 is dead, state 1 the root; a state is named by its first
/// transition's index (the state times `width`), so that a step is an
/// addition.
#[derive(Debug, Clone)]
struct Trie {
    /// Per byte: its class (0: in no key).
    class: [u8; 256],
    /// The number of classes, 0 included.
    width: usize,
    /// `width` transitions per state: the index of the next state's
    /// transitions shifted left by one, with the low bit set when a key
    /// ends there.
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
        // Transitions hold `the next state's transitions << 1 | ends a key`.
        let mut next = vec![0u32; 2 * width];
        let mut key = vec![NO_KEY; 2];
        for (i, k) in keys.iter().enumerate() {
            let mut s = ROOT as usize * width;
            let mut slot = 0;
            for &b in k {
                slot = s + class[b as usize] as usize;
                if next[slot] == 0 {
                    let at = u32::try_from(next.len()).ok().filter(|&n| n < 1 << 31)?;
                    next[slot] = at << 1;
                    key.push(NO_KEY);
                    next.resize(next.len() + width, 0);
                }
                s = (next[slot] >> 1) as usize;
            }
            if key[s / width] == NO_KEY {
                key[s / width] = i as u32;
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

    /// The transition on `b` from the state whose transitions start at
    /// `s`: the next state's shifted left by one, with the low bit set when
    /// a key ends there (0: dead).
    #[inline]
    fn step(&self, s: usize, b: u8) -> u32 {
        self.next[s + self.class[b as usize] as usize]
    }

    /// The key ending at the state whose transitions start at `s`.
    fn key_at(&self, s: usize) -> u32 {
        self.key[s / self.width]
    }
}

/// The scanner: see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct WordScan {
    /// Every key, lower case; its keys are indices into `ids`.
    keys: Trie,
    /// Per key of `keys`: the index of the pattern it stands for (the first
    /// pattern with that lower-case form).
    ids: Vec<u32>,
    /// The built-in word classes with the keys' first words marked: the
    /// token table a walk from the marked tokens serves.
    classes: WordClasses,
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
        let ids = keys.iter().map(|k| k.1).collect();
        let keys: Vec<Vec<u8>> = keys.into_iter().map(|k| k.0).collect();
        let classes = WordClasses::builtin_with_cue_starts(
            keys.iter()
                .map(|k| std::str::from_utf8(k).expect("ASCII keys")),
        );
        Some(WordScan {
            keys: Trie::new(&keys)?,
            ids,
            classes,
        })
    }

    /// The word classes whose tokens [`Doc::walks`](super::tokens::Doc)
    /// lists the walks of this scan from.
    pub(crate) fn classes(&self) -> &WordClasses {
        &self.classes
    }

    /// The longest key from the word start `start` that ends where a word
    /// ends: its end and its pattern. Keys are ASCII: a non-ASCII byte
    /// ends the walk, and so does a start that is no word start's (no key
    /// starts with anything but a letter or a digit).
    #[inline(always)]
    pub(crate) fn longest_at(&self, text: &str, start: usize) -> Option<(usize, u32)> {
        let trie = &self.keys;
        let mut s = ROOT as usize * trie.width;
        let mut best = None;
        for (p, &b) in (start + 1..).zip(text.as_bytes().get(start..)?) {
            let t = trie.step(s, b);
            if t == 0 {
                break;
            }
            s = (t >> 1) as usize;
            if t & 1 != 0 && !word_at(text, p) {
                best = Some((p, s));
            }
        }
        best.map(|(end, s)| (end, self.ids[trie.key_at(s) as usize]))
    }

    /// Iterates over the whole-word matches in `text`.
    pub(crate) fn find_iter<'s, 't>(&'s self, text: &'t str) -> WordScanIter<'s, 't> {
        WordScanIter {
            scan: self,
            text,
            at: 0,
        }
    }
}

/// The state of a scan; see [`WordScan::find_iter`].
#[derive(Debug, Clone)]
pub(crate) struct WordScanIter<'s, 't> {
    scan: &'s WordScan,
    text: &'t str,
    /// Where the search goes on (the end of the last match, or of the
    /// last word tried): never inside a word.
    at: usize,
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
        let text = self.text;
        let bytes = text.as_bytes();
        // `at` is never inside a word, so the next word char starts one.
        let mut at = self.at;
        loop {
            let start = loop {
                let b = *bytes.get(at)?;
                match BYTE[b as usize] {
                    ALNUM => break at,
                    OTHER => at += 1,
                    _ => {
                        let c = text[at..].chars().next().expect("a char boundary");
                        if is_word_char(c) {
                            break at;
                        }
                        at += c.len_utf8();
                    }
                }
            };
            if let Some((end, k)) = self.scan.longest_at(text, start) {
                self.at = end;
                return Some((start, end, k));
            }
            // No key here: on past the word.
            at = word_end(text, start);
            self.at = at;
        }
    }
}

/// The end of the run of word characters starting at `start`.
#[inline]
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = start;
    loop {
        while bytes.get(at).is_some_and(|&b| BYTE[b as usize] == ALNUM) {
            at += 1;
        }
        match bytes.get(at) {
            Some(&b) if BYTE[b as usize] == NON_ASCII => {
                let c = text[at..].chars().next().expect("a char boundary");
                if !is_word_char(c) {
                    return at;
                }
                at += c.len_utf8();
            }
            _ => return at,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan, naively: at each word start past the last match, the
    /// longest pattern (the first of equal ones) that ends a word.
    fn reference(patterns: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        let is_word = |c: char| crate::text::is_word_char(c);
        let mut out = Vec::new();
        let mut at = 0;
        for (p, c) in text.char_indices() {
            let starts_word = is_word(c) && !text[..p].chars().next_back().is_some_and(is_word);
            if p < at || !starts_word {
                continue;
            }
            let mut best: Option<(usize, u32)> = None;
            for (k, pat) in patterns.iter().enumerate() {
                let e = p + pat.len();
                let fits = text.is_char_boundary(e.min(text.len()))
                    && e <= text.len()
                    && text[p..e].eq_ignore_ascii_case(pat)
                    && !text[e..].chars().next().is_some_and(is_word);
                if fits && best.map_or(true, |(b, _)| e > b) {
                    best = Some((e, k as u32));
                }
            }
            if let Some((e, k)) = best {
                out.push((p, e, k));
                at = e;
            }
        }
        out
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
    fn whole_words_from_word_starts() {
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
        // Nothing inside a word hides a whole word after it, and a longest
        // key that does not end a word leaves the shorter ones.
        let scan =
            WordScan::new(["is said", "said", "told", "told reporters"].into_iter()).unwrap();
        let text = "Francis said, he told reportersx";
        let found: Vec<&str> = scan.find_iter(text).map(|(a, b, _)| &text[a..b]).collect();
        assert_eq!(found, ["said", "told"]);
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
        fn same_as_the_naive_search(
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
