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

/// Where a scanner's next stop comes from: a scan of the bytes
/// ([`Scan`]), or the list [`stops`] made once for several scanners
/// ([`Listed`]).
pub(crate) trait StopSource {
    /// The first offset at or after `from` whose byte is in `table`, as
    /// [`next_in`] finds it. `from` never goes back between calls.
    fn next_in(
        &mut self,
        bytes: &[u8],
        from: usize,
        targets: [u8; 4],
        table: &[bool; 256],
    ) -> Option<usize>;
}

/// Stops found by [`next_in`], a scan of the bytes from each offset.
pub(crate) struct Scan;

impl StopSource for Scan {
    #[inline(always)]
    fn next_in(
        &mut self,
        bytes: &[u8],
        from: usize,
        targets: [u8; 4],
        table: &[bool; 256],
    ) -> Option<usize> {
        next_in(bytes, from, targets, table)
    }
}

/// Stops read from the list [`stops`] made: the text is scanned once for
/// the sentence splitter and the quotation finder together.
pub(crate) struct Listed<'s> {
    stops: &'s [usize],
    /// The first stop not passed yet.
    at: usize,
}

impl<'s> Listed<'s> {
    /// The stops of [`stops`], from the first.
    pub(crate) fn new(stops: &'s [usize]) -> Listed<'s> {
        Listed { stops, at: 0 }
    }
}

impl StopSource for Listed<'_> {
    /// Every byte in `table` is a stop (the scanners' tables hold only
    /// [`is_stop`]'s bytes: a test in `sentences` checks it): the first
    /// listed stop at or after `from` whose byte is in `table` is the first
    /// such byte.
    #[inline(always)]
    fn next_in(
        &mut self,
        bytes: &[u8],
        from: usize,
        _targets: [u8; 4],
        table: &[bool; 256],
    ) -> Option<usize> {
        while let Some(&p) = self.stops.get(self.at) {
            if p >= from && bytes.get(p).is_some_and(|&b| table[usize::from(b)]) {
                return Some(p);
            }
            self.at += 1;
        }
        None
    }
}

/// Whether `b` is a byte where the sentence splitter or the quotation
/// finder may stop: a line break, `.`, `!`, `?`, a straight quotation
/// mark (`"`, `'`, `` ` ``) or the lead byte of a non-ASCII mark either
/// looks for (0xC2: `«` `»`; 0xE2: curly quotes, `…`; 0xE3: `。`; 0xEF:
/// full-width `！` `？`). Only those lead bytes, not every non-ASCII byte:
/// in Cyrillic or CJK text nearly every byte is non-ASCII, and a list of
/// them would be several times the text.
#[inline(always)]
pub(crate) fn is_stop(b: u8) -> bool {
    may_stop(b) & (b < 0x80 || matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF))
}

/// [`is_stop`]'s ASCII bytes and every non-ASCII byte: the block test,
/// eight vector compares; the few non-ASCII bytes of news are sorted out
/// one by one as the block's bits are walked.
#[inline(always)]
fn may_stop(b: u8) -> bool {
    (b == b'\n')
        | (b == b'.')
        | (b == b'!')
        | (b == b'?')
        | (b == b'"')
        | (b == b'\'')
        | (b == b'`')
        | (b >= 0x80)
}

/// Gathers the low bits of eight bytes of 0 or 1 (little-endian) into
/// bits 56..64, byte `k` to bit `56 + k`.
const GATHER: u64 = 0x0102_0408_1020_4080;

/// The offsets of the bytes of `bytes` that [`is_stop`] holds for, in
/// order: one pass over the text for the sentence splitter and the
/// quotation finder ([`Listed`]). A block of [`BLOCK`] bytes is tested at
/// once (vector compares, as in [`may_hold`]); a block with stops gives
/// them as a bit mask, whose bits are walked: no byte loop. The list holds
/// at most one offset per ASCII mark or non-ASCII character, never one
/// per byte of a non-Latin script.
pub(crate) fn stops(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::with_capacity(bytes.len() / 64 + 8);
    let mut i = 0;
    while let Some(block) = bytes.get(i..i + BLOCK) {
        let block: &[u8; BLOCK] = block.try_into().expect("a block");
        // A plain loop over the block (the compiler makes it vector
        // compares; `array::from_fn` made it a byte at a time).
        let mut hit = [0u8; BLOCK];
        for (h, &b) in hit.iter_mut().zip(block) {
            *h = u8::from(may_stop(b));
        }
        let words: [u64; BLOCK / 8] = std::array::from_fn(|q| {
            u64::from_le_bytes(hit[8 * q..8 * q + 8].try_into().expect("eight bytes"))
        });
        if words[0] | words[1] | words[2] | words[3] != 0 {
            let mut mask = 0u32;
            for (q, &w) in words.iter().enumerate() {
                mask |= ((w.wrapping_mul(GATHER) >> 56) as u32) << (8 * q);
            }
            while mask != 0 {
                let at = i + mask.trailing_zeros() as usize;
                if bytes[at] < 0x80 || is_stop(bytes[at]) {
                    out.push(at);
                }
                mask &= mask - 1;
            }
        }
        i += BLOCK;
    }
    out.extend(
        bytes[i..]
            .iter()
            .enumerate()
            .filter(|&(_, &b)| is_stop(b))
            .map(|(k, _)| i + k),
    );
    out
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
        /// The stops are the offsets of the bytes `is_stop` holds for, on
        /// any bytes (every ASCII control and mark next to a stop, every
        /// non-ASCII byte), across blocks and in the tail after them.
        #[test]
        fn stops_are_a_byte_loops(
            text in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => proptest::sample::select(b"abcxyz ".to_vec()),
                    2 => proptest::sample::select(b"\n.!?\"'`\x0b\x7f\x80\xc2\xe2\xe3\xef\xff-".to_vec()),
                    1 => proptest::num::u8::ANY,
                ],
                0..200,
            ),
        ) {
            let want: Vec<usize> = (0..text.len()).filter(|&k| is_stop(text[k])).collect();
            proptest::prop_assert_eq!(stops(&text), want);
        }

        /// The ASCII stops are those of the tables the scanners pass: a
        /// byte in `table` is never left out of the list.
        #[test]
        fn listed_stops_are_the_scans(
            text in proptest::collection::vec(
                proptest::sample::select(b"ab .!?\n\"'`\xc3\xa9\xe2\xc2".to_vec()),
                0..100,
            ),
            from in 0usize..104,
        ) {
            for (targets, t) in [(*b".!?\n", table(b".!?\n\xe2\xe3\xef")), (*b"\n\"'`", table(b"\n\"'`\xe2\xc2"))] {
                let list = stops(&text);
                let mut listed = Listed::new(&list);
                let mut at = 0;
                while at <= from {
                    let want = next_in(&text, at, targets, &t);
                    proptest::prop_assert_eq!(listed.next_in(&text, at, targets, &t), want);
                    at = want.map_or(from + 1, |w| w + 1);
                }
            }
        }

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
