//! Organisations no dictionary has, found by their names: capitalised
//! words ending in an organisation's head noun ("the Third World Water
//! Forum", "the Liberian Peace Council"), or the head noun with its "of" or
//! "for" phrase ("the Association of African Jurists"). A state named inside
//! gives its country ("the Nigerian Union of Teachers" acts in Nigeria); an
//! acronym in parentheses right after ("(CFVC)") names it again later.
//!
//! Runs on the word lexicon's head-noun hits, so it costs nothing on text
//! without capitalised organisation nouns.

use super::found::Found;
use super::lexicon::{WordClass, WordHit, WordLexicon};
use super::{ActorRef, MentionRec};
use crate::gazetteer::Gazetteer;
use crate::text::{is_capitalized, next_token, prev_token};
use crate::{Actor, ActorKind, MentionKind, Span};

/// At most this many words before the head noun, or after its "of".
const MAX_WORDS: usize = 5;

/// Capitalised words before a name that are not part of it ("The Third
/// World Water Forum", "But the House Committee").
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "if",
    "but",
    "and",
    "or",
    "when",
    "while",
    "as",
    "in",
    "on",
    "at",
    "after",
    "before",
    "since",
    "for",
    "with",
    "by",
    "from",
    "to",
    "under",
    "during",
    "although",
    "though",
    "because",
    "so",
    "yet",
    "meanwhile",
    "however",
    "also",
];

/// Words that join the capitalised words of a name ("Movement for the
/// Actualization of ...").
const JOINERS: &[&str] = &["of", "for", "the", "and", "&"];

pub(super) fn discover(
    text: &str,
    gaz: &Gazetteer,
    lexicon: &WordLexicon,
    words: &[WordHit],
    mentions: &mut Vec<MentionRec>,
    found: &mut Found,
) {
    let mut added: Vec<MentionRec> = Vec::new();
    let mut absorbed: Vec<Span> = Vec::new();
    let mut acronyms: Vec<(String, ActorRef, usize)> = Vec::new();
    let mut done = 0;
    for hit in words {
        // Most hits are pronouns, titles and modifiers, or lower-case
        // group nouns ("officials"): the class, then the head's capital,
        // are tested before the word is looked up.
        let org_class = match hit.class {
            WordClass::OrgHead => true,
            WordClass::Group(_) | WordClass::Description(_) => false,
            _ => continue,
        };
        // The head noun: the hit's last word ("Forum", or "Association"
        // in a description hit "the Association").
        let hit_text = hit.span.as_str(text);
        // A byte search: `rfind(' ')` sets up a char searcher per hit.
        let head_at = hit_text
            .as_bytes()
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |i| i + 1);
        let head_span = Span::new(hit.span.start + head_at, hit.span.end);
        let head = head_span.as_str(text);
        if !is_capitalized(head) || head_span.start < done {
            continue;
        }
        if !org_class && !lexicon.is_org_head(head) {
            continue;
        }
        let start = left_words(text, words, head_span.start);
        let end = right_words(text, lexicon, head_span.end);
        let before = count_words(&text[start..head_span.start]);
        if before == 0 && end == head_span.end {
            continue;
        }
        let span = Span::new(start, end);
        // Known actors inside: a state gives the country; anything else
        // means the name is (part of) a known one.
        let a = mentions.partition_point(|m| m.span.end <= span.start);
        let inside: Vec<&MentionRec> = mentions[a..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .collect();
        // A mention running out of the name, or holding its head noun
        // ("the Russian Federation" is Russia).
        let head_known =
            |m: &&MentionRec| m.span.start < head_span.end && head_span.start < m.span.end;
        if inside
            .iter()
            .any(|m| m.span.start < span.start || m.span.end > span.end || head_known(m))
        {
            continue;
        }
        let mut country = None;
        let mut known = false;
        for m in &inside {
            match m.actor {
                Some(ActorRef::Known(i)) if gaz.actor(i).kind == ActorKind::Country => {
                    country = country.or(Some(i));
                }
                // "African" in "Association of African Jurists" is a word
                // of the name, not the African Union.
                _ if matches!(m.how, MentionKind::Demonym) => {}
                _ => known = true,
            }
        }
        if known {
            continue;
        }
        let name = span.as_str(text);
        let country_id = country.map(|i| gaz.actor(i).id.to_string());
        let existing = found
            .named(name)
            .find(|&i| found.get(i).kind == ActorKind::Organization);
        let r = match existing {
            Some(i) => ActorRef::Found(i),
            None => {
                let id = found.id_for(gaz, name, country_id.as_deref());
                let mut actor = Actor::new(id, name, ActorKind::Organization);
                actor.country = country_id;
                found.push(actor, None)
            }
        };
        let mut mention_end = end;
        if let Some((acronym, after)) = acronym_after(text, end) {
            acronyms.push((acronym.to_string(), r, after));
            mention_end = after;
        }
        absorbed.extend(inside.iter().map(|m| m.span));
        added.push(MentionRec {
            span: Span::new(start, mention_end),
            actor: Some(r),
            how: MentionKind::Name,
            place: false,
            plural: false,
        });
        done = mention_end;
    }
    // Later uses of an acronym ("the CFVC said").
    for (acronym, r, from) in &acronyms {
        let mut pos = *from;
        while let Some(i) = text[pos..].find(acronym.as_str()) {
            let s = pos + i;
            let e = s + acronym.len();
            pos = e;
            let whole = !text[..s].ends_with(|c: char| c.is_alphanumeric())
                && !text[e..].starts_with(|c: char| c.is_alphanumeric());
            let k = mentions.partition_point(|m| m.span.end <= s);
            let taken = mentions.get(k).is_some_and(|m| m.span.start < e)
                || added.iter().any(|m| m.span.start < e && s < m.span.end);
            if whole && !taken {
                added.push(MentionRec {
                    span: Span::new(s, e),
                    actor: Some(*r),
                    how: MentionKind::Alias,
                    place: false,
                    plural: false,
                });
            }
        }
    }
    if added.is_empty() {
        return;
    }
    mentions.retain(|m| !absorbed.contains(&m.span));
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

/// Where the capitalised words before a head noun start ("Third World
/// Water" before "Forum"), over "of" and "for" between capitalised words;
/// not over a leading "The", "But", a title ("President of the ...") or a
/// "Washington-based".
fn left_words(text: &str, words: &[WordHit], head: usize) -> usize {
    let mut start = head;
    let mut cursor = head;
    for _ in 0..MAX_WORDS {
        let Some(tok) = prev_token(text, cursor) else {
            break;
        };
        let w = tok.as_str(text);
        // The word lists and the hits are asked only about a capitalised
        // word (most words before a head noun are not).
        let function = || FUNCTION_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w));
        let title = || {
            let k = words.partition_point(|h| h.span.end <= tok.start);
            words.get(k).is_some_and(|h| {
                h.span.start <= tok.start && matches!(h.class, WordClass::Title(_))
            })
        };
        let located = w.ends_with("-based") || w.ends_with("-led");
        let name_word = is_capitalized(w) && w.chars().any(char::is_lowercase);
        let acronym = w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
        if (name_word || acronym) && !located && !function() && !title() {
            start = tok.start;
            cursor = tok.start;
        } else if matches!(w, "of" | "for") && start < head {
            cursor = tok.start;
        } else {
            break;
        }
    }
    start
}

/// Where the name goes on after its head noun: "of" or "for" and
/// capitalised words ("Association of African Jurists"), up to a person's
/// first name ("... of Danish Industry Thomas Berg") or a line break.
fn right_words(text: &str, lexicon: &WordLexicon, head_end: usize) -> usize {
    let Some(link) = next_token(text, head_end) else {
        return head_end;
    };
    if !matches!(link.as_str(text), "of" | "for") {
        return head_end;
    }
    let mut end = head_end;
    let mut cursor = link.end;
    for _ in 0..MAX_WORDS + 2 {
        let Some(tok) = next_token(text, cursor) else {
            break;
        };
        if text[cursor..tok.start].contains('\n') {
            break;
        }
        let w = tok.as_str(text);
        let name_word = is_capitalized(w) && w.chars().any(char::is_lowercase);
        if name_word && lexicon.gender_of(w).is_none() {
            end = tok.end;
            cursor = tok.end;
        } else if JOINERS.contains(&w) {
            cursor = tok.end;
        } else {
            break;
        }
    }
    end
}

fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| !JOINERS.contains(w))
        .count()
}

/// " (ABC)" right after `end`: the acronym and where the parenthesis ends.
fn acronym_after(text: &str, end: usize) -> Option<(&str, usize)> {
    let rest = &text[end..];
    let inner = rest.strip_prefix(" (")?;
    let close = inner.find(')')?;
    let acronym = &inner[..close];
    let ok = (2..=8).contains(&acronym.len())
        && acronym.chars().all(|c| c.is_ascii_uppercase() || c == '/');
    ok.then_some((acronym, end + 2 + close + 1))
}
