//! Offices and state bodies named without their state, and groups placed
//! in a state.
//!
//! - "..., the foreign ministry said", "government officials", "a top
//!   minister", "the president": the state the text is about there (the
//!   first state named earlier in the sentence, else in the nearest of the
//!   sentences before), or the holder of that office on the document's date;
//!   an office only if the gazetteer knows the state to have it (no
//!   "president" of a kingdom);
//! - "the Head of State": the head of state mentioned last, else the
//!   state's head of state on the document's date, else the state;
//! - "rebels in Chad", "the authorities of Chad", "inhabitants of the
//!   Syrian Golan": the state they are in or of.
//!
//! Runs after coreference: a description that found its antecedent ("the
//! president" after "President Ana Lopes") is left as it is.

use super::coref::sentence_of;
use super::lexicon::{BodyNoun, WordClass, WordHit};
use super::{ActorRef, Context, DocMentions, MentionRec};
use std::sync::Mutex;

use once_cell::sync::OnceCell;

use crate::gazetteer::{Gazetteer, Role};
use crate::text::{is_capitalized, is_one_of, next_token, prev_token};
use crate::{Actor, ActorKind, Date, MentionKind, Span};

/// How many sentences back the state of the context may be named.
const SENTENCES_BACK: usize = 3;

/// How many portfolio words may stand before the noun ("top government").
const MAX_PORTFOLIO: usize = 3;

/// Lower-case words after which a noun phrase has no owner ("said
/// government officials", "according to officials").
const OPENERS: &[&str] = &[
    "said", "says", "told", "by", "to", "and", "that", "with", "quoted", "cited",
];

/// Words of direction between a preposition and a state ("in southern
/// Serbia").
const COMPASS: &[&str] = &[
    "north",
    "northern",
    "south",
    "southern",
    "east",
    "eastern",
    "west",
    "western",
    "central",
    "northeast",
    "northeastern",
    "northwest",
    "northwestern",
    "southeast",
    "southeastern",
    "southwest",
    "southwestern",
];

/// What a word hit names, if it is a state's body or office.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Noun {
    /// A state body ("ministry", "officials"); `alone`: without an owner it
    /// is the state of the context; `plural` as the group noun says.
    Body { alone: bool, plural: bool },
    /// A title ("minister", "Head of State") of this kind, `by_role` when
    /// it names the kind of office rather than an office.
    Office { role: Role, by_role: bool },
}

/// A state named (or belonged to) by a mention: where, in which sentence.
struct StateAt {
    start: usize,
    sentence: usize,
    state: u32,
}

pub(super) fn resolve(cx: &Context<'_>, doc: &mut DocMentions) {
    // The states the mentions name, listed at the first noun that asks
    // (most word hits are no state's body or office, and some documents
    // have none): the mentions do not change before the end.
    let mut states: Option<Vec<StateAt>> = None;
    let mut added: Vec<MentionRec> = Vec::new();
    let mut absorbed: Vec<Span> = Vec::new();
    let mut hint = 0;
    let mut asked = Asked::default();
    let offices = cx.offices;
    for hit in cx.words {
        let Some(noun) = noun(cx, hit) else { continue };
        if covered(doc, hit.span) || added.last().is_some_and(|m| m.span.end > hit.span.start) {
            continue;
        }
        // "a spokesman for ...", "the ambassador to ...": an owner we may
        // not know.
        // The token after the hit, read once for the tests below.
        let after = next_token(cx.text, hit.span.end);
        if after.is_some_and(|t| matches!(t.as_str(cx.text), "for" | "to" | "at")) {
            continue;
        }
        let of = unknown_owner_after(cx, after);
        // "rebels in Chad", "the government of Chad": the owner after.
        if let Some((owner, owner_actor)) = owner_after(cx, doc, after) {
            if let (Noun::Body { plural, .. }, Some(start)) = (noun, phrase_start(cx, hit.span)) {
                absorbed.push(owner.span);
                added.push(MentionRec {
                    span: Span::new(start, owner.span.end),
                    actor: Some(owner_actor),
                    how: MentionKind::Description,
                    place: false,
                    plural,
                });
            }
            continue;
        }
        let Some(start) = phrase_start(cx, hit.span).filter(|&s| owner_free(cx, s)) else {
            continue;
        };
        // "the army of ...": an owner named, but not one we know.
        let body = matches!(noun, Noun::Body { .. });
        if body && (of || !ends_phrase(cx, hit.span.end, after)) {
            // "military aid", "government forces": a modifier, not the body.
            continue;
        }
        let sentence = sentence_of(cx.sentences, hit.span.start, &mut hint);
        let (actor, plural) = match noun {
            Noun::Body { alone: false, .. } => continue,
            Noun::Body { plural, .. } => {
                let states = states.get_or_insert_with(|| states_named(cx, doc));
                let Some(state) = context_state(states, hit.span.start, sentence) else {
                    continue;
                };
                (ActorRef::Known(state), plural)
            }
            Noun::Office { role, by_role } => {
                let recent = by_role
                    .then(|| last_holder(cx, doc, hit.span.start, role))
                    .flatten();
                let actor = match recent {
                    Some(r) => r,
                    None => {
                        let states = states.get_or_insert_with(|| states_named(cx, doc));
                        let Some(state) = context_state(states, hit.span.start, sentence) else {
                            continue;
                        };
                        let words = title_words(cx, hit);
                        // "the president" in a story about a kingdom is
                        // someone else's.
                        if !offices.has_office(cx.gaz, state, words) {
                            continue;
                        }
                        // "a top minister" is one of several: the state;
                        // "a president" is anyone's.
                        let det = next_token(cx.text, start).map(|t| t.as_str(cx.text));
                        let indefinite = det.is_some_and(|d| {
                            d.eq_ignore_ascii_case("a") || d.eq_ignore_ascii_case("an")
                        });
                        let single = matches!(role, Role::HeadOfState | Role::HeadOfGovernment);
                        if indefinite && single {
                            continue;
                        }
                        let holder = cx
                            .date
                            .filter(|_| !indefinite)
                            .and_then(|d| asked.holder(cx, state, words, d));
                        ActorRef::Known(holder.unwrap_or(state))
                    }
                };
                (actor, false)
            }
        };
        added.push(MentionRec {
            span: Span::new(start, hit.span.end),
            actor: Some(actor),
            how: MentionKind::Description,
            place: false,
            plural,
        });
    }
    minorities(cx, doc, &mut added, &mut absorbed);
    if added.is_empty() {
        return;
    }
    doc.mentions.retain(|m| !absorbed.contains(&m.span));
    doc.mentions.extend(added);
    doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

/// The states the mentions (but places) name or belong to, in text order.
fn states_named(cx: &Context<'_>, doc: &DocMentions) -> Vec<StateAt> {
    let mut states: Vec<StateAt> = Vec::with_capacity(doc.mentions.len());
    let mut hint = 0;
    for m in &doc.mentions {
        let Some(state) = m
            .actor
            .filter(|_| !m.place)
            .and_then(|r| state_of(cx, doc, r))
        else {
            continue;
        };
        states.push(StateAt {
            start: m.span.start,
            sentence: sentence_of(cx.sentences, m.span.start, &mut hint),
            state,
        });
    }
    states
}

/// "the Albanians of southern Serbia", "ethnic Albanians in Serbia": a
/// people named after one state, living in another, are that state's.
fn minorities(
    cx: &Context<'_>,
    doc: &DocMentions,
    added: &mut Vec<MentionRec>,
    absorbed: &mut Vec<Span>,
) {
    let text = cx.text;
    for m in &doc.mentions {
        // The kind first: most mentions are no demonym.
        if m.how != MentionKind::Demonym {
            continue;
        }
        let word = m.span.as_str(text);
        let people = !word.contains(' ') && word.ends_with('s') && is_capitalized(word);
        if !people
            || added
                .iter()
                .any(|a| a.span.end > m.span.start && a.span.start < m.span.end)
        {
            continue;
        }
        let Some((owner, actor)) = owner_after(cx, doc, next_token(cx.text, m.span.end)) else {
            continue;
        };
        if Some(actor) == m.actor {
            continue;
        }
        let prep = next_token(text, m.span.end).map_or("", |t| t.as_str(text));
        let mut start = m.span.start;
        let before = prev_token(text, start);
        let ethnic = before.filter(|b| b.as_str(text).eq_ignore_ascii_case("ethnic"));
        if let Some(b) = ethnic {
            start = b.start;
        } else if prep != "of" {
            continue;
        }
        if let Some(the) =
            prev_token(text, start).filter(|t| t.as_str(text).eq_ignore_ascii_case("the"))
        {
            start = the.start;
        }
        absorbed.push(m.span);
        absorbed.push(owner.span);
        added.push(MentionRec {
            span: Span::new(start, owner.span.end),
            actor: Some(actor),
            how: MentionKind::Description,
            place: false,
            plural: true,
        });
    }
    added.sort_by_key(|m| (m.span.start, m.span.end));
}

fn noun(cx: &Context<'_>, hit: &WordHit) -> Option<Noun> {
    // What a hit's last word says as a group noun comes with its pattern
    // (see `BodyNoun`): no split, no look-up per hit.
    let body = |b: BodyNoun| Noun::Body {
        alone: b.alone,
        plural: b.plural,
    };
    let title = match hit.class {
        WordClass::Group(g) => return cx.lexicon.group_body(g).map(body),
        WordClass::Title(t) => t,
        WordClass::Description(h) => {
            let head = &cx.lexicon.heads[h as usize];
            match head.title {
                Some(t) => t,
                // "the military", "the government": an organisation's
                // head noun that coreference found no antecedent for.
                None => return head.body.map(body),
            }
        }
        _ => return None,
    };
    let title = &cx.gaz.titles()[title as usize];
    let role = title.role;
    let kinds = [
        Role::HeadOfState,
        Role::HeadOfGovernment,
        Role::Minister,
        Role::Spokesperson,
    ];
    kinds.contains(&role).then(|| Noun::Office {
        role,
        by_role: title
            .text
            .as_bytes()
            .get(..7)
            .is_some_and(|head| head.eq_ignore_ascii_case(b"head of")),
    })
}

/// The state an actor is or belongs to: a gazetteer country itself, else
/// the actor's country.
fn state_of(cx: &Context<'_>, doc: &DocMentions, r: ActorRef) -> Option<u32> {
    // A gazetteer actor's state is in a table built with the lexicon.
    if let ActorRef::Known(i) = r {
        return cx.lexicon.state_of_known(i);
    }
    // A found actor (never a state itself here): its country's.
    cx.gaz.index_of(doc.actor(cx.gaz, r).country.as_deref()?)
}

fn covered(doc: &DocMentions, span: Span) -> bool {
    let i = doc.mentions.partition_point(|m| m.span.end <= span.start);
    doc.mentions.get(i).is_some_and(|m| m.span.start < span.end)
}

/// Where the noun phrase of a hit starts: over portfolio words ("top
/// government officials") and a determiner. `None` after a past modifier
/// ("the former minister").
fn phrase_start(cx: &Context<'_>, span: Span) -> Option<usize> {
    let text = cx.text;
    let mut start = span.start;
    let mut steps = 0;
    // The token before the phrase's words: the one the walk stopped at.
    let before = loop {
        let Some(prev) = prev_token(text, start) else {
            break None;
        };
        if steps < MAX_PORTFOLIO && cx.lexicon.is_portfolio(prev.as_str(text)) {
            start = prev.start;
            steps += 1;
        } else {
            break Some(prev);
        }
    };
    if let Some(prev) = before {
        let word = prev.as_str(text);
        if is_one_of(word, &["the", "a", "an"]) {
            start = prev.start;
        } else if is_one_of(word, &["former", "ex", "late", "then"]) {
            return None;
        }
    }
    Some(start)
}

/// Whether nothing before the phrase at `start` names its owner: it starts
/// the text or a clause, or follows a determiner-less opener ("said
/// government officials"). "Hamas officials", "his office", "local
/// officials" have an owner, or another one.
fn owner_free(cx: &Context<'_>, start: usize) -> bool {
    let text = cx.text;
    let first = next_token(text, start).map_or("", |t| t.as_str(text));
    if is_one_of(first, &["the", "a", "an"]) {
        return true;
    }
    let Some(prev) = prev_token(text, start) else {
        return true;
    };
    let w = prev.as_str(text);
    if !w.chars().any(char::is_alphanumeric) {
        return true;
    }
    !is_capitalized(w) && OPENERS.contains(&w)
}

/// Whether "of" or "in" (`after`, the token after a noun) names an owner
/// no mention resolves ("the army of the junta", "the court in Dorsk");
/// "the ministry of finance" names a portfolio.
fn unknown_owner_after(cx: &Context<'_>, after: Option<Span>) -> bool {
    let text = cx.text;
    let Some(prep) = after.filter(|t| matches!(t.as_str(text), "of" | "in")) else {
        return false;
    };
    let mut next = next_token(text, prep.end);
    if next.is_some_and(|t| t.as_str(text).eq_ignore_ascii_case("the")) {
        next = next.and_then(|t| next_token(text, t.end));
    }
    !next.is_some_and(|t| cx.lexicon.is_portfolio(t.as_str(text)))
}

/// Words after which a noun ends its phrase: function words, auxiliaries
/// and verbs of saying ("the ministry said", "the military has").
const PHRASE_ENDERS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "did",
    "does",
    "do",
    "and",
    "or",
    "of",
    "in",
    "on",
    "for",
    "to",
    "that",
    "which",
    "who",
    "also",
    "not",
    "at",
    "with",
    "from",
    "by",
    "as",
    "but",
    "then",
    "later",
    "insisted",
    "announced",
    "warned",
    "added",
];

/// Whether the noun ending at `end` (`after` the token after it) ends its
/// noun phrase: punctuation, the end, a word of `PHRASE_ENDERS`, or a
/// past tense ("the military launched"); not a noun it modifies
/// ("military aid").
fn ends_phrase(cx: &Context<'_>, end: usize, after: Option<Span>) -> bool {
    if cx.text[end..].starts_with('-') {
        // "military-run", "government-backed".
        return false;
    }
    let Some(next) = after else {
        return true;
    };
    let w = next.as_str(cx.text);
    if !w.chars().any(char::is_alphanumeric) {
        return true;
    }
    is_one_of(w, PHRASE_ENDERS)
        || (w.len() > 4 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed"))
}

/// "in Chad", "of the Syrian Golan", "in Kyiv", "of the alliance" from
/// `after` (the token after a noun): the mention, and its state or
/// organisation.
fn owner_after<'d>(
    cx: &Context<'_>,
    doc: &'d DocMentions,
    after: Option<Span>,
) -> Option<(&'d MentionRec, ActorRef)> {
    let text = cx.text;
    let prep = after?;
    if !matches!(prep.as_str(text), "in" | "of") {
        return None;
    }
    let mut next = next_token(text, prep.end)?;
    // "in the Ivory Coast", "of the Syrian Golan", "in southern Serbia";
    // "in the east of Chad" has no owner here.
    let mut starts = [next.start; 3];
    let mut n = 1;
    if next.as_str(text).eq_ignore_ascii_case("the") {
        next = next_token(text, next.end)?;
        starts[n] = next.start;
        n += 1;
    }
    if is_one_of(next.as_str(text), COMPASS) {
        next = next_token(text, next.end)?;
        starts[n] = next.start;
        n += 1;
    }
    let m = starts[..n].iter().find_map(|&s| doc.starting_at(s))?;
    let r = m.actor?;
    match doc.actor(cx.gaz, r).kind {
        ActorKind::Person => None,
        ActorKind::Organization | ActorKind::Group if m.place => None,
        _ => Some((m, state_of(cx, doc, r).map_or(r, ActorRef::Known))),
    }
}

/// The state of the context at `pos`: the first state named before it in
/// its sentence, else the first named in the nearest sentence before.
fn context_state(states: &[StateAt], pos: usize, sentence: usize) -> Option<u32> {
    let before = states.partition_point(|s| s.start < pos);
    let earlier = &states[..before];
    let in_sentence = earlier.iter().find(|s| s.sentence == sentence);
    if let Some(s) = in_sentence {
        return Some(s.state);
    }
    let last = earlier.last()?;
    if sentence - last.sentence > SENTENCES_BACK {
        return None;
    }
    earlier
        .iter()
        .find(|s| s.sentence == last.sentence)
        .map(|s| s.state)
}

/// How many answers about (state, title) pairs [`Offices`] keeps.
const MAX_OFFICE_ANSWERS: usize = 4096;

/// What the gazetteer answered about offices, kept by the resolver across
/// documents: the same questions recur ("the president" of one state, the
/// roles of one person), and each answer reads many offices.
#[derive(Debug, Default)]
pub(crate) struct Offices {
    /// Per state: titles as written (ASCII case folded) and whether the
    /// state has the office
    /// ([`Gazetteer::has_office`](crate::gazetteer::Gazetteer::has_office)).
    has: Mutex<Vec<(u32, Box<str>, bool)>>,
    /// Per gazetteer actor: the roles of a person's offices and title, one
    /// bit each ([`role_bit`]).
    roles: Vec<OnceCell<u32>>,
}

impl Offices {
    pub(crate) fn new(gaz: &Gazetteer) -> Offices {
        Offices {
            has: Mutex::new(Vec::new()),
            roles: (0..gaz.actors().len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// [`Gazetteer::has_office`](crate::gazetteer::Gazetteer::has_office),
    /// asked once per state and title.
    fn has_office(&self, gaz: &Gazetteer, state: u32, words: &str) -> bool {
        let known = |has: &[(u32, Box<str>, bool)]| {
            has.iter()
                .find(|(s, w, _)| *s == state && w.eq_ignore_ascii_case(words))
                .map(|&(.., yes)| yes)
        };
        if let Some(yes) = known(&self.lock()) {
            return yes;
        }
        let yes = gaz.has_office(state, words);
        let mut has = self.lock();
        // Bounded, so that a process that reads news for months neither
        // grows nor searches without end: past the cap an answer is asked
        // again (news asks a few hundred distinct questions).
        if has.len() < MAX_OFFICE_ANSWERS && known(&has).is_none() {
            has.push((state, words.to_ascii_lowercase().into(), yes));
        }
        yes
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(u32, Box<str>, bool)>> {
        // A panic elsewhere leaves the answers as they were: still true.
        self.has.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The roles of `person`'s offices and title, one bit each.
    fn roles(&self, gaz: &Gazetteer, person: ActorRef, actor: &Actor) -> u32 {
        let ask = || {
            actor
                .terms
                .iter()
                .map(|t| t.office.as_str())
                .chain(actor.title.as_deref())
                .filter_map(|o| gaz.office_role(o))
                .fold(0, |bits, r| bits | role_bit(r))
        };
        match person {
            ActorRef::Known(i) => match self.roles.get(i as usize) {
                Some(cell) => *cell.get_or_init(ask),
                None => ask(),
            },
            ActorRef::Found(_) => ask(),
        }
    }
}

/// What the gazetteer answered about offices dated by the document.
#[derive(Default)]
struct Asked<'t> {
    /// (state, title as written) -> its holder on the document's date.
    holders: Vec<(u32, &'t str, Option<u32>)>,
}

impl<'t> Asked<'t> {
    /// [`Gazetteer::office_holder_index`](crate::gazetteer::Gazetteer::office_holder_index).
    fn holder(&mut self, cx: &Context<'_>, state: u32, words: &'t str, date: Date) -> Option<u32> {
        if let Some(&(.., h)) = self
            .holders
            .iter()
            .find(|&&(s, w, _)| s == state && w == words)
        {
            return h;
        }
        let h = cx.gaz.office_holder_index(state, words, date);
        self.holders.push((state, words, h));
        h
    }
}

/// The bit of `role` in [`Offices::roles`] (the roles are a dozen).
fn role_bit(role: Role) -> u32 {
    1 << (role as u32 % 32)
}

/// The person mentioned last before `pos` who holds an office of `role`.
fn last_holder(cx: &Context<'_>, doc: &DocMentions, pos: usize, role: Role) -> Option<ActorRef> {
    let before = doc.mentions.partition_point(|m| m.span.start < pos);
    doc.mentions[..before].iter().rev().find_map(|m| {
        let r = m.actor?;
        let a = doc.actor(cx.gaz, r);
        let holds =
            a.kind == ActorKind::Person && cx.offices.roles(cx.gaz, r, a) & role_bit(role) != 0;
        holds.then_some(r)
    })
}

/// The words of a title hit, without a leading "the".
fn title_words<'t>(cx: &Context<'t>, hit: &WordHit) -> &'t str {
    let s = hit.span.as_str(cx.text);
    if s.get(..4)
        .is_some_and(|the| the.eq_ignore_ascii_case("the "))
    {
        &s[4..]
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::Resolver;

    /// `noun` as it was before the body nouns came with the patterns: the
    /// hit's last word split off and looked up (and a description head's
    /// group noun searched for) at every hit.
    fn noun_reference(cx: &Context<'_>, hit: &WordHit) -> Option<Noun> {
        let title = match hit.class {
            WordClass::Group(g) => {
                let last = hit.span.as_str(cx.text).split_whitespace().last()?;
                if !cx.lexicon.is_local(last) {
                    return None;
                }
                return Some(Noun::Body {
                    alone: cx.lexicon.is_state_body(last),
                    plural: cx.gaz.group_nouns()[g as usize].plural,
                });
            }
            WordClass::Title(t) => t,
            WordClass::Description(h) => match cx.lexicon.heads[h as usize].title {
                Some(t) => t,
                None => {
                    // "the military", "the government": an organisation's head
                    // noun that coreference found no antecedent for.
                    let last = hit.span.as_str(cx.text).split_whitespace().last()?;
                    let noun = cx
                        .gaz
                        .group_nouns()
                        .iter()
                        .find(|g| g.noun.eq_ignore_ascii_case(last))?;
                    if !cx.lexicon.is_local(last) {
                        return None;
                    }
                    return Some(Noun::Body {
                        alone: cx.lexicon.is_state_body(last),
                        plural: noun.plural,
                    });
                }
            },
            _ => return None,
        };
        let title = &cx.gaz.titles()[title as usize];
        let role = title.role;
        let kinds = [
            Role::HeadOfState,
            Role::HeadOfGovernment,
            Role::Minister,
            Role::Spokesperson,
        ];
        kinds.contains(&role).then(|| Noun::Office {
            role,
            by_role: title
                .text
                .as_bytes()
                .get(..7)
                .is_some_and(|head| head.eq_ignore_ascii_case(b"head of")),
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]
        /// `noun` says what the reference says of a hit of every pattern
        /// of the word lexicon, in any ASCII case, at the start, inside or
        /// at the very end of a text.
        #[test]
        fn nouns_are_the_reference(
            key in 0usize..100_000,
            case in proptest::num::u64::ANY,
            before in proptest::sample::select(vec!["", "The ", "said\n"]),
            after in proptest::sample::select(vec!["", " said", ".", "’s", "\n"]),
        ) {
            let r = Resolver::builtin();
            let lexicon = &r.lexicon;
            let patterns = lexicon.patterns();
            let (pattern, class) = patterns[key % patterns.len()];
            let word: Vec<u8> = pattern
                .iter()
                .enumerate()
                .map(|(i, &b)| if case >> (i % 64) & 1 == 1 { b.to_ascii_uppercase() } else { b })
                .collect();
            let word = String::from_utf8(word).expect("ASCII case keeps UTF-8");
            let text = format!("{before}{word}{after}");
            let hit = WordHit {
                span: Span::new(before.len(), before.len() + word.len()),
                class,
            };
            let cx = Context {
                text: &text,
                gaz: r.gazetteer(),
                lexicon,
                words: &[],
                sentences: &[],
                date: None,
                offices: &r.offices,
            };
            proptest::prop_assert_eq!(noun(&cx, &hit), noun_reference(&cx, &hit), "{:?}", text);
        }
    }

    /// Some patterns are bodies: the test above compares something.
    #[test]
    fn some_hits_are_bodies() {
        let r = Resolver::builtin();
        let bodies = r.lexicon.heads.iter().filter(|h| h.body.is_some()).count();
        let groups = (0..r.gazetteer().group_nouns().len() as u32)
            .filter(|&g| r.lexicon.group_body(g).is_some())
            .count();
        assert!(bodies > 5 && groups > 5, "{bodies} {groups}");
    }
}
