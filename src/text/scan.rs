//! Byte skipping shared by the text scanners.

/// The first offset at or after `from` whose byte is in `table`. Blocks of
/// [`BLOCK`] bytes that hold none of `targets` and no non-ASCII byte are
/// skipped at once, so every ASCII byte in `table` must be one of
/// `targets`.
#[inline]
pub(crate) fn next_in(
    bytes: &[u8],
    from: usize,
    targets: [u8; 4],
    table: &[bool; 256],
) -> Option<usize> {
    let mut i = from;
    while let Some(block) = bytes.get(i..i + BLOCK) {
        let block: &[u8; BLOCK] = block.try_into().expect("a block");
        if may_hold(block, targets) {
            // A target, or a non-ASCII byte that may not be in the table.
            if let Some(k) = block.iter().position(|&b| table[usize::from(b)]) {
                return Some(i + k);
            }
        }
        i += BLOCK;
    }
    let k = bytes
        .get(i..)?
        .iter()
        .position(|&b| table[usize::from(b)])?;
    Some(i + k)
}

/// The bytes [`next_in`] tests at once.
const BLOCK: usize = 32;

/// Whether some byte of `block` is one of `targets` or non-ASCII. A
/// fixed-size block and no early exit: the compiler makes this a few
/// vector compares and one mask test (SSE2 on x86-64, NEON on AArch64),
/// about one instruction a byte, where a word-at-a-time bit trick took
/// two and a half.
#[inline(always)]
fn may_hold(block: &[u8; BLOCK], targets: [u8; 4]) -> bool {
    let [a, b, c, d] = targets;
    let mut any = false;
    for &x in block {
        any |= (x == a) | (x == b) | (x == c) | (x == d) | (x >= 0x80);
    }
    any
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
                0..100,
            ),
            from in 0usize..104,
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
                0..150,
            ),
            from in 0usize..154,
        ) {
            let t = table(b".!?\n\xe2\xc2\xef");
            let want = text
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| t[usize::from(b)]))
                .map(|k| from + k);
            proptest::prop_assert_eq!(next_in(&text, from, *b".!?\n", &t), want);
        }

        /// Long runs of letters with a rare stop, or a rare non-ASCII byte
        /// that is not one (the lead byte of "é"): blocks are skipped
        /// whole, a block that only may hold a stop is passed over, and
        /// the stop is found in any place of a block or of the tail.
        #[test]
        fn same_as_a_byte_loop_past_whole_blocks(
            text in proptest::collection::vec(
                proptest::prop_oneof![
                    60 => proptest::sample::select(b"abcdefghij klmnop".to_vec()),
                    1 => proptest::sample::select(b".!?\n\"'`\xc3\xa9\xe2\xc2\x80".to_vec()),
                ],
                0..300,
            ),
            from in 0usize..304,
        ) {
            for (targets, t) in [
                (*b".!?\n", table(b".!?\n\xe2\xe3\xef")),
                (*b"\n\"'`", table(b"\n\"'`\xe2\xc2")),
            ] {
                let want = text
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| t[usize::from(b)]))
                    .map(|k| from + k);
                proptest::prop_assert_eq!(next_in(&text, from, targets, &t), want);
            }
        }
    }
}
