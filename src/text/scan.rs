//! Byte skipping shared by the text scanners.

/// The first offset at or after `from` whose byte is in `table`. Runs of
/// eight bytes that hold none of `targets` and no non-ASCII byte are
/// skipped at once (SWAR), so every ASCII byte in `table` must be one of
/// `targets`.
#[inline]
pub(crate) fn next_in(
    bytes: &[u8],
    from: usize,
    targets: [u8; 4],
    table: &[bool; 256],
) -> Option<usize> {
    let mut i = from;
    loop {
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

/// Whether some byte of `chunk` is one of `targets` or non-ASCII.
#[inline]
fn may_hold(chunk: u64, targets: [u8; 4]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Non-zero iff some byte of `x` is zero.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let [a, b, c, d] = targets.map(|t| ONES * u64::from(t));
    (chunk & HIGH) | zero(chunk ^ a) | zero(chunk ^ b) | zero(chunk ^ c) | zero(chunk ^ d) != 0
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
    }
}
