//! Word boundaries and small token helpers shared by the later stages.

use crate::Span;

use super::scan::ALNUM;

/// Whether `c` belongs to a word (Unicode letters, marks and digits).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks continue the word they attach to.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Characters that join two word parts into one token ("Euro-Atlantic",
/// "Ukraine's", "U.S").
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '\u{2010}' | '\u{2011}')
}

/// Whether `c` separates tokens like a space: white space, control
/// characters (NUL, escape, form feed) and invisible format characters
/// (zero-width space, word joiner, byte-order mark).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        // ASCII white space is all at or below ' ', the controls too but DEL.
        return c <= ' ' || c == '\x7f';
    }
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// The character just before byte offset `pos`.
pub(crate) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// Whether a word character ends right before byte offset `pos`: the
/// rule of the mention stage's capitals, which the attribution tokenizer
/// lists for it. ASCII bytes are read as they are.
#[inline(always)]
pub(crate) fn word_before(text: &str, pos: usize) -> bool {
    match pos.checked_sub(1).map(|p| text.as_bytes()[p]) {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_before(text, pos).is_some_and(is_word_char),
    }
}

/// The character starting at byte offset `pos`.
pub(crate) fn char_after(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// Whether `[start, end)` starts and ends on word boundaries.
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before_ok = !char_before(text, start).is_some_and(is_word_char);
    let after_ok = !char_after(text, end).is_some_and(is_word_char);
    before_ok && after_ok
}

/// The character ending at byte offset `end` (a character boundary past
/// the start) and where it starts: one load for ASCII.
#[inline]
fn char_ending_at(text: &str, end: usize) -> (char, usize) {
    let b = text.as_bytes()[end - 1];
    if b < 0x80 {
        return (char::from(b), end - 1);
    }
    let c = text[..end]
        .chars()
        .next_back()
        .expect("a character before `end`");
    (c, end - c.len_utf8())
}

/// The character starting at byte offset `start` (a character boundary) and
/// where the next one starts, if any: one load for ASCII.
#[inline]
fn char_starting_at(text: &str, start: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(start)?;
    if b < 0x80 {
        return Some((char::from(b), start + 1));
    }
    let c = text[start..]
        .chars()
        .next()
        .expect("a character at `start`");
    Some((c, start + c.len_utf8()))
}

/// The token ending at or before `pos`, skipping whitespace: a word (with
/// internal joiners) or a single other character.
pub(crate) fn prev_token(text: &str, pos: usize) -> Option<Span> {
    if !text.is_char_boundary(pos) {
        return None;
    }
    let bytes = text.as_bytes();
    // Character by character from the right (bytes for ASCII text).
    let mut end = pos;
    let (last, mut start) = loop {
        if end == 0 {
            return None;
        }
        let (c, s) = char_ending_at(text, end);
        if !is_space(c) {
            break (c, s);
        }
        end = s;
    };
    if !is_word_char(last) {
        return Some(Span::new(start, end));
    }
    while start > 0 {
        // ASCII letters and digits: one load each.
        let b = bytes[start - 1];
        if ALNUM[usize::from(b)] {
            start -= 1;
            continue;
        }
        let (c, s) = char_ending_at(text, start);
        // A joiner belongs to the word when a word character precedes it.
        let joins = || is_joiner(c) && s > 0 && is_word_char(char_ending_at(text, s).0);
        if (b >= 0x80 && is_word_char(c)) || joins() {
            start = s;
        } else {
            break;
        }
    }
    Some(Span::new(start, end))
}

/// The token starting at or after `pos`, skipping whitespace.
pub(crate) fn next_token(text: &str, pos: usize) -> Option<Span> {
    if !text.is_char_boundary(pos) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut start = pos;
    let (first, mut next) = loop {
        let (c, n) = char_starting_at(text, start)?;
        if !is_space(c) {
            break (c, n);
        }
        start = n;
    };
    if !is_word_char(first) {
        return Some(Span::new(start, next));
    }
    let mut end = next;
    loop {
        // ASCII letters and digits: one load each.
        let run = next;
        while bytes.get(next).is_some_and(|&b| ALNUM[usize::from(b)]) {
            next += 1;
        }
        if next > run {
            end = next;
        }
        let Some((c, n)) = char_starting_at(text, next) else {
            break;
        };
        if c >= '\u{80}' && is_word_char(c) {
            end = n;
        } else if !(is_joiner(c) && char_starting_at(text, n).is_some_and(|(d, _)| is_word_char(d)))
        {
            break;
        }
        next = n;
    }
    Some(Span::new(start, end))
}

/// Iterates over the word tokens of `text[span]` (punctuation skipped).
#[cfg(test)]
pub(crate) fn words(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let mut pos = span.start;
    let end = span.end.min(text.len());
    std::iter::from_fn(move || loop {
        if pos >= end {
            return None;
        }
        let tok = next_token(text, pos)?;
        if tok.start >= end {
            return None;
        }
        pos = tok.end;
        let tok = Span::new(tok.start, tok.end.min(end));
        if text[tok.start..].starts_with(is_word_char) {
            return Some(tok);
        }
    })
}

/// Whether the word starts with an upper-case letter (or a caseless letter,
/// such as CJK or Arabic, which may start a name).
pub(crate) fn is_capitalized(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

/// Whether `word` lower-cased (ASCII) is one of `lower` (ASCII lower-case
/// words): `lower.contains(&word.to_ascii_lowercase().as_str())` without
/// the copy.
pub(crate) fn is_one_of(word: &str, lower: &[&str]) -> bool {
    lower.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Strips a possessive `'s` / `’s` / trailing apostrophe.
pub(crate) fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return (stem, true);
        }
    }
    (word, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_respect_unicode() {
        let t = "Kyiv’s and Kyivan, Ukraïne";
        assert!(is_whole_word(t, 0, 4));
        assert!(!is_whole_word(t, 14, 18));
        let u = t.find("Ukra").unwrap();
        assert!(!is_whole_word(t, u, u + 4));
    }

    #[test]
    fn tokens_keep_internal_joiners() {
        let t = "the Euro-Atlantic Integration, Ukraine’s U.S. ally";
        let toks: Vec<&str> = words(t, Span::new(0, t.len()))
            .map(|s| s.as_str(t))
            .collect();
        assert_eq!(
            toks,
            [
                "the",
                "Euro-Atlantic",
                "Integration",
                "Ukraine’s",
                "U.S",
                "ally"
            ]
        );
        let p = prev_token(t, t.find(" Ukraine").unwrap()).unwrap();
        assert_eq!(p.as_str(t), ",");
        let p = prev_token(t, t.find(',').unwrap()).unwrap();
        assert_eq!(p.as_str(t), "Integration");
        let p = prev_token(t, t.find(" ally").unwrap()).unwrap();
        assert_eq!(p.as_str(t), ".");
    }

    /// The byte loops before their ASCII letter runs, for comparison.
    fn prev_token_plain(text: &str, pos: usize) -> Option<Span> {
        if !text.is_char_boundary(pos) {
            return None;
        }
        let mut end = pos;
        let (last, mut start) = loop {
            if end == 0 {
                return None;
            }
            let (c, s) = char_ending_at(text, end);
            if !is_space(c) {
                break (c, s);
            }
            end = s;
        };
        if !is_word_char(last) {
            return Some(Span::new(start, end));
        }
        while start > 0 {
            let (c, s) = char_ending_at(text, start);
            let joins = || is_joiner(c) && s > 0 && is_word_char(char_ending_at(text, s).0);
            if is_word_char(c) || joins() {
                start = s;
            } else {
                break;
            }
        }
        Some(Span::new(start, end))
    }

    fn next_token_plain(text: &str, pos: usize) -> Option<Span> {
        if !text.is_char_boundary(pos) {
            return None;
        }
        let mut start = pos;
        let (first, mut next) = loop {
            let (c, n) = char_starting_at(text, start)?;
            if !is_space(c) {
                break (c, n);
            }
            start = n;
        };
        if !is_word_char(first) {
            return Some(Span::new(start, next));
        }
        let mut end = next;
        while let Some((c, n)) = char_starting_at(text, next) {
            if is_word_char(c) {
                end = n;
            } else if !(is_joiner(c)
                && char_starting_at(text, n).is_some_and(|(d, _)| is_word_char(d)))
            {
                break;
            }
            next = n;
        }
        Some(Span::new(start, end))
    }

    /// The character-iterator forms the byte loops replaced.
    fn prev_token_by_chars(text: &str, pos: usize) -> Option<Span> {
        let head = text.get(..pos)?;
        let trimmed = head.trim_end_matches(is_space);
        let end = trimmed.len();
        let last = trimmed.chars().next_back()?;
        if !is_word_char(last) {
            return Some(Span::new(end - last.len_utf8(), end));
        }
        let mut start = end;
        let mut iter = trimmed.char_indices().rev().peekable();
        while let Some((i, c)) = iter.next() {
            let joins = is_joiner(c) && iter.peek().is_some_and(|&(_, p)| is_word_char(p));
            if is_word_char(c) || joins {
                start = i;
            } else {
                break;
            }
        }
        Some(Span::new(start, end))
    }

    fn next_token_by_chars(text: &str, pos: usize) -> Option<Span> {
        let tail = text.get(pos..)?;
        let start = pos + tail.len() - tail.trim_start_matches(is_space).len();
        let rest = &text[start..];
        let first = rest.chars().next()?;
        if !is_word_char(first) {
            return Some(Span::new(start, start + first.len_utf8()));
        }
        let mut end = start;
        let mut iter = rest.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if is_word_char(c) {
                end = start + i + c.len_utf8();
            } else if !(is_joiner(c) && iter.peek().is_some_and(|&(_, n)| is_word_char(n))) {
                break;
            }
        }
        Some(Span::new(start, end))
    }

    #[test]
    fn ascii_classes_agree_with_unicode() {
        for b in 0..0x80u8 {
            let c = char::from(b);
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{b:#x}");
            assert_eq!(is_space(c), c.is_whitespace() || c.is_control(), "{b:#x}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]

        #[test]
        fn tokens_same_as_by_chars(
            text in proptest::string::string_regex(
                "([aZ9 .,'’\u{2011}\t\n\u{7f}\u{a0}\u{200b}éЖ\u{301}—“-]){0,24}"
            ).unwrap()
        ) {
            for pos in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(prev_token(&text, pos), prev_token_by_chars(&text, pos));
                proptest::prop_assert_eq!(next_token(&text, pos), next_token_by_chars(&text, pos));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]

        /// The ASCII letter runs find the tokens of the plain byte loops,
        /// on words with joiners ("Euro-Atlantic", "U.S.", "it's",
        /// "Ukraine’s"), non-ASCII letters and marks inside and around
        /// them, and separators.
        #[test]
        fn tokens_same_as_plain(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Euro", "Atlantic", "U", "S", "it", "s", "Kyiv", "9", "a", "é", "Ж", "\u{301}",
                    "-", "--", "'", "’", ".", "\u{2011}", " ", "  ", ",", "\n", "\u{a0}",
                    "\u{200b}", "—", "“",
                ]),
                0..16,
            )
        ) {
            let text: String = parts.concat();
            for pos in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(prev_token(&text, pos), prev_token_plain(&text, pos));
                proptest::prop_assert_eq!(next_token(&text, pos), next_token_plain(&text, pos));
            }
        }
    }

    proptest::proptest! {
        /// `is_one_of` answers as the lower-cased copy does, on words in
        /// any ASCII case and with non-ASCII letters (whose case ASCII
        /// folding leaves alone).
        #[test]
        fn is_one_of_is_the_lowercase_copy(
            word in proptest::string::string_regex("(t|T|h|H|e|E|a|A|n|N|é|É|İ| ){0,4}").unwrap()
        ) {
            let lists: [&[&str]; 3] = [&["the", "a", "an"], &["é", "then", "he"], &[]];
            for list in lists {
                proptest::prop_assert_eq!(
                    is_one_of(&word, list),
                    list.contains(&word.to_ascii_lowercase().as_str())
                );
            }
        }
    }

    #[test]
    fn possessives() {
        assert_eq!(strip_possessive("Ukraine’s"), ("Ukraine", true));
        assert_eq!(strip_possessive("Kyiv"), ("Kyiv", false));
    }
}
