//! The corpus: actors merged across documents, statements kept with their
//! documents, positions over the corpus and over time.

mod common;

use common::{document, say};
use standpoint::corpus::{Corpus, CorpusStatement, Document, Period, PeriodPosition};
use standpoint::{Actor, ActorKind, Analyzer, Date, Stance};

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn add(corpus: &mut Corpus, id: &str, day: Option<&str>, says: &[common::Say<'_>]) {
    let (text, analysis) = document(says);
    let mut doc = Document::new(id);
    if let Some(d) = day {
        doc = doc.with_date(date(d));
    }
    corpus.add(doc, &text, &analysis);
}

fn putin_opposes(content: &str) -> common::Say<'_> {
    say(
        Some("vladimir-putin"),
        "Vladimir Putin",
        Stance::Oppose,
        &["nato-enlargement"],
        &["vladimir-putin", "RUS"],
        content,
    )
}

#[test]
fn actors_merge_across_documents_by_id() {
    let mut corpus = Corpus::new();
    let kyiv = "Olga Stefanishyna";
    let (text, mut first) =
        document(&[say(None, kyiv, Stance::Neutral, &[], &[], "talks went on")]);
    // A person discovered in two documents: known to the second's country.
    first
        .actors
        .push(Actor::new("olga-stefanishyna", kyiv, ActorKind::Person));
    let mut second = first.clone();
    second.actors[0] = second.actors[0]
        .clone()
        .with_country("UKR")
        .with_aliases(["Stefanishyna"]);
    corpus.add(Document::new("a"), &text, &first);
    corpus.add(Document::new("b"), &text, &second);
    corpus.add(Document::new("c"), &text, &first);
    let same: Vec<&Actor> = corpus
        .actors()
        .iter()
        .filter(|a| a.id == "olga-stefanishyna")
        .collect();
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].country.as_deref(), Some("UKR"));
    assert_eq!(same[0].aliases, ["Stefanishyna"]);
    assert_eq!(corpus.documents().len(), 3);
    assert_eq!(corpus.statements().len(), 3);
}

#[test]
fn statements_keep_their_document_and_holders() {
    let mut corpus = Corpus::new();
    add(
        &mut corpus,
        "a",
        None,
        &[putin_opposes("NATO expansion is a threat")],
    );
    add(
        &mut corpus,
        "b",
        Some("2022-01-10"),
        &[
            say(
                None,
                "Analysts",
                Stance::Neutral,
                &[],
                &[],
                "nothing changed",
            ),
            putin_opposes("enlargement must stop"),
        ],
    );
    let st: &CorpusStatement = &corpus.statements()[2];
    assert_eq!(corpus.document_of(st).id, "b");
    assert_eq!(st.index, 1);
    assert_eq!(st.holders, ["vladimir-putin", "RUS"]);
    assert_eq!(st.text, "Vladimir Putin said enlargement must stop");
    assert_eq!(st.speaker_text.as_deref(), Some("Vladimir Putin"));
    let phrase = &corpus.statements()[1];
    assert!(phrase.holders.is_empty());
    assert_eq!(phrase.speaker_text.as_deref(), Some("Analysts"));
    let by_putin: Vec<usize> = corpus.statements_of("RUS").map(|s| s.document).collect();
    assert_eq!(by_putin, [0, 1]);
}

#[test]
fn positions_aggregate_over_documents_with_roll_up() {
    let mut corpus = Corpus::new();
    add(
        &mut corpus,
        "a",
        None,
        &[putin_opposes("NATO expansion is a threat")],
    );
    add(
        &mut corpus,
        "b",
        None,
        &[say(
            Some("RUS"),
            "Russia",
            Stance::Oppose,
            &["nato-enlargement"],
            &["RUS"],
            "NATO must not grow",
        )],
    );
    let positions = corpus.positions();
    let russia = positions.iter().find(|p| p.actor == "RUS").unwrap();
    assert_eq!(russia.stance, Stance::Oppose);
    assert_eq!(russia.statements, [0, 1]);
    assert!(russia.rolled_up, "Putin's statement counts for Russia");
    let putin = positions
        .iter()
        .find(|p| p.actor == "vladimir-putin")
        .unwrap();
    assert_eq!(putin.statements, [0]);
    assert!(!putin.rolled_up);
}

#[test]
fn equal_support_and_opposition_is_mixed() {
    let mut corpus = Corpus::new();
    let ukr = |stance| {
        say(
            Some("UKR"),
            "Ukraine",
            stance,
            &["sanctions"],
            &["UKR"],
            "the sanctions matter",
        )
    };
    add(&mut corpus, "a", None, &[ukr(Stance::Support)]);
    add(&mut corpus, "b", None, &[ukr(Stance::Oppose)]);
    let p = &corpus.positions()[0];
    assert_eq!((p.stance, p.score), (Stance::Mixed, 0.0));
    add(&mut corpus, "c", None, &[ukr(Stance::Support)]);
    add(&mut corpus, "d", None, &[ukr(Stance::Support)]);
    add(&mut corpus, "e", None, &[ukr(Stance::Support)]);
    assert_eq!(corpus.positions()[0].stance, Stance::Support);
}

#[test]
fn positions_by_week_month_and_undated() {
    let mut corpus = Corpus::new();
    // Monday and Sunday of one ISO week, the next Monday, and no date.
    for (id, day) in [
        ("mon", Some("2021-12-06")),
        ("sun", Some("2021-12-12")),
        ("next", Some("2021-12-13")),
        ("undated", None),
    ] {
        add(
            &mut corpus,
            id,
            day,
            &[putin_opposes("NATO expansion is a threat")],
        );
    }
    let weekly: Vec<(Option<String>, usize)> = corpus
        .positions_by(Period::Week)
        .into_iter()
        .filter(|p| p.position.actor == "RUS")
        .map(|p: PeriodPosition| (p.period.map(|d| d.to_string()), p.position.statements.len()))
        .collect();
    assert_eq!(
        weekly,
        [
            (None, 1),
            (Some("2021-12-06".to_string()), 2),
            (Some("2021-12-13".to_string()), 1)
        ]
    );
    let monthly: Vec<(Option<String>, Vec<usize>)> = corpus
        .positions_by(Period::Month)
        .into_iter()
        .filter(|p| p.position.actor == "RUS")
        .map(|p| (p.period.map(|d| d.to_string()), p.position.statements))
        .collect();
    assert_eq!(
        monthly,
        [
            (None, vec![3]),
            (Some("2021-12".to_string()), vec![0, 1, 2])
        ]
    );
    let daily = corpus.positions_by(Period::Day);
    assert_eq!(
        daily.iter().filter(|p| p.position.actor == "RUS").count(),
        4
    );
}

#[test]
fn offsets_count_characters_and_text_is_cut() {
    let mut corpus = Corpus::with_text_limit(12);
    let (body, analysis) = document(&[putin_opposes("NATO expansion is a threat")]);
    // Shift the statement behind multi-byte characters.
    let prefix = "Émigré ✓ ";
    let text = format!("{prefix}{body}");
    let mut shifted = analysis.clone();
    for st in &mut shifted.statements {
        let m = st.speaker.as_mut().unwrap();
        m.span = standpoint::Span::new(m.span.start + prefix.len(), m.span.end + prefix.len());
        st.cue = standpoint::Span::new(st.cue.start + prefix.len(), st.cue.end + prefix.len());
        let c = st.content.unwrap();
        st.content = Some(standpoint::Span::new(
            c.start + prefix.len(),
            c.end + prefix.len(),
        ));
    }
    corpus.add(Document::new("a"), &text, &shifted);
    let st = &corpus.statements()[0];
    assert_eq!(st.span.start, prefix.len());
    assert_eq!(st.chars.start, prefix.chars().count());
    assert_eq!(
        st.chars.end - st.chars.start,
        text[st.span.start..st.span.end].chars().count()
    );
    assert_eq!(st.text, "Vladimir Put…");

    let mut none = Corpus::with_text_limit(0);
    none.add(Document::new("a"), &text, &shifted);
    assert_eq!(none.statements()[0].text, "");
    assert_eq!(none.statements()[0].span, st.span);
}

#[test]
fn a_holder_the_document_did_not_list_gets_a_stand_in() {
    let (text, mut analysis) = document(&[putin_opposes("NATO expansion is a threat")]);
    analysis.actors.retain(|a| a.id != "RUS");
    let mut corpus = Corpus::new();
    corpus.add(Document::new("a"), &text, &analysis);
    let russia = corpus.actor("RUS").unwrap();
    assert_eq!(russia.kind, ActorKind::Country, "Putin acts for RUS");
    assert_eq!(russia.country.as_deref(), Some("RUS"));
    assert!(corpus.positions().iter().any(|p| p.actor == "RUS"));
}

#[test]
fn analyzed_documents_merge_people_and_states() {
    let analyzer = Analyzer::default();
    let mut corpus = Corpus::new();
    let texts = [
        "Russian President Vladimir Putin said NATO expansion is a direct threat.",
        "Putin's spokesman said nothing. Russian President Vladimir Putin said NATO enlargement was unacceptable.",
    ];
    for (i, text) in texts.iter().enumerate() {
        corpus
            .analyze(&analyzer, Document::new(format!("d{i}")), text)
            .unwrap();
    }
    let putins = corpus
        .actors()
        .iter()
        .filter(|a| a.id == "vladimir-putin")
        .count();
    assert_eq!(putins, 1);
    let putin_docs: Vec<usize> = corpus
        .statements_of("vladimir-putin")
        .map(|s| s.document)
        .collect();
    assert_eq!(putin_docs, [0, 1]);
    let err = Analyzer::builder().max_input_bytes(4).build().unwrap();
    assert!(corpus
        .analyze(&err, Document::new("too-long"), "Moscow said no.")
        .is_err());
    assert_eq!(
        corpus.documents().len(),
        2,
        "a failed document is not added"
    );
}

#[test]
fn corpus_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Corpus>();
    check::<CorpusStatement>();
    check::<Document>();
    check::<PeriodPosition>();
    check::<Period>();
    check::<standpoint::export::GraphMl>();
}
