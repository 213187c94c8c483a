//! Where a statement's content begins and ends: the reported clause, a
//! phrase, or a quotation (with the quotations that continue it).

use super::speaker::Range;
use super::tokens::{wc, Doc, NONE};

/// How many following quotations a quoted content may take in.
const MAX_FOLLOWING_QUOTES: usize = 12;

impl Doc<'_> {
    /// Tokens `a..=b` without trailing punctuation (a final `?` or `!`
    /// stays); `None` when nothing is left.
    pub(super) fn trim_end(&self, a: usize, b: usize) -> Option<Range> {
        let mut b = b as isize;
        while b >= a as isize {
            let u = b as usize;
            let punct = self.is(
                u,
                wc::PERIOD
                    | wc::COMMA
                    | wc::SEMICOLON
                    | wc::COLON
                    | wc::END
                    | wc::DASH
                    | wc::CLOSE_PAREN,
            );
            if !punct || (self.is(u, wc::END) && u > a) {
                break;
            }
            b -= 1;
        }
        (b >= a as isize).then_some((a, b as usize))
    }

    /// The quotation whose closing mark is token `j` (or `j - 1` when `j`
    /// is a comma), in the same paragraph as the token after `j`, and not
    /// closed by a full stop ("'...,' he said" but not "'....' He left").
    pub(super) fn quote_ending_at(&self, j: usize) -> Option<usize> {
        if j + 1 >= self.len() {
            return None;
        }
        let q = self.toks[j].quote();
        let q = if q != NONE && self.quotes[q].close == j && self.quotes[q].open != j {
            q
        } else if self.is(j, wc::COMMA) && j > 0 {
            let q = self.toks[j - 1].quote();
            if q == NONE || self.quotes[q].close != j - 1 {
                return None;
            }
            q
        } else {
            return None;
        };
        let te = self.quotes[q].close;
        if self.line_between(te, j + 1) {
            return None;
        }
        if te > 0 && self.is(te - 1, wc::PERIOD | wc::COLON) && !self.is(j, wc::COMMA) {
            return None;
        }
        Some(q)
    }

    /// The quotation that opens within `gap` tokens after token `k`, with
    /// only commas, colons or dashes between.
    pub(super) fn quote_starting_after(&self, k: usize, gap: usize) -> Option<usize> {
        for j in k + 1..(k + 2 + gap).min(self.len()) {
            let q = self.toks[j].quote();
            if q != NONE && self.quotes[q].open == j {
                return Some(q);
            }
            if !self.is(j, wc::COMMA | wc::COLON | wc::DASH) {
                return None;
            }
        }
        None
    }

    /// Extends a quoted content that ends near token `k` over the
    /// quotations that open the following sentences of its paragraph
    /// ("'Q1,' he said. 'Q2.' 'Q3.'"), or of the next paragraphs when the
    /// quotation is continued there. Returns the new last token.
    pub(super) fn follow_quotes(&self, k: usize, mut end: usize) -> usize {
        let (_, s1) = self.sent_of(k);
        let mut next = s1 + 1;
        for _ in 0..MAX_FOLLOWING_QUOTES {
            if next >= self.len() {
                break;
            }
            if self.toks[next].line_before() && !self.continued_at(end) {
                break;
            }
            let q = self.toks[next].quote();
            if q == NONE || self.quotes[q].open != next {
                break;
            }
            let qe = self.quotes[q].close;
            let (_, ns1) = self.sent_of(qe);
            // A quotation with its own cue ("Q2," she added.) is another
            // statement.
            if (qe + 1..=ns1.min(qe + 6)).any(|m| self.is(m, wc::CUE)) {
                break;
            }
            end = qe;
            next = if ns1 >= qe { ns1 + 1 } else { qe + 1 };
        }
        end
    }

    /// The first quotation of the run of paragraphs that quotation `q`
    /// continues (`q` itself when it opens no continuation).
    pub(super) fn continued_from(&self, mut q: usize) -> usize {
        for _ in 0..MAX_FOLLOWING_QUOTES {
            let open = self.quotes[q].open;
            if q == 0 || !self.toks[open].line_before() {
                break;
            }
            let prev = &self.quotes[q - 1];
            if !prev.continued || prev.close + 1 != open {
                break;
            }
            q -= 1;
        }
        q
    }

    /// Whether token `i` ends a quotation that continues in the next
    /// paragraph.
    fn continued_at(&self, i: usize) -> bool {
        let q = self.toks[i].quote();
        q != NONE && self.quotes[q].continued && self.quotes[q].close == i
    }

    /// The end of a phrase content: before the first comma, dash,
    /// semicolon or parenthesis outside quotations, or before a clause
    /// opener ("and" only before a verb).
    pub(super) fn phrase_end(&self, a: usize, b: usize) -> usize {
        for m in a + 1..=b {
            if self.toks[m].quote() != NONE {
                continue;
            }
            if self.is(m, wc::COMMA | wc::SEMICOLON | wc::OPEN_PAREN)
                || self.one_char_or_double_dash(m)
            {
                return (m - 1).max(a);
            }
            if self.is(m, wc::PHRASE_BREAK)
                && m < b
                && (!self.word_is(m, "and") || self.verbish(m + 1) || self.is(m + 1, wc::AUX))
            {
                return (m - 1).max(a);
            }
        }
        b
    }

    /// Skips an addressee after a verb like "told": "told reporters that
    /// C", "told the Associated Press C". Returns where the content starts.
    pub(super) fn skip_listener(&self, k: usize, s1: usize) -> usize {
        for m in k..(s1 + 1).min(k + 8) {
            if self.word_is(m, "that") {
                return m;
            }
            if self.is(m, wc::COMMA | wc::PERIOD | wc::COLON | wc::QUOTE) {
                break;
            }
        }
        if k > s1 {
            return k;
        }
        if self.is(k, wc::ADDRESSEE) {
            return k + 1;
        }
        if self.is(k, wc::ARTICLE | wc::POSS) {
            let mut m = k + 1;
            while m <= s1 && m - k < 6 && (self.cap(m) || self.word_is(m, "'s")) {
                m += 1;
            }
            if m > k + 1 {
                return m;
            }
            if m <= s1 && self.is(m, wc::LISTENER) {
                return m + 1;
            }
            return k;
        }
        let mut m = k;
        while m <= s1 && m - k < 6 && self.cap(m) {
            m += 1;
        }
        if m > k && (m > s1 || !self.word_is(m, "'s")) {
            return m;
        }
        k
    }
}
