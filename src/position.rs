//! Positions: each actor's stance per topic (or, for statements with no
//! topic, per target) across a document, rolled up from people and
//! metonyms to the state they act for.
//!
//! The sixth stage of the pipeline: plain aggregation over
//! [`Statement`](crate::Statement)s.

use std::collections::{BTreeMap, HashMap};

use crate::{Actor, ActorId, ActorKind, Position, Stance, Statement};

/// How far from zero a score must be to count as support or oppose.
const DECISIVE: f32 = 0.15;

/// Aggregates statements into positions per (actor, topic), or per
/// (actor, target) for statements with no topic ("Moscow blamed Kyiv"), or
/// per actor alone for statements with neither. With `roll_up`,
/// a person's or body's statements also count for the state it acts for
/// (or, for an international official, the organisation).
///
/// `actors` are the document's listed actors: an id names the last listed
/// actor with that id.
pub(crate) fn positions<'a>(
    statements: &'a [Statement],
    actors: &'a [Actor],
    roll_up: bool,
) -> Vec<Position> {
    if statements.is_empty() {
        return Vec::new();
    }
    // Keys are numbers: the actors' and topics' strings are told apart
    // once, by `ActorNumbers` (most by the address of the listed id the
    // statement's id shares) and `TopicNumbers`, not compared, hashed or
    // ordered per statement. The entries borrow the statements' and
    // actors' strings until the positions are built, and keep the ids
    // their actor and target came from (when the document lists them), so
    // that a position shares them, not a copy.
    let mut numbers = ActorNumbers::new(actors);
    let mut topic_numbers = TopicNumbers::default();
    let mut order: Vec<Entry<'a>> = Vec::with_capacity(statements.len());
    // A key's entry is found by a scan of `order` while it is short
    // (a document holds a handful of positions), then by a B-tree made
    // once, which keeps look-ups O(log n) whatever the document.
    let mut index: Option<BTreeMap<NumberKey, usize>> = None;
    // A statement's keys past the holder: (kind and number, topic, target).
    let mut keys: Vec<([u32; 2], Option<&str>, Option<&ActorId>)> = Vec::new();
    // Its holders: (number, id, listed id, rolled up).
    let mut holders: Vec<(u32, &str, Option<&ActorId>, bool)> = Vec::new();
    // What each statement counts for, in order: (entry, statement). The
    // sums are made as they are found; the lists of statements and
    // targets once all are counted, so that each is made at its size, not
    // grown statement by statement.
    let mut hits: Vec<(u32, u32)> = Vec::with_capacity(2 * statements.len());
    for (i, st) in statements.iter().enumerate() {
        keys.clear();
        if !st.topics.is_empty() {
            for t in &st.topics {
                keys.push(([TOPIC, topic_numbers.number(t)], Some(t.as_str()), None));
            }
        } else if !st.targets.is_empty() {
            for t in &st.targets {
                keys.push(([TARGET, numbers.number(t)], None, Some(t)));
            }
        } else {
            keys.push(([NEITHER, 0], None, None));
        }
        holders.clear();
        for id in st.speaker_actors() {
            let n = numbers.number(id);
            push_unique(&mut holders, n, id, Some(id), false);
            if roll_up {
                if let Some((up_n, up, listed)) = numbers.roll_up(n) {
                    push_unique(&mut holders, up_n, up, listed, true);
                }
            }
        }
        for &(holder_n, holder, holder_id, rolled) in &holders {
            for &(other, topic, target_id) in &keys {
                if other == [TARGET, holder_n] {
                    continue;
                }
                let key = [holder_n, other[0], other[1]];
                let target = target_id.map(ActorId::as_str);
                let at = if let Some(tree) = &mut index {
                    *tree.entry(key).or_insert_with(|| {
                        order.push(Entry::new(
                            key,
                            (holder, topic, target),
                            (holder_id, target_id),
                        ));
                        order.len() - 1
                    })
                } else if let Some(at) = order.iter().position(|e| e.key == key) {
                    at
                } else {
                    order.push(Entry::new(
                        key,
                        (holder, topic, target),
                        (holder_id, target_id),
                    ));
                    if order.len() > SCAN_MAX {
                        index = Some(order.iter().enumerate().map(|(k, e)| (e.key, k)).collect());
                    }
                    order.len() - 1
                };
                let entry = &mut order[at];
                entry.sums.add(st, rolled);
                entry.statements += 1;
                entry.targets += st.targets.len();
                hits.push((at as u32, i as u32));
            }
        }
    }
    let mut lists: Vec<(Vec<usize>, Vec<ActorId>)> = order
        .iter()
        .map(|e| {
            (
                Vec::with_capacity(e.statements),
                Vec::with_capacity(e.targets),
            )
        })
        .collect();
    for (at, i) in hits {
        let (list, targets) = &mut lists[at as usize];
        list.push(i as usize);
        add_targets(targets, &statements[i as usize].targets);
    }
    let id = |source: Option<&ActorId>, id: &str| source.cloned().unwrap_or_else(|| id.into());
    order
        .into_iter()
        .zip(lists)
        .map(|(e, (statements, targets))| {
            let (actor, topic, target) = e.strings;
            let (actor_id, target_id) = e.sources;
            let tally = Tally {
                sums: e.sums,
                statements,
                targets,
            };
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

/// One position being summed up.
struct Entry<'a> {
    key: NumberKey,
    /// The key's strings, for a position whose actor or target the
    /// document does not list.
    strings: BorrowedKey<'a>,
    sources: Sources<'a>,
    sums: Sums,
    /// How many statements count for it.
    statements: usize,
    /// How many targets they name, repeats counted.
    targets: usize,
}

impl<'a> Entry<'a> {
    fn new(key: NumberKey, strings: BorrowedKey<'a>, sources: Sources<'a>) -> Entry<'a> {
        Entry {
            key,
            strings,
            sources,
            sums: Sums::default(),
            statements: 0,
            targets: 0,
        }
    }
}

/// A position's key in numbers: the holder's actor number, then what the
/// rest of the key is ([`TOPIC`], [`TARGET`] or [`NEITHER`]) and its
/// number.
type NumberKey = [u32; 3];

/// A key with a topic: its [`TopicNumbers`] number follows.
const TOPIC: u32 = 0;
/// A key with a target: its [`ActorNumbers`] number follows.
const TARGET: u32 = 1;
/// A key with neither (the number after it is 0).
const NEITHER: u32 = 2;

/// Numbers for actor id strings, equal for equal strings: a listed
/// actor's id has the index of the last listed actor with that id (the
/// actor the id names), another string a number past the listed ones.
struct ActorNumbers<'a> {
    actors: &'a [Actor],
    /// The listed actors by id: (the id's first eight bytes as a
    /// big-endian integer, index), sorted by that integer, then by id,
    /// stable (of equal ids, the last listed is last). A look-up compares
    /// integers where ids differ in their first eight bytes.
    by_id: Vec<(u64, u32)>,
    /// Open addressing over a power-of-two table at most half full, of
    /// the listed ids by the address of their bytes. A statement's ids are
    /// clones of the listed ones (`Analyzer::analyze` hands them out): the
    /// same string, found by its address with no byte compared.
    slots: Vec<Slot>,
    /// The strings no listed actor has (a state positions roll up to that
    /// the gazetteer does not list), numbered after the listed actors, and
    /// by number.
    others: HashMap<&'a str, u32>,
    other_strings: Vec<&'a str>,
}

/// A slot of [`ActorNumbers::slots`].
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The address of a listed id's bytes.
    address: usize,
    /// Its length; [`FREE`] marks a free slot (no string is that long).
    len: usize,
    /// Its number.
    number: u32,
    /// Not the slot's id's: the roll-up of listed actor `k` is kept in
    /// slot `k` (the table has more slots than actors), so that the
    /// numbers take two allocations, not three: [`ROLL_UNKNOWN`] until
    /// asked, [`ROLL_NOBODY`], or the number its statements also count
    /// for.
    roll: u32,
}

/// [`Slot::len`] of a free slot.
const FREE: usize = usize::MAX;
/// [`Slot::roll`] not asked yet.
const ROLL_UNKNOWN: u32 = u32::MAX;
/// [`Slot::roll`] of an actor whose statements count for no one else.
const ROLL_NOBODY: u32 = u32::MAX - 1;

impl<'a> ActorNumbers<'a> {
    fn new(actors: &'a [Actor]) -> ActorNumbers<'a> {
        let mut by_id: Vec<(u64, u32)> = actors
            .iter()
            .enumerate()
            .map(|(k, a)| (id_prefix(&a.id), k as u32))
            .collect();
        let id = |k: u32| actors[k as usize].id.as_str();
        by_id.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| id(a.1).cmp(id(b.1))));
        let size = (2 * actors.len()).next_power_of_two().max(2);
        let free = Slot {
            address: 0,
            len: FREE,
            number: 0,
            roll: ROLL_UNKNOWN,
        };
        let mut slots = vec![free; size];
        // A run of equal ids: each id's address gets the run's last index.
        let mut start = 0;
        for end in 1..=by_id.len() {
            let (prefix, k) = by_id[end - 1];
            if by_id
                .get(end)
                .is_some_and(|&(p, next)| p == prefix && id(next) == id(k))
            {
                continue;
            }
            for &(_, j) in &by_id[start..end] {
                let s = id(j);
                let mut i = address_hash(s) & (size - 1);
                // An id shared by two listed actors (clones) is entered once.
                while slots[i].len != FREE && slots[i].address != s.as_ptr() as usize {
                    i = (i + 1) & (size - 1);
                }
                slots[i].address = s.as_ptr() as usize;
                slots[i].len = s.len();
                slots[i].number = k;
            }
            start = end;
        }
        ActorNumbers {
            actors,
            by_id,
            slots,
            others: HashMap::new(),
            other_strings: Vec::new(),
        }
    }

    /// The number of `id`.
    #[inline]
    fn number(&mut self, id: &'a str) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = address_hash(id) & mask;
        loop {
            let slot = self.slots[i];
            if slot.address == id.as_ptr() as usize && slot.len == id.len() {
                return slot.number;
            }
            if slot.len == FREE {
                return self.number_by_bytes(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of `id`, found by its bytes.
    fn number_by_bytes(&mut self, id: &'a str) -> u32 {
        if let Some(k) = self.listed(id) {
            return k;
        }
        let next = (self.actors.len() + self.others.len()) as u32;
        let n = *self.others.entry(id).or_insert(next);
        if n == next {
            self.other_strings.push(id);
        }
        n
    }

    /// The string numbered `n`, and its listed id if it has one.
    fn string(&self, n: u32) -> (&'a str, Option<&'a ActorId>) {
        let n = n as usize;
        match self.actors.get(n) {
            Some(a) => (a.id.as_str(), Some(&a.id)),
            None => (self.other_strings[n - self.actors.len()], None),
        }
    }

    /// The index of the last listed actor with id `id`.
    fn listed(&self, id: &str) -> Option<u32> {
        let key = id_prefix(id);
        // The run of ids with the same first bytes: most hold one id, which
        // the entry after it tells; a longer one is searched by the ids.
        let run = &self.by_id[self.by_id.partition_point(|e| e.0 < key)..];
        let n = if run.get(1).is_some_and(|e| e.0 == key) {
            run.partition_point(|e| e.0 == key && self.actors[e.1 as usize].id.as_str() <= id)
        } else {
            usize::from(run.first().is_some_and(|e| e.0 == key))
        };
        run[..n]
            .last()
            .map(|e| e.1)
            .filter(|&k| self.actors[k as usize].id.as_str() == id)
    }

    /// Whom the statements of the actor numbered `n` also count for: its
    /// number, its string, and its listed id if it has one.
    fn roll_up(&mut self, n: u32) -> Option<(u32, &'a str, Option<&'a ActorId>)> {
        let k = n as usize;
        // A string no listed actor has names no actor: nothing to roll up.
        let actor = self.actors.get(k)?;
        if self.slots[k].roll == ROLL_UNKNOWN {
            self.slots[k].roll = match roll_up_target(actor) {
                Some(up) if up != actor.id.as_str() => self.number_by_bytes(up),
                _ => ROLL_NOBODY,
            };
        }
        let up_n = self.slots[k].roll;
        if up_n == ROLL_NOBODY {
            return None;
        }
        let (up, listed) = self.string(up_n);
        Some((up_n, up, listed))
    }
}

/// Where the address of `s`'s bytes starts its probe: Fibonacci hashing,
/// the high bits of the product (spread over the table by the caller's
/// mask).
#[inline]
fn address_hash(s: &str) -> usize {
    ((s.as_ptr() as usize as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
}

/// The first eight bytes of `id` (zeros past its end), as a big-endian
/// integer: its order is the order of those bytes.
#[inline]
fn id_prefix(id: &str) -> u64 {
    let bytes = id.as_bytes();
    match bytes.first_chunk::<8>() {
        Some(&first) => u64::from_be_bytes(first),
        // A byte at a time (a copy of a length not known would call
        // `memcpy`).
        None => bytes
            .iter()
            .enumerate()
            .fold(0, |key, (i, &b)| key | u64::from(b) << (56 - 8 * i)),
    }
}

/// Numbers for topic strings, equal for equal strings: a document names
/// a handful of topics, told apart by a scan; past [`TOPICS_SCANNED`]
/// (a classifier may name any number) by a hash map.
#[derive(Debug, Default)]
struct TopicNumbers<'a> {
    seen: Vec<&'a str>,
    map: Option<HashMap<&'a str, u32>>,
}

/// The most topics [`TopicNumbers`] tells apart by a scan.
const TOPICS_SCANNED: usize = 16;

impl<'a> TopicNumbers<'a> {
    fn number(&mut self, topic: &'a str) -> u32 {
        if let Some(map) = &mut self.map {
            let next = map.len() as u32;
            return *map.entry(topic).or_insert(next);
        }
        if let Some(n) = self.seen.iter().position(|&t| t == topic) {
            return n as u32;
        }
        self.seen.push(topic);
        if self.seen.len() > TOPICS_SCANNED {
            self.map = Some(
                self.seen
                    .iter()
                    .enumerate()
                    .map(|(n, &t)| (t, n as u32))
                    .collect(),
            );
        }
        (self.seen.len() - 1) as u32
    }
}

/// The ids a position's actor and target strings came from, if any.
type Sources<'s> = (Option<&'s ActorId>, Option<&'s ActorId>);

/// Whose position, on what topic, toward whom.
/// A position's key: actor, topic, target.
pub(crate) type Key = (ActorId, Option<String>, Option<ActorId>);

/// A [`Key`] borrowing its strings.
type BorrowedKey<'s> = (&'s str, Option<&'s str>, Option<&'s str>);

/// Adds a holder unless one of its number is there.
fn push_unique<'s>(
    v: &mut Vec<(u32, &'s str, Option<&'s ActorId>, bool)>,
    n: u32,
    id: &'s str,
    source: Option<&'s ActorId>,
    rolled: bool,
) {
    if !v.iter().any(|&(x, ..)| x == n) {
        v.push((n, id, source, rolled));
    }
}

/// Whom an actor's statements also count for.
fn roll_up_target(actor: &Actor) -> Option<&str> {
    if actor.kind == ActorKind::Country {
        return None;
    }
    actor.roll_up_id()
}

/// The running sum of one position's evidence: the one stance rule, shared
/// by document positions and corpus positions.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    sums: Sums,
    statements: Vec<usize>,
    targets: Vec<ActorId>,
}

/// The sums of a [`Tally`], apart from its lists: [`positions`] makes
/// them as it finds the statements, and the lists once it has counted
/// them.
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    weight: f32,
    signed: f32,
    support: f32,
    oppose: f32,
    mixed: usize,
    rolled: bool,
}

impl Sums {
    /// Counts a statement (rolled up from another actor or not).
    #[inline]
    fn add(&mut self, st: &Statement, rolled: bool) {
        let w = st.confidence.max(0.05);
        self.weight += w;
        self.signed += st.stance.sign() * w;
        match st.stance {
            Stance::Support => self.support += w,
            Stance::Oppose => self.oppose += w,
            Stance::Mixed => self.mixed += 1,
            Stance::Neutral => {}
        }
        self.rolled |= rolled;
    }
}

/// Adds the targets not in `to` yet, in order.
#[inline]
fn add_targets(to: &mut Vec<ActorId>, targets: &[ActorId]) {
    for t in targets {
        if !to.contains(t) {
            to.push(t.clone());
        }
    }
}

impl Tally {
    /// Counts statement `i` (rolled up from another actor or not).
    pub(crate) fn add(&mut self, i: usize, st: &Statement, rolled: bool) {
        self.sums.add(st, rolled);
        self.statements.push(i);
        add_targets(&mut self.targets, &st.targets);
    }

    /// The position these statements give `actor` on `topic` or toward
    /// `target`.
    pub(crate) fn finish(self, (actor, topic, target): Key) -> Position {
        let Tally {
            sums,
            statements,
            targets,
        } = self;
        let Sums {
            weight,
            signed,
            support,
            oppose,
            mixed,
            rolled,
        } = sums;
        let score = if weight > 0.0 {
            (signed / weight).clamp(-1.0, 1.0)
        } else {
            0.0
        };
        let both = support > 0.0 && oppose > 0.0;
        let stance = if both && support.min(oppose) / support.max(oppose) >= 0.5 {
            Stance::Mixed
        } else if score >= DECISIVE {
            Stance::Support
        } else if score <= -DECISIVE {
            Stance::Oppose
        } else if mixed > 0 || both {
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
            targets,
            statements,
            rolled_up: rolled,
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
                push_unique_ref(&mut holders, id.as_str(), Some(id), false);
                if roll_up {
                    if let Some(up) = actor_of(id.as_str()).and_then(roll_up_target) {
                        if up != id.as_str() {
                            let listed = actor_of(up).map(|a| &a.id);
                            push_unique_ref(&mut holders, up, listed, true);
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

    /// `push_unique` as it was, by the holder's string: the reference's.
    fn push_unique_ref<'s>(
        v: &mut Vec<(&'s str, Option<&'s ActorId>, bool)>,
        id: &'s str,
        source: Option<&'s ActorId>,
        rolled: bool,
    ) {
        if !v.iter().any(|&(x, _, _)| x == id) {
            v.push((id, source, rolled));
        }
    }

    /// The actor look-up as it was, a binary search over the actors
    /// sorted by id: the reference.
    fn actor_of_ref<'a>(actors: &'a [Actor], id: &str) -> Option<&'a Actor> {
        let mut by_id: Vec<&Actor> = actors.iter().collect();
        by_id.sort_by(|a, b| a.id.cmp(&b.id));
        let after = by_id.partition_point(|a| a.id.as_str() <= id);
        after
            .checked_sub(1)
            .map(|i| by_id[i])
            .filter(|a| a.id == *id)
    }

    /// Actors of a small world: people of two states, a body of a union,
    /// two states, a second actor whose id equals another's (the
    /// analysis's id look-up takes the last listed of equal ids), and a
    /// person of a state not listed.
    fn world() -> Vec<Actor> {
        let mut a = vec![
            Actor::new("RUS", "Russia", ActorKind::Country),
            Actor::new("UKR", "Ukraine", ActorKind::Country),
            Actor::new("putin", "Putin", ActorKind::Person),
            Actor::new("zelensky", "Zelensky", ActorKind::Person),
            Actor::new("eu-commission", "Commission", ActorKind::Organization),
            Actor::new("EU", "Union", ActorKind::Organization),
            Actor::new("putin", "Putin again", ActorKind::Person),
            Actor::new("lukashenko", "Lukashenko", ActorKind::Person),
        ];
        a[2].country = Some("RUS".into());
        a[3].country = Some("UKR".into());
        a[4].affiliation = Some("EU".into());
        a[6].country = Some("UKR".into());
        a[7].country = Some("BLR".into());
        a
    }

    /// A statement from numbers: speakers, targets and topics picked from
    /// the world (ids as fresh strings, or shared with the actors, as the
    /// analyzer hands them out, or ids no actor has), topics from more
    /// than a document's scan tells apart.
    fn statement(world: &[Actor], picks: &[u8]) -> Statement {
        let id = |k: u8| -> ActorId {
            let a = &world[usize::from(k) % world.len()];
            if k >= 0xF0 {
                ["ghost", "BLR", ""][usize::from(k) % 3].into()
            } else if k & 0x40 != 0 {
                a.id.as_str().into()
            } else {
                a.id.clone()
            }
        };
        let topic = |k: u8| match k % 4 {
            0 => "sanctions".to_string(),
            1 => "nato".to_string(),
            _ => format!("topic-{}", k % 40),
        };
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
                .map(|k| topic(p(11 + k)))
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
            let got = positions(&statements, &world, roll_up);
            let want = positions_ref(&statements, actor_of, roll_up);
            proptest::prop_assert_eq!(got, want);
        }

        /// The numbers find the actor the reference finds (the same one
        /// of equal ids, told apart by name), for listed ids and others,
        /// on ids sharing eight-byte prefixes, shorter than eight bytes,
        /// empty, with zero bytes and non-ASCII letters; and two strings
        /// get the same number exactly when they are equal, asked by a
        /// listed id's own string or by a copy.
        #[test]
        fn actor_numbers_are_the_references_look_up(
            ids in proptest::collection::vec(
                proptest::string::string_regex("(vladimir|-|putin|RUS|R|U|\\x00|é|ü|a){0,4}").unwrap(),
                0..40,
            ),
            asked in proptest::collection::vec(
                proptest::string::string_regex("(vladimir|-|putin|RUS|R|U|\\x00|é|ü|a){0,4}").unwrap(),
                0..20,
            ),
        ) {
            let actors: Vec<Actor> = ids
                .iter()
                .enumerate()
                .map(|(n, id)| Actor::new(id.as_str(), n.to_string(), ActorKind::Person))
                .collect();
            let mut numbers = ActorNumbers::new(&actors);
            let mut strings: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
            strings.extend(ids.iter().chain(&asked).map(String::as_str));
            let mut seen: Vec<(&str, u32)> = Vec::new();
            for &id in &strings {
                let got = numbers.listed(id).map(|k| &actors[k as usize].name);
                let want = actor_of_ref(&actors, id).map(|a| &a.name);
                proptest::prop_assert_eq!(got, want, "{:?}", id);
                let n = numbers.number(id);
                if let Some(a) = actor_of_ref(&actors, id) {
                    proptest::prop_assert_eq!(&actors[n as usize].name, &a.name);
                } else {
                    proptest::prop_assert!(n as usize >= actors.len());
                }
                for &(s, m) in &seen {
                    proptest::prop_assert_eq!(s == id, m == n, "{:?} {:?}", s, id);
                }
                seen.push((id, n));
            }
        }
    }
}
