//! Positions: each actor's stance per topic (or, for statements with no
//! topic, per target) across a document, rolled up from people and
//! metonyms to the state they act for.
//!
//! The sixth stage of the pipeline: plain aggregation over
//! [`Statement`](crate::Statement)s.

use std::collections::HashMap;

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
    let mut order: Vec<Key> = Vec::new();
    let mut acc: HashMap<Key, Tally> = HashMap::new();
    for (i, st) in statements.iter().enumerate() {
        let keys: Vec<(Option<String>, Option<ActorId>)> = if !st.topics.is_empty() {
            st.topics.iter().map(|t| (Some(t.clone()), None)).collect()
        } else if !st.targets.is_empty() {
            st.targets.iter().map(|t| (None, Some(t.clone()))).collect()
        } else {
            vec![(None, None)]
        };
        let mut holders: Vec<(ActorId, bool)> = Vec::new();
        for id in st.speaker_actors() {
            push_unique(&mut holders, id.clone(), false);
            if roll_up {
                if let Some(up) = actor_of(id).and_then(roll_up_target) {
                    if up != *id {
                        push_unique(&mut holders, up, true);
                    }
                }
            }
        }
        for (holder, rolled) in holders {
            for (topic, target) in &keys {
                if target.as_ref() == Some(&holder) {
                    continue;
                }
                let key = (holder.clone(), topic.clone(), target.clone());
                let entry = acc.entry(key.clone()).or_insert_with(|| {
                    order.push(key);
                    Tally::default()
                });
                entry.add(i, st, rolled);
            }
        }
    }
    order
        .into_iter()
        .map(|key| {
            let a = acc.remove(&key).unwrap_or_default();
            a.finish(key)
        })
        .collect()
}

/// Whose position, on what topic, toward whom.
/// A position's key: actor, topic, target.
pub(crate) type Key = (ActorId, Option<String>, Option<ActorId>);

fn push_unique(v: &mut Vec<(ActorId, bool)>, id: ActorId, rolled: bool) {
    if !v.iter().any(|(x, _)| *x == id) {
        v.push((id, rolled));
    }
}

/// Whom an actor's statements also count for.
fn roll_up_target(actor: &Actor) -> Option<ActorId> {
    if actor.kind == ActorKind::Country {
        return None;
    }
    match &actor.country {
        Some(c) => Some(ActorId::from(c.as_str())),
        None => actor.affiliation.clone(),
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
