//! Loading and checking gazetteer sources.

use std::collections::{HashMap, HashSet};

use super::{check_country, Gazetteer, GroupNoun, Role, Title};
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

#[derive(Default)]
pub(super) struct Accumulator {
    actors: Vec<Actor>,
    origins: Vec<(String, usize)>,
    index: HashMap<ActorId, u32>,
    exact: HashSet<String>,
    titles: Vec<Title>,
    groups: Vec<GroupNoun>,
}

impl Accumulator {
    pub(super) fn actors_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in tsv::parse(file, text, ACTOR_COLUMNS, &["id", "kind", "name"])? {
            let kind_text = row.required("kind")?;
            let kind = ActorKind::parse(kind_text).ok_or_else(|| row.bad("kind", kind_text))?;
            let (name, exact_name) = strip_exact(row.required("name")?);
            let mut actor = Actor::new(row.required("id")?, name, kind);
            if exact_name {
                self.exact.insert(name.to_string());
            }
            if let Some(c) = row.get("country") {
                check_country(c).map_err(|p| row.error(p))?;
                actor.country = Some(c.to_string());
            } else if kind == ActorKind::Country {
                actor.country = Some(actor.id.to_string());
            }
            actor.aliases = self.names(row.list("aliases")?);
            actor.adjectives = self.names(row.list("adjectives")?);
            actor.metonyms = self.names(row.list("metonyms")?);
            actor.title = row.get("office").map(str::to_string);
            actor.affiliation = row.get("affiliation").map(ActorId::from);
            if let Some(terms) = row.get("terms") {
                actor.terms = parse_terms(terms).map_err(|p| row.error(p))?;
            }
            self.push(actor, file, row.line())?;
        }
        Ok(())
    }

    pub(super) fn actor(&mut self, actor: Actor, file: &str, line: usize) -> Result<(), Error> {
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
        if names.into_iter().any(|n| n.trim().is_empty()) {
            return Err(err(DataProblem::EmptyAlias));
        }
        if let Some(c) = &actor.country {
            check_country(c).map_err(err)?;
        }
        for t in &actor.terms {
            check_term(t).map_err(err)?;
        }
        self.push(actor, file, line)
    }

    fn names(&mut self, list: Vec<&str>) -> Vec<String> {
        list.into_iter()
            .map(|n| {
                let (n, exact) = strip_exact(n);
                if exact {
                    self.exact.insert(n.to_string());
                }
                n.to_string()
            })
            .collect()
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
        self.origins.push((file.to_string(), line));
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
        for (actor, (file, line)) in self.actors.iter().zip(&self.origins) {
            if let Some(aff) = &actor.affiliation {
                if !self.index.contains_key(aff) {
                    return Err(Error::data(
                        file,
                        *line,
                        DataProblem::UnknownAffiliation(aff.to_string()),
                    ));
                }
            }
        }
        Ok(Gazetteer {
            actors: self.actors,
            index: self.index,
            exact: self.exact,
            titles: self.titles,
            group_nouns: self.groups,
        })
    }
}

fn strip_exact(name: &str) -> (&str, bool) {
    match name.strip_prefix('=') {
        Some(rest) => (rest, true),
        None => (name, false),
    }
}

/// Parses `Office@YYYY-MM-DD..YYYY-MM-DD;...`.
fn parse_terms(text: &str) -> Result<Vec<Term>, DataProblem> {
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

fn check_term(term: &Term) -> Result<(), DataProblem> {
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
        let mut acc = Accumulator::default();
        acc.actors_tsv("a.tsv", "id\tkind\tname\taffiliation\nx\tperson\tX\tNOPE\n")
            .unwrap();
        let err = acc.finish().unwrap_err();
        assert_eq!(err.to_string(), "a.tsv:2: unknown affiliation `NOPE`");
    }

    #[test]
    fn bad_kind_and_country() {
        let mut acc = Accumulator::default();
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
