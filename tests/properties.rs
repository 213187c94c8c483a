//! Property tests: on any Unicode text and on generated news-like text, the
//! analyzer never panics, every span is on character boundaries and in
//! range, speaker, cue and content lie inside the text, output is
//! deterministic and survives an exact serde round trip, and one analyzer
//! shared by 8 threads gives the same results as one thread.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use standpoint::{Analysis, Analyzer, Span};

fn check_span(text: &str, span: Span) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "reversed span {span:?}");
    prop_assert!(
        span.end <= text.len(),
        "span {span:?} past the end ({})",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start),
        "span {span:?} splits a char"
    );
    prop_assert!(
        text.is_char_boundary(span.end),
        "span {span:?} splits a char"
    );
    Ok(())
}

fn check(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    for s in &a.sentences {
        check_span(text, *s)?;
    }
    for m in &a.mentions {
        check_span(text, m.span)?;
    }
    for st in &a.statements {
        check_span(text, st.cue)?;
        prop_assert!(!st.cue.is_empty());
        if let Some(c) = st.content {
            check_span(text, c)?;
        }
        for m in st.speaker.iter().chain(&st.co_speakers) {
            check_span(text, m.span)?;
        }
        prop_assert!(st.sentence < a.sentences.len());
        prop_assert!((0.0..=1.0).contains(&st.confidence));
    }
    for p in &a.positions {
        prop_assert!((-1.0..=1.0).contains(&p.score));
        prop_assert!(p.statements.iter().all(|&i| i < a.statements.len()));
    }
    let json = serde_json::to_string(a).unwrap();
    let back: Analysis = serde_json::from_str(&json).unwrap();
    prop_assert_eq!(&back, a, "serde round trip differs");
    Ok(())
}

/// Words that exercise every stage: actors, titles, cues, stance words,
/// negators, quotes and punctuation of several scripts.
const VOCABULARY: &[&str] = &[
    "Putin",
    "Vladimir",
    "Moscow",
    "the Kremlin",
    "Kyiv",
    "Kiev",
    "Ukraine’s",
    "NATO",
    "the alliance",
    "Washington",
    "and",
    "Brussels",
    "Scholz",
    "former",
    "German",
    "Chancellor",
    "President",
    "Deputy Prime Minister",
    "for",
    "European",
    "Integration",
    "Olga",
    "Stefanishyna",
    "spokesman",
    "said",
    "told reporters",
    "according to",
    "reiterated",
    "argued",
    "he",
    "she",
    "they",
    "it",
    "that",
    "not",
    "never",
    "did not oppose",
    "a direct threat",
    "unacceptable",
    "supports",
    "welcomed",
    "a delicate balance",
    "reportedly",
    "may",
    "if",
    "whether",
    "Analysts",
    "officials",
    "in",
    "the",
    "U.S.",
    "Mr.",
    "Gen.",
    "3.5",
    "Jan.",
    ",",
    ".",
    ";",
    ":",
    "?",
    "!",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "(",
    ")",
    "—",
    "-",
    "\n",
    "\n\n",
    "\r\n",
    "\u{200d}",
    "e\u{301}",
    "👩‍👩‍👧",
    "بوتين",
    "Путин",
    "普京",
    "\u{202e}",
    "\0",
    "<b>",
    "&amp;",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCABULARY), 0..120).prop_map(|words| {
        let mut s = String::new();
        for w in words {
            if !s.is_empty() && !w.starts_with([',', '.', ';', ':', '?', '!', '\n']) {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_is_analyzed(text in "\\PC{0,400}") {
        let a = standpoint::analyze(&text).unwrap();
        check(&text, &a)?;
    }

    #[test]
    fn arbitrary_chars_with_controls(text in prop::collection::vec(any::<char>(), 0..300)) {
        let text: String = text.into_iter().collect();
        let a = standpoint::analyze(&text).unwrap();
        check(&text, &a)?;
    }

    #[test]
    fn news_like_text_is_analyzed_deterministically(text in news_like()) {
        let analyzer = Analyzer::default();
        let a = analyzer.analyze(&text).unwrap();
        check(&text, &a)?;
        prop_assert_eq!(analyzer.analyze(&text).unwrap(), a);
    }

    /// A thread keeps buffers from one analysis to the next (the
    /// classifier's among them): what it read before must not change an
    /// answer. The reference is analyzed on a thread that read nothing.
    #[test]
    fn an_answer_does_not_depend_on_what_the_thread_read_before(
        before in prop::collection::vec(news_like(), 1..4),
        text in news_like(),
    ) {
        let analyzer = std::sync::Arc::new(Analyzer::default());
        let fresh = {
            let (analyzer, text) = (analyzer.clone(), text.clone());
            std::thread::spawn(move || {
                let classifier = standpoint::classify::LexiconClassifier::builtin();
                (analyzer.analyze(&text).unwrap(), classifier.classify_sentence(&text))
            })
            .join()
            .unwrap()
        };
        let classifier = standpoint::classify::LexiconClassifier::builtin();
        for other in &before {
            analyzer.analyze(other).unwrap();
            classifier.classify_sentence(other);
            // Parts of the text itself, read before it.
            let cut = text.len() / 2;
            if let Some(head) = text.get(..cut) {
                classifier.classify_sentence(head);
                analyzer.analyze(head).unwrap();
            }
        }
        prop_assert_eq!(analyzer.analyze(&text).unwrap(), fresh.0);
        prop_assert_eq!(classifier.classify_sentence(&text), fresh.1);
    }

    #[test]
    fn bytes_are_checked_not_trusted(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        match (Analyzer::default().analyze_bytes(&bytes), std::str::from_utf8(&bytes)) {
            (Ok(a), Ok(text)) => check(text, &a)?,
            (Err(standpoint::Error::InvalidUtf8 { offset }), Err(e)) => {
                prop_assert_eq!(offset, e.valid_up_to())
            }
            (got, want) => prop_assert!(false, "got {got:?} for {want:?}"),
        }
    }
}

#[test]
fn eight_threads_agree_with_one() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let texts: Vec<String> = (0..64)
        .map(|_| news_like().new_tree(&mut runner).unwrap().current())
        .collect();
    let analyzer = Analyzer::default();
    let expected: Vec<Analysis> = texts.iter().map(|t| analyzer.analyze(t).unwrap()).collect();
    std::thread::scope(|s| {
        for k in 0..8 {
            let (analyzer, texts, expected) = (analyzer.clone(), &texts, &expected);
            s.spawn(move || {
                for i in 0..texts.len() {
                    let i = (i + k * 7) % texts.len();
                    assert_eq!(
                        &analyzer.analyze(&texts[i]).unwrap(),
                        &expected[i],
                        "thread {k}, text {i}"
                    );
                }
            });
        }
    });
}
