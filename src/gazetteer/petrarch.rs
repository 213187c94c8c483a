//! Importing TABARI/PETRARCH `.actors` dictionaries (the Phoenix format of
//! PETRARCH-2, documented in its `dictionaries.rst`).
//!
//! ```text
//! AFGHANISTAN_  [AFG]            primary phrase with a default code
//! +KABUL_                        synonym
//! HAMID_KARZAI_  ; comment
//!     [AFGGOV 011222-141229]     dated restriction (tab-indented)
//!     [AFGELI]                   default restriction
//! ```
//!
//! Comments start with `#` or `;`. A primary phrase with no code takes the
//! codes of the entry after it (the dictionaries list a person's variants
//! that way); a phrase whose codes are all null (`[---]`, or none at the end
//! of the file) is a non-actor. Dates are `YYYYMMDD` or `YYMMDD` (`YY` up to
//! 30 is 20YY, otherwise 19YY).

use super::load::{check_term, Accumulator};
use super::slug;
use crate::error::{DataProblem, Error};
use crate::{Actor, ActorId, ActorKind, Date, Term};

/// CAMEO country codes that differ from ISO 3166-1 alpha-3.
const CAMEO_TO_ISO: &[(&str, &str)] = &[
    ("JAP", "JPN"),
    ("ROM", "ROU"),
    ("TMP", "TLS"),
    ("SER", "SRB"),
    ("ZAR", "COD"),
    ("DRC", "COD"),
    ("KOS", "XKX"),
    ("KSV", "XKX"),
    ("USR", "SUN"),
    ("FRY", "YUG"),
];

/// Words that stay lower case in a name ("Frederik de Klerk").
const PARTICLES: &[&str] = &[
    "al", "as", "ash", "el", "bin", "ibn", "bint", "ben", "abu", "de", "del", "della", "der",
    "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van", "von", "ter", "y", "e",
];

/// Words that stay lower case inside an organisation's name.
const SMALL_WORDS: &[&str] = &["of", "the", "and", "for", "in", "on", "at", "to", "a", "an"];

#[derive(Debug)]
struct Restriction {
    code: String,
    start: Option<Date>,
    end: Option<Date>,
    dated: bool,
}

#[derive(Debug, Default)]
struct Entry {
    line: usize,
    phrases: Vec<String>,
    restrictions: Vec<Restriction>,
}

/// Reads a `.actors` file into `acc`.
pub(super) fn load(acc: &mut Accumulator, file: &str, text: &str) -> Result<(), Error> {
    let mut entries: Vec<Entry> = Vec::new();
    // Code-less primary phrases waiting for the next entry's codes.
    let mut pending: Vec<String> = Vec::new();
    let mut current: Option<Entry> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let content = raw.split(['#', ';']).next().unwrap_or("");
        if content.trim().is_empty() {
            continue;
        }
        let err = |p| Error::data(file, line, p);
        let indented = content.starts_with([' ', '\t']);
        let body = content.trim();
        if indented && body.starts_with('[') {
            let Some(entry) = current.as_mut() else {
                return Err(err(bad("line", "a date restriction before any entry")));
            };
            for group in brackets(body).map_err(err)? {
                if let Some(r) = read_restriction(acc, group, &err)? {
                    entry.restrictions.push(r);
                }
            }
        } else if let Some(synonym) = body.strip_prefix('+') {
            let Some(entry) = current.as_mut() else {
                return Err(err(bad("line", "a synonym before any entry")));
            };
            let phrase = phrase(synonym.split('[').next().unwrap_or("")).map_err(err)?;
            entry.phrases.push(phrase);
        } else {
            if let Some(done) = current.take() {
                close(done, &mut pending, &mut entries);
            }
            let (head, codes) = match body.find('[') {
                Some(i) => (&body[..i], &body[i..]),
                None => (body, ""),
            };
            let mut entry = Entry {
                line,
                phrases: vec![phrase(head).map_err(err)?],
                restrictions: Vec::new(),
            };
            for group in brackets(codes).map_err(err)? {
                if let Some(r) = read_restriction(acc, group, &err)? {
                    entry.restrictions.push(r);
                }
            }
            current = Some(entry);
        }
    }
    if let Some(done) = current.take() {
        close(done, &mut pending, &mut entries);
    }
    // Phrases still waiting for codes at the end: null-coded.
    let mut non_actors = pending;
    let mut affiliations: Vec<(u32, String)> = Vec::new();
    for entry in entries {
        let codes: Vec<&Restriction> = entry
            .restrictions
            .iter()
            .filter(|r| !r.code.chars().all(|c| c == '-'))
            .collect();
        if codes.is_empty() {
            non_actors.extend(entry.phrases);
            continue;
        }
        add_entry(acc, file, &entry, &codes, &mut affiliations)?;
    }
    for (person, code) in affiliations {
        if acc.index_of(&code).is_some() && acc.get(person).affiliation.is_none() {
            acc.get_mut(person).affiliation = Some(ActorId::from(code));
        }
    }
    for phrase in non_actors {
        acc.non_actor(name_case(&phrase, ActorKind::Country));
    }
    Ok(())
}

/// A restriction; when not strict, an unreadable date range is recorded as
/// a warning and skipped (`Ok(None)`).
fn read_restriction(
    acc: &mut Accumulator,
    group: &str,
    err: &dyn Fn(DataProblem) -> Error,
) -> Result<Option<Restriction>, Error> {
    match restriction(group) {
        Ok(r) => Ok(Some(r)),
        Err(p @ DataProblem::BadDateRange(_)) if !acc.strict() => {
            acc.warn(err(p));
            Ok(None)
        }
        Err(p) => Err(err(p)),
    }
}

/// Ends an entry: with no code and no restriction, its phrases wait for the
/// next entry's codes.
fn close(mut entry: Entry, pending: &mut Vec<String>, entries: &mut Vec<Entry>) {
    if entry.restrictions.is_empty() {
        pending.append(&mut entry.phrases);
        return;
    }
    if !pending.is_empty() {
        let mut phrases = std::mem::take(pending);
        phrases.append(&mut entry.phrases);
        entry.phrases = phrases;
    }
    entries.push(entry);
}

fn bad(column: &'static str, value: &str) -> DataProblem {
    DataProblem::BadValue {
        column,
        value: value.to_string(),
    }
}

/// The contents of the `[...]` groups of a line.
fn brackets(text: &str) -> Result<Vec<&str>, DataProblem> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            return Err(bad("code", rest));
        };
        let Some(close) = inner.find(']') else {
            return Err(bad("code", rest));
        };
        out.push(inner[..close].trim());
        rest = inner[close + 1..].trim_start();
    }
    Ok(out)
}

/// `CODE`, `CODE date-date`, `CODE <date` or `CODE >date`.
fn restriction(group: &str) -> Result<Restriction, DataProblem> {
    let mut parts = group.splitn(2, char::is_whitespace);
    let code = parts.next().unwrap_or("").trim();
    if code.is_empty()
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '~')
    {
        return Err(bad("code", group));
    }
    let range = parts.next().map(str::trim).unwrap_or("");
    let mut r = Restriction {
        code: code.trim_matches('~').to_string(),
        start: None,
        end: None,
        dated: !range.is_empty(),
    };
    if range.is_empty() {
        return Ok(r);
    }
    let bad_range = || DataProblem::BadDateRange(range.to_string());
    if let Some(d) = range.strip_prefix('<') {
        r.end = Some(date(d.trim()).ok_or_else(bad_range)?);
    } else if let Some(d) = range.strip_prefix('>') {
        r.start = Some(date(d.trim()).ok_or_else(bad_range)?);
    } else {
        let (a, b) = range.split_once('-').ok_or_else(bad_range)?;
        r.start = Some(date(a.trim()).ok_or_else(bad_range)?);
        r.end = Some(date(b.trim()).ok_or_else(bad_range)?);
    }
    let term = Term {
        office: String::new(),
        start: r.start,
        end: r.end,
    };
    check_term(&term).map_err(|_| bad_range())?;
    Ok(r)
}

/// `YYYYMMDD` or `YYMMDD`.
fn date(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match s.len() {
        8 => (s[..4].parse::<i32>().ok()?, &s[4..]),
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        _ => return None,
    };
    let text = format!("{year:04}-{}-{}", &rest[..2], &rest[2..]);
    Date::parse(&text)
}

/// A phrase (`WORDS_JOINED_` or `WORDS JOINED`), checked.
fn phrase(text: &str) -> Result<String, DataProblem> {
    let words: Vec<&str> = text
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err(DataProblem::EmptyAlias);
    }
    Ok(words.join(" "))
}

/// A phrase in capitals written as a name: "VLADIMIR PUTIN" is "Vladimir
/// Putin", "THE UNITED NATIONS" is "the United Nations". In an
/// organisation's name, a one-word name of up to four letters and words of
/// up to two stay in capitals ("NATO", "UN Security Council").
fn name_case(phrase: &str, kind: ActorKind) -> String {
    let org = matches!(kind, ActorKind::Organization | ActorKind::Group);
    let single = !phrase.contains(' ');
    let mut out = String::with_capacity(phrase.len());
    for (i, word) in phrase.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let small = SMALL_WORDS.contains(&lower.as_str());
        let acronym = org && !small && (if single { letters <= 4 } else { letters <= 2 });
        if word.contains('.') || acronym {
            out.push_str(word);
        } else if (i > 0 && (PARTICLES.contains(&lower.as_str()) || small))
            || (i == 0 && lower == "the" && !single)
        {
            out.push_str(&lower);
        } else if let Some((particle, rest)) = particle_hyphen(&lower) {
            out.push_str(particle);
            out.push('-');
            capitalise(&mut out, rest);
        } else {
            capitalise(&mut out, &lower);
        }
    }
    out
}

/// "al-assad": a particle joined by a hyphen stays lower case ("al-Assad").
fn particle_hyphen(lower: &str) -> Option<(&str, &str)> {
    lower
        .split_once('-')
        .filter(|(p, rest)| !rest.is_empty() && PARTICLES.contains(p))
}

fn capitalise(out: &mut String, lower: &str) {
    let mut chars = lower.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// The ISO code of a CAMEO country code, if it is one the gazetteer knows
/// as a state.
fn country(acc: &Accumulator, code: &str) -> Option<String> {
    let three = code.get(..3)?;
    let iso = CAMEO_TO_ISO
        .iter()
        .find(|(c, _)| *c == three)
        .map_or(three, |(_, iso)| iso);
    let i = acc.index_of(iso)?;
    (acc.get(i).kind == ActorKind::Country).then(|| iso.to_string())
}

fn add_entry(
    acc: &mut Accumulator,
    file: &str,
    entry: &Entry,
    codes: &[&Restriction],
    affiliations: &mut Vec<(u32, String)>,
) -> Result<(), Error> {
    let dated = codes.iter().any(|r| r.dated);
    if dated {
        return add_person(acc, file, entry, codes, affiliations);
    }
    let code = codes[0].code.as_str();
    let is_state = code.len() == 3 && country(acc, code).is_some();
    let (id, kind, country) = if is_state {
        let iso = country(acc, code).expect("checked");
        (iso.clone(), ActorKind::Country, Some(iso))
    } else if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        // A bare three-letter code the gazetteer does not know: a state
        // this file introduces, unless it is a sector code (IGO, NGO...).
        if matches!(
            code,
            "IGO" | "NGO" | "MNC" | "IMG" | "ELI" | "MED" | "REB" | "INT"
        ) {
            (code.to_string(), ActorKind::Organization, None)
        } else {
            (code.to_string(), ActorKind::Country, Some(code.to_string()))
        }
    } else {
        match country(acc, code) {
            Some(c) => (code.to_string(), ActorKind::Group, Some(c)),
            None => (code.to_string(), ActorKind::Organization, None),
        }
    };
    let names: Vec<String> = entry.phrases.iter().map(|p| name_case(p, kind)).collect();
    if let Some(i) = acc.index_of(&id) {
        acc.extend_names(i, names);
        return Ok(());
    }
    let mut names = names.into_iter();
    let mut actor = Actor::new(id, names.next().expect("an entry has a phrase"), kind);
    actor.country = country;
    actor.aliases = names.collect();
    acc.actor(actor, file, entry.line)
}

fn add_person(
    acc: &mut Accumulator,
    file: &str,
    entry: &Entry,
    codes: &[&Restriction],
    affiliations: &mut Vec<(u32, String)>,
) -> Result<(), Error> {
    let names: Vec<String> = entry
        .phrases
        .iter()
        .map(|p| name_case(p, ActorKind::Person))
        .collect();
    // The latest restriction says whom the person acts for.
    let latest = codes
        .iter()
        .max_by_key(|r| match (r.end, r.start) {
            (None, _) if r.dated => (i32::MAX, 0, 0),
            (Some(e), _) => e.key(false),
            (None, Some(s)) => s.key(true),
            (None, None) => (i32::MIN, 0, 0),
        })
        .expect("a person has codes");
    let home = country(acc, &latest.code);
    let mut id = slug(&names[0]);
    if let Some(i) = acc.index_of(&id) {
        let same = {
            let a = acc.get(i);
            a.kind == ActorKind::Person && (a.country == home || a.country.is_none())
        };
        if same {
            acc.extend_names(i, names);
            return Ok(());
        }
        if let Some(c) = &home {
            id = format!("{id}-{}", c.to_ascii_lowercase());
        }
        if let Some(i) = acc.index_of(&id) {
            acc.extend_names(i, names);
            return Ok(());
        }
    }
    let mut names = names.into_iter();
    let mut actor = Actor::new(
        id.as_str(),
        names.next().expect("an entry has a phrase"),
        ActorKind::Person,
    );
    actor.aliases = names.collect();
    actor.country = home.clone();
    actor.terms = codes
        .iter()
        .filter(|r| r.dated)
        .map(|r| Term {
            office: r.code.clone(),
            start: r.start,
            end: r.end,
        })
        .collect();
    acc.actor(actor, file, entry.line)?;
    if home.is_none() {
        let index = acc.index_of(&id).expect("just added");
        affiliations.push((index, latest.code.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date("20140607"), Date::parse("2014-06-07"));
        assert_eq!(date("730717"), Date::parse("1973-07-17"));
        assert_eq!(date("070723"), Date::parse("2007-07-23"));
        assert_eq!(date("9008223"), None);
        assert_eq!(date("20141307"), None);
    }

    #[test]
    fn names() {
        let person = ActorKind::Person;
        let org = ActorKind::Organization;
        assert_eq!(name_case("VLADIMIR PUTIN", person), "Vladimir Putin");
        assert_eq!(name_case("BAN KI-MOON", person), "Ban Ki-moon");
        assert_eq!(name_case("BASHAR AL-ASSAD", person), "Bashar al-Assad");
        assert_eq!(name_case("F.W. DE KLERK", person), "F.W. de Klerk");
        assert_eq!(name_case("THE UNITED NATIONS", org), "the United Nations");
        assert_eq!(name_case("UN", org), "UN");
        assert_eq!(name_case("UN SECURITY COUNCIL", org), "UN Security Council");
        assert_eq!(
            name_case("ORGANIZATION OF AMERICAN STATES", org),
            "Organization of American States"
        );
        assert_eq!(name_case("KABUL", ActorKind::Country), "Kabul");
    }

    #[test]
    fn restrictions() {
        let r = restriction("AFGGOV 011222-141229").unwrap();
        assert_eq!(r.code, "AFGGOV");
        assert_eq!(r.start, Date::parse("2001-12-22"));
        let r = restriction("EGYGOV > 140608").unwrap();
        assert_eq!(r.start, Date::parse("2014-06-08"));
        assert!(restriction("X 20100101-20090101").is_err());
        assert!(restriction("X Y").is_err());
        assert!(restriction("A B").is_err());
        assert!(restriction("bad!code").is_err());
        assert!(!restriction("AFG").unwrap().dated);
    }
}
