//! People found through their titles, and state groups ("Russian officials").

use super::lexicon::{WordClass, WordHit, WordLexicon};
use super::{actor_id_for, ActorRef, MentionRec};
use crate::gazetteer::Gazetteer;
use crate::text::{is_capitalized, next_token, prev_token, strip_possessive};
use crate::{Actor, ActorKind, MentionKind, Span};

/// Words that may stand between an actor and a title: the portfolio or rank
/// ("EU foreign policy chief", "Russia's defence ministry spokesman").
const PORTFOLIO: &[&str] = &[
    "foreign",
    "policy",
    "affairs",
    "defence",
    "defense",
    "interior",
    "finance",
    "economy",
    "economic",
    "trade",
    "energy",
    "justice",
    "health",
    "security",
    "deputy",
    "vice",
    "top",
    "senior",
    "chief",
    "military",
    "presidential",
    "press",
    "government",
    "ministry",
    "national",
    "state",
    "army",
    "navy",
    "air",
    "force",
    "armed",
    "forces",
    "intelligence",
    "opposition",
    "prime",
    "first",
    "permanent",
    "special",
    "parliamentary",
    "ruling",
    "party",
    "cabinet",
    "federal",
    "regional",
    "high",
    "human",
    "rights",
    "nuclear",
    "deputy-",
];

/// Capitalised words that never start or continue a person's name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "And",
    "But",
    "Or",
    "For",
    "Of",
    "To",
    "With",
    "By",
    "From",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Minister",
    "President",
    "Prime",
    "Foreign",
    "Secretary",
    "General",
    "Chancellor",
    "Deputy",
    "Ministry",
    "Office",
    "Council",
    "Government",
    "State",
    "Parliament",
    "Congress",
    "Senate",
    "House",
    "Party",
    "Army",
    "According",
    "However",
];

/// Name particles that may sit inside a name ("F.W. de Klerk").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "al", "bin", "ibn", "la", "le", "da", "dos", "du", "di",
    "ben", "el", "del", "ter",
];

const MAX_NAME_TOKENS: usize = 4;

/// Finds title phrases before names, merges them with the name into one
/// person mention, and creates actors for people no dictionary knows.
pub(super) fn apply(
    text: &str,
    gaz: &Gazetteer,
    lexicon: &WordLexicon,
    words: &[WordHit],
    mentions: &mut Vec<MentionRec>,
    found: &mut Vec<Actor>,
) {
    let mut out: Vec<MentionRec> = Vec::with_capacity(mentions.len());
    let mut next_mention = 0;
    let mut consumed_until = 0;
    for (wi, hit) in words.iter().enumerate() {
        let title = match hit.class {
            WordClass::Title(t) => t,
            WordClass::Description(h) => match lexicon.heads[h as usize].title {
                Some(t) => t,
                None => continue,
            },
            _ => continue,
        };
        if hit.span.start < consumed_until {
            continue;
        }
        let Some(phrase) = parse_phrase(text, gaz, words, wi, mentions, found) else {
            continue;
        };
        // Keep the mentions before the phrase; drop those it absorbs.
        while next_mention < mentions.len() && mentions[next_mention].span.start < phrase.span.start
        {
            out.push(mentions[next_mention]);
            next_mention += 1;
        }
        while next_mention < mentions.len() && mentions[next_mention].span.start < phrase.span.end {
            next_mention += 1;
        }
        let actor = match phrase.person {
            Some(r) => r,
            None => {
                let title_text = phrase.title.as_str(text).to_string();
                discover(text, gaz, found, &phrase, title_text, title)
            }
        };
        out.push(MentionRec {
            span: phrase.span,
            actor: Some(actor),
            how: phrase.how,
            place: false,
            plural: false,
        });
        consumed_until = phrase.span.end;
    }
    out.extend_from_slice(&mentions[next_mention..]);
    *mentions = out;
}

struct Phrase {
    /// The whole phrase: modifiers, affiliation, title, name.
    span: Span,
    /// Title with its tail ("Deputy Prime Minister for European ... Integration").
    title: Span,
    name: Span,
    affiliation: Option<ActorRef>,
    /// A person the name already resolves to.
    person: Option<ActorRef>,
    how: MentionKind,
}

fn parse_phrase(
    text: &str,
    gaz: &Gazetteer,
    words: &[WordHit],
    wi: usize,
    mentions: &[MentionRec],
    found: &[Actor],
) -> Option<Phrase> {
    let hit = words[wi];
    // A description hit ("the president") starts with "the": the title
    // proper is the last word.
    let mut title = hit.span;
    if matches!(hit.class, WordClass::Description(_)) {
        let first = next_token(text, title.start)?;
        title.start = next_token(text, first.end)?.start;
    }
    let mut start = title.start;
    let mut affiliation = None;
    // Leftwards: portfolio words, then an actor ("Russian", "Ukraine's",
    // "Kremlin"), then modifiers ("former").
    let mut cursor = start;
    let mut steps = 0;
    while let Some(prev) = prev_token(text, cursor) {
        let w = prev.as_str(text);
        if steps < 3 && PORTFOLIO.iter().any(|p| p.eq_ignore_ascii_case(w)) {
            cursor = prev.start;
            steps += 1;
            continue;
        }
        break;
    }
    let (stem_end, _) = possessive_end(text, cursor);
    if let Some(m) = mention_ending(mentions, stem_end) {
        if let Some(r) = m.actor {
            if gaz_kind(gaz, found, r) != ActorKind::Person {
                affiliation = Some(r);
                start = m.span.start;
            }
        }
    } else if cursor < start && is_capitalized(&text[cursor..]) {
        start = cursor;
    }
    if let Some(prev) = prev_token(text, start) {
        let is_modifier = wi > 0
            && words[..wi]
                .iter()
                .rev()
                .take(2)
                .any(|w| w.class == WordClass::Modifier && w.span == prev);
        if is_modifier {
            start = prev.start;
        }
    }
    // Rightwards: the title's tail ("of Ukraine", "for European ... Integration").
    let mut after = title.end;
    if let Some(tok) = next_token(text, after) {
        let w = tok.as_str(text);
        if w == "of" || w == "for" {
            if let Some(next) = next_token(text, tok.end) {
                if let Some(m) = starting_mention(mentions, next.start) {
                    if let Some(r) = m.actor {
                        if gaz_kind(gaz, found, r) != ActorKind::Person {
                            affiliation = affiliation.or(Some(r));
                            title.end = m.span.end;
                            after = m.span.end;
                        }
                    }
                } else if let Some(end) = capitalized_tail(text, tok.end) {
                    title.end = end;
                    after = end;
                }
            }
        }
    }
    // The name, after an optional comma.
    let mut name_start = after;
    let comma = next_token(text, after).filter(|t| t.as_str(text) == ",");
    if let Some(c) = comma {
        name_start = c.end;
    }
    let first = next_token(text, name_start)?;
    if let Some(m) = starting_mention(mentions, first.start) {
        let r = m.actor?;
        if gaz_kind(gaz, found, r) != ActorKind::Person {
            return None;
        }
        return Some(Phrase {
            span: Span::new(start, m.span.end),
            title,
            name: m.span,
            affiliation,
            person: Some(r),
            how: m.how,
        });
    }
    let name = parse_name(text, first.start)?;
    let tokens = name.as_str(text).split_whitespace().count();
    let title_capitalized = is_capitalized(title.as_str(text));
    // After a comma, or after a lower-case title with no affiliation, ask
    // for a full name: "spokesman Dmitry Peskov", not "spokesman Monday".
    if (comma.is_some() || !title_capitalized) && tokens < 2 {
        return None;
    }
    if comma.is_some() && affiliation.is_none() {
        return None;
    }
    let existing = found
        .iter()
        .position(|a| a.name == name.as_str(text))
        .map(|i| ActorRef::Found(i as u32));
    Some(Phrase {
        span: Span::new(start, name.end),
        title,
        name,
        affiliation,
        person: existing,
        how: MentionKind::Title,
    })
}

fn gaz_kind(gaz: &Gazetteer, found: &[Actor], r: ActorRef) -> ActorKind {
    match r {
        ActorRef::Known(i) => gaz.actor(i).kind,
        ActorRef::Found(i) => found[i as usize].kind,
    }
}

/// If `pos` follows a possessive "'s", the offset where the possessed name
/// ends; otherwise `pos`.
fn possessive_end(text: &str, pos: usize) -> (usize, bool) {
    let head = text[..pos].trim_end();
    for suffix in ["'s", "’s"] {
        if let Some(stem) = head.strip_suffix(suffix) {
            return (stem.len(), true);
        }
    }
    (head.len(), false)
}

fn mention_ending(mentions: &[MentionRec], end: usize) -> Option<&MentionRec> {
    let i = mentions.partition_point(|m| m.span.start < end);
    mentions[..i]
        .iter()
        .rev()
        .take(3)
        .find(|m| m.span.end == end)
}

fn starting_mention(mentions: &[MentionRec], start: usize) -> Option<&MentionRec> {
    let i = mentions.partition_point(|m| m.span.start < start);
    mentions.get(i).filter(|m| m.span.start == start)
}

/// "for European and Euro-Atlantic Integration," — capitalised words joined
/// by "and", "of", "the", ending before a comma. Returns the end offset.
fn capitalized_tail(text: &str, pos: usize) -> Option<usize> {
    let mut end = None;
    let mut cursor = pos;
    for _ in 0..8 {
        let tok = next_token(text, cursor)?;
        let w = tok.as_str(text);
        if w == "," {
            return end;
        }
        if is_capitalized(w) || matches!(w, "and" | "of" | "the" | "for" | "&") {
            end = Some(tok.end);
            cursor = tok.end;
        } else {
            return None;
        }
    }
    None
}

/// A person's name starting at `pos`: capitalised tokens, initials and
/// particles. Possessive endings are left out.
fn parse_name(text: &str, pos: usize) -> Option<Span> {
    let mut end = None;
    let mut cursor = pos;
    let mut count = 0;
    while count < MAX_NAME_TOKENS {
        let Some(tok) = next_token(text, cursor) else {
            break;
        };
        let w = tok.as_str(text);
        let (stem, possessive) = strip_possessive(w);
        let initial =
            stem.chars().count() == 1 && is_capitalized(stem) && text[tok.end..].starts_with('.');
        let particle = count > 0
            && PARTICLES.contains(&stem)
            && next_token(text, tok.end).is_some_and(|n| is_capitalized(n.as_str(text)));
        let capital_word = is_capitalized(stem)
            && stem.chars().any(char::is_lowercase)
            && !NOT_NAMES.contains(&stem);
        if initial {
            end = Some(tok.end + 1);
            cursor = tok.end + 1;
        } else if particle || capital_word || (count > 0 && is_acronym_initials(stem)) {
            end = Some(tok.start + stem.len());
            cursor = tok.end;
            if possessive {
                break;
            }
        } else {
            break;
        }
        count += 1;
    }
    let end = end?;
    // A name must end in a capitalised word, not a particle or initial.
    let span = Span::new(pos, end);
    let last = span.as_str(text).split_whitespace().last()?;
    (is_capitalized(last) && last.chars().count() > 2).then_some(span)
}

fn is_acronym_initials(w: &str) -> bool {
    // "F.W" in "F.W. de Klerk"
    w.len() <= 5 && w.contains('.') && w.chars().all(|c| c == '.' || c.is_uppercase())
}

fn discover(
    text: &str,
    gaz: &Gazetteer,
    found: &mut Vec<Actor>,
    phrase: &Phrase,
    title_text: String,
    _title: u32,
) -> ActorRef {
    let name = phrase.name.as_str(text);
    let (country, affiliation) = match phrase.affiliation {
        Some(r) => {
            let a = match r {
                ActorRef::Known(i) => gaz.actor(i),
                ActorRef::Found(i) => &found[i as usize],
            };
            (a.country.clone(), Some(a.id.clone()))
        }
        None => (None, None),
    };
    let id = actor_id_for(found, gaz, name, country.as_deref());
    let mut actor = Actor::new(id, name, ActorKind::Person);
    actor.country = country;
    actor.affiliation = affiliation;
    actor.title = Some(title_text);
    found.push(actor);
    ActorRef::Found(found.len() as u32 - 1)
}

/// Extends a state's or organisation's mention over a following group noun
/// ("Russian officials", "the Ukrainian delegation", "NATO leaders").
pub(super) fn groups(text: &str, gaz: &Gazetteer, words: &[WordHit], mentions: &mut [MentionRec]) {
    for hit in words {
        let WordClass::Group(g) = hit.class else {
            continue;
        };
        let plural = gaz.group_nouns()[g as usize].plural;
        let mut cursor = hit.span.start;
        let mut steps = 0;
        while let Some(prev) = prev_token(text, cursor) {
            let w = prev.as_str(text);
            if steps < 2 && PORTFOLIO.iter().any(|p| p.eq_ignore_ascii_case(w)) {
                cursor = prev.start;
                steps += 1;
            } else {
                break;
            }
        }
        let (stem_end, _) = possessive_end(text, cursor);
        let i = mentions.partition_point(|m| m.span.start < stem_end);
        let Some(m) = mentions[..i]
            .iter_mut()
            .rev()
            .take(3)
            .find(|m| m.span.end == stem_end)
        else {
            continue;
        };
        let Some(ActorRef::Known(a)) = m.actor else {
            continue;
        };
        if gaz.actor(a).kind == ActorKind::Person {
            continue;
        }
        let mut start = m.span.start;
        if let Some(prev) = prev_token(text, start) {
            if prev.as_str(text).eq_ignore_ascii_case("the") {
                start = prev.start;
            }
        }
        m.span = Span::new(start, hit.span.end);
        m.plural = plural;
        m.place = false;
    }
}

#[cfg(test)]
mod tests {
    use crate::mentions::Resolver;

    fn people(text: &str) -> Vec<(String, String, Option<String>)> {
        let r = Resolver::builtin().resolve(text);
        r.mentions
            .iter()
            .filter_map(|m| {
                let a = r.actors.iter().find(|a| Some(&a.id) == m.actor.as_ref())?;
                (a.kind == crate::ActorKind::Person).then(|| {
                    (
                        m.span.as_str(text).to_string(),
                        a.name.clone(),
                        a.country.clone(),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn known_person_with_title() {
        let got = people("Russian President Vladimir Putin reiterated it.");
        assert_eq!(got[0].0, "Russian President Vladimir Putin");
        assert_eq!(got[0].2.as_deref(), Some("RUS"));
    }

    #[test]
    fn unknown_people_found_through_titles() {
        let t = "Ukraine’s Deputy Prime Minister for European and Euro-Atlantic Integration, \
                 Oksana Hrytsenko, spoke. Kremlin spokesman Ivan Petrovsky replied. \
                 former German Chancellor Hans Meiering and President of Ukraine Petro Ivanenko met.";
        let got = people(t);
        let names: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|(_, n, c)| (n.as_str(), c.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("Oksana Hrytsenko", Some("UKR")),
                ("Ivan Petrovsky", Some("RUS")),
                ("Hans Meiering", Some("DEU")),
                ("Petro Ivanenko", Some("UKR")),
            ]
        );
        assert!(got[2].0.starts_with("former German Chancellor"));
    }

    #[test]
    fn no_person_from_ordinary_words() {
        assert!(people("The President said on Monday that talks went well.").is_empty());
        assert!(people("Ukraine asked the minister, Berlin replied.").is_empty());
    }
}
