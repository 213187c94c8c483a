//! Loading and checking gazetteer sources.

use std::collections::{HashMap, HashSet};

use super::{check_country, petrarch, Gazetteer, GroupNoun, NonActor, Role, Title};
use crate::error::{DataProblem, Error};
use crate::tsv;
use crate::{Actor, ActorId, ActorKind, Date, Term};

const ACTOR_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "name",
    "country",
    "aliases",
    "adjectives",
    "metonyms",
    "office",
    "affiliation",
    "terms",
];

pub(super) struct Accumulator {
    strict: bool,
    actors: Vec<Actor>,
    /// Per actor: the index of its file in `files`, and its line.
    origins: Vec<(u32, usize)>,
    files: Vec<String>,
    index: HashMap<ActorId, u32>,
    exact: HashSet<String>,
    given_names: HashSet<String>,
    non_actors: Vec<NonActor>,
    titles: Vec<Title>,
    groups: Vec<GroupNoun>,
    warnings: Vec<Error>,
}

impl Accumulator {
    pub(super) fn new(strict: bool) -> Accumulator {
        Accumulator {
            strict,
            actors: Vec::new(),
            origins: Vec::new(),
            files: Vec::new(),
            index: HashMap::new(),
            exact: HashSet::new(),
            given_names: HashSet::new(),
            non_actors: Vec::new(),
            titles: Vec::new(),
            groups: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub(super) fn actors_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let rows = tsv::parse(file, text, ACTOR_COLUMNS, &["id", "kind", "name"])?;
        self.actors.reserve(rows.len());
        for row in rows {
            let kind_text = row.required("kind")?;
            let kind = ActorKind::parse(kind_text).ok_or_else(|| row.bad("kind", kind_text))?;
            let mut actor = Actor::new(row.required("id")?, row.required("name")?, kind);
            if let Some(c) = row.get("country") {
                actor.country = Some(c.to_string());
            } else if kind == ActorKind::Country {
                actor.country = Some(actor.id.to_string());
            }
            // One allocation per list, not two (`Row::list` collects
            // `&str`s first): this is most of the built-in data.
            let list = |column| -> Result<Vec<String>, Error> {
                let Some(field) = row.get(column) else {
                    return Ok(Vec::new());
                };
                field
                    .split('|')
                    .map(|item| match item.trim() {
                        "" => Err(row.error(DataProblem::EmptyAlias)),
                        item => Ok(item.to_string()),
                    })
                    .collect()
            };
            actor.aliases = list("aliases")?;
            actor.adjectives = list("adjectives")?;
            actor.metonyms = list("metonyms")?;
            actor.title = row.get("office").map(str::to_string);
            actor.affiliation = row.get("affiliation").map(ActorId::from);
            if let Some(terms) = row.get("terms") {
                actor.terms = parse_terms(terms).map_err(|p| row.error(p))?;
            }
            self.actor(actor, file, row.line())?;
        }
        Ok(())
    }

    /// Checks one actor, takes the `=` and `~` markers off its names, and
    /// adds it.
    pub(super) fn actor(&mut self, mut actor: Actor, file: &str, line: usize) -> Result<(), Error> {
        let err = |p| Error::data(file, line, p);
        if actor.id.trim().is_empty() {
            return Err(err(DataProblem::EmptyField("id")));
        }
        if actor.name.trim().is_empty() {
            return Err(err(DataProblem::EmptyField("name")));
        }
        let names = actor
            .aliases
            .iter()
            .chain(&actor.adjectives)
            .chain(&actor.metonyms);
        if names
            .into_iter()
            .any(|n| strip_markers(n).0.trim().is_empty())
        {
            return Err(err(DataProblem::EmptyAlias));
        }
        if let Some(c) = &actor.country {
            check_country(c).map_err(err)?;
        }
        for t in &actor.terms {
            check_term(t).map_err(err)?;
        }
        self.strip_names(&mut actor);
        self.push(actor, file, line)
    }

    fn strip_names(&mut self, actor: &mut Actor) {
        let mut strip = |n: &mut String| {
            let (rest, exact, given) = strip_markers(n);
            if exact || given {
                let rest = rest.to_string();
                if exact {
                    self.exact.insert(rest.clone());
                }
                if given {
                    self.given_names.insert(rest.clone());
                }
                *n = rest;
            }
        };
        strip(&mut actor.name);
        actor.aliases.iter_mut().for_each(&mut strip);
        actor.adjectives.iter_mut().for_each(&mut strip);
        actor.metonyms.iter_mut().for_each(&mut strip);
    }

    /// Adds names to an actor already loaded (PETRARCH entries that extend
    /// a state), skipping names it has.
    pub(super) fn extend_names(&mut self, index: u32, names: Vec<String>) {
        let actor = &mut self.actors[index as usize];
        for n in names {
            let known = actor.name == n
                || actor.aliases.contains(&n)
                || actor.adjectives.contains(&n)
                || actor.metonyms.contains(&n);
            if !known {
                actor.aliases.push(n);
            }
        }
    }

    pub(super) fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    pub(super) fn get(&self, index: u32) -> &Actor {
        &self.actors[index as usize]
    }

    pub(super) fn get_mut(&mut self, index: u32) -> &mut Actor {
        &mut self.actors[index as usize]
    }

    pub(super) fn strict(&self) -> bool {
        self.strict
    }

    pub(super) fn warn(&mut self, error: Error) {
        self.warnings.push(error);
    }

    pub(super) fn non_actors_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let columns = &["phrase", "note", "when", "unless"];
        for row in tsv::parse(file, text, columns, &["phrase"])? {
            let words = |column| -> Result<Vec<String>, Error> {
                Ok(row.list(column)?.into_iter().map(str::to_string).collect())
            };
            self.non_actors.push(NonActor {
                phrase: row.required("phrase")?.to_string(),
                when: words("when")?,
                unless: words("unless")?,
            });
        }
        Ok(())
    }

    pub(super) fn non_actor(&mut self, phrase: String) {
        self.non_actors.push(NonActor {
            phrase,
            when: Vec::new(),
            unless: Vec::new(),
        });
    }

    pub(super) fn actors_json(&mut self, file: &str, text: &str) -> Result<(), Error> {
        use serde_json::value::RawValue;
        let json_error = |e: serde_json::Error, first_line: usize| {
            Error::data(
                file,
                first_line + e.line().max(1) - 1,
                DataProblem::Json(strip_position(&e.to_string())),
            )
        };
        let entries: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| json_error(e, 1))?;
        for raw in entries {
            // Each entry's text lies inside `text`: its offset gives its line.
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            let line = 1 + text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let actor: Actor = serde_json::from_str(raw.get()).map_err(|e| json_error(e, line))?;
            self.actor(actor, file, line)?;
        }
        Ok(())
    }

    pub(super) fn petrarch(&mut self, file: &str, text: &str) -> Result<(), Error> {
        petrarch::load(self, file, text)
    }

    fn push(&mut self, actor: Actor, file: &str, line: usize) -> Result<(), Error> {
        if self.index.contains_key(&actor.id) {
            return Err(Error::data(
                file,
                line,
                DataProblem::DuplicateId(actor.id.to_string()),
            ));
        }
        self.index
            .insert(actor.id.clone(), self.actors.len() as u32);
        self.actors.push(actor);
        if self.files.last().map(String::as_str) != Some(file) {
            self.files.push(file.to_string());
        }
        self.origins.push((self.files.len() as u32 - 1, line));
        Ok(())
    }

    pub(super) fn titles_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(file, text, &["title", "role"], &["title", "role"])? {
            let role_text = row.required("role")?;
            let role = Role::parse(role_text).ok_or_else(|| row.bad("role", role_text))?;
            self.titles.push(Title {
                text: row.required("title")?.to_string(),
                role,
            });
        }
        Ok(())
    }

    pub(super) fn groups_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(file, text, &["noun", "number"], &["noun"])? {
            let plural = match row.get("number") {
                None | Some("plural") => true,
                Some("singular") => false,
                Some(other) => return Err(row.bad("number", other)),
            };
            self.groups.push(GroupNoun {
                noun: row.required("noun")?.to_string(),
                plural,
            });
        }
        Ok(())
    }

    pub(super) fn finish(self) -> Result<Gazetteer, Error> {
        let mut offices: HashMap<u32, Vec<(u32, u16)>> = HashMap::new();
        for (i, (actor, &(file, line))) in self.actors.iter().zip(&self.origins).enumerate() {
            let file = &self.files[file as usize];
            let line = &line;
            let affiliation = match &actor.affiliation {
                Some(aff) => Some(*self.index.get(aff).ok_or_else(|| {
                    Error::data(
                        file,
                        *line,
                        DataProblem::UnknownAffiliation(aff.to_string()),
                    )
                })?),
                None => None,
            };
            if actor.kind != ActorKind::Person {
                continue;
            }
            let country = actor
                .country
                .as_ref()
                .and_then(|c| self.index.get(c.as_str()));
            let mut keys = [country.copied(), affiliation];
            if keys[0] == keys[1] {
                keys[1] = None;
            }
            for key in keys.into_iter().flatten() {
                let list = offices.entry(key).or_default();
                for t in 0..actor.terms.len().min(u16::MAX as usize) {
                    list.push((i as u32, t as u16));
                }
            }
        }
        let title_words = self
            .titles
            .iter()
            .flat_map(|t| t.text.split_whitespace())
            .map(str::to_lowercase)
            .collect();
        Ok(Gazetteer {
            roll_ups: super::roll_ups(&self.actors, &self.index),
            actors: self.actors,
            index: self.index,
            exact: self.exact,
            given_names: self.given_names,
            non_actors: self.non_actors,
            titles: self.titles,
            title_words,
            group_words: super::groups::GroupWords::new(&self.groups),
            group_nouns: self.groups,
            offices,
            warnings: self.warnings,
        })
    }
}

/// Takes the `=` (exact) and `~` (also a given name) markers off a name.
fn strip_markers(name: &str) -> (&str, bool, bool) {
    let mut rest = name;
    let (mut exact, mut given) = (false, false);
    loop {
        if let Some(r) = rest.strip_prefix('=') {
            exact = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('~') {
            given = true;
            rest = r;
        } else {
            return (rest, exact, given);
        }
    }
}

/// serde_json's message without its " at line L column C" (the error names
/// the line itself).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Parses `Office@YYYY-MM-DD..YYYY-MM-DD;...`.
pub(super) fn parse_terms(text: &str) -> Result<Vec<Term>, DataProblem> {
    let mut terms = Vec::new();
    for item in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let (office, range) = match item.rsplit_once('@') {
            Some((o, r)) => (o.trim(), r.trim()),
            None => ("", item),
        };
        let bad = || DataProblem::BadDateRange(item.to_string());
        let (start, end) = range.split_once("..").ok_or_else(bad)?;
        let date = |s: &str| -> Result<Option<Date>, DataProblem> {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else {
                Date::parse(s).map(Some).ok_or_else(bad)
            }
        };
        let term = Term {
            office: office.to_string(),
            start: date(start)?,
            end: date(end)?,
        };
        check_term(&term).map_err(|_| bad())?;
        terms.push(term);
    }
    Ok(terms)
}

pub(super) fn check_term(term: &Term) -> Result<(), DataProblem> {
    if let (Some(s), Some(e)) = (term.start, term.end) {
        if s.key(true) > e.key(false) {
            return Err(DataProblem::BadDateRange(format!("{s}..{e}")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms() {
        let t = parse_terms("President@2000-05-07..2008-05-07;President@2012-05..").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].end, None);
        assert!(t[1].covers(Date::parse("2022-02-24").unwrap()));
        assert!(!t[0].covers(Date::parse("2010").unwrap()));
        assert!(matches!(
            parse_terms("X@2010..2009"),
            Err(DataProblem::BadDateRange(_))
        ));
        assert!(parse_terms("X@2010-02-30x..").is_err());
    }

    #[test]
    fn unknown_affiliation_names_line() {
        let mut acc = Accumulator::new(true);
        acc.actors_tsv("a.tsv", "id\tkind\tname\taffiliation\nx\tperson\tX\tNOPE\n")
            .unwrap();
        let err = acc.finish().unwrap_err();
        assert_eq!(err.to_string(), "a.tsv:2: unknown affiliation `NOPE`");
    }

    #[test]
    fn bad_kind_and_country() {
        let mut acc = Accumulator::new(true);
        let err = acc
            .actors_tsv("a.tsv", "id\tkind\tname\nx\tplanet\tX\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.tsv:2: bad value \"planet\" in column `kind`"
        );
        let err = acc
            .actors_tsv("b.tsv", "id\tkind\tname\tcountry\nx\tperson\tX\tru\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("b.tsv:2: bad value \"ru\""));
    }
}
