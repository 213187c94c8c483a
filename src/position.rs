//! Positions: each actor's stance per topic (or, for statements with no
//! topic, per target) across a document, rolled up from people and
//! metonyms to the state they act for.
//!
//! The sixth stage of the pipeline: plain aggregation over
//! [`Statement`](crate::Statement)s.

use std::collections::BTreeMap;

use crate::{Actor, ActorId, ActorKind, Position, Stance, Statement};

/// How far from zero a score must be to count as support or oppose.
const DECISIVE: f32 = 0.15;

/// Aggregates statements into positions per (actor, topic), or per
/// (actor, target) for statements with no topic ("Moscow blamed Kyiv"), or
/// per actor alone for statements with neither. With `roll_up`,
/// a person's or body's statements also count for the state it acts for
/// (or, for an international official, the organisation).
///
/// `actor_of` finds a document actor by id.
pub(crate) fn positions<'a>(
    statements: &'a [Statement],
    actor_of: impl Fn(&str) -> Option<&'a Actor>,
    roll_up: bool,
) -> Vec<Position> {
    // Keys borrow the statements' and actors' strings until the positions
    // are built: no string is copied or hashed per statement. Each entry
    // keeps the ids its actor and target came from (when the document
    // lists them), so that a position shares them, not a copy.
    let mut order: Vec<(BorrowedKey<'a>, Sources<'a>, Tally)> =
        Vec::with_capacity(statements.len());
    // A key's entry is found by a scan of `order` while it is short (a
    // document holds a handful of positions: a scan's equality tests cost
    // less than a tree's ordered comparisons), then by a B-tree made once,
    // which keeps look-ups O(log n) whatever the document.
    let mut index: Option<BTreeMap<BorrowedKey<'a>, usize>> = None;
    let mut keys: Vec<(Option<&str>, Option<&ActorId>)> = Vec::new();
    let mut holders: Vec<(&str, Option<&ActorId>, bool)> = Vec::new();
    for (i, st) in statements.iter().enumerate() {
        keys.clear();
        if !st.topics.is_empty() {
            keys.extend(st.topics.iter().map(|t| (Some(t.as_str()), None)));
        } else if !st.targets.is_empty() {
            keys.extend(st.targets.iter().map(|t| (None, Some(t))));
        } else {
            keys.push((None, None));
        }
        holders.clear();
        for id in st.speaker_actors() {
            push_unique(&mut holders, id.as_str(), Some(id), false);
            if roll_up {
                if let Some(up) = actor_of(id.as_str()).and_then(roll_up_target) {
                    if up != id.as_str() {
                        let listed = actor_of(up).map(|a| &a.id);
                        push_unique(&mut holders, up, listed, true);
                    }
                }
            }
        }
        for &(holder, holder_id, rolled) in &holders {
            for &(topic, target_id) in &keys {
                let target = target_id.map(ActorId::as_str);
                if target == Some(holder) {
                    continue;
                }
                let key = (holder, topic, target);
                let at = if let Some(tree) = &mut index {
                    *tree.entry(key).or_insert_with(|| {
                        order.push((key, (holder_id, target_id), Tally::default()));
                        order.len() - 1
                    })
                } else if let Some(at) = order.iter().position(|e| same_key(e.0, key)) {
                    at
                } else {
                    order.push((key, (holder_id, target_id), Tally::default()));
                    if order.len() > SCAN_MAX {
                        index = Some(order.iter().enumerate().map(|(k, e)| (e.0, k)).collect());
                    }
                    order.len() - 1
                };
                order[at].2.add(i, st, rolled);
            }
        }
    }
    let id = |source: Option<&ActorId>, id: &str| source.cloned().unwrap_or_else(|| id.into());
    order
        .into_iter()
        .map(|((actor, topic, target), (actor_id, target_id), tally)| {
            tally.finish((
                id(actor_id, actor),
                topic.map(String::from),
                target.map(|t| id(target_id, t)),
            ))
        })
        .collect()
}

/// The most positions whose keys [`positions`] finds by a scan.
const SCAN_MAX: usize = 48;

/// Whether two keys are equal. An actor's ids in a document share one
/// string, so equal ids are told by their address before their bytes.
#[inline(always)]
fn same_key(a: BorrowedKey<'_>, b: BorrowedKey<'_>) -> bool {
    fn same(a: &str, b: &str) -> bool {
        std::ptr::eq(a, b) || a == b
    }
    let same_opt = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (a, b) => a.is_none() && b.is_none(),
    };
    same(a.0, b.0) && same_opt(a.1, b.1) && same_opt(a.2, b.2)
}

/// The ids a position's actor and target strings came from, if any.
type Sources<'s> = (Option<&'s ActorId>, Option<&'s ActorId>);

/// Whose position, on what topic, toward whom.
/// A position's key: actor, topic, target.
pub(crate) type Key = (ActorId, Option<String>, Option<ActorId>);

/// A [`Key`] borrowing its strings.
type BorrowedKey<'s> = (&'s str, Option<&'s str>, Option<&'s str>);

fn push_unique<'s>(
    v: &mut Vec<(&'s str, Option<&'s ActorId>, bool)>,
    id: &'s str,
    source: Option<&'s ActorId>,
    rolled: bool,
) {
    if !v.iter().any(|&(x, _, _)| x == id) {
        v.push((id, source, rolled));
    }
}

/// Whom an actor's statements also count for.
fn roll_up_target(actor: &Actor) -> Option<&str> {
    if actor.kind == ActorKind::Country {
        return None;
    }
    match &actor.country {
        Some(c) => Some(c.as_str()),
        None => actor.affiliation.as_ref().map(ActorId::as_str),
    }
}

/// The running sum of one position's evidence: the one stance rule, shared
/// by document positions and corpus positions.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    weight: f32,
    signed: f32,
    support: f32,
    oppose: f32,
    mixed: usize,
    statements: Vec<usize>,
    targets: Vec<ActorId>,
    rolled: bool,
}

impl Tally {
    /// Counts statement `i` (rolled up from another actor or not).
    pub(crate) fn add(&mut self, i: usize, st: &Statement, rolled: bool) {
        let w = st.confidence.max(0.05);
        self.weight += w;
        self.signed += st.stance.sign() * w;
        match st.stance {
            Stance::Support => self.support += w,
            Stance::Oppose => self.oppose += w,
            Stance::Mixed => self.mixed += 1,
            Stance::Neutral => {}
        }
        self.statements.push(i);
        for t in &st.targets {
            if !self.targets.contains(t) {
                self.targets.push(t.clone());
            }
        }
        self.rolled |= rolled;
    }

    /// The position these statements give `actor` on `topic` or toward
    /// `target`.
    pub(crate) fn finish(self, (actor, topic, target): Key) -> Position {
        let score = if self.weight > 0.0 {
            (self.signed / self.weight).clamp(-1.0, 1.0)
        } else {
            0.0
        };
        let both = self.support > 0.0 && self.oppose > 0.0;
        let stance = if both && self.support.min(self.oppose) / self.support.max(self.oppose) >= 0.5
        {
            Stance::Mixed
        } else if score >= DECISIVE {
            Stance::Support
        } else if score <= -DECISIVE {
            Stance::Oppose
        } else if self.mixed > 0 || both {
            Stance::Mixed
        } else {
            Stance::Neutral
        };
        Position {
            actor,
            topic,
            target,
            stance,
            score,
            targets: self.targets,
            statements: self.statements,
            rolled_up: self.rolled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mention, MentionKind, Span, SpeechAct, StatementKind};

    /// `positions` as it was, a B-tree for every document: the reference.
    fn positions_ref<'a>(
        statements: &'a [Statement],
        actor_of: impl Fn(&str) -> Option<&'a Actor>,
        roll_up: bool,
    ) -> Vec<Position> {
        // Keys borrow the statements' and actors' strings until the positions
        // are built: no string is copied or hashed per statement, and the
        // B-tree keeps look-ups O(log n) whatever the document. Each entry
        // keeps the ids its actor and target came from (when the document
        // lists them), so that a position shares them, not a copy.
        let mut order: Vec<(BorrowedKey<'a>, Sources<'a>, Tally)> =
            Vec::with_capacity(statements.len());
        let mut index: BTreeMap<BorrowedKey<'a>, usize> = BTreeMap::new();
        let mut keys: Vec<(Option<&str>, Option<&ActorId>)> = Vec::new();
        let mut holders: Vec<(&str, Option<&ActorId>, bool)> = Vec::new();
        for (i, st) in statements.iter().enumerate() {
            keys.clear();
            if !st.topics.is_empty() {
                keys.extend(st.topics.iter().map(|t| (Some(t.as_str()), None)));
            } else if !st.targets.is_empty() {
                keys.extend(st.targets.iter().map(|t| (None, Some(t))));
            } else {
                keys.push((None, None));
            }
            holders.clear();
            for id in st.speaker_actors() {
                push_unique(&mut holders, id.as_str(), Some(id), false);
                if roll_up {
                    if let Some(up) = actor_of(id.as_str()).and_then(roll_up_target) {
                        if up != id.as_str() {
                            let listed = actor_of(up).map(|a| &a.id);
                            push_unique(&mut holders, up, listed, true);
                        }
                    }
                }
            }
            for &(holder, holder_id, rolled) in &holders {
                for &(topic, target_id) in &keys {
                    let target = target_id.map(ActorId::as_str);
                    if target == Some(holder) {
                        continue;
                    }
                    let key = (holder, topic, target);
                    let at = *index.entry(key).or_insert_with(|| {
                        order.push((key, (holder_id, target_id), Tally::default()));
                        order.len() - 1
                    });
                    order[at].2.add(i, st, rolled);
                }
            }
        }
        let id = |source: Option<&ActorId>, id: &str| source.cloned().unwrap_or_else(|| id.into());
        order
            .into_iter()
            .map(|((actor, topic, target), (actor_id, target_id), tally)| {
                tally.finish((
                    id(actor_id, actor),
                    topic.map(String::from),
                    target.map(|t| id(target_id, t)),
                ))
            })
            .collect()
    }

    /// Actors of a small world: people of two states, a body of a union,
    /// two states, and a second actor whose id equals another's (the
    /// analysis's id look-up takes the last listed of equal ids).
    fn world() -> Vec<Actor> {
        let mut a = vec![
            Actor::new("RUS", "Russia", ActorKind::Country),
            Actor::new("UKR", "Ukraine", ActorKind::Country),
            Actor::new("putin", "Putin", ActorKind::Person),
            Actor::new("zelensky", "Zelensky", ActorKind::Person),
            Actor::new("eu-commission", "Commission", ActorKind::Organization),
            Actor::new("EU", "Union", ActorKind::Organization),
            Actor::new("putin", "Putin again", ActorKind::Person),
        ];
        a[2].country = Some("RUS".into());
        a[3].country = Some("UKR".into());
        a[4].affiliation = Some("EU".into());
        a[6].country = Some("UKR".into());
        a
    }

    /// A statement from numbers: speakers, targets and topics picked from
    /// the world (ids as fresh strings, or shared with the actors, as the
    /// analyzer hands them out).
    fn statement(world: &[Actor], picks: &[u8]) -> Statement {
        let id = |k: u8| -> ActorId {
            let a = &world[usize::from(k) % world.len()];
            if k & 0x40 != 0 {
                a.id.as_str().into()
            } else {
                a.id.clone()
            }
        };
        const TOPICS: [&str; 5] = ["sanctions", "nato", "gas", "grain", "peace"];
        let mention = |k: u8| Mention {
            actor: (k % 7 != 0).then(|| id(k)),
            span: Span::new(0, 1),
            how: MentionKind::Name,
        };
        let p = |i: usize| picks.get(i).copied().unwrap_or(0);
        let stances = [
            Stance::Support,
            Stance::Oppose,
            Stance::Neutral,
            Stance::Mixed,
        ];
        Statement {
            speaker: (p(0) % 5 != 0).then(|| mention(p(1))),
            co_speakers: (0..usize::from(p(2) % 3))
                .map(|k| mention(p(3 + k)))
                .collect(),
            cue: Span::new(0, 1),
            content: None,
            kind: StatementKind::Indirect,
            act: SpeechAct::Assert,
            stance: stances[usize::from(p(6)) % 4],
            targets: (0..usize::from(p(7) % 3)).map(|k| id(p(8 + k))).collect(),
            topics: (0..usize::from(p(10) % 3))
                .map(|k| TOPICS[usize::from(p(11 + k)) % TOPICS.len()].to_string())
                .collect(),
            negated: false,
            hedged: false,
            confidence: f32::from(p(13)) / 255.0,
            sentence: 0,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 500, ..Default::default() })]

        /// The positions of any statements are the reference's, in the
        /// same order, for documents of a few keys and of more keys than
        /// a scan finds (the B-tree then takes over).
        #[test]
        fn positions_are_the_references(
            picks in proptest::collection::vec(proptest::collection::vec(proptest::num::u8::ANY, 14), 0..150),
            roll_up in proptest::bool::ANY,
        ) {
            let world = world();
            let statements: Vec<Statement> = picks.iter().map(|p| statement(&world, p)).collect();
            let actor_of = |id: &str| world.iter().rev().find(|a| a.id.as_str() == id);
            let got = positions(&statements, actor_of, roll_up);
            let want = positions_ref(&statements, actor_of, roll_up);
            proptest::prop_assert_eq!(got, want);
        }
    }
}
