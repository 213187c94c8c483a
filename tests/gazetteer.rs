//! The gazetteer: the matcher's rules, dated offices, and custom gazetteers
//! from JSON and TABARI/PETRARCH dictionaries. Sentences are invented.

use std::sync::Arc;

use standpoint::gazetteer::{EntityMatcher, Gazetteer};
use standpoint::{Actor, ActorKind, DataProblem, Date, Error, MentionKind};

/// (text, actor id) of every match in `text`.
fn found(text: &str) -> Vec<(&str, String)> {
    EntityMatcher::builtin()
        .find_iter(text)
        .map(|m| (m.span.as_str(text), m.actor.id.to_string()))
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(_, id)| id).collect()
}

fn data_error(err: Error) -> (String, usize, DataProblem) {
    match err {
        Error::Data {
            file,
            line,
            problem,
        } => (file, line, problem),
        other => panic!("not a data error: {other}"),
    }
}

#[test]
fn acronyms_match_only_in_capitals() {
    assert!(found("Tell us what the un-named aide said about us.").is_empty());
    assert_eq!(
        ids("US and U.S. officials met UN envoys"),
        ["USA", "USA", "UN"]
    );
    assert_eq!(ids("WHO said so, and who knows"), ["WHO"]);
}

#[test]
fn ordinary_words_are_not_countries() {
    assert!(found("They ate turkey in May and read about china plates.").is_empty());
    assert_eq!(ids("Turkey and China met in May."), ["TUR", "CHN"]);
    // Theresa May is a name; the month is not.
    assert_eq!(ids("In May, Theresa May spoke."), ["theresa-may"]);
}

#[test]
fn given_names_are_not_countries() {
    assert!(ids("Chad Whitmore said the plan was fine.").is_empty());
    assert!(ids("Jordan Pellegrini and Georgia Abernathy disagreed.").is_empty());
    assert_eq!(
        ids("Jordan, Chad and Georgia voted no."),
        ["JOR", "TCD", "GEO"]
    );
    assert_eq!(ids("Jordan said Amman would not attend."), ["JOR", "JOR"]);
    // A name after the country is no surname.
    assert_eq!(ids("Georgia NATO talks"), ["GEO", "NATO"]);
}

#[test]
fn us_states_and_other_places_are_blocked() {
    assert!(ids("She moved from Atlanta, Georgia to New Mexico.").is_empty());
    assert!(ids("Ships crossed the Persian Gulf into the South China Sea.").is_empty());
    assert!(ids("The Washington Post reported it from Washington state.").is_empty());
    assert_eq!(ids("Washington rejected it."), ["USA"]);
}

#[test]
fn georgia_the_us_state_is_not_the_country() {
    assert_eq!(
        ids("Sen. Mary Holt, a Republican of Georgia, voted no."),
        ["GOP"]
    );
    assert!(ids("Voters in Georgia and Florida went to the polls.").is_empty());
    assert_eq!(
        ids("Russian troops remain in Georgia, the Kremlin said."),
        ["RUS", "GEO", "RUS"]
    );
    // Both contexts: the country's own words win.
    assert_eq!(ids("Georgia's senators met in Tbilisi."), ["GEO", "GEO"]);
}

#[test]
fn names_as_modifiers_are_not_the_actor() {
    assert!(ids("Pro-Russian separatists and anti-NATO protesters marched.").is_empty());
    assert!(ids("A US-backed militia and Russian-speaking residents stayed.").is_empty());
}

#[test]
fn possessives_and_hyphens() {
    let ukraine = ("Ukraine", "UKR".to_string());
    assert_eq!(found("Ukraine's and Ukraine’s"), [ukraine.clone(), ukraine]);
    assert_eq!(ids("Russia-Ukraine talks"), ["RUS", "UKR"]);
    assert_eq!(ids("the Ukraine-NATO Council"), ["NATO_UKRAINE_COUNCIL"]);
}

#[test]
fn leftmost_longest_with_whole_words() {
    assert_eq!(
        ids("Guinea-Bissau, Papua New Guinea and Guinea"),
        ["GNB", "PNG", "GIN"]
    );
    assert_eq!(ids("the Democratic People's Republic of Korea"), ["PRK"]);
    // Unicode word boundaries: no match inside a word.
    assert!(ids("Irański, Russiaŭ").is_empty());
}

#[test]
fn articles_particles_and_line_breaks() {
    assert_eq!(found("The Kremlin said"), [("The Kremlin", "RUS".into())]);
    assert_eq!(
        found("Al-Qaeda and al-Qaeda"),
        [
            ("Al-Qaeda", "AL_QAEDA".into()),
            ("al-Qaeda", "AL_QAEDA".into())
        ]
    );
    assert_eq!(
        found("the North Atlantic\n  Alliance"),
        [("the North Atlantic\n  Alliance", "NATO".into())]
    );
    assert_eq!(ids("the People’s Republic of China"), ["CHN"]);
}

#[test]
fn mention_kinds_say_which_name_matched() {
    let text = "Russia, the Russian Federation, Moscow and Russian troops";
    let hows: Vec<MentionKind> = EntityMatcher::builtin()
        .find_iter(text)
        .map(|m| m.how)
        .collect();
    assert_eq!(
        hows,
        [
            MentionKind::Name,
            MentionKind::Alias,
            MentionKind::Metonym,
            MentionKind::Demonym
        ]
    );
}

#[test]
fn dated_offices_have_holders() {
    let g = Gazetteer::builtin();
    let on = |d| Date::parse(d).unwrap();
    let holder = |of, title, d| g.office_holder(of, title, on(d)).map(|a| a.id.to_string());
    assert_eq!(
        holder("DEU", "chancellor", "2019-06-01").as_deref(),
        Some("angela-merkel")
    );
    assert_eq!(
        holder("DEU", "chancellor", "2023-06-01").as_deref(),
        Some("olaf-scholz")
    );
    assert_eq!(
        holder("RUS", "president", "2010-01-01").as_deref(),
        Some("dmitry-medvedev")
    );
    assert_eq!(holder("DEU", "vice chancellor", "1900-01-01"), None);
}

#[test]
fn builder_actors_are_matched() {
    let g = Gazetteer::builder()
        .actor(
            Actor::new("ruritania", "Ruritania", ActorKind::Country)
                .with_country("RRT")
                .with_metonyms(["Strelsau"])
                .with_aliases(["=RRT"]),
        )
        .build()
        .unwrap();
    let m = EntityMatcher::new(Arc::new(g)).unwrap();
    let text = "Strelsau and RRT, not rrt.";
    let ids: Vec<&str> = m.find_iter(text).map(|m| m.actor.id.as_str()).collect();
    assert_eq!(ids, ["ruritania", "ruritania"]);
}

const JSON: &str = r#"[
  {"id": "ruritania", "name": "Ruritania", "kind": "country", "country": "RRT",
   "metonyms": ["Strelsau"], "adjectives": ["Ruritanian"]},
  {"id": "flavia", "name": "Flavia Elphberg", "kind": "person", "country": "RRT",
   "aliases": ["=Elphberg"], "affiliation": "ruritania",
   "terms": [{"office": "Queen of Ruritania", "start": "2020-01-05"}]}
]"#;

#[test]
fn actors_load_from_json() {
    let g = Gazetteer::builder()
        .builtin(false)
        .actors_json("ruritania.json", JSON)
        .build()
        .unwrap();
    assert_eq!(g.len(), 2);
    let flavia = g.get("flavia").unwrap();
    assert_eq!(flavia.aliases, ["Elphberg"]);
    assert_eq!(flavia.terms[0].start, Date::parse("2020-01-05"));
    let queen = g.office_holder("ruritania", "queen", Date::parse("2021").unwrap());
    assert_eq!(queen.map(|a| a.name.as_str()), Some("Flavia Elphberg"));
    let m = EntityMatcher::new(Arc::new(g)).unwrap();
    let text = "Elphberg said Ruritanian and Strelsau officials agreed; elphberg did not.";
    let hits: Vec<&str> = m.find_iter(text).map(|m| m.span.as_str(text)).collect();
    assert_eq!(hits, ["Elphberg", "Ruritanian", "Strelsau"]);
}

#[test]
fn json_errors_name_file_line_and_problem() {
    let load = |text: &str| {
        let err = Gazetteer::builder()
            .builtin(false)
            .actors_json("mine.json", text)
            .build()
            .unwrap_err();
        data_error(err)
    };
    let bad_alias = "[\n {\"id\": \"a\", \"name\": \"A\", \"kind\": \"group\"},\n \
                     {\"id\": \"b\", \"name\": \"B\", \"kind\": \"group\", \"aliases\": [\" \"]}\n]";
    assert_eq!(
        load(bad_alias),
        ("mine.json".into(), 3, DataProblem::EmptyAlias)
    );
    let unknown =
        "[\n\n {\"id\": \"b\", \"name\": \"B\", \"kind\": \"person\", \"affiliation\": \"nope\"}]";
    assert_eq!(
        load(unknown),
        (
            "mine.json".into(),
            3,
            DataProblem::UnknownAffiliation("nope".into())
        )
    );
    let range = "[{\"id\": \"b\", \"name\": \"B\", \"kind\": \"person\",\n \
                 \"terms\": [{\"office\": \"X\", \"start\": \"2020\", \"end\": \"2019\"}]}]";
    let (_, line, problem) = load(range);
    assert_eq!(line, 1);
    assert!(
        matches!(problem, DataProblem::BadDateRange(_)),
        "{problem:?}"
    );
    let dup = "[{\"id\": \"a\", \"name\": \"A\", \"kind\": \"group\"},\n\
               {\"id\": \"a\", \"name\": \"A2\", \"kind\": \"group\"}]";
    assert_eq!(
        load(dup),
        ("mine.json".into(), 2, DataProblem::DuplicateId("a".into()))
    );
    let kind = "[\n{\"id\": \"a\", \"name\": \"A\",\n \"kind\": \"planet\"}]";
    let (_, line, problem) = load(kind);
    assert_eq!(line, 3);
    assert!(
        matches!(problem, DataProblem::Json(ref m) if m.contains("planet")),
        "{problem:?}"
    );
    let (_, line, _) = load("[{\"id\": \"a\",\n \"name\": }]");
    assert_eq!(line, 2);
    // Errors display as file:line: problem.
    let err = Gazetteer::builder()
        .actors_json("x.json", bad_alias)
        .build()
        .unwrap_err();
    assert_eq!(err.to_string(), "x.json:3: empty alias in a list");
}

const PETRARCH: &str = "\
# An invented dictionary in the Phoenix format.
RURITANIA_  [RRT]
+RURITANIAN_
+STRELSAU_

RUDOLF_RASSENDYLL_  ; a comment
+KING_RUDOLF_
\t[RRTGOV 19940101-19970520]
\t[RRTELI]

BLACK_MICHAEL_
MICHAEL_ELPHBERG_
\t[RRTMIL >970521]

ZENDA_LEAGUE_ [IGOZEN]
THE_LEAGUE_OF_ZENDA [IGOZEN]
FRITZ_VON_TARLENHEIM_
\t[IGOZEN >20010101]
ZENDA_CASTLE_ [---]
";

#[test]
fn petrarch_dictionaries_import() {
    let g = Gazetteer::builder()
        .builtin(false)
        .petrarch_actors("ruritania.actors", PETRARCH)
        .build()
        .unwrap();
    let r = g.get("RRT").unwrap();
    assert_eq!((r.kind, r.name.as_str()), (ActorKind::Country, "Ruritania"));
    assert_eq!(r.aliases, ["Ruritanian", "Strelsau"]);
    let rudolf = g.get("rudolf-rassendyll").unwrap();
    assert_eq!(rudolf.kind, ActorKind::Person);
    assert_eq!(rudolf.aliases, ["King Rudolf"]);
    assert_eq!(rudolf.country.as_deref(), Some("RRT"));
    assert_eq!(rudolf.terms[0].office, "RRTGOV");
    assert_eq!(rudolf.terms[0].end, Date::parse("1997-05-20"));
    // A code-less phrase takes the next entry's codes.
    let michael = g.get("black-michael").unwrap();
    assert_eq!(michael.aliases, ["Michael Elphberg"]);
    assert_eq!(michael.terms[0].start, Date::parse("1997-05-21"));
    // Entries sharing a code are one organisation; its officials belong to it.
    let league = g.get("IGOZEN").unwrap();
    assert_eq!(league.kind, ActorKind::Organization);
    assert_eq!(league.aliases, ["the League of Zenda"]);
    let fritz = g.get("fritz-von-tarlenheim").unwrap();
    assert_eq!(fritz.affiliation.as_deref(), Some("IGOZEN"));
    // Null codes are non-actors.
    let blocked: Vec<&str> = g.non_actors().iter().map(|n| n.phrase.as_str()).collect();
    assert_eq!(blocked, ["Zenda Castle"]);
    let m = EntityMatcher::new(Arc::new(g)).unwrap();
    let text = "King Rudolf and the League of Zenda met at Zenda Castle in Strelsau.";
    let hits: Vec<&str> = m.find_iter(text).map(|m| m.actor.id.as_str()).collect();
    assert_eq!(hits, ["rudolf-rassendyll", "IGOZEN", "RRT"]);
}

#[test]
fn petrarch_entries_extend_known_states() {
    let g = Gazetteer::builder()
        .petrarch_actors("extra.actors", "UKRAINE_ [UKR]\n+ZAPORIZHZHIA_\n")
        .build()
        .unwrap();
    assert!(g
        .get("UKR")
        .unwrap()
        .aliases
        .contains(&"Zaporizhzhia".to_string()));
}

#[test]
fn petrarch_errors_name_file_and_line() {
    let load = |text: &str, strict: bool| {
        Gazetteer::builder()
            .builtin(false)
            .strict(strict)
            .petrarch_actors("bad.actors", text)
            .build()
    };
    let (file, line, _) = data_error(load("# header\n+SYNONYM_\n", true).unwrap_err());
    assert_eq!((file.as_str(), line), ("bad.actors", 2));
    let (_, line, _) = data_error(load("X_ [RRT\n", true).unwrap_err());
    assert_eq!(line, 1);
    let (_, line, problem) =
        data_error(load("X_\n\t[RRTGOV 19970101-19960101]\n", true).unwrap_err());
    assert_eq!(line, 2);
    assert!(matches!(problem, DataProblem::BadDateRange(_)));
    let (_, line, problem) = data_error(load("X_\n+_\n", true).unwrap_err());
    assert_eq!((line, problem), (2, DataProblem::EmptyAlias));
    // Not strict: an unreadable date is a warning, the entry stays.
    let g = load(
        "X_ [RRT]\nY_Z_\n\t[RRTGOV 9008223-911221]\n\t[RRTGOV 19920101-19930101]\n",
        false,
    )
    .unwrap();
    assert_eq!(g.warnings().len(), 1);
    assert!(g.warnings()[0]
        .to_string()
        .starts_with("bad.actors:3: bad date range"));
    assert_eq!(g.get("y-z").unwrap().terms.len(), 1);
}

#[test]
fn phoenix_countries_dictionary_loads() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/gazetteer/petrarch2/Phoenix.Countries.actors.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is not there");
        return;
    };
    let g = Gazetteer::builder()
        .strict(false)
        .petrarch_actors("Phoenix.Countries.actors.txt", &text)
        .build()
        .unwrap();
    eprintln!(
        "Phoenix.Countries: {} actors, {} warnings",
        g.len(),
        g.warnings().len()
    );
    assert!(g.len() > 10_000, "{}", g.len());
    assert!(g.warnings().len() < 20);
    assert!(g
        .get("AFG")
        .unwrap()
        .aliases
        .iter()
        .any(|a| a == "Afghanestan"));
    let m = EntityMatcher::new(Arc::new(g)).unwrap();
    assert!(m.find_iter("Hamid Karzai spoke in Kandahar.").count() >= 2);
}

#[test]
fn tsv_errors_name_file_and_line() {
    let table = "id\tkind\tname\tterms\nx\tperson\tX\tPresident@2010..2009\n";
    let err = Gazetteer::builder()
        .actors_tsv("t.tsv", table)
        .build()
        .unwrap_err();
    let (file, line, problem) = data_error(err);
    assert_eq!((file.as_str(), line), ("t.tsv", 2));
    assert!(matches!(problem, DataProblem::BadDateRange(_)));
    let table = "id\tkind\tname\taliases\nx\tgroup\tX\ta||b\n";
    let err = Gazetteer::builder()
        .actors_tsv("t.tsv", table)
        .build()
        .unwrap_err();
    assert_eq!(err.to_string(), "t.tsv:2: empty alias in a list");
}

#[test]
fn the_builtin_gazetteer_is_large_and_consistent() {
    let g = Gazetteer::builtin();
    let count = |k| g.actors().iter().filter(|a| a.kind == k).count();
    assert!(count(ActorKind::Country) >= 200);
    assert!(count(ActorKind::Organization) + count(ActorKind::Group) >= 400);
    assert!(count(ActorKind::Person) >= 3000);
    assert!(g.warnings().is_empty());
    for a in g.actors() {
        if a.kind == ActorKind::Country {
            assert!(a.country.is_some(), "{}", a.id);
        }
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Gazetteer>();
    check::<EntityMatcher>();
    check::<standpoint::Document<'static>>();
    check::<standpoint::mentions::Resolver>();
    check::<standpoint::gazetteer::NonActor>();
    check::<standpoint::mentions::Resolution>();
}
