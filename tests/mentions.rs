//! Mentions: people found through their titles, offices on a date,
//! coreference, places. People's names are invented unless the gazetteer
//! is what is tested.

use standpoint::mentions::{Resolution, Resolver};
use standpoint::{ActorKind, Analyzer, Date, Document, MentionKind};

fn resolve(text: &str) -> Resolution {
    Resolver::builtin().resolve(text)
}

fn resolve_on(text: &str, date: &str) -> Resolution {
    Resolver::builtin().resolve(Document::new(text).date(Date::parse(date).unwrap()))
}

/// (mention text, actor id, how) of every mention.
fn mentions(text: &str, r: &Resolution) -> Vec<(String, String, MentionKind)> {
    r.mentions
        .iter()
        .map(|m| {
            (
                m.span.as_str(text).to_string(),
                m.actor.as_deref().unwrap_or("-").to_string(),
                m.how,
            )
        })
        .collect()
}

/// The mention with this text.
fn mention(text: &str, r: &Resolution, what: &str) -> (String, MentionKind) {
    let m = r
        .mentions
        .iter()
        .find(|m| m.span.as_str(text) == what)
        .unwrap_or_else(|| panic!("no mention {what:?} in {:#?}", mentions(text, r)));
    (m.actor.as_deref().unwrap_or("-").to_string(), m.how)
}

fn country_of(r: &Resolution, id: &str) -> Option<String> {
    r.actors
        .iter()
        .find(|a| a.id == id)
        .and_then(|a| a.country.clone())
}

/// The people among the actors: name, country, affiliation.
fn people(r: &Resolution) -> Vec<(&str, Option<&str>, Option<&str>)> {
    r.actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .map(|a| {
            (
                a.name.as_str(),
                a.country.as_deref(),
                a.affiliation.as_deref(),
            )
        })
        .collect()
}

#[test]
fn unknown_people_are_found_through_titles() {
    let text = "Ukraine's Deputy Prime Minister for European and Euro-Atlantic Integration, \
                Oksana Hrytsenko, spoke first. Then former German Chancellor Hans Meiering, \
                Kremlin spokesman Ivan Petrovsky and EU foreign policy chief Hanna Lindqvist \
                replied.";
    let r = resolve(text);
    let people = people(&r);
    assert_eq!(
        people,
        [
            ("Oksana Hrytsenko", Some("UKR"), Some("UKR")),
            ("Hans Meiering", Some("DEU"), Some("DEU")),
            ("Ivan Petrovsky", Some("RUS"), Some("RUS")),
            ("Hanna Lindqvist", None, Some("EU")),
        ]
    );
    let (id, how) = mention(
        text,
        &r,
        "Ukraine's Deputy Prime Minister for European and Euro-Atlantic Integration, \
         Oksana Hrytsenko",
    );
    assert_eq!((id.as_str(), how), ("oksana-hrytsenko", MentionKind::Title));
    assert_eq!(
        mention(text, &r, "former German Chancellor Hans Meiering").1,
        MentionKind::Title
    );
}

#[test]
fn known_people_keep_their_titles_in_the_mention() {
    let text = "Russian President Vladimir Putin and President Zelensky spoke.";
    let r = resolve(text);
    assert_eq!(
        mention(text, &r, "Russian President Vladimir Putin").0,
        "vladimir-putin"
    );
    assert_eq!(
        mention(text, &r, "President Zelensky").0,
        "volodymyr-zelenskyy"
    );
}

#[test]
fn appositions_introduce_people() {
    let text = "Hanna Lindqvist, Sweden's foreign minister, arrived. Ivan Petrovsky, \
                a spokesman for the Kremlin, said little. Olaf Scholz, the German \
                chancellor, agreed.";
    let r = resolve(text);
    let (id, _) = mention(text, &r, "Hanna Lindqvist, Sweden's foreign minister");
    assert_eq!(country_of(&r, &id).as_deref(), Some("SWE"));
    let (id, _) = mention(text, &r, "Ivan Petrovsky, a spokesman for the Kremlin");
    assert_eq!(country_of(&r, &id).as_deref(), Some("RUS"));
    let (id, how) = mention(text, &r, "Olaf Scholz, the German chancellor");
    assert_eq!((id.as_str(), how), ("olaf-scholz", MentionKind::Name));
    // Without the closing comma, the office is not the person's.
    let text = "After meeting Hanna Lindqvist, the German chancellor said no.";
    let r = resolve(text);
    assert!(r.actors.iter().all(|a| a.name != "Hanna Lindqvist"));
    assert_eq!(mention(text, &r, "the German chancellor").0, "DEU");
}

#[test]
fn titled_people_take_the_state_of_their_sentence() {
    let text = "France is ready to send troops to Liberia, Defence Minister Paul Verdier said.";
    let r = resolve(text);
    let (id, _) = mention(text, &r, "Defence Minister Paul Verdier");
    assert_eq!(country_of(&r, &id).as_deref(), Some("FRA"));
    let text = "Planning Minister Tran Van Hoa said Vietnam would open up.";
    let r = resolve(text);
    let (id, _) = mention(text, &r, "Planning Minister Tran Van Hoa");
    assert_eq!(country_of(&r, &id).as_deref(), Some("VNM"));
    let text = "King Ruprecht of Morocco spoke.";
    let r = resolve(text);
    let (id, _) = mention(text, &r, "King Ruprecht of Morocco");
    assert_eq!(country_of(&r, &id).as_deref(), Some("MAR"));
}

#[test]
fn offices_resolve_to_their_holders_on_the_date() {
    let text = "The German chancellor said the plan was sound.";
    assert_eq!(
        mention(
            text,
            &resolve_on(text, "2019-06-01"),
            "The German chancellor"
        )
        .0,
        "angela-merkel"
    );
    assert_eq!(
        mention(
            text,
            &resolve_on(text, "2023-06-01"),
            "The German chancellor"
        )
        .0,
        "olaf-scholz"
    );
    let (id, how) = mention(text, &resolve(text), "The German chancellor");
    assert_eq!((id.as_str(), how), ("DEU", MentionKind::Description));
    let text = "Norway's foreign minister and the Russian president met a Kremlin spokesman.";
    let r = resolve(text);
    assert_eq!(mention(text, &r, "Norway's foreign minister").0, "NOR");
    assert_eq!(mention(text, &r, "the Russian president").0, "RUS");
    assert_eq!(mention(text, &r, "a Kremlin spokesman").0, "RUS");
    let r = resolve_on(text, "2010-06-01");
    assert_eq!(
        mention(text, &r, "the Russian president").0,
        "dmitry-medvedev"
    );
    // A former office holder is not the holder.
    let text = "A former Russian president spoke.";
    assert!(resolve_on(text, "2021-01-01")
        .mentions
        .iter()
        .all(|m| m.actor.as_deref() != Some("vladimir-putin")));
}

#[test]
fn dated_offices_reach_the_analysis() {
    let text = "Ukraine's Deputy Prime Minister for European and Euro-Atlantic Integration \
                said Kyiv was ready.";
    let doc = Document::new(text).date(Date::parse("2021-03-01").unwrap());
    let a = Analyzer::default().analyze(doc).unwrap();
    assert_eq!(
        a.statements[0].speaker_actor().unwrap(),
        "olga-stefanishyna"
    );
}

#[test]
fn pronouns_agree_in_gender() {
    let text = "Angela Merkel met Vladimir Putin in Moscow. She said the talks were useful. \
                He disagreed, and his aides left.";
    let r = resolve(text);
    assert_eq!(
        mention(text, &r, "She"),
        ("angela-merkel".into(), MentionKind::Pronoun)
    );
    assert_eq!(mention(text, &r, "He").0, "vladimir-putin");
    assert_eq!(mention(text, &r, "his").0, "vladimir-putin");
}

#[test]
fn pronouns_prefer_the_subject_of_the_sentence_before() {
    let text = "Olaf Scholz met Emmanuel Macron in Berlin. He said the talks went well.";
    assert_eq!(mention(text, &resolve(text), "He").0, "olaf-scholz");
    // Within a sentence, the nearest person.
    let text = "After Olaf Scholz left, Emmanuel Macron said he would stay.";
    assert_eq!(mention(text, &resolve(text), "he").0, "emmanuel-macron");
}

#[test]
fn an_officer_of_an_international_body_acts_for_it() {
    // Like a minister for the state: no country, the body as affiliation.
    let text = "The IAEA's chief inspector Piet Vandersteen said the seals were intact. \
                UN envoy Mara Lindqvist said the talks would resume.";
    let r = resolve(text);
    let people = people(&r);
    assert_eq!(
        people,
        [
            ("Piet Vandersteen", None, Some("IAEA")),
            ("Mara Lindqvist", None, Some("UN")),
        ]
    );
}

#[test]
fn a_possessive_in_a_closing_report_is_the_subjects() {
    // ", his office said": the office of the one the report is about, the
    // sentence's subject, not the nearest man.
    let text = "Olaf Scholz will host Emmanuel Macron in Berlin next week, his office said.";
    assert_eq!(mention(text, &resolve(text), "his").0, "olaf-scholz");
    let text = "Olaf Scholz met Emmanuel Macron on Monday, saying he liked him, his aides said on Tuesday.";
    assert_eq!(mention(text, &resolve(text), "his").0, "olaf-scholz");
    // Not a closing report: the nearest person, as before.
    let text = "Olaf Scholz met Emmanuel Macron, his guest at the chancellery for the whole of the long weekend.";
    assert_eq!(mention(text, &resolve(text), "his").0, "emmanuel-macron");
}

#[test]
fn gender_is_learned_from_titles_and_honorifics() {
    let text = "Kremlin spokeswoman Irina Volkonskaya met Kremlin spokesman Pyotr Barinov. \
                She said nothing.";
    let r = resolve(text);
    let (id, _) = mention(text, &r, "She");
    assert_eq!(
        r.actors.iter().find(|a| a.id == *id).unwrap().name,
        "Irina Volkonskaya"
    );
    let text = "Bill Clinton and Hillary Clinton spoke. Mrs. Clinton agreed, Mr. Clinton said.";
    let r = resolve(text);
    let clintons: Vec<String> = r
        .mentions
        .iter()
        .filter(|m| m.how == MentionKind::Surname)
        .map(|m| m.actor.as_deref().unwrap().to_string())
        .collect();
    assert_eq!(clintons, ["hillary-clinton", "bill-clinton"]);
}

#[test]
fn it_and_they_refer_to_states_and_groups() {
    let text = "Russia said it would respond. It is unclear how.";
    let r = resolve(text);
    let its: Vec<(String, String, MentionKind)> = mentions(text, &r)
        .into_iter()
        .filter(|(t, _, _)| t.eq_ignore_ascii_case("it"))
        .collect();
    assert_eq!(its, [("it".into(), "RUS".into(), MentionKind::Pronoun)]);
    let text = "Russian officials met the envoys. They said the talks failed.";
    assert_eq!(mention(text, &resolve(text), "They").0, "RUS");
}

#[test]
fn surnames_follow_full_names() {
    let text = "Kremlin spokesman Ivan Petrovsky spoke. Petrovsky said Petrovsky’s view held.";
    let r = resolve(text);
    let surnames: Vec<(String, String, MentionKind)> = mentions(text, &r)
        .into_iter()
        .filter(|(t, _, _)| t == "Petrovsky")
        .collect();
    assert_eq!(surnames.len(), 2);
    assert!(surnames
        .iter()
        .all(|(_, id, how)| id == "ivan-petrovsky" && *how == MentionKind::Surname));
    // Not before the full name.
    let text = "Petrovsky arrived. Then Kremlin spokesman Ivan Petrovsky spoke.";
    assert_eq!(resolve(text).mentions.len(), 1);
}

#[test]
fn coreference_is_linear_on_long_inputs() {
    // Thousands of distinct people, each named in full and then by surname:
    // every surname resolves, and the pass stays linear (no time limit
    // here; the benchmark measures speed).
    let mut text = String::new();
    let mut n = 0;
    for a in ["Anna", "Boris", "Clara", "Dmitro", "Elena"] {
        for b in 0..400 {
            let surname = format!("Zy{}x{b:03}", &a[..2].to_lowercase());
            text.push_str(&format!(
                "Kremlin spokesman {a} {surname} spoke. {surname} said he agreed. "
            ));
            n += 1;
        }
    }
    let r = resolve(&text);
    let surnames = r
        .mentions
        .iter()
        .filter(|m| m.how == MentionKind::Surname)
        .count();
    assert_eq!(surnames, n);
}

#[test]
fn descriptions_refer_to_what_they_describe() {
    let text = "NATO met in Brussels. The alliance said the world body should act. \
                Foreign Minister Hanna Lindqvist of Sweden spoke, and the minister left.";
    let r = resolve(text);
    assert_eq!(
        mention(text, &r, "The alliance"),
        ("NATO".into(), MentionKind::Description)
    );
    assert_eq!(mention(text, &r, "the world body").0, "UN");
    let (id, how) = mention(text, &r, "the minister");
    assert_eq!(how, MentionKind::Description);
    assert_eq!(
        r.actors.iter().find(|a| a.id == *id).unwrap().name,
        "Hanna Lindqvist"
    );
    // With nothing to refer to, no mention.
    let text = "The alliance said no.";
    assert!(resolve(text).mentions.is_empty());
}

#[test]
fn groups_and_administrations_stand_for_their_state() {
    let text = "The Ukrainian delegation met the Obama administration and Russian officials.";
    let r = resolve(text);
    assert_eq!(mention(text, &r, "The Ukrainian delegation").0, "UKR");
    assert_eq!(mention(text, &r, "the Obama administration").0, "USA");
    assert_eq!(mention(text, &r, "Russian officials").0, "RUS");
}

#[test]
fn places_are_mentions_but_never_speakers() {
    let text =
        "Leaders held a summit in Moscow, officials said. Moscow views the plan as a threat.";
    let r = resolve(text);
    let moscow: Vec<&str> = r
        .mentions
        .iter()
        .filter(|m| m.span.as_str(text) == "Moscow")
        .map(|m| m.actor.as_deref().unwrap())
        .collect();
    assert_eq!(moscow, ["RUS", "RUS"]);
    let a = Analyzer::default()
        .analyze("The talks were held in Moscow, said the envoys. Moscow said the talks failed.")
        .unwrap();
    let speakers: Vec<Option<&str>> = a
        .statements
        .iter()
        .map(|s| s.speaker_actor().map(|id| id.as_str()))
        .collect();
    assert_eq!(speakers, [None, Some("RUS")]);
}

#[test]
fn every_resolved_mention_says_how() {
    let text = "Russian President Vladimir Putin said Moscow and Russian officials backed \
                the plan. Putin said he was sure. The alliance, NATO, disagreed.";
    let r = resolve(text);
    let hows: Vec<MentionKind> = r.mentions.iter().map(|m| m.how).collect();
    assert!(hows.contains(&MentionKind::Name));
    assert!(hows.contains(&MentionKind::Metonym));
    assert!(hows.contains(&MentionKind::Demonym));
    assert!(hows.contains(&MentionKind::Pronoun));
    assert!(r.mentions.iter().all(|m| m.actor.is_some()));
}

#[test]
fn state_bodies_without_a_state_belong_to_the_state_of_the_context() {
    let text = "Norway will open an embassy in Lima, the foreign ministry said. \
                Chile welcomed it, government officials said, and a top minister agreed.";
    let r = resolve(text);
    assert_eq!(
        mention(text, &r, "the foreign ministry"),
        ("NOR".to_string(), MentionKind::Description)
    );
    assert_eq!(mention(text, &r, "government officials").0, "CHL");
    assert_eq!(mention(text, &r, "a top minister").0, "CHL");
    // An owner before ("Hamas officials", "his office") or a "for" after
    // leaves them alone.
    let text = "Norway agreed. Rebel officials said no. A spokesman for the firm said yes.";
    let r = resolve(text);
    let got = mentions(text, &r);
    assert!(
        got.iter()
            .all(|(m, ..)| m != "officials" && !m.contains("spokesman")),
        "{got:?}"
    );
}

#[test]
fn the_head_of_state_is_the_last_head_of_state_or_the_holder_on_the_date() {
    let text = "President of Ukraine Volodymyr Zelenskyy met Prime Minister of Finland \
                Sanna Marin. The Head of State thanked her.";
    let r = resolve(text);
    assert_eq!(
        mention(text, &r, "The Head of State").0,
        "volodymyr-zelenskyy"
    );
    // No head of state mentioned: the state's, on the document's date.
    let text = "Ukraine's parliament met in Kyiv. Later the Head of State spoke.";
    let r = resolve_on(text, "2022-05-26");
    assert_eq!(
        mention(text, &r, "the Head of State").0,
        "volodymyr-zelenskyy"
    );
    let r = resolve_on("Finland voted. The Head of State spoke.", "2025-01-10");
    assert_eq!(
        mention(
            "Finland voted. The Head of State spoke.",
            &r,
            "The Head of State"
        )
        .0,
        "alexander-stubb"
    );
    // Without a date: the state.
    let r = resolve(text);
    assert_eq!(mention(text, &r, "the Head of State").0, "UKR");
}

#[test]
fn handover_days_belong_to_the_incoming_holder() {
    let text = "Finland's president spoke.";
    let r = resolve_on(text, "2024-03-01");
    assert_eq!(
        mention(text, &r, "Finland's president").0,
        "alexander-stubb"
    );
    let r = resolve_on(text, "2024-02-29");
    assert_eq!(mention(text, &r, "Finland's president").0, "sauli-niinisto");
}

#[test]
fn title_words_are_not_names() {
    let text = "The Deputy Head of the Office said it. Ukraine's Foreign Minister Head \
                Ivan spoke. The Minister Head left.";
    let r = resolve(text);
    let invented: Vec<&str> = r
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person && a.name.contains("Head"))
        .map(|a| a.name.as_str())
        .collect();
    assert!(invented.is_empty(), "{invented:?}");
    // "the state" is no Secretary of State.
    let text = "Secretary of State Mara Lind arrived. She said the state would pay.";
    let r = resolve(text);
    assert!(r
        .mentions
        .iter()
        .all(|m| m.span.as_str(text) != "the state"));
}

#[test]
fn groups_in_or_of_a_state_are_that_states() {
    let cases = [
        (
            "Rebels in the Ivory Coast dismissed the appeal.",
            "Rebels in the Ivory Coast",
            "CIV",
        ),
        (
            "Opposition groups in Zimbabwe said no.",
            "Opposition groups in Zimbabwe",
            "ZWE",
        ),
        (
            "The inhabitants of the Syrian town protested.",
            "The inhabitants of the Syrian",
            "SYR",
        ),
        (
            "The Albanians of southern Serbia said no.",
            "The Albanians of southern Serbia",
            "SRB",
        ),
        (
            "Ethnic Serbs in Kosovo said no.",
            "Ethnic Serbs in Kosovo",
            "XKX",
        ),
        (
            "The Ivory Coast's Supreme Court decided it.",
            "The Ivory Coast's Supreme Court",
            "CIV",
        ),
    ];
    for (text, phrase, want) in cases {
        let r = resolve(text);
        assert_eq!(mention(text, &r, phrase).0, want, "{text}");
    }
    // Not ethnic, not "of": people of a state in another stay its own.
    let text = "Albanians in Serbia said no.";
    let r = resolve(text);
    assert_eq!(mention(text, &r, "Albanians").0, "ALB");
}

#[test]
fn titled_people_take_a_state_named_later_when_nothing_comes_before() {
    let text = "President Amadou Keralo threatened a curfew in Bamako.";
    let r = resolve(text);
    let id = &r.mentions[0].actor.clone().unwrap();
    assert_eq!(country_of(&r, id).as_deref(), Some("MLI"));
}

#[test]
fn rank_words_stay_inside_titles() {
    let text = "Kenya's junior foreign minister Amos Wekesa summoned the envoy.";
    let r = resolve(text);
    let (id, how) = mention(text, &r, "Kenya's junior foreign minister Amos Wekesa");
    assert_eq!(how, MentionKind::Title);
    assert_eq!(country_of(&r, &id).as_deref(), Some("KEN"));
}

#[test]
fn the_president_is_no_deputy_head_of_his_office() {
    let text = "Deputy Head of the Office of the President Ivan Korol spoke. \
                The president thanked him.";
    let r = resolve(text);
    assert_eq!(
        mention(
            text,
            &r,
            "Deputy Head of the Office of the President Ivan Korol"
        )
        .0,
        "ivan-korol"
    );
    assert!(r
        .mentions
        .iter()
        .filter(|m| m.span.as_str(text) == "The president")
        .all(|m| m.actor.as_deref() != Some("ivan-korol")));
    let text = "Vice President Anna Mertz arrived. The president was away.";
    let r = resolve(text);
    assert!(r
        .mentions
        .iter()
        .filter(|m| m.span.as_str(text) == "The president")
        .all(|m| m.actor.as_deref() != Some("anna-mertz")));
}

#[test]
fn state_bodies_in_context_are_heads_not_modifiers_nor_missing_offices() {
    // "military aid": the body only modifies.
    let text = "Norway agreed, and military aid followed.";
    let r = resolve(text);
    assert!(r.mentions.iter().all(|m| m.span.as_str(text) != "military"));
    let text = "Norway agreed, and the military said so.";
    let r = resolve(text);
    assert_eq!(mention(text, &r, "the military").0, "NOR");
    let text = "Norway agreed, a military-run radio said.";
    let r = resolve(text);
    assert!(r
        .mentions
        .iter()
        .all(|m| !m.span.as_str(text).contains("military")));
    // An owner we do not know; a portfolio is no owner.
    let text = "Norway agreed, the army of the junta said.";
    let r = resolve(text);
    assert!(r
        .mentions
        .iter()
        .all(|m| !m.span.as_str(text).contains("army")));
    let text = "Norway agreed, the ministry of finance said.";
    let r = resolve(text);
    assert_eq!(mention(text, &r, "the ministry").0, "NOR");
    // A kingdom has no president; "a president" is anyone.
    let text = "Norway agreed, the president said.";
    let r = resolve(text);
    assert!(r
        .mentions
        .iter()
        .all(|m| m.span.as_str(text) != "the president"));
    let text = "Chile agreed, a president said.";
    let r = resolve(text);
    assert!(r
        .mentions
        .iter()
        .all(|m| m.span.as_str(text) != "a president"));
    let text = "Chile agreed, the president said.";
    let r = resolve(text);
    assert_eq!(mention(text, &r, "the president").0, "CHL");
}

#[test]
fn organisations_no_dictionary_has_are_found_by_their_names() {
    let text =
        "Norway agreed. The Third Lake Water Forum met. The Ceasefire Monitoring Committee (CMC) \
                said the Association of Kenyan Jurists agreed. The CMC left. \
                The Confederation of Danish Industry Thomas Berg spoke.";
    let r = resolve(text);
    let orgs: Vec<(&str, Option<&str>)> = r
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Organization)
        .map(|a| (a.name.as_str(), a.country.as_deref()))
        .collect();
    assert_eq!(
        orgs,
        [
            ("Third Lake Water Forum", None),
            ("Ceasefire Monitoring Committee", None),
            ("Association of Kenyan Jurists", Some("KEN")),
            ("Confederation of Danish Industry", Some("DNK")),
        ]
    );
    assert_eq!(mention(text, &r, "CMC").1, MentionKind::Alias);
    // Known names stay known; a state's own name is no organisation.
    let text = "The Russian Federation and the Labour Party agreed. But the Forum met.";
    let r = resolve(text);
    assert!(
        r.actors.iter().all(|a| !a.id.contains('-')),
        "{:?}",
        r.actors
    );
}
