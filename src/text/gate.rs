//! Word gates: whether a word of the text can be one of a fixed set of
//! words, tested on the word's bytes read eight at a time. A scanner asks
//! the gate at a word start before it walks an automaton from there; the
//! gate's "no" is exact, its "maybe" sends the word the slow way.

/// Eight copies of a byte's low bits: `ONES * b` repeats `b`.
const ONES: u64 = u64::MAX / 255;

/// The high bit of each byte of `x` (eight bytes, little-endian) that is
/// no ASCII letter (SWAR: no sum carries into the next byte).
#[inline(always)]
fn not_letter8(x: u64) -> u64 {
    const HIGH: u64 = ONES * 0x80;
    const FOLD: u64 = ONES * 0x20;
    // Letters fold to 'a'..='z' with the 0x20 bit: of the low seven bits
    // folded, b + 0x1F has its high bit iff b >= 'a', b + 0x05 iff b > 'z'.
    let folded = (x & !HIGH) | FOLD;
    let letter = folded.wrapping_add(ONES * 0x1F) & !folded.wrapping_add(ONES * 0x05);
    !(letter & !x) & HIGH
}

/// The key of a word longer than eight bytes: its first eight (folded)
/// with the high bit of the first set, which no ASCII byte has.
const LONG: u64 = 0x80;

/// The key of a word of ASCII letters and digits: its first eight bytes
/// ASCII lower-cased, little-endian, zero-padded; [`LONG`] set when it
/// has more than eight. Words that share a key are equal in their first
/// eight bytes and both longer than eight, or equal.
pub(crate) fn word_key(word: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = word.len().min(8);
    buf[..n].copy_from_slice(&word[..n]);
    buf.make_ascii_lowercase();
    let key = u64::from_le_bytes(buf);
    if word.len() > 8 {
        key | LONG
    } else {
        key
    }
}

/// The word of ASCII letters that starts at `pos`: its end and its
/// [`word_key`]. `None` when fewer than eight bytes are left at `pos`, or
/// when a digit or a non-ASCII byte ends the letters (the word may go on
/// there: "G20", "Café"): a word this returns is a whole run of ASCII
/// letters and digits, and a byte after it is ASCII.
#[inline(always)]
pub(crate) fn ascii_word(bytes: &[u8], pos: usize) -> Option<(usize, u64)> {
    const FOLD: u64 = ONES * 0x20;
    let chunk = bytes.get(pos..pos + 8)?;
    let lo = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
    let stop = not_letter8(lo);
    let (end, key) = if stop != 0 {
        // The bytes below the first stop's byte: (bit 8n + 7) >> 7, less 1.
        let mask = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
        let n = (stop.trailing_zeros() / 8) as usize;
        // Letters fold with the 0x20 bit of each byte.
        (pos + n, (lo | FOLD) & mask)
    } else {
        let mut end = pos + 8;
        while let Some(chunk) = bytes.get(end..end + 8) {
            let stop = not_letter8(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
            if stop != 0 {
                end += (stop.trailing_zeros() / 8) as usize;
                break;
            }
            end += 8;
        }
        if bytes.len() < end + 8 {
            while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
        }
        // Exactly eight bytes: no stop in the first chunk, none after.
        let long = if end > pos + 8 { LONG } else { 0 };
        (end, (lo | FOLD) | long)
    };
    match bytes.get(end) {
        Some(&b) if b >= 0x80 || b.is_ascii_digit() => None,
        _ => Some((end, key)),
    }
}

/// A word start a scanner walks from, as a tokenizer that found the
/// words lists it: `exact` when the word is one a key starts with (the
/// tokenizer's word table says so), `gated` when it may be and the word's
/// [`WordGate`] is to tell (a word the table could not look up whole).
/// Offsets are below 2^31 (a tokenizer's texts are).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WalkStart(u32);

impl WalkStart {
    /// The bit of a gated start.
    const GATED: u32 = 1 << 31;

    /// A start whose word some key starts with.
    #[inline]
    pub(crate) fn exact(pos: usize) -> WalkStart {
        debug_assert!(pos < Self::GATED as usize);
        WalkStart(pos as u32)
    }

    /// A start whose word the gate is to tell.
    #[inline]
    pub(crate) fn gated(pos: usize) -> WalkStart {
        debug_assert!(pos < Self::GATED as usize);
        WalkStart(pos as u32 | Self::GATED)
    }

    /// The start's byte offset.
    #[inline]
    pub(crate) fn pos(self) -> usize {
        (self.0 & !Self::GATED) as usize
    }

    /// Whether the word is to pass the gate before a walk.
    #[inline]
    pub(crate) fn is_gated(self) -> bool {
        self.0 & Self::GATED != 0
    }
}

/// Bits of the gate's table: 2^15 bits, 4 KiB.
const BITS: u32 = 15;

/// A set of words as one bit per hashed [`word_key`]: a word not in the
/// set is told so exactly unless its key's bit is shared (about one word
/// in 30 for a thousand words in the set).
#[derive(Debug, Clone)]
pub(crate) struct WordGate {
    bits: Box<[u64; 1 << (BITS - 6)]>,
}

impl WordGate {
    /// The table's size in bytes (for memory reports).
    pub(crate) const BYTES: usize = 1 << (BITS - 3);

    /// The gate of `words` (ASCII letters and digits; other bytes make
    /// distinct keys too, but text words never have them).
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> WordGate {
        let mut bits = Box::new([0u64; 1 << (BITS - 6)]);
        for word in words {
            let h = hash(word_key(word));
            bits[h >> 6] |= 1 << (h & 63);
        }
        WordGate { bits }
    }

    /// Whether a word whose key is `key` may be in the set.
    #[inline(always)]
    pub(crate) fn may_hold(&self, key: u64) -> bool {
        let h = hash(key);
        self.bits[h >> 6] & 1 << (h & 63) != 0
    }

    /// How many bits are set (for tests: the gate's fill).
    #[cfg(test)]
    pub(crate) fn filled(&self) -> u32 {
        self.bits.iter().map(|w| w.count_ones()).sum()
    }
}

/// A key's bit in the gate (Fibonacci hashing: the top bits of a product).
#[inline(always)]
fn hash(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ALNUM;

    /// The word of ASCII letters at `pos` the plain way.
    fn plain(bytes: &[u8], pos: usize) -> Option<(usize, u64)> {
        if bytes.len() < pos + 8 {
            return None;
        }
        let mut end = pos;
        while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
            end += 1;
        }
        if bytes
            .get(end)
            .is_some_and(|&b| b >= 0x80 || ALNUM[usize::from(b)])
        {
            return None;
        }
        Some((end, word_key(&bytes[pos..end])))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 4000, ..Default::default() })]
        /// `ascii_word` finds the word's end and key as a byte loop does,
        /// for words of any length, any case, ended by any byte.
        #[test]
        fn ascii_word_is_the_byte_loop(
            text in proptest::collection::vec(
                proptest::sample::select(
                    b"aAzZmM09q .,-'\n\x00\x7f@[`{/:\xc3\xa9\xe2\x80".to_vec()
                ),
                0..40,
            ),
            pos in 0usize..44,
        ) {
            proptest::prop_assert_eq!(ascii_word(&text, pos), plain(&text, pos));
        }

        /// Every word put in a gate passes it in any case; a text word the
        /// gate turns away is in no case one of its words.
        #[test]
        fn gate_turns_away_only_other_words(
            words in proptest::collection::vec("[a-z]{1,12}", 1..40),
            text in proptest::collection::vec("[a-zA-Z]{1,12}", 1..20),
        ) {
            let gate = WordGate::new(words.iter().map(|w| w.as_bytes()));
            for w in &words {
                let upper = w.to_ascii_uppercase();
                let padded = format!("{upper} and more");
                let (end, key) = ascii_word(padded.as_bytes(), 0).unwrap();
                proptest::prop_assert_eq!(end, w.len());
                proptest::prop_assert!(gate.may_hold(key));
            }
            for t in &text {
                let padded = format!("{t}, and more");
                let (end, key) = ascii_word(padded.as_bytes(), 0).unwrap();
                proptest::prop_assert_eq!(end, t.len());
                if !gate.may_hold(key) {
                    proptest::prop_assert!(!words.iter().any(|w| w.eq_ignore_ascii_case(t)));
                }
            }
        }
    }

    #[test]
    fn long_words_share_keys_only_with_long_words() {
        assert_eq!(word_key(b"Presiden"), word_key(b"presiden"));
        assert_ne!(word_key(b"presiden"), word_key(b"president"));
        assert_eq!(word_key(b"president"), word_key(b"presidents"));
        assert_eq!(
            ascii_word(b"PRESIDENTIAL race", 0),
            Some((12, word_key(b"presidential")))
        );
        assert_eq!(ascii_word(b"Caf\xc3\xa9 au lait", 0), None);
        assert_eq!(ascii_word(b"COVID19 cases", 0), None);
        assert_eq!(ascii_word(b"G7 summit", 0), None);
        assert_eq!(ascii_word(b"short", 0), None);
        // Eight letters and the end of the chunk's text: no LONG bit.
        assert_eq!(ascii_word(b"Alliance", 0), Some((8, word_key(b"alliance"))));
        assert_eq!(
            ascii_word(b"alliance ", 0),
            Some((8, word_key(b"alliance")))
        );
    }
}
