//! People found through their titles, offices without a name ("the German
//! chancellor"), and state groups ("Russian officials").
//!
//! A title phrase is read outwards from its title word:
//!
//! ```text
//! former   German   foreign policy   Chancellor   of X   ,   Hans Meiering
//! modifier affiliation  portfolio      title      tail        name
//!
//! Hans Meiering   ,   the   German   chancellor   ,
//! name (apposition)        affiliation  title      closing comma
//! ```
//!
//! With a name, the phrase is one mention of that person (a known one, or
//! one the document introduces). Without a name but with an affiliation, it
//! is an office: its holder on the document's date, else the state or
//! organisation it belongs to.

use super::found::Found;
use super::lexicon::{gendered_word, WordClass};
use super::{ActorRef, Context, MentionRec};
use crate::gazetteer::Role;
use crate::text::{is_capitalized, is_one_of, next_token, prev_token, strip_possessive};
use crate::{Actor, ActorKind, MentionKind, Span};

const MAX_NAME_TOKENS: usize = 4;

/// Modifiers after which an office without a name is not its holder ("a
/// former Russian official").
const PAST: &[&str] = &["former", "ex", "late", "then"];

/// Finds title phrases, merges each into one mention (absorbing the
/// mentions inside it), and creates actors for people no dictionary knows.
pub(super) fn apply(cx: &Context<'_>, mentions: &mut Vec<MentionRec>, found: &mut Found) {
    // Room for the mentions the later passes add (surnames, pronouns,
    // descriptions: about one per word hit at most), so that their extends
    // do not move the list again.
    let mut out = super::spare::list();
    out.reserve(mentions.len() + cx.words.len());
    let mut next_mention = 0;
    let mut consumed_until = 0;
    for (wi, hit) in cx.words.iter().enumerate() {
        let is_title = match hit.class {
            WordClass::Title(_) => true,
            WordClass::Description(h) => cx.lexicon.heads[h as usize].title.is_some(),
            _ => false,
        };
        if !is_title || hit.span.start < consumed_until {
            continue;
        }
        let Some(phrase) = parse(cx, wi, mentions, &out, found) else {
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
        // An apposition extends a mention already out ("President X, the
        // German chancellor,").
        while out.last().is_some_and(|m| m.span.end > phrase.span.start) {
            out.pop();
        }
        let actor = match phrase.actor {
            Who::Known(r) => r,
            Who::New => discover(cx, found, &phrase),
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
    super::spare::give_list(std::mem::replace(mentions, out));
}

/// Whom a phrase mentions.
enum Who {
    Known(ActorRef),
    /// A person to discover, named by `Phrase::name`.
    New,
}

struct Phrase {
    /// The whole mention.
    span: Span,
    /// Title with its tail ("Deputy Prime Minister for European ...").
    title: Span,
    name: Span,
    affiliation: Option<ActorRef>,
    actor: Who,
    how: MentionKind,
}

/// The left part of a title phrase: where it starts, its affiliation and
/// whether a past modifier ("former") is part of it.
struct Left {
    start: usize,
    /// Where the office's own words start ("foreign minister" in "Norway's
    /// foreign minister").
    words_start: usize,
    affiliation: Option<ActorRef>,
    past: bool,
    /// The token before `start` (read once for the passes that look
    /// there: appositions, offices' determiners).
    before: Option<Span>,
}

fn parse(
    cx: &Context<'_>,
    wi: usize,
    mentions: &[MentionRec],
    out: &[MentionRec],
    found: &Found,
) -> Option<Phrase> {
    let text = cx.text;
    let hit = cx.words[wi];
    // A description hit ("the president") starts with "the": the title
    // proper is the last word.
    let mut title = hit.span;
    if matches!(hit.class, WordClass::Description(_)) {
        let first = next_token(text, title.start)?;
        title.start = next_token(text, first.end)?.start;
    }
    let left = left_part(cx, wi, title.start, mentions, found);
    let mut affiliation = left.affiliation;
    // Rightwards: the title's tail ("of Ukraine", "for European ...
    // Integration", "to the UN").
    let mut after = title.end;
    // The token after the title: also the comma's, or the name's, when
    // the title has no tail (most have none).
    let mut next_after = next_token(text, after);
    if let Some(tok) = next_after {
        let w = tok.as_str(text);
        if matches!(w, "of" | "for" | "to") {
            if let Some(next) = next_token(text, tok.end) {
                if let Some(m) = starting_mention(mentions, next.start) {
                    if let Some(r) = m.actor.filter(|&r| kind(cx, found, r) != ActorKind::Person) {
                        // "ambassador to the UN" names the host, not the
                        // affiliation.
                        if w != "to" {
                            affiliation = affiliation.or(Some(r));
                        }
                        title.end = m.span.end;
                        after = m.span.end;
                        next_after = next_token(text, after);
                    }
                } else if w != "to" {
                    if let Some(end) = capitalized_tail(cx, tok.end) {
                        title.end = end;
                        after = end;
                        next_after = next_token(text, after);
                    }
                }
            }
        }
    }
    // The name, after an optional comma.
    let comma = next_after.filter(|t| t.as_str(text) == ",");
    let first = match comma {
        Some(c) => next_token(text, c.end),
        None => next_after,
    };
    if let Some(first) = first {
        if let Some(m) = starting_mention(mentions, first.start) {
            if let Some(r) = m.actor.filter(|&r| kind(cx, found, r) == ActorKind::Person) {
                return Some(Phrase {
                    span: Span::new(left.start, m.span.end),
                    title,
                    name: m.span,
                    affiliation,
                    actor: Who::Known(r),
                    how: m.how,
                });
            }
        } else if let Some(name) = parse_name(cx, first.start) {
            let tokens = name.as_str(text).split_whitespace().count();
            let title_capitalized = is_capitalized(title.as_str(text));
            // After a comma, or after a lower-case title with no
            // affiliation, ask for a full name: "spokesman Dmitry Peskov",
            // not "spokesman Monday".
            let full_enough = !((comma.is_some() || !title_capitalized) && tokens < 2);
            if full_enough && (comma.is_none() || affiliation.is_some()) {
                let mut end = name.end;
                // "King Hassan of Morocco": the affiliation after the name.
                if affiliation.is_none() {
                    if let Some((r, e)) = of_actor(cx, name.end, mentions, found) {
                        affiliation = Some(r);
                        end = e;
                    }
                }
                let name_text = name.as_str(text);
                let actor = if tokens == 1 {
                    // "President Bush": a known holder of the title with
                    // that surname.
                    holder_by_surname(cx, name_text, title, affiliation)
                        .map(|i| Who::Known(ActorRef::Known(i)))
                } else {
                    None
                };
                // "Deputy Head of the Office", "Minister Head": a title
                // word alone is another title, not a surname no holder has.
                let first_word = name_text.split_whitespace().next().unwrap_or("");
                let titled = tokens == 1 && cx.gaz.is_title_word(name_text)
                    || is_office_title(cx, first_word);
                if actor.is_none() && titled {
                    return office(cx, &left, title, affiliation);
                }
                let actor = actor.unwrap_or_else(|| match found.named(name_text).next() {
                    Some(i) => Who::Known(ActorRef::Found(i)),
                    None => Who::New,
                });
                return Some(Phrase {
                    span: Span::new(left.start, end),
                    title,
                    name,
                    affiliation,
                    actor,
                    how: MentionKind::Title,
                });
            }
        }
    }
    // An apposition closes after its title (the token after it is the
    // one read for the name).
    let closes = matches!(
        next_after.map(|t| t.as_str(text)),
        None | Some("," | "." | ";" | ")" | "!" | "?")
    );
    if closes {
        if let Some(p) = apposition(cx, &left, title, affiliation, mentions, out, found) {
            return Some(p);
        }
    }
    office(cx, &left, title, affiliation)
}

/// "of Morocco" right after `pos`: the actor and where it ends.
fn of_actor(
    cx: &Context<'_>,
    pos: usize,
    mentions: &[MentionRec],
    found: &Found,
) -> Option<(ActorRef, usize)> {
    let of = next_token(cx.text, pos).filter(|t| t.as_str(cx.text) == "of")?;
    let next = next_token(cx.text, of.end)?;
    let m = starting_mention(mentions, next.start)?;
    let r = m
        .actor
        .filter(|&r| kind(cx, found, r) != ActorKind::Person)?;
    (!m.place).then_some((r, m.span.end))
}

/// The known person with this surname who held the title: on the
/// document's date if there is one, else the latest to hold it; for the
/// affiliation, when there is one.
fn holder_by_surname(
    cx: &Context<'_>,
    surname: &str,
    title: Span,
    affiliation: Option<ActorRef>,
) -> Option<u32> {
    let head = title.as_str(cx.text).split_whitespace().last()?;
    let of = match affiliation {
        Some(ActorRef::Known(i)) => Some(cx.gaz.actor(i).id.as_str()),
        Some(ActorRef::Found(_)) => return None,
        None => None,
    };
    let mut best: Option<(u32, (i32, u8, u8))> = None;
    for &p in cx.lexicon.people_by_surname(cx.gaz, surname) {
        let actor = cx.gaz.actor(p);
        if let Some(of) = of {
            let belongs =
                actor.country.as_deref() == Some(of) || actor.affiliation.as_deref() == Some(of);
            if !belongs {
                continue;
            }
        }
        for t in &actor.terms {
            let holds = t
                .office
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(head));
            if !holds || cx.date.is_some_and(|d| !t.covers(d)) {
                continue;
            }
            let key = t.start.map_or((i32::MIN, 0, 0), |d| d.key(true));
            if best.map_or(true, |(_, k)| key > k) {
                best = Some((p, key));
            }
        }
    }
    best.map(|(p, _)| p)
}

/// People introduced with a title but no state ("Defence Minister Pierre
/// Joxe said") act for the state their sentence is about: the first state
/// named before them in the sentence ("France is ready to send troops,
/// Defence Minister Pierre Joxe said"), else the state their words start
/// with ("Minister Tran Xuan Gia said Vietnam is committed"), else the first
/// state of the sentence before, else the first state their sentence names
/// after them in any way: as a place ("threatened a curfew in Algiers") or
/// as the state of a group ("demands from the Angolan rebels").
pub(super) fn infer_countries(cx: &Context<'_>, mentions: &[MentionRec], found: &mut Found) {
    let sentences = cx.sentences;
    // One pass, with the first state named in the current and in the
    // previous sentence as the mentions go by.
    let mut sentence = 0;
    let mut current: Option<u32> = None;
    let mut previous: Option<u32> = None;
    let mut done = vec![false; found.len()];
    // A person waiting for a state after "said": (found index, end of the
    // person's mention, fallback state, the first state named after them).
    let mut pending: Option<(usize, usize, Option<u32>, Option<u32>)> = None;
    let assign = |found: &mut Found, i: usize, state: Option<u32>| {
        if let Some(a) = state {
            let state = cx.gaz.actor(a);
            found.set_state(i as u32, state.country.clone(), state.id.clone());
        }
    };
    for m in mentions {
        if sentences
            .get(sentence)
            .is_some_and(|s| s.end <= m.span.start)
        {
            if let Some((i, _, fallback, later)) = pending.take() {
                assign(found, i, fallback.or(later));
            }
            while sentences
                .get(sentence)
                .is_some_and(|s| s.end <= m.span.start)
            {
                sentence += 1;
                previous = current;
                current = None;
            }
        }
        let Some(r) = m.actor else { continue };
        let state = match r {
            ActorRef::Known(a) if !m.place && cx.gaz.actor(a).kind == ActorKind::Country => Some(a),
            _ => None,
        };
        if let Some((i, end, fallback, later)) = pending.take() {
            if state.is_some() && speech_gap(&cx.text[end..m.span.start]) {
                assign(found, i, state);
            } else {
                let named = match r {
                    ActorRef::Known(a) if cx.gaz.actor(a).kind == ActorKind::Country => Some(a),
                    ActorRef::Known(a) if cx.gaz.actor(a).kind != ActorKind::Person => cx
                        .gaz
                        .actor(a)
                        .country
                        .as_deref()
                        .and_then(|c| cx.gaz.index_of(c)),
                    _ => None,
                };
                pending = Some((i, end, fallback, later.or(named)));
            }
        }
        if let Some(a) = state {
            current = current.or(Some(a));
        }
        let ActorRef::Found(i) = r else { continue };
        let i = i as usize;
        if std::mem::replace(&mut done[i], true) {
            continue;
        }
        let actor = found.get(i as u32);
        if actor.country.is_some() || actor.affiliation.is_some() || actor.kind != ActorKind::Person
        {
            continue;
        }
        match current {
            Some(a) => assign(found, i, Some(a)),
            None => {
                if let Some((j, _, fallback, later)) = pending.take() {
                    assign(found, j, fallback.or(later));
                }
                pending = Some((i, m.span.end, previous, None));
            }
        }
    }
    if let Some((i, _, fallback, later)) = pending {
        assign(found, i, fallback.or(later));
    }
}

/// Whether the words between a speaker and a state are only a verb of
/// saying ("said", "told reporters that").
fn speech_gap(gap: &str) -> bool {
    let mut words = gap.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_ascii_lowercase()
                    .as_str(),
                "said"
                    | "says"
                    | "told"
                    | "tells"
                    | "reporters"
                    | "journalists"
                    | "that"
                    | "stressed"
                    | "noted"
                    | "added"
                    | "insisted"
                    | "stated"
            )
        })
}

/// Leftwards from the title: portfolio words ("foreign policy"), then an
/// actor ("Russian", "Ukraine's", "Kremlin"), then a modifier ("former").
fn left_part(
    cx: &Context<'_>,
    wi: usize,
    title_start: usize,
    mentions: &[MentionRec],
    found: &Found,
) -> Left {
    let text = cx.text;
    let mut start = title_start;
    let mut affiliation = None;
    let mut cursor = start;
    let mut steps = 0;
    // The token before the final `cursor`: also the one before `start`
    // when neither moves below.
    let at_cursor = loop {
        let Some(prev) = prev_token(text, cursor) else {
            break None;
        };
        let w = prev.as_str(text);
        // "foreign policy chief", "Planning Minister".
        // "Planning and Investment Minister": "and" between portfolio words.
        let joined = matches!(w, "and" | "&")
            && steps > 0
            && prev_token(text, prev.start)
                .is_some_and(|p| cx.lexicon.is_portfolio(p.as_str(text)));
        if steps < 4 && (cx.lexicon.is_portfolio(w) || joined) {
            cursor = prev.start;
            steps += 1;
            continue;
        }
        break Some(prev);
    };
    let (stem_end, _) = possessive_end(text, cursor);
    if let Some(m) = mention_ending(mentions, stem_end) {
        if let Some(r) = m.actor.filter(|&r| kind(cx, found, r) != ActorKind::Person) {
            if !m.place {
                affiliation = Some(r);
                start = m.span.start;
            }
        }
    } else if cursor < start && is_capitalized(&text[cursor..]) {
        start = cursor;
    }
    let mut past = false;
    let mut before = if start == cursor {
        at_cursor
    } else {
        prev_token(text, start)
    };
    if let Some(prev) = before {
        let modifier = cx.words[..wi]
            .iter()
            .rev()
            .take(3)
            .find(|w| w.class == WordClass::Modifier && w.span.end == prev.end);
        if let Some(m) = modifier {
            start = m.span.start;
            past = PAST
                .iter()
                .any(|p| p.eq_ignore_ascii_case(m.span.as_str(text)));
            before = prev_token(text, start);
        }
    }
    Left {
        start,
        words_start: cursor,
        affiliation,
        past,
        before,
    }
}

/// "Hans Meiering, the German chancellor," / "Dmitry Peskov, a Kremlin
/// spokesman.": a name, a comma, the title phrase, and a closing comma or
/// the end of the sentence (without it, "with Hans Meiering, the German
/// chancellor said" is two actors): the caller has seen the closing token.
fn apposition(
    cx: &Context<'_>,
    left: &Left,
    title: Span,
    affiliation: Option<ActorRef>,
    mentions: &[MentionRec],
    out: &[MentionRec],
    found: &Found,
) -> Option<Phrase> {
    let text = cx.text;
    if left.past && affiliation.is_none() {
        return None;
    }
    let mut before = left.before?;
    if is_one_of(before.as_str(text), &["the", "a", "an"]) {
        before = prev_token(text, before.start)?;
    }
    if before.as_str(text) != "," {
        return None;
    }
    let name_end = before.start;
    // A person already mentioned, possibly by an earlier title phrase.
    let known = out
        .last()
        .filter(|m| m.span.end == name_end)
        .or_else(|| mention_ending(mentions, name_end));
    if let Some(m) = known {
        let r = m.actor?;
        if kind(cx, found, r) != ActorKind::Person {
            return None;
        }
        return Some(Phrase {
            span: Span::new(m.span.start, title.end),
            title,
            name: m.span,
            affiliation,
            actor: Who::Known(r),
            how: m.how,
        });
    }
    affiliation?;
    let name = parse_name_left(cx, name_end, mentions)?;
    if name.as_str(text).split_whitespace().count() < 2 {
        return None;
    }
    let name_text = name.as_str(text);
    let actor = match found.named(name_text).next() {
        Some(i) => Who::Known(ActorRef::Found(i)),
        None => Who::New,
    };
    Some(Phrase {
        span: Span::new(name.start, title.end),
        title,
        name,
        affiliation,
        actor,
        how: MentionKind::Title,
    })
}

/// An office without a name: "Norway's foreign minister", "the German
/// chancellor", "a Kremlin spokesman". Its holder on the document's date,
/// else the state or organisation.
fn office(
    cx: &Context<'_>,
    left: &Left,
    title: Span,
    affiliation: Option<ActorRef>,
) -> Option<Phrase> {
    let text = cx.text;
    let affiliation = affiliation?;
    if left.past {
        return None;
    }
    let mut start = left.start;
    if let Some(det) = left.before {
        if is_one_of(det.as_str(text), &["the", "a", "an"]) {
            start = det.start;
        }
    }
    // The office's words: from after the affiliation to the title's end
    // ("foreign minister", "Deputy Prime Minister for European ...").
    let holder = match (cx.date, affiliation) {
        (Some(date), ActorRef::Known(of)) => {
            let words = &text[left.words_start..title.end];
            cx.gaz.office_holder_index(of, words, date)
        }
        _ => None,
    };
    let actor = holder.map_or(affiliation, ActorRef::Known);
    Some(Phrase {
        span: Span::new(start, title.end),
        title,
        name: Span::new(title.end, title.end),
        affiliation: Some(affiliation),
        actor: Who::Known(actor),
        how: MentionKind::Description,
    })
}

/// Whether `word` is a one-word title of an office ("Head", "Minister"),
/// which starts no name; honorific ones ("Sheikh", "King", "General") may.
fn is_office_title(cx: &Context<'_>, word: &str) -> bool {
    cx.gaz.titles().iter().any(|t| {
        t.text.eq_ignore_ascii_case(word)
            && !matches!(t.role, Role::Royal | Role::Religious | Role::Military)
    })
}

fn kind(cx: &Context<'_>, found: &Found, r: ActorRef) -> ActorKind {
    match r {
        ActorRef::Known(i) => cx.gaz.actor(i).kind,
        ActorRef::Found(i) => found.get(i).kind,
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

/// "for European and Euro-Atlantic Integration" — capitalised words of
/// offices ("Foreign", "Affairs") joined by "and", "of", "the", up to a
/// comma, a lower-case word or a word that is no office's (a name's first
/// word). Returns the end offset.
fn capitalized_tail(cx: &Context<'_>, pos: usize) -> Option<usize> {
    let text = cx.text;
    let mut end = None;
    let mut cursor = pos;
    for _ in 0..8 {
        let Some(tok) = next_token(text, cursor) else {
            return end;
        };
        let w = tok.as_str(text);
        if is_capitalized(w) && cx.lexicon.is_office_word(w) {
            end = Some(tok.end);
            cursor = tok.end;
        } else if matches!(w, "and" | "of" | "the" | "&") && (end.is_some() || w == "the") {
            cursor = tok.end;
        } else {
            return end;
        }
    }
    end
}

/// One token of a name: a capitalised word, an initial ("F."), initials
/// ("F.W") or a particle ("de") between capitalised words.
fn name_token(cx: &Context<'_>, tok: Span, first: bool) -> Option<usize> {
    let text = cx.text;
    let w = tok.as_str(text);
    let (stem, _) = strip_possessive(w);
    let initial =
        stem.chars().count() == 1 && is_capitalized(stem) && text[tok.end..].starts_with('.');
    if initial {
        return Some(tok.end + 1);
    }
    let particle = !first
        && cx.lexicon.is_particle(stem)
        && next_token(text, tok.end).is_some_and(|n| is_capitalized(n.as_str(text)));
    let capital_word = is_capitalized(stem)
        && stem.chars().any(char::is_lowercase)
        && !cx.lexicon.is_not_name(stem);
    (particle || capital_word || (!first && is_acronym_initials(stem)))
        .then_some(tok.start + stem.len())
}

/// A person's name starting at `pos`: capitalised tokens, initials and
/// particles. Possessive endings are left out.
fn parse_name(cx: &Context<'_>, pos: usize) -> Option<Span> {
    let text = cx.text;
    let mut end = None;
    let mut cursor = pos;
    for count in 0..MAX_NAME_TOKENS {
        let Some(tok) = next_token(text, cursor) else {
            break;
        };
        let Some(e) = name_token(cx, tok, count == 0) else {
            break;
        };
        end = Some(e);
        cursor = e.max(tok.end);
        if strip_possessive(tok.as_str(text)).1 {
            break;
        }
    }
    let span = Span::new(pos, end?);
    // A name ends in a capitalised word, not a particle or initial.
    let last = span.as_str(text).split_whitespace().last()?;
    (is_capitalized(last) && last.chars().count() > 2).then_some(span)
}

/// A person's name ending at `end` (before an apposition's comma), read
/// leftwards; it stops at a word that cannot be part of a name or that
/// another mention covers ("In Stockholm Hanna Lindqvist").
fn parse_name_left(cx: &Context<'_>, end: usize, mentions: &[MentionRec]) -> Option<Span> {
    let text = cx.text;
    let last = prev_token(text, end)?;
    let mut start = None;
    let mut cursor = end;
    for _ in 0..MAX_NAME_TOKENS {
        let Some(tok) = prev_token(text, cursor) else {
            break;
        };
        if tok.as_str(text) == "." {
            // An initial: "John F. Kennedy".
            match prev_token(text, tok.start) {
                Some(l)
                    if l.end == tok.start
                        && l.as_str(text).chars().count() == 1
                        && is_capitalized(l.as_str(text)) =>
                {
                    start = Some(l.start);
                    cursor = l.start;
                    continue;
                }
                _ => break,
            }
        }
        if name_token(cx, tok, false).is_none() || mention_ending(mentions, tok.end).is_some() {
            break;
        }
        start = Some(tok.start);
        cursor = tok.start;
    }
    let span = Span::new(start?, last.end);
    let first = span.as_str(text).split_whitespace().next()?;
    (is_capitalized(first) && !cx.lexicon.is_particle(first)).then_some(span)
}

fn is_acronym_initials(w: &str) -> bool {
    // "F.W" in "F.W. de Klerk"
    w.len() <= 5 && w.contains('.') && w.chars().all(|c| c == '.' || c.is_uppercase())
}

fn discover(cx: &Context<'_>, found: &mut Found, phrase: &Phrase) -> ActorRef {
    let text = cx.text;
    let name = phrase.name.as_str(text);
    let (country, affiliation) = match phrase.affiliation {
        Some(r) => {
            let a = match r {
                ActorRef::Known(i) => cx.gaz.actor(i),
                ActorRef::Found(i) => found.get(i),
            };
            (a.country.clone(), Some(a.id.clone()))
        }
        None => (None, None),
    };
    let title_text = phrase.title.as_str(text);
    let gender = cx.lexicon.gender_of(name).or_else(|| {
        title_text
            .split(|c: char| !c.is_alphanumeric())
            .find_map(gendered_word)
    });
    let id = found.id_for(cx.gaz, name, country.as_deref());
    let mut actor = Actor::new(id, name, ActorKind::Person);
    actor.country = country;
    actor.affiliation = affiliation;
    actor.title = Some(title_text.to_string());
    found.push(actor, gender)
}

/// Group nouns that, after a leader's surname, stand for the leader's
/// state ("the Bush administration").
const LEADER_GROUPS: &[&str] = &["administration", "government", "cabinet", "regime"];

/// Extends a state's or organisation's mention over a following group noun
/// ("Russian officials", "the Ukrainian delegation", "NATO leaders"), and
/// makes a head of state's surname with "administration" a mention of the
/// state ("the Obama administration").
pub(super) fn groups(cx: &Context<'_>, mentions: &mut Vec<MentionRec>) {
    let text = cx.text;
    let mut added: Vec<MentionRec> = Vec::new();
    for hit in cx.words {
        let WordClass::Group(g) = hit.class else {
            continue;
        };
        let plural = cx.gaz.group_nouns()[g as usize].plural;
        let mut cursor = hit.span.start;
        let mut steps = 0;
        while let Some(prev) = prev_token(text, cursor) {
            if steps < 2 && cx.lexicon.is_portfolio(prev.as_str(text)) {
                cursor = prev.start;
                steps += 1;
            } else {
                break;
            }
        }
        let (stem_end, _) = possessive_end(text, cursor);
        let with_article = |start: usize| match prev_token(text, start) {
            Some(prev) if prev.as_str(text).eq_ignore_ascii_case("the") => prev.start,
            _ => start,
        };
        let i = mentions.partition_point(|m| m.span.start < stem_end);
        let Some(m) = mentions[..i]
            .iter_mut()
            .rev()
            .take(3)
            .find(|m| m.span.end == stem_end)
        else {
            let noun = hit.span.as_str(text);
            if LEADER_GROUPS.iter().any(|n| n.eq_ignore_ascii_case(noun)) {
                if let Some((word, state)) = leader_state(cx, stem_end) {
                    added.push(MentionRec {
                        span: Span::new(with_article(word.start), hit.span.end),
                        actor: Some(ActorRef::Known(state)),
                        how: MentionKind::Description,
                        place: false,
                        plural: false,
                    });
                }
            }
            continue;
        };
        let Some(ActorRef::Known(a)) = m.actor else {
            continue;
        };
        if cx.gaz.actor(a).kind == ActorKind::Person {
            // "the Obama administration": the leader's state.
            let noun = hit.span.as_str(text);
            if !LEADER_GROUPS.iter().any(|n| n.eq_ignore_ascii_case(noun)) {
                continue;
            }
            let Some(state) = leads(cx, a) else {
                continue;
            };
            m.actor = Some(ActorRef::Known(state));
            m.how = MentionKind::Description;
        }
        m.span = Span::new(with_article(m.span.start), hit.span.end);
        m.plural = plural;
        m.place = false;
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// The word ending at `end`, if it is the surname of heads of state or
/// government of one state (the gazetteer's people): that word and state.
fn leader_state(cx: &Context<'_>, end: usize) -> Option<(Span, u32)> {
    let word = prev_token(cx.text, end).filter(|w| w.end == end)?;
    let w = word.as_str(cx.text);
    if !is_capitalized(w) {
        return None;
    }
    let mut state: Option<u32> = None;
    for &p in cx.lexicon.people_by_surname(cx.gaz, w) {
        let Some(s) = leads(cx, p) else {
            continue;
        };
        match state {
            Some(other) if other != s => return None,
            _ => state = Some(s),
        }
    }
    Some((word, state?))
}

/// The state a gazetteer person led as president, prime minister or
/// chancellor.
fn leads(cx: &Context<'_>, person: u32) -> Option<u32> {
    let actor = cx.gaz.actor(person);
    let led = actor.terms.iter().any(|t| {
        let o = t.office.to_ascii_lowercase();
        (o.starts_with("president") || o.starts_with("prime minister") || o.contains("chancellor"))
            && !o.contains("vice")
            && !o.contains("exchequer")
    });
    if !led {
        return None;
    }
    cx.gaz.index_of(actor.country.as_deref()?)
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

    #[test]
    fn appositions_name_the_person() {
        let t = "Hanna Lindqvist, Sweden's foreign minister, said it. \
                 Later Olaf Scholz, the German chancellor, agreed.";
        let got = people(t);
        assert_eq!(got[0].0, "Hanna Lindqvist, Sweden's foreign minister");
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_deref()),
            ("Hanna Lindqvist", Some("SWE"))
        );
        assert_eq!(got[1].0, "Olaf Scholz, the German chancellor");
        assert_eq!(got[1].1, "Olaf Scholz");
        // No closing comma: "the German chancellor" is not Meiering.
        let got = people("After talks with Hans Meiering, the German chancellor said no.");
        assert!(got.iter().all(|(_, n, _)| n != "Hans Meiering"));
    }
}
