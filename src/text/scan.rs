//! Byte skipping shared by the text scanners.

/// The first offset at or after `from` whose byte is in `table`. Runs of
/// sixteen or eight bytes that hold none of `targets` and no non-ASCII
/// byte are skipped at once (SWAR), so every ASCII byte in `table` must be
/// one of `targets`.
#[inline]
pub(crate) fn next_in(
    bytes: &[u8],
    from: usize,
    targets: [u8; 4],
    table: &[bool; 256],
) -> Option<usize> {
    let mut i = from;
    loop {
        // Sixteen bytes a step (one test of both halves), then eight.
        while let Some(pair) = bytes.get(i..i + 16) {
            let (lo, hi) = pair.split_at(8);
            let word = |half: &[u8]| u64::from_le_bytes(half.try_into().expect("eight bytes"));
            if (marks(word(lo), targets) | marks(word(hi), targets)) & HIGH != 0 {
                break;
            }
            i += 16;
        }
        while let Some(chunk) = bytes.get(i..i + 8) {
            if may_hold(
                u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
                targets,
            ) {
                break;
            }
            i += 8;
        }
        let stop = (i + 8).min(bytes.len());
        if let Some(k) = bytes
            .get(i..stop)?
            .iter()
            .position(|&b| table[usize::from(b)])
        {
            return Some(i + k);
        }
        if stop == bytes.len() {
            return None;
        }
        i = stop;
    }
}

/// Whether some byte of `chunk` is one of `targets` (ASCII) or non-ASCII;
/// it may say yes when neither holds only if one of them does, which the
/// caller's byte loop then finds.
#[inline]
fn may_hold(chunk: u64, targets: [u8; 4]) -> bool {
    marks(chunk, targets) & HIGH != 0
}

/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// [`may_hold`]'s answer is in the high bits of this (the others are
/// noise).
#[inline]
fn marks(chunk: u64, targets: [u8; 4]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // In an ASCII chunk, `x = chunk ^ t` has ASCII bytes, and `x - ONES`
    // sets a byte's high bit only where `x` has a zero byte (a borrow
    // starts there; it can set the high bits of the bytes above it, which
    // adds answers only where there is one already). A non-ASCII byte sets
    // its high bit in `chunk`: the answer is yes either way, so no byte
    // test needs the `& !x` that makes the zero test exact.
    let [a, b, c, d] = targets.map(|t| ONES * u64::from(t));
    let sub = |x: u64| x.wrapping_sub(ONES);
    chunk | sub(chunk ^ a) | sub(chunk ^ b) | sub(chunk ^ c) | sub(chunk ^ d)
}

/// Per byte: whether it is an ASCII letter or digit (one load in the
/// scanners' loops over the rest of a word).
pub(crate) static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    fn table(bytes: &[u8]) -> [bool; 256] {
        let mut t = [false; 256];
        for &b in bytes {
            t[usize::from(b)] = true;
        }
        t
    }

    proptest::proptest! {
        #[test]
        fn same_as_a_byte_loop(
            text in proptest::collection::vec(
                proptest::sample::select(b"ab .!?\n\"\xc3\xa9\xe2".to_vec()),
                0..40,
            ),
            from in 0usize..44,
        ) {
            let t = table(b".!?\n\xe2");
            let want = text
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| t[usize::from(b)]))
                .map(|k| from + k);
            proptest::prop_assert_eq!(next_in(&text, from, *b".!?\n", &t), want);
        }

        /// On any bytes (the ASCII controls around a target, DEL, every
        /// non-ASCII byte), the skip stops where a byte loop does: at the
        /// first byte in the table.
        #[test]
        fn same_as_a_byte_loop_on_any_bytes(
            text in proptest::collection::vec(
                // Mostly letters, so that runs of sixteen and eight bytes
                // without a stop are common.
                proptest::prop_oneof![
                    12 => proptest::sample::select(b"abcxyz ".to_vec()),
                    1 => proptest::num::u8::ANY,
                    1 => proptest::sample::select(b"\x00\x01\x09\x0a\x0b-./ !\"'?@\x7f\x80\xc2\xe2".to_vec()),
                ],
                0..80,
            ),
            from in 0usize..84,
        ) {
            let t = table(b".!?\n\xe2\xc2\xef");
            let want = text
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| t[usize::from(b)]))
                .map(|k| from + k);
            proptest::prop_assert_eq!(next_in(&text, from, *b".!?\n", &t), want);
        }
    }
}
