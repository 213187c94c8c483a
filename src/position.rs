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
    statements: &[Statement],
    actor_of: impl Fn(&ActorId) -> Option<&'a Actor>,
    roll_up: bool,
) -> Vec<Position> {
    // Keys borrow the statements' and actors' strings until the positions
    // are built: no string is copied or hashed per statement, and the
    // B-tree keeps look-ups O(log n) whatever the document.
    let mut order: Vec<(BorrowedKey<'_>, Tally)> = Vec::new();
    let mut index: BTreeMap<BorrowedKey<'_>, usize> = BTreeMap::new();
    let mut keys: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    let mut holders: Vec<(&str, bool)> = Vec::new();
    for (i, st) in statements.iter().enumerate() {
        keys.clear();
        if !st.topics.is_empty() {
            keys.extend(st.topics.iter().map(|t| (Some(t.as_str()), None)));
        } else if !st.targets.is_empty() {
            keys.extend(st.targets.iter().map(|t| (None, Some(t.as_str()))));
        } else {
            keys.push((None, None));
        }
        holders.clear();
        for id in st.speaker_actors() {
            push_unique(&mut holders, id.as_str(), false);
            if roll_up {
                if let Some(up) = actor_of(id).and_then(roll_up_target) {
                    if up != id.as_str() {
                        push_unique(&mut holders, up, true);
                    }
                }
            }
        }
        for &(holder, rolled) in &holders {
            for &(topic, target) in &keys {
                if target == Some(holder) {
                    continue;
                }
                let key = (holder, topic, target);
                let at = *index.entry(key).or_insert_with(|| {
                    order.push((key, Tally::default()));
                    order.len() - 1
                });
                order[at].1.add(i, st, rolled);
            }
        }
    }
    order
        .into_iter()
        .map(|((actor, topic, target), tally)| {
            tally.finish((
                ActorId::from(actor),
                topic.map(String::from),
                target.map(ActorId::from),
            ))
        })
        .collect()
}

/// Whose position, on what topic, toward whom.
/// A position's key: actor, topic, target.
pub(crate) type Key = (ActorId, Option<String>, Option<ActorId>);

/// A [`Key`] borrowing its strings.
type BorrowedKey<'s> = (&'s str, Option<&'s str>, Option<&'s str>);

fn push_unique<'s>(v: &mut Vec<(&'s str, bool)>, id: &'s str, rolled: bool) {
    if !v.iter().any(|&(x, _)| x == id) {
        v.push((id, rolled));
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
