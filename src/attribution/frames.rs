//! The frames: for each cue, which pattern of speaker, cue and content the
//! sentence follows, and the token spans it gives.

use once_cell::sync::Lazy;

use super::lexicon::{ContentBound, Cue, CueClass, CueLexicon, Frame};
use super::model::{self, feat, Context};
use super::speaker::Range;
use super::tokens::{wc, Doc, Tok, Walk, NONE};
use crate::Span;

/// The index of a value of the cue model's vocabulary, found at compile time.
macro_rules! v {
    ($name:literal) => {
        const { model::value($name) }
    };
}

/// How many words may stand between a cue and the "that" its content
/// starts with ("said in a statement on Tuesday that").
const MAX_THAT_GAP: usize = 10;

/// How many words before a cue may extend it ("has also repeatedly said").
const MAX_CUE_PREFIX: usize = 4;

/// The pattern a statement was found by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pattern {
    /// "According to X, C" / "C, according to X".
    SourceFirst,
    /// "X's claim that C".
    Noun,
    /// "'Q,' X said" / "'Q,' said X".
    QuoteBefore,
    /// "X did A, saying B": the speaker of the sentence goes on.
    Adjunct,
    /// "C, said X."
    Inverted,
    /// "C, X said."
    ContentBefore,
    /// "A, X said, B."
    Parenthetical,
    /// "X said: 'Q'".
    QuoteAfter,
    /// "X said (that) C".
    Plain,
    /// "C was criticized by X".
    Agent,
    /// "Name: C" in a headline.
    HeadlineColon,
    /// "... in a new poll".
    Poll,
    /// A transcript turn: "Vladimir Putin: C".
    Turn,
    /// A quotation signed with a dash and a name: "'Q' ― Ana Ruiz".
    SignOff,
}

/// A statement in token spans.
#[derive(Debug, Clone)]
pub(super) struct Found<'c> {
    pub cue: Range,
    pub source: Option<Range>,
    pub content: Option<Range>,
    pub entry: &'c Cue,
    pub pattern: Pattern,
}

/// A lexicon match kept as a cue.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate<'c> {
    pub first: usize,
    pub last: usize,
    pub entry: &'c Cue,
    /// The source before the extended cue, once the cue model's frame
    /// search has looked for it (`source_before` reads no class the
    /// model's verdicts set, so the statement search need not look again).
    pub subject: Option<Option<Range>>,
}

/// The candidates as the lexicon's own scan of the text finds them, each
/// match's tokens looked up by position: for a lexicon without a word
/// scan (and, in the tests, the reference the token walk must equal).
fn by_positions<'c>(d: &mut Doc<'_>, lexicon: &'c CueLexicon) -> Vec<Candidate<'c>> {
    let mut out = Vec::new();
    for (span, entry) in lexicon.find_iter(d.text) {
        let Some(first) = d.tok_at(span.start) else {
            continue;
        };
        let Some(last) = d.tok_ending_by(span.end).filter(|&l| l >= first) else {
            continue;
        };
        candidate(d, lexicon, (first, last), span, entry, &mut out);
    }
    out
}

/// The lexicon matches of the document, as token ranges; marks the verb
/// forms among them (a noun phrase ends before a verb).
pub(super) fn matches<'c>(d: &mut Doc<'_>, lexicon: &'c CueLexicon) -> Vec<Candidate<'c>> {
    let Some(scan) = lexicon.word_scan() else {
        return by_positions(d, lexicon);
    };
    // The scan's word starts are the starts of the tokens and of the parts
    // of joined words ("op-ed"): walked in order from the token table,
    // they give the scan's matches (see `CueLexicon::find_iter`) with the
    // token each starts.
    let text = d.text;
    let mut at = 0;
    // With the scan's word classes, only the tokens of `walks` can start
    // a key or hold a part that does. The walk reads no class the
    // candidates set (it reads the tokens' bounds): the candidates are
    // made as it goes, with the walks out of the table meanwhile.
    let own = std::ptr::eq(d.classes, scan.classes());
    let walks = if own {
        std::mem::take(&mut d.walks)
    } else {
        (0..d.toks.len() as u32)
            .map(|tok| Walk {
                tok,
                at: d.toks[tok as usize].start() as u32,
                state: (0, 0),
            })
            .collect()
    };
    // About two walks in seven find a match in news text (14,024 of
    // 48,808 on the kremlin subset): room for one in two, so that the
    // table rarely grows (it did in 329 of 444 documents with room for
    // one in four).
    let mut out = Vec::with_capacity(walks.len() / 2 + 1);
    for &w in &walks {
        let k = w.tok as usize;
        if w.state.0 != 0 {
            // A plain word that may start a key goes on from the state
            // after it (its word classes' entry), without a look at its
            // token unless a key matches. No match ends inside a plain
            // word (a letter or digit follows that point), so the word
            // starts at or after `at` if and only if it ends after it.
            debug_assert_eq!(d.toks[k].start() >= at, w.at as usize > at);
            if w.at as usize > at {
                if let Some((end, id)) = scan.longest_from(text, w.state, w.at as usize) {
                    at = end;
                    let t = &d.toks[k];
                    let span = Span::new(t.start(), end);
                    let more = d.toks[k + 1..].iter().take_while(|n| n.end() <= end);
                    let last = k + more.count();
                    candidate(d, lexicon, (k, last), span, lexicon.cue(id), &mut out);
                }
            }
            // A plain word is no joined word.
            continue;
        }
        let t = &d.toks[k];
        let joined = t.joined();
        if t.start() >= at {
            if let Some((end, id)) = scan.longest_at(text, w.at as usize) {
                at = end;
                if t.end() <= end {
                    // The last token ending by the match's end.
                    let span = Span::new(t.start(), end);
                    let more = d.toks[k + 1..].iter().take_while(|n| n.end() <= end);
                    let last = k + more.count();
                    candidate(d, lexicon, (k, last), span, lexicon.cue(id), &mut out);
                }
            }
        }
        if joined {
            // No token starts at a part, so a match there is no candidate,
            // but it covers the word starts it spans.
            for p in d.part_starts(k) {
                if p >= at {
                    if let Some((end, _)) = scan.longest_at(text, p) {
                        at = end;
                    }
                }
            }
        }
    }
    if own {
        d.walks = walks;
    }
    out
}

/// The match `span` of `entry` over tokens `first..=last` as a candidate,
/// unless it is none.
fn candidate<'c>(
    d: &mut Doc<'_>,
    lexicon: &'c CueLexicon,
    (first, last): Range,
    span: Span,
    entry: &'c Cue,
    out: &mut Vec<Candidate<'c>>,
) {
    let (last, entry) = if d.toks[last].end() == span.end {
        (last, entry)
    } else {
        // "told CNN's": the key "told cnn" ends inside a token and hides
        // the shorter cue at its start ("told").
        let Some(shorter) = (first..=last).rev().find_map(|l| {
            let form = &d.text[span.start..d.toks[l].end()];
            lexicon.form(form).map(|e| (l, e))
        }) else {
            return;
        };
        shorter
    };
    // "the said agreement", "an added cost": a past form after an
    // article is an adjective, whatever the corpus shows.
    let verb_form = d.is(first, wc::ED | wc::PAST) && entry.class != CueClass::Noun;
    if verb_form && first > 0 && d.is(first - 1, wc::ARTICLE) && !d.is(first - 1, wc::RELATIVE) {
        return;
    }
    if matches!(entry.class, CueClass::Speech | CueClass::Mental) && entry.frame != Frame::Passive {
        d.toks[first].class |= wc::VERB;
    }
    out.push(Candidate {
        first,
        last,
        entry,
        subject: None,
    });
}

/// Each candidate's probability of being a cue, from its context and the
/// frame it would take.
pub(super) fn probabilities(
    d: &Doc<'_>,
    lexicon: &CueLexicon,
    candidates: &[Candidate<'_>],
) -> Vec<(Context, f32)> {
    probabilities_with(d, lexicon, candidates, &mut Vec::new())
}

/// [`probabilities`], keeping in `subjects` what the frame search found
/// before each candidate (see [`Candidate::subject`]).
fn probabilities_with(
    d: &Doc<'_>,
    lexicon: &CueLexicon,
    candidates: &[Candidate<'_>],
    subjects: &mut Vec<Option<Option<Range>>>,
) -> Vec<(Context, f32)> {
    let model = &lexicon.model;
    subjects.reserve(candidates.len());
    let frames = statements_with(d, candidates, Some(subjects), false);
    let others = surer_cues(d, candidates);
    let quoted = quoted_sentences(d);
    candidates
        .iter()
        .zip(&frames)
        .zip(subjects.iter().copied())
        .zip(others)
        .map(|(((c, f), subject), oth)| {
            let mut ctx = sentence_context(d, c, oth, &quoted);
            frame_context(d, c, f, subject, &mut ctx);
            let group = model::group(c.entry.class, c.entry.frame, c.entry.weight);
            let p = model.probability(c.entry.weight, group, c.entry.lemma_id, &ctx);
            (ctx, p)
        })
        .collect()
}

/// The sentences with a quotation in them: a quotation's tokens run from
/// its open to its close token, and sentences follow the tokens.
fn quoted_sentences(d: &Doc<'_>) -> Vec<bool> {
    let mut quoted = vec![false; d.sents.len()];
    for q in &d.quotes {
        let (a, b) = (d.toks[q.open].sent(), d.toks[q.close].sent());
        for x in quoted.iter_mut().take(b + 1).skip(a) {
            *x = true;
        }
    }
    quoted
}

/// A candidate's features but the frame's: [`near`], with where the sure
/// cues of its sentence stand (`oth`, from [`surer_cues`]) and whether a
/// quotation stands elsewhere in it.
fn sentence_context(d: &Doc<'_>, c: &Candidate<'_>, oth: u8, quoted: &[bool]) -> Context {
    let mut ctx = near(d, c);
    ctx.values[feat::OTH] = oth;
    // `near` read the first token: its quotation and sentence are cached.
    let t = &d.toks[c.first];
    let qs = t.quote() == NONE && quoted.get(t.sent()).copied().unwrap_or(false);
    ctx.values[feat::QS] = if qs { v!("quote") } else { v!("none") };
    ctx
}

/// The lexicon weight from which a speech verb is a sure cue, whose
/// presence makes the other candidates of its sentence less likely ("He
/// said he wants ...": "wants" is part of what was said).
const SURE: f32 = 0.8;

/// For each candidate, where the sure cues of its sentence stand:
/// `none`, `before`, `after` or `both` (as values of the model's
/// vocabulary).
fn surer_cues(d: &Doc<'_>, candidates: &[Candidate<'_>]) -> Vec<u8> {
    // One table, one read of each candidate: first its bits (whether it
    // is sure, whether it shares the previous candidate's sentence, and
    // whether a sure cue of its sentence stands before it), then, walked
    // back, the value. Candidates go in token order, so their sentences
    // never go back: "a sure cue stands after it in its sentence" is the
    // next candidate's answer or its sureness, if it shares the sentence.
    // The tests are bitwise, not chained: whether a candidate is sure is
    // no pattern a branch predicts.
    const SURE_CUE: u8 = 1;
    const SAME: u8 = 2;
    const BEFORE: u8 = 4;
    const BY_SIDES: [u8; 4] = [v!("none"), v!("after"), v!("before"), v!("both")];
    let mut out = Vec::with_capacity(candidates.len());
    // No sentence index reaches `usize::MAX` (a token has a byte).
    let (mut prev_sent, mut prev) = (usize::MAX, 0u8);
    for c in candidates {
        let t = &d.toks[c.first];
        let sure = (c.entry.class == CueClass::Speech)
            & (c.entry.frame != Frame::Passive)
            & (c.entry.weight >= SURE)
            & (t.quote() == NONE);
        let s = t.sent();
        let same = s == prev_sent;
        let before = same & (prev & (SURE_CUE | BEFORE) != 0);
        let bits = (u8::from(same) * SAME) | (u8::from(before) * BEFORE) | u8::from(sure);
        out.push(bits);
        (prev_sent, prev) = (s, bits);
    }
    let mut after = false;
    for o in out.iter_mut().rev() {
        let bits = *o;
        *o = BY_SIDES[usize::from(bits & BEFORE != 0) * 2 + usize::from(after)];
        after = (after | (bits & SURE_CUE != 0)) & (bits & SAME != 0);
    }
    out
}

/// The candidates the cue model keeps; marks their tokens as cues.
///
/// The verdicts are [`probabilities`]'s, but the frame search (the dearest
/// features) runs only for the candidates whose other features leave the
/// verdict open (see [`model::CueModel::settled_from`]).
pub(super) fn keep<'c>(
    d: &mut Doc<'_>,
    lexicon: &CueLexicon,
    candidates: Vec<Candidate<'c>>,
) -> Vec<Candidate<'c>> {
    let model = &lexicon.model;
    let others = surer_cues(d, &candidates);
    let quoted = quoted_sentences(d);
    // Each candidate's cheap features, prior score and group (made once,
    // for both the early verdict and the full score), its verdict and the
    // subject its frame search found: one table, not one each.
    let mut rows: Vec<Row> = Vec::with_capacity(candidates.len());
    for (c, oth) in candidates.iter().zip(others) {
        let ctx = sentence_context(d, c, oth, &quoted);
        let group = model::group(c.entry.class, c.entry.frame, c.entry.weight);
        let prior = model.prior(c.entry.weight, group);
        rows.push(Row {
            verdict: model.settled_from(prior, group, c.entry.lemma_id, &ctx),
            ctx,
            prior,
            group,
            subject: None,
        });
    }
    let open: Vec<bool> = rows.iter().map(|r| r.verdict.is_none()).collect();
    let threshold = model.threshold();
    // Each open candidate's verdict as its frame is found: no table of
    // frames.
    each_frame_where(d, &candidates, &open, |i, f, subject| {
        let c = &candidates[i];
        let r = &mut rows[i];
        r.subject = subject;
        frame_context(d, c, &f, subject, &mut r.ctx);
        let p = model.probability_from(r.prior, r.group, c.entry.lemma_id, &r.ctx);
        r.verdict = Some(p >= threshold);
    });
    // The kept candidates, in the candidates' memory.
    let mut kept = candidates;
    let mut n = 0;
    for (i, r) in rows.iter().enumerate() {
        if r.verdict == Some(true) {
            let mut c = kept[i];
            c.subject = r.subject;
            for t in &mut d.toks[c.first..=c.last] {
                t.class |= wc::CUE;
            }
            kept[n] = c;
            n += 1;
        }
    }
    kept.truncate(n);
    kept
}

/// What [`keep`] knows of a candidate.
struct Row {
    ctx: Context,
    prior: f32,
    group: usize,
    /// The cue model's verdict, once known.
    verdict: Option<bool>,
    /// See [`Candidate::subject`].
    subject: Option<Option<Range>>,
}

/// The class of the word before a cue (`t`, none at the sentence's
/// start): the first of the tests below its token passes, from one load
/// of its classes and bytes.
#[inline]
fn before_class(text: &[u8], t: Option<&Tok>) -> u8 {
    let Some(t) = t else {
        return v!("bos");
    };
    let c = t.class;
    if c & wc::ARTICLE != 0 {
        return v!("det");
    }
    let word = &text[t.start()..t.end()];
    let last = word.last().copied();
    // "'s", "’s" or "'S" after at least one byte.
    let possessive = matches!(last, Some(b's' | b'S'))
        && word.len() > 2
        && (word.ends_with(b"'s") || word.ends_with("’s".as_bytes()) || word.ends_with(b"'S"));
    if c & wc::POSS != 0 || possessive {
        v!("poss")
    } else if c & wc::SUBJ != 0 {
        v!("subj")
    } else if c & wc::AUX != 0 {
        v!("aux")
    } else if word.eq_ignore_ascii_case(b"to") {
        v!("to")
    } else if c & wc::COMMA != 0 {
        v!("comma")
    } else if c & wc::QUOTE != 0 {
        v!("quote")
    } else if c & wc::PREP != 0 {
        v!("prep")
    } else if c & wc::CONJ != 0 {
        v!("conj")
    } else if c & wc::CAP != 0 {
        v!("cap")
    } else if c & wc::ALPHA != 0 && last == Some(b's') {
        v!("plural")
    } else {
        v!("other")
    }
}

/// The class of the word after a cue (`t`, none at the sentence's end),
/// the first of the tests below its token passes. The tests are made at
/// once, with no branch: each sets a bit of a mask, in the order of the
/// tests (most in place in the token's classes, the others moved between
/// them), and the lowest bit set picks the value. Which test passes first
/// varies from word to word: a chain of branches mispredicted about once
/// a call.
#[inline]
fn after_class(text: &[u8], t: Option<&Tok>) -> u8 {
    const THAT: u32 = 41;
    const COLON: u32 = 45;
    const COMMA: u32 = 46;
    const TO: u32 = 47;
    const WH: u32 = 48;
    const PREP: u32 = 49;
    // Two bits (article, possessive), both "det".
    const DET: u32 = 50;
    const OBJ: u32 = 52;
    const OTHER: u32 = 63;
    const IN_PLACE: u64 = wc::PERIOD | wc::END | wc::QUOTE | wc::CAP | wc::DIGIT;
    const BY_BIT: [u8; 64] = by_lowest_bit(&[
        (bit(wc::PERIOD), v!("end")),
        (bit(wc::END), v!("end")),
        (THAT, v!("that")),
        (bit(wc::QUOTE), v!("quote")),
        (COLON, v!("colon")),
        (COMMA, v!("comma")),
        (TO, v!("to")),
        (WH, v!("wh")),
        (PREP, v!("prep")),
        (DET, v!("det")),
        (DET + 1, v!("det")),
        (OBJ, v!("pron")),
        (bit(wc::CAP), v!("cap")),
        (bit(wc::DIGIT), v!("num")),
        (OTHER, v!("other")),
    ]);
    const _: () = assert!(wc::POSS == wc::ARTICLE << 1);
    let Some(t) = t else {
        return v!("end");
    };
    let c = t.class;
    let w = Tail::of(text, t);
    let that = (w.len == 4) & (w.last4 | 0x2020_2020 == u32::from_le_bytes(*b"that"));
    let m = c & IN_PLACE
        | u64::from(that) << THAT
        | moved(c, wc::COLON, COLON)
        | moved(c, wc::COMMA, COMMA)
        | u64::from(w.is_to()) << TO
        | moved(c, wc::WH, WH)
        | moved(c, wc::PREP, PREP)
        | moved(c, wc::ARTICLE | wc::POSS, DET)
        | moved(c, wc::OBJ, OBJ)
        | 1 << OTHER;
    BY_BIT[m.trailing_zeros() as usize]
}

/// The bit of a word class.
const fn bit(class: u64) -> u32 {
    class.trailing_zeros()
}

/// The bits of `class` (adjacent ones) in `c`, moved to start at bit
/// `to`.
#[inline(always)]
fn moved(c: u64, class: u64, to: u32) -> u64 {
    let from = bit(class);
    if to >= from {
        (c & class) << (to - from)
    } else {
        (c & class) >> (from - to)
    }
}

/// The values of a test mask by its lowest bit set, from the tests in
/// their order as (bit, value): fails to compile unless the bits rise.
const fn by_lowest_bit(tests: &[(u32, u8)]) -> [u8; 64] {
    let mut out = [0; 64];
    let mut i = 0;
    while i < tests.len() {
        assert!(
            i == 0 || tests[i].0 > tests[i - 1].0,
            "the tests in the order of their bits"
        );
        out[tests[i].0 as usize] = tests[i].1;
        i += 1;
    }
    out
}

/// The last bytes of a token, read in one load: what the word tests of
/// [`after_class`] compares.
#[derive(Clone, Copy)]
struct Tail {
    /// The token's length in bytes.
    len: usize,
    /// The four bytes that end at the token's end, little-endian (the
    /// last the highest; bytes before the token where it is shorter, 0
    /// before the text's start): each test masks them by `len`.
    last4: u32,
    /// The upper half of `last4`: the last two bytes.
    last2: u16,
}

/// [`Tail::last4`] of a token ending in the text's first three bytes.
#[cold]
#[inline(never)]
fn short_tail(text: &[u8], end: usize) -> u32 {
    text[..end.min(text.len())]
        .iter()
        .fold(0, |x, &b| x >> 8 | u32::from(b) << 24)
}

impl Tail {
    #[inline(always)]
    fn of(text: &[u8], t: &Tok) -> Tail {
        let end = t.end();
        let last4 = match text.get(end.wrapping_sub(4)..end) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
            _ => short_tail(text, end),
        };
        Tail {
            len: end - t.start(),
            last4,
            last2: (last4 >> 16) as u16,
        }
    }

    /// Whether the token is "to" in any case.
    #[inline(always)]
    fn is_to(self) -> bool {
        (self.len == 2) & (self.last2 | 0x2020 == u16::from_le_bytes(*b"to"))
    }
}

/// The kind of a source phrase.
fn source_class(d: &Doc<'_>, source: Option<Range>, cue: Range) -> u8 {
    match source {
        None => v!("none"),
        Some((a, _)) if a > cue.1 => v!("after"),
        Some((a, b)) if a == b && d.word_is(a, "who") => v!("rel"),
        Some((a, b)) if a == b && (d.is(a, wc::RELATIVE) || d.word_is(a, "it")) => v!("thing"),
        Some((a, b)) if a == b && d.is(a, wc::PERSONAL | wc::CONTRACTION) => v!("pron"),
        Some((a, b)) if (a..=b).any(|m| d.cap(m)) => v!("name"),
        Some((a, b)) if (a..=b).any(|m| d.is(m, wc::AGENT)) => v!("agent"),
        Some(_) => v!("np"),
    }
}

/// The features a candidate's own tokens and the words around it give
/// (the frame's are left at 0).
fn near(d: &Doc<'_>, c: &Candidate<'_>) -> Context {
    let mut values = [0u8; model::FEATURES.len()];
    let (toks, text) = (&d.toks[..], d.text.as_bytes());
    let (first, last) = (&toks[c.first], &toks[c.last]);
    // The words around the match in its sentence: each token's sentence
    // against the match's own, read once.
    let (s0, s1) = (first.sent(), last.sent());
    let back = |k: usize| {
        c.first
            .checked_sub(k)
            .map(|p| &toks[p])
            .filter(|t| t.sent() == s0)
    };
    let ahead = |k: usize| toks.get(c.last + k).filter(|t| t.sent() == s1);
    values[feat::PRV] = before_class(text, back(1));
    values[feat::PRV2] = before_class(text, back(2));
    values[feat::NXT] = after_class(text, ahead(1));
    values[feat::NXT2] = after_class(text, ahead(2));
    values[feat::Q] = if first.quote() != NONE {
        v!("in")
    } else {
        v!("out")
    };
    values[feat::CASE] = if first.class & wc::CAP != 0 {
        v!("cap")
    } else {
        v!("low")
    };
    Context { values }
}

/// The features the frame search gives (see [`model::FRAME_FEATURES`]),
/// from the frame `f` the candidate takes and the subject before its
/// extended cue when the frame search found it.
fn frame_context(
    d: &Doc<'_>,
    c: &Candidate<'_>,
    f: &Found<'_>,
    subject: Option<Option<Range>>,
    ctx: &mut Context,
) {
    let values = &mut ctx.values;
    let (i0, i1) = (c.first, c.last);
    let subject =
        subject.unwrap_or_else(|| d.source_before(extend(d, i0, i1, infinitive(c.entry)).0));
    values[feat::SUBJ] = match subject {
        None => v!("none"),
        Some((a, b)) if a == b && d.is(a, wc::SUBJ) => {
            if d.is(a, wc::FIRST_PERSON) || d.word_is(a, "you") {
                v!("pron:1-2")
            } else {
                v!("pron:3")
            }
        }
        Some((a, b)) if (a..=b).any(|m| d.cap(m)) => v!("name"),
        Some(_) => v!("np"),
    };
    values[feat::PATTERN] = match f.pattern {
        Pattern::SourceFirst => v!("source_first"),
        Pattern::Noun => v!("noun"),
        Pattern::QuoteBefore => v!("quote_before"),
        Pattern::Adjunct => v!("adjunct"),
        Pattern::Inverted => v!("inverted"),
        Pattern::ContentBefore => v!("content_before"),
        Pattern::Parenthetical => v!("parenthetical"),
        Pattern::QuoteAfter => v!("quote_after"),
        Pattern::Plain => v!("plain"),
        Pattern::Agent => v!("agent"),
        _ => v!("special"),
    };
    values[feat::SRC] = source_class(d, f.source, f.cue);
    debug_assert!(model::FRAME_FEATURES
        .iter()
        .enumerate()
        .all(|(k, &f)| model::frame_value(k, values[f])));
}

/// A verb cue in its base form, which an infinitive's "to" may precede
/// ("to endorse", not "to reports").
fn infinitive(entry: &Cue) -> bool {
    entry.class != CueClass::Noun && !(entry.form != entry.lemma && entry.form.ends_with('s'))
}

/// The cue with the auxiliaries, adverbs and infinitive "to" before it
/// ("has also said", "to endorse") and a colon after it ("said:").
pub(super) fn extend(d: &Doc<'_>, i0: usize, i1: usize, base: bool) -> Range {
    // Each word before the cue is read once: its sentence and classes.
    let toks = &d.toks[..];
    let sent = toks[i0].sent();
    let mut j = i0;
    for _ in 0..MAX_CUE_PREFIX {
        let Some(p) = j.checked_sub(1) else {
            break;
        };
        let t = &toks[p];
        if t.sent() != sent {
            break;
        }
        let c = t.class;
        let adverb = c & wc::LY != 0 && c & (wc::NOT_ADVERB | wc::CAP) == 0;
        // "to endorse": the infinitive's mark is part of the cue (in 300
        // of 330 cases on PolNeAR train).
        if !(c & wc::AUX != 0 || adverb || base && d.word_is(p, "to")) {
            break;
        }
        j = p;
    }
    let colon = toks.get(i1 + 1).is_some_and(|t| t.class & wc::COLON != 0);
    (j, if colon { i1 + 1 } else { i1 })
}

/// Finds each kept cue's source and content.
pub(super) fn statements<'c>(d: &Doc<'_>, cues: &[Candidate<'c>]) -> Vec<Found<'c>> {
    // The subjects are the cue model's: no table of them.
    statements_with(d, cues, None, true)
}

/// [`statements`], keeping in `subjects` (if given; one per cue) the source before
/// each extended cue where the frame search looked for it, so that the cue
/// model need not look again. Without `content`, for the cue model, the
/// contents are not looked for (each `Found` has none): the frame's
/// pattern and source, which the model reads, are decided before its
/// content and never from it.
fn statements_with<'c>(
    d: &Doc<'_>,
    cues: &[Candidate<'c>],
    mut subjects: Option<&mut Vec<Option<Option<Range>>>>,
    content: bool,
) -> Vec<Found<'c>> {
    let mut out: Vec<Found<'c>> = Vec::with_capacity(cues.len());
    if let Some(s) = subjects.as_mut() {
        s.reserve(cues.len());
    }
    // The last source found before a cue in the current sentence.
    let mut last_source: Option<(usize, Range)> = None;
    for c in cues {
        let mut subject = None;
        let i0 = c.first;
        let found = one(
            d,
            c,
            last_token(c),
            || before_cue(d, last_source, i0),
            &mut subject,
            content,
        );
        if let Some(s) = subjects.as_mut() {
            s.push(subject);
        }
        goes_on(d, &found, i0, &mut last_source);
        out.push(found);
    }
    out
}

/// The candidate's last token, as the frame search reads it.
fn last_token(c: &Candidate<'_>) -> usize {
    if c.entry.trim {
        c.first
    } else {
        c.last
    }
}

/// `last_source` as the cue at token `i0` sees it: in its sentence, before
/// it.
fn before_cue(
    d: &Doc<'_>,
    last_source: Option<(usize, Range)>,
    i0: usize,
) -> Option<(usize, Range)> {
    last_source.filter(|(s, r)| *s == d.toks[i0].sent() && r.1 < i0)
}

/// Makes the source of `found` (the frame of the cue at token `i0`) the
/// last source, where later cues of the sentence may borrow it; whether it
/// did.
fn goes_on(
    d: &Doc<'_>,
    found: &Found<'_>,
    i0: usize,
    last_source: &mut Option<(usize, Range)>,
) -> bool {
    // "..., said X, recalling ...": a source after its cue goes on too.
    let after = matches!(found.pattern, Pattern::Inverted | Pattern::QuoteBefore);
    match found.source.filter(|s| s.1 < found.cue.0 || after) {
        Some(src) => {
            *last_source = Some((d.toks[i0].sent(), src));
            true
        }
        None => false,
    }
}

/// The frames (without contents) of the candidates `wanted` marks, as
/// [`statements_with`] finds them over all candidates. A frame reads the
/// frames before it only through the last source of its sentence, and only
/// for an adjunct: the frames of the other candidates are found when an
/// adjunct asks for it, in order, and only those since the last source a
/// wanted frame set in the sentence. `subjects` as in [`statements_with`]
/// for the frames found.
#[cfg(test)]
fn frames_where<'c>(
    d: &Doc<'_>,
    cues: &[Candidate<'c>],
    wanted: &[bool],
    subjects: &mut [Option<Option<Range>>],
) -> Vec<Option<Found<'c>>> {
    let mut out: Vec<Option<Found<'c>>> = vec![None; cues.len()];
    each_frame_where(d, cues, wanted, |i, f, subject| {
        subjects[i] = subject;
        out[i] = Some(f);
    });
    out
}

/// [`frames_where`], handing each wanted candidate's index, frame and
/// subject to `each` in order, as it is found.
fn each_frame_where<'c>(
    d: &Doc<'_>,
    cues: &[Candidate<'c>],
    wanted: &[bool],
    mut each: impl FnMut(usize, Found<'c>, Option<Option<Range>>),
) {
    let mut last_source: Option<(usize, Range)> = None;
    // The candidates of the sentence not looked at yet, whose sources a
    // later adjunct may borrow.
    let mut pending: Vec<usize> = Vec::new();
    let mut sent = usize::MAX;
    for (i, c) in cues.iter().enumerate() {
        let i0 = c.first;
        if d.toks[i0].sent() != sent {
            sent = d.toks[i0].sent();
            pending.clear();
        }
        if !wanted[i] {
            pending.push(i);
            continue;
        }
        let mut subject = None;
        let found = one(
            d,
            c,
            last_token(c),
            || {
                for k in pending.drain(..) {
                    let p = &cues[k];
                    let mut subject = None;
                    let f = one(
                        d,
                        p,
                        last_token(p),
                        || before_cue(d, last_source, p.first),
                        &mut subject,
                        false,
                    );
                    goes_on(d, &f, p.first, &mut last_source);
                }
                before_cue(d, last_source, i0)
            },
            &mut subject,
            false,
        );
        if goes_on(d, &found, i0, &mut last_source) {
            // The candidates before it can no longer give the last source.
            pending.clear();
        }
        each(i, found, subject);
    }
}

/// The frame of cue `c`, its last token `i1`; `last_source` gives the last
/// source found before it in its sentence (asked only for an adjunct).
fn one<'c>(
    d: &Doc<'_>,
    c: &Candidate<'c>,
    i1: usize,
    last_source: impl FnOnce() -> Option<(usize, Range)>,
    subject: &mut Option<Option<Range>>,
    content: bool,
) -> Found<'c> {
    let (entry, i0) = (c.entry, c.first);
    let (c0, c1) = extend(d, i0, i1, infinitive(entry));
    let (s0, s1) = d.sent_of(i0);
    let mut found = Found {
        cue: (c0, c1),
        source: None,
        content: None,
        entry,
        pattern: Pattern::Plain,
    };
    if matches!(entry.frame, Frame::SourceFirst | Frame::Agent) {
        source_first(d, &mut found, s0, s1, content);
        return found;
    }
    let before = if c0 > s0 { Some(c0 - 1) } else { None };
    let noun = entry.class == CueClass::Noun;
    let mut src_before = None;
    if !noun {
        src_before = c.subject.unwrap_or_else(|| d.source_before(c0));
        *subject = Some(src_before);
    }
    let left_edge = src_before.map_or(c0, |s| s.0);
    let mut quote_before = left_edge.checked_sub(1).and_then(|j| d.quote_ending_at(j));
    if quote_before.is_none() && src_before.is_some() {
        if let Some(q) = c0.checked_sub(1).and_then(|j| d.quote_ending_at(j)) {
            quote_before = Some(q);
            src_before = None;
        }
    }
    // "... the 'king of debt,' noting that ...": a participle after a
    // quotation goes on with the sentence's speaker; the quotation is not
    // its content.
    if src_before.is_none()
        && d.is(i0, wc::ING)
        && quote_before.is_some_and(|q| d.quotes[q].open > s0)
    {
        quote_before = None;
    }
    let passive = entry.frame == Frame::Passive;
    let b = before.filter(|&b| b >= s0);
    let to_prefix = (c0..i0).any(|m| d.word_is(m, "to"));
    let word_before = |w: &str| b.is_some_and(|b| d.word_is(b, w)) || w == "to" && to_prefix;
    let ing = d.is(i0, wc::ING);
    let mut adjunct =
        ing && b.is_some_and(|b| {
            d.is(b, wc::COMMA | wc::DASH)
                // '"We will win," promising ...': the comma is inside the quotation.
                || b > s0 && d.is(b, wc::QUOTE) && d.is(b - 1, wc::COMMA)
                || [
                    "and", "by", "while", "after", "before", "when", "in", "without", "also",
                ]
                .iter()
                .any(|w| d.word_is(b, w))
                || d.word_is(b, "even")
                || d.word_is(b, "repeatedly")
        }) && src_before.is_none()
            && !passive;
    if !adjunct
        && src_before.is_none()
        && !passive
        && (word_before("and") || word_before("but") || word_before("or") || word_before("to"))
    {
        adjunct = true;
    }

    // "The plan was criticized by the mayor", "the concern expressed by
    // Draghi": the agent after "by" speaks; the subject is the content.
    if !noun && !passive && d.is(i0, wc::ED | wc::PAST) && c1 < s1 && d.word_is(c1 + 1, "by") {
        if let Some(agent) = d.np_right(c1 + 2, s1 + 1) {
            found.pattern = Pattern::Agent;
            found.source = Some(agent);
            found.content = src_before;
            return found;
        }
    }
    if noun {
        found.pattern = Pattern::Noun;
        if let Some(j) = b {
            if d.possessive(j) || d.is(j, wc::POSS) {
                let st = if d.possessive(j) {
                    d.np_left(j).unwrap_or(j)
                } else {
                    j
                };
                found.source = Some((st, j));
            }
        }
        if c1 < s1 && content {
            // "her criticism of the plan, which ...": a noun's content is a
            // phrase.
            found.content = d.trim_end(c1 + 1, s1).map(|(a, b)| (a, d.phrase_end(a, b)));
        }
    } else if let Some(q) = quote_before {
        found.pattern = Pattern::QuoteBefore;
        found.source = src_before.or_else(|| d.source_after(c1, true));
        if content {
            let (ts, te) = (d.quotes[q].open, d.quotes[q].close);
            let mut start = ts;
            let (qs0, _) = d.sent_of(te);
            if qs0 < ts && d.toks[ts].sent() == d.toks[te].sent() {
                // A partial quotation: the content starts with the sentence.
                start = qs0;
                while start < ts
                    && (d.is(start, wc::CONJ | wc::COMMA | wc::DASH) || d.word_is(start, "so"))
                {
                    start += 1;
                }
            }
            // A quotation that goes on from earlier paragraphs (each left open)
            // is one content: "'We will fight on.\n\n'We will win,' he said."
            if start == ts {
                start = d.quotes[d.continued_from(q)].open;
            }
            let mut span = (start, te);
            let tail = match found.source {
                Some(s) if s.0 > c1 => s.1,
                _ => c1,
            };
            if let Some(qa) = d.quote_starting_after(tail, 1) {
                span = (start, d.quotes[qa].close);
            }
            span.1 = d.follow_quotes(span.1.max(tail), span.1);
            found.content = Some(span);
        }
    } else {
        found.source = src_before;
        if adjunct {
            found.pattern = Pattern::Adjunct;
            found.source = last_source()
                .map(|(_, s)| s)
                .or_else(|| d.subject_of(s0, c0));
        }
        plain(d, &mut found, i0, src_before, adjunct, (s0, s1), content);
    }
    // "The senator was asked about ...", "Three officials were charged
    // with ...": the subject of a passive speech verb is no speaker (the
    // agent after "by" is, above).
    let be = |m: usize| {
        ["is", "was", "were", "are", "been", "be", "being"]
            .iter()
            .any(|w| d.word_is(m, w))
    };
    let passive_verb = entry.class == CueClass::Speech
        && d.is(i0, wc::ED | wc::PAST)
        && (i0 > c0 && be(i0 - 1) || i0 > c0 + 1 && d.is(i0 - 1, wc::LY) && be(i0 - 2));
    if passive || passive_verb {
        // "The council is expected to vote": no source; the subject belongs
        // to the content, which cannot hold the cue: the content is what
        // follows.
        if found.source.is_some_and(|s| s.1 < c0) {
            found.source = None;
        }
    }
    found
}

/// "According to X, C" and "C, according to X[, apposition]."
fn source_first(d: &Doc<'_>, found: &mut Found<'_>, s0: usize, s1: usize, content: bool) {
    found.pattern = Pattern::SourceFirst;
    let (c0, c1) = found.cue;
    // "C, according to X, a professor at Y." runs to the sentence end;
    // otherwise (or when that finds no clean end) the source stops at the
    // first comma.
    let long = c0 >= s0 + 3;
    let closes = |s: Range| s.1 >= s1 || d.is(s.1 + 1, wc::PERIOD | wc::END | wc::QUOTE);
    let source = match d.source_after(c1, long) {
        Some(s) if long && !closes(s) => d.source_after(c1, false),
        other => other,
    };
    found.source = source;
    if !content {
        return;
    }
    let mut after = source.map_or(c1 + 1, |s| s.1 + 1);
    while after <= s1 && d.is(after, wc::COMMA) {
        after += 1;
    }
    // "..., because, according to X, C": the clause goes on after the source.
    let opener = c0 >= s0 + 2 && d.is(c0 - 1, wc::COMMA) && d.is(c0 - 2, wc::LEFT_STOP);
    let before = if c0 > s0 && !opener {
        d.trim_end(s0, c0 - 1)
    } else {
        None
    };
    found.content = match before {
        Some((a, b)) if b >= a + 2 => Some((a, b)),
        _ if after <= s1 => d.trim_end(after, s1),
        _ => None,
    };
}

/// Whether tokens `k..=s1` are an adverbial that closes the sentence
/// after its cue ("C, a minister said in comments published Thursday."):
/// a short prepositional phrase with no "that", clause verb, quotation or
/// clause break, so the content is before the cue, not this phrase.
fn trailer(d: &Doc<'_>, k: usize, s1: usize) -> bool {
    const MAX_TRAILER: usize = 8;
    if k > s1 || !d.is(k, wc::PREP) {
        return false;
    }
    let mut end = s1;
    while end > k && d.is(end, wc::PERIOD | wc::END | wc::QUOTE) {
        end -= 1;
    }
    end - k < MAX_TRAILER
        && (k..=end).all(|m| {
            !d.word_is(m, "that")
                && !d.is(
                    m,
                    wc::COMMA
                        | wc::COLON
                        | wc::SEMICOLON
                        | wc::DASH
                        | wc::QUOTE
                        | wc::PERIOD
                        | wc::END
                        | wc::SUBJ,
                )
                // "in comments published Thursday": a participle after
                // a noun is no clause verb.
                && (!d.is(m, wc::AUX | wc::VERBISH | wc::VERB)
                    || d.is(m, wc::ED) && m > k && !d.is(m - 1, wc::AUX | wc::PREP))
        })
}

/// The patterns of a verb cue without a quotation before it.
fn plain(
    d: &Doc<'_>,
    found: &mut Found<'_>,
    i0: usize,
    src_before: Option<Range>,
    adjunct: bool,
    (s0, s1): Range,
    content: bool,
) {
    let entry = found.entry;
    let (c0, c1) = found.cue;
    let mut end_after = c1 + 1;
    while end_after <= s1 && d.is(end_after, wc::TIME | wc::COMMA) {
        end_after += 1;
    }
    let at_end = end_after > s1
        || d.is(end_after, wc::PERIOD | wc::END)
        || (d.is(end_after, wc::QUOTE) && end_after == s1)
        || trailer(d, c1 + 1, s1);
    let lead = src_before
        .map_or(c0, |s| s.0)
        .checked_sub(1)
        .filter(|&l| l >= s0);
    let lead_comma = lead.is_some_and(|l| d.is(l, wc::COMMA));
    // "C, said X[, apposition]."
    if src_before.is_none() && !adjunct && lead_comma && entry.inverts && c0 == i0 {
        if let Some(sa) = d.source_after(c1, true) {
            // "..., said X, who ...", "..., said X, recalling ...".
            let trailer = sa.1 + 2 <= s1
                && d.is(sa.1 + 1, wc::COMMA)
                && (d.is(sa.1 + 2, wc::RELATIVE) || d.is(sa.1 + 2, wc::ING) && !d.cap(sa.1 + 2));
            let closes = sa.1 + 1 > s1
                || d.is(sa.1 + 1, wc::PERIOD | wc::END)
                || (sa.1 + 2 > s1 && d.is(sa.1 + 1, wc::QUOTE))
                || trailer;
            // "..., said spokesperson for the prime minister.": a source
            // noun with no article opens the phrase too.
            if closes && (d.cap(sa.0) || d.is(sa.0, wc::DET | wc::SRC_NOUN)) {
                found.pattern = Pattern::Inverted;
                found.source = Some(sa);
                if c0 > s0 + 1 && content {
                    found.content = d.trim_end(s0, c0 - 1);
                }
                return;
            }
        }
    }
    if at_end && lead_comma && !adjunct {
        found.pattern = Pattern::ContentBefore;
        let lead = lead.unwrap_or(s0);
        if lead > s0 && content {
            found.content = d.trim_end(s0, lead - 1);
        }
        return;
    }
    // "C, X said, adding D": the participle is a statement of its own.
    let adjunct_next = c1 + 2 <= s1
        && (d.is(c1 + 2, wc::ING) && !d.is(c1 + 2, wc::NOT_PARTICIPLE)
            || d.word_is(c1 + 2, "according"));
    if lead_comma && !adjunct && c1 < s1 && d.is(c1 + 1, wc::COMMA) && adjunct_next {
        found.pattern = Pattern::ContentBefore;
        let lead = lead.unwrap_or(s0);
        if lead > s0 && content {
            found.content = d.trim_end(s0, lead - 1);
        }
        return;
    }
    if lead_comma
        && !adjunct
        && c1 < s1
        && d.is(c1 + 1, wc::COMMA)
        && d.quote_starting_after(c1, 1).is_none()
    {
        found.pattern = Pattern::Parenthetical;
        if content {
            found.content = d.trim_end(s0, s1);
        }
        return;
    }
    if let Some(qa) = d.quote_starting_after(c1, 1) {
        if found.pattern == Pattern::Plain {
            found.pattern = Pattern::QuoteAfter;
        }
        if content {
            let (ts, te) = (d.quotes[qa].open, d.quotes[qa].close);
            found.content = Some((ts, d.follow_quotes(te, te)));
        }
        return;
    }
    if !content {
        return;
    }
    let mut k = c1 + 1;
    if entry.listener {
        k = d.skip_listener(k, s1);
    }
    // "said in a statement on Tuesday that C": the content starts at "that"
    // (but "said the deal that ..." starts with "the deal").
    let adverbial = k <= s1 && d.is(k, wc::PREP | wc::TIME) && !d.is(k, wc::ARTICLE);
    for m in k..(k + MAX_THAT_GAP).min(s1 + 1) {
        if !adverbial {
            break;
        }
        if d.word_is(m, "that") {
            k = m;
            break;
        }
        if d.is(
            m,
            wc::COMMA | wc::PERIOD | wc::COLON | wc::SEMICOLON | wc::QUOTE | wc::END,
        ) || d.verbish(m)
        {
            break;
        }
    }
    if k <= s1 {
        if let Some((a, mut b)) = d.trim_end(k, s1) {
            if entry.content == ContentBound::Phrase {
                b = d.phrase_end(a, b);
            }
            // "As the senators lamented C, the governor ...": a cue in an
            // opening subordinate clause has the rest of that clause.
            if d.is(s0, wc::SUBORD) && !(s0..c0).any(|m| d.is(m, wc::COMMA)) {
                if let Some(m) =
                    (a + 1..=b).find(|&m| d.is(m, wc::COMMA) && d.toks[m].quote() == NONE)
                {
                    b = m - 1;
                }
            }
            found.content = Some((a, b));
        }
    } else if d.is(c1, wc::COLON) && c1 + 1 < d.len() {
        // "He said:" and the quotation or sentence that follows.
        let (ns0, ns1) = d.sent_of(c1 + 1);
        let q = d.toks[ns0].quote();
        found.content = if q != NONE {
            Some((
                d.quotes[q].open,
                d.follow_quotes(d.quotes[q].close, d.quotes[q].close),
            ))
        } else {
            d.trim_end(ns0, ns1)
        };
    }
}

/// Content that runs on after its cue stops before the next statement of
/// the sentence ("X said A, adding B"; "C, according to X") and before a
/// participle adjunct (", saying ...").
pub(super) fn cut_contents(
    d: &Doc<'_>,
    found: &mut [Found<'_>],
    same_speaker: impl Fn(Range, Range) -> bool,
) {
    for i in 0..found.len() {
        let st = &found[i];
        let Some((a, mut b)) = st.content else {
            continue;
        };
        if matches!(
            st.pattern,
            Pattern::QuoteBefore | Pattern::QuoteAfter | Pattern::Turn | Pattern::SignOff
        ) || a <= st.cue.1
        {
            continue;
        }
        let sent = d.toks[st.cue.0].sent();
        let same = |o: &Found<'_>| d.toks[o.cue.0].sent() == sent;
        let lo = (0..i)
            .rev()
            .take_while(|&j| same(&found[j]))
            .last()
            .unwrap_or(i);
        let hi = (i + 1..found.len())
            .take_while(|&j| same(&found[j]))
            .last()
            .unwrap_or(i);
        for (j, o) in found.iter().enumerate().take(hi + 1).skip(lo) {
            if j == i {
                continue;
            }
            // "A framed X, while B maintains Y": B's clause is not A's.
            if let Some(src) = o.source.filter(|s| s.1 < o.cue.0 && s.0 > a && s.0 <= b) {
                let other = o.pattern != Pattern::Adjunct
                    && st.source.map_or(true, |s| !same_speaker(s, src));
                if other && d.is(src.0 - 1, wc::CLAUSE_BREAK) && d.toks[src.0].quote() == NONE {
                    let mut nb = src.0 - 1;
                    while nb > a && d.is(nb, wc::CUT_BACK | wc::CLAUSE_BREAK) {
                        nb -= 1;
                    }
                    b = b.min(nb);
                    continue;
                }
            }
            if !matches!(o.pattern, Pattern::Adjunct | Pattern::SourceFirst) {
                continue;
            }
            // The adjunct's own position: its source is borrowed from
            // earlier in the sentence, or follows ("according to X").
            let oc0 = o.cue.0;
            let left = oc0;
            if a < left && left <= b && d.toks[oc0].quote() == NONE {
                let mut nb = left - 1;
                while nb > a && d.is(nb, wc::CUT_BACK) {
                    nb -= 1;
                }
                if nb >= a {
                    b = nb;
                }
            }
        }
        // ", saying ..." / ", arguing ..." ends the content.
        for m in a + 1..b {
            if !d.is(m, wc::COMMA) || d.toks[m].quote() != NONE {
                continue;
            }
            let w = m + 1;
            let participle = d.is(w, wc::ING) && !d.is(w, wc::NOT_PARTICIPLE) && !d.cap(w);
            let adverb_participle = d.is(w, wc::LY) && m + 2 <= b && d.is(m + 2, wc::ING);
            let according = d.word_is(w, "according") && m + 2 <= b && d.word_is(m + 2, "to");
            if participle || adverb_participle || according {
                b = m - 1;
                break;
            }
        }
        found[i].content = Some((a, b));
    }
}

/// Statements inside another statement's content. A sibling clause ("A
/// said X, and B argued Y") ends the content before it; a report within
/// the report ("The Post reported that Klein said he was writing a book")
/// is part of the content and no statement of its own, unless `keep` says
/// its source speaks for itself. (`found` is in cue order.)
pub(super) fn drop_nested(
    d: &Doc<'_>,
    found: &mut Vec<Found<'_>>,
    same_speaker: impl Fn(Range, Range) -> bool,
    keep: impl Fn(Range) -> bool,
) {
    let mut inner = vec![false; found.len()];
    for i in 0..found.len() {
        let f = &found[i];
        let Some((a, b)) = f.content else {
            continue;
        };
        // A transcript turn holds its speaker's statements.
        if a <= f.cue.1 && f.cue.0 <= b || f.pattern == Pattern::Turn {
            continue;
        }
        let start = found.partition_point(|o| o.cue.0 < a);
        let mut cut = None;
        for (j, o) in found.iter().enumerate().skip(start) {
            if o.cue.0 > b {
                break;
            }
            // In a run-on text with no sentence ends, nesting cannot be
            // told from succession: every statement stands.
            if j == i || o.cue.1 > b || d.chunked(o.cue.0) {
                continue;
            }
            let left = match o.source {
                Some(s) if s.1 < o.cue.0 && s.0 > a => s.0,
                _ => o.cue.0,
            };
            let sibling = left > a + 1
                && f.cue.1 < a
                && d.is(left - 1, wc::CLAUSE_BREAK | wc::DASH)
                && d.toks[left].quote() == NONE;
            let same = matches!((f.source, o.source), (Some(x), Some(y)) if same_speaker(x, y));
            if sibling && same {
                // "According to Putin, C; he described D": one speaker goes
                // on; both statements stand, the first with all it said.
                continue;
            }
            if sibling {
                cut = Some(left - 1);
                break;
            }
            if !o.source.is_some_and(&keep) {
                inner[j] = true;
            }
        }
        if let Some(mut nb) = cut {
            while nb > a && d.is(nb, wc::CUT_BACK | wc::CLAUSE_BREAK) {
                nb -= 1;
            }
            found[i].content = Some((a, nb));
        }
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !inner[k - 1]
    });
}

/// A cue that is no word of the lexicon.
pub(super) fn special_cue(form: &str, class: CueClass, frame: Frame) -> Cue {
    Cue {
        form: form.to_string(),
        lemma: form.to_string(),
        class,
        frame,
        weight: 0.9,
        content: ContentBound::Clause,
        listener: false,
        inverts: false,
        trim: false,
        lemma_id: u32::MAX,
    }
}

/// The cue of "Name: ..." statements, in running text and in transcripts.
pub(super) static COLON: Lazy<Cue> = Lazy::new(|| special_cue(":", CueClass::Speech, Frame::Verb));
static POLL: Lazy<Cue> = Lazy::new(|| special_cue("in", CueClass::Source, Frame::SourceFirst));

/// How far after "in" a poll may be named ("in a new Quinnipiac
/// University poll").
const MAX_POLL_NAME: usize = 8;

/// How many words may follow a poll's name before the comma that ends an
/// opening "In a poll released on Monday,".
const MAX_POLL_TAIL: usize = 6;

/// Cues that are not words of the lexicon: the colon of a headline
/// ("Name Surname: what they said") and "in" before a poll ("leads by five
/// points in a new poll").
pub(super) fn special(d: &Doc<'_>) -> Vec<Found<'static>> {
    let mut out = Vec::new();
    if let Some(f) = headline_colon(d) {
        out.push(f);
    }
    // One pass over the document's marks: the colons, and the poll nouns,
    // each of which an "in" a few words before may name (each word is
    // tried once, in order; the polls go after the colons).
    let mut polls = Vec::new();
    let mut tried = 0;
    for &k in &d.marks {
        let t = &d.toks[k];
        if k > 0 && t.class & wc::COLON != 0 {
            if let Some(f) = name_colon_quote(d, k) {
                out.push(f);
            }
        }
        if t.class & wc::POLL != 0 {
            // The scan from "in" stops at most MAX_POLL_NAME + 1 words on.
            for i in k.saturating_sub(MAX_POLL_NAME + 1).max(tried)..k {
                if let Some(f) = poll(d, i) {
                    polls.push(f);
                }
            }
            tried = k;
        }
    }
    out.append(&mut polls);
    out
}

/// "... in a new poll": token `i` as the cue of a poll.
fn poll(d: &Doc<'_>, i: usize) -> Option<Found<'static>> {
    if !d.word_is(i, "in") || d.is(i, wc::CUE) || d.toks[i].quote() != NONE {
        return None;
    }
    let mut j = i + 1;
    while j < d.len()
        && j <= i + MAX_POLL_NAME
        && !d.is(
            j,
            wc::COMMA | wc::PERIOD | wc::SEMICOLON | wc::COLON | wc::OPEN_PAREN,
        )
        && !d.is(j, wc::POLL | wc::QUOTE)
    {
        j += 1;
    }
    if j >= d.len() || !d.is(j, wc::POLL) || j == i + 1 || !d.same_sent(i, j) {
        return None;
    }
    let (s0, s1) = d.sent_of(i);
    let content = if i >= s0 + 3 {
        d.trim_end(s0, i - 1)
    } else {
        // "In a poll released Monday, C": the words after the poll
        // up to a comma still name it.
        let mut a = j + 1;
        if let Some(comma) = (a..=s1.min(j + MAX_POLL_TAIL)).find(|&k| d.is(k, wc::COMMA)) {
            if (a..comma).all(|k| !d.is(k, wc::QUOTE | wc::CUE)) {
                a = comma;
            }
        }
        while a <= s1 && d.is(a, wc::COMMA) {
            a += 1;
        }
        if a <= s1 {
            d.trim_end(a, s1)
        } else {
            None
        }
    };
    Some(Found {
        cue: (i, i),
        source: Some((i + 1, j)),
        content,
        entry: &POLL,
        pattern: Pattern::Poll,
    })
}

/// How many words a name before "NAME: 'quotation'" may have.
const MAX_COLON_NAME: usize = 6;

/// "... - Pat Smith: “Polls were wrong.”": a name, a colon and a quotation.
fn name_colon_quote(d: &Doc<'_>, colon: usize) -> Option<Found<'static>> {
    if !d.is(colon, wc::COLON) || d.is(colon, wc::CUE) || d.toks[colon].quote() != NONE {
        return None;
    }
    let q = d.quote_starting_after(colon, 0)?;
    let last = colon - 1;
    if !d.cap(last) || d.is(last, wc::NOT_LABEL) || !d.same_sent(last, colon) {
        return None;
    }
    let first = d.np_left(last)?;
    if last - first >= MAX_COLON_NAME {
        return None;
    }
    let end = d.follow_quotes(d.quotes[q].close, d.quotes[q].close);
    Some(Found {
        cue: (colon, colon),
        source: Some((first, last)),
        content: Some((d.quotes[q].open, end)),
        entry: &COLON,
        pattern: Pattern::HeadlineColon,
    })
}

/// "Pat Smith: Voters Are Worried" in the first line of a document.
fn headline_colon(d: &Doc<'_>) -> Option<Found<'static>> {
    let (s0, s1) = *d.sents.first()?;
    for i in s0 + 1..=s1.min(s0 + 5) {
        if i >= d.len() || d.line_between(s0, i) {
            break;
        }
        if d.is(i, wc::COLON) && !d.is(i, wc::CUE) {
            let name =
                (s0..i).all(|k| (d.cap(k) || d.is(k, wc::PERIOD)) && !d.is(k, wc::NOT_LABEL));
            if name && i < s1 && !d.is(i + 1, wc::DIGIT) {
                return Some(Found {
                    cue: (i, i),
                    source: Some((s0, i - 1)),
                    content: d.trim_end(i + 1, s1),
                    entry: &COLON,
                    pattern: Pattern::HeadlineColon,
                });
            }
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_candidates(text: &str) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let mut a = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let mut b = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let key = |c: &Candidate<'_>| (c.first, c.last, c.entry.form.clone());
        let walks = a.walks.clone();
        let got: Vec<_> = matches(&mut a, lexicon).iter().map(key).collect();
        let want: Vec<_> = by_positions(&mut b, lexicon).iter().map(key).collect();
        let classes = |d: &Doc<'_>| d.toks.iter().map(|t| t.class).collect::<Vec<_>>();
        if got != want || classes(&a) != classes(&b) {
            return Err(format!("{text:?}: {got:?} != {want:?}"));
        }
        // The walks, taken out of the table for the scan, are back.
        if a.walks != walks {
            return Err(format!("{text:?}: the walks changed"));
        }
        Ok(())
    }

    #[test]
    fn the_token_walk_finds_what_the_text_scan_finds() {
        for text in [
            "He said, according to the op-ed, that she told CNN's host it was said.",
            "pro-according to them; anti-said reported by U.S.-said X. told reporters",
            "Kyiv’s said-so, e.g. said.he said—said ‐said ‑said",
            // A match from a part covers the token after it.
            "It was the anti-was said plan, the x.was reported by y.",
            "",
        ] {
            same_candidates(text).unwrap();
        }
    }

    /// The cue model's frame search (no contents) finds the frames and
    /// subjects the statement search finds, and the subjects it keeps
    /// give the statement search what it finds by itself.
    fn same_frames(text: &str) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let mut d = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let mut cands = matches(&mut d, lexicon);
        let key = |f: &Found<'_>| (f.cue, f.source, f.pattern);
        let (mut sa, mut sb) = (Vec::new(), Vec::new());
        let a: Vec<_> = statements_with(&d, &cands, Some(&mut sa), false)
            .iter()
            .map(key)
            .collect();
        let full = statements_with(&d, &cands, Some(&mut sb), true);
        let b: Vec<_> = full.iter().map(key).collect();
        if a != b || sa != sb {
            return Err(format!("{text:?}: {a:?} != {b:?}"));
        }
        for (c, s) in cands.iter_mut().zip(sa) {
            c.subject = s;
        }
        let known: Vec<_> = statements(&d, &cands)
            .iter()
            .map(|f| (key(f), f.content))
            .collect();
        let fresh: Vec<_> = full.iter().map(|f| (key(f), f.content)).collect();
        if known != fresh {
            return Err(format!("{text:?}: {known:?} != {fresh:?}"));
        }
        Ok(())
    }

    #[test]
    fn the_frames_do_not_depend_on_the_contents() {
        for text in [
            "\"We will win,\" said the minister, adding that talks went on. According to Kyiv, \
             it failed, the mayor said. Her criticism of the plan: \"No.\" He told reporters: \
             \"Yes.\" The plan was criticized by Smith, who said it was late.",
            "",
        ] {
            same_frames(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 1000, ..Default::default() })]

        #[test]
        fn the_frames_do_not_depend_on_the_contents_on_any_text(
            text in proptest::string::string_regex(
                "([ ,.:\"\n]|said|told|according|to|the|he|Smith|criticism|of|was|by|that|adding|reporters|plan|her|in|a|statement){0,50}"
            ).unwrap()
        ) {
            proptest::prop_assert!(same_frames(&text).is_ok(), "{}", same_frames(&text).unwrap_err());
        }
    }

    /// `keep` (the frame search only where the cheap features leave the
    /// verdict open) keeps what the full model keeps, marks the same
    /// tokens, and its kept candidates give the same statements.
    fn same_kept(text: &str) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let mut a = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let mut b = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let found_a = matches(&mut a, lexicon);
        let kept = keep(&mut a, lexicon, found_a);
        let cands = matches(&mut b, lexicon);
        // The reference: every candidate's full score.
        let mut subjects = Vec::new();
        let scores = probabilities_with(&b, lexicon, &cands, &mut subjects);
        let mut want = Vec::new();
        for ((mut c, (_, p)), subject) in cands.into_iter().zip(scores).zip(subjects) {
            if p >= lexicon.model.threshold() {
                c.subject = subject;
                for t in &mut b.toks[c.first..=c.last] {
                    t.class |= wc::CUE;
                }
                want.push(c);
            }
        }
        let key = |c: &Candidate<'_>| (c.first, c.last, c.entry.form.clone());
        let (got, wanted): (Vec<_>, Vec<_>) = (
            kept.iter().map(key).collect(),
            want.iter().map(key).collect(),
        );
        if got != wanted {
            return Err(format!("{text:?}: kept {got:?} != {wanted:?}"));
        }
        let classes = |d: &Doc<'_>| d.toks.iter().map(|t| t.class).collect::<Vec<_>>();
        if classes(&a) != classes(&b) {
            return Err(format!("{text:?}: classes differ"));
        }
        let found = |d: &Doc<'_>, k: &[Candidate<'_>]| {
            statements(d, k)
                .iter()
                .map(|f| (f.cue, f.source, f.pattern, f.content))
                .collect::<Vec<_>>()
        };
        if found(&a, &kept) != found(&b, &want) {
            return Err(format!("{text:?}: statements differ"));
        }
        Ok(())
    }

    /// The chains of `is` [`before_class`] and [`after_class`] replace.
    fn before_class_ref(d: &Doc<'_>, p: Option<usize>) -> u8 {
        match p {
            None => v!("bos"),
            Some(p) if d.is(p, wc::ARTICLE) => v!("det"),
            Some(p) if d.is(p, wc::POSS) || d.possessive(p) => v!("poss"),
            Some(p) if d.is(p, wc::SUBJ) => v!("subj"),
            Some(p) if d.is(p, wc::AUX) => v!("aux"),
            Some(p) if d.word_is(p, "to") => v!("to"),
            Some(p) if d.is(p, wc::COMMA) => v!("comma"),
            Some(p) if d.is(p, wc::QUOTE) => v!("quote"),
            Some(p) if d.is(p, wc::PREP) => v!("prep"),
            Some(p) if d.is(p, wc::CONJ) => v!("conj"),
            Some(p) if d.cap(p) => v!("cap"),
            Some(p) if d.is(p, wc::ALPHA) && d.str(p).ends_with('s') => v!("plural"),
            Some(_) => v!("other"),
        }
    }

    fn after_class_ref(d: &Doc<'_>, n: Option<usize>) -> u8 {
        match n {
            None => v!("end"),
            Some(n) if d.is(n, wc::PERIOD | wc::END) => v!("end"),
            Some(n) if d.word_is(n, "that") => v!("that"),
            Some(n) if d.is(n, wc::QUOTE) => v!("quote"),
            Some(n) if d.is(n, wc::COLON) => v!("colon"),
            Some(n) if d.is(n, wc::COMMA) => v!("comma"),
            Some(n) if d.word_is(n, "to") => v!("to"),
            Some(n) if d.is(n, wc::WH) => v!("wh"),
            Some(n) if d.is(n, wc::PREP) => v!("prep"),
            Some(n) if d.is(n, wc::ARTICLE | wc::POSS) => v!("det"),
            Some(n) if d.is(n, wc::OBJ) => v!("pron"),
            Some(n) if d.cap(n) => v!("cap"),
            Some(n) if d.is(n, wc::DIGIT) => v!("num"),
            Some(_) => v!("other"),
        }
    }

    fn same_word_classes(text: &str) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let d = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let text = d.text.as_bytes();
        for p in (0..d.len()).map(Some).chain([None]) {
            let t = p.map(|p| &d.toks[p]);
            let (b, a) = (before_class(text, t), after_class(text, t));
            if (b, a) != (before_class_ref(&d, p), after_class_ref(&d, p)) {
                return Err(format!("{text:?}, token {p:?}: {b} {a}"));
            }
        }
        Ok(())
    }

    #[test]
    fn the_word_classes_around_a_cue_are_those_of_the_chains() {
        same_word_classes(
            "The mayor's aide, Kyiv’s envoy and the PM'S team said to them that \
             talks: \"no\" in 2024, which he says.",
        )
        .unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 1000, ..Default::default() })]

        #[test]
        fn the_word_classes_around_a_cue_agree_on_any_text(
            text in proptest::string::string_regex(
                "([ ,.:;\"'’\n]|s|S|'s|’s|'S|to|TO|that|That|the|his|he|has|and|in|which|them|Kyiv|plans|2024|x|é|—){0,40}"
            ).unwrap()
        ) {
            proptest::prop_assert!(same_word_classes(&text).is_ok(), "{}", same_word_classes(&text).unwrap_err());
        }
    }

    /// [`after_class`] on every token of `text` with the classes `bits`
    /// give it (each token in turn, any combination of classes, not only
    /// those of the words table) is the chain of tests of the reference.
    fn same_class_after_on_any_classes(text: &str, bits: &[u64]) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let mut d = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        for p in 0..d.len() {
            d.toks[p].class = bits.get(p % bits.len().max(1)).copied().unwrap_or(0);
            let got = after_class(d.text.as_bytes(), Some(&d.toks[p]));
            let want = after_class_ref(&d, Some(p));
            if got != want {
                return Err(format!(
                    "{text:?}, token {p} {:?} {:#x}: {got} != {want}",
                    d.str(p),
                    d.toks[p].class
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn the_class_after_a_cue_is_the_chains_on_any_classes() {
        let all = wc::PERIOD | wc::QUOTE | wc::COLON | wc::COMMA | wc::WH | wc::PREP;
        same_class_after_on_any_classes(
            "That to THAT tO thaT, “that” é: To.\nthat",
            &[
                0,
                all,
                wc::POSS | wc::OBJ,
                wc::ARTICLE,
                wc::CAP | wc::DIGIT,
                u64::MAX,
            ],
        )
        .unwrap();
        same_class_after_on_any_classes("to", &[0]).unwrap();
        same_class_after_on_any_classes("", &[]).unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 1000, ..Default::default() })]

        #[test]
        fn the_class_after_a_cue_agrees_on_any_text_and_classes(
            text in proptest::string::string_regex(
                "([ ,.:;\"'’“”\n]|to|TO|tO|that|That|THAT|thats|hat|é|ét|2024|x|—|U\\.S\\.){0,30}"
            ).unwrap(),
            // Each class of the tests with one chance in four, and any
            // other bits.
            bits in proptest::collection::vec(
                proptest::strategy::Strategy::prop_map(
                    (proptest::prelude::any::<u64>(), proptest::prelude::any::<u64>()),
                    |(a, b)| a & b,
                ),
                1..8,
            ),
        ) {
            let r = same_class_after_on_any_classes(&text, &bits);
            proptest::prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }

    /// The features of a candidate's own tokens and the words around it,
    /// as they were read by positions before [`near`] read each token
    /// once: the reference.
    fn near_ref(d: &Doc<'_>, c: &Candidate<'_>) -> Context {
        let mut values = [0u8; model::FEATURES.len()];
        let (i0, i1) = (c.first, c.last);
        let back = |k: usize| (i0 >= k && d.same_sent(i0 - k, i0)).then(|| i0 - k);
        let ahead = |k: usize| (i1 + k < d.len() && d.same_sent(i1 + k, i1)).then(|| i1 + k);
        values[feat::PRV] = before_class_ref(d, back(1));
        values[feat::PRV2] = before_class_ref(d, back(2));
        values[feat::NXT] = after_class_ref(d, ahead(1));
        values[feat::NXT2] = after_class_ref(d, ahead(2));
        values[feat::Q] = if d.toks[i0].quote() != NONE {
            v!("in")
        } else {
            v!("out")
        };
        values[feat::CASE] = if d.cap(i0) { v!("cap") } else { v!("low") };
        Context { values }
    }

    /// Where the sure cues of each candidate's sentence stand, in two
    /// tables as before [`surer_cues`] made one: the reference.
    fn surer_cues_ref(d: &Doc<'_>, candidates: &[Candidate<'_>]) -> Vec<u8> {
        let sure = |c: &Candidate<'_>| {
            c.entry.class == CueClass::Speech
                && c.entry.frame != Frame::Passive
                && c.entry.weight >= SURE
                && d.toks[c.first].quote() == NONE
        };
        let sent = |c: &Candidate<'_>| d.toks[c.first].sent();
        let mut before = vec![false; candidates.len()];
        let mut last = None;
        for (i, c) in candidates.iter().enumerate() {
            before[i] = last == Some(sent(c));
            if sure(c) {
                last = Some(sent(c));
            }
        }
        let mut out = vec![v!("none"); candidates.len()];
        let mut next = None;
        for (i, c) in candidates.iter().enumerate().rev() {
            let after = next == Some(sent(c));
            out[i] = match (before[i], after) {
                (true, true) => v!("both"),
                (true, false) => v!("before"),
                (false, true) => v!("after"),
                (false, false) => v!("none"),
            };
            if sure(c) {
                next = Some(sent(c));
            }
        }
        out
    }

    /// Each candidate's cheap features (the cue model's context before the
    /// frame search) are the reference's.
    fn same_sentence_context(text: &str) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let mut d = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let cands = matches(&mut d, lexicon);
        let quoted = quoted_sentences(&d);
        let (others, want_others) = (surer_cues(&d, &cands), surer_cues_ref(&d, &cands));
        if others != want_others {
            return Err(format!("{text:?}: oth {others:?} != {want_others:?}"));
        }
        for (c, &oth) in cands.iter().zip(&others) {
            let got = sentence_context(&d, c, oth, &quoted);
            let mut want = near_ref(&d, c);
            want.values[feat::OTH] = oth;
            let qs = d.toks[c.first].quote() == NONE
                && quoted.get(d.toks[c.first].sent()).copied().unwrap_or(false);
            want.values[feat::QS] = if qs { v!("quote") } else { v!("none") };
            if got != want {
                return Err(format!("{text:?}, {:?}: {got:?} != {want:?}", c.entry.form));
            }
        }
        Ok(())
    }

    #[test]
    fn the_cheap_features_are_those_of_the_reference() {
        for text in [
            "\"We will win,\" said the minister's aide. He said to them that talks: \"no\". \
             Kyiv’s envoy says, told reporters; U.S. officials said",
            "said",
            "",
        ] {
            same_sentence_context(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 1000, ..Default::default() })]

        #[test]
        fn the_cheap_features_agree_on_any_text(
            text in proptest::string::string_regex(
                "([ ,.:;\"'’\n]|\\. |\n\n|said |Said |says |told |Noted |noted |The mayor |the |his |He |he |'s |’s|to |TO |that |and |in |U\\.S\\.|Kyiv |plans|2024|é|—|reporters |according to ){0,50}"
            ).unwrap()
        ) {
            proptest::prop_assert!(same_sentence_context(&text).is_ok(), "{}", same_sentence_context(&text).unwrap_err());
        }
    }

    /// `extend` as it was, by positions: the reference.
    fn extend_ref(d: &Doc<'_>, i0: usize, i1: usize, base: bool) -> Range {
        let mut j = i0;
        for _ in 0..MAX_CUE_PREFIX {
            if j == 0 || !d.same_sent(j - 1, i0) {
                break;
            }
            let p = j - 1;
            let adverb = d.is(p, wc::LY) && !d.is(p, wc::NOT_ADVERB) && !d.cap(p);
            let to = d.word_is(p, "to") && base;
            if !(d.is(p, wc::AUX) || adverb || to) {
                break;
            }
            j = p;
        }
        let k = if i1 + 1 < d.len() && d.is(i1 + 1, wc::COLON) {
            i1 + 1
        } else {
            i1
        };
        (j, k)
    }

    /// `extend` from every token, over one or two tokens, as an
    /// infinitive or not, is the reference's.
    fn same_extent(text: &str) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let d = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        for i0 in 0..d.len() {
            for i1 in [i0, (i0 + 1).min(d.len() - 1)] {
                for base in [false, true] {
                    let (got, want) = (extend(&d, i0, i1, base), extend_ref(&d, i0, i1, base));
                    if got != want {
                        return Err(format!("{text:?} {i0} {i1} {base}: {got:?} != {want:?}"));
                    }
                }
            }
        }
        Ok(())
    }

    #[test]
    fn a_cue_extends_as_the_reference_does() {
        same_extent(
            "He has also repeatedly said: it. Then Newly to endorse, TO say; he will \
             not be quickly Only said.\nTo say",
        )
        .unwrap();
        same_extent("").unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 1000, ..Default::default() })]

        #[test]
        fn a_cue_extends_as_the_reference_does_on_any_text(
            text in proptest::string::string_regex(
                "([ ,:\n]|\\. |has |have |also |repeatedly |Repeatedly |Sharply |sharply |Only |only |early |to |To |TO |said|say|endorse|He |é|—|2024){0,40}"
            ).unwrap()
        ) {
            proptest::prop_assert!(same_extent(&text).is_ok(), "{}", same_extent(&text).unwrap_err());
        }
    }

    /// `frames_where` finds for the wanted candidates the frames and
    /// subjects the frame search over all candidates finds.
    fn same_frames_where(text: &str, mask: u64) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let lexicon = CueLexicon::builtin();
        let mut d = Doc::new(text, &sentences, &quotes, lexicon.word_classes());
        let cands = matches(&mut d, lexicon);
        let wanted: Vec<bool> = (0..cands.len())
            .map(|i| mask >> (i % 64) & 1 == 1)
            .collect();
        let mut all_subjects = Vec::new();
        let all = statements_with(&d, &cands, Some(&mut all_subjects), false);
        let mut subjects = vec![None; cands.len()];
        let some = frames_where(&d, &cands, &wanted, &mut subjects);
        let key = |f: &Found<'_>| (f.cue, f.source, f.pattern, f.content);
        for i in 0..cands.len() {
            let got = some[i].as_ref().map(key);
            let want = wanted[i].then(|| key(&all[i]));
            if got != want || wanted[i] && subjects[i] != all_subjects[i] {
                return Err(format!(
                    "{text:?} {mask:b}, candidate {i}: {got:?} != {want:?}"
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn an_adjunct_borrows_the_source_of_a_frame_not_wanted() {
        // "adding" borrows "Smith" from "noted" (not the sentence's subject,
        // "The mayor"), whose frame may not be wanted; "told" in the next
        // sentence does not see it.
        let text = "The mayor said it, and Smith noted it, adding that it was late. He told them.";
        for mask in 0..16 {
            same_frames_where(text, mask).unwrap();
        }
    }

    #[test]
    fn keep_keeps_what_the_full_model_keeps() {
        for text in [
            "\"We will win,\" said the minister, adding that talks went on. According to Kyiv, \
             it failed, the mayor said. Her criticism of the plan: \"No.\" He told reporters: \
             \"Yes.\" The plan was criticized by Smith, who said it was late.",
            "The senator said he would support the bill, warning that the decision, which \
             officials believe is ready, was a message. They want to see the plans, noting \
             concerns, and he noted, calling it a mistake.",
            "",
        ] {
            same_kept(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 1000, ..Default::default() })]

        #[test]
        fn keep_keeps_what_the_full_model_keeps_on_any_text(
            text in proptest::string::string_regex(
                "([ ,.:\"\n]|said|says|told|according|to|the|he|I|Smith|criticism|of|was|by|that|adding|noting|warned|reporters|plan|her|in|a|statement|would|support|want|believe|know|see|message|decision|ready|and|who|calling){0,60}"
            ).unwrap()
        ) {
            proptest::prop_assert!(same_kept(&text).is_ok(), "{}", same_kept(&text).unwrap_err());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]

        #[test]
        fn frames_where_agrees_on_any_text(
            text in proptest::string::string_regex(
                "(The mayor |Smith |he |it |the plan |that |and |while |, |\\. |: |\n|said |noted |says |adding |saying |noting |according to |\"We won,\" |told reporters |was criticized by |who ){0,40}"
            ).unwrap(),
            mask in proptest::prelude::any::<u64>(),
        ) {
            proptest::prop_assert!(same_frames_where(&text, mask).is_ok(), "{}", same_frames_where(&text, mask).unwrap_err());
        }

        #[test]
        fn the_token_walk_agrees_on_any_text(
            text in proptest::string::string_regex(
                "([ ,.\\-'’‐\\n]|said|told|according|to|the|op|ed|by|was|reported|reporters|U\\.S\\.|CNN|s|é|x){0,40}"
            ).unwrap()
        ) {
            proptest::prop_assert!(same_candidates(&text).is_ok(), "{}", same_candidates(&text).unwrap_err());
        }
    }
}
