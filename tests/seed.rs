//! The seed article, statement by statement and position by position.

use standpoint::{Analysis, MentionKind, Stance, Statement};

const SEED: &str = include_str!("../examples/data/seed_article.txt");

fn analysis() -> Analysis {
    standpoint::analyze(SEED).expect("the seed article analyzes")
}

/// The statements whose cue holds the words `cue` ("framed" in "have
/// repeatedly framed", "commented" in "commented on"), in text order.
fn by_cue<'a>(a: &'a Analysis, cue: &str) -> Vec<&'a Statement> {
    a.statements
        .iter()
        .filter(|s| {
            let text = s.cue.as_str(SEED).to_lowercase();
            text.split_whitespace()
                .collect::<Vec<_>>()
                .windows(cue.split_whitespace().count())
                .any(|w| w.join(" ").eq_ignore_ascii_case(cue))
        })
        .collect()
}

/// The one statement with this cue whose speaker resolves to `actor`.
fn statement<'a>(a: &'a Analysis, cue: &str, actor: &str) -> &'a Statement {
    let found: Vec<_> = by_cue(a, cue)
        .into_iter()
        .filter(|s| s.speaker_actor().is_some_and(|id| id == actor))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one `{cue}` statement by {actor}: {:#?}",
        by_cue(a, cue)
    );
    found[0]
}

fn speaker_text<'a>(s: &Statement) -> &'a str {
    s.speaker.as_ref().unwrap().span.as_str(SEED)
}

#[test]
fn putin_opposes_in_five_statements() {
    let a = analysis();
    for cue in [
        "reiterated",
        "emphasized",
        "argued",
        "According to",
        "described",
    ] {
        let s = statement(&a, cue, "vladimir-putin");
        assert_eq!(s.stance, Stance::Oppose, "{cue}");
    }
    let reiterated = statement(&a, "reiterated", "vladimir-putin");
    assert_eq!(speaker_text(reiterated), "Russian President Vladimir Putin");
    assert!(reiterated.targets.iter().any(|t| t == "NATO"));
    assert!(reiterated.targets.iter().any(|t| t == "UKR"));
    assert!(
        !reiterated.targets.iter().any(|t| t == "RUS"),
        "own state is no target"
    );
    assert_eq!(
        speaker_text(statement(&a, "argued", "vladimir-putin")),
        "He"
    );
    let described = statement(&a, "described", "vladimir-putin");
    assert_eq!(speaker_text(described), "he");
    assert_eq!(
        described.speaker.as_ref().unwrap().how,
        MentionKind::Pronoun
    );
}

#[test]
fn according_to_takes_the_speaker_after_the_cue() {
    let a = analysis();
    let s = statement(&a, "According to", "vladimir-putin");
    assert_eq!(speaker_text(s), "Putin");
    let content = s.content.unwrap().as_str(SEED);
    assert!(
        content.starts_with("NATO should be understood"),
        "{content}"
    );
}

#[test]
fn stefanishyna_is_found_through_her_title_and_supports() {
    let a = analysis();
    let olga = a
        .actors
        .iter()
        .find(|x| x.name == "Olga Stefanishyna")
        .expect("Stefanishyna is an actor");
    assert_eq!(olga.country.as_deref(), Some("UKR"));
    assert!(olga
        .title
        .as_deref()
        .unwrap()
        .starts_with("Deputy Prime Minister"));
    let conveyed = statement(&a, "conveyed", &olga.id);
    assert_eq!(conveyed.stance, Stance::Support);
    let how = conveyed.speaker.as_ref().unwrap().how;
    assert!(
        matches!(how, MentionKind::Title | MentionKind::Name),
        "{how:?}"
    );
    assert!(speaker_text(conveyed).starts_with("Ukraine’s Deputy Prime Minister"));
    // The reported clause, with its "that" (as PolNeAR annotates it).
    let content = conveyed.content.unwrap().as_str(SEED);
    assert!(content.starts_with("that Kiev had presented"), "{content}");
    let noted = statement(&a, "noted", &olga.id);
    assert_eq!(noted.stance, Stance::Support);
    assert_eq!(speaker_text(noted), "Stefanishyna");
}

#[test]
fn scholz_is_neutral_or_mixed() {
    let a = analysis();
    for cue in ["commented", "underscored"] {
        let s = statement(&a, cue, "olaf-scholz");
        assert!(
            matches!(s.stance, Stance::Neutral | Stance::Mixed),
            "{cue}: {:?}",
            s.stance
        );
    }
    let commented = statement(&a, "commented", "olaf-scholz");
    assert_eq!(
        speaker_text(commented),
        "former German Chancellor Olaf Scholz"
    );
}

#[test]
fn washington_and_brussels_frame_expansion_as_stabilizing() {
    let a = analysis();
    let s = statement(&a, "framed", "USA");
    assert_eq!(speaker_text(s), "Washington and Brussels");
    assert_eq!(s.speaker.as_ref().unwrap().how, MentionKind::Metonym);
    assert_eq!(s.co_speakers.len(), 1);
    assert_eq!(s.co_speakers[0].actor.as_deref(), Some("EU"));
    assert_eq!(s.stance, Stance::Support);
    let content = s.content.unwrap().as_str(SEED);
    assert!(
        !content.contains("Moscow"),
        "the content stops before Moscow's clause: {content}"
    );
}

#[test]
fn moscow_maintains_its_opposition() {
    let a = analysis();
    let s = statement(&a, "maintains", "RUS");
    assert_eq!(speaker_text(s), "Moscow");
    assert_eq!(s.stance, Stance::Oppose);
}

#[test]
fn positions_roll_up_to_states() {
    let a = analysis();
    let stance_of = |id: &str| -> Vec<Stance> { a.positions_of(id).map(|p| p.stance).collect() };
    assert!(!stance_of("RUS").is_empty());
    assert!(stance_of("RUS").iter().all(|s| *s == Stance::Oppose));
    assert!(stance_of("UKR").contains(&Stance::Support));
    assert!(!stance_of("UKR").contains(&Stance::Oppose));
    assert!(stance_of("DEU")
        .iter()
        .all(|s| matches!(s, Stance::Neutral | Stance::Mixed)));
    assert!(!stance_of("DEU").is_empty());
    assert_eq!(stance_of("USA"), [Stance::Support]);
    let russia = a
        .positions_of("RUS")
        .find(|p| p.topic.as_deref() == Some("nato-enlargement"))
        .unwrap();
    assert!(russia.rolled_up);
    let speakers: Vec<&str> = russia
        .statements
        .iter()
        .filter_map(|&i| a.statements[i].speaker_actor().map(|x| x.as_str()))
        .collect();
    assert!(speakers.contains(&"vladimir-putin") && speakers.contains(&"RUS"));
}

#[test]
fn places_do_not_speak() {
    let a = analysis();
    let observers = by_cue(&a, "framed")
        .into_iter()
        .find(|s| speaker_text(s) == "Observers in Kyiv")
        .expect("observers frame the talks");
    assert_eq!(observers.speaker_actor(), None);
}
