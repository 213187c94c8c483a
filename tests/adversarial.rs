//! Adversarial inputs: each gets a documented, sensible result, in linear
//! time, with every span valid. (Speed on these inputs is measured by the
//! `pathological` benchmark group.)

use standpoint::{Analysis, Analyzer, Span, Stance};

fn analyzer() -> Analyzer {
    Analyzer::builder()
        .max_input_bytes(64 << 20)
        .build()
        .unwrap()
}

fn valid(text: &str, a: &Analysis) {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    assert!(a.sentences.iter().all(|s| ok(*s)));
    assert!(a.mentions.iter().all(|m| ok(m.span)));
    for st in &a.statements {
        assert!(ok(st.cue));
        assert!(st.content.map_or(true, ok));
        assert!(st.speaker.iter().chain(&st.co_speakers).all(|m| ok(m.span)));
    }
}

fn run(text: &str) -> Analysis {
    let a = analyzer().analyze(text).unwrap();
    valid(text, &a);
    a
}

#[test]
fn empty_and_whitespace_give_an_empty_analysis() {
    for text in ["", " ", "\n\n\n", " \t\r\n\u{a0}\u{2003} "] {
        let a = run(text);
        assert_eq!(a, Analysis::default(), "{text:?}");
    }
}

#[test]
fn five_megabytes_without_a_sentence_end() {
    let unit = "officials in Kyiv said the talks with Moscow would go on and on ";
    let text = unit.repeat(5_000_000 / unit.len() + 1);
    let a = run(&text);
    assert_eq!(a.sentences.len(), 1);
    assert_eq!(a.sentences[0], Span::new(0, text.trim_end().len()));
    // Every cue is still found; contents are bounded, not the whole text.
    assert_eq!(a.statements.len(), text.matches(" said ").count());
    assert!(a
        .statements
        .iter()
        .all(|s| s.content.map_or(0, |c| c.len()) <= 4096));
}

#[test]
fn a_million_unbalanced_quotation_marks() {
    let text = format!(
        "Putin said \"no. {} Kyiv said it was unacceptable.\n\nNATO said it would wait.",
        "\"“«".repeat(333_334)
    );
    let a = run(&text);
    let quotes = standpoint::text::quotes(&text);
    // No quotation runs past its paragraph.
    let first_break = text.find("\n\n").unwrap();
    assert!(quotes
        .iter()
        .all(|q| q.outer.end <= first_break || q.outer.start > first_break));
    let nato = a
        .statements
        .iter()
        .find(|s| s.speaker_actor().is_some_and(|x| x == "NATO"))
        .unwrap();
    assert_eq!(nato.content.unwrap().as_str(&text), "it would wait");
}

#[test]
fn deeply_nested_brackets() {
    let text = format!(
        "{}Moscow said the plan was a threat.{}",
        "([{".repeat(200_000),
        "}])".repeat(200_000)
    );
    let a = run(&text);
    let st = &a.statements[0];
    assert_eq!(st.speaker_actor().unwrap(), "RUS");
    assert_eq!(st.stance, Stance::Oppose);
}

#[test]
fn a_million_actor_names_back_to_back() {
    let text = "Putin ".repeat(1_000_000);
    let a = run(&text);
    assert_eq!(a.mentions.len(), 1_000_000);
    assert_eq!(
        a.actors.iter().filter(|x| x.id == "vladimir-putin").count(),
        1
    );
    let varied = "Russia Ukraine NATO Moscow Kyiv Zelensky Scholz Brussels ".repeat(100_000);
    let a = run(&varied);
    assert_eq!(a.mentions.len(), 800_000);
}

#[test]
fn nul_and_control_bytes() {
    let text = "\0\x01Putin\x07 said\x1b the plan was unacceptable.\x7f\0 Kyiv\u{85} welcomed it.";
    let a = run(text);
    let putin = &a.statements[0];
    assert_eq!(putin.speaker_actor().unwrap(), "vladimir-putin");
    assert_eq!(putin.stance, Stance::Oppose);
    let long = text.repeat(50_000);
    run(&long);
}

#[test]
fn crlf_and_form_feeds_split_sentences() {
    let text =
        "Putin said it was a threat.\r\n\x0cKyiv said it welcomed the plan.\r\n\r\nNATO agreed.";
    let a = run(text);
    let sentences: Vec<&str> = a.sentences.iter().map(|s| s.as_str(text)).collect();
    assert_eq!(
        sentences,
        [
            "Putin said it was a threat.",
            "Kyiv said it welcomed the plan.",
            "NATO agreed."
        ]
    );
    assert_eq!(a.statements[1].speaker_actor().unwrap(), "UKR");
}

#[test]
fn right_to_left_emoji_combining_marks_and_joiners() {
    let text = "\u{202e}بوتين\u{202c} 👩‍👩‍👧 Moscow said the e\u{301}lite plan\u{200d} was a threat 🇺🇦. Кремль. Kyiv\u{200b} welcomed it.";
    let a = run(text);
    let moscow = &a.statements[0];
    assert_eq!(moscow.speaker.as_ref().unwrap().span.as_str(text), "Moscow");
    assert_eq!(moscow.stance, Stance::Oppose);
    let ids: Vec<&str> = a
        .mentions
        .iter()
        .filter_map(|m| m.actor.as_deref())
        .collect();
    assert!(
        ids.contains(&"UKR"),
        "Kyiv before a zero-width space is still Kyiv: {ids:?}"
    );
    run(&text.repeat(20_000));
}

#[test]
fn html_and_scraping_residue() {
    let text = "<div class=\"story\"><p>Putin <b>said</b> NATO&amp;nbsp;was a threat.</p>\n\
                ADVERTISEMENT\nRead more: https://example.com/a?b=c&d=e\n\
                <script>var said = \"according to\";</script>\nKyiv said it welcomed the plan.</div>";
    let a = run(text);
    assert!(a
        .statements
        .iter()
        .any(|s| s.speaker_actor().is_some_and(|x| x == "UKR") && s.stance == Stance::Support));
    run(&text.repeat(10_000));
}

#[test]
fn oversized_input_is_refused_not_truncated() {
    let a = Analyzer::builder().max_input_bytes(1000).build().unwrap();
    let err = a.analyze(&"x".repeat(1001)).unwrap_err();
    assert_eq!(
        err,
        standpoint::Error::InputTooLarge {
            len: 1001,
            limit: 1000
        }
    );
    assert!(a.analyze(&"x".repeat(1000)).is_ok());
}

/// The whole allsides corpus (news with scraping residue) goes through
/// without error. Skipped with a message when `../shared` is absent.
#[test]
fn allsides_corpus_runs_through() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/corpus/allsides_international.jsonl"
    );
    let Ok(corpus) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let analyzer = Analyzer::default();
    let mut docs = 0;
    for (n, line) in corpus.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        let text = v["text"].as_str().unwrap_or("");
        let a = analyzer
            .analyze(text)
            .unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        valid(text, &a);
        docs += 1;
    }
    assert!(docs > 3000, "{docs} documents");
}

/// Thousands of people and parties no dictionary has, each named once:
/// each is its own actor with its own id, and each speaks its statement.
/// (The cost of a new actor used to grow with the number before it; the
/// `pathological/new_names` benchmark measures it.)
#[test]
fn thousands_of_new_names_each_get_their_own_actor() {
    const C: &[u8] = b"bcdfgklmnprstvz";
    const V: &[u8] = b"aeiou";
    // Distinct names by construction: the digits of i in base 75.
    let name = |mut i: usize| {
        let mut w = String::new();
        for k in 0..3 {
            let (c, v) = (C[i % C.len()] as char, V[(i / C.len()) % V.len()] as char);
            w.push(if k == 0 { c.to_ascii_uppercase() } else { c });
            w.push(v);
            i /= C.len() * V.len();
        }
        w
    };
    let n = 3000;
    let mut text = String::new();
    for i in 0..n {
        let (first, last) = (name(i), name(i + n));
        text.push_str(&format!(
            "Foreign Minister {first} {last} said the talks would go on. "
        ));
    }
    let a = run(&text);
    valid(&text, &a);
    let people: Vec<_> = a
        .actors
        .iter()
        .filter(|x| x.kind == standpoint::ActorKind::Person)
        .collect();
    assert_eq!(people.len(), n);
    let ids: std::collections::HashSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), n, "ids are unique");
    let spoken: std::collections::HashSet<&str> = a
        .statements
        .iter()
        .filter_map(|s| s.speaker.as_ref()?.actor.as_deref())
        .collect();
    assert_eq!(spoken.len(), n, "every new minister speaks");
    assert!(people.iter().all(|p| spoken.contains(p.id.as_str())));
}

#[test]
fn a_comma_opening_a_line_before_a_cue() {
    // A line break ends the sentence, so the comma after it closes no
    // phrase: the name before the break is never taken as the speaker
    // (this underflowed an index once: found by the property tests).
    for text in [
        "Brussels\n, said",
        "Brussels\r\n, said",
        "Brussels\n\n, said the minister.",
        "Olaf Scholz\n, said that talks would go on.",
    ] {
        let a = run(text);
        let brk = text.find(['\r', '\n']).unwrap();
        for st in &a.statements {
            for m in st.speaker.iter().chain(&st.co_speakers) {
                assert!(
                    m.span.start > brk,
                    "{text:?}: speaker {m:?} before the break"
                );
            }
        }
    }
}
