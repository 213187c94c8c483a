//! Sign-offs: a quotation, a dash and its author's name, the way pull
//! quotes, vox pops, epigraphs and embedded posts credit their words:
//!
//! ```text
//! “We will not be moved.” ― Ana Ruiz
//! "Nobody asked us."
//!
//! - Tomas Berg.
//! The border stays open, for now. — Lena Vogt (@lenavogt) March 3, 2022
//! ```
//!
//! The dash is the cue, the name after it the speaker and the words before
//! it the content. A name must close its line (or stop at a comma, a
//! parenthesis or a full stop that ends the line): "“the deal” — which he
//! called ..." and "“the deal” — President Smith said ..." are no sign-offs.

use super::frames::{special_cue, Found, Pattern};
use super::lexicon::{Cue, CueClass, Frame};
use super::tokens::{wc, Doc, NONE};
use once_cell::sync::Lazy;

/// The most words and initials a signed name has ("Martin Luther King Jr.").
const MAX_NAME: usize = 6;

/// The most words of unquoted text a post's sign-off credits.
const MAX_POST: usize = 80;

/// The cue of a sign-off.
static DASH: Lazy<Cue> = Lazy::new(|| special_cue("—", CueClass::Speech, Frame::Verb));

/// The sign-offs of a document.
pub(super) fn signoffs(d: &Doc<'_>) -> Vec<Found<'static>> {
    let mut out = Vec::new();
    for &k in &d.marks {
        if k == 0
            || d.toks[k].class & wc::DASH == 0
            || d.toks[k].quote() != NONE
            || d.is(k, wc::CUE)
        {
            continue;
        }
        let Some((first, last, handle)) = name_after(d, k) else {
            continue;
        };
        let content = if let Some(q) = quote_before(d, k) {
            let open = d.quotes[d.continued_from(q)].open;
            (open, d.quotes[q].close)
        } else if handle || d.is(k - 1, wc::QUOTE) {
            // "text — Name (@handle) date": a post, quoted without marks,
            // from the start of its line; or a quotation whose marks do
            // not pair ("”Text.” ― Name"), the same.
            match line_before_dash(d, k) {
                Some(c) => c,
                None => continue,
            }
        } else {
            continue;
        };
        out.push(Found {
            cue: (k, k),
            source: Some((first, last)),
            content: Some(content),
            entry: &DASH,
            pattern: Pattern::SignOff,
        });
    }
    out
}

/// The quotation that closes right before the dash at `k`, on its line or
/// closing the line before ("'...'\n\n- Name").
fn quote_before(d: &Doc<'_>, k: usize) -> Option<usize> {
    let q = d.toks[k - 1].quote();
    (q != NONE && d.quotes[q].close == k - 1 && d.quotes[q].open < k - 1).then_some(q)
}

/// The tokens of the line that ends at the dash `k` (at most `MAX_POST`
/// words), when they hold words.
fn line_before_dash(d: &Doc<'_>, k: usize) -> Option<(usize, usize)> {
    if d.toks[k].line_before() {
        return None;
    }
    let mut a = k - 1;
    while a > 0 && !d.toks[a].line_before() && k - a < MAX_POST {
        a -= 1;
    }
    if !d.toks[a].line_before() && a > 0 {
        return None;
    }
    d.trim_end(a, k - 1)
        .filter(|&(a, b)| (a..=b).any(|i| d.is(i, wc::ALPHA)))
}

/// The name after the dash at `k` that closes a sign-off: its first and
/// last token, and whether a "(@handle)" follows it.
fn name_after(d: &Doc<'_>, k: usize) -> Option<(usize, usize, bool)> {
    let first = k + 1;
    if first >= d.len() || d.toks[first].line_before() || !is_name_word(d, first) {
        return None;
    }
    let mut last = first;
    let mut j = first + 1;
    while j < d.len() && j - first < MAX_NAME && !d.toks[j].line_before() {
        // "J. Smith", "Martin Luther King Jr.": an initial's full stop.
        let initial = d.is(j, wc::PERIOD)
            && d.str(j - 1).len() <= 2
            && j + 1 < d.len()
            && !d.toks[j + 1].line_before()
            && is_name_word(d, j + 1);
        if is_name_word(d, j) || initial {
            last = j;
            j += 1;
        } else {
            break;
        }
    }
    // What follows the name ends the sign-off.
    let ends_line = |i: usize| i >= d.len() || d.toks[i].line_before();
    let handle = j + 1 < d.len() && d.is(j, wc::OPEN_PAREN) && d.str(j + 1).starts_with('@');
    let closes = ends_line(j)
        || handle
        || d.is(j, wc::COMMA)
        || d.is(j, wc::PERIOD | wc::END) && ends_line(j + 1);
    closes.then_some((first, last, handle))
}

/// A capitalised word that may be part of a name.
fn is_name_word(d: &Doc<'_>, i: usize) -> bool {
    d.cap(i) && d.is(i, wc::ALPHA) && !d.is(i, wc::NOT_LABEL | wc::DET | wc::PRONOUN)
}
