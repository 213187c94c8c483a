//! Span invariants, the JSON contract, serde round trips, and the API's
//! thread-safety.

use standpoint::{Analysis, Analyzer, Error, Span};

const SEED: &str = include_str!("../examples/data/seed_article.txt");

const SAMPLES: &[&str] = &[
    SEED,
    "",
    "   \n\t ",
    "\"We will never accept this,\" the Kremlin said. “Kyiv’s plan is dead,” said Peskov.",
    "According to officials in Kyiv, the talks stalled. Mr. Smith of the U.S. State Dept. left.",
    "Ukraine’s Foreign Minister Dmytro Kuleba told reporters that Moscow was lying. He added: “No.",
    "Émigrés in Paris 👋🏽 said نعم that the EU‍ and NATO were right.\r\nAnd Berlin agreed.",
];

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what} {span:?} is reversed");
    assert!(span.end <= text.len(), "{what} {span:?} past the end");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a char"
    );
}

#[test]
fn every_span_is_inside_the_text() {
    for text in SAMPLES {
        let a = standpoint::analyze(text).unwrap();
        let mut last = 0;
        for s in &a.sentences {
            check_span(text, *s, "sentence");
            assert!(s.start >= last, "sentences overlap");
            assert!(
                text[last..s.start].trim().is_empty(),
                "text between sentences is lost"
            );
            last = s.end;
        }
        assert!(text[last..].trim().is_empty());
        for w in a.mentions.windows(2) {
            assert!(w[0].span.start <= w[1].span.start, "mentions out of order");
        }
        for m in &a.mentions {
            check_span(text, m.span, "mention");
            assert!(
                m.actor.as_ref().is_some_and(|id| a.actor(id).is_some()),
                "mention of unlisted actor"
            );
        }
        for st in &a.statements {
            check_span(text, st.cue, "cue");
            assert!(!st.cue.is_empty());
            if let Some(c) = st.content {
                check_span(text, c, "content");
                assert!(!c.overlaps(st.cue), "content overlaps cue in {text:?}");
            }
            for m in st.speaker.iter().chain(&st.co_speakers) {
                check_span(text, m.span, "speaker");
                assert!(!m.span.overlaps(st.cue), "speaker overlaps cue");
                if let Some(id) = &m.actor {
                    assert!(a.actor(id).is_some(), "speaker actor {id} unlisted");
                }
            }
            for t in &st.targets {
                assert!(a.actor(t).is_some(), "target {t} unlisted");
            }
            assert!((0.0..=1.0).contains(&st.confidence));
            assert!(st.sentence < a.sentences.len());
            assert!(a.sentences[st.sentence].contains(st.cue));
        }
        for p in &a.positions {
            assert!(
                a.actor(&p.actor).is_some(),
                "position of unlisted actor {}",
                p.actor
            );
            assert!((-1.0..=1.0).contains(&p.score));
            assert!(p.statements.iter().all(|&i| i < a.statements.len()));
        }
    }
}

#[test]
fn serde_round_trip_is_exact() {
    for text in SAMPLES {
        let a = standpoint::analyze(text).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        let back: Analysis = serde_json::from_str(&json).unwrap();
        assert_eq!(a, back);
    }
}

#[test]
fn json_has_the_contract_fields() {
    let a = standpoint::analyze(SEED).unwrap();
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    let st = &v["statements"][0];
    assert!(st["speaker"]["actor"].is_string());
    assert!(st["speaker"]["start"].is_u64() && st["speaker"]["end"].is_u64());
    assert!(st["cue"]["start"].is_u64() && st["cue"]["end"].is_u64());
    assert!(st["content"]["start"].is_u64());
    assert!(["support", "oppose", "neutral", "mixed"].contains(&st["stance"].as_str().unwrap()));
    assert!(st["targets"].is_array());
    let putin = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "vladimir-putin")
        .unwrap();
    assert_eq!(putin["kind"], "person");
    assert_eq!(putin["country"], "RUS");
    let nato = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "NATO")
        .unwrap();
    assert_eq!(nato["kind"], "organization");
    assert!(nato["country"].is_null());
    assert!(v["positions"][0]["actor"].is_string());
    assert!(v["positions"][0]["stance"].is_string());
}

#[test]
fn bad_input_gets_clear_errors() {
    let analyzer = Analyzer::builder().max_input_bytes(10).build().unwrap();
    assert_eq!(
        analyzer.analyze("This is far too long.").unwrap_err(),
        Error::InputTooLarge { len: 21, limit: 10 }
    );
    let err = Analyzer::default()
        .analyze_bytes(b"Kyiv \xe2\x82 said")
        .unwrap_err();
    assert_eq!(err, Error::InvalidUtf8 { offset: 5 });
    assert_eq!(err.to_string(), "input is not valid UTF-8 at byte offset 5");
}

#[test]
fn bad_gazetteer_entries_name_file_and_line() {
    let cases = [
        (
            "id\tkind\tname\taliases\nx\tperson\tX\ta||b\n",
            "g.tsv:2: empty alias in a list",
        ),
        (
            "id\tkind\tname\taffiliation\nx\tperson\tX\tNOWHERE\n",
            "g.tsv:2: unknown affiliation `NOWHERE`",
        ),
        (
            "id\tkind\tname\tterms\nx\tperson\tX\tPM@2020..2019\n",
            "g.tsv:2: bad date range \"PM@2020..2019\"",
        ),
        (
            "id\tkind\tname\nRUS\tcountry\tRussia again\n",
            "g.tsv:2: duplicate id `RUS`",
        ),
    ];
    for (table, message) in cases {
        let err = Analyzer::builder()
            .actors_tsv("g.tsv", table)
            .build()
            .unwrap_err();
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Analyzer>();
    check::<standpoint::AnalyzerBuilder>();
    check::<Analysis>();
    check::<standpoint::Actor>();
    check::<standpoint::ActorId>();
    check::<standpoint::Mention>();
    check::<standpoint::Statement>();
    check::<standpoint::Position>();
    check::<standpoint::Span>();
    check::<standpoint::Stance>();
    check::<Error>();
    check::<standpoint::gazetteer::Gazetteer>();
    check::<standpoint::gazetteer::EntityMatcher>();
    check::<standpoint::mentions::Resolver>();
    check::<standpoint::mentions::Resolution>();
    check::<standpoint::attribution::CueLexicon>();
    check::<standpoint::classify::LexiconClassifier>();
    check::<standpoint::classify::Classification>();
    check::<standpoint::text::Quote>();
}

#[test]
fn analyzer_is_shared_across_threads() {
    let analyzer = Analyzer::default();
    let expected = analyzer.analyze(SEED).unwrap();
    std::thread::scope(|s| {
        for _ in 0..4 {
            let analyzer = analyzer.clone();
            let expected = &expected;
            s.spawn(move || assert_eq!(&analyzer.analyze(SEED).unwrap(), expected));
        }
    });
}
