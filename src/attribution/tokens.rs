//! The token table the attributor works on: words and punctuation, each
//! with its word classes, sentence and quotation.
//!
//! No parser: the word classes of `data/words.tsv` (determiners,
//! auxiliaries, pronouns, clause openers ...) stand in for parts of speech.

use crate::error::Error;
use crate::text::{is_space, is_word_char, word_before, Quote, WalkStart};
use crate::tsv;
use crate::Span;

/// Word classes, one bit each. The names are those of `data/words.tsv`.
pub(super) mod wc {
    macro_rules! classes {
        ($($name:ident = $bit:expr, $text:expr;)*) => {
            $(pub(crate) const $name: u64 = 1 << $bit;)*
            /// Every class with its name in the data file.
            pub(crate) const NAMES: &[(&str, u64)] = &[$(($text, $name)),*];
        };
    }
    classes! {
        AUX = 0, "aux";
        TITLE = 1, "title";
        LEFT_STOP = 2, "left_stop";
        NP_INNER = 3, "np_inner";
        DET = 4, "det";
        DET_STRICT = 5, "det_strict";
        ARTICLE = 6, "article";
        POSS = 7, "poss";
        PRONOUN = 8, "pronoun";
        SUBJ = 9, "subj";
        OBJ = 10, "obj";
        LISTENER = 11, "listener";
        TIME = 12, "time";
        VERBISH = 13, "verbish";
        PREP = 14, "prep";
        WH = 15, "wh";
        CLAUSE_LEFT = 16, "clause_left";
        SENT_ADVERB = 17, "sent_adverb";
        INTRO = 18, "intro";
        SRC_NOUN = 19, "src_noun";
        NOT_PARTICIPLE = 20, "not_participle";
        CONJ = 21, "conj";
        RELATIVE = 22, "relative";
        PERSONAL = 23, "personal";
        CONTRACTION = 24, "contraction";
        FLOATING = 25, "floating";
        LEAD_TRIM = 26, "lead_trim";
        CUT_BACK = 27, "cut_back";
        PHRASE_BREAK = 28, "phrase_break";
        APPOS_START = 29, "appos_start";
        INV_STOP = 30, "inv_stop";
        INV_STOP_LONG = 31, "inv_stop_long";
        NP_RIGHT_STOP = 32, "np_right_stop";
        POLL = 33, "poll";
        SUBJECT_SKIP = 34, "subject_skip";
        NOT_ADVERB = 35, "not_adverb";
        COMMA = 36, "comma";
        PERIOD = 37, "period";
        COLON = 38, "colon";
        SEMICOLON = 39, "semicolon";
        END = 40, "end";
        DASH = 41, "dash";
        OPEN_PAREN = 42, "open_paren";
        CLOSE_PAREN = 43, "close_paren";
        QUOTE = 44, "quote";
        JUNK_SPEAKER = 45, "junk_speaker";
        FIRST_PERSON = 46, "first_person";
        WE = 47, "we";
        ADDRESSEE = 48, "addressee";
        TURN_LABEL = 49, "turn_label";
        NOT_LABEL = 50, "not_label";
        CLAUSE_BREAK = 51, "clause_break";
        AGENT = 52, "agent";
        PAST = 53, "past";
        SUBORD = 54, "subord";
        GAP = 55, "gap";
        // Set by the attributor: a verb form of the cue lexicon, a kept cue.
        VERB = 56, "-verb";
        CUE = 57, "-cue";
        // Computed from the token itself, not read from the table.
        CAP = 58, "-cap";
        ALPHA = 59, "-alpha";
        DIGIT = 60, "-digit";
        ING = 61, "-ing";
        ED = 62, "-ed";
        LY = 63, "-ly";
    }
}

/// The word-class table of `data/words.tsv`, sorted for binary search.
#[derive(Debug, Clone)]
pub(crate) struct WordClasses {
    /// Shared by the tables made from this one
    /// ([`WordClasses::with_mention_starts`]).
    words: std::sync::Arc<[(Box<str>, u64)]>,
    /// The words of nine to [`KEY_BYTES`] bytes as integer keys (their
    /// bytes, little-endian, zero-padded) in an open-addressing table
    /// (key 0: an empty slot), a quarter full: a look-up folds the token
    /// into its key once, then compares integers.
    short: KeyTable<[u64; 2]>,
    /// The words of at most eight bytes the same way, as u64 keys: most
    /// tokens are that short. (Two tables, not one of every short word:
    /// the table a look-up reads is smaller, so more of it stays cached.)
    short8: KeyTable<u64>,
    /// The classes of each one-byte ASCII word but NUL (punctuation).
    single: [u64; 128],
    /// The classes of each char of [`PUNCT`] (dashes, curly quotes, the
    /// ellipsis: the commonest non-ASCII chars of news), by code point
    /// less U+2010: a token of its own, as a one-byte mark is.
    punct: [u64; PUNCT_CHARS],
    /// Per first byte, the range of `words` starting with it.
    by_first: Box<[(u32, u32); 256]>,
    /// The longest word, in bytes.
    max_len: usize,
    /// Whether a mention lexicon's first words are marked
    /// [`MENTION_START`] ([`WordClasses::with_mention_starts`]): the
    /// tokens then list the mention scan's walk starts
    /// ([`Doc::mention_starts`]).
    mention_starts: bool,
}

/// In the table of a cue lexicon only ([`WordClasses::with_cue_starts`]):
/// some key of the lexicon starts with this word. The bit of [`wc::CUE`],
/// which no table word has (the attributor sets it on kept cues): the
/// tokenizer takes it off each token's classes.
pub(crate) const CUE_START: u64 = wc::CUE;

/// In a table with a mention lexicon's first words marked only
/// ([`WordClasses::with_mention_starts`]): some key of that lexicon starts
/// with this word. The bit of [`wc::VERB`], which no table word has (the
/// attributor sets it on verb forms): the tokenizer takes it off each
/// token's classes, as it does [`CUE_START`].
pub(crate) const MENTION_START: u64 = wc::VERB;

/// The bits of a table's classes that are no token's: the tokenizer takes
/// them off.
const STARTS: u64 = CUE_START | MENTION_START;

/// The chars U+2010 to U+2027 of General Punctuation (dashes, curly
/// quotes, bullets, the ellipsis): none is a word char or a space, so
/// each makes a token of its own.
const PUNCT: std::ops::RangeInclusive<char> = '\u{2010}'..='\u{2027}';

/// The number of chars of [`PUNCT`].
const PUNCT_CHARS: usize = 0x18;

/// Words are folded into a buffer of this size for the look-up.
const FOLD_BUF: usize = 128;

/// Words of up to this many bytes are looked up as integers.
const KEY_BYTES: usize = 16;

/// An integer key of a word (its bytes, little-endian, zero-padded; 0 is
/// no word).
trait WordKey: Copy + Eq + Default {
    /// The key's hash: bits 32 and up give its slot in a table, the top
    /// bits its bit in the table's filter.
    fn hash(self) -> u64;
}

/// A key of nine to [`KEY_BYTES`] bytes as two u64 halves (low, high): a
/// [`Slot`] of them takes 24 bytes, of a u128 (aligned to 16) 32.
impl WordKey for [u64; 2] {
    #[inline]
    fn hash(self) -> u64 {
        let [lo, hi] = self;
        (lo ^ hi.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xFF51_AFD7_ED55_8CCD)
    }
}

/// A u128 key as the halves [`WordClasses::short`] keeps.
#[inline]
fn halves(key: u128) -> [u64; 2] {
    [key as u64, (key >> 64) as u64]
}

impl WordKey for u64 {
    #[inline]
    fn hash(self) -> u64 {
        self.wrapping_mul(0xFF51_AFD7_ED55_8CCD)
    }
}

/// Word classes by integer key: an open-addressing table a quarter full,
/// probed linearly (key 0: an empty slot), behind a filter of
/// [`FILTER_BITS`] bits (16 or more a word for the built-in tables): most
/// tokens are no listed word, and their look-up reads a bit of the small
/// filter, not a line of the table.
#[derive(Debug, Clone)]
struct KeyTable<K> {
    slots: Box<[Slot<K>]>,
    /// In the table of a cue lexicon, per slot of a word marked
    /// [`CUE_START`]: the cue scan's state after the word (see [`Walk`]);
    /// `(0, 0)` otherwise. Apart from the slots, so that a slot of the
    /// eight-byte table takes 16 bytes (the look-up of every word reads
    /// the slots; a walk's state is read for one word in seven or so).
    walks: Box<[(u32, u32)]>,
    /// Bit `hash >> FILTER_SHIFT` is set for every listed word's hash.
    filter: Box<[u64; FILTER_BITS / 64]>,
}

/// The bits of a [`KeyTable`]'s filter (4 KB): a fixed size, so that the
/// bit's index needs no bounds check.
const FILTER_BITS: usize = 1 << 15;

/// A hash shifted right by this many bits is its filter bit.
const FILTER_SHIFT: u32 = 64 - FILTER_BITS.trailing_zeros();

/// An entry of a [`KeyTable`].
#[derive(Debug, Clone, Copy)]
struct Slot<K> {
    key: K,
    class: u64,
}

impl<K: WordKey> KeyTable<K> {
    fn new(entries: impl ExactSizeIterator<Item = (K, u64)>) -> KeyTable<K> {
        let n = entries.len();
        KeyTable::with_room(entries, n)
    }

    /// A table of `entries` (distinct keys, none 0) with room for `n`
    /// entries or more a quarter full.
    fn with_room(entries: impl Iterator<Item = (K, u64)>, n: usize) -> KeyTable<K> {
        let size = (n * 4).next_power_of_two();
        let mut table = KeyTable {
            slots: vec![
                Slot {
                    key: K::default(),
                    class: 0,
                };
                size
            ]
            .into_boxed_slice(),
            walks: vec![(0, 0); size].into_boxed_slice(),
            filter: Box::new([0; FILTER_BITS / 64]),
        };
        for (key, class) in entries {
            let h = key.hash();
            let f = (h >> FILTER_SHIFT) as usize;
            table.filter[f / 64] |= 1 << (f % 64);
            let mut i = table.home(h);
            while table.slots[i].key != K::default() {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = Slot { key, class };
        }
        table
    }

    /// This table with `class` added to the entries of `keys` (distinct,
    /// none 0), which are added if missing. (A few hundred words added to
    /// a table a quarter full leave it less than half full; a table that
    /// would be fuller is made anew, larger, so that a probe always meets
    /// an empty slot soon.)
    fn with_class(&self, keys: &[K], class: u64) -> KeyTable<K> {
        let used = self.slots.iter().filter(|s| s.key != K::default()).count();
        let missing = keys.iter().filter(|&&k| !self.contains(k)).count();
        let mut table = if (used + missing) * 2 > self.slots.len() {
            self.grown(used + missing)
        } else {
            self.clone()
        };
        let mask = table.slots.len() - 1;
        for &key in keys {
            let h = key.hash();
            let mut i = table.home(h);
            while table.slots[i].key != K::default() && table.slots[i].key != key {
                i = (i + 1) & mask;
            }
            if table.slots[i].key == K::default() {
                let f = (h >> FILTER_SHIFT) as usize;
                table.filter[f / 64] |= 1 << (f % 64);
                table.slots[i].key = key;
            }
            table.slots[i].class |= class;
        }
        table
    }

    /// Whether `key` is listed.
    fn contains(&self, key: K) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key.hash());
        loop {
            match self.slots[i].key {
                k if k == key => return true,
                k if k == K::default() => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// This table's entries, with their walk states, in a table with room
    /// for `n` entries a quarter full.
    #[cold]
    #[inline(never)]
    fn grown(&self, n: usize) -> KeyTable<K> {
        let listed = self.slots.iter().filter(|s| s.key != K::default());
        let mut table = KeyTable::with_room(listed.map(|s| (s.key, s.class)), n);
        for (s, &walk) in self.slots.iter().zip(self.walks.iter()) {
            if walk != (0, 0) {
                table.set_walk(s.key, walk);
            }
        }
        table
    }

    /// The slot a key of hash `h` is looked for from.
    #[inline]
    fn home(&self, h: u64) -> usize {
        (h >> 32) as usize & (self.slots.len() - 1)
    }

    /// The classes of the word with key `key` (0 for no listed word).
    #[inline]
    fn get(&self, key: K) -> u64 {
        self.find(key).0
    }

    /// The classes of the word with key `key` (0 for no listed word) and
    /// its slot (for [`KeyTable::walks`]; meaningless for no listed word).
    #[inline]
    fn find(&self, key: K) -> (u64, usize) {
        let h = key.hash();
        let f = (h >> FILTER_SHIFT) as usize;
        if self.filter[f / 64] & 1 << (f % 64) == 0 {
            return (0, 0);
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return (slot.class, i);
            }
            if slot.key == K::default() {
                return (0, 0);
            }
            i = (i + 1) & mask;
        }
    }

    /// The cue scan's state after the word in slot `slot` (from
    /// [`KeyTable::find`]), `(0, 0)` for none.
    #[inline]
    fn walk(&self, slot: usize) -> (u32, u32) {
        self.walks.get(slot).copied().unwrap_or((0, 0))
    }

    /// Sets the walk state of the word with key `key`, if listed.
    fn set_walk(&mut self, key: K, walk: (u32, u32)) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key.hash());
        while self.slots[i].key != K::default() {
            if self.slots[i].key == key {
                self.walks[i] = walk;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A SWAR case fold of the first `n` bytes of an integer (little-endian)
/// and the table of its byte masks, for one integer width: `fold_key` for
/// u128 (words of up to [`KEY_BYTES`] bytes), `fold_key8` for u64 (the
/// words of up to eight bytes, most of them).
macro_rules! swar_fold {
    ($(#[$doc:meta])* $name:ident, $int:ty, $low:ident, $bytes:expr) => {
        /// Per `n` (0 to the width in bytes): the mask of the low `n` bytes.
        const $low: [$int; $bytes + 1] = {
            let mut t = [0 as $int; $bytes + 1];
            let mut n = 1;
            while n <= $bytes {
                t[n] = t[n - 1] << 8 | 0xFF;
                n += 1;
            }
            t
        };

        $(#[$doc])*
        #[inline]
        fn $name(bytes: $int, n: usize) -> Option<$int> {
            const ONES: $int = <$int>::MAX / 255;
            const HIGH: $int = ONES * 0x80;
            // A table, not shifts: a shift of a u128 by a variable amount
            // is a dozen instructions.
            let low = $low[n];
            let key = bytes & low;
            // Padding bytes set, so that only the word's own bytes can be
            // zero.
            let padded = key | !low;
            let has_zero = padded.wrapping_sub(ONES) & !padded & HIGH != 0;
            if key & HIGH != 0 || has_zero {
                return None;
            }
            // Every byte is below 0x80: b + 0x3F has its high bit iff
            // b >= 'A', b + 0x25 iff b > 'Z', and no sum carries into the
            // next byte.
            let upper = key.wrapping_add(ONES * 0x3F) & !key.wrapping_add(ONES * 0x25) & HIGH;
            Some(key | upper >> 2)
        }
    };
}

swar_fold!(
    /// The folded key of the first `n` (1 to 8) bytes of a u64 (little-endian),
    /// if they are ASCII without NUL: [`fold_key`] for short words.
    fold_key8,
    u64,
    LOW_BYTES8,
    8
);

swar_fold!(
    /// The folded key of the first `n` (1 to [`KEY_BYTES`]) bytes of `bytes`
    /// (little-endian), if they are ASCII without NUL.
    fold_key,
    u128,
    LOW_BYTES,
    KEY_BYTES
);

/// The -ing/-ed/-ly classes of a word longer than four bytes, from its
/// last four bytes read little-endian with ASCII letters lower-cased.
#[inline(always)]
fn tail_classes(tail: u32) -> u64 {
    let mut class = 0;
    if tail >> 8 == u32::from_le_bytes(*b"ing\0") {
        class |= wc::ING;
    }
    if tail >> 16 == u32::from_le_bytes(*b"ed\0\0") {
        class |= wc::ED;
    }
    if tail >> 16 == u32::from_le_bytes(*b"ly\0\0") {
        class |= wc::LY;
    }
    class
}

/// The high bit of the first byte of `x` (eight bytes, little-endian)
/// that is not an ASCII letter or digit, perhaps with high bits of bytes
/// after it; 0 if every byte is one. (What a word's end needs: the lowest
/// set bit.)
///
/// SWAR: the sums of a byte below 0x80 carry into no other byte; no byte
/// of 0x80 or more passes either range test (its sums wrap or keep the
/// high bit), so it is flagged, and what it carries into the next bytes
/// only touches bytes after the first flag. So no mask of the low seven
/// bits is needed (one constant fewer), nor a test of the high bit.
#[inline(always)]
fn not_alnum8(x: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    const FOLD: u64 = ONES * 0x20;
    // Letters fold to 'a'..='z' with the 0x20 bit; digits are 0x30..=0x39.
    // b + 0x1F has its high bit iff b >= 'a', b + 0x05 iff b > 'z';
    // b + 0x50 iff b >= '0', b + 0x46 iff b > '9' (for b below 0x80).
    let folded = x | FOLD;
    let letter = folded.wrapping_add(ONES * 0x1F) & !folded.wrapping_add(ONES * 0x05);
    let digit = x.wrapping_add(ONES * 0x50) & !x.wrapping_add(ONES * 0x46);
    !(letter | digit) & HIGH
}

/// The folded integer key of an ASCII word of 1 to [`KEY_BYTES`] bytes
/// without NUL, read at once and lower-cased eight bytes at a time (SWAR);
/// `None` for any other word.
#[inline]
fn ascii_key(word: &[u8]) -> Option<u128> {
    let n = word.len();
    if n == 0 || n > KEY_BYTES {
        return None;
    }
    let mut buf = [0u8; KEY_BYTES];
    buf[..n].copy_from_slice(word);
    fold_key(u128::from_le_bytes(buf), n)
}

/// The integer key of a word of at most [`KEY_BYTES`] bytes and no NUL.
fn key_of(word: &[u8]) -> u128 {
    word.iter()
        .enumerate()
        .fold(0, |k, (i, &b)| k | (b as u128) << (8 * i))
}

const COLUMNS: &[&str] = &["word", "classes"];
const BUILTIN: (&str, &str) = ("words.tsv", include_str!("data/words.tsv"));

static BUILTIN_CLASSES: once_cell::sync::Lazy<WordClasses> = once_cell::sync::Lazy::new(|| {
    WordClasses::from_tsv(BUILTIN.0, BUILTIN.1).expect("the built-in word classes are valid")
});

impl WordClasses {
    pub(crate) fn builtin() -> &'static WordClasses {
        &BUILTIN_CLASSES
    }

    pub(crate) fn from_tsv(file: &str, text: &str) -> Result<WordClasses, Error> {
        Ok(WordClasses::from_words(WordClasses::parse(file, text)?))
    }

    /// The words of a table and their classes.
    fn parse(file: &str, text: &str) -> Result<Vec<(Box<str>, u64)>, Error> {
        let mut words: Vec<(Box<str>, u64)> = Vec::new();
        for row in tsv::parse(file, text, COLUMNS, &["word", "classes"])? {
            let word = row.required("word")?;
            let mut bits = 0;
            for name in row.list("classes")? {
                let bit = wc::NAMES
                    .iter()
                    .find(|(n, _)| *n == name && !n.starts_with('-'))
                    .ok_or_else(|| row.bad("classes", name))?
                    .1;
                bits |= bit;
            }
            words.push((word.to_lowercase().into_boxed_str(), bits));
        }
        Ok(words)
    }

    /// The built-in table with the first words of a cue lexicon's `keys`
    /// (lower case, each up to its first byte that is no ASCII letter or
    /// digit) marked [`CUE_START`]: a plain word without the mark starts
    /// no key, so that the cue scan need not walk from it (see
    /// [`Doc::walks`]). `state_after` gives the scan's state after each
    /// first word (never `(0, _)`), which the walks from its tokens take.
    pub(crate) fn builtin_with_cue_starts<'k>(
        keys: impl Iterator<Item = &'k str>,
        state_after: impl Fn(&str) -> (u32, u32),
    ) -> WordClasses {
        let mut words =
            WordClasses::parse(BUILTIN.0, BUILTIN.1).expect("the built-in word classes are valid");
        let mut firsts: Vec<&str> = keys
            .map(|k| &k[..k.bytes().take_while(u8::is_ascii_alphanumeric).count()])
            .filter(|w| !w.is_empty())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        // Two sorted runs: `from_words` merges them in one pass.
        words.sort_by(|a, b| a.0.cmp(&b.0));
        words.extend(
            firsts
                .iter()
                .map(|w| (w.to_ascii_lowercase().into_boxed_str(), CUE_START)),
        );
        let mut classes = WordClasses::from_words(words);
        // The states in the slots where `plain_word` finds the words.
        for w in &firsts {
            let w = w.to_ascii_lowercase();
            let state = state_after(&w);
            debug_assert!(state.0 != 0, "a first word has a state");
            // The integer tables hold words of up to KEY_BYTES bytes (and
            // `key_of` takes no more): a longer first word has no slot.
            if w.len() > KEY_BYTES {
                continue;
            }
            let key = key_of(w.as_bytes());
            if w.len() <= 8 {
                classes.short8.set_walk(key as u64, state);
            }
            if w.len() >= 8 {
                classes.short.set_walk(halves(key), state);
            }
        }
        classes
    }

    /// This table with `words` (a mention lexicon's keys' first words:
    /// lower case, ASCII letters and digits, starting with a letter)
    /// marked [`MENTION_START`], for the words of ASCII letters and
    /// digits a tokenizer looks up whole (up to [`KEY_BYTES`] bytes: the
    /// integer tables and the one-byte words').
    /// A document's tokens then list the mention scan's walk starts
    /// ([`Doc::mention_starts`]).
    pub(crate) fn with_mention_starts(&self, words: &[String]) -> WordClasses {
        let keys: Vec<(usize, u128)> = words
            .iter()
            .map(|w| w.as_bytes())
            .filter(|w| {
                (1..=KEY_BYTES).contains(&w.len())
                    && w[0].is_ascii_lowercase()
                    && w.iter()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
            .map(|w| (w.len(), key_of(w)))
            .collect();
        let of_len = |lengths: std::ops::RangeInclusive<usize>| {
            let mut k: Vec<u128> = keys
                .iter()
                .filter(|(n, _)| lengths.contains(n))
                .map(|&(_, k)| k)
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        let short8: Vec<u64> = of_len(1..=8).into_iter().map(|k| k as u64).collect();
        let mut single = self.single;
        for &k in &short8 {
            if k < 0x80 {
                single[k as usize] |= MENTION_START;
            }
        }
        WordClasses {
            words: std::sync::Arc::clone(&self.words),
            short: self.short.with_class(
                &of_len(8..=KEY_BYTES)
                    .into_iter()
                    .map(halves)
                    .collect::<Vec<_>>(),
                MENTION_START,
            ),
            short8: self.short8.with_class(&short8, MENTION_START),
            single,
            // Mention words are ASCII: no char of PUNCT is one.
            punct: self.punct,
            by_first: self.by_first.clone(),
            max_len: self.max_len,
            mention_starts: true,
        }
    }

    /// The table of `words` (lower case; a word listed twice has the
    /// classes of both).
    fn from_words(mut words: Vec<(Box<str>, u64)>) -> WordClasses {
        words.sort_by(|a, b| a.0.cmp(&b.0));
        words.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 |= b.1;
                true
            } else {
                false
            }
        });
        let mut by_first = Box::new([(0u32, 0u32); 256]);
        for (i, (w, _)) in words.iter().enumerate() {
            if let Some(&b) = w.as_bytes().first() {
                let r = &mut by_first[b as usize];
                if r.0 == r.1 {
                    *r = (i as u32, i as u32 + 1);
                } else {
                    r.1 = i as u32 + 1;
                }
            }
        }
        let max_len = words.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        let keyed = |lengths: std::ops::RangeInclusive<usize>| {
            words
                .iter()
                .filter(move |(w, _)| lengths.contains(&w.len()) && !w.contains('\0'))
                .map(|(w, c)| (key_of(w.as_bytes()), *c))
                .collect::<Vec<_>>()
        };
        let short = KeyTable::new(
            keyed(8..=KEY_BYTES)
                .into_iter()
                .map(|(k, c)| (halves(k), c)),
        );
        let short8 = KeyTable::new(keyed(1..=8).into_iter().map(|(k, c)| (k as u64, c)));
        let mut classes = WordClasses {
            words: words.into(),
            short,
            short8,
            single: [0; 128],
            punct: [0; PUNCT_CHARS],
            by_first,
            max_len,
            mention_starts: false,
        };
        for b in 1..128u8 {
            classes.single[b as usize] = classes.of(&(b as char).to_string());
        }
        for c in PUNCT {
            classes.punct[c as usize - 0x2010] = classes.of(c.encode_utf8(&mut [0; 4]));
        }
        classes
    }

    /// [`WordClasses::of`] for `text[start..end]`: a one-byte word from a
    /// table; a word of up to eight (or sixteen) bytes read at once when
    /// eight (or sixteen) bytes of text follow its start.
    #[inline(always)]
    fn of_span(&self, text: &str, start: usize, end: usize) -> u64 {
        let n = end - start;
        let bytes = text.as_bytes();
        if n == 1 {
            let b = bytes[start];
            if b != 0 && b < 0x80 {
                return self.single[b as usize];
            }
        }
        if n <= 8 {
            if let Some(chunk) = bytes.get(start..start + 8) {
                if n > 0 {
                    let all = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                    if let Some(key) = fold_key8(all, n) {
                        return self.short8.get(key);
                    }
                }
            }
        }
        if let Some(chunk) = text.as_bytes().get(start..start + KEY_BYTES) {
            if n > 0 && n <= KEY_BYTES {
                let all = u128::from_le_bytes(chunk.try_into().expect("sixteen bytes"));
                if let Some(key) = fold_key(all, n) {
                    return self.get_key(key, n);
                }
            }
        }
        self.of(&text[start..end])
    }

    /// The commonest token at once: a word of ASCII letters and digits
    /// only, of at most [`KEY_BYTES`] bytes, starting at `i` and followed
    /// by an ASCII byte that neither continues nor joins it (a joiner
    /// before an ASCII byte that is no letter or digit joins nothing).
    /// Its end and its classes (the table's and the -ing/-ed/-ly tails,
    /// not those of its first char) from one read of its bytes: the run's
    /// end and its folded key come from the same eight-byte words. `None`
    /// for any other token, when no word starts at `i` (the byte there is
    /// no ASCII letter or digit), or when sixteen bytes do not follow `i`.
    /// With them, where [`WordClasses::walk`] finds the word's walk state
    /// (meaningful if the classes have [`CUE_START`]), and the word's
    /// first byte.
    #[inline(always)]
    fn plain_word(&self, bytes: &[u8], i: usize) -> Option<(usize, u64, WalkSlot, u8)> {
        // Letters and digits fold with the 0x20 bit of each byte.
        const FOLD: u64 = u64::MAX / 255 * 0x20;
        let chunk: &[u8; 16] = bytes.get(i..i + 2 * 8)?.try_into().expect("sixteen bytes");
        let lo = u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes"));
        let stop = not_alnum8(lo);
        if stop & 0x80 != 0 {
            // No word starts at `i`.
            return None;
        }
        let (n, (class, slot), long) = if stop != 0 {
            let n = (stop.trailing_zeros() / 8) as usize;
            let key = (lo | FOLD) & LOW_BYTES8[n];
            (n, self.short8.find(key), false)
        } else {
            let hi = u64::from_le_bytes(chunk[8..].try_into().expect("eight bytes"));
            let stop = not_alnum8(hi);
            if stop == 0 {
                return None;
            }
            let m = (stop.trailing_zeros() / 8) as usize;
            let hi = (hi | FOLD) & LOW_BYTES8[m];
            (8 + m, self.short.find([lo | FOLD, hi]), true)
        };
        let after = KIND[bytes[i + n] as usize];
        // A joiner followed by an ASCII byte that is no letter or digit
        // (or by nothing) joins nothing: it ends the word as any other
        // mark does ("said." at a sentence's end, about one word in
        // twenty). Before a non-ASCII char, `word_end` tells.
        if after & (JOIN | HIGH) != 0
            && (after & HIGH != 0
                || bytes
                    .get(i + n + 1)
                    .is_some_and(|&b| KIND[b as usize] & (ALNUM | HIGH) != 0))
        {
            return None;
        }
        let class = if n > 4 {
            // The last four bytes, folded as the key is (read from the
            // text: cheaper than a shift of the key by a variable amount,
            // and only for the words that have a tail).
            let tail = u32::from_le_bytes(chunk[n - 4..n].try_into().expect("four bytes"));
            class | tail_classes(tail | 0x2020_2020)
        } else {
            class
        };
        Some((i + n, class, WalkSlot { long, slot }, chunk[0]))
    }

    /// The walk state of a plain word marked [`CUE_START`] (see
    /// [`Walk`]), where [`WordClasses::plain_word`] found the word.
    #[inline]
    fn walk(&self, at: WalkSlot) -> (u32, u32) {
        if at.long {
            self.short.walk(at.slot)
        } else {
            self.short8.walk(at.slot)
        }
    }

    /// The classes of `word`, compared lower-case with curly apostrophes
    /// folded; no allocation.
    pub(crate) fn of(&self, word: &str) -> u64 {
        if let Some(key) = ascii_key(word.as_bytes()) {
            return self.get_key(key, word.len());
        }
        // Fold bytewise ("’" and "‘" to "'", ASCII lower case: what
        // `cmp_folded` does char by char) into an integer key; a word
        // without NUL of at most KEY_BYTES bytes is then found by a binary
        // search over integers.
        let bytes = word.as_bytes();
        let mut key: u128 = 0;
        let mut n = 0;
        let mut i = 0;
        while i < bytes.len() {
            if n == KEY_BYTES {
                return self.of_long(word);
            }
            let b = bytes[i];
            let f = if b == 0xE2 && matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x98 | 0x99])) {
                i += 3;
                b'\''
            } else {
                i += 1;
                b.to_ascii_lowercase()
            };
            if f == 0 {
                return self.of_long(word);
            }
            key |= (f as u128) << (8 * n);
            n += 1;
        }
        if n == 0 {
            return self.of_slow(word);
        }
        self.get_key(key, n)
    }

    /// The classes of the word of `n` bytes (1 to [`KEY_BYTES`]) with
    /// integer key `key`, from the table of its length.
    #[inline]
    fn get_key(&self, key: u128, n: usize) -> u64 {
        if n <= 8 {
            self.short8.get(key as u64)
        } else {
            self.short.get(halves(key))
        }
    }

    /// [`WordClasses::of`] for words longer than [`KEY_BYTES`]: folded
    /// into a buffer and looked up among the words sharing the first byte.
    fn of_long(&self, word: &str) -> u64 {
        if self.max_len >= FOLD_BUF {
            return self.of_slow(word);
        }
        let bytes = word.as_bytes();
        let mut buf = [0u8; FOLD_BUF];
        let mut n = 0;
        let mut i = 0;
        while i < bytes.len() {
            if n == self.max_len {
                // Longer than every word of the table.
                return 0;
            }
            let b = bytes[i];
            if b == 0xE2 && matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x98 | 0x99])) {
                buf[n] = b'\'';
                i += 3;
            } else {
                buf[n] = b.to_ascii_lowercase();
                i += 1;
            }
            n += 1;
        }
        let folded = &buf[..n];
        let Some(&first) = folded.first() else {
            return self.of_slow(word);
        };
        let (lo, hi) = self.by_first[first as usize];
        let range = &self.words[lo as usize..hi as usize];
        range
            .binary_search_by(|(w, _)| w.as_bytes().cmp(folded))
            .map_or(0, |i| range[i].1)
    }

    /// [`WordClasses::of`] char by char.
    fn of_slow(&self, word: &str) -> u64 {
        self.words
            .binary_search_by(|(w, _)| cmp_folded(w, word))
            .map_or(0, |i| self.words[i].1)
    }
}

/// Where [`WordClasses::plain_word`] found a word: its slot in the
/// eight-byte table or (`long`) in the sixteen-byte one.
#[derive(Debug, Clone, Copy)]
struct WalkSlot {
    long: bool,
    slot: usize,
}

/// Compares a lower-case table word with a text word, folding the text
/// word's ASCII case and curly apostrophes.
fn cmp_folded(table: &str, word: &str) -> std::cmp::Ordering {
    let folded = word.chars().map(|c| match c {
        '’' | '‘' => '\'',
        c => c.to_ascii_lowercase(),
    });
    table.chars().cmp(folded)
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    // 24 bytes: the offsets and indices in 31 bits, which a text of at
    // most `MAX_TEXT_BYTES` bytes guarantees (a token has a byte at least,
    // so no index reaches the text's length); the flags in the top bits.
    start: u32,
    end: u32,
    pub class: u64,
    /// Low half: the sentence entry, with [`FLAG`] if a line break comes
    /// between the previous token and this one ([`LINE`]). High half: the
    /// quotation the token is in (its marks included) or `NO_QUOTE`, with
    /// [`FLAG`] for a joined word ([`JOINED`], see [`Tok::joined`]). One
    /// field: the tokenizer writes it in one store, from the placer's
    /// [`Placer::bits`] and the token's flags.
    place: u64,
}

// Eight tokens in three cache lines.
const _: () = assert!(std::mem::size_of::<Tok>() == 24);

/// The flag bit of [`Tok::sent`] and [`Tok::quote`].
const FLAG: u32 = 1 << 31;

/// [`Tok::line_before`]'s bit of [`Tok::place`].
const LINE: u64 = FLAG as u64;

/// [`Tok::joined`]'s bit of [`Tok::place`].
const JOINED: u64 = (FLAG as u64) << 32;

/// A sentence entry and a quotation (or `NO_QUOTE`), both below [`FLAG`],
/// as [`Tok::place`] holds them.
#[inline]
fn place_bits(sent: u32, quote: u32) -> u64 {
    u64::from(sent) | u64::from(quote) << 32
}

impl Tok {
    /// The byte offset of the token's first byte.
    #[inline]
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte offset just past the token.
    #[inline]
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }

    /// The token's entry in [`Doc::sents`].
    #[inline]
    pub(crate) fn sent(&self) -> usize {
        (self.place as u32 & !FLAG) as usize
    }

    /// The quotation the token is in (its marks included), or [`NONE`].
    #[inline]
    pub(crate) fn quote(&self) -> usize {
        let q = (self.place >> 32) as u32 & !FLAG;
        if q == NO_QUOTE {
            NONE
        } else {
            q as usize
        }
    }

    /// A line break comes between the previous token and this one.
    #[inline]
    pub(crate) fn line_before(&self) -> bool {
        self.place & LINE != 0
    }

    /// A word of parts joined by `-`, `'`, `’`, `.`, U+2010 or U+2011
    /// ("op-ed", "U.S."): each part after a joiner starts a word too.
    #[inline]
    pub(crate) fn joined(&self) -> bool {
        self.place & JOINED != 0
    }

    /// A token of bytes `start..end` with `class`, in sentence entry
    /// `sent` and quotation `quote` (or `NO_QUOTE`), both below [`FLAG`]
    /// (the tests' tokens; the tokenizer's come from [`Tok::placed`]).
    #[cfg(test)]
    fn new(
        start: usize,
        end: usize,
        class: u64,
        sent: u32,
        quote: u32,
        line_before: bool,
        joined: bool,
    ) -> Tok {
        debug_assert!(sent < FLAG && quote < FLAG);
        let flags = if line_before { LINE } else { 0 } | if joined { JOINED } else { 0 };
        Tok::placed(start, end, class, place_bits(sent, quote) | flags)
    }

    /// A token of bytes `start..end` with `class` and [`Tok::place`]
    /// `place` (a placer's [`Placer::bits`] with the token's flags).
    #[inline]
    fn placed(start: usize, end: usize, class: u64, place: u64) -> Tok {
        debug_assert!(end <= MAX_TEXT_BYTES);
        Tok {
            start: start as u32,
            end: end as u32,
            class,
            place,
        }
    }
}

pub(crate) const NONE: usize = usize::MAX;

/// [`NONE`] in a [`Tok`].
const NO_QUOTE: u32 = !FLAG;

/// The longest text a [`Doc`] takes: its offsets and indices are 31-bit.
/// [`Analyzer::analyze`](crate::Analyzer::analyze) refuses a longer one
/// ([`Error::InputTooLarge`](crate::Error::InputTooLarge)) whatever its
/// configured limit.
pub(crate) const MAX_TEXT_BYTES: usize = i32::MAX as usize;

/// The longest stretch of a sentence (in bytes) the attributor looks at
/// as one sentence.
pub(crate) const MAX_CHUNK: usize = 2 * super::MAX_REACH;

/// A document as tokens, sentences and quotations.
#[derive(Debug)]
pub(crate) struct Doc<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
    /// Each sentence's first and last token (inclusive); a sentence with no
    /// token has `first > last`. Long sentences are cut into chunks of at
    /// most [`MAX_CHUNK`] bytes, each an entry here.
    pub sents: Vec<(usize, usize)>,
    /// The index (in the caller's sentences) of each entry of `sents`.
    pub sentence_of: Vec<usize>,
    /// Each quotation's opening and closing (or last) token.
    pub quotes: Vec<QuoteToks>,
    /// The tokens with a class of [`MARKS`] (colons, poll nouns, dashes),
    /// in order: what the special frames, the transcript turns and the
    /// sign-offs start from.
    pub marks: Vec<usize>,
    /// The word classes the tokens took.
    pub classes: &'t WordClasses,
    /// The tokens a cue scan must walk from, in order, if `classes` has
    /// the cue starts of its lexicon ([`WordClasses::with_cue_starts`]):
    /// the plain words marked [`CUE_START`], every other token that
    /// starts with an ASCII letter or digit, and the joined words (whose
    /// parts start words). No key starts at another token.
    pub walks: Vec<Walk>,
    /// In order, every word start with an ASCII capital or a non-ASCII
    /// char (what the mention stage's matcher starts from): a token's start
    /// or a part's of a joined word ("S" in "U.S."), and every non-ASCII
    /// char (spaces too) with no word char right before it.
    pub capitals: Vec<usize>,
    /// In order, the word starts at ASCII letters a mention lexicon's key
    /// may start at (see [`Doc::mention_starts`]).
    pub mention_walks: Vec<WalkStart>,
}

/// A token a cue scan walks from ([`Doc::walks`]), with the scan's state
/// after its word when the token is a plain word marked [`CUE_START`]:
/// the walk goes on from there, past the word's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Walk {
    /// The token.
    pub tok: u32,
    /// Where the walk starts: the token's end with a state, its start
    /// without one (so that the scan need not read the token).
    pub at: u32,
    /// The scan's state after the token (a word of ASCII letters and
    /// digits, followed by no joiner), as the scan's
    /// [`WordClasses::builtin_with_cue_starts`] gave it; `(0, _)`: none,
    /// the walk starts at the token's start.
    pub state: (u32, u32),
}

/// The tables of a [`Doc`], kept from one document to the next
/// ([`Doc::into_buffers`], [`Doc::new_in`]): empty, with their memory.
#[derive(Debug, Default)]
pub(crate) struct DocBuffers {
    toks: Vec<Tok>,
    marks: Vec<usize>,
    walks: Vec<Walk>,
    capitals: Vec<usize>,
    mention_walks: Vec<WalkStart>,
    sents: Vec<(usize, usize)>,
    sentence_of: Vec<usize>,
    quotes: Vec<QuoteToks>,
}

impl DocBuffers {
    /// The number of tokens the buffers have room for.
    pub(crate) fn capacity(&self) -> usize {
        self.toks.capacity()
    }
}

/// The classes whose tokens [`Doc::marks`] lists. The table's classes of
/// a token never change after [`Doc::new`].
pub(crate) const MARKS: u64 = wc::COLON | wc::POLL | wc::DASH;

/// A quotation in token indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QuoteToks {
    pub open: usize,
    pub close: usize,
    /// Continued by the quotation that opens the next paragraph.
    pub continued: bool,
}

impl<'t> Doc<'t> {
    pub(crate) fn new(
        text: &'t str,
        sentences: &[Span],
        quotes: &[Quote],
        classes: &'t WordClasses,
    ) -> Doc<'t> {
        // Each token takes its sentence (long sentences cut into chunks of
        // at most MAX_CHUNK bytes, so that the work around each cue stays
        // bounded in any input) and quotation as it is made.
        Doc::new_in(text, sentences, quotes, classes, DocBuffers::default())
    }

    /// [`Doc::new`] in the memory of `buffers` (from [`Doc::into_buffers`]
    /// of an earlier document): the same document, with fewer allocations.
    pub(crate) fn new_in(
        text: &'t str,
        sentences: &[Span],
        quotes: &[Quote],
        classes: &'t WordClasses,
        buffers: DocBuffers,
    ) -> Doc<'t> {
        // The offsets of `Tok` are 31-bit (`Analyzer::analyze` and
        // `CueLexicon::try_candidates` refuse longer texts with an error): a
        // wrong offset is never made.
        assert!(text.len() <= MAX_TEXT_BYTES, "text too long for a Doc");
        let DocBuffers {
            toks,
            marks,
            walks,
            capitals,
            mention_walks,
            sents,
            sentence_of,
            quotes: qs,
        } = buffers;
        let mut place = Placer::new(sentences, quotes, (sents, sentence_of, qs));
        let tables = Tables {
            toks,
            marks,
            walks,
            capitals,
            mention_walks,
        };
        let Tables {
            toks,
            marks,
            walks,
            capitals,
            mention_walks,
        } = tokenize(text, classes, &mut place, tables);
        let (sents, sentence_of, qs) = place.finish(toks.len());
        Doc {
            text,
            classes,
            toks,
            marks,
            walks,
            capitals,
            mention_walks,
            sents,
            sentence_of,
            quotes: qs,
        }
    }

    /// The document's tables, emptied, for [`Doc::new_in`].
    pub(crate) fn into_buffers(self) -> DocBuffers {
        let mut b = DocBuffers {
            toks: self.toks,
            marks: self.marks,
            walks: self.walks,
            capitals: self.capitals,
            mention_walks: self.mention_walks,
            sents: self.sents,
            sentence_of: self.sentence_of,
            quotes: self.quotes,
        };
        b.toks.clear();
        b.marks.clear();
        b.walks.clear();
        b.capitals.clear();
        b.mention_walks.clear();
        b.sents.clear();
        b.sentence_of.clear();
        b.quotes.clear();
        b
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// Every word start at an ASCII letter whose word some key of the
    /// mention lexicon may start with, in order: the words of ASCII
    /// letters and digits looked up whole that are its first words
    /// (exact), the other words that start with a letter (joined, long or
    /// with other chars) and the parts of joined words that do (gated: a
    /// key may start there, the mention lexicon's gate tells). `None` when the
    /// word classes have no mention lexicon's marks
    /// ([`WordClasses::with_mention_starts`]).
    pub(crate) fn mention_starts(&self) -> Option<&[WalkStart]> {
        self.classes
            .mention_starts
            .then_some(&self.mention_walks[..])
    }

    pub(crate) fn is(&self, i: usize, class: u64) -> bool {
        self.toks.get(i).is_some_and(|t| t.class & class != 0)
    }

    pub(crate) fn str(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.text[t.start()..t.end()]
    }

    /// Whether token `i` is `word` (ASCII case-insensitive).
    ///
    /// No closure: the attributor's hot paths ask it some 75,000 times on
    /// the kremlin subset, most answered by the length, and an
    /// `is_some_and` closure here stayed a call of its own.
    #[inline]
    pub(crate) fn word_is(&self, i: usize, word: &str) -> bool {
        // Lengths first: most tokens are not `word`.
        match self.toks.get(i) {
            Some(t) => {
                t.end() - t.start() == word.len()
                    && self.text.as_bytes()[t.start()..t.end()]
                        .eq_ignore_ascii_case(word.as_bytes())
            }
            None => false,
        }
    }

    pub(crate) fn cap(&self, i: usize) -> bool {
        self.is(i, wc::CAP)
    }

    /// The first and last token of token `i`'s sentence.
    pub(crate) fn sent_of(&self, i: usize) -> (usize, usize) {
        self.sents[self.toks[i].sent()]
    }

    pub(crate) fn same_sent(&self, a: usize, b: usize) -> bool {
        a < self.toks.len() && b < self.toks.len() && self.toks[a].sent() == self.toks[b].sent()
    }

    /// The byte span of tokens `a..=b`.
    pub(crate) fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start(), self.toks[b].end())
    }

    /// The token starting at byte `pos`, if any.
    pub(crate) fn tok_at(&self, pos: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.start() < pos);
        (i < self.toks.len() && self.toks[i].start() == pos).then_some(i)
    }

    /// The last token ending at or before byte `pos`.
    pub(crate) fn tok_ending_by(&self, pos: usize) -> Option<usize> {
        self.toks.partition_point(|t| t.end() <= pos).checked_sub(1)
    }

    /// Whether token `i`'s sentence was too long and cut into chunks.
    pub(crate) fn chunked(&self, i: usize) -> bool {
        let c = self.toks[i].sent();
        let s = self.sentence_of[c];
        c > 0 && self.sentence_of[c - 1] == s
            || self.sentence_of.get(c + 1).is_some_and(|&n| n == s)
    }

    /// Where the parts after the first of joined word `k` start ("ed" in
    /// "op-ed", "S" in "U.S."); none for another token.
    pub(crate) fn part_starts(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let t = self.toks[k];
        let word = if t.joined() {
            &self.text[t.start()..t.end()]
        } else {
            ""
        };
        word.char_indices().filter_map(move |(i, c)| {
            let after = t.start() + i + c.len_utf8();
            let joiner = matches!(c, '-' | '\'' | '’' | '.' | '\u{2010}' | '\u{2011}');
            (joiner && after < t.end()).then_some(after)
        })
    }

    /// A line break lies between tokens `a` and `b` (`a < b`).
    pub(crate) fn line_between(&self, a: usize, b: usize) -> bool {
        (a + 1..=b).any(|k| self.toks[k].line_before())
    }
}

/// Splits `text` into words (with inner `-`, `'`, `’` and the dots of
/// "U.S.") and single punctuation marks (`''`, ``` `` ``` and `--` count as
/// one), and gives each its classes.
///
/// ASCII is read a byte at a time through [`KIND`]; other chars go through
/// the Unicode tests (the module's tests compare both with a char-by-char
/// reference).
fn tokenize(text: &str, classes: &WordClasses, place: &mut Placer<'_>, tables: Tables) -> Tables {
    let Tables {
        mut toks,
        mut marks,
        mut walks,
        mut capitals,
        mut mention_walks,
    } = tables;
    // News text has a token every five or six bytes, a walk (a word that
    // may start a cue, see `Doc::walks`) every twenty or so, a capital
    // every forty-six or so, a mention walk every thirty or so and a mark
    // every few hundred: room for more, so that the tables rarely grow.
    // (The tables come empty, perhaps with room from an earlier document.)
    room(&mut toks, text.len() / 5);
    room(&mut marks, text.len() / 256);
    room(&mut walks, text.len() / 16);
    room(&mut capitals, text.len() / 32);
    room(&mut mention_walks, text.len() / 16);
    let bytes = text.as_bytes();
    // The token made next after a line break, which takes the LINE flag
    // once made (at the next break or the end: one token in a hundred or
    // so, rather than a pending flag for every token).
    let mut line_tok = usize::MAX;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let k = KIND[b as usize];
        // White space, control and format characters separate tokens
        // (for ASCII: everything up to the space, and DEL).
        if k & SPACE != 0 {
            if b == b'\n' {
                line_before(&mut toks, line_tok);
                line_tok = toks.len();
            }
            i += 1;
            continue;
        }
        // The classes a word takes from its first char, if it is a word.
        let first: Option<u64>;
        let end;
        let mut joined = false;
        // The token's classes when known without a look-up.
        let mut table = None;
        if k & ALNUM != 0 {
            // A run of plain words, each but the last followed by one
            // space (most of news text): word after word, without the
            // dispatch on the next byte above.
            let mut j = i;
            while let Some((e, mut class, at, b)) = classes.plain_word(bytes, j) {
                let i = j;
                // An ASCII letter or digit: a capital without the 0x20 bit.
                if b & 0x20 == 0 {
                    capitals.push(i);
                }
                // Most words are none of these: one test for the three.
                if class & (MARKS | STARTS) != 0 {
                    if class & MARKS != 0 {
                        marks.push(toks.len());
                    }
                    if class & CUE_START != 0 {
                        walks.push(Walk {
                            tok: toks.len() as u32,
                            at: e as u32,
                            state: classes.walk(at),
                        });
                    }
                    if class & MENTION_START != 0 {
                        mention_walks.push(WalkStart::exact(i));
                    }
                    // The marks are no token's classes.
                    class &= !STARTS;
                }
                if e > place.bound {
                    place.place(toks.len(), i, e);
                }
                toks.push(Tok::placed(i, e, class | FIRST[b as usize], place.bits));
                // The byte after a plain word is there.
                j = e;
                if bytes[e] != b' ' {
                    break;
                }
                j += 1;
            }
            if j != i {
                i = j;
                continue;
            }
        }
        if k & HIGH == 0 {
            if k & ALNUM != 0 {
                first = Some(FIRST[b as usize]);
                (end, joined) = word_end(text, i, i + 1);
                if k & UPPER != 0 {
                    capitals.push(i);
                }
            } else {
                // An ASCII mark (one token in nine): no word, no walk, no
                // capital, no tail; its classes from the one-byte table
                // unless doubled (`''`, ``` `` ```, `--`).
                let (end, class) = if k & PAIR != 0 && bytes.get(i + 1) == Some(&b) {
                    (i + 2, classes.of_span(text, i, i + 2))
                } else {
                    (i + 1, classes.single[b as usize])
                };
                let class = class & !STARTS;
                if class & MARKS != 0 {
                    marks.push(toks.len());
                }
                if end > place.bound {
                    place.place(toks.len(), i, end);
                }
                toks.push(Tok::placed(i, end, class, place.bits));
                // A space after a mark (", ") is passed over at once.
                i = end + usize::from(bytes.get(end) == Some(&b' '));
                continue;
            }
        } else {
            // Every non-ASCII char with no word char before it, spaces too:
            // what the mention stage's capitals are.
            if !word_before(text, i) {
                capitals.push(i);
            }
            let c = text[i..].chars().next().expect("a char boundary");
            let len = c.len_utf8();
            if PUNCT.contains(&c) {
                // A dash, a curly quote, the ellipsis: no space, no word
                // char (no look-up in the Unicode tables), its classes at
                // once.
                first = None;
                end = i + len;
                table = Some(classes.punct[c as usize - 0x2010]);
            } else if is_space(c) {
                i += len;
                continue;
            } else if is_word_char(c) {
                let mut f = 0;
                if c.is_uppercase() {
                    f |= wc::CAP;
                }
                if c.is_alphabetic() {
                    f |= wc::ALPHA;
                } else if c.is_numeric() {
                    f |= wc::DIGIT;
                }
                first = Some(f);
                (end, joined) = word_end(text, i, i + len);
            } else {
                first = None;
                end = i + len;
            }
        }
        let mut class = table.unwrap_or_else(|| classes.of_span(text, i, end));
        if k & (UPPER | LOWER) != 0 {
            // A word of ASCII letters and digits (not joined, no other
            // char) of up to KEY_BYTES bytes was looked up whole, as a
            // plain word is; the mention scan's gate tells of the others.
            if joined || end - i > KEY_BYTES || !bytes[i..end].is_ascii() {
                mention_walks.push(WalkStart::gated(i));
            } else if class & MENTION_START != 0 {
                mention_walks.push(WalkStart::exact(i));
            }
        }
        if joined {
            part_starts(text, i, end, &mut capitals, &mut mention_walks);
        }
        class &= !STARTS;
        // Keys start with an ASCII letter or digit; the parts of a joined
        // word start words too.
        if k & ALNUM != 0 || joined {
            walks.push(Walk {
                tok: toks.len() as u32,
                at: i as u32,
                state: (0, 0),
            });
        }
        if let Some(f) = first {
            class |= f;
            if end - i > 4 {
                // The last four bytes, ASCII letters lower-cased (a byte
                // `b | 0x20` is a lower-case letter only if `b` is that
                // letter in either case). An ASCII tail ends on a char
                // boundary if its bytes match.
                let tail = u32::from_le_bytes(bytes[end - 4..end].try_into().expect("four bytes"))
                    | 0x2020_2020;
                class |= tail_classes(tail);
            }
        }
        if class & MARKS != 0 {
            marks.push(toks.len());
        }
        if end > place.bound {
            place.place(toks.len(), i, end);
        }
        let joined = if joined { JOINED } else { 0 };
        toks.push(Tok::placed(i, end, class, place.bits | joined));
        // A space after the token is passed over at once.
        i = end + usize::from(bytes.get(end) == Some(&b' '));
    }
    line_before(&mut toks, line_tok);
    Tables {
        toks,
        marks,
        walks,
        capitals,
        mention_walks,
    }
}

/// Token `k`, if made, has a line break before it.
#[inline]
fn line_before(toks: &mut [Tok], k: usize) {
    if let Some(t) = toks.get_mut(k) {
        t.place |= LINE;
    }
}

/// The tables [`tokenize`] fills (see [`Doc`]).
#[derive(Default)]
struct Tables {
    toks: Vec<Tok>,
    marks: Vec<usize>,
    walks: Vec<Walk>,
    capitals: Vec<usize>,
    mention_walks: Vec<WalkStart>,
}

/// The parts after the first of the joined word `text[start..end]` ("ed"
/// in "op-ed", "S" in "U.S."), as [`Doc::part_starts`] finds them: those
/// with an ASCII capital or a non-ASCII char onto `capitals` (a joiner is
/// no word char), those with an ASCII letter onto `mention_walks`, gated.
///
/// Eight bytes at a time to the next byte that may begin a joiner (a word
/// has one joiner in ten bytes or so), not a `match` on every byte.
#[cold]
fn part_starts(
    text: &str,
    start: usize,
    end: usize,
    capitals: &mut Vec<usize>,
    mention_walks: &mut Vec<WalkStart>,
) {
    let bytes = text.as_bytes();
    let mut j = start;
    // No byte of a char is another char's first (a joiner's bytes are no
    // continuation bytes), so a joiner's lead byte is a joiner's start.
    while j < end {
        if let Some(chunk) = bytes.get(j..j + 8) {
            let lead = joiner_lead8(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
            if lead == 0 {
                j += 8;
                continue;
            }
            j += (lead.trailing_zeros() / 8) as usize;
            if j >= end {
                break;
            }
        }
        let after = match bytes[j] {
            b'-' | b'\'' | b'.' => j + 1,
            // ’, U+2010, U+2011.
            0xE2 if matches!(bytes.get(j + 1..j + 3), Some([0x80, 0x90 | 0x91 | 0x99])) => j + 3,
            _ => end,
        };
        if after < end {
            let b = bytes[after];
            if b.is_ascii_uppercase() || b >= 0xC0 {
                capitals.push(after);
            }
            if b.is_ascii_alphabetic() {
                mention_walks.push(WalkStart::gated(after));
            }
        }
        j += 1;
    }
}

/// The high bit of the first byte of `x` (eight bytes, little-endian)
/// that may begin a joiner (`-`, `'`, `.`, or 0xE2, the lead byte of
/// `’`, U+2010 and U+2011), perhaps with high bits of bytes after it (a
/// zero byte's borrow); 0 if none does.
#[inline]
fn joiner_lead8(x: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    // The bytes equal to `b`: zero in `x ^ b..`, found as a borrow.
    let equal = |b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH
    };
    equal(b'-') | equal(b'\'') | equal(b'.') | equal(0xE2)
}

/// Room for `n` items in empty table `v`: a new allocation when it has
/// less (not a `reserve`, whose `realloc` may copy the old, unused memory).
fn room<T>(v: &mut Vec<T>, n: usize) {
    debug_assert!(v.is_empty());
    if v.capacity() < n {
        *v = Vec::with_capacity(n);
    }
}

/// The sentence and quotation of each token, worked out as the tokenizer
/// makes the tokens (in order): a token ending by [`Placer::bound`] takes
/// the current ones without a look at the spans.
pub(crate) struct Placer<'a> {
    sentences: &'a [Span],
    quotes: &'a [Quote],
    /// The sentence the next token may enter or is in.
    s: usize,
    /// Whether sentence `s` has begun (a token reached into it).
    in_sent: bool,
    /// The first token of the current chunk.
    first: usize,
    /// A token ending past this byte starts a new chunk.
    chunk_limit: usize,
    sents: Vec<(usize, usize)>,
    sentence_of: Vec<usize>,
    /// The quotation the next token may enter or is in.
    q: usize,
    in_quote: bool,
    open: usize,
    qs: Vec<QuoteToks>,
    /// The current token's sentence entry and quotation (or `NO_QUOTE`).
    sent: u32,
    quote: u32,
    /// The two as [`Tok::place`] holds them.
    bits: u64,
    /// A token ending after this byte needs [`Placer::place`]: the least
    /// of the next boundary a token's start may reach (a sentence's or
    /// quotation's start or end: a token starting there ends after it)
    /// and the byte a token's end may not pass (a sentence's start, a
    /// chunk's limit). [`Placer::place`] leaves all as it is for a token
    /// that needs none, so that one compare of the token's end will do.
    bound: usize,
    /// The same for the sentences alone (a sentence's end, the next
    /// sentence's start, a chunk's limit): a token ending by it leaves
    /// the sentence state as it is.
    sent_bound: usize,
    /// The same for the quotations alone (the next quotation's start or
    /// the current one's end).
    quote_bound: usize,
}

impl<'a> Placer<'a> {
    /// A placer filling `tables` (empty) with the sentence entries, their
    /// sentences and the quotations.
    fn new(
        sentences: &'a [Span],
        quotes: &'a [Quote],
        tables: (Vec<(usize, usize)>, Vec<usize>, Vec<QuoteToks>),
    ) -> Placer<'a> {
        let (mut sents, mut sentence_of, mut qs) = tables;
        room(&mut sents, sentences.len());
        room(&mut sentence_of, sentences.len());
        room(&mut qs, quotes.len());
        let mut p = Placer {
            sentences,
            quotes,
            s: 0,
            in_sent: false,
            first: 0,
            chunk_limit: 0,
            sents,
            sentence_of,
            q: 0,
            in_quote: false,
            open: 0,
            qs,
            sent: 0,
            quote: NO_QUOTE,
            bits: place_bits(0, NO_QUOTE),
            bound: 0,
            sent_bound: 0,
            quote_bound: 0,
        };
        p.sent_bound();
        p.quote_bound();
        p.bound = p.sent_bound.min(p.quote_bound);
        p
    }

    /// Token `i` (bytes `start..end`): its sentence and quotation into
    /// `sent` and `quote`, and the next boundaries. Only the side whose
    /// bound the token passes is worked out (the other's state would stay
    /// as it is: a token that ends by a side's bound changes nothing
    /// there), most often the sentences alone.
    #[cold]
    #[inline(never)]
    fn place(&mut self, i: usize, start: usize, end: usize) {
        if end > self.sent_bound {
            self.place_sentence(i, start, end);
            self.sent_bound();
        }
        if end > self.quote_bound {
            self.place_quote(i, start);
            self.quote_bound();
        }
        self.bits = place_bits(self.sent, self.quote);
        self.bound = self.sent_bound.min(self.quote_bound);
    }

    /// Token `i`'s sentence entry into `sent`: tokens before a sentence
    /// (none in practice) join the previous one; a chunk ends before the
    /// token that ends past its limit; tokens after the last sentence join
    /// it.
    #[inline(always)]
    fn place_sentence(&mut self, i: usize, start: usize, end: usize) {
        loop {
            let Some(span) = self.sentences.get(self.s) else {
                self.sent = self.sents.len().saturating_sub(1) as u32;
                break;
            };
            if !self.in_sent {
                if end <= span.start {
                    self.sent = self.sents.len().saturating_sub(1) as u32;
                    break;
                }
                self.in_sent = true;
                self.first = i;
                self.chunk_limit = start + MAX_CHUNK;
            }
            if start >= span.end {
                self.sents.push((self.first, i.wrapping_sub(1)));
                self.sentence_of.push(self.s);
                self.s += 1;
                self.in_sent = false;
                continue;
            }
            if end > self.chunk_limit && i > self.first {
                self.sents.push((self.first, i - 1));
                self.sentence_of.push(self.s);
                self.first = i;
                self.chunk_limit = start + MAX_CHUNK;
            }
            self.sent = self.sents.len() as u32;
            break;
        }
    }

    /// Token `i`'s quotation into `quote`: a token is in one if it starts
    /// inside its outer span.
    #[inline(always)]
    fn place_quote(&mut self, i: usize, start: usize) {
        loop {
            let Some(q) = self.quotes.get(self.q) else {
                self.quote = NO_QUOTE;
                break;
            };
            if !self.in_quote {
                if start < q.outer.start {
                    self.quote = NO_QUOTE;
                    break;
                }
                self.in_quote = true;
                self.open = i;
            }
            if start < q.outer.end {
                self.quote = self.qs.len() as u32;
                break;
            }
            if i > self.open {
                self.qs.push(QuoteToks {
                    open: self.open,
                    close: i - 1,
                    continued: q.continued,
                });
            }
            self.q += 1;
            self.in_quote = false;
        }
    }

    /// `sent_bound` from the sentence state: the next boundary a token's
    /// start may reach, or the byte its end may not pass.
    #[inline(always)]
    fn sent_bound(&mut self) {
        self.sent_bound = match self.sentences.get(self.s) {
            None => usize::MAX,
            Some(span) if !self.in_sent => span.start,
            Some(span) => span.end.min(self.chunk_limit),
        };
    }

    /// `quote_bound` from the quotation state.
    #[inline(always)]
    fn quote_bound(&mut self) {
        self.quote_bound = match self.quotes.get(self.q) {
            None => usize::MAX,
            Some(q) if !self.in_quote => q.outer.start,
            Some(q) => q.outer.end,
        };
    }

    /// The sentence entries, their sentences and the quotations of `n`
    /// tokens.
    fn finish(mut self, n: usize) -> (Vec<(usize, usize)>, Vec<usize>, Vec<QuoteToks>) {
        while self.s < self.sentences.len() {
            if !self.in_sent {
                self.first = n;
            }
            self.sents.push((self.first, n.wrapping_sub(1)));
            self.sentence_of.push(self.s);
            self.s += 1;
            self.in_sent = false;
        }
        if self.sents.is_empty() {
            self.sents.push((0, n.wrapping_sub(1)));
            self.sentence_of.push(0);
        }
        if self.in_quote && n > self.open {
            self.qs.push(QuoteToks {
                open: self.open,
                close: n - 1,
                continued: self.quotes[self.q].continued,
            });
        }
        (self.sents, self.sentence_of, self.qs)
    }
}

/// The end of the word starting at `start` whose first char ends at `j`:
/// runs of word chars joined by single `-`, `'`, `’`, `.`, U+2010 or
/// U+2011, and the final dot of a dotted abbreviation ("U.S."); and
/// whether a joiner joined two runs.
#[inline(always)]
fn word_end(text: &str, start: usize, mut j: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    // `j`: the next byte not yet taken into the word.
    let mut end = j;
    let mut joined = false;
    loop {
        // Runs of ASCII letters and digits first, eight bytes at a time
        // (most runs end within the first eight: one test where the
        // byte-at-a-time loop mispredicted its exit), the text's last few
        // bytes one at a time.
        let run_start = j;
        loop {
            if let Some(chunk) = bytes.get(j..j + 8) {
                let stop = not_alnum8(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
                if stop == 0 {
                    j += 8;
                    continue;
                }
                j += (stop.trailing_zeros() / 8) as usize;
                break;
            }
            while bytes.get(j).is_some_and(|&b| KIND[b as usize] & ALNUM != 0) {
                j += 1;
            }
            break;
        }
        if j > run_start {
            end = j;
        }
        let Some(&b) = bytes.get(j) else {
            break;
        };
        let (d, dlen) = if b < 0x80 {
            // Not a letter or digit: a joiner or the end of the word.
            if KIND[b as usize] & JOIN == 0 {
                break;
            }
            (b as char, 1)
        } else {
            let d = text[j..].chars().next().expect("a char boundary");
            if is_word_char(d) {
                j += d.len_utf8();
                end = j;
                continue;
            }
            if !matches!(d, '’' | '\u{2010}' | '\u{2011}') {
                break;
            }
            (d, d.len_utf8())
        };
        // The char after the joiner is read only after a joiner.
        let next_is_word = match bytes.get(j + dlen) {
            None => false,
            Some(&n) if n < 0x80 => KIND[n as usize] & ALNUM != 0,
            Some(_) => text[j + dlen..].chars().next().is_some_and(is_word_char),
        };
        if next_is_word {
            j += dlen;
            joined = true;
            continue;
        }
        // "U.S." keeps its final dot (a word with a dot inside has joined
        // runs).
        if d == '.' && joined && dotted_abbreviation(text, start, j) {
            end = j + 1;
        }
        break;
    }
    (end, joined)
}

/// [`KIND`] bits.
const SPACE: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
const ALNUM: u8 = 8;
/// `-`, `'` and `.`: they join word parts.
const JOIN: u8 = 16;
/// `'`, `` ` `` and `-`: doubled, they are one token.
const PAIR: u8 = 32;
/// A byte of a non-ASCII char.
const HIGH: u8 = 64;

/// The classes a word takes from its first char, for an ASCII letter or
/// digit (0 for every other byte: 256 entries, so that a byte indexes it
/// without a bounds check).
const FIRST: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            wc::CAP | wc::ALPHA
        } else if c.is_ascii_lowercase() {
            wc::ALPHA
        } else if c.is_ascii_digit() {
            wc::DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// What each byte is to the tokenizer.
const KIND: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if b >= 0x80 {
            HIGH
        } else if c <= b' ' || c == 0x7f {
            SPACE
        } else if c.is_ascii_uppercase() {
            UPPER | ALNUM
        } else if c.is_ascii_lowercase() {
            LOWER | ALNUM
        } else if c.is_ascii_digit() {
            ALNUM
        } else {
            let mut k = 0;
            if c == b'-' || c == b'\'' || c == b'.' {
                k |= JOIN;
            }
            if c == b'-' || c == b'\'' || c == b'`' {
                k |= PAIR;
            }
            k
        };
        b += 1;
    }
    t
};

/// The char at byte offset `i` (a char boundary) and its length in bytes.
#[cfg(test)]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Whether the word from `start` to the dot at `dot` is a dotted
/// abbreviation such as "U.S" or "D.C" (single letters between dots).
fn dotted_abbreviation(text: &str, start: usize, dot: usize) -> bool {
    let w = &text[start..dot];
    w.contains('.')
        && w.split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Tok {
        fn set_sent(&mut self, sent: usize) {
            self.place = self.place & !u64::from(!FLAG) | sent as u64;
        }

        fn set_quote(&mut self, quote: usize) {
            self.place = self.place & !(u64::from(!FLAG) << 32) | (quote as u64) << 32;
        }
    }

    #[test]
    fn a_token_keeps_its_fields_and_flags_apart() {
        let big = MAX_TEXT_BYTES - 1;
        for (line_before, joined) in [(false, false), (true, false), (false, true), (true, true)] {
            for (sent, quote) in [(0, 0), (big as u32, NO_QUOTE), (7, big as u32)] {
                let t = Tok::new(3, big + 1, u64::MAX, sent, quote, line_before, joined);
                assert_eq!((t.start(), t.end(), t.class), (3, big + 1, u64::MAX));
                assert_eq!(t.sent(), sent as usize);
                let q = if quote == NO_QUOTE {
                    NONE
                } else {
                    quote as usize
                };
                assert_eq!(t.quote(), q);
                assert_eq!((t.line_before(), t.joined()), (line_before, joined));
            }
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let sents: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let doc = Doc::new(text, &sents, &quotes, WordClasses::builtin());
        (0..doc.len()).map(|i| doc.str(i)).collect()
    }

    /// Splits `text` into words (with inner `-`, `'`, `’` and the dots of
    /// "U.S.") and single punctuation marks (`''`, ``` `` ``` and `--` count as
    /// one), and gives each its classes: the tokenizer char by char.
    fn tokenize_reference(text: &str, classes: &WordClasses) -> Vec<Tok> {
        let mut toks = Vec::with_capacity(text.len() / 5);
        let bytes = text.as_bytes();
        let mut line = false;
        let mut i = 0;
        while let Some((c, len)) = char_at(text, i) {
            // White space, control and format characters separate tokens
            // (for ASCII: everything up to the space, and DEL).
            let space = if c.is_ascii() {
                c <= ' ' || c == '\x7f'
            } else {
                is_space(c)
            };
            if space {
                line |= c == '\n';
                i += len;
                continue;
            }
            let mut end = i + len;
            if is_word_char(c) {
                // `j`: the next char not yet taken into the word.
                let mut j = end;
                loop {
                    // Runs of ASCII letters and digits first, at once.
                    let run = bytes[j..]
                        .iter()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(bytes.len() - j);
                    if run > 0 {
                        j += run;
                        end = j;
                    }
                    let Some((d, dlen)) = char_at(text, j) else {
                        break;
                    };
                    if is_word_char(d) {
                        j += dlen;
                        end = j;
                        continue;
                    }
                    // Most words end at a space or a mark that joins nothing:
                    // the char after the joiner is read only after a joiner.
                    if !matches!(d, '-' | '\'' | '’' | '.' | '\u{2010}' | '\u{2011}') {
                        break;
                    }
                    let next_is_word =
                        char_at(text, j + dlen).is_some_and(|(n, _)| is_word_char(n));
                    if next_is_word {
                        j += dlen;
                        continue;
                    }
                    // "U.S." keeps its final dot.
                    if d == '.' && dotted_abbreviation(text, i, j) {
                        end = j + 1;
                    }
                    break;
                }
            } else if matches!(c, '\'' | '`' | '-') && bytes.get(end) == Some(&(c as u8)) {
                end += 1;
            }
            let word = &text[i..end];
            let mut class = classes.of_span(text, i, end);
            if is_word_char(c) {
                if c.is_uppercase() {
                    class |= wc::CAP;
                }
                if c.is_alphabetic() {
                    class |= wc::ALPHA;
                } else if c.is_numeric() {
                    class |= wc::DIGIT;
                }
                // An ASCII tail ends on a char boundary if its bytes match.
                let lower_tail = |s: &str| {
                    word.len() > 4
                        && word.as_bytes()[word.len() - s.len()..]
                            .eq_ignore_ascii_case(s.as_bytes())
                };
                if lower_tail("ing") {
                    class |= wc::ING;
                }
                if lower_tail("ed") {
                    class |= wc::ED;
                }
                if lower_tail("ly") {
                    class |= wc::LY;
                }
            }
            toks.push(Tok::new(
                i,
                end,
                class,
                0,
                NO_QUOTE,
                std::mem::take(&mut line),
                is_word_char(c)
                    && text[i..end].contains(['-', '\'', '’', '.', '\u{2010}', '\u{2011}']),
            ));
            i = end;
        }
        toks
    }

    fn toks_of(toks: &[Tok]) -> Vec<(usize, usize, u64, bool, bool)> {
        toks.iter()
            .map(|t| (t.start(), t.end(), t.class, t.line_before(), t.joined()))
            .collect()
    }

    #[test]
    fn the_bytewise_tokenizer_agrees_with_the_char_by_char_one() {
        let c = WordClasses::builtin();
        for text in [
            "The U.S. envoy's ''plan'' -- Kyiv’s, said.\nÉTAT-Major\u{2010}x naïve",
            "D.C. a.b.c. U.S.-led 3.5% `` x -- y ' z ’ a-\u{0301}b",
            "Reportedly ANNOUNCED smiling he’s\u{200b}here\u{feff} \x7f\x00 end.",
            "ab\u{2011}cd e\u{2010}  f.\u{301} 日本語 Ωmega ΣΑΣ ٣٤ x",
            "",
            "-",
            "a.",
        ] {
            assert_eq!(
                toks_of(
                    &tokenize(
                        text,
                        c,
                        &mut Placer::new(&[], &[], Default::default()),
                        Default::default()
                    )
                    .toks
                ),
                toks_of(&tokenize_reference(text, c)),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        #[test]
        fn the_tokenizers_agree_on_any_text(
            text in proptest::string::string_regex(
                "([aeinstAZz' ,.:@\\[`{\\-`’‘ÉéΣ09\n\t\u{0301}\u{2010}\u{2011}\u{200b}\u{7f}–—…“„\u{200f}\u{2027}\u{2028}\u{2030}]|ing|ed|ly|U\\.S\\.|the|said|Saying|president|INTERNATIONAL|eightchr|sixteenbyteslong){0,40}"
            ).unwrap()
        ) {
            let c = WordClasses::builtin();
            proptest::prop_assert_eq!(
                toks_of(&tokenize(&text, c, &mut Placer::new(&[], &[], Default::default()), Default::default()).toks),
                toks_of(&tokenize_reference(&text, c))
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_swar_letter_or_digit_test_agrees_with_the_bytewise_one(x: u64) {
            let want = x.to_le_bytes().iter().enumerate().fold(0u64, |m, (i, b)| {
                m | u64::from(!b.is_ascii_alphanumeric()) << (8 * i + 7)
            });
            // The first flag is the first byte that is neither; none if none.
            let first = |m: u64| m & m.wrapping_neg();
            proptest::prop_assert_eq!(first(not_alnum8(x)), first(want));
        }
    }

    /// `part_starts` as it was (c13d2b3): a `match` on every byte of the
    /// word.
    fn part_starts_bytewise(
        text: &str,
        start: usize,
        end: usize,
        capitals: &mut Vec<usize>,
        mention_walks: &mut Vec<WalkStart>,
    ) {
        let bytes = text.as_bytes();
        for j in start..end {
            let after = match bytes[j] {
                b'-' | b'\'' | b'.' => j + 1,
                0xE2 if matches!(bytes.get(j + 1..j + 3), Some([0x80, 0x90 | 0x91 | 0x99])) => {
                    j + 3
                }
                _ => continue,
            };
            if after < end {
                let b = bytes[after];
                if b.is_ascii_uppercase() || b >= 0xC0 {
                    capitals.push(after);
                }
                if b.is_ascii_alphabetic() {
                    mention_walks.push(WalkStart::gated(after));
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        /// Any stretch of any text (joined words or not, joiners at its
        /// ends, stretches ending within eight bytes of the text's end or
        /// inside a char): the same part starts as the bytewise scan.
        #[test]
        fn part_starts_eight_bytes_at_a_time_are_the_bytewise_ones(
            text in proptest::string::string_regex(
                "([aeSZz09'.\\- ,\n’‘–—É日\u{2010}\u{2011}\u{2012}\u{0301}]|U\\.S\\.|op-ed|Kremlin’s|eightchr){0,30}"
            ).unwrap(),
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            let mut got = (Vec::new(), Vec::new());
            part_starts(&text, start, end, &mut got.0, &mut got.1);
            let mut want = (Vec::new(), Vec::new());
            part_starts_bytewise(&text, start, end, &mut want.0, &mut want.1);
            proptest::prop_assert_eq!(got, want, "{:?} {}..{}", text, start, end);
        }

        #[test]
        fn the_swar_joiner_test_finds_the_first_joiner_lead(x: u64) {
            let bytes = x.to_le_bytes();
            let first = bytes.iter().position(|b| matches!(b, b'-' | b'\'' | b'.' | 0xE2));
            let lead = joiner_lead8(x);
            proptest::prop_assert_eq!(
                (lead != 0).then(|| lead.trailing_zeros() as usize / 8),
                first,
                "{:#x}",
                x
            );
            proptest::prop_assert!(lead & !(u64::MAX / 255 * 0x80) == 0);
        }
    }

    /// `word_end` as it was (1827cb4): its runs of ASCII letters and
    /// digits read a byte at a time.
    fn word_end_bytewise(text: &str, start: usize, mut j: usize) -> (usize, bool) {
        let bytes = text.as_bytes();
        let mut end = j;
        let mut joined = false;
        loop {
            let run_start = j;
            while bytes.get(j).is_some_and(|&b| KIND[b as usize] & ALNUM != 0) {
                j += 1;
            }
            if j > run_start {
                end = j;
            }
            let Some(&b) = bytes.get(j) else {
                break;
            };
            let (d, dlen) = if b < 0x80 {
                if KIND[b as usize] & JOIN == 0 {
                    break;
                }
                (b as char, 1)
            } else {
                let d = text[j..].chars().next().expect("a char boundary");
                if is_word_char(d) {
                    j += d.len_utf8();
                    end = j;
                    continue;
                }
                if !matches!(d, '’' | '\u{2010}' | '\u{2011}') {
                    break;
                }
                (d, d.len_utf8())
            };
            let next_is_word = match bytes.get(j + dlen) {
                None => false,
                Some(&n) if n < 0x80 => KIND[n as usize] & ALNUM != 0,
                Some(_) => text[j + dlen..].chars().next().is_some_and(is_word_char),
            };
            if next_is_word {
                j += dlen;
                joined = true;
                continue;
            }
            if d == '.' && joined && dotted_abbreviation(text, start, j) {
                end = j + 1;
            }
            break;
        }
        (end, joined)
    }

    /// `word_end` and its bytewise reference from every word char of
    /// `text` (where the tokenizer calls it).
    fn word_ends_are_the_bytewise_ones(
        text: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                let j = i + c.len_utf8();
                proptest::prop_assert_eq!(
                    word_end(text, i, j),
                    word_end_bytewise(text, i, j),
                    "{:?} at {}",
                    text,
                    i
                );
            }
        }
        Ok(())
    }

    #[test]
    fn word_ends_eight_bytes_at_a_time_on_awkward_words() {
        for text in [
            "",
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnopq",
            "INTERNATIONALIZATION.",
            "U.S.-led U.S. D.C. e.g. a.b.c.d.e.f.g.h.i.",
            "Kremlin’s eightchr’s naïve ÉTAT-Major\u{2010}x ab\u{2011}cd",
            "2021-2022 3.5% 12345678'9 abcdefgh\nijk",
            "abcdefg\u{301}xyz abcdefgh\u{301} café日本語abc",
            "x-",
            "x.",
            "eightchr-",
        ] {
            word_ends_are_the_bytewise_ones(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        /// Any text (runs shorter and longer than eight bytes, joiners,
        /// curly quotes, dots inside "U.S.", non-ASCII letters, digits,
        /// line breaks, words at the very end): the same ends as the
        /// bytewise runs.
        #[test]
        fn word_ends_eight_bytes_at_a_time_are_the_bytewise_ones(
            text in proptest::string::string_regex(
                "([aeSZz09'.\\- ,\n’‘–É日ï\u{2010}\u{2011}\u{0301}]|U\\.S\\.|op-ed|Kremlin’s|eightchr|sixteenbyteslong|abcdefg){0,30}"
            ).unwrap()
        ) {
            word_ends_are_the_bytewise_ones(&text)?;
        }

        /// Random letters, digits and joiners, no words from a list.
        #[test]
        fn word_ends_eight_bytes_at_a_time_on_random_text(
            text in "[a-zA-Z0-9 .,'\\-éŽ—’\n]{0,80}"
        ) {
            word_ends_are_the_bytewise_ones(&text)?;
        }
    }

    /// Every byte in every place, alone among letters: the joiner test
    /// flags exactly the joiners' lead bytes.
    #[test]
    fn the_swar_joiner_test_knows_every_byte_in_every_place() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[at] = b;
                let lead = joiner_lead8(u64::from_le_bytes(bytes));
                let want = matches!(b, b'-' | b'\'' | b'.' | 0xE2);
                assert_eq!(lead != 0, want, "{b:#x} at {at}");
                if want {
                    assert_eq!(lead.trailing_zeros() as usize / 8, at, "{b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn the_swar_letter_or_digit_test_knows_every_byte_in_every_place() {
        for b in 0..=255u8 {
            for i in 0..8 {
                let x =
                    u64::from(b) << (8 * i) | u64::from_le_bytes(*b"abcdefgh") & !(0xFF << (8 * i));
                let want = u64::from(!b.is_ascii_alphanumeric()) << (8 * i + 7);
                let got = not_alnum8(x);
                // Letters before the byte are never flagged; after it only
                // if it is flagged.
                assert_eq!(got & got.wrapping_neg(), want, "{b:#x} at {i}");
                if want == 0 {
                    assert_eq!(got, 0, "{b:#x} at {i}");
                }
            }
        }
    }

    #[test]
    fn cue_starts_mark_the_walks_and_no_token() {
        let keys = ["said that", "in an op-ed", "op-ed", "x"];
        let c = WordClasses::builtin_with_cue_starts(keys.into_iter(), |_| (1, 0));
        let text = "In the op-ed she SAID: the U.S. plan was in, said Éric. x y said";
        let sents: Vec<Span> = crate::text::sentences(text).collect();
        let with = Doc::new(text, &sents, &[], &c);
        let without = Doc::new(text, &sents, &[], WordClasses::builtin());
        // The mark never reaches a token's classes.
        assert_eq!(toks_of(&with.toks), toks_of(&without.toks));
        let walked: Vec<&str> = with
            .walks
            .iter()
            .map(|w| with.str(w.tok as usize))
            .collect();
        // Plain words walk if a key starts with them; joined words and
        // words read without the fast path (the last 16 bytes) always.
        assert_eq!(
            walked,
            ["In", "op-ed", "SAID", "U.S.", "in", "said", "x", "y", "said"]
        );
    }

    /// The chars the tokenizer takes as PUNCT tokens at once are neither
    /// spaces nor word chars, and their classes are those of the table;
    /// the chars just outside the range are not all so (U+2028 is a
    /// space), hence the range's bounds.
    #[test]
    fn punct_chars_are_marks_with_the_tables_classes() {
        for c in PUNCT {
            assert!(!is_space(c) && !is_word_char(c), "{c:?}");
            assert_eq!(c.len_utf8(), 3);
            let text = c.to_string();
            assert_eq!(text.as_bytes()[..2], [0xE2, 0x80]);
            for classes in [WordClasses::builtin(), &resolver_and_classes().1] {
                let toks = tokenize(
                    &text,
                    classes,
                    &mut Placer::new(&[], &[], Default::default()),
                    Default::default(),
                )
                .toks;
                assert_eq!(toks.len(), 1);
                assert_eq!(toks[0].class, classes.of(&text) & !STARTS, "{c:?}");
            }
        }
        assert!(is_space('\u{2028}'));
        let dash = WordClasses::builtin().punct['–' as usize - 0x2010];
        assert_ne!(dash & wc::DASH, 0);
    }

    #[test]
    fn tokens() {
        assert_eq!(
            words("The U.S. envoy's ''plan'' -- Kyiv’s, said."),
            ["The", "U.S.", "envoy's", "''", "plan", "''", "--", "Kyiv’s", ",", "said", "."]
        );
        assert_eq!(
            words("Euro-Atlantic 3.5% A."),
            ["Euro-Atlantic", "3.5", "%", "A", "."]
        );
    }

    #[test]
    fn the_bytewise_look_up_agrees_with_the_char_by_char_one() {
        let c = WordClasses::builtin();
        let mut words: Vec<String> = c.words.iter().map(|(w, _)| w.to_string()).collect();
        for w in c.words.iter().map(|(w, _)| w.to_string()) {
            words.push(w.to_uppercase());
            words.push(w.replace('\'', "’"));
            words.push(w.replace('\'', "‘"));
            words.push(format!("{w}x"));
            words.push(w[..w.len() - w.chars().next_back().unwrap().len_utf8()].to_string());
        }
        words.extend(
            [
                "",
                "Kyiv",
                "ÉTAT",
                "’",
                "a’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(c.of(w), c.of_slow(w), "{w:?}");
            assert_eq!(c.of_long(w), c.of_slow(w), "{w:?}");
            let padded = format!("{w}{}", " x".repeat(9));
            assert_eq!(c.of_span(&padded, 0, w.len()), c.of_slow(w), "{w:?}");
            assert_eq!(c.of_span(w, 0, w.len()), c.of_slow(w), "{w:?}");
            let eight = format!("{w}{}", " x".repeat(4));
            assert_eq!(c.of_span(&eight, 0, w.len()), c.of_slow(w), "{w:?}");
            if let Some(key) = ascii_key(w.as_bytes()) {
                assert_eq!(key, key_of(w.to_ascii_lowercase().as_bytes()), "{w:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 500, ..Default::default() })]

        /// Tables of random words (each length, so both integer tables and
        /// their filters fill; some words in the filter's false positives):
        /// the integer look-ups find exactly what the char-by-char search
        /// finds, listed words and others.
        #[test]
        fn any_table_finds_its_words_and_no_other(
            listed in proptest::collection::vec(r"[a-z0-9']{1,20}", 0..300),
            others in proptest::collection::vec(r"[a-zA-Z0-9]{1,18}", 0..300),
        ) {
            let words: Vec<(Box<str>, u64)> = listed
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str().into(), 1 << (i % 50)))
                .collect();
            let c = WordClasses::from_words(words);
            for w in listed.iter().chain(&others) {
                let want = c.of_slow(w);
                proptest::prop_assert_eq!(c.of(w), want, "{:?}", w);
                let padded = format!("{w} and more words after it");
                proptest::prop_assert_eq!(c.of_span(&padded, 0, w.len()), want, "{:?}", w);
                if !w.contains('\'') {
                    let plain = c.plain_word(padded.as_bytes(), 0);
                    // A word of KEY_BYTES letters or more is not plain.
                    if w.len() < KEY_BYTES {
                        let (end, class, _, _) = plain.expect("a plain word");
                        proptest::prop_assert_eq!(end, w.len());
                        proptest::prop_assert_eq!(class & !(wc::ING | wc::ED | wc::LY), want, "{:?}", w);
                    }
                }
            }
        }
    }

    /// Mention starts marked on many more words than the tables have free
    /// slots (a large custom gazetteer's titles and descriptions): the
    /// tables grow, and every word is still found with its classes.
    #[test]
    fn many_mention_starts_fit() {
        let base = &resolver_and_classes().1;
        let letters = |mut i: usize, n: usize| {
            let mut w = String::new();
            for _ in 0..n {
                w.push(char::from(b'a' + (i % 26) as u8));
                i /= 26;
            }
            w
        };
        let mut words: Vec<String> = (0..40_000)
            .flat_map(|i| [letters(i, 4), letters(i, 6), letters(i, 11)])
            .collect();
        words.extend(["said", "the", "president", "international"].map(String::from));
        words.sort_unstable();
        words.dedup();
        let c = base.with_mention_starts(&words);
        fn half_full<K: WordKey>(t: &KeyTable<K>) {
            let used = t.slots.iter().filter(|s| s.key != K::default()).count();
            assert!(used * 2 <= t.slots.len(), "{used} of {}", t.slots.len());
        }
        half_full(&c.short8);
        half_full(&c.short);
        for w in words.iter().step_by(7).chain(&words[words.len() - 4..]) {
            let got = c.of(w);
            assert_eq!(got & !MENTION_START, base.of(w) & !MENTION_START, "{w}");
            assert_ne!(got & MENTION_START, 0, "{w}");
        }
        // The cue scan's walk states stay where the tokenizer finds them.
        for w in ["said", "told", "according", "announced"] {
            let text = format!("{w} it and more words after it");
            let at = |c: &WordClasses| {
                let (_, class, at, _) = c.plain_word(text.as_bytes(), 0).expect("a plain word");
                (class & CUE_START, c.walk(at))
            };
            assert_eq!(at(&c), at(base), "{w}");
        }
        let text = "the president said the international order";
        let toks = |c: &WordClasses| {
            let mut place = Placer::new(&[], &[], Default::default());
            toks_of(&tokenize(text, c, &mut place, Default::default()).toks)
        };
        assert_eq!(toks(&c), toks(base));
    }

    #[test]
    fn long_sentences_are_cut_into_chunks_of_at_most_max_chunk_bytes() {
        let long = "word, ".repeat(3 * MAX_CHUNK / 6);
        let text = format!("A short one. {long}end. Another.");
        let (a, b) = (13, 13 + long.len() + 4);
        let sents = [
            Span::new(0, 12),
            Span::new(a, b),
            Span::new(b + 1, text.len()),
        ];
        let doc = Doc::new(&text, &sents, &[], WordClasses::builtin());
        // The long sentence takes four chunks: each as long as it may be.
        assert_eq!(doc.sentence_of, [0, 1, 1, 1, 1, 2]);
        for (c, &(a, b)) in doc.sents.iter().enumerate() {
            assert!(doc.span(a, b).len() <= MAX_CHUNK);
            assert!((a..=b).all(|k| doc.toks[k].sent() == c));
            if doc.sentence_of.get(c + 1) == Some(&doc.sentence_of[c]) {
                assert_eq!(doc.sents[c + 1].0, b + 1);
                assert!(doc.span(a, b + 1).len() > MAX_CHUNK);
            }
        }
        assert!(doc.chunked(doc.sents[2].0) && !doc.chunked(0));
    }

    #[test]
    fn the_marks_are_the_colons_poll_nouns_and_dashes() {
        let text = "PUTIN: Yes. In a new poll, 40% agree: \"no\" – a survey: done";
        let sents: Vec<Span> = crate::text::sentences(text).collect();
        let doc = Doc::new(text, &sents, &[], WordClasses::builtin());
        let marked: Vec<&str> = doc.marks.iter().map(|&k| doc.str(k)).collect();
        assert_eq!(marked, [":", "poll", ":", "–", "survey", ":"]);
        let all: Vec<usize> = (0..doc.len()).filter(|&k| doc.is(k, MARKS)).collect();
        assert_eq!(doc.marks, all);
    }

    #[test]
    fn classes_fold_case_and_apostrophes() {
        let c = WordClasses::builtin();
        assert!(c.of("The") & wc::ARTICLE != 0);
        assert!(c.of("he’s") & wc::CONTRACTION != 0);
        assert_eq!(c.of("Kyiv"), 0);
    }

    /// The sentence and quotation passes over a finished token table, as
    /// `Doc::new` did them before the tokenizer placed each token.
    #[allow(clippy::type_complexity)]
    fn place_reference(
        toks: &mut [Tok],
        sentences: &[Span],
        quotes: &[Quote],
    ) -> (Vec<(usize, usize)>, Vec<usize>, Vec<QuoteToks>) {
        let mut sents = Vec::new();
        let mut sentence_of = Vec::new();
        let mut i = 0;
        for (s, span) in sentences.iter().enumerate() {
            while i < toks.len() && toks[i].end() <= span.start {
                toks[i].set_sent(sents.len().saturating_sub(1));
                i += 1;
            }
            let mut first = i;
            let mut limit = toks.get(first).map_or(0, |t| t.start()) + MAX_CHUNK;
            for t in &mut toks[i..] {
                if t.start() >= span.end {
                    break;
                }
                if t.end() > limit && i > first {
                    sents.push((first, i - 1));
                    sentence_of.push(s);
                    first = i;
                    limit = t.start() + MAX_CHUNK;
                }
                t.set_sent(sents.len());
                i += 1;
            }
            sents.push((first, i.wrapping_sub(1)));
            sentence_of.push(s);
        }
        let last = sents.len().saturating_sub(1);
        for t in &mut toks[i..] {
            t.set_sent(last);
        }
        if sents.is_empty() {
            sents.push((0, toks.len().wrapping_sub(1)));
            sentence_of.push(0);
        }
        let mut qs = Vec::new();
        let mut j = 0;
        for q in quotes {
            while j < toks.len() && toks[j].start() < q.outer.start {
                j += 1;
            }
            let open = j;
            while j < toks.len() && toks[j].start() < q.outer.end {
                toks[j].set_quote(qs.len());
                j += 1;
            }
            if j > open {
                qs.push(QuoteToks {
                    open,
                    close: j - 1,
                    continued: q.continued,
                });
            }
        }
        (sents, sentence_of, qs)
    }

    /// Sorted, non-overlapping spans (some empty) from cut points.
    fn spans_of(mut cuts: Vec<usize>) -> Vec<Span> {
        cuts.sort_unstable();
        cuts.chunks_exact(2)
            .map(|c| Span::new(c[0], c[1]))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_placed_as_by_the_passes_over_the_table(
            unit in proptest::string::string_regex("([a-z ,.\n\"]|said|the|Kyiv){1,30}").unwrap(),
            reps in 1usize..400,
            sent_cuts in proptest::collection::vec(0usize..12_000, 0..30),
            quote_cuts in proptest::collection::vec(0usize..12_000, 0..20),
            continued in proptest::bool::ANY,
        ) {
            let text = unit.repeat(reps);
            let sentences = spans_of(sent_cuts);
            let quotes: Vec<Quote> = spans_of(quote_cuts)
                .into_iter()
                .map(|outer| Quote { outer, inner: outer, closed: true, continued })
                .collect();
            let c = WordClasses::builtin();
            let mut place = Placer::new(&sentences, &quotes, Default::default());
            let toks = tokenize(&text, c, &mut place, Default::default()).toks;
            let placed = place.finish(toks.len());
            let mut reference = tokenize(&text, c, &mut Placer::new(&[], &[], Default::default()), Default::default()).toks;
            let expected = place_reference(&mut reference, &sentences, &quotes);
            let sq = |t: &[Tok]| t.iter().map(|t| (t.sent(), t.quote())).collect::<Vec<_>>();
            proptest::prop_assert_eq!(sq(&toks), sq(&reference));
            proptest::prop_assert_eq!(placed.0, expected.0);
            proptest::prop_assert_eq!(placed.1, expected.1);
            let qt = |q: &[QuoteToks]| q.iter().map(|q| (q.open, q.close, q.continued)).collect::<Vec<_>>();
            proptest::prop_assert_eq!(qt(&placed.2), qt(&expected.2));
        }

        #[test]
        fn a_doc_in_an_earlier_docs_buffers_is_the_same_doc(
            texts in proptest::collection::vec(
                proptest::string::string_regex("([a-z ,.:\n\"]|said|The|Kyiv|U.S.|op-ed|\u{201c}|\u{2014}){0,300}").unwrap(),
                1..4,
            ),
        ) {
            let c = WordClasses::builtin();
            let mut buffers = DocBuffers::default();
            for text in &texts {
                let sentences: Vec<Span> = crate::text::sentences(text).collect();
                let quotes = crate::text::quotes(text);
                let fresh = Doc::new(text, &sentences, &quotes, c);
                let reused = Doc::new_in(text, &sentences, &quotes, c, buffers);
                proptest::prop_assert_eq!(toks_of(&reused.toks), toks_of(&fresh.toks));
                let sq = |t: &[Tok]| t.iter().map(|t| (t.sent(), t.quote())).collect::<Vec<_>>();
                proptest::prop_assert_eq!(sq(&reused.toks), sq(&fresh.toks));
                proptest::prop_assert_eq!(&reused.sents, &fresh.sents);
                proptest::prop_assert_eq!(&reused.sentence_of, &fresh.sentence_of);
                let qt = |q: &[QuoteToks]| q.iter().map(|q| (q.open, q.close, q.continued)).collect::<Vec<_>>();
                proptest::prop_assert_eq!(qt(&reused.quotes), qt(&fresh.quotes));
                proptest::prop_assert_eq!(&reused.marks, &fresh.marks);
                proptest::prop_assert_eq!(&reused.walks, &fresh.walks);
                proptest::prop_assert_eq!(&reused.capitals, &fresh.capitals);
                proptest::prop_assert_eq!(&reused.mention_walks, &fresh.mention_walks);
                buffers = reused.into_buffers();
                proptest::prop_assert!(buffers.toks.is_empty() && buffers.walks.is_empty());
                proptest::prop_assert!(buffers.capitals.is_empty() && buffers.mention_walks.is_empty());
            }
        }
    }

    /// The built-in resolver and the built-in cue lexicon's word classes
    /// with its word lexicon's first words marked, as an analyzer has them.
    fn resolver_and_classes() -> &'static (&'static crate::mentions::Resolver, WordClasses) {
        static BOTH: std::sync::OnceLock<(&crate::mentions::Resolver, WordClasses)> =
            std::sync::OnceLock::new();
        BOTH.get_or_init(|| {
            let r = crate::mentions::Resolver::builtin();
            let cues = super::super::CueLexicon::builtin().with_mention_starts(r.first_words());
            (r, cues.word_classes().clone())
        })
    }

    /// The mention stage's words from a document's tokens are those of its
    /// own scan over the text (which the mention lexicon's tests compare
    /// with a plain walk and `capitals_plain`), and its capitals those of
    /// `capitals_plain` itself.
    fn words_from_tokens_are_the_scans(
        text: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let (r, c) = resolver_and_classes();
        let sents: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let d = Doc::new(text, &sents, &quotes, c);
        let starts = d.mention_starts().expect("the table has the marks");
        let from_tokens = r.words_at(text, starts, &d.capitals);
        let scanned = r.words(text);
        proptest::prop_assert_eq!(&from_tokens.capitals, &scanned.capitals, "{:?}", text);
        proptest::prop_assert_eq!(
            &d.capitals,
            &crate::mentions::capitals_plain(text),
            "{:?}",
            text
        );
        proptest::prop_assert_eq!(&from_tokens.hits, &scanned.hits, "{:?}", text);
        // The marks reach no token: the tokens are those of the plain table.
        let plain = Doc::new(text, &sents, &quotes, WordClasses::builtin());
        proptest::prop_assert_eq!(toks_of(&d.toks), toks_of(&plain.toks));
        Ok(())
    }

    #[test]
    fn words_from_tokens_on_awkward_text() {
        for text in [
            "",
            "he",
            "The president",
            "Prime Minister Jones said he met the alliance; They agreed.",
            "the U.S. President, the ex-president and the op-Ed; O’Neil’s aide-de-camp.",
            "Biden's team met the Vice-President at 9.30 in G20 talks\nthe",
            "\u{a0}Émile said\u{2014}the president\u{2019}s “Foreign Minister” Ž",
            "said\u{a0}He the\u{200b}president Ce\u{301}sar the\u{2010}Prime Minister",
            "THE PRESIDENT OF THE UNITED STATES AND THE PRIME MINISTERSHIP of it",
            "internationalisation-minded officials, the world body and his",
            "a.b.C. the",
        ] {
            words_from_tokens_are_the_scans(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        /// Text of mention keys, their prefixes and case variants, joiners
        /// (hyphens, apostrophes, the dots of "U.S.", U+2010/U+2011),
        /// curly quotes, non-ASCII letters and spaces, combining marks,
        /// digits, line breaks and long words.
        #[test]
        fn words_from_tokens_are_the_scans_on_any_text(
            text in proptest::string::string_regex(
                "([aehistAEHSTz' ,.:\\-’‘“ÉéŽΣ09\n\u{a0}\u{200b}\u{301}\u{2010}\u{2011}\u{2014}–…\u{200f}\u{2027}\u{2028}]|the |The |THE |he|his|it|they|president|President|prime minister|Prime Minister|foreign|minister|ex-|former|officials|alliance|world body|U\\.S\\.|op-ed|INTERNATIONALIZATION|sixteenbyteslong){0,40}"
            ).unwrap()
        ) {
            words_from_tokens_are_the_scans(&text)?;
        }

        /// The same on random letters and joiners: words the gate and the
        /// table turn away.
        #[test]
        fn words_from_tokens_are_the_scans_on_random_text(
            text in "[a-zA-Z0-9 .,'\\-éŽ—’\n]{0,80}"
        ) {
            words_from_tokens_are_the_scans(&text)?;
        }
    }

    /// [`WordClasses::plain_word`] as it was at 8b46ccb, when the
    /// tokenizer read one token a turn of its loop (the reference of
    /// `tokenize_one_token_a_turn`).
    fn plain_word_one_token_a_turn(
        classes: &WordClasses,
        bytes: &[u8],
        i: usize,
    ) -> Option<(usize, u64, WalkSlot)> {
        // Letters and digits fold with the 0x20 bit of each byte.
        const FOLD: u64 = u64::MAX / 255 * 0x20;
        let chunk: &[u8; 16] = bytes.get(i..i + 2 * 8)?.try_into().expect("sixteen bytes");
        let lo = u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes"));
        let stop = not_alnum8(lo);
        let (n, (class, slot), long) = if stop != 0 {
            let n = (stop.trailing_zeros() / 8) as usize;
            let key = (lo | FOLD) & LOW_BYTES8[n];
            (n, classes.short8.find(key), false)
        } else {
            let hi = u64::from_le_bytes(chunk[8..].try_into().expect("eight bytes"));
            let stop = not_alnum8(hi);
            if stop == 0 {
                return None;
            }
            let m = (stop.trailing_zeros() / 8) as usize;
            let hi = (hi | FOLD) & LOW_BYTES8[m];
            (8 + m, classes.short.find([lo | FOLD, hi]), true)
        };
        let after = KIND[bytes[i + n] as usize];
        // A joiner followed by an ASCII byte that is no letter or digit
        // (or by nothing) joins nothing: it ends the word as any other
        // mark does ("said." at a sentence's end, about one word in
        // twenty). Before a non-ASCII char, `word_end` tells.
        if after & (JOIN | HIGH) != 0
            && (after & HIGH != 0
                || bytes
                    .get(i + n + 1)
                    .is_some_and(|&b| KIND[b as usize] & (ALNUM | HIGH) != 0))
        {
            return None;
        }
        let class = if n > 4 {
            // The last four bytes, folded as the key is (read from the
            // text: cheaper than a shift of the key by a variable amount,
            // and only for the words that have a tail).
            let tail = u32::from_le_bytes(chunk[n - 4..n].try_into().expect("four bytes"));
            class | tail_classes(tail | 0x2020_2020)
        } else {
            class
        };
        Some((i + n, class, WalkSlot { long, slot }))
    }

    /// [`tokenize`] as it was at 8b46ccb: one token a turn of its loop,
    /// each turn dispatching on the token's first byte. The reference of
    /// the tokenizer that reads runs of plain words in a loop of their
    /// own.
    fn tokenize_one_token_a_turn(
        text: &str,
        classes: &WordClasses,
        place: &mut Placer<'_>,
        tables: Tables,
    ) -> Tables {
        let Tables {
            mut toks,
            mut marks,
            mut walks,
            mut capitals,
            mut mention_walks,
        } = tables;
        // News text has a token every five or six bytes, a walk (a word that
        // may start a cue, see `Doc::walks`) every twenty or so, a capital
        // every forty-six or so, a mention walk every thirty or so and a mark
        // every few hundred: room for more, so that the tables rarely grow.
        // (The tables come empty, perhaps with room from an earlier document.)
        room(&mut toks, text.len() / 5);
        room(&mut marks, text.len() / 256);
        room(&mut walks, text.len() / 16);
        room(&mut capitals, text.len() / 32);
        room(&mut mention_walks, text.len() / 16);
        let bytes = text.as_bytes();
        // The token made next after a line break, which takes the LINE flag
        // once made (at the next break or the end: one token in a hundred or
        // so, rather than a pending flag for every token).
        let mut line_tok = usize::MAX;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let k = KIND[b as usize];
            // White space, control and format characters separate tokens
            // (for ASCII: everything up to the space, and DEL).
            if k & SPACE != 0 {
                if b == b'\n' {
                    line_before(&mut toks, line_tok);
                    line_tok = toks.len();
                }
                i += 1;
                continue;
            }
            // The classes a word takes from its first char, if it is a word.
            let first: Option<u64>;
            let end;
            let mut joined = false;
            if k & ALNUM != 0 {
                if let Some((e, class, at)) = plain_word_one_token_a_turn(classes, bytes, i) {
                    // An ASCII letter or digit: a capital without the 0x20 bit.
                    if b & 0x20 == 0 {
                        capitals.push(i);
                    }
                    // Most words are none of these: one test for the three.
                    if class & (MARKS | STARTS) != 0 {
                        if class & MARKS != 0 {
                            marks.push(toks.len());
                        }
                        if class & CUE_START != 0 {
                            walks.push(Walk {
                                tok: toks.len() as u32,
                                at: e as u32,
                                state: classes.walk(at),
                            });
                        }
                        if class & MENTION_START != 0 {
                            mention_walks.push(WalkStart::exact(i));
                        }
                    }
                    if e > place.bound {
                        place.place(toks.len(), i, e);
                    }
                    toks.push(Tok::placed(
                        i,
                        e,
                        class & !STARTS | FIRST[b as usize],
                        place.bits,
                    ));
                    // The byte after a plain word is there; a space (the
                    // commonest) is passed over at once.
                    i = e + usize::from(bytes[e] == b' ');
                    continue;
                }
            }
            if k & HIGH == 0 {
                if k & ALNUM != 0 {
                    first = Some(FIRST[b as usize]);
                    (end, joined) = word_end(text, i, i + 1);
                    if k & UPPER != 0 {
                        capitals.push(i);
                    }
                } else {
                    // An ASCII mark (one token in nine): no word, no walk, no
                    // capital, no tail; its classes from the one-byte table
                    // unless doubled (`''`, ``` `` ```, `--`).
                    let (end, class) = if k & PAIR != 0 && bytes.get(i + 1) == Some(&b) {
                        (i + 2, classes.of_span(text, i, i + 2))
                    } else {
                        (i + 1, classes.single[b as usize])
                    };
                    let class = class & !STARTS;
                    if class & MARKS != 0 {
                        marks.push(toks.len());
                    }
                    if end > place.bound {
                        place.place(toks.len(), i, end);
                    }
                    toks.push(Tok::placed(i, end, class, place.bits));
                    i = end;
                    continue;
                }
            } else {
                let c = text[i..].chars().next().expect("a char boundary");
                let len = c.len_utf8();
                // Every non-ASCII char with no word char before it, spaces too:
                // what the mention stage's capitals are.
                if !word_before(text, i) {
                    capitals.push(i);
                }
                if is_space(c) {
                    i += len;
                    continue;
                }
                if is_word_char(c) {
                    let mut f = 0;
                    if c.is_uppercase() {
                        f |= wc::CAP;
                    }
                    if c.is_alphabetic() {
                        f |= wc::ALPHA;
                    } else if c.is_numeric() {
                        f |= wc::DIGIT;
                    }
                    first = Some(f);
                    (end, joined) = word_end(text, i, i + len);
                } else {
                    first = None;
                    end = i + len;
                }
            }
            let mut class = classes.of_span(text, i, end);
            if k & (UPPER | LOWER) != 0 {
                // A word of ASCII letters and digits (not joined, no other
                // char) of up to KEY_BYTES bytes was looked up whole, as a
                // plain word is; the mention scan's gate tells of the others.
                if joined || end - i > KEY_BYTES || !bytes[i..end].is_ascii() {
                    mention_walks.push(WalkStart::gated(i));
                } else if class & MENTION_START != 0 {
                    mention_walks.push(WalkStart::exact(i));
                }
            }
            if joined {
                part_starts(text, i, end, &mut capitals, &mut mention_walks);
            }
            class &= !STARTS;
            // Keys start with an ASCII letter or digit; the parts of a joined
            // word start words too.
            if k & ALNUM != 0 || joined {
                walks.push(Walk {
                    tok: toks.len() as u32,
                    at: i as u32,
                    state: (0, 0),
                });
            }
            if let Some(f) = first {
                class |= f;
                if end - i > 4 {
                    // The last four bytes, ASCII letters lower-cased (a byte
                    // `b | 0x20` is a lower-case letter only if `b` is that
                    // letter in either case). An ASCII tail ends on a char
                    // boundary if its bytes match.
                    let tail =
                        u32::from_le_bytes(bytes[end - 4..end].try_into().expect("four bytes"))
                            | 0x2020_2020;
                    class |= tail_classes(tail);
                }
            }
            if class & MARKS != 0 {
                marks.push(toks.len());
            }
            if end > place.bound {
                place.place(toks.len(), i, end);
            }
            let joined = if joined { JOINED } else { 0 };
            toks.push(Tok::placed(i, end, class, place.bits | joined));
            i = end;
        }
        line_before(&mut toks, line_tok);
        Tables {
            toks,
            marks,
            walks,
            capitals,
            mention_walks,
        }
    }

    /// Every table of the tokenizer: the tokens with their places, the
    /// marks, walks, capitals and mention walks, and the placer's tables.
    #[allow(clippy::type_complexity)]
    fn all_tables(
        text: &str,
        classes: &WordClasses,
        tokenizer: fn(&str, &WordClasses, &mut Placer<'_>, Tables) -> Tables,
    ) -> (
        Vec<(usize, usize, u64, bool, bool, usize, usize)>,
        Vec<usize>,
        Vec<Walk>,
        Vec<usize>,
        Vec<WalkStart>,
        (Vec<(usize, usize)>, Vec<usize>, Vec<(usize, usize, bool)>),
    ) {
        let sents: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let mut place = Placer::new(&sents, &quotes, Default::default());
        let t = tokenizer(text, classes, &mut place, Tables::default());
        let (s, of, q) = place.finish(t.toks.len());
        let toks = t
            .toks
            .iter()
            .map(|t| {
                let (a, b, c, l, j) = (t.start(), t.end(), t.class, t.line_before(), t.joined());
                (a, b, c, l, j, t.sent(), t.quote())
            })
            .collect();
        let q = q.iter().map(|q| (q.open, q.close, q.continued)).collect();
        (
            toks,
            t.marks,
            t.walks,
            t.capitals,
            t.mention_walks,
            (s, of, q),
        )
    }

    /// The tokenizer's tables are those of the one-token-a-turn reference,
    /// with the built-in classes and with the analyzer's (cue starts and
    /// mention starts marked).
    fn runs_of_words_are_read_as_one_token_a_turn(
        text: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        for c in [WordClasses::builtin(), &resolver_and_classes().1] {
            proptest::prop_assert_eq!(
                all_tables(text, c, tokenize),
                all_tables(text, c, tokenize_one_token_a_turn),
                "{:?}",
                text
            );
        }
        Ok(())
    }

    #[test]
    fn runs_of_words_on_awkward_text() {
        for text in [
            "",
            "a",
            "said",
            "The president said on Tuesday that the talks had failed",
            "Prime Minister Jones said  he met them; They agreed.\nthe U.S. envoy's op-ed said",
            "eightchr ninechars sixteenbyteslong seventeenbyteslon internationalisation x",
            "He said “the naïve Émile’s plan” -- was 3.5% off, reportedly\tsmiling at 10am said",
            "said the president said the president said the president said the president",
        ] {
            runs_of_words_are_read_as_one_token_a_turn(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        /// Runs of words of every length around eight and sixteen bytes,
        /// cue and mention words, capitals, digits, joiners ("U.S.",
        /// hyphens, apostrophes, curly ones), non-ASCII letters, quotes,
        /// line breaks, double spaces and a word at the very end.
        #[test]
        fn runs_of_words_are_read_as_one_token_a_turn_on_any_text(
            text in proptest::string::string_regex(
                "([ae' ,.:\\-’“”É\n\t\u{a0}–—…\u{2010}\u{200f}\u{2027}\u{2028}]|  |said |the |The |president |Prime Minister |according |officials |eightchr |ninechars |sixteenbyteslong |seventeenbyteslon |internationalisations |U\\.S\\. |op-ed |saying |x9 |2022 |said|THE){0,40}"
            ).unwrap()
        ) {
            runs_of_words_are_read_as_one_token_a_turn(&text)?;
        }
    }
}
