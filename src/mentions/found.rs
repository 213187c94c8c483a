//! The actors a document introduces (people found through their titles,
//! organisations and groups found by their names), indexed by name and id.
//!
//! A document may introduce tens of thousands of them (a long list of
//! names, a scraped directory): every look-up here is a hash look-up, so
//! the cost of a new actor does not grow with the number before it.

use std::collections::{HashMap, HashSet};

use super::lexicon::Gender;
use super::ActorRef;
use crate::gazetteer::{slug, Gazetteer};
use crate::{Actor, ActorId};

/// The actors a document introduces, with their genders.
///
/// Names and ids are fixed once an actor is pushed (the indexes rely on
/// it); [`Found::set_state`] changes what may change.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    actors: Vec<Actor>,
    genders: Vec<Option<Gender>>,
    /// Name → the indices of the actors with that name, in push order.
    by_name: HashMap<Box<str>, Vec<u32>>,
    /// Every id taken by a found actor.
    ids: HashSet<Box<str>>,
    /// Per suffixed id stem ("anna-kovacs-hun"): the last number used, so
    /// that a run of clashing slugs does not retry every earlier number.
    last_suffix: HashMap<Box<str>, u32>,
}

impl Found {
    /// The number of actors.
    pub(crate) fn len(&self) -> usize {
        self.actors.len()
    }

    /// The actor at `i`.
    pub(crate) fn get(&self, i: u32) -> &Actor {
        &self.actors[i as usize]
    }

    /// The gender of the actor at `i`, if known.
    pub(crate) fn gender(&self, i: u32) -> Option<Gender> {
        self.genders.get(i as usize).copied().flatten()
    }

    /// The indices of the actors named exactly `name`, in the order they
    /// were found.
    pub(crate) fn named<'a>(&'a self, name: &str) -> impl Iterator<Item = u32> + 'a {
        self.by_name.get(name).into_iter().flatten().copied()
    }

    /// Sets the country and the affiliation of the actor at `i`.
    pub(crate) fn set_state(&mut self, i: u32, country: Option<String>, affiliation: ActorId) {
        let a = &mut self.actors[i as usize];
        a.country = country;
        a.affiliation = Some(affiliation);
    }

    /// Adds an actor (its id from [`Found::id_for`]) and returns its
    /// reference.
    pub(crate) fn push(&mut self, actor: Actor, gender: Option<Gender>) -> ActorRef {
        let i = self.actors.len() as u32;
        self.by_name
            .entry(Box::from(actor.name.as_str()))
            .or_default()
            .push(i);
        self.ids.insert(Box::from(&*actor.id));
        self.actors.push(actor);
        self.genders.push(gender);
        ActorRef::Found(i)
    }

    /// A fresh id for a new actor named `name`: its slug, or when the
    /// gazetteer or the document already has that, the slug with the
    /// country ("-rus") or "-2", then numbered ("-rus-3", "-rus-4", ...).
    pub(crate) fn id_for(&mut self, gaz: &Gazetteer, name: &str, country: Option<&str>) -> ActorId {
        let base = slug(name);
        if !self.taken(gaz, &base) {
            return ActorId::from(base);
        }
        let stem = match country {
            Some(c) => format!("{base}-{}", c.to_ascii_lowercase()),
            None => format!("{base}-2"),
        };
        // Ids are only ever added, so the first free number never goes
        // down: start from the last one handed out for this stem.
        let mut n = self.last_suffix.get(stem.as_str()).copied().unwrap_or(2);
        let mut id = if n == 2 {
            stem.clone()
        } else {
            format!("{stem}-{n}")
        };
        while self.taken(gaz, &id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        self.last_suffix.insert(stem.into_boxed_str(), n);
        ActorId::from(id)
    }

    fn taken(&self, gaz: &Gazetteer, id: &str) -> bool {
        gaz.get(id).is_some() || self.ids.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorKind;

    fn add(found: &mut Found, gaz: &Gazetteer, name: &str, country: Option<&str>) -> ActorId {
        let id = found.id_for(gaz, name, country);
        found.push(Actor::new(id.clone(), name, ActorKind::Person), None);
        id
    }

    #[test]
    fn ids_are_unique_and_numbered_per_stem() {
        let gaz = Gazetteer::builtin();
        let mut found = Found::default();
        let ids: Vec<String> = ["Anna Kovacs", "Anna  Kovacs", "Anna-Kovacs", "Anna Kovács"]
            .iter()
            .map(|n| add(&mut found, &gaz, n, Some("HUN")).to_string())
            .collect();
        assert_eq!(
            ids,
            [
                "anna-kovacs",
                "anna-kovacs-hun",
                "anna-kovacs-hun-3",
                "anna-kovacs-hun-4"
            ]
        );
        // Without a country: "-2", then numbered after it.
        let a = add(&mut found, &gaz, "Borys Tkach", None).to_string();
        let b = add(&mut found, &gaz, "Borys-Tkach", None).to_string();
        let c = add(&mut found, &gaz, "Borys  Tkach", None).to_string();
        assert_eq!(
            [a, b, c],
            ["borys-tkach", "borys-tkach-2", "borys-tkach-2-3"]
        );
    }

    #[test]
    fn a_gazetteer_id_is_never_reused() {
        let gaz = Gazetteer::builtin();
        let mut found = Found::default();
        // "Vladimir Putin" is in the gazetteer: a found namesake gets the
        // country suffix.
        let id = add(&mut found, &gaz, "Vladimir Putin", Some("XYZ"));
        assert_eq!(id.to_string(), "vladimir-putin-xyz");
    }

    #[test]
    fn names_index_every_actor_in_order() {
        let gaz = Gazetteer::builtin();
        let mut found = Found::default();
        add(&mut found, &gaz, "Anna Kovacs", None);
        add(&mut found, &gaz, "Borys Tkach", None);
        add(&mut found, &gaz, "Anna Kovacs", Some("HUN"));
        assert_eq!(found.named("Anna Kovacs").collect::<Vec<_>>(), [0, 2]);
        assert_eq!(found.named("Nobody").count(), 0);
        assert_eq!(found.len(), 3);
    }
}
