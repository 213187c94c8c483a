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
//! Walks go through a trie stored as a double array over the few bytes
//! the keys use: two look-ups a byte in a table small enough to stay in
//! the cache, and no failure links to build. The module's tests compare
//! the scanner with a naive search, on random lexicons too.
//!
//! The attributor does not scan the text for word starts: they are the
//! starts of its tokens and of the parts of joined words ("ed" in
//! "op-ed"), and it walks [`WordScan::longest_at`] from those (frames.rs,
//! whose tests compare the two). It walks only from the tokens some key
//! may start at: the scan's word classes mark the keys' first words, and
//! a plain word without the mark is passed over (`Doc::walks`).

use super::tokens::WordClasses;
use crate::text::is_word_char;

/// A trie over ASCII keys (ASCII case folded) as a double array: a
/// state is a cell, and its child on byte class `c` is the cell at its
/// base plus `c` if bit `c` of its child mask is set. A walk is a few
/// instructions a byte, and the cells (8 bytes a state, ~200 KB for the
/// built-in lexicon) stay in the cache where a dense table of the same
/// trie (a row of all classes a state, 2.7 MB) did not. The mask (in
/// place of a check of the parent in each child, the textbook form)
/// makes a failing step, the last of nearly every walk, read no cell:
/// the state's own cell, read by the step into it, has the answer.
#[derive(Debug, Clone)]
struct Trie {
    /// Per byte: its class (0: in no key; at most [`MAX_CLASS`]).
    class: [u8; 256],
    /// The states: the root at 0, every child at least one cell past
    /// its parent's base.
    cells: Vec<Cell>,
    /// Per cell: the key ending at its state (its index among the keys;
    /// [`WordScan::new`] makes it its pattern's), or `NO_KEY`.
    key: Vec<u32>,
}

/// A cell of the double array.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The state's base: its child on class `c` is the cell `base + c`.
    base: u32,
    /// Bit `c` (1..=[`MAX_CLASS`]) set when the state has a child on
    /// class `c` (bit 0, class 0's, never is); bit [`KEY_END`] set when
    /// a key ends at the state.
    mask: u32,
}

const NO_KEY: u32 = u32::MAX;
const FREE: u32 = u32::MAX;
const ROOT: u32 = 0;

/// The highest byte class: the classes and the key-end flag share a
/// cell's 32-bit mask. A lexicon whose keys use more distinct bytes
/// (ASCII case folded) has no word scan (the lexicon's automaton finds
/// the same cues).
const MAX_CLASS: usize = 30;

/// The bit of a cell's mask set when a key ends at its state.
const KEY_END: u32 = 1 << 31;

impl Trie {
    /// A trie of `keys` (lower-case ASCII, sorted, distinct); key `i` is
    /// reported as `i`. `None` if some byte of a key is not ASCII, if the
    /// keys use more than [`MAX_CLASS`] distinct bytes, or if there is no
    /// room.
    fn new(keys: &[Vec<u8>]) -> Option<Trie> {
        let mut class = [0u8; 256];
        let mut width = 1usize;
        for k in keys {
            for &b in k {
                if !b.is_ascii() {
                    return None;
                }
                if class[b as usize] == 0 {
                    if width > MAX_CLASS {
                        return None;
                    }
                    class[b as usize] = u8::try_from(width).ok()?;
                    width += 1;
                }
            }
        }
        for b in b'A'..=b'Z' {
            class[b as usize] = class[b.to_ascii_lowercase() as usize];
        }
        // The keys are sorted and distinct: the keys through a state (a
        // prefix of `depth` bytes) are a run of them, the one ending
        // there (if any) first, then a run per next byte. Each state's
        // children go at the first base where all their cells are free,
        // depth first, so that the states of a long key lie close.
        // `check` (per cell: the parent's cell, `FREE` where no state is)
        // is the placement's record of the taken cells.
        debug_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        let free = Cell { base: 0, mask: 0 };
        let mut cells = vec![free; 4 * keys.len() + 2 * width];
        let mut check = vec![FREE; cells.len()];
        let mut key = Vec::new();
        check[ROOT as usize] = FREE - 1;
        // (keys lo..hi, depth, the state's cell)
        let mut stack = vec![(0, keys.len(), 0, ROOT)];
        // (class, keys lo..hi) of the children of a state.
        let mut kids: Vec<(u8, usize, usize)> = Vec::with_capacity(width);
        let mut first_free = 1;
        while let Some((lo, hi, depth, at)) = stack.pop() {
            kids.clear();
            for (i, k) in keys.iter().enumerate().take(hi).skip(lo) {
                let Some(&b) = k.get(depth) else { continue };
                let c = class[b as usize];
                match kids.last_mut() {
                    Some(last) if last.0 == c => last.2 = i + 1,
                    _ => kids.push((c, i, i + 1)),
                }
            }
            let mut base = 0;
            let mut mask = 0u32;
            if let Some(&(c0, _, _)) = kids.first() {
                let mut f = first_free;
                base = loop {
                    if f + width > cells.len() {
                        cells.resize(f + width, free);
                        check.resize(f + width, FREE);
                    }
                    if f >= c0 as usize && check[f] == FREE {
                        let base = f - c0 as usize;
                        if kids
                            .iter()
                            .all(|&(c, _, _)| check[base + c as usize] == FREE)
                        {
                            break base;
                        }
                    }
                    f += 1;
                };
                for &(c, lo, hi) in &kids {
                    let t = base + c as usize;
                    check[t] = at;
                    mask |= 1 << c;
                    // The key of `depth + 1` bytes, if any, sorts first.
                    if keys[lo].len() == depth + 1 {
                        cells[t].mask |= KEY_END;
                        if key.len() <= t {
                            key.resize(t + 1, NO_KEY);
                        }
                        key[t] = lo as u32;
                    }
                    stack.push((lo, hi, depth + 1, u32::try_from(t).ok()?));
                }
                while check.get(first_free).is_some_and(|&c| c != FREE) {
                    first_free += 1;
                }
            }
            let cell = &mut cells[at as usize];
            cell.base = u32::try_from(base).ok()?;
            cell.mask |= mask;
        }
        Some(Trie { class, cells, key })
    }

    /// The cell of the child on byte `b` of the state at cell `s`, whose
    /// mask is `mask`, if it has one. A byte of class 0 tests bit 0,
    /// which no mask sets.
    #[inline(always)]
    fn step(&self, s: u32, mask: u32, b: u8) -> Option<u32> {
        let c = self.class[b as usize];
        (mask >> c & 1 != 0).then(|| self.cells[s as usize].base + u32::from(c))
    }

    /// The key ending at the state of cell `t`.
    fn key_at(&self, t: u32) -> u32 {
        self.key[t as usize]
    }

    /// The state after `word` from the root, if some key starts with it:
    /// its cell and the cell's mask.
    fn state_after(&self, word: &[u8]) -> Option<(u32, u32)> {
        let mut s = ROOT;
        let mut mask = self.cells[ROOT as usize].mask;
        for &b in word {
            s = self.step(s, mask, b)?;
            mask = self.cells[s as usize].mask;
        }
        Some((s, mask))
    }
}

/// The scanner: see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct WordScan {
    /// Every key, lower case, reported as the index of the pattern it
    /// stands for (the first pattern with that lower-case form): a match's
    /// pattern is one load from its state.
    keys: Trie,
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
        let ids: Vec<u32> = keys.iter().map(|k| k.1).collect();
        let keys: Vec<Vec<u8>> = keys.into_iter().map(|k| k.0).collect();
        let trie = Trie::new(&keys)?;
        // A first word is a key's prefix: the trie has its state.
        let classes = WordClasses::builtin_with_cue_starts(
            keys.iter()
                .map(|k| std::str::from_utf8(k).expect("ASCII keys")),
            |w| {
                trie.state_after(w.as_bytes())
                    .expect("a first word is a key's prefix")
            },
        );
        let mut trie = trie;
        for k in trie.key.iter_mut().filter(|k| **k != NO_KEY) {
            *k = ids[*k as usize];
        }
        Some(WordScan {
            keys: trie,
            classes,
        })
    }

    /// The word classes whose tokens [`Doc::walks`](super::tokens::Doc)
    /// lists the walks of this scan from.
    pub(crate) fn classes(&self) -> &WordClasses {
        &self.classes
    }

    /// This scan with a mention lexicon's first words marked in its word
    /// classes too ([`WordClasses::with_mention_starts`]).
    pub(crate) fn with_mention_starts(&self, words: &[String]) -> WordScan {
        WordScan {
            keys: self.keys.clone(),
            classes: self.classes.with_mention_starts(words),
        }
    }

    /// The longest key from the word start `start` that ends where a word
    /// ends: its end and its pattern. Keys are ASCII: a non-ASCII byte
    /// ends the walk, and so does a start that is no word start's (no key
    /// starts with anything but a letter or a digit).
    #[inline(always)]
    pub(crate) fn longest_at(&self, text: &str, start: usize) -> Option<(usize, u32)> {
        let root = (ROOT, self.keys.cells[ROOT as usize].mask);
        self.longest_from(text, root, start)
    }

    /// [`WordScan::longest_at`] from a word start whose bytes up to `at`
    /// took the walk to `state` (a [`Walk`](super::tokens::Walk)'s, from
    /// this scan's word classes): the same answer, without the steps
    /// through those bytes.
    #[inline(always)]
    pub(crate) fn longest_from(
        &self,
        text: &str,
        (s, mask): (u32, u32),
        at: usize,
    ) -> Option<(usize, u32)> {
        let trie = &self.keys;
        let (mut s, mut mask) = (s, mask);
        let mut best = (mask & KEY_END != 0 && !word_at(text, at)).then_some((at, s));
        for (p, &b) in (at + 1..).zip(text.as_bytes().get(at..)?) {
            let Some(t) = trie.step(s, mask, b) else {
                break;
            };
            s = t;
            mask = trie.cells[t as usize].mask;
            if mask & KEY_END != 0 && !word_at(text, p) {
                best = Some((p, s));
            }
        }
        best.map(|(end, s)| (end, trie.key_at(s)))
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
        // Thirty distinct bytes (case folded) fit a cell's mask, and a
        // walk through every class finds its key; thirty-one do not.
        let thirty = "abcdefghijklmnopqrstuvwxyz0123";
        let scan = WordScan::new([thirty, "ABC"].into_iter()).unwrap();
        assert_eq!(scan.longest_at(thirty, 0), Some((30, 0)));
        assert_eq!(scan.longest_at("Abc", 0), Some((3, 1)));
        assert!(WordScan::new([thirty, "x-y"].into_iter()).is_none());
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

        /// Random lexicons (keys sharing prefixes, states with one child
        /// and with many, so that the double array's placement packs and
        /// collides) against the naive search.
        #[test]
        fn any_lexicon_same_as_the_naive_search(
            patterns in proptest::collection::vec(
                proptest::string::string_regex(r"[a-e9][a-eA-E9' \-]{0,7}").unwrap(),
                1..40,
            ),
            text in proptest::string::string_regex(r"([a-eA-E9' ,\-é]){0,80}").unwrap(),
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let scan = WordScan::new(patterns.iter().copied()).unwrap();
            let got: Vec<_> = scan.find_iter(&text).collect();
            proptest::prop_assert_eq!(got, reference(&patterns, &text));
            // Every key is found where it stands alone, as its first pattern.
            for p in &patterns {
                let first = patterns.iter().position(|q| q.eq_ignore_ascii_case(p)).unwrap();
                proptest::prop_assert_eq!(scan.longest_at(p, 0), Some((p.len(), first as u32)));
            }
        }

        /// A walk from the state its token's word classes give (a plain
        /// word that starts a key) finds what the walk from the token's
        /// start finds, on random lexicons and text; and every token a key
        /// starts at is walked.
        #[test]
        fn a_walk_from_the_state_after_its_word_is_the_same_walk(
            patterns in proptest::collection::vec(
                proptest::string::string_regex(r"[a-e9][a-eA-E9' \-]{0,7}").unwrap(),
                1..40,
            ),
            text in proptest::string::string_regex(r"([a-eA-E9' ,.\-é\n]|said|to){0,80}").unwrap(),
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let scan = WordScan::new(patterns.iter().copied()).unwrap();
            let sentences: Vec<crate::Span> = crate::text::sentences(&text).collect();
            let d = super::super::tokens::Doc::new(&text, &sentences, &[], scan.classes());
            let mut walked = vec![false; d.toks.len()];
            for w in &d.walks {
                let t = &d.toks[w.tok as usize];
                walked[w.tok as usize] = true;
                let want = scan.longest_at(&text, t.start());
                let at = if w.state.0 != 0 { t.end() } else { t.start() };
                proptest::prop_assert_eq!(w.at as usize, at);
                if w.state.0 != 0 {
                    proptest::prop_assert_eq!(scan.longest_from(&text, w.state, t.end()), want);
                }
            }
            for (k, t) in d.toks.iter().enumerate() {
                if !walked[k] {
                    proptest::prop_assert_eq!(scan.longest_at(&text, t.start()), None);
                }
            }
        }
    }
}
