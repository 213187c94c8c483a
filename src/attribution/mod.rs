//! Attribution: who said what. Finds each statement's cue, speaker and
//! content, with no parser.
//!
//! The fourth stage of the pipeline. It reads sentences and quotations (from
//! [`text`](crate::text)) and mentions (from [`mentions`](crate::mentions)),
//! and knows nothing of stance.
//!
//! How it works, for one document:
//!
//! 1. The text becomes a table of tokens, each with its word classes
//!    (`data/words.tsv`: determiners, auxiliaries, pronouns ...), sentence
//!    and quotation.
//! 2. One scan of the [`CueLexicon`] from word starts finds every reporting verb,
//!    multiword cue ("according to", "said in a statement"), noun cue and
//!    verb of mental state. A small logistic model (`data/cue_model.tsv`)
//!    weighs each match by its context (the words around it, a quotation,
//!    a subject before it, a surer cue in the same sentence) and keeps the
//!    likely cues.
//! 3. Each cue takes the first frame that fits its sentence: "According to
//!    X, C", "'Q,' X said", "C, said X", "C, X said", "X said: 'Q'", "X
//!    told Y that C", "X, who ..., said C", and so on; quotations that go on
//!    over the next sentences or paragraphs join the content. The subject
//!    is found past time words, adverbs and dashed appositions ("The mayor
//!    on Monday said", "Carter, however, said"); a participle after "X
//!    said," or after a quotation ("..., adding", "'Q,' promising") stays
//!    X's; the subject of a passive ("was asked about") does not speak, the
//!    agent after "by" does; a cue inside an opening "As X warned C, ..."
//!    keeps its content in that clause; an infinitive's "to" belongs to its
//!    cue ("went on to praise").
//! 4. Transcript turns ("Vladimir Putin: Colleagues, ...") are statements
//!    of their speaker, and "I" and "we" inside a turn are that speaker.
//! 5. The source phrase becomes the speaker, with the actor of the mention
//!    that heads it.
//!
//! Each cue's work is bounded (2,000 bytes either side), so the stage is
//! linear in the length of the text.

mod content;
mod frames;
mod lexicon;
mod model;
mod signoff;
mod speaker;
mod tokens;
mod transcript;
mod wordscan;

pub use lexicon::{ContentBound, Cue, CueClass, CueLexicon, CueMatches, Frame};

use std::cell::Cell;

use crate::gazetteer::Gazetteer;
use crate::mentions::{DocMentions, MentionRec};
use crate::text::Quote;
use crate::{ActorKind, Span, StatementKind};

use frames::{Found, Pattern};
use speaker::Range;
use tokens::wc;
pub(crate) use tokens::Doc;

pub(crate) use tokens::MAX_TEXT_BYTES;

/// How far (in bytes) from its cue a statement's speaker and content may
/// reach. Real sentences are far shorter; the bound keeps the work per cue
/// constant, so that a text with no sentence breaks (a 5 MB scrape) is
/// still analyzed in linear time. Content past it is cut at a word boundary.
pub(crate) const MAX_REACH: usize = 2000;

/// A statement before classification.
#[derive(Debug, Clone)]
pub(crate) struct Attribution<'c> {
    pub speaker: Option<MentionRec>,
    pub co_speakers: Vec<MentionRec>,
    /// The speaker ("we" in a transcript turn) speaks for the state of
    /// its actor.
    pub for_state: bool,
    pub cue: Span,
    pub entry: &'c Cue,
    pub content: Option<Span>,
    pub kind: StatementKind,
    pub sentence: usize,
    /// The part of the sentence within [`MAX_REACH`] of the cue.
    pub scope: Span,
}

/// The document's token table (words with their classes, sentences and
/// quotations), made in the memory of the thread's last table: the first
/// step of attribution, made before the mention stage so that later stages
/// can read the same words. Give it back with [`recycle`].
pub(crate) fn tokens<'t>(
    text: &'t str,
    sentences: &[Span],
    quotes: &[Quote],
    cues: &'t CueLexicon,
) -> Doc<'t> {
    let buffers = DOC_BUFFERS.with(Cell::take);
    Doc::new_in(text, sentences, quotes, cues.word_classes(), buffers)
}

/// The memory of `d`'s tables, kept for the thread's next document (unless
/// it grew too large).
pub(crate) fn recycle(d: Doc<'_>) {
    let buffers = d.into_buffers();
    if buffers.capacity() <= MAX_KEPT_TOKENS {
        DOC_BUFFERS.with(|b| b.set(buffers));
    }
}

/// Finds the statements of a document, from its token table `d` (made by
/// [`tokens`] from the same text, sentences and quotations).
pub(crate) fn attribute<'c>(
    d: &mut Doc<'_>,
    quotes: &[Quote],
    mentions: &mut DocMentions,
    gazetteer: &Gazetteer,
    cues: &'c CueLexicon,
) -> Vec<Attribution<'c>> {
    let text = d.text;
    let candidates = frames::matches(d, cues);
    let kept = frames::keep(d, cues, candidates);
    let d: &Doc<'_> = d;
    let mut found = frames::statements(d, &kept);
    found.extend(frames::special(d));
    found.extend(signoff::signoffs(d));
    found.retain(|f| !speaker::modifier_participle(d, f));
    for f in &mut found {
        speaker::quoted_as_saying(d, f);
        speaker::late_agent(d, f);
    }
    let turns = transcript::turns(d, mentions);
    found.extend(turns.iter().map(|t| t.statement(d)));
    // A headline colon that is also a turn's is one statement: the turn.
    found.sort_by_key(|f| (f.cue.0, f.pattern != Pattern::Turn));
    found.dedup_by_key(|f| f.cue);
    // "has reportedly" inside "has reportedly conceded": one cue.
    let inside: Vec<bool> = (0..found.len())
        .map(|i| {
            let c = found[i].cue;
            let within = |o: &frames::Found<'_>| o.cue != c && o.cue.0 <= c.0 && c.1 <= o.cue.1;
            found[i.saturating_sub(1)..(i + 2).min(found.len())]
                .iter()
                .any(within)
        })
        .collect();
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !inside[k - 1]
    });
    let same_speaker = |a: Range, b: Range| {
        let actor = |r| speaker::resolve(d, r, mentions).0.actor;
        d.str(a.0) == d.str(b.0) || actor(a).is_some() && actor(a) == actor(b)
    };
    frames::cut_contents(d, &mut found, same_speaker);
    // A state's or an organisation's view reported by another ("Putin
    // reiterated that Moscow views ...") is a position of its own.
    let collective = |s: Range| {
        speaker::resolve(d, s, mentions)
            .0
            .actor
            .is_some_and(|r| mentions.actor(gazetteer, r).kind != ActorKind::Person)
    };
    // "X has agreed to resign, the speaker said": X's own speech act
    // stands too.
    let speaks = |s: Range| speaker::opens_reported_clause(d, s) || collective(s);
    frames::drop_nested(d, &mut found, same_speaker, speaks);
    // Reserved: a filtered collect would grow the table of these large
    // records from four, copying it at each step.
    let mut out = Vec::with_capacity(found.len());
    out.extend(
        found
            .iter()
            .filter_map(|f| to_attribution(d, f, &turns, quotes, mentions)),
    );
    for a in &mut out {
        if let Some(m) = a.speaker.as_mut() {
            if let Some(state) = speaker::group_state(d, m, mentions, gazetteer) {
                m.actor = Some(mentions.add_group(gazetteer, m.span.as_str(text), state));
                m.how = crate::MentionKind::Description;
            }
        }
    }
    out
}

thread_local! {
    /// The token tables of the thread's last document, emptied: the next
    /// document is made in their memory.
    static DOC_BUFFERS: Cell<tokens::DocBuffers> = Cell::new(tokens::DocBuffers::default());
}

/// The most tokens whose tables a thread keeps for its next document
/// (~2 MB): a thread that met one huge document does not hold its memory.
const MAX_KEPT_TOKENS: usize = 1 << 15;

/// One match of the cue lexicon in a text, with the context the cue model
/// saw and its verdict: for inspecting why a word was or was not taken as
/// a cue, and for fitting the model on other annotated text.
#[derive(Debug, Clone, PartialEq)]
pub struct CueCandidate<'a> {
    /// Where the match is.
    pub span: Span,
    /// The lexicon entry matched.
    pub cue: &'a Cue,
    /// The group whose weights apply: `speech`, `mental`, `passive`,
    /// `source_first` or `noun`.
    pub group: &'static str,
    /// The context, as (feature, value) names: the class of the words
    /// around the match (`prv`, `prv2`, `nxt`, `nxt2`), inside a quotation
    /// (`q`), capitalised (`case`), the subject before it (`subj`), the
    /// frame it would take (`pattern`), the kind of source found there
    /// (`src`), where a sure speech verb of the same sentence stands
    /// (`oth`: `none`, `before`, `after`, `both`) and whether a quotation
    /// stands elsewhere in the sentence (`qs`).
    pub context: Vec<(&'static str, &'static str)>,
    /// The probability that the match is a cue.
    pub probability: f32,
    /// Whether the probability reaches the model's threshold.
    pub kept: bool,
}

impl CueLexicon {
    /// Every match of the lexicon in `text`, with the cue model's view of
    /// it.
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::attribution::CueLexicon;
    ///
    /// // A "said" inside a quotation is part of what was said.
    /// let text = "\"I said no,\" he said. It was a good show.";
    /// let found = CueLexicon::builtin().candidates(text);
    /// let verdicts: Vec<(&str, bool)> =
    ///     found.iter().map(|c| (c.span.as_str(text), c.kept)).collect();
    /// assert_eq!(verdicts, [("said", false), ("said", true), ("show", false)]);
    /// ```
    ///
    /// A text longer than 2 GiB less one byte (`i32::MAX` bytes: token
    /// offsets are 31-bit) has no candidates; [`CueLexicon::try_candidates`]
    /// says why with an error.
    pub fn candidates(&self, text: &str) -> Vec<CueCandidate<'_>> {
        self.try_candidates(text).unwrap_or_default()
    }

    /// [`CueLexicon::candidates`], or [`Error::InputTooLarge`](crate::Error::InputTooLarge)
    /// for a text longer than 2 GiB less one byte (`i32::MAX` bytes), the
    /// longest the token table's 31-bit offsets address.
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::attribution::CueLexicon;
    ///
    /// let found = CueLexicon::builtin().try_candidates("Kyiv said it agreed.").unwrap();
    /// assert_eq!(found[0].span.as_str("Kyiv said it agreed."), "said");
    /// ```
    pub fn try_candidates(&self, text: &str) -> Result<Vec<CueCandidate<'_>>, crate::Error> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(crate::Error::InputTooLarge {
                len: text.len(),
                limit: MAX_TEXT_BYTES,
            });
        }
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let mut d = Doc::new(text, &sentences, &quotes, self.word_classes());
        let candidates = frames::matches(&mut d, self);
        let scores = frames::probabilities(&d, self, &candidates);
        let threshold = self.model.threshold();
        Ok(candidates
            .iter()
            .zip(scores)
            .map(|(c, (ctx, p))| CueCandidate {
                span: d.span(c.first, c.last),
                cue: c.entry,
                group: model::GROUPS[model::group(c.entry.class, c.entry.frame, c.entry.weight)],
                context: model::FEATURES
                    .iter()
                    .zip(ctx.values)
                    .map(|(f, v)| (*f, model::VALUES[v as usize]))
                    .collect(),
                probability: p,
                kept: p >= threshold,
            })
            .collect())
    }
}

/// Token spans to byte spans, the source phrase to a speaker mention.
fn to_attribution<'c>(
    d: &Doc<'_>,
    f: &Found<'c>,
    turns: &[transcript::Turn],
    quotes: &[Quote],
    mentions: &DocMentions,
) -> Option<Attribution<'c>> {
    let cue = d.span(f.cue.0, f.cue.1);
    let mut for_state = false;
    let mut source = f
        .source
        .filter(|&s| {
            // "his criticism of the plan": the possessive is the source.
            let possessor = f.pattern == Pattern::Noun && s.0 == s.1 && d.is(s.0, wc::POSS);
            // "according to a court filing": what follows is the source,
            // whatever its last word looks like.
            let named = f.pattern == Pattern::SourceFirst;
            possessor || named || speaker::looks_like_speaker(d, s)
        })
        .map(|s| speaker::widen(d, s, mentions));
    let (mut speaker, co_speakers) = match source {
        Some(s) => {
            let (mut m, co) = speaker::resolve(d, s, mentions);
            // "Chris Christie, who endorsed him": "who" is Christie.
            if m.actor.is_none() && s.0 == s.1 && d.is(s.0, wc::RELATIVE) {
                m.actor = speaker::antecedent(d, s.0, mentions).and_then(|a| a.actor);
            }
            (Some(m), co)
        }
        None => (None, Vec::new()),
    };
    // "I" and "we" in a transcript turn are the turn's speaker.
    if let (Some(s), Some(turn)) = (source, transcript::turn_at(turns, f.cue.0)) {
        if s.0 == s.1 && d.is(s.0, wc::FIRST_PERSON) && f.pattern != Pattern::Turn {
            if let (Some(m), Some(label)) = (speaker.as_mut(), turn.speaker) {
                m.actor = label.actor;
                for_state = d.is(s.0, wc::WE) && label.actor.is_some();
            }
        }
    }
    if f.pattern == Pattern::Turn {
        source = None;
        speaker = transcript::turn_at(turns, f.cue.0).and_then(|t| t.speaker);
    }
    let _ = source;
    let content = f
        .content
        .and_then(|(mut a, b)| {
            // ", the city is broke": no leading punctuation.
            while a < b && d.is(a, wc::COMMA | wc::COLON | wc::SEMICOLON | wc::DASH) {
                a += 1;
            }
            (!d.is(a, wc::COMMA | wc::COLON | wc::SEMICOLON | wc::DASH)).then_some((a, b))
        })
        .map(|(a, b)| clip(d, d.span(a, b), cue));
    if speaker.is_none() && content.is_none() {
        // "Their view, ..." with neither a speaker nor a content says nothing.
        return None;
    }
    let sentence = d.sentence_of[d.toks[f.cue.0].sent()];
    let (s0, s1) = d.sent_of(f.cue.0);
    let sent = d.span(s0, s1);
    let scope = Span::new(
        clip(d, Span::new(sent.start, cue.start), cue).start,
        clip(d, Span::new(cue.end, sent.end), cue).end,
    );
    Some(Attribution {
        speaker,
        co_speakers,
        for_state,
        cue,
        entry: f.entry,
        content,
        // A turn and a signed post are verbatim, quotation marks or not.
        kind: if matches!(f.pattern, Pattern::Turn | Pattern::SignOff) {
            StatementKind::Direct
        } else {
            kind_of(
                d.text,
                quotes,
                content,
                [Some(cue), speaker.map(|m| m.span)],
            )
        },
        sentence,
        scope,
    })
}

/// A span cut to at most [`MAX_REACH`] bytes on the far side from the cue,
/// at a token boundary.
fn clip(d: &Doc<'_>, span: Span, cue: Span) -> Span {
    if span.len() <= MAX_REACH {
        return span;
    }
    if span.start >= cue.start {
        let end = d
            .tok_ending_by(span.start + MAX_REACH)
            .map_or(span.start, |t| d.toks[t].end())
            .max(span.start);
        Span::new(span.start, end)
    } else {
        let first = d.toks.partition_point(|t| t.start() < span.end - MAX_REACH);
        let start = d
            .toks
            .get(first)
            .map_or(span.end, |t| t.start())
            .min(span.end);
        Span::new(start, span.end)
    }
}

/// Direct when the content is quoted (between its quotations only the
/// statement's own cue and speaker: "'A,' she said. 'B.'"), mixed when it
/// holds a quotation, indirect otherwise.
fn kind_of(
    text: &str,
    quotes: &[Quote],
    content: Option<Span>,
    own: [Option<Span>; 2],
) -> StatementKind {
    let Some(c) = content else {
        return StatementKind::Indirect;
    };
    let i = quotes.partition_point(|q| q.outer.end <= c.start);
    let mut pos = c.start;
    let mut quoted = false;
    let mut outside = false;
    // The own spans by start (a stable order of two, with no table).
    let own = match own {
        [Some(a), Some(b)] if b.start < a.start => [Some(b), Some(a)],
        own => own,
    };
    let gap = |from: usize, to: usize| {
        let mut rest = Span::new(from, to.max(from));
        for s in own.iter().flatten() {
            if s.start >= rest.start && s.end <= rest.end {
                if has_alphanumeric(&text[rest.start..s.start]) {
                    return true;
                }
                rest = Span::new(s.end, rest.end);
            }
        }
        has_alphanumeric(&text[rest.start..rest.end])
    };
    for q in &quotes[i..] {
        if q.outer.start >= c.end {
            break;
        }
        if q.outer.contains(c) {
            return StatementKind::Direct;
        }
        outside |= q.outer.start > pos && gap(pos, q.outer.start);
        quoted = true;
        pos = pos.max(q.outer.end);
    }
    if !quoted {
        // No quotation: indirect, whatever text the content holds.
        return StatementKind::Indirect;
    }
    outside |= pos < c.end && gap(pos, c.end);
    match (quoted, outside) {
        (false, _) => StatementKind::Indirect,
        (true, false) => StatementKind::Direct,
        (true, true) => StatementKind::Mixed,
    }
}

/// Whether `s` holds a letter or digit: an ASCII one found byte by byte
/// (most gaps start with a word), any other char by char.
fn has_alphanumeric(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphanumeric())
        || !s.is_ascii() && s.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `kind_of` as it was, with a table of the own spans and trimmed
    /// gaps: the reference.
    fn kind_of_ref(
        text: &str,
        quotes: &[Quote],
        content: Option<Span>,
        own: &[Option<Span>],
    ) -> StatementKind {
        let Some(c) = content else {
            return StatementKind::Indirect;
        };
        let i = quotes.partition_point(|q| q.outer.end <= c.start);
        let mut pos = c.start;
        let mut quoted = false;
        let mut outside = false;
        let mut own: Vec<Span> = own.iter().flatten().copied().collect();
        own.sort_by_key(|s| s.start);
        let gap = |from: usize, to: usize| {
            let mut rest = Span::new(from, to.max(from));
            for s in &own {
                if s.start >= rest.start && s.end <= rest.end {
                    let head =
                        text[rest.start..s.start].trim_matches(|c: char| !c.is_alphanumeric());
                    if !head.is_empty() {
                        return true;
                    }
                    rest = Span::new(s.end, rest.end);
                }
            }
            !text[rest.start..rest.end]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
        };
        for q in &quotes[i..] {
            if q.outer.start >= c.end {
                break;
            }
            if q.outer.contains(c) {
                return StatementKind::Direct;
            }
            outside |= q.outer.start > pos && gap(pos, q.outer.start);
            quoted = true;
            pos = pos.max(q.outer.end);
        }
        outside |= pos < c.end && gap(pos, c.end);
        match (quoted, outside) {
            (false, _) => StatementKind::Indirect,
            (true, false) => StatementKind::Direct,
            (true, true) => StatementKind::Mixed,
        }
    }

    /// The char boundary at or before `at % (len + 1)`.
    fn boundary(text: &str, at: usize) -> usize {
        let mut i = at % (text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// `kind_of` on the spans the numbers pick in `text` is the reference's.
    fn same_kind(text: &str, picks: [usize; 6], speaker: bool) -> Result<(), String> {
        let quotes = crate::text::quotes(text);
        let span = |a: usize, b: usize| {
            let (a, b) = (boundary(text, a), boundary(text, b));
            Span::new(a.min(b), a.max(b))
        };
        let content = (picks[0] % 5 != 0).then(|| span(picks[0], picks[1]));
        let cue = span(picks[2], picks[3]);
        let who = speaker.then(|| span(picks[4], picks[5]));
        let got = kind_of(text, &quotes, content, [Some(cue), who]);
        let want = kind_of_ref(text, &quotes, content, &[Some(cue), who]);
        if got != want {
            return Err(format!(
                "{text:?} {content:?} {cue:?} {who:?}: {got:?} != {want:?}"
            ));
        }
        Ok(())
    }

    #[test]
    fn a_statement_kind_is_the_references() {
        let text = "\"We will win,\" she said. \"Soon.\" He said “ça va”, adding ‘no’ — é.";
        for picks in [
            [1, 60, 16, 20, 14, 16],
            [0, 0, 0, 0, 0, 0],
            [25, 33, 34, 36, 38, 42],
            [26, 80, 0, 3, 70, 75],
        ] {
            same_kind(text, picks, true).unwrap();
            same_kind(text, picks, false).unwrap();
        }
        same_kind("", [1, 0, 0, 0, 0, 0], true).unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]

        #[test]
        fn a_statement_kind_agrees_on_any_text(
            text in proptest::string::string_regex(
                "([ ,.:\"'\n]|“|”|‘|’|«|»|—|said|he|We|win|é|ça|2024|U\\.S\\.|x){0,40}"
            ).unwrap(),
            picks in proptest::array::uniform6(0usize..400),
            speaker in proptest::prelude::any::<bool>(),
        ) {
            let r = same_kind(&text, picks, speaker);
            proptest::prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }
}
