//! A rule-based sentence splitter for news text.

use crate::Span;

use super::quotes::{quotes_in, Quote};
use super::scan::{stops, Listed, Scan, StopSource, ALNUM};
use super::words::{char_after, is_capitalized, prev_token};

/// Abbreviations that precede a name or a number and never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Mlle", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt",
    "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Sen", "Rep", "Reps", "Gov", "Pres",
    "Amb", "Rev", "Hon", "Fr", "Sr", "Jr", "St", "Supt", "Insp", "Atty", "Gens", "Sens", "No",
    "Nos", "Art", "Fig", "vs", "v", "cf", "ca", "approx",
];

/// Abbreviations that usually sit inside a sentence but can end one: they
/// end it only when the next word is a typical sentence opener.
const MAYBE_FINAL: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc",
    "Corp", "Co", "Ltd", "Bros", "Ft", "Mt", "Ave", "Blvd", "etc", "al", "est", "Univ", "Dept",
    "Gov't", "Govt",
];

/// Words that typically open a sentence; after an ambiguous abbreviation
/// ("U.S.", "Inc.") a boundary is assumed only before one of them.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Yet",
    "So",
    "In",
    "On",
    "At",
    "For",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Still",
    "Now",
    "Then",
    "What",
    "Who",
    "Why",
    "How",
    "Some",
    "Many",
    "Most",
    "No",
    "Not",
    "According",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "One",
    "Two",
    "Both",
    "Such",
    "Instead",
    "Also",
    "Under",
    "With",
    "Without",
    "Despite",
    "During",
    "By",
    "From",
];

/// Bytes that may end a sentence: line breaks, `.`, `!`, `?`, and the lead
/// bytes of `…` (0xE2), `。` (0xE3) and the full-width `！？` (0xEF).
const CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Per word length below 8, the first bytes of a list's words: most words
/// are ruled out of [`NEVER_FINAL`] and [`MAYBE_FINAL`] without comparing
/// strings.
const fn shapes(list: &[&str]) -> [u128; 8] {
    let mut t = [0u128; 8];
    let mut i = 0;
    while i < list.len() {
        let w = list[i].as_bytes();
        assert!(!w.is_empty() && w.len() < 8 && w[0] < 0x80);
        t[w.len()] |= 1 << w[0];
        i += 1;
    }
    t
}

const NEVER_FINAL_SHAPES: [u128; 8] = shapes(NEVER_FINAL);
const MAYBE_FINAL_SHAPES: [u128; 8] = shapes(MAYBE_FINAL);

/// The shapes of both lists: a word that fits neither is in neither (most
/// words before a period), told with one test.
const ABBREVIATION_SHAPES: [u128; 8] = {
    let mut t = [0u128; 8];
    let mut len = 0;
    while len < 8 {
        t[len] = NEVER_FINAL_SHAPES[len] | MAYBE_FINAL_SHAPES[len];
        len += 1;
    }
    t
};

/// Whether `word` has one of the shapes (length and first byte) of `shape`.
fn fits(shape: &[u128; 8], word: &str) -> bool {
    match (shape.get(word.len()), word.as_bytes().first()) {
        (Some(bits), Some(&b)) => b < 0x80 && bits >> b & 1 == 1,
        _ => false,
    }
}

/// Whether `word` is in `list`, whose [`shapes`] are `shape`.
fn listed(list: &[&str], shape: &[u128; 8], word: &str) -> bool {
    fits(shape, word) && list.contains(&word)
}

/// Splits `text` into sentences.
///
/// Boundaries are `.`, `!`, `?`, `…` (and the CJK full stops) followed by
/// white space, and line breaks. Abbreviations (`Mr.`, `Gen.`, `Jan.`,
/// `U.S.`), initials (`George W. Bush`), decimals (`3.5`) and quotation marks
/// (`"Go!" he said.`) do not end a sentence. A line break ends a sentence
/// unless the next line continues it in lower case. Spans are trimmed of
/// surrounding white space; text between sentences is white space only, so
/// no text is lost.
///
/// Runs in time linear in the length of the text.
///
/// # Examples
///
/// ```
/// use standpoint::text;
///
/// let doc = "Growth was 3.5 per cent, said George W. Bush. \"Good!\" he added.\nNew line";
/// let got: Vec<&str> = text::sentences(doc).map(|s| s.as_str(doc)).collect();
/// assert_eq!(got, [
///     "Growth was 3.5 per cent, said George W. Bush.",
///     "\"Good!\" he added.",
///     "New line",
/// ]);
/// ```
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, pos: 0 }
}

/// An iterator over the sentences of a text, created by [`sentences`].
#[derive(Debug, Clone)]
pub struct Sentences<'t> {
    text: &'t str,
    pos: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        next_sentence(self.text, &mut self.pos, &mut Scan)
    }
}

/// The sentences of `text` and its quotations, as [`sentences`] and
/// [`quotes`](super::quotes()) find them, from one scan of the text for
/// the bytes where either may stop (see [`stops`]).
pub(crate) fn sentences_and_quotes(text: &str) -> (Vec<Span>, Vec<Quote>) {
    let stops = stops(text.as_bytes());
    // Sized from the text so that the vector seldom grows: news has a
    // sentence every ~150 bytes, but a tenth of the documents one every
    // 100 bytes or less (one in 80 bytes: all but 5 of the 444 of the
    // kremlin subset; one in 128 grew the vector in 90 of them, each
    // growth a copy of the whole table).
    let mut sentences = Vec::with_capacity(text.len() / 80 + 1);
    let (mut pos, mut source) = (0, Listed::new(&stops));
    while let Some(s) = next_sentence(text, &mut pos, &mut source) {
        sentences.push(s);
    }
    let quotes = quotes_in(text, &mut Listed::new(&stops));
    (sentences, quotes)
}

/// The sentence from `*pos` on, with `*pos` moved past it; the bytes that
/// may end it come from `source`.
#[inline(always)]
fn next_sentence(text: &str, pos: &mut usize, source: &mut impl StopSource) -> Option<Span> {
    let bytes = text.as_bytes();
    let start = skip_space(text, *pos);
    if start >= text.len() {
        *pos = text.len();
        return None;
    }
    let mut i = start;
    while i < bytes.len() {
        // Most bytes cannot end a sentence: skip them.
        match source.next_in(bytes, i, *b".\n!?", &CANDIDATE) {
            Some(at) => i = at,
            None => break,
        }
        let b = bytes[i];
        let boundary = match b {
            b'\n' => line_break_ends(text, i),
            b'.' | b'!' | b'?' => terminator_end(text, i, b == b'.'),
            0xE2 if text[i..].starts_with('…') => terminator_end(text, i, true),
            0xE3 if text[i..].starts_with('。') => Some(i + 3),
            0xEF if text[i..].starts_with('！') || text[i..].starts_with('？') => Some(i + 3),
            _ => None,
        };
        if let Some(end) = boundary {
            let end = end.max(i + 1).min(text.len());
            *pos = end;
            // Not empty: `start` is not white space and `end > start`.
            return Some(Span::new(start, trim_end(text, start, end)));
        }
        i += 1;
    }
    *pos = text.len();
    Some(Span::new(start, trim_end(text, start, text.len())))
}

/// Whether `b` is an ASCII byte `char::is_whitespace` holds for: tab, line
/// feed, vertical tab, form feed, carriage return, space.
#[inline(always)]
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The end of the white space from `pos` (`pos` plus what `trim_start`
/// takes off `text[pos..]`): a byte at a time over ASCII white space, by
/// chars only from a non-ASCII byte (the general trim decodes every char).
#[inline(always)]
fn skip_space(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < bytes.len() && ascii_space(bytes[i]) {
        i += 1;
    }
    if i < bytes.len() && bytes[i] >= 0x80 {
        i + (text[i..].len() - text[i..].trim_start().len())
    } else {
        i
    }
}

/// The end of `text[start..end].trim_end()`, the same way as
/// [`skip_space`] (most sentences end on their terminator).
#[inline(always)]
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut e = end;
    while e > start && ascii_space(bytes[e - 1]) {
        e -= 1;
    }
    if e > start && bytes[e - 1] >= 0x80 {
        start + text[start..e].trim_end().len()
    } else {
        e
    }
}

/// A line break ends the sentence unless the next line starts in lower case.
fn line_break_ends(text: &str, i: usize) -> Option<usize> {
    let rest = text[i + 1..].trim_start_matches([' ', '\t', '\r']);
    match rest.chars().next() {
        Some(c) if c.is_lowercase() => None,
        _ => Some(i + 1),
    }
}

/// If the terminator at `i` ends a sentence, the offset just past it and any
/// closing quotes or brackets.
fn terminator_end(text: &str, i: usize, is_period: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = i;
    // Whether the run holds a `!` or `?` ("Really?!", "No.!").
    let mut exclaims = false;
    loop {
        match bytes.get(end) {
            Some(b'.' | b'"' | b'\'' | b')' | b']') => end += 1,
            Some(b'!' | b'?') => {
                exclaims = true;
                end += 1;
            }
            Some(&b) if b >= 0x80 => match char_after(text, end) {
                Some(c @ ('…' | '”' | '’' | '»' | '›')) => end += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    // The common case, a space and an ASCII capital ("... on Tuesday. The
    // ..."): `following` and `first` as the general path below finds them.
    let (following, first) = match bytes.get(end..end + 2) {
        Some(&[b' ', c]) if c.is_ascii_uppercase() => (&text[end + 1..], char::from(c)),
        _ => {
            // A terminator must be followed by white space or the end of
            // the text.
            match char_after(text, end) {
                None => return Some(end),
                Some(c) if !c.is_whitespace() => return None,
                _ => {}
            }
            let following = text[end..].trim_start();
            let Some(first) = following.chars().next() else {
                return Some(end);
            };
            (following, first)
        }
    };
    // "Sen. Jane Roe (I-Vt.) ― or ...", "(R-Fla.), said": a sentence does
    // not begin with a dash or a comma.
    if first.is_lowercase() || matches!(first, '―' | '—' | '–' | ',' | ';' | ':') {
        return None;
    }
    // After `…` or a `!`/`?` the sentence ends; after `.`, it depends on
    // the word before.
    if !is_period || exclaims || bytes[i] != b'.' {
        return Some(end);
    }
    // An ASCII word holds no dot: it is no initialism.
    let (word, may_dot) = match ascii_word_before(bytes, i) {
        WordBefore::Long => return Some(end),
        WordBefore::Ascii(start) => (&text[start..i], false),
        WordBefore::Other => {
            let Some(word) = prev_token(text, i) else {
                return Some(end);
            };
            let word = word
                .as_str(text)
                .trim_start_matches(|c: char| !c.is_alphanumeric());
            (word, true)
        }
    };
    let abbreviation = fits(&ABBREVIATION_SHAPES, word);
    if abbreviation && listed(NEVER_FINAL, &NEVER_FINAL_SHAPES, word) {
        return None;
    }
    let mut chars = word.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    let initial = single && is_capitalized(word);
    let dotted = may_dot && word.len() <= 8 && word.contains('.');
    if !(initial || dotted || abbreviation && listed(MAYBE_FINAL, &MAYBE_FINAL_SHAPES, word)) {
        return Some(end);
    }
    let next_word: &str = following
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    if initial {
        // "George W. Bush": an initial before a capitalised name.
        return OPENERS.contains(&next_word).then_some(end);
    }
    let starts_sentence = OPENERS.contains(&next_word) || first == '"' || first == '“';
    starts_sentence.then_some(end)
}

/// The word before a period, as [`ascii_word_before`] finds it.
enum WordBefore {
    /// At least [`LONG_WORD`] ASCII letters and digits end at the period:
    /// whatever token holds them is too long for an abbreviation, an
    /// initial or an initialism, so the period ends the sentence (the
    /// rest of the word is not walked).
    Long,
    /// The word starts here: ASCII letters and digits after a byte that
    /// neither belongs to a word nor joins one ("... on Tuesday."), the
    /// token [`prev_token`] finds there, with no leading punctuation to
    /// trim.
    Ascii(usize),
    /// Any other word (an initialism "U.S.", "Kyiv’s.", a non-ASCII
    /// letter, a closing bracket): for the general path.
    Other,
}

/// The fewest letters of a [`WordBefore::Long`] word: no listed
/// abbreviation has as many, and an initialism of that length holds a dot.
const LONG_WORD: usize = 8;

/// The word before the period at `i`, from its last bytes.
#[inline]
fn ascii_word_before(bytes: &[u8], i: usize) -> WordBefore {
    let mut start = i;
    while start > 0 && ALNUM[usize::from(bytes[start - 1])] {
        start -= 1;
        if i - start == LONG_WORD {
            return WordBefore::Long;
        }
    }
    if start == i {
        return WordBefore::Other;
    }
    match start.checked_sub(1).map(|b| bytes[b]) {
        // The text's start, or an ASCII byte that is no letter or digit
        // (those were taken) and no joiner ('-', '\'', '.').
        None => WordBefore::Ascii(start),
        Some(b) if b < 0x80 && !matches!(b, b'-' | b'\'' | b'.') => WordBefore::Ascii(start),
        _ => WordBefore::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-scan path lists only `is_stop`'s bytes: a byte of
    /// `CANDIDATE` left out of it would never be seen there.
    #[test]
    fn every_candidate_byte_is_a_listed_stop() {
        for b in 0..=255u8 {
            assert!(
                !CANDIDATE[usize::from(b)] || crate::text::scan::is_stop(b),
                "byte {b:#04x}"
            );
        }
    }

    fn split(doc: &str) -> Vec<&str> {
        sentences(doc).map(|s| s.as_str(doc)).collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split("Sen. John McCain met F.W. de Klerk in Washington, D.C. on Tuesday. He left."),
            [
                "Sen. John McCain met F.W. de Klerk in Washington, D.C. on Tuesday.",
                "He left."
            ]
        );
        assert_eq!(
            split("Sanctions hit the U.S. The move angered Moscow."),
            ["Sanctions hit the U.S.", "The move angered Moscow."]
        );
        assert_eq!(
            split("The U.S. Senate voted. It passed."),
            ["The U.S. Senate voted.", "It passed."]
        );
    }

    #[test]
    fn quotes_and_decimals() {
        assert_eq!(
            split("\"We will win,\" he said. \"Never!\" she replied. Rates rose 2.5 per cent."),
            [
                "\"We will win,\" he said.",
                "\"Never!\" she replied.",
                "Rates rose 2.5 per cent."
            ]
        );
        assert_eq!(
            split("He said: “It is over.” Then he left."),
            ["He said: “It is over.”", "Then he left."]
        );
    }

    #[test]
    fn line_breaks() {
        assert_eq!(
            split("Headline here\n\nFirst para. Second\nline continues\nThird"),
            [
                "Headline here",
                "First para.",
                "Second\nline continues",
                "Third"
            ]
        );
    }

    #[test]
    fn no_text_is_lost() {
        let doc = "  A b. C d!  E?\n\n F … G.  ";
        let spans: Vec<Span> = sentences(doc).collect();
        let mut last = 0;
        for s in &spans {
            assert!(doc[last..s.start].trim().is_empty());
            last = s.end;
        }
        assert!(doc[last..].trim().is_empty());
    }

    /// The splitter before its byte-level fast paths, for comparison.
    fn split_by_chars(text: &str) -> Vec<Span> {
        fn terminator_end_by_chars(text: &str, i: usize, is_period: bool) -> Option<usize> {
            let mut end = i;
            for c in text[i..].chars() {
                if matches!(
                    c,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']'
                ) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            match char_after(text, end) {
                None => return Some(end),
                Some(c) if !c.is_whitespace() => return None,
                _ => {}
            }
            let following = text[end..].trim_start();
            let first = following.chars().next()?;
            if first.is_lowercase() || matches!(first, '―' | '—' | '–' | ',' | ';' | ':') {
                return None;
            }
            if !is_period || text[i..end].contains(['!', '?']) {
                return Some(end);
            }
            let word = prev_token(text, i + 1).and_then(|tok| prev_token(text, tok.start));
            let Some(word) = word else {
                return Some(end);
            };
            let word =
                text[word.start..word.end].trim_start_matches(|c: char| !c.is_alphanumeric());
            let next_word: &str = following
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .next()
                .unwrap_or("");
            if NEVER_FINAL.contains(&word) {
                return None;
            }
            let initial = word.chars().count() == 1 && is_capitalized(word);
            let dotted = word.contains('.') && word.len() <= 8;
            if initial {
                return OPENERS.contains(&next_word).then_some(end);
            }
            if dotted || MAYBE_FINAL.contains(&word) {
                let starts = OPENERS.contains(&next_word) || first == '"' || first == '“';
                return starts.then_some(end);
            }
            Some(end)
        }
        let bytes = text.as_bytes();
        let mut spans = Vec::new();
        let mut pos = 0;
        loop {
            let start = pos + (text[pos..].len() - text[pos..].trim_start().len());
            if start >= text.len() {
                return spans;
            }
            let mut i = start;
            let mut end = text.len();
            while i < bytes.len() {
                let b = bytes[i];
                let boundary = match b {
                    b'\n' => line_break_ends(text, i),
                    b'.' | b'!' | b'?' => terminator_end_by_chars(text, i, b == b'.'),
                    0xE2 if text[i..].starts_with('…') => terminator_end_by_chars(text, i, true),
                    0xE3 if text[i..].starts_with('。') => Some(i + 3),
                    0xEF if text[i..].starts_with('！') || text[i..].starts_with('？') => {
                        Some(i + 3)
                    }
                    _ => None,
                };
                if let Some(e) = boundary {
                    end = e.max(i + 1).min(text.len());
                    break;
                }
                i += 1;
            }
            pos = end;
            spans.push(Span::new(start, start + text[start..end].trim_end().len()));
        }
    }

    /// The terminator rule before its fast paths (the space and capital
    /// after a period, the ASCII word before it), for comparison.
    fn terminator_end_plain(text: &str, i: usize, is_period: bool) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut end = i;
        let mut exclaims = false;
        loop {
            match bytes.get(end) {
                Some(b'.' | b'"' | b'\'' | b')' | b']') => end += 1,
                Some(b'!' | b'?') => {
                    exclaims = true;
                    end += 1;
                }
                Some(&b) if b >= 0x80 => match char_after(text, end) {
                    Some(c @ ('…' | '”' | '’' | '»' | '›')) => end += c.len_utf8(),
                    _ => break,
                },
                _ => break,
            }
        }
        match char_after(text, end) {
            None => return Some(end),
            Some(c) if !c.is_whitespace() => return None,
            _ => {}
        }
        let following = text[end..].trim_start();
        let Some(first) = following.chars().next() else {
            return Some(end);
        };
        if first.is_lowercase() || matches!(first, '―' | '—' | '–' | ',' | ';' | ':') {
            return None;
        }
        if !is_period || exclaims || bytes[i] != b'.' {
            return Some(end);
        }
        let Some(word) = prev_token(text, i) else {
            return Some(end);
        };
        let word = word
            .as_str(text)
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        if listed(NEVER_FINAL, &NEVER_FINAL_SHAPES, word) {
            return None;
        }
        let mut chars = word.chars();
        let single = chars.next().is_some() && chars.next().is_none();
        let initial = single && is_capitalized(word);
        let dotted = word.len() <= 8 && word.contains('.');
        if !(initial || dotted || listed(MAYBE_FINAL, &MAYBE_FINAL_SHAPES, word)) {
            return Some(end);
        }
        let next_word: &str = following
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .next()
            .unwrap_or("");
        if initial {
            return OPENERS.contains(&next_word).then_some(end);
        }
        let starts_sentence = OPENERS.contains(&next_word) || first == '"' || first == '“';
        starts_sentence.then_some(end)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        /// Every candidate terminator gets the answer of the rule without
        /// its fast paths, on text of abbreviations, initials, joiners
        /// ("U.S.", "a-b.", "it's."), non-ASCII words and the marks around
        /// a period.
        #[test]
        fn terminator_end_same_as_plain(
            text in proptest::string::string_regex(
                "(Mr|Dr|Jan|Inc|Gov't|U|S|W|A|é|Kyiv’s|it's|a-b|The|he|Bush|NATO|9|x{9}| |  |\\.|\\. |\\.  |!|\\?|…|\"|”|’|'|-|\\(|\\)|\n|\t|—|,){0,30}"
            ).unwrap()
        ) {
            for (i, c) in text.char_indices() {
                let is_period = match c {
                    '.' | '!' | '?' => c == '.',
                    '…' => true,
                    _ => continue,
                };
                proptest::prop_assert_eq!(
                    terminator_end(&text, i, is_period),
                    terminator_end_plain(&text, i, is_period),
                    "at {}", i
                );
            }
        }

        #[test]
        fn same_as_by_chars(
            text in proptest::string::string_regex(
                "(Mr|Jan|U\\.S|W|The|he|Bush|é|a9| |  |\\.|!|\\?|…|\"|”|’|\\)|\n|—|,|。|！|x{9}|\t|\r|\x0b|\x0c|\x1c|\u{85}|\u{a0}|\u{2003}|\u{3000}|\u{200b}){0,40}"
            ).unwrap()
        ) {
            let got: Vec<Span> = sentences(&text).collect();
            proptest::prop_assert_eq!(got, split_by_chars(&text));
        }

        /// One scan for both gives the sentences and the quotations the
        /// two scans of their own give: any quotation mark, apostrophes,
        /// terminators, "U.S.", digits, line breaks, non-ASCII letters,
        /// runs long enough to cross the scan's blocks, a stop at the very
        /// end.
        #[test]
        fn one_scan_for_both_is_two_scans(
            text in proptest::string::string_regex(
                "(Mr|U\\.S\\.|W|The|he said|Bush|Ukraine’s|don't|3\\.5|é|ü|a9|-| |  |\\.|!|\\?|…|\"|“|”|‘|’|«|»|‹|›|„|'|''|`|``|\\)|\n|\n\n|\r\n|—|,|。|！|？|x{9}|y{31}|z{33}|\t|\u{a0}|\u{3000}){0,60}"
            ).unwrap()
        ) {
            let (got_sentences, got_quotes) = sentences_and_quotes(&text);
            let want: Vec<Span> = sentences(&text).collect();
            proptest::prop_assert_eq!(got_sentences, want);
            proptest::prop_assert_eq!(got_quotes, crate::text::quotes(&text));
        }
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("").is_empty());
        assert!(split(" \n\t ").is_empty());
    }
}
