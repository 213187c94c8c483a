//! The words of the text a statement is classified on, with its clause
//! breaks, and the lexicon's hits mapped onto those words.
//!
//! Every question the classifier asks of a region (how many words between
//! two tokens, is there a clause break, which hits start at a token) is
//! answered from prefix counts or a binary search: classifying a statement
//! is linear in its length.

use super::lexicon::{self, fold_str, run_key, Hit, Lexicon, Raw, FOLD_BYTE};
use crate::text::{is_word_char, ALNUM};
use crate::Span;

/// Words that end a clause, and so a negation's scope ("despite" opens a
/// concession that is no part of the claim before it).
const BREAK_WORDS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "however", "yet", "despite",
];

/// In [`Region::classes`]: a hit is a negator inside a lexicalised term
/// ("never" of "never accept").
pub(crate) const LEXICAL_NEGATOR: u8 = 128;

/// One token: a word or a punctuation mark.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub span: Span,
    pub word: bool,
    /// Ends a clause: `, ; : ( )`, a dash, a quotation mark, "but", ...
    pub is_break: bool,
    /// Ends a claim: ";", a sentence end, or a break word ("but",
    /// "while", "however").
    pub strong: bool,
    /// Ends a sentence the splitter did not end (".", "!", "?").
    pub end: bool,
    /// The words before it in its region: kept in the token, so that a
    /// token costs one push.
    pub words_before: u32,
}

/// A hit with the tokens it covers, `[first, last)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub hit: Hit,
    pub first: usize,
    pub last: usize,
    /// The kinds of role the hit holds here ([`super::lexicon::class`]):
    /// a question about a kind it does not hold walks none of its roles.
    pub classes: u8,
}

/// Buffers reused from one statement to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub tokens: Vec<Token>,
    /// The automaton's matches in the region being read, in order of
    /// their starts.
    raw: Vec<Raw>,
    /// The region folded for the automaton, after one space (for a
    /// lexicon the tokenizer does not walk).
    folded: Vec<u8>,
    pub hits: Vec<Hit>,
    pub placed: Vec<Placed>,
    /// The clause breaks and the strong breaks, as token indices in order:
    /// made as the tokens are.
    breaks: Vec<u32>,
    strong: Vec<u32>,
    /// The words pushed so far.
    words: u32,
}

/// The tokens and hits of a statement's region.
pub(crate) struct Region<'s> {
    pub text: &'s str,
    pub tokens: &'s [Token],
    /// In text order, longest first at a position.
    pub hits: &'s [Placed],
    /// The kinds of role the hits hold ([`super::lexicon::class`]), with
    /// [`LEXICAL_NEGATOR`] if a hit is a negator inside a lexicalised
    /// term: a question about a kind no hit holds needs no walk over them.
    pub classes: u8,
    breaks: &'s [u32],
    strong: &'s [u32],
    /// The words in the region.
    words: u32,
}

impl Scratch {
    /// Tokenizes `span` of `text` and scans it with the lexicon.
    ///
    /// Reading stops at the first sentence end at or after byte `open`
    /// that is outside quotation marks: a statement whose content runs on
    /// (the sentence splitter missed an end) is read to its first
    /// sentence, and costs no more than one.
    pub(crate) fn fill<'s>(
        &'s mut self,
        lex: &Lexicon,
        text: &'s str,
        span: Span,
        open: usize,
    ) -> Region<'s> {
        // The lexicon's matches are found as the region is tokenized when
        // the lexicon allows it (see `Lexicon::word_scan`), else by a scan
        // of the region read. Nothing is kept from one region to the next:
        // the answer for a region depends on its text alone.
        let walk = lex.word_scan();
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        let span = self.tokenize_into(lex, text, span, open, walk, &mut raw);
        self.raw = raw;
        self.find_hits(lex, text, span, walk);
        self.placed.clear();
        // Hits come in order of their starts, and cover a few tokens: a
        // walk, not two binary searches each.
        let tokens = &self.tokens;
        let mut first = 0;
        let mut classes = 0u8;
        for &hit in &self.hits {
            let held = lex.classes(&hit);
            classes |= held;
            if hit.lexical_negator {
                classes |= LEXICAL_NEGATOR;
            }
            while first < tokens.len() && tokens[first].span.end <= hit.span.start {
                first += 1;
            }
            let mut last = first;
            while last < tokens.len() && tokens[last].span.start < hit.span.end {
                last += 1;
            }
            self.placed.push(Placed {
                hit,
                first,
                last,
                classes: held,
            });
        }
        Region {
            text,
            tokens: &self.tokens,
            hits: &self.placed,
            classes,
            breaks: &self.breaks,
            strong: &self.strong,
            words: self.words,
        }
    }

    /// The lexicon's hits in `span` of `text` into `self.hits`, from the
    /// matches the tokenizer found on its way (`walked`) or from a scan
    /// of `span` folded after one space.
    fn find_hits(&mut self, lex: &Lexicon, text: &str, span: Span, walked: bool) {
        let (s, e) = (span.start, span.end);
        if s >= e {
            self.hits.clear();
            return;
        }
        if !walked {
            self.folded.clear();
            self.folded.push(b' ');
            fold_str(&text[s..e], &mut self.folded);
            self.raw.clear();
            lex.matches(s, &self.folded, &mut self.raw);
        }
        // Walks that began before a sentence end read on past it.
        let matches = self.raw.iter().filter(|r| r.end <= e).copied();
        lex.hits(text, span, matches, &mut self.hits);
    }

    /// Splits `span` of `text` into tokens (as `text::next_token` does: a
    /// word with its inner joiners, "U.S" and "Kyiv's" one word, or one
    /// other character).
    /// Returns the span read: `span`, or less if a sentence ends.
    ///
    /// With `walk`, the lexicon's matches in the span, read after one
    /// space, go to `raw` on the way (those of walks begun
    /// before a sentence end may end after it): the trie is walked from
    /// each word start (a character after a blank that is not blank; an
    /// ASCII word only when [`Lexicon::walk_word`]'s gates let its run
    /// through), from each kept character that starts a pattern ("?"), and
    /// from the "n" of a clitic ("n't") at its joiner, in order of their
    /// starts. See [`Lexicon::word_scan`]. Runs of ASCII letters and
    /// digits are read by [`Scratch::words`].
    fn tokenize_into(
        &mut self,
        lex: &Lexicon,
        text: &str,
        span: Span,
        open: usize,
        walk: bool,
        raw: &mut Vec<Raw>,
    ) -> Span {
        self.tokens.clear();
        self.breaks.clear();
        self.strong.clear();
        self.words = 0;
        let all = text.as_bytes();
        let (space, clitic) = (lex.root(b' '), lex.root(b'n'));
        // The folded byte before the next is a blank: the region is read
        // after one space.
        let mut blank = true;
        let region = &text[span.start..span.end];
        let bytes = region.as_bytes();
        let mut word_start: Option<usize> = None;
        let mut quoted = false;
        let mut i = 0;
        while i < bytes.len() {
            // Runs of ASCII letters and digits, and the words after them
            // each after one space, are read by a loop of their own.
            if ALNUM[bytes[i] as usize] {
                let pos = span.start + i;
                let from = word_start.unwrap_or(pos);
                let (j, from) = self.words(lex, text, span.end, pos, from, walk, blank, raw);
                word_start = Some(from);
                blank = false;
                i = j - span.start;
                continue;
            }
            if bytes[i] == b' ' {
                // A space ends a word, folds to a blank and starts no walk.
                if let Some(start) = word_start.take() {
                    self.push_word(text, Span::new(start, span.start + i));
                }
                blank = true;
                i += 1;
                continue;
            }
            // ASCII needs no decoding; other characters are decoded once.
            let (c, len) = if bytes[i] < 0x80 {
                (bytes[i] as char, 1)
            } else {
                let c = region[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            let word = if len == 1 {
                c.is_ascii_alphanumeric()
            } else {
                is_word_char(c)
            };
            let pos = span.start + i;
            i += len;
            if walk {
                let folded = if len == 1 {
                    FOLD_BYTE[bytes[i - 1] as usize]
                } else if word || lexicon::is_joiner(c) {
                    bytes[i - len]
                } else {
                    b' '
                };
                let after_n = pos > span.start && FOLD_BYTE[all[pos - 1] as usize] == b'n';
                if matches!(c, '\'' | '’') && after_n && clitic != 0 {
                    lex.walk_cold(text, pos, clitic, pos, span.end, raw);
                }
                if folded != b' ' {
                    if blank && space != 0 {
                        lex.walk_cold(text, pos, space, pos, span.end, raw);
                    }
                    let t = lex.root(folded);
                    if t != 0 {
                        lex.walk_cold(text, pos + 1, t, pos + 1, span.end, raw);
                    }
                }
                blank = folded == b' ';
            }
            if word {
                word_start.get_or_insert(pos);
                continue;
            }
            let next_is_word = || region[i..].chars().next().is_some_and(is_word_char);
            if word_start.is_some() && is_joiner(c) && next_is_word() {
                continue;
            }
            if let Some(start) = word_start.take() {
                self.push_word(text, Span::new(start, pos));
            }
            if c.is_whitespace() {
                continue;
            }
            quoted = match c {
                '"' => !quoted,
                '“' | '«' => true,
                '”' | '»' => false,
                _ => quoted,
            };
            self.push_mark(text, Span::new(pos, pos + len), c);
            let last = self.tokens.last_mut().expect("just pushed");
            if last.end && (quoted || pos < open) {
                // Inside a quotation, or before the statement: read on.
                last.end = false;
            } else if last.end {
                return Span::new(span.start, span.start + i);
            }
        }
        if let Some(start) = word_start {
            self.push_word(text, Span::new(start, span.end));
        }
        span
    }

    /// Reads the run of ASCII letters and digits at byte `i` of `text`,
    /// which a word that started at byte `start` holds, and while one
    /// space and another such run follow, pushes the word and reads that
    /// run: the common text of a region ("the minister said on"), in a
    /// loop small enough to keep its values in registers. Returns the end
    /// of the last run read and the start of its word, which is left open
    /// (the general loop goes on from there).
    ///
    /// With `walk`, the trie is walked from the first run's start if
    /// `blank` (the folded byte before it is a blank: it starts a word),
    /// and from the start of every run after a space (see
    /// [`Lexicon::walk_word`]).
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn words(
        &mut self,
        lex: &Lexicon,
        text: &str,
        end: usize,
        mut i: usize,
        mut start: usize,
        walk: bool,
        blank: bool,
        raw: &mut Vec<Raw>,
    ) -> (usize, usize) {
        let bytes = &text.as_bytes()[..end];
        // A walk from this run: after a blank.
        let mut from_here = walk && blank;
        loop {
            // The run's first eight bytes, zeros past the end (no letter
            // or digit).
            let chunk = first_eight(bytes, i);
            let stop = !alnum_bytes(chunk) & HIGH_BITS;
            // The run's length and key (see `run_key`).
            let (run, key) = if stop != 0 {
                // The bytes below the first stop: (bit 8n + 7) >> 7, less 1.
                let below = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
                let run = stop.trailing_zeros() as usize / 8;
                (run, (chunk | FOLD_BITS) & below)
            } else {
                let run = 8 + alnum_run(&bytes[i + 8..]);
                (run, run_key(chunk, run))
            };
            if from_here {
                lex.walk_word(text, i, key, run, end, raw);
            }
            let j = i + run;
            match (bytes.get(j), bytes.get(j + 1)) {
                (Some(b' '), Some(&b)) if ALNUM[b as usize] => {
                    let is_break = if start == i {
                        is_break_run(key, run)
                    } else {
                        is_break_word(&bytes[start..j])
                    };
                    self.push(Token {
                        span: Span::new(start, j),
                        word: true,
                        is_break,
                        strong: is_break,
                        end: false,
                        words_before: 0,
                    });
                    i = j + 1;
                    start = i;
                    from_here = walk;
                }
                _ => return (j, start),
            }
        }
    }

    /// Pushes a token, with its place in the break lists and the count of
    /// words.
    #[inline(always)]
    fn push(&mut self, mut token: Token) {
        let i = self.tokens.len() as u32;
        token.words_before = self.words;
        self.words += u32::from(token.word);
        if token.is_break {
            self.breaks.push(i);
        }
        if token.strong {
            self.strong.push(i);
        }
        self.tokens.push(token);
    }

    #[inline(always)]
    fn push_word(&mut self, text: &str, span: Span) {
        let b = is_break_word(&text.as_bytes()[span.start..span.end]);
        self.push(Token {
            span,
            word: true,
            is_break: b,
            strong: b,
            end: false,
            words_before: 0,
        });
    }

    /// Pushes character `c`, at `span`, as a token.
    #[inline]
    fn push_mark(&mut self, text: &str, span: Span, c: char) {
        // A sentence end inside a statement's text (the splitter missed
        // it) ends its claims too; "U.S." and "Mr." do not end one.
        let end = matches!(c, '!' | '?') || (c == '.' && !self.after_abbreviation(text));
        let is_break = end
            || matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '—' | '–' | '-' | '"' | '“' | '”' | '«' | '»'
            );
        self.push(Token {
            span,
            word: false,
            is_break,
            strong: end || c == ';',
            end,
            words_before: 0,
        });
    }

    /// Whether the last token is an abbreviation a "." may follow: a word
    /// with a dot in it ("U.S") or a short capitalised one ("Mr", "Gen").
    fn after_abbreviation(&self, text: &str) -> bool {
        self.tokens.last().is_some_and(|t| {
            let w = t.span.as_str(text);
            t.word && (w.contains('.') || (w.len() <= 3 && w.starts_with(char::is_uppercase)))
        })
    }
}

/// The length of the run of ASCII letters and digits `b` starts with:
/// eight bytes at a time (most words end in the first eight), the last
/// few one at a time.
#[inline(always)]
fn alnum_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let m = alnum_bytes(u64::from_le_bytes(word));
        if m != HIGH_BITS {
            // The first byte (the lowest) without its bit ends the run.
            return n + (!m & HIGH_BITS).trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .position(|&c| !ALNUM[c as usize])
        .unwrap_or(b.len() - n)
}

const ONE_BYTES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = ONE_BYTES * 0x80;
/// `| FOLD_BITS` lower-cases the ASCII letters of eight bytes and keeps
/// the digits.
const FOLD_BITS: u64 = ONE_BYTES * 0x20;

/// Per byte of `x`, its high bit set if it is an ASCII letter or digit,
/// all else clear. Bytes are compared with their high bit cleared (so no
/// sum carries into the next byte), and those that had it dropped.
#[inline(always)]
fn alnum_bytes(x: u64) -> u64 {
    let ascii = !x & HIGH_BITS;
    let y = x & !HIGH_BITS;
    // v + (0x80 - lo) has its high bit set iff v >= lo (v < 0x80).
    let at_least = |v: u64, lo: u64| v + ONE_BYTES * (0x80 - lo);
    let digit = at_least(y, 0x30) & !at_least(y, 0x3A);
    // `| 0x20` maps the capitals, and only them, onto the small letters.
    let lower = y | (ONE_BYTES * 0x20);
    let letter = at_least(lower, 0x61) & !at_least(lower, 0x7B);
    (digit | letter) & ascii
}

/// The first eight bytes of `b` from `i` as a number, little-endian;
/// zeros past its end.
#[inline(always)]
fn first_eight(b: &[u8], i: usize) -> u64 {
    let mut word = [0u8; 8];
    match b.get(i..i + 8) {
        Some(chunk) => word.copy_from_slice(chunk),
        None => {
            let rest = b.get(i..).unwrap_or_default();
            word[..rest.len()].copy_from_slice(rest);
        }
    }
    u64::from_le_bytes(word)
}

/// [`is_break_word`] of a word that is one run of `run` ASCII letters and
/// digits, its [`run_key`] `key`.
///
/// No branch on the run's length (a third of those mispredicted: word
/// lengths follow no pattern): one load of the shape of that length
/// modulo 16, one bit test of the first byte modulo 32. The runs and
/// digits that alias a break word's shape (a run of 19 bytes, "4hough")
/// are ruled out by the comparison with the keys.
#[inline(always)]
fn is_break_run(key: u64, run: usize) -> bool {
    BREAK_SHAPES[run & 15] >> (key as u32 & 31) & 1 != 0 && is_break_number(key)
}

/// Whether a word is one of [`BREAK_WORDS`], in any case: its bytes
/// lower-cased into a number, compared with theirs.
#[inline(always)]
fn is_break_word(w: &[u8]) -> bool {
    if !(3..=8).contains(&w.len()) {
        return false;
    }
    // Most words have a first letter and a length no break word has
    // together ("the", "that", "with").
    BREAK_SHAPES[w.len()] >> (u32::from(w[0] | 0x20) & 31) & 1 != 0 && is_break_key(w)
}

/// The rest of [`is_break_word`], for the few words of a break word's
/// shape. Not inlined: LLVM makes a vector loop of it, whose constants
/// the word loop would otherwise reload after every call it makes.
#[inline(never)]
fn is_break_key(w: &[u8]) -> bool {
    let mut key = 0u64;
    for (i, &b) in w.iter().enumerate() {
        // `| 0x20` lower-cases a letter, and makes a letter of no other
        // byte.
        key |= u64::from(b | 0x20) << (8 * i);
    }
    is_break_number(key)
}

/// Whether `key` is one of [`BREAK_KEYS`]: not inlined (few words come
/// this far).
#[inline(never)]
fn is_break_number(key: u64) -> bool {
    BREAK_KEYS.contains(&key)
}

/// Per length: the first letters of [`BREAK_WORDS`] of that length, as
/// bits by their byte modulo 32 ("a" is bit 1); none for the other
/// lengths below 16.
const BREAK_SHAPES: [u32; 16] = {
    let mut bits = [0u32; 16];
    let mut k = 0;
    while k < BREAK_WORDS.len() {
        let w = BREAK_WORDS[k].as_bytes();
        bits[w.len()] |= 1 << (w[0] & 31);
        k += 1;
    }
    bits
};

/// [`BREAK_WORDS`] as [`is_break_word`] reads them.
const BREAK_KEYS: [u64; BREAK_WORDS.len()] = {
    let mut keys = [0u64; BREAK_WORDS.len()];
    let mut k = 0;
    while k < keys.len() {
        let w = BREAK_WORDS[k].as_bytes();
        let mut i = 0;
        while i < w.len() {
            keys[k] |= (w[i] as u64) << (8 * i);
            i += 1;
        }
        k += 1;
    }
    keys
};

/// Characters that join two word parts into one token ("Euro-Atlantic",
/// "Ukraine's", "U.S"), as in `text::next_token`.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '\u{2010}' | '\u{2011}')
}

impl Region<'_> {
    /// Whether a hit holds a role of a kind in `classes`.
    #[inline]
    pub(crate) fn has(&self, classes: u8) -> bool {
        self.classes & classes != 0
    }

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
        let k = self.breaks.partition_point(|&b| (b as usize) < i);
        self.breaks
            .get(k)
            .map_or(self.tokens.len(), |&b| b as usize)
    }

    /// The text of token `i`.
    pub(crate) fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.as_str(self.text))
    }

    /// The word token just before token `i`, if it is one.
    pub(crate) fn word_before(&self, i: usize) -> Option<usize> {
        let j = i.checked_sub(1)?;
        let t = self.tokens.get(j)?;
        (t.word).then_some(j)
    }

    /// How many word tokens lie in `[a, b)`.
    pub(crate) fn words_between(&self, a: usize, b: usize) -> usize {
        let at = |i: usize| self.tokens.get(i).map_or(self.words, |t| t.words_before) as usize;
        at(b).saturating_sub(at(a))
    }

    /// Whether a clause break lies in `[a, b)`.
    pub(crate) fn break_between(&self, a: usize, b: usize) -> bool {
        a < b && self.clause_end(a) < b
    }

    /// Whether a break between two claims (";", "but", "while",
    /// "however"...) lies in `[a, b)`.
    pub(crate) fn strong_break(&self, a: usize, b: usize) -> bool {
        a < b && self.next_strong(a) < b
    }

    /// The first break between two claims at or after token `a`
    /// (`usize::MAX` if none): `strong_break(a, b)` is `a < b &&
    /// next_strong(a) < b`, one search for a reading that asks it from
    /// one token to many.
    pub(crate) fn next_strong(&self, a: usize) -> usize {
        let k = self.strong.partition_point(|&s| (s as usize) < a);
        self.strong.get(k).map_or(usize::MAX, |&s| s as usize)
    }

    /// The hits that cover token `i`. Hits are sorted by start, and none
    /// is longer than a few words, so this is a binary search and a short
    /// walk back.
    pub(crate) fn hits_over(&self, i: usize) -> impl Iterator<Item = &Placed> + '_ {
        let end = self.hits.partition_point(|h| h.first <= i);
        self.hits[..end]
            .iter()
            .rev()
            .take_while(move |h| h.first + MAX_HIT_TOKENS > i)
            .filter(move |h| h.last > i)
    }

    /// The hits that start at token `i`.
    #[inline]
    pub(crate) fn hits_from(&self, i: usize) -> impl Iterator<Item = &Placed> + '_ {
        let start = self.hits.partition_point(|h| h.first < i);
        self.hits[start..].iter().take_while(move |h| h.first == i)
    }
}

/// More tokens than any pattern holds (the longest cues have about ten).
const MAX_HIT_TOKENS: usize = 24;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::tables::Tables;
    use proptest::prelude::*;

    fn lexicon() -> Lexicon {
        let mut t = Tables::default();
        let stance = "term\tpolarity\nab\tsupport\na b\toppose\nba*\tsupport\nb-a\toppose\n\
                      \u{e9}\tsupport\nnab\tsupport\nb\u{2019}s\toppose\nb\u{2014}a\tsupport\n";
        t.stance_tsv("s.tsv", stance).unwrap();
        t.negation_tsv("n.tsv", "term\tkind\nn't\tnegator\nnot\tnegator\n")
            .unwrap();
        t.modality_tsv("m.tsv", "term\tkind\n?\tquestion\n")
            .unwrap();
        t.compile().unwrap()
    }

    /// The tokens and hits of each span in turn, as text.
    fn read(lex: &Lexicon, text: &str, spans: &[(usize, usize)], open: usize) -> Vec<String> {
        let mut scratch = Scratch::default();
        spans
            .iter()
            .map(|&(a, b)| {
                let r = scratch.fill(lex, text, Span::new(a, b), open);
                let tokens: Vec<_> = r
                    .tokens
                    .iter()
                    .map(|t| (t.span, t.word, t.is_break, t.strong, t.words_before))
                    .collect();
                let hits: Vec<_> = r
                    .hits
                    .iter()
                    .map(|h| (h.hit.span, h.hit.pattern, h.hit.mask, h.first, h.last))
                    .collect();
                format!(
                    "{tokens:?} {hits:?} {:?} {:?} {}",
                    r.breaks, r.strong, r.words
                )
            })
            .collect()
    }

    fn boundary(text: &str, mut pos: usize) -> usize {
        pos = pos.min(text.len());
        while !text.is_char_boundary(pos) {
            pos -= 1;
        }
        pos
    }

    #[test]
    fn breaks_and_word_counts_between_tokens() {
        let lex = lexicon();
        let text = "We agree, But they refuse; fine words";
        let mut scratch = Scratch::default();
        let r = scratch.fill(&lex, text, Span::new(0, text.len()), text.len());
        let words: Vec<&str> = (0..r.tokens.len()).map(|i| r.word(i)).collect();
        assert_eq!(
            words,
            ["We", "agree", ",", "But", "they", "refuse", ";", "fine", "words"]
        );
        // The comma, "But" and ";" end clauses; "But" and ";" end claims.
        assert_eq!(r.clause_end(0), 2);
        assert_eq!(r.clause_end(2), 2);
        assert_eq!(r.clause_end(3), 3);
        assert_eq!(r.clause_end(4), 6);
        assert_eq!(r.clause_end(7), 9);
        assert_eq!(r.clause_end(40), 9);
        assert!(r.break_between(0, 3) && !r.break_between(0, 2));
        assert!(!r.strong_break(0, 3) && r.strong_break(0, 4));
        assert!(r.strong_break(4, 7) && !r.strong_break(7, 40));
        assert!(!r.strong_break(3, 3));
        assert_eq!(r.words_between(0, 9), 7);
        assert_eq!(r.words_between(2, 7), 3);
        assert_eq!(r.words_between(5, 40), 3);
    }

    #[test]
    fn a_walk_reads_a_character_folded_to_blanks_as_blanks() {
        // "b\u{2014}a" is a pattern whose dash folds to three blanks, in
        // the pattern as in the text.
        let fast = lexicon();
        let slow = lexicon().without_word_scan();
        for text in [
            "x b\u{2014}a y",
            "B\u{2014}A",
            "b\u{2014}\u{2014}a b\u{2014}a",
        ] {
            let whole = [(0, text.len())];
            let found = read(&fast, text, &whole, 0);
            assert_eq!(found, read(&slow, text, &whole, 0), "{text}");
            let span = Span::new(0, text.len());
            let scanned = tokenize_with(&fast, text, span, 0, false);
            assert!(!scanned.ends_with(" []"), "no hit: {scanned}");
        }
    }

    #[test]
    fn the_builtin_lists_are_found_from_word_starts() {
        let lex = crate::classify::LexiconClassifier::builtin();
        assert!(lex.lexicon.word_scan());
    }

    proptest! {
        #[test]
        fn word_scan_finds_what_the_folded_scan_finds(
            text in "(ab|a|b|n't|N'T|n\u{2019}t|not|nab|ba|bA|b-a|\u{e9}|e\u{301}|\
                      b\u{2019}s|\\?|\\.|\u{2014}|,|'|\u{2019}|-| |  |U\\.S|\\. |!|\"|\
                      \u{201c}|\u{201d}|;|but ){0,16}",
            cuts in proptest::collection::vec(0usize..60, 6),
            open in 0usize..60,
        ) {
            let fast = lexicon();
            prop_assert!(fast.word_scan());
            let slow = lexicon().without_word_scan();
            let c: Vec<usize> = cuts.iter().map(|&c| boundary(&text, c)).collect();
            // Regions, the second inside the first, the third anywhere;
            // with sentence ends, quotations and clause breaks.
            let (a, b) = (c[0].min(c[1]), c[0].max(c[1]));
            let inside = |x: usize| boundary(&text, a + x % (b - a + 1));
            let (x, y) = (inside(c[2]), inside(c[3]));
            let spans = [
                (a, b),
                (x.min(y), x.max(y)),
                (c[4].min(c[5]), c[4].max(c[5])),
            ];
            prop_assert_eq!(read(&fast, &text, &spans, open), read(&slow, &text, &spans, open));
        }
    }

    /// The tokens a hit covers, `[first, last)`, by two binary searches
    /// over the tokens: the reference for the walk [`Scratch::fill`]
    /// places the hits by (the first token that ends past the hit's
    /// start, one past the last that starts before its end).
    fn placed_reference(r: &Region<'_>, hit: &Hit) -> (usize, usize) {
        let first = r.tokens.partition_point(|t| t.span.end <= hit.span.start);
        let last = r.tokens.partition_point(|t| t.span.start < hit.span.end);
        (first, last.max(first))
    }

    /// Every hit of every region in `spans` of `text` against
    /// [`placed_reference`]; how many hits there were.
    fn check_placed(
        lex: &Lexicon,
        text: &str,
        spans: &[Span],
        open: usize,
    ) -> Result<usize, TestCaseError> {
        let mut scratch = Scratch::default();
        let mut n = 0;
        for &span in spans {
            let r = scratch.fill(lex, text, span, open);
            for h in r.hits {
                prop_assert_eq!(
                    (h.first, h.last),
                    placed_reference(&r, &h.hit),
                    "{:?} in {:?}",
                    h.hit.span,
                    text
                );
                n += 1;
            }
        }
        Ok(n)
    }

    proptest! {
        /// Hits are placed on the tokens they cover as by the searches,
        /// with the built-in lists: words of one token and of several
        /// ("U.S", "Kyiv's", "Ceasefire-talks"), multiword terms, star
        /// terms, non-ASCII letters, curly quotes, sentence ends (read on
        /// or not), line breaks, a word at the very end of the text.
        #[test]
        fn hits_are_placed_on_the_tokens_they_cover(
            text in news_text(),
            cut in 0usize..200,
            open in 0usize..200,
        ) {
            let lex = builtin_lexicon();
            let start = boundary(&text, cut % (text.len() + 1));
            let spans = [Span::new(0, text.len()), Span::new(start, text.len())];
            check_placed(lex, &text, &spans, open)?;
            // And the matches of the folded scan, found with no tokens.
            static SLOW: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
            let slow = SLOW.get_or_init(|| builtin().1.without_word_scan());
            check_placed(slow, &text, &spans, open)?;
        }

        /// The same with the small lexicon, whose words are short and
        /// overlap ("n't" inside a word, "b\u{2014}a" over a mark).
        #[test]
        fn hits_are_placed_on_the_tokens_they_cover_on_short_words(
            text in "(ab|a|b|n't|nab|ba|bA|BAB|b-a|b\u{2014}a|\u{e9}|b\u{2019}s|\\?|\\.|,|'|-| |  |\n|\
                      U\\.S|\\. |abababababab|but |aa|a b){0,16}",
            cut in 0usize..60,
        ) {
            let lex = lexicon();
            let start = boundary(&text, cut);
            let spans = [Span::new(0, text.len()), Span::new(start, text.len())];
            check_placed(&lex, &text, &spans, text.len())?;
        }
    }

    /// The placement test finds hits over several tokens to place.
    #[test]
    fn hits_over_several_tokens_are_placed() {
        let lex = builtin_lexicon();
        let text = "They said U.S support for Ceasefire-talks is not only a threat.";
        let n = check_placed(lex, text, &[Span::new(0, text.len())], text.len()).unwrap();
        assert!(n >= 3, "{n}");
        let mut scratch = Scratch::default();
        let r = scratch.fill(lex, text, Span::new(0, text.len()), text.len());
        assert!(
            r.hits.iter().any(|h| h.last > h.first + 1),
            "no hit of several tokens"
        );
    }

    /// [`Region::strong_break`] as it was before [`Region::next_strong`].
    fn strong_break_reference(r: &Region<'_>, a: usize, b: usize) -> bool {
        let k = r.strong.partition_point(|&s| (s as usize) < a);
        a < b && r.strong.get(k).is_some_and(|&s| (s as usize) < b)
    }

    proptest! {
        /// The break between two claims from any token to any other (past
        /// the end too), by the first one from the start, as by the
        /// search for each pair; and the first is at or after its start
        /// (the reading relies on it).
        #[test]
        fn strong_breaks_by_the_next_one_are_the_reference(
            text in "(we|agree|But|but|however|;|,|\\.|U\\.S|\u{e9}|\u{2019}|-| |  |\n|!){0,24}",
        ) {
            let lex = lexicon();
            let mut scratch = Scratch::default();
            let r = scratch.fill(&lex, &text, Span::new(0, text.len()), text.len());
            let n = r.tokens.len() + 2;
            for a in 0..n {
                prop_assert!(r.next_strong(a) >= a);
                for b in 0..n {
                    let reference = strong_break_reference(&r, a, b);
                    prop_assert_eq!(r.strong_break(a, b), reference);
                    prop_assert_eq!(a < b && r.next_strong(a) < b, reference);
                }
            }
        }
    }

    impl Scratch {
        /// The tokenizer before [`Scratch::words`]: every run read by the
        /// general loop, a walk from every word start (no gate).
        #[allow(clippy::too_many_arguments)]
        fn tokenize_plain(
            &mut self,
            lex: &Lexicon,
            text: &str,
            span: Span,
            open: usize,
            walk: bool,
            raw: &mut Vec<Raw>,
        ) -> Span {
            self.tokens.clear();
            self.breaks.clear();
            self.strong.clear();
            self.words = 0;
            let all = text.as_bytes();
            let (space, clitic) = (lex.root(b' '), lex.root(b'n'));
            // A walk from a word start begins past its first letter.
            let skip = lex.skips_space();
            // The folded byte before the next is a blank: the region is read
            // after one space.
            let mut blank = true;
            let region = &text[span.start..span.end];
            let bytes = region.as_bytes();
            let mut word_start: Option<usize> = None;
            let mut quoted = false;
            let mut i = 0;
            while i < bytes.len() {
                // A run of ASCII letters and digits is word bytes, taken at
                // once.
                if ALNUM[bytes[i] as usize] {
                    if walk && blank && space != 0 {
                        let pos = span.start + i;
                        if skip {
                            let t = lex.word_start(bytes[i]);
                            if t != 0 {
                                lex.walk_cold(text, pos, t, pos + 1, span.end, raw);
                            }
                        } else {
                            lex.walk(text, pos, space, pos, span.end, raw);
                        }
                    }
                    blank = false;
                    let run = alnum_run(&bytes[i..]);
                    word_start.get_or_insert(span.start + i);
                    i += run;
                    continue;
                }
                if bytes[i] == b' ' {
                    // A space ends a word, folds to a blank and starts no walk.
                    if let Some(start) = word_start.take() {
                        self.push_word(text, Span::new(start, span.start + i));
                    }
                    blank = true;
                    i += 1;
                    continue;
                }
                // ASCII needs no decoding; other characters are decoded once.
                let (c, len) = if bytes[i] < 0x80 {
                    (bytes[i] as char, 1)
                } else {
                    let c = region[i..].chars().next().unwrap_or(' ');
                    (c, c.len_utf8())
                };
                let word = if len == 1 {
                    c.is_ascii_alphanumeric()
                } else {
                    is_word_char(c)
                };
                let pos = span.start + i;
                i += len;
                if walk {
                    let folded = if len == 1 {
                        FOLD_BYTE[bytes[i - 1] as usize]
                    } else if word || lexicon::is_joiner(c) {
                        bytes[i - len]
                    } else {
                        b' '
                    };
                    let after_n = pos > span.start && FOLD_BYTE[all[pos - 1] as usize] == b'n';
                    if matches!(c, '\'' | '’') && after_n && clitic != 0 {
                        lex.walk_cold(text, pos, clitic, pos, span.end, raw);
                    }
                    if folded != b' ' {
                        if blank && space != 0 {
                            lex.walk_cold(text, pos, space, pos, span.end, raw);
                        }
                        let t = lex.root(folded);
                        if t != 0 {
                            lex.walk_cold(text, pos + 1, t, pos + 1, span.end, raw);
                        }
                    }
                    blank = folded == b' ';
                }
                if word {
                    word_start.get_or_insert(pos);
                    continue;
                }
                let next_is_word = || region[i..].chars().next().is_some_and(is_word_char);
                if word_start.is_some() && is_joiner(c) && next_is_word() {
                    continue;
                }
                if let Some(start) = word_start.take() {
                    self.push_word(text, Span::new(start, pos));
                }
                if c.is_whitespace() {
                    continue;
                }
                quoted = match c {
                    '"' => !quoted,
                    '“' | '«' => true,
                    '”' | '»' => false,
                    _ => quoted,
                };
                self.push_mark(text, Span::new(pos, pos + len), c);
                let last = self.tokens.last_mut().expect("just pushed");
                if last.end && (quoted || pos < open) {
                    // Inside a quotation, or before the statement: read on.
                    last.end = false;
                } else if last.end {
                    return Span::new(span.start, span.start + i);
                }
            }
            if let Some(start) = word_start {
                self.push_word(text, Span::new(start, span.end));
            }
            span
        }
    }

    /// The tokens, breaks, word count, span read and hits of `span`,
    /// tokenized by the tokenizer or the plain one.
    fn tokenize_with(lex: &Lexicon, text: &str, span: Span, open: usize, plain: bool) -> String {
        let mut s = Scratch::default();
        let mut raw = Vec::new();
        let read = if plain {
            s.tokenize_plain(lex, text, span, open, true, &mut raw)
        } else {
            s.tokenize_into(lex, text, span, open, true, &mut raw)
        };
        raw.retain(|r| r.end <= read.end);
        let mut hits = Vec::new();
        lex.hits(text, read, raw.into_iter(), &mut hits);
        let tokens: Vec<_> = s
            .tokens
            .iter()
            .map(|t| (t.span, t.word, t.is_break, t.strong, t.end, t.words_before))
            .collect();
        let hits: Vec<_> = hits.iter().map(|h| (h.span, h.pattern, h.mask)).collect();
        format!(
            "{read:?} {tokens:?} {:?} {:?} {} {hits:?}",
            s.breaks, s.strong, s.words
        )
    }

    /// The built-in tables, and the lexicon compiled from them.
    fn builtin() -> (Tables, Lexicon) {
        let mut t = Tables::default();
        t.stance_tsv("stance.tsv", include_str!("data/stance.tsv"))
            .unwrap();
        t.acts_tsv("acts.tsv", include_str!("data/acts.tsv"))
            .unwrap();
        t.negation_tsv("negation.tsv", include_str!("data/negation.tsv"))
            .unwrap();
        t.modality_tsv("modality.tsv", include_str!("data/modality.tsv"))
            .unwrap();
        t.topics_tsv("topics.tsv", include_str!("data/topics.tsv"))
            .unwrap();
        let lex = t.compile().unwrap();
        (t, lex)
    }

    /// The built-in lexicon, compiled once for the property tests.
    fn builtin_lexicon() -> &'static Lexicon {
        static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEX.get_or_init(|| builtin().1)
    }

    /// Words of the built-in lists and around them: star terms and longer
    /// words, multiword heads, long words, digits, capitals, break words.
    /// Text of [`WORDS`] joined by spaces, punctuation, joiners, curly
    /// quotes, a non-ASCII letter and line breaks (up to 24 words).
    fn news_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            (
                0usize..WORDS.len(),
                prop_oneof![
                    Just(" "),
                    Just(" "),
                    Just(" "),
                    Just("  "),
                    Just(", "),
                    Just(". "),
                    Just("-"),
                    Just("'"),
                    Just("\u{2019}"),
                    Just(""),
                    Just("\u{201c}"),
                    Just("\u{2014}"),
                    Just("?"),
                    Just("\""),
                    Just(" \u{e9}"),
                    Just("\n"),
                ],
            ),
            0..24,
        )
        .prop_map(|parts| {
            parts
                .iter()
                .map(|&(w, sep)| format!("{}{sep}", WORDS[w]))
                .collect()
        })
    }

    const WORDS: &[&str] = &[
        "support",
        "Supports",
        "against",
        "not",
        "call",
        "called",
        "for",
        "on",
        "nazis",
        "worry",
        "WORRIED",
        "laud",
        "lauded",
        "laudable",
        "international",
        "internationally",
        "ceasefire",
        "Ceasefire-talks",
        "G20",
        "2022",
        "abcdefghijkl",
        "the",
        "But",
        "however",
        "Although",
        "U.S",
        "Kyiv's",
        "don't",
        "n't",
        "caf\u{e9}",
        "\u{e9}t\u{e9}",
        "threat",
        "sanctions",
        "lift",
        "NATO",
        "membership",
        "peace",
        "talks",
        "never",
        "accept",
    ];

    proptest! {
        /// The tokenizer's word loop and gate, on the built-in lists,
        /// against the plain tokenizer: the same tokens, breaks, span read
        /// and hits.
        #[test]
        fn the_word_loop_is_the_plain_tokenizer(
            text in news_text(),
            cut in 0usize..200,
            open in 0usize..200,
        ) {
            let lex = builtin_lexicon();
            let start = boundary(&text, cut % (text.len() + 1));
            for span in [Span::new(0, text.len()), Span::new(start, text.len())] {
                prop_assert_eq!(
                    tokenize_with(lex, &text, span, open, false),
                    tokenize_with(lex, &text, span, open, true)
                );
            }
        }

        /// The same with the small lexicon of the tests above, whose
        /// words are short and overlap.
        #[test]
        fn the_word_loop_is_the_plain_tokenizer_on_short_words(
            text in "(ab|a|b|n't|nab|ba|bA|BAB|b-a|\u{e9}|b\u{2019}s|\\?|\\.|,|'|-| |  |U\\.S|\\. |\
                      abababababab|but |aa){0,16}",
            cut in 0usize..60,
        ) {
            let lex = lexicon();
            let start = boundary(&text, cut);
            let span = Span::new(start, text.len());
            prop_assert_eq!(
                tokenize_with(&lex, &text, span, text.len(), false),
                tokenize_with(&lex, &text, span, text.len(), true)
            );
        }
    }

    /// Every entry of the built-in lists, as spelled and inflected, in
    /// three cases, and every star term with a longer word, is found by
    /// the tokenizer's walks (through the gate) as by the scan of a folded
    /// copy, and is found.
    #[test]
    fn the_gate_lets_every_entry_through() {
        let (t, fast) = builtin();
        let slow = builtin().1.without_word_scan();
        let mut terms: Vec<String> = Vec::new();
        terms.extend(t.stance.iter().map(|s| s.term.clone()));
        for cue in &t.acts {
            let head = cue.cue.split(" ... ").next().unwrap_or_default();
            terms.extend(lexicon::inflections(head));
            terms.push(cue.cue.replace(" ... ", " them "));
        }
        for n in &t.negation {
            terms.extend(lexicon::inflections(&n.term));
        }
        terms.extend(t.modality.iter().map(|m| m.term.clone()));
        terms.extend(t.topics.iter().flat_map(|k| k.keywords.iter().cloned()));
        let mut checked = 0;
        for term in &terms {
            let bare = term.trim_end_matches('*');
            let mut forms = vec![bare.to_string(), bare.to_uppercase(), title(bare)];
            if term.ends_with('*') {
                forms.push(format!("{bare}ings"));
            }
            for form in forms {
                let text = format!("They said {form} today");
                let whole = [(0, text.len())];
                assert_eq!(
                    read(&fast, &text, &whole, 0),
                    read(&slow, &text, &whole, 0),
                    "{text}"
                );
                let found = tokenize_with(&fast, &text, Span::new(0, text.len()), 0, false);
                assert!(!found.ends_with(" []"), "no hit in {text}");
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    fn title(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    /// [`alnum_run`] as the plain scan it replaces.
    fn plain_run(b: &[u8]) -> usize {
        b.iter()
            .position(|&c| !ALNUM[c as usize])
            .unwrap_or(b.len())
    }

    #[test]
    fn alnum_runs_end_at_every_byte_that_is_no_letter_or_digit() {
        for stop in 0..=255u8 {
            for at in 0..12 {
                let mut b = vec![b'a'; 12];
                b[at] = stop;
                let want = if ALNUM[stop as usize] { 12 } else { at };
                assert_eq!(alnum_run(&b), want, "{stop:#x} at {at}");
            }
        }
    }

    proptest! {
        #[test]
        fn alnum_run_is_the_plain_scan(
            b in proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(b'Z'), Just(b'5'), any::<u8>()],
                0..40,
            ),
        ) {
            prop_assert_eq!(alnum_run(&b), plain_run(&b));
        }
    }

    /// [`is_break_run`] as it was: a branch on the run's length, the
    /// first letter tested below 26.
    fn is_break_run_reference(key: u64, run: usize) -> bool {
        if !(3..=8).contains(&run) {
            return false;
        }
        let first = (key as u8).wrapping_sub(b'a');
        // The shapes as they were: bits from "a".
        let shape = BREAK_SHAPES[run].rotate_right(1);
        first < 26 && shape & (1 << first) != 0 && is_break_number(key)
    }

    proptest! {
        /// The break test of a run, on runs of letters and digits: break
        /// words in any case, their shapes with other letters, digits that
        /// alias a break word's first letter ("4hough", "7hile", "9et"),
        /// and runs past eight and sixteen bytes ("althoughalthough").
        #[test]
        fn is_break_run_is_the_reference(
            run in "(but|while|whereas|although|though|however|yet|despite|\
                    BUT|However|4hough|7hile|9et|4ho|b|w|a|t|h|y|d|x|Z|1|0|){1,3}\
                    [a-zA-Z0-9]{0,3}",
        ) {
            let b = run.as_bytes();
            let key = run_key(first_eight(b, 0), b.len());
            let fast = is_break_run(key, b.len());
            prop_assert_eq!(fast, is_break_run_reference(key, b.len()));
            prop_assert_eq!(fast, is_break_word(b));
        }
    }

    #[test]
    fn break_words_in_any_case_and_no_others() {
        for w in BREAK_WORDS {
            assert!(is_break_word(w.as_bytes()), "{w}");
            assert!(is_break_word(w.to_uppercase().as_bytes()), "{w}");
        }
        for w in [
            "butt", "bu", "yets", "bet", "whiles", "hut", "Despite-", "b\u{c5}t", "WHILe1", "the",
            "@UT",
        ] {
            assert!(!is_break_word(w.as_bytes()), "{w}");
        }
    }
}
