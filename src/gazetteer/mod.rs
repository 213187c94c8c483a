//! The gazetteer: who the actors are, what they are called, and the
//! Aho-Corasick [`EntityMatcher`] that finds them in text.
//!
//! The second stage of the pipeline. It knows actors and their names, titles
//! and group nouns, but nothing of statements.
//!
//! The built-in gazetteer is compiled into the crate as tab-separated data
//! files (`src/gazetteer/data/*.tsv`) and parsed once, on first use. Users
//! add their own actors through [`GazetteerBuilder`], as [`Actor`] values or
//! as tables in the same format.
//!
//! # The table format
//!
//! UTF-8, tab-separated; `#` starts a comment line; the first other line is
//! a header naming the columns, in any order:
//!
//! | column | meaning |
//! |---|---|
//! | `id` | stable id (required, unique): ISO alpha-3 for states, an acronym for organisations, a slug for people |
//! | `kind` | `country`, `organization`, `group` or `person` (required) |
//! | `name` | canonical name (required) |
//! | `country` | ISO alpha-3 of the state the actor is or acts for; empty for international organisations |
//! | `aliases` | other names, `\|`-separated |
//! | `adjectives` | demonyms and adjectives, `\|`-separated |
//! | `metonyms` | capitals, seats of government, institutions, `\|`-separated |
//! | `office` | a person's office |
//! | `affiliation` | the id of the actor this one belongs to |
//! | `terms` | `Office@YYYY-MM-DD..YYYY-MM-DD`, `;`-separated; an open end is an empty date |
//!
//! Case rule: an upper-case letter in a name must be upper-case in the text;
//! a lower-case letter matches either case ("the Kremlin" matches "The
//! Kremlin"; "US" never matches "us"). A name written with a leading `=` must
//! match exactly.
//!
//! # Examples
//!
//! ```
//! use standpoint::gazetteer::{EntityMatcher, Gazetteer};
//! use standpoint::MentionKind;
//!
//! let matcher = EntityMatcher::builtin();
//! let text = "The Kremlin said Kyiv and the North Atlantic Alliance were wrong.";
//! let found: Vec<(&str, &str, MentionKind)> = matcher
//!     .find_iter(text)
//!     .map(|m| (m.span.as_str(text), m.actor.id.as_str(), m.how))
//!     .collect();
//! assert_eq!(found, [
//!     ("The Kremlin", "RUS", MentionKind::Metonym),
//!     ("Kyiv", "UKR", MentionKind::Metonym),
//!     ("the North Atlantic Alliance", "NATO", MentionKind::Alias),
//! ]);
//! ```

mod load;
mod matcher;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};

use crate::error::{DataProblem, Error};
use crate::{Actor, ActorId};

pub use matcher::{ActorMatch, EntityMatcher, Matches};

/// What kind of office a title names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// President, King, Emir.
    HeadOfState,
    /// Prime Minister, Chancellor.
    HeadOfGovernment,
    /// A minister or secretary.
    Minister,
    /// A spokesperson or press secretary.
    Spokesperson,
    /// An ambassador or envoy.
    Diplomat,
    /// A general, admiral or commander.
    Military,
    /// A member or speaker of a legislature.
    Legislator,
    /// Any other official.
    Official,
    /// A monarch or member of a royal family.
    Royal,
    /// A religious leader.
    Religious,
    /// A judge or prosecutor.
    Judicial,
    /// A party or movement leader.
    Party,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "head_of_state" => Role::HeadOfState,
            "head_of_government" => Role::HeadOfGovernment,
            "minister" => Role::Minister,
            "spokesperson" => Role::Spokesperson,
            "diplomat" => Role::Diplomat,
            "military" => Role::Military,
            "legislator" => Role::Legislator,
            "official" => Role::Official,
            "royal" => Role::Royal,
            "religious" => Role::Religious,
            "judicial" => Role::Judicial,
            "party" => Role::Party,
            _ => return None,
        })
    }
}

/// A title that names an office ("Deputy Prime Minister", "spokesman"):
/// before a name, it makes the name a person acting for the title's state or
/// organisation, even when no dictionary knows the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    /// The title as written ("Prime Minister").
    pub text: String,
    /// The kind of office.
    pub role: Role,
}

/// A collective noun ("officials", "delegation") that, after a state's name
/// or adjective, denotes that state's actors ("Russian officials").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupNoun {
    /// The noun as written.
    pub noun: String,
    /// Whether it is plural ("officials") rather than singular ("delegation").
    pub plural: bool,
}

/// A set of actors with their names, plus the titles and group nouns used to
/// find actors no dictionary knows.
///
/// Build one with [`Gazetteer::builder`], or use [`Gazetteer::builtin`].
///
/// # Examples
///
/// ```
/// use standpoint::gazetteer::Gazetteer;
/// use standpoint::{Actor, ActorKind};
///
/// let gazetteer = Gazetteer::builder()
///     .actor(Actor::new("acme-party", "Acme Party", ActorKind::Group).with_country("UKR"))
///     .build()
///     .unwrap();
/// assert_eq!(gazetteer.get("acme-party").unwrap().name, "Acme Party");
/// assert_eq!(gazetteer.get("RUS").unwrap().name, "Russia");
/// ```
#[derive(Debug, Clone)]
pub struct Gazetteer {
    actors: Vec<Actor>,
    index: HashMap<ActorId, u32>,
    exact: HashSet<String>,
    titles: Vec<Title>,
    group_nouns: Vec<GroupNoun>,
}

static BUILTIN: Lazy<Arc<Gazetteer>> = Lazy::new(|| {
    Arc::new(
        GazetteerBuilder::new()
            .build()
            .expect("the built-in gazetteer is valid (checked by tests)"),
    )
});

impl Gazetteer {
    /// A builder, starting from the built-in data.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    /// The built-in gazetteer, parsed once on first use.
    pub fn builtin() -> Arc<Gazetteer> {
        Arc::clone(&BUILTIN)
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.index.get(id).map(|&i| &self.actors[i as usize])
    }

    /// All actors, in load order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The titles used to discover people.
    pub fn titles(&self) -> &[Title] {
        &self.titles
    }

    /// The group nouns ("officials") that make a state's adjective an actor.
    pub fn group_nouns(&self) -> &[GroupNoun] {
        &self.group_nouns
    }

    /// The number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// Whether there are no actors.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    pub(crate) fn actor(&self, index: u32) -> &Actor {
        &self.actors[index as usize]
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    pub(crate) fn is_exact(&self, name: &str) -> bool {
        self.exact.contains(name)
    }
}

const BUILTIN_ACTORS: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("data/countries.tsv")),
    ("organizations.tsv", include_str!("data/organizations.tsv")),
    ("people.tsv", include_str!("data/people.tsv")),
];
const BUILTIN_TITLES: (&str, &str) = ("titles.tsv", include_str!("data/titles.tsv"));
const BUILTIN_GROUPS: (&str, &str) = ("groups.tsv", include_str!("data/groups.tsv"));

#[derive(Debug, Clone)]
enum Source {
    Actors { file: String, text: String },
    Titles { file: String, text: String },
    Groups { file: String, text: String },
    Actor(Box<Actor>),
}

/// Configures and builds a [`Gazetteer`].
///
/// Starts from the built-in data unless [`GazetteerBuilder::builtin`] turns
/// it off. Every source is checked when [`GazetteerBuilder::build`] runs:
/// duplicate ids, empty names, unknown affiliations, bad dates and unknown
/// kinds are errors that name the file and line.
///
/// # Examples
///
/// ```
/// use standpoint::gazetteer::Gazetteer;
///
/// let table = "id\tkind\tname\tcountry\taliases\n\
///              acme\tgroup\tAcme Front\tUKR\tthe Front\n";
/// let gazetteer = Gazetteer::builder()
///     .builtin(false)
///     .actors_tsv("mine.tsv", table)
///     .build()
///     .unwrap();
/// assert_eq!(gazetteer.len(), 1);
///
/// let bad = "id\tkind\tname\nacme\tgroup\tAcme\nacme\tgroup\tAcme\n";
/// let err = Gazetteer::builder().actors_tsv("bad.tsv", bad).build().unwrap_err();
/// assert_eq!(err.to_string(), "bad.tsv:3: duplicate id `acme`");
/// ```
#[derive(Debug, Clone)]
pub struct GazetteerBuilder {
    builtin: bool,
    sources: Vec<Source>,
}

impl Default for GazetteerBuilder {
    fn default() -> Self {
        GazetteerBuilder::new()
    }
}

impl GazetteerBuilder {
    /// A builder that starts from the built-in data.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder {
            builtin: true,
            sources: Vec::new(),
        }
    }

    /// Whether to include the built-in actors, titles and group nouns
    /// (default `true`).
    pub fn builtin(&mut self, yes: bool) -> &mut GazetteerBuilder {
        self.builtin = yes;
        self
    }

    /// Adds one actor.
    pub fn actor(&mut self, actor: Actor) -> &mut GazetteerBuilder {
        self.sources.push(Source::Actor(Box::new(actor)));
        self
    }

    /// Adds the actors of a table in the gazetteer format (see the module
    /// docs); `file` names it in errors.
    pub fn actors_tsv(&mut self, file: &str, text: &str) -> &mut GazetteerBuilder {
        self.sources.push(Source::Actors {
            file: file.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Adds titles from a table with the columns `title` and `role`.
    pub fn titles_tsv(&mut self, file: &str, text: &str) -> &mut GazetteerBuilder {
        self.sources.push(Source::Titles {
            file: file.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Adds group nouns from a table with the columns `noun` and `number`
    /// (`singular` or `plural`).
    pub fn group_nouns_tsv(&mut self, file: &str, text: &str) -> &mut GazetteerBuilder {
        self.sources.push(Source::Groups {
            file: file.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Checks every source and builds the gazetteer.
    pub fn build(&self) -> Result<Gazetteer, Error> {
        let mut acc = load::Accumulator::default();
        if self.builtin {
            for (file, text) in BUILTIN_ACTORS {
                acc.actors_tsv(file, text)?;
            }
            acc.titles_tsv(BUILTIN_TITLES.0, BUILTIN_TITLES.1)?;
            acc.groups_tsv(BUILTIN_GROUPS.0, BUILTIN_GROUPS.1)?;
        }
        for (n, source) in self.sources.iter().enumerate() {
            match source {
                Source::Actors { file, text } => acc.actors_tsv(file, text)?,
                Source::Titles { file, text } => acc.titles_tsv(file, text)?,
                Source::Groups { file, text } => acc.groups_tsv(file, text)?,
                Source::Actor(actor) => acc.actor((**actor).clone(), "<builder>", n + 1)?,
            }
        }
        acc.finish()
    }
}

pub(crate) fn check_country(code: &str) -> Result<(), DataProblem> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(DataProblem::BadValue {
            column: "country",
            value: code.to_string(),
        })
    }
}
