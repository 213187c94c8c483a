//! Quotation spans.

use serde::{Deserialize, Serialize};

use crate::Span;

use super::words::is_word_char;

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
/// Understands straight (`"`, `'`), curly (`“ ”`, `‘ ’`), low-high (`„ “`)
/// and angle (`« »`, `‹ ›`) marks. Apostrophes (`Ukraine’s`, `don't`) are
/// not quotation marks. A quotation never runs past the end of its
/// paragraph (a blank line or a line break): an unclosed quotation is
/// closed there and marked `closed: false`, so a missing mark cannot turn
/// the rest of a document into a quote. Single-quoted quotations may nest
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
    let mut out = Vec::new();
    // (family, offset of the opening mark, length of the mark)
    let mut open: Option<(Family, usize, usize)> = None;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let len = c.len_utf8();
        if c == '\n' {
            if let Some((_, s, l)) = open.take() {
                let end = text[..i].trim_end().len().max(s + l);
                out.push(Quote {
                    outer: Span::new(s, end),
                    inner: Span::new(s + l, end),
                    closed: false,
                });
            }
            prev = Some(c);
            continue;
        }
        let after_word = prev.is_some_and(is_word_char);
        let before_word = next.is_some_and(is_word_char);
        match (open, c) {
            (None, '“' | '„' | '«' | '‹') => open = Some((Family::Double, i, len)),
            (None, '"') if !after_word => open = Some((Family::Double, i, len)),
            (None, '‘') => open = Some((Family::Single, i, len)),
            (None, '\'') if !after_word && before_word => open = Some((Family::Single, i, len)),
            (Some((Family::Double, s, l)), '”' | '“' | '»' | '›' | '"') => {
                out.push(Quote {
                    outer: Span::new(s, i + len),
                    inner: Span::new(s + l, i),
                    closed: true,
                });
                open = None;
            }
            (Some((Family::Single, s, l)), '’' | '\'') if !before_word => {
                out.push(Quote {
                    outer: Span::new(s, i + len),
                    inner: Span::new(s + l, i),
                    closed: true,
                });
                open = None;
            }
            // A double mark inside a single-quoted span: the single mark was
            // an apostrophe after all; restart as a double quotation.
            (Some((Family::Single, _, _)), '“' | '„' | '«') => {
                open = Some((Family::Double, i, len));
            }
            _ => {}
        }
        prev = Some(c);
    }
    if let Some((_, s, l)) = open {
        let end = text.trim_end().len().max(s + l);
        out.push(Quote {
            outer: Span::new(s, end),
            inner: Span::new(s + l, end),
            closed: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
