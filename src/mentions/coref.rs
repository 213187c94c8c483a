//! Coreference inside a document: surnames, pronouns, descriptions.

use super::lexicon::{Pronoun, WordClass, WordHit, WordLexicon};
use super::{ActorRef, DocMentions, MentionRec};
use crate::gazetteer::Gazetteer;
use crate::text::{is_capitalized, is_whole_word};
use crate::{ActorKind, MentionKind, Span};

/// How far back (in bytes) a pronoun or description looks for its antecedent.
const MAX_DISTANCE: usize = 1500;
/// At most this many distinct surnames are tracked per document, which keeps
/// the surname pass linear in the text.
const MAX_SURNAMES: usize = 32;

/// After a person's full name, their surname alone refers to them.
pub(super) fn surnames(text: &str, gaz: &Gazetteer, doc: &mut DocMentions) {
    let mut seen: Vec<(String, ActorRef, usize)> = Vec::new();
    for m in &doc.mentions {
        let Some(r) = m.actor else { continue };
        let actor = doc.actor(gaz, r);
        if actor.kind != ActorKind::Person || seen.iter().any(|(_, a, _)| *a == r) {
            continue;
        }
        let mut parts = actor.name.split_whitespace();
        let Some(last) = parts.next().and_then(|_| parts.last()) else {
            continue;
        };
        if last.chars().count() < 3 || !is_capitalized(last) {
            continue;
        }
        seen.push((last.to_string(), r, m.span.end));
        if seen.len() >= MAX_SURNAMES {
            break;
        }
    }
    let mut added = Vec::new();
    for (surname, r, from) in &seen {
        for (i, _) in text[*from..].match_indices(surname.as_str()) {
            let start = from + i;
            let end = start + surname.len();
            if !is_whole_word(text, start, end) || covered(&doc.mentions, start, end) {
                continue;
            }
            added.push(MentionRec {
                span: Span::new(start, end),
                actor: Some(*r),
                how: MentionKind::Surname,
                place: false,
                plural: false,
            });
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

fn covered(mentions: &[MentionRec], start: usize, end: usize) -> bool {
    let i = mentions.partition_point(|m| m.span.end <= start);
    mentions
        .get(i)
        .is_some_and(|m| m.span.start < end && start < m.span.end)
}

/// Resolves pronouns and definite descriptions to the most recent fitting
/// mention.
pub(super) fn resolve(
    text: &str,
    gaz: &Gazetteer,
    lexicon: &WordLexicon,
    words: &[WordHit],
    doc: &mut DocMentions,
) {
    let mut added: Vec<MentionRec> = Vec::new();
    for hit in words {
        let start = hit.span.start;
        if covered(&doc.mentions, start, hit.span.end) {
            continue;
        }
        let before = doc.mentions.partition_point(|m| m.span.start < start);
        let mut recent = doc.mentions[..before]
            .iter()
            .rev()
            .take_while(|m| start - m.span.end <= MAX_DISTANCE);
        let (antecedent, how, plural) = match hit.class {
            WordClass::Pronoun(Pronoun::Masculine | Pronoun::Feminine) => {
                let a = recent.filter(|m| !m.plural).find_map(|m| {
                    m.actor
                        .filter(|&r| doc.actor(gaz, r).kind == ActorKind::Person)
                });
                (a, MentionKind::Pronoun, false)
            }
            WordClass::Pronoun(Pronoun::Plural) => {
                let a = recent.take(3).find(|m| m.plural).and_then(|m| m.actor);
                (a, MentionKind::Pronoun, true)
            }
            WordClass::Description(h) => {
                let head = &lexicon.heads[h as usize];
                let a = recent.find_map(|m| {
                    let r = m.actor?;
                    let fits = match r {
                        ActorRef::Known(i) if head.actors.contains(&i) => true,
                        _ => head.title.is_some() && holds_title(doc, gaz, r, &head.head),
                    };
                    fits.then_some(r)
                });
                match a {
                    Some(a) => (Some(a), MentionKind::Description, false),
                    None => continue,
                }
            }
            _ => continue,
        };
        // A sentence-initial "Her" or "His" is still a pronoun; a
        // capitalised "They" is too. Nothing else to check.
        let _ = text;
        added.push(MentionRec {
            span: hit.span,
            actor: antecedent,
            how,
            place: false,
            plural,
        });
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

fn holds_title(doc: &DocMentions, gaz: &Gazetteer, r: ActorRef, head: &str) -> bool {
    let actor = doc.actor(gaz, r);
    if actor.kind != ActorKind::Person {
        return false;
    }
    let has = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(head))
    };
    actor.title.as_deref().is_some_and(has) || actor.terms.iter().any(|t| has(&t.office))
}
