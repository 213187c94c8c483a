//! Transcripts: "President of Russia Vladimir Putin: Colleagues, ..." and
//! "TAPPER: And obviously, ...". A speaker label and a colon open a turn;
//! the turn is a direct statement of its speaker, and runs to the next
//! label (in a transcript, over paragraphs) or to the end of its paragraph.

use super::frames::{Found, Pattern, COLON};
use super::speaker::{self, Range};
use super::tokens::{wc, Doc};
use crate::mentions::{DocMentions, MentionRec};
use crate::MentionKind;

/// The longest speaker label, in tokens ("Presidential Press Secretary
/// Dmitry Peskov").
const MAX_LABEL: usize = 10;

/// One turn of a transcript.
#[derive(Debug, Clone)]
pub(super) struct Turn {
    pub label: Range,
    pub colon: usize,
    /// The turn's last token.
    pub end: usize,
    pub speaker: Option<MentionRec>,
}

impl Turn {
    pub(super) fn statement(&self, d: &Doc<'_>) -> Found<'static> {
        Found {
            cue: (self.colon, self.colon),
            source: Some(self.label),
            content: d.trim_end(self.colon + 1, self.end),
            entry: &COLON,
            pattern: Pattern::Turn,
        }
    }
}

/// The turn that token `i` lies in.
pub(super) fn turn_at(turns: &[Turn], i: usize) -> Option<&Turn> {
    let k = turns.partition_point(|t| t.colon <= i);
    turns[..k].last().filter(|t| i <= t.end)
}

/// The turns of a document.
pub(super) fn turns(d: &Doc<'_>, mentions: &DocMentions) -> Vec<Turn> {
    let mut labels: Vec<(Range, usize, Option<MentionRec>)> = Vec::new();
    let mut strong = 0;
    for &colon in &d.marks {
        if colon == 0
            || !d.is(colon, wc::COLON)
            || colon + 1 >= d.len()
            || d.toks[colon + 1].line_before()
            || d.is(colon + 1, wc::DIGIT)
        {
            continue;
        }
        if let Some((label, speaker, sure)) = label_before(d, colon, mentions) {
            strong += usize::from(sure);
            labels.push((label, colon, speaker));
        }
    }
    // A name-like label ("Margarita Simonyan:") opens a turn only in a
    // transcript, where known speakers take turns too.
    let transcript = strong >= 2;
    if !transcript {
        labels.retain(|(label, _, speaker)| {
            speaker.is_some_and(|m| m.actor.is_some())
                || d.str(label.1).chars().all(|c| !c.is_lowercase())
        });
    }
    let mut out: Vec<Turn> = Vec::with_capacity(labels.len());
    for (n, &(label, colon, speaker)) in labels.iter().enumerate() {
        // The next turn starts at its label, or at the mark that opens it
        // in a transcript quoted whole.
        let next = labels.get(n + 1).map_or(d.len(), |l| {
            let s = l.0 .0;
            if s > 0 && d.is(s - 1, wc::QUOTE) && d.toks[s - 1].line_before() {
                s - 1
            } else {
                s
            }
        });
        let end = turn_end(d, colon, next, transcript);
        if end > colon {
            out.push(Turn {
                label,
                colon,
                end,
                speaker,
            });
        }
    }
    out
}

/// The last token of the turn whose label ends at `colon`, the next turn
/// starting at token `next`: the token before it in a transcript, else the
/// last one before a line break (`colon` itself for an empty turn).
fn turn_end(d: &Doc<'_>, colon: usize, next: usize, transcript: bool) -> usize {
    if transcript {
        // Every token up to the next turn, with no look at them.
        return if next > colon + 1 { next - 1 } else { colon };
    }
    let mut end = colon;
    for k in colon + 1..next {
        if d.toks[k].line_before() {
            break;
        }
        end = k;
    }
    end
}

/// The speaker label that ends right before the colon at `colon`, with its
/// speaker mention, and whether it is surely a label (a known person, an
/// all-capitals name).
fn label_before(
    d: &Doc<'_>,
    colon: usize,
    mentions: &DocMentions,
) -> Option<(Range, Option<MentionRec>, bool)> {
    let (mut s0, _) = d.sent_of(colon);
    // A transcript quoted whole, a mark opening each turn: "\"PENCE: Well, ...".
    if d.is(s0, wc::QUOTE) && s0 + 1 < colon {
        s0 += 1;
    }
    let last = colon - 1;
    // A person the mention stage knows, ending at the colon, at the start
    // of a sentence or after a heading's capitalised words.
    if let Some(m) = mentions.ending_at(d.toks[last].end()) {
        let known = m.actor.is_some()
            && !m.place
            && matches!(
                m.how,
                MentionKind::Title | MentionKind::Name | MentionKind::Alias | MentionKind::Surname
            );
        if let Some(first) = d.tok_at(m.span.start).filter(|_| known) {
            // At a sentence or line start, after a heading's words, or a
            // full name before a capitalised turn ("... meeting President
            // of Russia Vladimir Putin: Colleagues").
            let full_name = last > first && d.cap(colon + 1);
            let opens = first == s0
                || d.toks[first].line_before()
                || full_name
                || (first > s0 && d.cap(first - 1) && !d.is(first - 1, wc::PERIOD));
            if opens {
                return Some(((first, last), Some(*m), true));
            }
        }
    }
    // Otherwise a name-like label opening its sentence: "Question:",
    // "TAPPER:", "Margarita Simonyan:".
    if colon - s0 > MAX_LABEL || colon == s0 {
        return None;
    }
    let range = (s0, last);
    let words = colon - s0;
    let all_caps = (s0..colon).all(|k| {
        let w = d.str(k);
        d.is(k, wc::PERIOD)
            || w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_alphabetic)
    });
    let named = (2..=4).contains(&words)
        && (s0..colon).all(|k| d.cap(k) && d.is(k, wc::ALPHA) && !d.is(k, wc::DET | wc::PRONOUN));
    let generic = words == 1 && d.is(s0, wc::TURN_LABEL);
    let all_caps = all_caps && d.str(last).len() >= 3;
    if !(all_caps || named || generic) || (s0..colon).any(|k| d.is(k, wc::NOT_LABEL)) {
        return None;
    }
    let (speaker, _) = speaker::resolve(d, range, mentions);
    Some((range, Some(speaker), all_caps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::CueLexicon;
    use crate::Span;

    /// The turn's end as the walk over its tokens finds it.
    fn turn_end_ref(d: &Doc<'_>, colon: usize, next: usize, transcript: bool) -> usize {
        let mut end = colon;
        for k in colon + 1..next {
            if d.toks[k].line_before() && !transcript {
                break;
            }
            end = k;
        }
        end
    }

    fn same_turn_ends(text: &str) -> Result<(), String> {
        let sentences: Vec<Span> = crate::text::sentences(text).collect();
        let quotes = crate::text::quotes(text);
        let d = Doc::new(
            text,
            &sentences,
            &quotes,
            CueLexicon::builtin().word_classes(),
        );
        for colon in 0..d.len() {
            for next in colon..=d.len() {
                for transcript in [false, true] {
                    let got = turn_end(&d, colon, next, transcript);
                    if got != turn_end_ref(&d, colon, next, transcript) {
                        return Err(format!("{text:?} {colon} {next} {transcript}: {got}"));
                    }
                }
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 300, ..Default::default() })]

        #[test]
        fn a_turn_ends_where_the_walk_over_its_tokens_ends(
            text in proptest::string::string_regex("([ :.\n]|Putin|Yes|we){0,24}").unwrap()
        ) {
            proptest::prop_assert!(same_turn_ends(&text).is_ok(), "{}", same_turn_ends(&text).unwrap_err());
        }
    }
}
