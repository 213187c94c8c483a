//! Attribution: who said what. Finds each statement's cue, speaker and
//! content, with no parser.
//!
//! The fourth stage of the pipeline. It reads sentences and quotations (from
//! [`text`](crate::text)) and mentions (from [`mentions`](crate::mentions)),
//! and knows nothing of stance.

mod lexicon;
mod speaker;

pub use lexicon::{Cue, CueClass, CueLexicon, CueMatches, Frame};

use crate::mentions::{DocMentions, MentionRec};
use crate::text::{is_word_char, next_token, prev_token, Quote};
use crate::{Span, StatementKind};

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
    pub cue: Span,
    pub entry: &'c Cue,
    pub content: Option<Span>,
    pub kind: StatementKind,
    pub sentence: usize,
    /// The part of the sentence within [`MAX_REACH`] of the cue.
    pub scope: Span,
}

/// Finds the statements of a document.
pub(crate) fn attribute<'c>(
    text: &str,
    sentences: &[Span],
    quotes: &[Quote],
    doc: &DocMentions,
    cues: &'c CueLexicon,
) -> Vec<Attribution<'c>> {
    let mut out: Vec<Attribution<'c>> = Vec::new();
    let mut s = 0;
    let mut sentence_first = 0;
    for (cue, entry) in cues.find_iter(text) {
        while s < sentences.len() && sentences[s].end <= cue.start {
            s += 1;
        }
        let Some(&sentence) = sentences.get(s) else {
            break;
        };
        if cue.start < sentence.start {
            continue;
        }
        if out.get(sentence_first).map_or(true, |a| a.sentence != s) {
            close_sentence(text, &mut out[sentence_first..]);
            sentence_first = out.len();
        }
        if inside_quote(quotes, cue) || inside_name(text, doc, sentence, cue) {
            continue;
        }
        let scope = reach(text, sentence, cue);
        if let Some(a) = attribute_one(text, scope, s, quotes, doc, cue, entry) {
            out.push(a);
        }
    }
    close_sentence(text, &mut out[sentence_first..]);
    out
}

/// The sentence clipped to [`MAX_REACH`] bytes on each side of the cue, on
/// word boundaries.
fn reach(text: &str, sentence: Span, cue: Span) -> Span {
    let mut start = sentence.start.max(cue.start.saturating_sub(MAX_REACH));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > sentence.start {
        // Do not start inside a word.
        let head = &text[start..cue.start];
        start += head
            .find(|c: char| !is_word_char(c))
            .map_or(head.len(), |i| i + 1);
    }
    let mut end = sentence.end.min(cue.end + MAX_REACH);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < sentence.end {
        end = text[cue.end..end]
            .rfind(|c: char| !is_word_char(c))
            .map_or(cue.end, |i| cue.end + i);
    }
    Span::new(start, end)
}

/// A cue that is part of a name ("the United States", "Reporters Without
/// Borders") or capitalised inside a sentence is no cue.
fn inside_name(text: &str, doc: &DocMentions, sentence: Span, cue: Span) -> bool {
    let capitalised = text[cue.start..].starts_with(|c: char| c.is_uppercase());
    if capitalised && !is_sentence_initial(text, sentence, cue) {
        return true;
    }
    let i = doc.mentions.partition_point(|m| m.span.end <= cue.start);
    doc.mentions
        .get(i)
        .is_some_and(|m| m.span.start < cue.end && m.actor.is_some())
}

fn inside_quote(quotes: &[Quote], cue: Span) -> bool {
    let i = quotes.partition_point(|q| q.inner.end <= cue.start);
    quotes
        .get(i)
        .is_some_and(|q| q.closed && q.inner.contains(cue))
}

fn attribute_one<'c>(
    text: &str,
    sentence: Span,
    index: usize,
    quotes: &[Quote],
    doc: &DocMentions,
    cue: Span,
    entry: &'c Cue,
) -> Option<Attribution<'c>> {
    let before = prev_token(text, cue.start).filter(|t| t.start >= sentence.start);
    let before_word = before.map(|t| t.as_str(text).to_ascii_lowercase());
    // "the said agreement", "a claim": a determiner makes a verb form a noun.
    if entry.frame != Frame::Noun
        && matches!(
            before_word.as_deref(),
            Some("the" | "a" | "an" | "this" | "his" | "her" | "its" | "their")
        )
    {
        return None;
    }
    if let Some(tok) = before.filter(|_| entry.frame != Frame::SourceFirst) {
        let (stem, possessive) = crate::text::strip_possessive(tok.as_str(text));
        if possessive {
            // "Moscow's view that ...": the possessor holds the view.
            let speaker = doc.ending_at(tok.start + stem.len()).filter(|m| !m.place)?;
            let that = next_token(text, cue.end).filter(|t| t.as_str(text) == "that")?;
            let content = content_after(text, that.end, sentence, quotes, false);
            return Some(Attribution {
                speaker: Some(*speaker),
                co_speakers: Vec::new(),
                cue,
                entry,
                content,
                kind: kind_of(quotes, content),
                sentence: index,
                scope: sentence,
            });
        }
    }
    let (speaker, co_speakers, content) = match entry.frame {
        Frame::SourceFirst | Frame::Agent => {
            let (speaker, co) = speaker::right_of(text, cue.end, sentence, doc)?;
            let content = if is_sentence_initial(text, sentence, cue) {
                after_comma(text, speaker.span.end, sentence)
            } else {
                before_cue(text, sentence, cue.start)
            };
            (Some(speaker), co, content)
        }
        Frame::Passive => (
            None,
            Vec::new(),
            content_after(text, cue.end, sentence, quotes, false),
        ),
        Frame::Noun => return None,
        Frame::Verb | Frame::VerbObject => {
            if is_ing(text, cue) && matches!(before_word.as_deref(), Some(",")) {
                // ", arguing that ...": the same speaker goes on; the content
                // of the main statement covers it.
                return None;
            }
            if let Some(by) = next_token(text, cue.end).filter(|t| t.as_str(text) == "by") {
                // "a process viewed by Kyiv as essential": the agent speaks.
                let (speaker, co) = speaker::right_of(text, by.end, sentence, doc)?;
                let content = content_after(text, speaker.span.end, sentence, quotes, false);
                (Some(speaker), co, content)
            } else if let Some((speaker, co)) = speaker::left_of(text, cue.start, sentence, doc) {
                let object = entry.frame == Frame::VerbObject;
                let content = content_after(text, cue.end, sentence, quotes, object)
                    .or_else(|| content_before(text, sentence, speaker.span.start, quotes));
                (Some(speaker), co, content)
            } else {
                // "'...,' said X" / "..., said X."
                let (speaker, co) = speaker::right_of(text, cue.end, sentence, doc)?;
                let content = content_before(text, sentence, cue.start, quotes);
                content?;
                (Some(speaker), co, content)
            }
        }
    };
    let kind = kind_of(quotes, content);
    Some(Attribution {
        speaker,
        co_speakers,
        cue,
        entry,
        content,
        kind,
        sentence: index,
        scope: sentence,
    })
}

fn is_ing(text: &str, cue: Span) -> bool {
    cue.as_str(text)
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with("ing"))
}

fn is_sentence_initial(text: &str, sentence: Span, cue: Span) -> bool {
    text[sentence.start..cue.start]
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '—' | '-')
        })
        .is_empty()
        || text[sentence.start..cue.start].trim_end().ends_with(',')
            && text[sentence.start..cue.start].split_whitespace().count() <= 3
}

/// The text after the comma that follows `pos`, to the end of the sentence.
fn after_comma(text: &str, pos: usize, sentence: Span) -> Option<Span> {
    let rest = &text[pos..sentence.end];
    let comma = rest.find(',')?;
    trim_content(text, Span::new(pos + comma + 1, sentence.end))
}

/// The text from the sentence start to the cue, without the joining comma.
fn before_cue(text: &str, sentence: Span, end: usize) -> Option<Span> {
    trim_content(text, Span::new(sentence.start, end))
}

/// Content after a cue: a quotation that opens there, or the reported clause
/// to the end of the sentence. `object`: skip a listener ("told reporters").
fn content_after(
    text: &str,
    pos: usize,
    sentence: Span,
    quotes: &[Quote],
    object: bool,
) -> Option<Span> {
    let mut start = pos;
    // "said on Tuesday that ...", "told reporters that ...": start after
    // "that" when it comes within a few words and before any punctuation.
    let mut cursor = pos;
    for _ in 0..if object { 7 } else { 5 } {
        let Some(tok) = next_token(text, cursor).filter(|t| t.end <= sentence.end) else {
            break;
        };
        let w = tok.as_str(text);
        if w.eq_ignore_ascii_case("that") {
            start = tok.end;
            break;
        }
        if w.chars().all(|c| !c.is_alphanumeric()) {
            if w == ":" || w == "," {
                start = tok.end;
            }
            break;
        }
        cursor = tok.end;
    }
    let first = next_token(text, start).filter(|t| t.start < sentence.end)?;
    if let Some(q) = quote_at(quotes, first.start) {
        return Some(q.outer);
    }
    trim_content(text, Span::new(first.start, sentence.end))
}

/// Content before a speaker placed after it: "C, X said." / "'C,' said X".
fn content_before(text: &str, sentence: Span, end: usize, quotes: &[Quote]) -> Option<Span> {
    let head = text[sentence.start..end].trim_end();
    let head = head.strip_suffix(',').unwrap_or(head).trim_end();
    if head.is_empty() {
        return None;
    }
    let limit = sentence.start + head.len() + 2;
    let i = quotes.partition_point(|q| q.outer.end <= limit);
    let last = quotes[..i].last().filter(|q| q.outer.end > sentence.start);
    if let Some(q) = last {
        if q.outer.end + 2 >= sentence.start + head.len() {
            return Some(Span::new(q.outer.start.max(sentence.start), q.outer.end));
        }
    }
    trim_content(text, Span::new(sentence.start, sentence.start + head.len()))
}

fn quote_at(quotes: &[Quote], pos: usize) -> Option<&Quote> {
    let i = quotes.partition_point(|q| q.outer.start < pos);
    quotes.get(i).filter(|q| q.outer.start == pos)
}

/// Trims white space, a leading comma and the sentence's final punctuation.
fn trim_content(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.start..span.end];
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == ',')
            .len();
    let body = &s[lead..];
    let body = body.trim_end();
    let body = body.trim_end_matches(['.', '!', '?', ';', ',']).trim_end();
    (!body.is_empty()).then(|| Span::new(span.start + lead, span.start + lead + body.len()))
}

fn kind_of(quotes: &[Quote], content: Option<Span>) -> StatementKind {
    let Some(c) = content else {
        return StatementKind::Indirect;
    };
    let i = quotes.partition_point(|q| q.outer.end <= c.start);
    let mut overlaps = false;
    for q in &quotes[i..] {
        if q.outer.start >= c.end {
            break;
        }
        if q.outer.contains(c) || c.contains(q.outer) && q.outer.len() + 4 >= c.len() {
            return StatementKind::Direct;
        }
        overlaps = true;
    }
    if overlaps {
        StatementKind::Mixed
    } else {
        StatementKind::Indirect
    }
}

/// Words that end one speaker's clause before another speaker's.
const CLAUSE_BREAKS: &[&str] = &[",", ";", "while", "whereas", "but", "and", ":", "—"];

/// Cuts each statement's content where a later statement of the same
/// sentence, by another speaker, begins ("A framed X, while B maintains Y").
fn close_sentence(text: &str, statements: &mut [Attribution<'_>]) {
    for i in 0..statements.len() {
        let Some(content) = statements[i].content else {
            continue;
        };
        if content.start < statements[i].cue.end {
            continue;
        }
        let me = statements[i].speaker.and_then(|m| m.actor);
        for j in i + 1..statements.len() {
            // Statements are in cue order: none after the content's end
            // can cut it.
            if statements[j].cue.start >= content.end {
                break;
            }
            let Some(other) = statements[j].speaker else {
                continue;
            };
            if other.span.start <= statements[i].cue.end || other.span.start >= content.end {
                continue;
            }
            if other.span.start > statements[j].cue.start {
                continue;
            }
            if me.is_some() && other.actor == me {
                continue;
            }
            let Some(brk) = prev_token(text, other.span.start) else {
                continue;
            };
            if !CLAUSE_BREAKS.contains(&brk.as_str(text)) {
                continue;
            }
            let mut end = brk.start;
            if let Some(comma) = prev_token(text, brk.start).filter(|t| t.as_str(text) == ",") {
                end = comma.start;
            }
            if let Some(c) = trim_content(text, Span::new(content.start, end)) {
                statements[i].content = Some(c);
            }
            break;
        }
    }
}
