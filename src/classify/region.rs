//! The words of the text a statement is classified on, with its clause
//! breaks, and the lexicon's hits mapped onto those words.

use super::lexicon::{Hit, Lexicon};
use crate::text::{is_word_char, next_token};
use crate::Span;

/// Words that end a clause, and so a negation's scope ("despite" opens a
/// concession that is no part of the claim before it).
const BREAK_WORDS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "however", "yet", "despite",
];

/// One token: a word or a punctuation mark.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub span: Span,
    pub word: bool,
    /// Ends a clause: `, ; : ( )`, a dash, a quotation mark, "but", ...
    pub is_break: bool,
}

/// A hit with the tokens it covers, `[first, last)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub hit: Hit,
    pub first: usize,
    pub last: usize,
}

/// Buffers reused from one statement to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub tokens: Vec<Token>,
    pub hits: Vec<Hit>,
    pub placed: Vec<Placed>,
    /// Per token: the index of the next clause break at or after it.
    pub next_break: Vec<u32>,
}

/// The tokens and hits of a statement's region.
pub(crate) struct Region<'s> {
    pub text: &'s str,
    pub tokens: &'s [Token],
    pub hits: &'s [Placed],
    next_break: &'s [u32],
}

impl Scratch {
    /// Tokenizes `span` of `text` and scans it with the lexicon.
    pub(crate) fn fill<'s>(&'s mut self, lex: &Lexicon, text: &'s str, span: Span) -> Region<'s> {
        self.tokens.clear();
        let mut pos = span.start;
        while let Some(tok) = next_token(text, pos).filter(|t| t.start < span.end) {
            let tok = Span::new(tok.start, tok.end.min(span.end));
            let s = tok.as_str(text);
            let word = s.starts_with(is_word_char);
            let is_break = if word {
                BREAK_WORDS.iter().any(|b| b.eq_ignore_ascii_case(s))
            } else {
                matches!(
                    s,
                    "," | ";" | ":" | "(" | ")" | "—" | "–" | "-" | "\"" | "“" | "”" | "«" | "»"
                )
            };
            self.tokens.push(Token {
                span: tok,
                word,
                is_break,
            });
            pos = tok.end;
        }
        self.next_break.clear();
        self.next_break
            .resize(self.tokens.len(), self.tokens.len() as u32);
        let mut next = self.tokens.len() as u32;
        for (i, t) in self.tokens.iter().enumerate().rev() {
            if t.is_break {
                next = i as u32;
            }
            self.next_break[i] = next;
        }
        lex.scan(text, span, &mut self.hits);
        self.placed.clear();
        for &hit in &self.hits {
            let first = self
                .tokens
                .partition_point(|t| t.span.end <= hit.span.start);
            let last = self.tokens.partition_point(|t| t.span.start < hit.span.end);
            self.placed.push(Placed { hit, first, last });
        }
        Region {
            text,
            tokens: &self.tokens,
            hits: &self.placed,
            next_break: &self.next_break,
        }
    }
}

impl Region<'_> {
    /// The index of the token holding byte `pos` (or the next one).
    pub(crate) fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= pos)
    }

    /// The index one past the last token starting before byte `pos`.
    pub(crate) fn token_end(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }

    /// The first clause break at or after token `i` (or the end).
    pub(crate) fn clause_end(&self, i: usize) -> usize {
        self.next_break
            .get(i)
            .map_or(self.tokens.len(), |&n| n as usize)
    }

    /// The text of token `i`.
    pub(crate) fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.as_str(self.text))
    }

    /// The nearest word token before token `i`, if no clause break is
    /// between.
    pub(crate) fn word_before(&self, i: usize) -> Option<usize> {
        let j = i.checked_sub(1)?;
        let t = self.tokens.get(j)?;
        (t.word).then_some(j)
    }

    /// How many word tokens lie in `[a, b)`.
    pub(crate) fn words_between(&self, a: usize, b: usize) -> usize {
        self.tokens
            .get(a..b.min(self.tokens.len()))
            .map_or(0, |ts| ts.iter().filter(|t| t.word).count())
    }

    /// Whether a clause break lies in `[a, b)`.
    pub(crate) fn break_between(&self, a: usize, b: usize) -> bool {
        a < b && self.clause_end(a) < b
    }
}
