//! Quotation spans.

use serde::{Deserialize, Serialize};

use crate::Span;

use super::scan::{Scan, StopSource};
use super::words::{char_before, is_word_char};

/// A quotation: the text between a pair of quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quotation including its marks.
    pub outer: Span,
    /// The quoted text, without the marks.
    pub inner: Span,
    /// `false` when no closing mark was found before the end of the
    /// paragraph, which then closes the quotation.
    pub closed: bool,
    /// An unclosed quotation whose next paragraph opens with a quotation
    /// mark: by the news convention, the quotation goes on there.
    #[serde(default)]
    pub continued: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    /// “…” „…“ «…» ‹…› and straight double quotes.
    Double,
    /// ‘…’ and straight single quotes.
    Single,
}

/// Finds the quotations in `text`.
///
/// Understands straight (`"`, `'`, and `''` as a double mark), curly
/// (`“ ”`, `‘ ’`), low-high (`„ “`) and angle (`« »`, `‹ ›`) marks. Apostrophes (`Ukraine’s`, `don't`) are
/// not quotation marks. A quotation never runs past the end of its
/// paragraph (a blank line or a line break): an unclosed quotation is
/// closed there and marked `closed: false`, so a missing mark cannot turn
/// the rest of a document into a quote. When the next paragraph opens with
/// a quotation mark, the unclosed quotation is marked `continued` (news
/// style: a quotation over several paragraphs leaves each paragraph open
/// and reopens the next). Single-quoted quotations may nest
/// inside double-quoted ones; only the outermost are returned.
///
/// Runs in time linear in the length of the text.
///
/// # Examples
///
/// ```
/// use standpoint::text;
///
/// let doc = "“We will not accept it,” he said. Ukraine’s «plan» stands.";
/// let q: Vec<&str> = text::quotes(doc).iter().map(|q| q.inner.as_str(doc)).collect();
/// assert_eq!(q, ["We will not accept it,", "plan"]);
/// ```
pub fn quotes(text: &str) -> Vec<Quote> {
    quotes_in(text, &mut Scan)
}

/// [`quotes`], the bytes where something can happen coming from `source`.
#[inline(always)]
pub(super) fn quotes_in(text: &str, source: &mut impl StopSource) -> Vec<Quote> {
    let bytes = text.as_bytes();
    let mut out: Vec<Quote> = Vec::new();
    // (family, offset of the opening mark, length of the mark)
    let mut open: Option<(Family, usize, usize)> = None;
    // An unclosed quotation of the previous paragraph (its index in `out`)
    // and the offset up to which only white space has followed it.
    let mut pending: Option<(usize, usize)> = None;
    let mut i = 0;
    // Most bytes can change nothing: skip to the next line break, straight
    // mark or lead byte of a curly or angle mark.
    while let Some(at) = source.next_in(bytes, i, *b"\n\"'`", &INTERESTING) {
        i = at;
        let c = text[i..].chars().next().expect("a char boundary");
        let mut len = c.len_utf8();
        if c == '\n' {
            if let Some((_, s, l)) = open.take() {
                let end = text[..i].trim_end().len().max(s + l);
                pending = Some((out.len(), i + 1));
                out.push(Quote {
                    outer: Span::new(s, end),
                    inner: Span::new(s + l, end),
                    closed: false,
                    continued: false,
                });
            } else if let Some((p, from)) = pending {
                // Still only white space since the break? Then keep
                // waiting, from here (each byte is looked at once).
                pending = only_space(&text[from..i]).then_some((p, i + 1));
            }
            i += 1;
            continue;
        }
        if !is_mark(c) {
            i += len;
            continue;
        }
        // '' and `` are double marks (as in some newspapers' text).
        let doubled = matches!(c, '\'' | '`') && bytes.get(i + 1) == Some(&(c as u8));
        if doubled {
            len = 2;
        }
        let after_word = char_before(text, i).is_some_and(is_word_char);
        let before_word = text[i + len..].chars().next().is_some_and(is_word_char);
        let mark = Mark {
            c,
            at: i,
            len,
            doubled,
            after_word,
            before_word,
        };
        open = step(open, mark, &mut out);
        if let Some((p, from)) = pending.take() {
            // The first thing after the break is this mark: if it opens a
            // quotation, the quotation before the break continues here.
            if only_space(&text[from..i]) {
                out[p].continued = open.is_some_and(|(_, s, _)| s == i);
            }
        }
        i += len;
    }
    if let Some((_, s, l)) = open {
        let end = text.trim_end().len().max(s + l);
        out.push(Quote {
            outer: Span::new(s, end),
            inner: Span::new(s + l, end),
            closed: false,
            continued: false,
        });
    }
    out
}

/// Bytes where something can happen: a line break, a straight mark, or the
/// lead byte of a curly or angle mark (U+2018–U+201E and U+2039–U+203A
/// start with 0xE2; U+00AB and U+00BB with 0xC2).
const INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'`' as usize] = true;
    t[0xE2] = true;
    t[0xC2] = true;
    t
};

/// Whether `c` is one of the quotation marks [`quotes`] knows.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '“' | '”' | '„' | '‘' | '’' | '«' | '»' | '‹' | '›'
    )
}

fn only_space(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// A quotation mark met in the text, with what surrounds it.
#[derive(Clone, Copy)]
struct Mark {
    c: char,
    /// Its offset and length in bytes ('' and `` count as one mark).
    at: usize,
    len: usize,
    /// '' or ``: a double mark made of two single ones.
    doubled: bool,
    /// A word character just before it, or just after it.
    after_word: bool,
    before_word: bool,
}

/// The quotation open after `mark`, given the one open before it; a mark
/// that closes the open quotation pushes it to `out`.
fn step(
    open: Option<(Family, usize, usize)>,
    mark: Mark,
    out: &mut Vec<Quote>,
) -> Option<(Family, usize, usize)> {
    let Mark {
        c,
        at: i,
        len,
        doubled,
        after_word,
        before_word,
    } = mark;
    match (open, c) {
        (None, '“' | '„' | '«' | '‹') => Some((Family::Double, i, len)),
        (None, '`') if doubled => Some((Family::Double, i, len)),
        (None, '\'') if doubled && !after_word => Some((Family::Double, i, len)),
        (None, '"') if !after_word => Some((Family::Double, i, len)),
        (None, '‘') => Some((Family::Single, i, len)),
        (None, '\'') if !doubled && !after_word && before_word => Some((Family::Single, i, len)),
        (Some((Family::Double, s, l)), '”' | '“' | '»' | '›' | '"') => {
            out.push(closed(s, l, i, len));
            None
        }
        (Some((Family::Double, s, l)), '\'') if doubled => {
            out.push(closed(s, l, i, len));
            None
        }
        (Some((Family::Single, s, l)), '’' | '\'') if !before_word && !doubled => {
            out.push(closed(s, l, i, len));
            None
        }
        // A double mark inside a single-quoted span: the single mark was an
        // apostrophe after all; restart as a double quotation.
        (Some((Family::Single, _, _)), '“' | '„' | '«') => Some((Family::Double, i, len)),
        _ => open,
    }
}

fn closed(start: usize, open_len: usize, close: usize, close_len: usize) -> Quote {
    Quote {
        outer: Span::new(start, close + close_len),
        inner: Span::new(start + open_len, close),
        closed: true,
        continued: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-scan path lists only `is_stop`'s bytes: a byte of
    /// `INTERESTING` left out of it would never be seen there.
    #[test]
    fn every_interesting_byte_is_a_listed_stop() {
        for b in 0..=255u8 {
            assert!(
                !INTERESTING[usize::from(b)] || crate::text::scan::is_stop(b),
                "byte {b:#04x}"
            );
        }
    }

    /// The straightforward char-by-char scan the byte-skipping [`quotes`]
    /// must agree with.
    fn reference(text: &str) -> Vec<Quote> {
        let mut out: Vec<Quote> = Vec::new();
        // (family, offset of the opening mark, length of the mark)
        let mut open: Option<(Family, usize, usize)> = None;
        // An unclosed quotation of the previous paragraph, while only white
        // space has followed it.
        let mut pending: Option<usize> = None;
        let mut prev: Option<char> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let mut len = c.len_utf8();
            if c == '\n' {
                if let Some((_, s, l)) = open.take() {
                    let end = text[..i].trim_end().len().max(s + l);
                    pending = Some(out.len());
                    out.push(Quote {
                        outer: Span::new(s, end),
                        inner: Span::new(s + l, end),
                        closed: false,
                        continued: false,
                    });
                }
                prev = Some(c);
                continue;
            }
            if c.is_whitespace() {
                prev = Some(c);
                continue;
            }
            // '' and `` are double marks (as in some newspapers' text).
            let doubled = matches!(c, '\'' | '`') && next == Some(c);
            if doubled {
                iter.next();
                len = 2;
            }
            let after_word = prev.is_some_and(is_word_char);
            let before_word = text[i + len..].chars().next().is_some_and(is_word_char);
            let mark = Mark {
                c,
                at: i,
                len,
                doubled,
                after_word,
                before_word,
            };
            open = step(open, mark, &mut out);
            if let Some(p) = pending.take() {
                // The first mark after the break opens a quotation: it continues.
                out[p].continued = open.is_some_and(|(_, s, _)| s == i);
            }
            prev = Some(if doubled { '"' } else { c });
        }
        if let Some((_, s, l)) = open {
            let end = text.trim_end().len().max(s + l);
            out.push(Quote {
                outer: Span::new(s, end),
                inner: Span::new(s + l, end),
                closed: false,
                continued: false,
            });
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]

        #[test]
        fn same_as_the_char_by_char_scan(
            text in proptest::string::string_regex(
                "([a-zA-Z0-9 \n\t\r,.\"'`“”„‘’«»‹›—…éÉ\u{a0}\u{2028}\u{0301}]){0,80}"
            ).unwrap()
        ) {
            proptest::prop_assert_eq!(quotes(&text), reference(&text));
        }
    }

    #[test]
    fn same_as_the_char_by_char_scan_on_news() {
        for doc in [
            "“A,” he said.\n\n“B.\n\n  “C” and ‘d’ or ''e'' `f`\n\u{a0}\n«g",
            "Kyiv’s 'plan' isn't' done\n \n'x'\n\"open\n \t\n\"next\"",
        ] {
            assert_eq!(quotes(doc), reference(doc));
        }
    }

    fn inner(doc: &str) -> Vec<&str> {
        quotes(doc).iter().map(|q| q.inner.as_str(doc)).collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(inner("He said \"no\" and 'yes' twice."), ["no", "yes"]);
        assert_eq!(inner("„Nein“, sagte er."), ["Nein"]);
        assert_eq!(inner("It's Kyiv’s plan, ‘a good one’."), ["a good one"]);
    }

    #[test]
    fn unclosed_stops_at_paragraph() {
        let doc = "He said \"we will go.\nNext paragraph is not quoted.";
        let q = quotes(doc);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(q[0].inner.as_str(doc), "we will go.");
    }

    #[test]
    fn nested_single_in_double() {
        let doc = "“They called it ‘illegal’,” she said.";
        assert_eq!(inner(doc), ["They called it ‘illegal’,"]);
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(
            inner("''We won't go,'' he said. It's ''fine''."),
            ["We won't go,", "fine"]
        );
    }

    #[test]
    fn a_quotation_continues_in_the_next_paragraph() {
        let doc = "“We will go on.\n\n“And we will win,” he said.\n\nNo quote here.";
        let q = quotes(doc);
        assert_eq!(q.len(), 2);
        assert!(!q[0].closed && q[0].continued);
        assert!(q[1].closed && !q[1].continued);
        let doc = "He said “we will go on.\n\nThe next paragraph is not quoted.";
        let q = quotes(doc);
        assert!(!q[0].closed && !q[0].continued);
    }
}
