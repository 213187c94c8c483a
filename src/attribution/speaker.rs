//! Finding the speaker next to a cue.

use crate::mentions::{DocMentions, MentionRec};
use crate::text::{is_capitalized, next_token, prev_token};
use crate::{MentionKind, Span};

/// Words that may stand between a subject and its verb ("has repeatedly
/// framed", "did not say").
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "will",
    "would",
    "shall",
    "should",
    "could",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "also",
    "again",
    "not",
    "n't",
    "never",
    "then",
    "once",
    "already",
    "still",
    "often",
    "always",
    "just",
    "even",
    "further",
    "later",
    "earlier",
    "now",
    "today",
    "yesterday",
    "too",
    "first",
    "last",
    "quickly",
    "had",
    "who",
    "reportedly",
];

/// Words that end a noun phrase on its left.
const LEFT_STOPS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "while", "whereas", "and", "but", "or", "because",
    "as", "when", "if", "since", "although", "though", "where", "after", "before", "so", "than",
    "said", "says", "told", "by", "with", "to", "on", "of", "also", "what", "how", "why",
];

/// Determiners: the left edge of a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "many", "several", "most", "other", "another", "both", "all", "no", "every", "each",
    "one", "two", "three", "four", "five", "few", "various", "numerous", "senior",
];

/// Prepositions allowed inside a noun phrase ("observers in Kyiv").
const INNER_PREPOSITIONS: &[&str] = &["in", "of", "for", "from", "at"];

/// Words that end a noun phrase on its right.
const RIGHT_STOPS: &[&str] = &[
    "that",
    "who",
    "which",
    "whose",
    "when",
    "while",
    "and",
    "but",
    "on",
    "in",
    "at",
    "after",
    "before",
    "during",
    "as",
    "to",
    "said",
    "says",
    "told",
    "is",
    "was",
    "has",
    "had",
    "have",
    "are",
    "were",
    "will",
    "would",
    "last",
    "this",
    "earlier",
    "late",
    "today",
    "yesterday",
];

const MAX_PHRASE_TOKENS: usize = 7;

type Speaker = (MentionRec, Vec<MentionRec>);

/// The speaker that ends just before `pos` (the cue), skipping auxiliaries
/// and adverbs: a mention, a compound of mentions, or a noun phrase.
pub(super) fn left_of(
    text: &str,
    pos: usize,
    sentence: Span,
    doc: &DocMentions,
) -> Option<Speaker> {
    let mut cursor = pos;
    let mut tok = prev_token(text, cursor).filter(|t| t.start >= sentence.start)?;
    for _ in 0..4 {
        let w = tok.as_str(text).to_ascii_lowercase();
        let adverb = w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase());
        if !(AUXILIARIES.contains(&w.as_str()) || adverb) {
            break;
        }
        cursor = tok.start;
        tok = prev_token(text, cursor).filter(|t| t.start >= sentence.start)?;
    }
    let word = tok.as_str(text);
    if word == "," {
        // "..., Olga Stefanishyna, conveyed": a titled person in apposition.
        let m = doc.ending_at(tok.start)?;
        let is_person = m.actor.is_some()
            && matches!(
                m.how,
                MentionKind::Title | MentionKind::Name | MentionKind::Alias | MentionKind::Surname
            );
        return (is_person && m.span.as_str(text).contains(',') && !m.place)
            .then(|| (*m, Vec::new()));
    }
    if let Some(m) = doc.ending_at(tok.end) {
        if !m.place {
            return Some(compound_left(text, *m, sentence, doc));
        }
    }
    phrase_left(text, tok, sentence, doc).map(|m| (m, Vec::new()))
}

/// "Washington and Brussels": the first conjunct speaks, the others join.
fn compound_left(text: &str, last: MentionRec, sentence: Span, doc: &DocMentions) -> Speaker {
    let mut parts = vec![last];
    let mut start = last.span.start;
    for _ in 0..3 {
        let Some(conj) = prev_token(text, start).filter(|t| t.start >= sentence.start) else {
            break;
        };
        if !matches!(conj.as_str(text), "and" | "&" | ",") {
            break;
        }
        let Some(prev) = prev_token(text, conj.start) else {
            break;
        };
        let Some(m) = doc.ending_at(prev.end) else {
            break;
        };
        if m.place || m.actor.is_none() {
            break;
        }
        parts.push(*m);
        start = m.span.start;
    }
    parts.reverse();
    let mut first = parts.remove(0);
    if !parts.is_empty() {
        first.span = Span::new(first.span.start, last.span.end);
    }
    (first, parts)
}

/// A noun phrase ending with `last`: words leftwards to a determiner, a
/// clause boundary or punctuation.
fn phrase_left(text: &str, last: Span, sentence: Span, doc: &DocMentions) -> Option<MentionRec> {
    let w = last.as_str(text);
    if !w.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let lw = w.to_ascii_lowercase();
    if LEFT_STOPS.contains(&lw.as_str()) || DETERMINERS.contains(&lw.as_str()) {
        return None;
    }
    let mut start = last.start;
    let mut cursor = last.start;
    for _ in 1..MAX_PHRASE_TOKENS {
        let Some(tok) = prev_token(text, cursor).filter(|t| t.start >= sentence.start) else {
            break;
        };
        let word = tok.as_str(text);
        let lower = word.to_ascii_lowercase();
        if !word.chars().next().is_some_and(char::is_alphanumeric) {
            break;
        }
        if DETERMINERS.contains(&lower.as_str()) {
            start = tok.start;
            break;
        }
        if INNER_PREPOSITIONS.contains(&lower.as_str()) {
            // Only inside a phrase that goes on to the left with a noun.
            let Some(head) = prev_token(text, tok.start).filter(|t| t.start >= sentence.start)
            else {
                break;
            };
            let hw = head.as_str(text).to_ascii_lowercase();
            if !head
                .as_str(text)
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
                || LEFT_STOPS.contains(&hw.as_str())
            {
                break;
            }
            start = head.start;
            cursor = head.start;
            continue;
        }
        if LEFT_STOPS.contains(&lower.as_str()) || is_verbish(&lower) {
            break;
        }
        start = tok.start;
        cursor = tok.start;
    }
    let span = Span::new(start, last.end);
    Some(phrase(text, span, doc))
}

/// Lower-case words that are surely not part of a subject noun phrase.
fn is_verbish(w: &str) -> bool {
    w.ends_with("ed") && w.len() > 4 || w.ends_with("ing") && w.len() > 5
}

/// A phrase speaker: it takes an actor when a non-place actor mention in it
/// is its head or a demonym ("top Russian officials").
fn phrase(text: &str, span: Span, doc: &DocMentions) -> MentionRec {
    let inner = doc.within(span);
    let head = inner.iter().rev().find(|m| {
        m.actor.is_some() && !m.place && (m.span.end == span.end || m.how == MentionKind::Demonym)
    });
    let plural = span
        .as_str(text)
        .split_whitespace()
        .last()
        .is_some_and(|w| w.ends_with('s') && !is_capitalized(w));
    MentionRec {
        span,
        actor: head.and_then(|m| m.actor),
        how: head.map_or(MentionKind::Phrase, |m| m.how),
        place: false,
        plural,
    }
}

/// The speaker that starts right after `pos` ("according to X", "said X").
pub(super) fn right_of(
    text: &str,
    pos: usize,
    sentence: Span,
    doc: &DocMentions,
) -> Option<Speaker> {
    let first = next_token(text, pos).filter(|t| t.end <= sentence.end)?;
    if let Some(m) = doc.starting_at(first.start) {
        if !m.place {
            return Some(compound_right(text, *m, sentence, doc));
        }
    }
    let w = first.as_str(text);
    if !w.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut end = first.end;
    let mut cursor = first.end;
    let lw = w.to_ascii_lowercase();
    if RIGHT_STOPS.contains(&lw.as_str()) {
        return None;
    }
    for _ in 1..MAX_PHRASE_TOKENS {
        let Some(tok) = next_token(text, cursor).filter(|t| t.end <= sentence.end) else {
            break;
        };
        let word = tok.as_str(text);
        let lower = word.to_ascii_lowercase();
        if !word.chars().next().is_some_and(char::is_alphanumeric)
            || RIGHT_STOPS.contains(&lower.as_str())
        {
            break;
        }
        end = tok.end;
        cursor = tok.end;
    }
    Some((phrase(text, Span::new(first.start, end), doc), Vec::new()))
}

fn compound_right(text: &str, first: MentionRec, sentence: Span, doc: &DocMentions) -> Speaker {
    let mut head = first;
    let mut rest = Vec::new();
    let mut end = first.span.end;
    for _ in 0..3 {
        let Some(conj) = next_token(text, end).filter(|t| t.end <= sentence.end) else {
            break;
        };
        if conj.as_str(text) != "and" {
            break;
        }
        let Some(next) = next_token(text, conj.end) else {
            break;
        };
        let Some(m) = doc.starting_at(next.start) else {
            break;
        };
        if m.place || m.actor.is_none() {
            break;
        }
        rest.push(*m);
        end = m.span.end;
    }
    if !rest.is_empty() {
        head.span = Span::new(head.span.start, end);
    }
    (head, rest)
}
