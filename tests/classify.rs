//! The classifier on a table of hand-written sentences
//! (`tests/data/sentences.tsv`): speech act, stance and target of each.
//!
//! Each row is classified on its own (`LexiconClassifier::classify_sentence`)
//! and through the whole pipeline (`Analyzer::analyze`). Failures are
//! printed row by row (`cargo test --test classify -- --nocapture`); the
//! tests assert accuracy floors, justified beside each constant.

use standpoint::classify::{Classification, LexiconClassifier};
use standpoint::{Analysis, SpeechAct, Stance};

const TABLE: &str = include_str!("data/sentences.tsv");

#[derive(Debug)]
struct Row<'a> {
    line: usize,
    sentence: &'a str,
    speaker: &'a str,
    act: SpeechAct,
    stance: Stance,
    target: &'a str,
    note: &'a str,
}

impl Row<'_> {
    fn hard(&self) -> bool {
        self.note.contains("hard:")
    }

    /// Written after the lexicons, by their author ("blind:") or by the
    /// classifier's author before running it ("blind2:", "blind3:"), or
    /// before the rule they test was written ("blind4:").
    fn blind(&self) -> bool {
        ["blind:", "blind2:", "blind3:", "blind4:"]
            .iter()
            .any(|tag| self.note.contains(tag))
    }

    /// A topic id (lower case) rather than an actor id.
    fn topic_target(&self) -> bool {
        self.target.starts_with(|c: char| c.is_ascii_lowercase())
    }
}

fn rows() -> Vec<Row<'static>> {
    let mut header: Option<Vec<&str>> = None;
    let mut out = Vec::new();
    for (i, line) in TABLE.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let Some(h) = &header else {
            header = Some(fields);
            continue;
        };
        let get = |name: &str| {
            let k = h.iter().position(|c| *c == name).expect("column");
            fields.get(k).copied().unwrap_or("")
        };
        let line = i + 1;
        out.push(Row {
            line,
            sentence: get("sentence"),
            speaker: get("speaker"),
            act: SpeechAct::parse(get("act"))
                .unwrap_or_else(|| panic!("line {line}: bad act {:?}", get("act"))),
            stance: Stance::parse(get("stance"))
                .unwrap_or_else(|| panic!("line {line}: bad stance {:?}", get("stance"))),
            target: get("target"),
            note: get("note"),
        });
    }
    out
}

/// Counts of right answers over a set of rows.
#[derive(Default, Debug)]
struct Score {
    rows: usize,
    act: usize,
    stance: usize,
}

impl Score {
    fn add(&mut self, act: bool, stance: bool) {
        self.rows += 1;
        self.act += usize::from(act);
        self.stance += usize::from(stance);
    }

    fn act(&self) -> f64 {
        self.act as f64 / self.rows.max(1) as f64
    }

    fn stance(&self) -> f64 {
        self.stance as f64 / self.rows.max(1) as f64
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} rows: act {}/{} ({:.3}), stance {}/{} ({:.3})",
            self.rows,
            self.act,
            self.rows,
            self.act(),
            self.stance,
            self.rows,
            self.stance()
        )
    }
}

fn show(c: &Classification) -> String {
    format!("{}/{} topics={:?}", c.act, c.stance, c.topics)
}

/// The table must cover what the issue asks: every act, and negation,
/// modality and hedging cases, at least 150 rows.
#[test]
fn the_table_covers_every_act_and_case() {
    let rows = rows();
    assert!(rows.len() >= 150, "{} rows", rows.len());
    for act in SpeechAct::ALL {
        let n = rows.iter().filter(|r| r.act == *act).count();
        assert!(n >= 5, "only {n} rows for {act}");
    }
    for stance in [
        Stance::Support,
        Stance::Oppose,
        Stance::Neutral,
        Stance::Mixed,
    ] {
        assert!(
            rows.iter().filter(|r| r.stance == stance).count() >= 8,
            "{stance}"
        );
    }
    let with = |words: &[&str]| {
        rows.iter()
            .filter(|r| {
                let s = format!(" {} ", r.sentence.to_lowercase());
                words.iter().any(|w| s.contains(w))
            })
            .count()
    };
    assert!(
        with(&[" not ", " never ", "n't ", " no "]) >= 15,
        "negation"
    );
    assert!(
        with(&[" if ", " unless ", " only if "]) >= 5,
        "conditionals"
    );
    assert!(with(&[" whether ", "?"]) >= 5, "questions");
    assert!(with(&[" would ", " could "]) >= 10, "hypotheticals");
    assert!(
        with(&[" reportedly ", " allegedly ", " may ", " is believed "]) >= 5,
        "hedges"
    );
}

/// The classifier alone, on each sentence.
///
/// Floors: most rows and the lexicons were written together, so on them
/// the figures measure consistency more than accuracy (today: acts
/// 309/309, stances 306/309); the floors sit about three points under, so
/// that a regression of a handful of rows fails while a lexicon can still
/// be tuned. The `blind:`/`blind2:`/`blind3:`/`blind4:` rows were written
/// before the classifier saw them and are the honest check (first runs: 22/25, 25/30
/// and 8/12 stances; the blind4: rows, before their rules, 6/11 through the
/// pipeline; today 74/78); their floor is 0.88. `hard:` rows
/// (rhetorical questions, "neither ... nor", argument structure) are
/// printed, not counted.
const ACT_FLOOR: f64 = 0.97;
const STANCE_FLOOR: f64 = 0.96;
const BLIND_ACT_FLOOR: f64 = 0.9;
const BLIND_STANCE_FLOOR: f64 = 0.88;

#[test]
fn each_sentence_gets_its_act_stance_and_topic() {
    let classifier = LexiconClassifier::builtin();
    let (mut settled, mut hard, mut blind) = (Score::default(), Score::default(), Score::default());
    let mut topics_missed = Vec::new();
    let mut failures = Vec::new();
    for row in rows() {
        let c = classifier.classify_sentence(row.sentence);
        let (act_ok, stance_ok) = (c.act == row.act, c.stance == row.stance);
        if row.hard() {
            hard.add(act_ok, stance_ok);
        } else {
            settled.add(act_ok, stance_ok);
        }
        if row.blind() {
            blind.add(act_ok, stance_ok);
        }
        if row.topic_target() && !c.topics.iter().any(|t| t == row.target) {
            topics_missed.push(format!(
                "line {}: no topic {} in {:?}",
                row.line, row.target, row.sentence
            ));
        }
        if !act_ok || !stance_ok {
            failures.push(format!(
                "line {:3}{} want {}/{} got {}  {:?}",
                row.line,
                if row.hard() { " (hard)" } else { "" },
                row.act,
                row.stance,
                show(&c),
                row.sentence
            ));
        }
    }
    for f in &failures {
        println!("{f}");
    }
    for t in &topics_missed {
        println!("{t}");
    }
    println!("settled {settled}\nhard    {hard}\nblind   {blind}");
    assert!(settled.act() >= ACT_FLOOR, "act accuracy {settled}");
    assert!(
        settled.stance() >= STANCE_FLOOR,
        "stance accuracy {settled}"
    );
    assert!(blind.act() >= BLIND_ACT_FLOOR, "blind act accuracy {blind}");
    assert!(
        blind.stance() >= BLIND_STANCE_FLOOR,
        "blind stance accuracy {blind}"
    );
    assert!(
        topics_missed.len() <= 3,
        "{} topic targets missed",
        topics_missed.len()
    );
}

/// Through the whole pipeline: where the analyzer finds a statement, its
/// speaker, stance and target. Which sentences become statements is the
/// attribution stage's call (its cue lexicon); the coverage is printed.
#[test]
fn statements_carry_speaker_stance_and_target() {
    let analyzer = standpoint::Analyzer::default();
    let mut found = 0;
    let (mut speaker_ok, mut stance_ok, mut target_ok, mut n) = (0, 0, 0, 0);
    for row in rows().iter().filter(|r| !r.hard()) {
        n += 1;
        let a: Analysis = analyzer.analyze(row.sentence).expect("analyzes");
        let Some(st) = a.statements.first() else {
            continue;
        };
        found += 1;
        let country = |id: &str| a.actor(id).and_then(|x| x.country.clone());
        let speaker = st.speaker_actor().map(|s| s.to_string());
        let spoke = row.speaker.is_empty()
            || speaker.as_deref() == Some(row.speaker)
            || speaker.as_deref().and_then(country).as_deref() == Some(row.speaker);
        speaker_ok += usize::from(spoke);
        stance_ok += usize::from(st.stance == row.stance);
        let hit = if row.topic_target() {
            st.topics.iter().any(|t| t == row.target)
        } else {
            st.targets
                .iter()
                .any(|t| *t == row.target || country(t).as_deref() == Some(row.target))
        };
        target_ok += usize::from(hit);
        if !spoke || st.stance != row.stance || !hit {
            println!(
                "line {:3} speaker {:?} stance {} targets {:?} topics {:?} (want {} {} {})  {:?}",
                row.line,
                speaker,
                st.stance,
                st.targets,
                st.topics,
                row.speaker,
                row.stance,
                row.target,
                row.sentence
            );
        }
    }
    println!("statements found for {found}/{n} rows; of these speaker {speaker_ok}, stance {stance_ok}, target {target_ok}");
    // Which sentences become statements, and who their speaker is, are the
    // attribution and mention stages' calls (a cue lexicon of reporting
    // verbs finds no statement in "Hungary rejected the pact"; "Finland's
    // president" needs title resolution): printed, not asserted here.
    // Where a statement is found, its stance and target are this stage's.
    assert!(found * 2 >= n, "statements for {found}/{n} rows");
    assert!(
        stance_ok * 100 >= found * STANCE_FLOOR_PIPELINE,
        "stance {stance_ok}/{found}"
    );
    assert!(
        target_ok * 100 >= found * TARGET_FLOOR_PIPELINE,
        "target {target_ok}/{found}"
    );
}

/// Through the pipeline, stance and target are right for 94% of the rows
/// where a statement is found today; the misses are mostly contents the
/// attribution stage cuts short ("told reporters in Brussels" after a
/// quotation). Floors in percent, a few points under today's figures.
const STANCE_FLOOR_PIPELINE: usize = 88;
const TARGET_FLOOR_PIPELINE: usize = 85;

/// Positions: per actor and topic, or per actor and target for statements
/// with no topic; people and metonyms roll up to their state when asked.
#[test]
fn positions_are_per_topic_or_target_and_roll_up_when_asked() {
    // A cue table with a speech-act verb, so that the accusation is a
    // statement whatever the built-in cue lexicon holds.
    let cues = "cue\tlemma\tclass\tframe\nsaid\tsay\tspeech\tverb\naccused\taccuse\tspeech\tverb\n";
    let text = "Putin accused Kyiv of shelling a hospital. \
                The Kremlin said NATO expansion was a direct threat.";
    let analyzer = standpoint::Analyzer::builder()
        .cues_tsv("cues.tsv", cues)
        .build()
        .unwrap();
    let a = analyzer.analyze(text).unwrap();
    let accusation = &a.statements[0];
    assert_eq!(
        (accusation.act, accusation.stance),
        (SpeechAct::Accuse, Stance::Oppose)
    );
    let toward_ukraine = a
        .positions
        .iter()
        .find(|p| p.actor == "RUS" && p.target.as_ref().is_some_and(|t| t == "UKR"))
        .expect("Russia's position toward Ukraine");
    assert_eq!(toward_ukraine.stance, Stance::Oppose);
    assert!(toward_ukraine.rolled_up && toward_ukraine.score < 0.0);
    assert_eq!(toward_ukraine.statements, [0]);
    let on_nato = a
        .positions
        .iter()
        .find(|p| p.actor == "RUS" && p.topic.as_deref() == Some("nato-enlargement"))
        .expect("Russia's position on NATO enlargement");
    assert_eq!(
        (on_nato.stance, on_nato.target.as_ref()),
        (Stance::Oppose, None)
    );

    let analyzer = standpoint::Analyzer::builder()
        .cues_tsv("cues.tsv", cues)
        .roll_up(false)
        .build()
        .unwrap();
    let a = analyzer.analyze(text).unwrap();
    assert!(a
        .positions
        .iter()
        .all(|p| !(p.actor == "RUS" && p.target.is_some())));
}

#[test]
fn the_speakers_own_state_is_no_target_but_its_groups_and_places_are() {
    let analyzer = standpoint::Analyzer::default();
    let targets = |text: &str| -> Vec<String> {
        let a = analyzer.analyze(text).expect("analyzes");
        let st = a.statements.first().expect("a statement");
        let speaker = st.speaker_actor().expect("a resolved speaker");
        assert_eq!(
            a.actor(speaker).and_then(|x| x.country.as_deref()),
            Some("RUS")
        );
        st.targets.iter().map(|t| t.to_string()).collect()
    };
    // The state named as itself speaks; it is not what is spoken about.
    let own = targets("Vladimir Putin said Russia would never accept the deal.");
    assert!(!own.contains(&"RUS".to_string()), "{own:?}");
    // So is the state's adjective on a thing of its own.
    let adjective = targets("Vladimir Putin said NATO had moved toward the Russian frontier.");
    assert!(!adjective.contains(&"RUS".to_string()), "{adjective:?}");
    // A group of the state can be what the statement is about.
    let group = targets("Vladimir Putin condemned Russian protesters who blocked the road.");
    assert!(group.contains(&"RUS".to_string()), "{group:?}");
}
