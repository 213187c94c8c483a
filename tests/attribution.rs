//! Who said what: invented sentences and the statement expected of each,
//! one row per pattern the attributor knows.

mod common;

use common::{analyze, find};
use standpoint::StatementKind;

use StatementKind::{Direct, Indirect, Mixed};

/// One expected statement: in `text`, the statement whose cue reads `cue`
/// has this speaker text, content text and kind.
struct Case {
    text: &'static str,
    cue: &'static str,
    speaker: Option<&'static str>,
    content: Option<&'static str>,
    kind: StatementKind,
}

const fn case(
    text: &'static str,
    cue: &'static str,
    speaker: Option<&'static str>,
    content: Option<&'static str>,
    kind: StatementKind,
) -> Case {
    Case {
        text,
        cue,
        speaker,
        content,
        kind,
    }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // X said (that) C
    case("The mayor said the bridge would reopen in May.",
         "said", Some("The mayor"), Some("the bridge would reopen in May"), Indirect),
    case("The mayor said on Tuesday that the bridge would reopen.",
         "said", Some("The mayor"), Some("that the bridge would reopen"), Indirect),
    // X told Y that C: the listener is no part of the content.
    case("The minister told reporters that talks had stalled.",
         "told", Some("The minister"), Some("that talks had stalled"), Indirect),
    // 'Q,' said X / 'Q,' X said
    case("“We are ready,” said the coach.",
         "said", Some("the coach"), Some("“We are ready,”"), Direct),
    case("\"We are ready,\" the coach said.",
         "said", Some("the coach"), Some("\"We are ready,\""), Direct),
    // A quotation over several sentences.
    case("“We will not accept it,” she said. “Never.”",
         "said", Some("she"), Some("“We will not accept it,” she said. “Never.”"), Direct),
    // X said: 'Q'
    case("The envoy said: «The door is open.»",
         "said:", Some("The envoy"), Some("«The door is open.»"), Direct),
    // Part of the content quoted.
    case("She called the plan “a disaster in slow motion.”",
         "called", Some("She"), Some("the plan “a disaster in slow motion.”"), Mixed),
    // According to X, C / C, according to X
    case("According to the league, ticket sales fell by a third.",
         "According to", Some("the league"), Some("ticket sales fell by a third"), Indirect),
    case("Ticket sales fell by a third, according to the league.",
         "according to", Some("the league"), Some("Ticket sales fell by a third"), Indirect),
    // Whatever follows "according to" is the source.
    case("The meeting was held at noon, according to a pool report.",
         "according to", Some("a pool report"), Some("The meeting was held at noon"), Indirect),
    // C, X said.
    case("Sales fell sharply, the company said on Monday.",
         "said", Some("the company"), Some("Sales fell sharply"), Indirect),
    // In a statement, X said C
    case("In a statement, the ministry said the deal was off.",
         "said", Some("the ministry"), Some("the deal was off"), Indirect),
    // X, who ..., said / X, apposition, said: the source keeps its commas.
    case("The senator, who chairs the committee, said the bill was dead.",
         "said", Some("The senator, who chairs the committee,"), Some("the bill was dead"), Indirect),
    case("Anna Kovacs, a spokeswoman for the council, said the vote was fair.",
         "said", Some("Anna Kovacs, a spokeswoman for the council,"), Some("the vote was fair"), Indirect),
    // Time words and adverbs between the subject and its verb are neither.
    case("The mayor on Monday said the bridge would reopen.",
         "said", Some("The mayor"), Some("the bridge would reopen"), Indirect),
    case("Carter, however, said he would welcome the plan.",
         "said", Some("Carter"), Some("he would welcome the plan"), Indirect),
    // An apposition between dashes.
    case("Jo Sims — a teacher from Dover — says he voted for the mayor.",
         "says", Some("Jo Sims — a teacher from Dover —"), Some("he voted for the mayor"), Indirect),
    // C, said X, who ... / C, said X, recalling ...: X speaks both.
    case("The deal will fail, said Ann Lee, an analyst at the bank, who voted no.",
         "said", Some("Ann Lee, an analyst at the bank"), Some("The deal will fail"), Indirect),
    case("The deal will fail, said Ann Lee, recalling the vote.",
         "recalling", Some("Ann Lee"), Some("the vote"), Indirect),
    // Auxiliaries and adverbs belong to the cue.
    case("The unions have repeatedly warned that the plant would close.",
         "have repeatedly warned", Some("The unions"), Some("that the plant would close"), Indirect),
    // ... and so does an infinitive's "to".
    case("The senator went on to praise the plan.",
         "to praise", Some("The senator"), Some("the plan"), Indirect),
    // A cue in an opening subordinate clause: its content ends with it.
    case("While the mayor warned that taxes would rise, the council voted.",
         "warned", Some("the mayor"), Some("that taxes would rise"), Indirect),
    // as X put it
    case("As the mayor put it, the city is broke.",
         "put it", Some("the mayor"), Some("the city is broke"), Indirect),
    // Passives: the agent after "by" speaks.
    case("The plan was criticized by the opposition leader.",
         "was criticized", Some("the opposition leader"), Some("The plan"), Indirect),
    // ... and without an agent, the subject of a passive is none.
    case("Three officials were charged with taking bribes.",
         "were charged with", None, Some("taking bribes"), Indirect),
    // Raising verbs have no speaker.
    case("The council is expected to vote on Friday.",
         "is expected", None, Some("to vote on Friday"), Indirect),
    // Mental states and groups.
    case("Analysts expect the central bank to raise rates.",
         "expect", Some("Analysts"), Some("the central bank to raise rates"), Indirect),
    case("Observers in Kyiv believe the talks will fail.",
         "believe", Some("Observers in Kyiv"), Some("the talks will fail"), Indirect),
    // A second statement of the same speaker ends the first's content.
    case("The mayor said the bridge was safe, adding that repairs would start soon.",
         "said", Some("The mayor"), Some("the bridge was safe"), Indirect),
    case("The mayor said the bridge was safe, adding that repairs would start soon.",
         "adding", Some("The mayor"), Some("that repairs would start soon"), Indirect),
    // C, X said, adding D: the first content is what comes before.
    case("Sales will fall in May, the director said, adding that costs would rise.",
         "said", Some("the director"), Some("Sales will fall in May"), Indirect),
    // A participle after a quotation goes on with its speaker.
    case("She said, “We will win,” promising that the club would return.",
         "promising", Some("She"), Some("that the club would return"), Indirect),
    // "citing" reports what the subject cited.
    case("The governor praised the budget, citing figures about the debt.",
         "citing", Some("The governor"), Some("figures about the debt"), Indirect),
    // A noun cue with its holder.
    case("The vote came a day after his criticism of the plan, which he called reckless.",
         "criticism of", Some("his"), Some("the plan"), Indirect),
    case("The union’s claim that wages fell drew scorn.",
         "claim", Some("The union’s"), Some("that wages fell drew scorn"), Indirect),
    // "Name: 'quotation'" in running text.
    case("Early voting is up - pollster Pat Smith: “The lines are long.”",
         ":", Some("pollster Pat Smith"), Some("“The lines are long.”"), Direct),
    // A headline: "Name: what they said".
    case("Jane Roe: The Tax Plan Is Dead\n\nThe senator spoke on Monday.",
         ":", Some("Jane Roe"), Some("The Tax Plan Is Dead"), Indirect),    // A name that ends like a cue's first word ("is said") still speaks.
    case("“The port will stay open,” Mavis said.",
         "said", Some("Mavis"), Some("“The port will stay open,”"), Direct),
    case("Dr. Travis told reporters that the clinic was full.",
         "told", Some("Dr. Travis"), Some("that the clinic was full"), Indirect),
    // A multiword cue cut inside a word leaves the shorter one.
    case("The minister said thats wrong.",
         "said", Some("The minister"), Some("thats wrong"), Indirect),
    // A multiword key ending inside a token ("told cnn" in "CNN's") leaves
    // the shorter cue at its start, with its listener.
    case("The senator told CNN's morning show that the vote would fail.",
         "told", Some("The senator"), Some("that the vote would fail"), Indirect),
    // "C, X said in remarks published Friday.": the closing adverbial is no
    // content; the clause before the speaker is.
    case("The army has moved troops to the border, a top minister said in comments published Thursday.",
         "said", Some("a top minister"), Some("The army has moved troops to the border"), Indirect),
    case("The port will stay shut, the governor said during a visit to the coast.",
         "said", Some("the governor"), Some("The port will stay shut"), Indirect),
    // "In a poll released Monday, C": the poll's tail is not the content.
    case("In a Harbour Times poll released Monday, most voters backed the levy.",
         "In", Some("a Harbour Times poll"), Some("most voters backed the levy"), Indirect),
    // A poll named by as many words as the search allows, after a first poll.
    case("A poll found little. The levy leads by ten points in the latest Harbour Times Metro News Channel evening poll.",
         "in", Some("the latest Harbour Times Metro News Channel evening poll"), Some("The levy leads by ten points"), Indirect),
];

#[test]
fn every_pattern_gives_its_speaker_cue_content_and_kind() {
    let mut failures = Vec::new();
    for c in CASES {
        let a = analyze(c.text);
        let st = find(&a, c.text, c.cue);
        let speaker = st.speaker.as_ref().map(|m| m.span.as_str(c.text));
        let content = st.content.map(|s| s.as_str(c.text));
        if speaker != c.speaker || content != c.content || st.kind != c.kind {
            failures.push(format!(
                "{:?} [{}]\n   want {:?} | {:?} | {:?}\n   got  {:?} | {:?} | {:?}",
                c.text, c.cue, c.speaker, c.content, c.kind, speaker, content, st.kind
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_report_inside_a_report_is_part_of_its_content() {
    let text = "The newspaper reported that the aide said he was writing a book.";
    let a = analyze(text);
    assert_eq!(a.statements.len(), 1, "{:#?}", a.statements);
    let st = find(&a, text, "reported");
    assert_eq!(
        st.content.unwrap().as_str(text),
        "that the aide said he was writing a book"
    );
}

#[test]
fn a_sibling_clause_ends_the_content() {
    let text = "Washington and Brussels framed the deal as a success, while Moscow maintains that it failed.";
    let a = analyze(text);
    let framed = find(&a, text, "framed");
    assert_eq!(
        framed.content.unwrap().as_str(text),
        "the deal as a success"
    );
    assert_eq!(framed.speaker_actor().unwrap(), "USA");
    assert_eq!(framed.co_speakers.len(), 1);
    assert_eq!(framed.co_speakers[0].actor.as_deref(), Some("EU"));
    let maintains = find(&a, text, "maintains");
    assert_eq!(maintains.speaker_actor().unwrap(), "RUS");
    assert_eq!(maintains.content.unwrap().as_str(text), "that it failed");
}

#[test]
fn a_quotation_continues_over_paragraphs() {
    let text = "“We will fight on.\n\n“We will not give up,” the minister said.\n\nThe talks resume on Monday.";
    let a = analyze(text);
    let st = find(&a, text, "said");
    assert_eq!(
        st.content.unwrap().as_str(text),
        "“We will fight on.\n\n“We will not give up,”"
    );
    assert_eq!(st.kind, Direct);
}

#[test]
fn a_missing_closing_mark_stops_at_the_paragraph() {
    let text = "The minister said “we will go on.\n\nThe opposition said the plan had failed.";
    let a = analyze(text);
    let first = find(&a, text, "said");
    assert_eq!(first.content.unwrap().as_str(text), "“we will go on.");
    let second = &a.statements[1];
    assert_eq!(
        second.speaker.as_ref().unwrap().span.as_str(text),
        "The opposition"
    );
    assert_eq!(second.kind, Indirect);
}

#[test]
fn transcript_turns_belong_to_their_speakers() {
    let text = "Vladimir Putin: Colleagues, good afternoon. I believe the talks will succeed. \
                We have always said that we are open.\n\
                Question: Will you meet him?\n\
                Vladimir Putin: Of course.";
    let a = analyze(text);
    let turns: Vec<(&str, &str)> = a
        .statements
        .iter()
        .filter(|s| s.cue.as_str(text) == ":")
        .map(|s| {
            (
                s.speaker.as_ref().unwrap().span.as_str(text),
                s.content.unwrap().as_str(text),
            )
        })
        .collect();
    assert_eq!(
        turns,
        [
            (
                "Vladimir Putin",
                "Colleagues, good afternoon. I believe the talks will succeed. \
                 We have always said that we are open"
            ),
            ("Question", "Will you meet him?"),
            ("Vladimir Putin", "Of course"),
        ]
    );
    assert!(a
        .statements
        .iter()
        .filter(|s| s.cue.as_str(text) == ":")
        .all(|s| s.kind == Direct));
    // "I" in Putin's turn is Putin; "we" is Russia.
    let believe = find(&a, text, "believe");
    assert_eq!(believe.speaker.as_ref().unwrap().span.as_str(text), "I");
    assert_eq!(believe.speaker_actor().unwrap(), "vladimir-putin");
    let said = find(&a, text, "have always said");
    assert_eq!(said.speaker_actor().unwrap(), "RUS");
}

#[test]
fn a_speaker_is_a_noun_phrase() {
    // No statement takes "their", "can help" or "Those present" as speaker.
    let text = "Their view, analysts said, was clear. Those present exchanged views on trade. \
                The measures can help, officials said.";
    let a = analyze(text);
    for st in &a.statements {
        if let Some(m) = &st.speaker {
            let words = m.span.as_str(text);
            assert!(
                !matches!(words, "Their" | "their" | "can help" | "Those present"),
                "{words:?} is no speaker"
            );
        }
    }
    let said: Vec<&str> = a
        .statements
        .iter()
        .filter(|s| s.cue.as_str(text) == "said")
        .map(|s| s.speaker.as_ref().unwrap().span.as_str(text))
        .collect();
    assert_eq!(said, ["analysts", "officials"]);
}

#[test]
fn quotation_marks_of_every_kind() {
    for (text, quote) in [
        ("“No,” he said.", "“No,”"),
        ("\"No,\" he said.", "\"No,\""),
        ("''No,'' he said.", "''No,''"),
        ("«No», he said.", "«No»"),
        ("„No“, he said.", "„No“"),
        ("‘No,’ he said.", "‘No,’"),
    ] {
        let a = analyze(text);
        let st = find(&a, text, "said");
        assert_eq!(st.content.unwrap().as_str(text), quote, "{text}");
        assert_eq!(st.kind, Direct, "{text}");
    }
}

#[test]
fn a_cue_inside_another_cue_is_one_statement() {
    let text = "The president has reportedly conceded to the demands.";
    let a = analyze(text);
    let cues: Vec<&str> = a.statements.iter().map(|s| s.cue.as_str(text)).collect();
    assert_eq!(cues, ["has reportedly conceded"]);
}

#[test]
fn an_infinitive_to_is_no_part_of_according_to() {
    // "reports" is a cue of its own here, but "to" is not its infinitive.
    let text = "According to reports the council is pushing for a vote.";
    let a = analyze(text);
    let cues: Vec<&str> = a.statements.iter().map(|s| s.cue.as_str(text)).collect();
    assert!(cues.contains(&"reports"), "{cues:?}");
}

#[test]
fn a_cue_inside_a_quotation_is_what_was_said() {
    let text = "“I said no to them,” the senator recalled.";
    let a = analyze(text);
    let cues: Vec<&str> = a.statements.iter().map(|s| s.cue.as_str(text)).collect();
    assert_eq!(cues, ["recalled"]);
}

/// The probability and context of the match `word` in `text`.
fn candidate(text: &str, word: &str) -> (f32, Vec<(&'static str, &'static str)>) {
    let lexicon = standpoint::attribution::CueLexicon::builtin();
    let c = lexicon
        .candidates(text)
        .into_iter()
        .find(|c| c.span.as_str(text) == word)
        .unwrap_or_else(|| panic!("no match {word:?} in {text:?}"));
    (c.probability, c.context)
}

#[test]
fn a_stance_verb_after_a_sure_cue_is_part_of_what_was_said() {
    // The same words after "said" and after a verb that reports nothing.
    let (after_cue, ctx) = candidate("The senator said the farmers want a new deal.", "want");
    assert!(ctx.contains(&("oth", "before")), "{ctx:?}");
    let (alone, ctx) = candidate("The senator met the farmers, who want a new deal.", "want");
    assert!(ctx.contains(&("oth", "none")), "{ctx:?}");
    assert!(after_cue < alone, "{after_cue} !< {alone}");
}

#[test]
fn a_quotation_elsewhere_in_the_sentence_is_seen() {
    let (_, ctx) = candidate(
        "The coach noted the score and called it “a start.”",
        "noted",
    );
    assert!(ctx.contains(&("qs", "quote")), "{ctx:?}");
    let (_, ctx) = candidate("The coach noted the score and called it a start.", "noted");
    assert!(ctx.contains(&("qs", "none")), "{ctx:?}");
}

/// Speaker, content and kind of the statements whose cue is `cue`.
fn by_cue<'t>(text: &'t str, cue: &str) -> Vec<(&'t str, &'t str, StatementKind)> {
    analyze(text)
        .statements
        .iter()
        .filter(|s| s.cue.as_str(text) == cue)
        .map(|s| {
            (
                s.speaker.as_ref().map_or("", |m| m.span.as_str(text)),
                s.content.map_or("", |c| c.as_str(text)),
                s.kind,
            )
        })
        .collect()
}

#[test]
fn a_dash_and_a_name_sign_a_quotation() {
    let text = "Residents of the valley told us what they think.\n\
                “We will not be moved from our land.” ― Ana Ruiz\n\
                “Nobody asked us about the dam.”\u{a0}― Tomas J. Berg\n\
                \"They promised roads and built nothing.\" — Lena Vogt, 54, a teacher\n";
    assert_eq!(
        by_cue(text, "―"),
        [
            ("Ana Ruiz", "“We will not be moved from our land.”", Direct),
            ("Tomas J. Berg", "“Nobody asked us about the dam.”", Direct),
        ]
    );
    assert_eq!(
        by_cue(text, "—"),
        [(
            "Lena Vogt",
            "\"They promised roads and built nothing.\"",
            Direct
        )]
    );
}

#[test]
fn a_signed_post_and_a_signature_on_its_own_line() {
    let text = "The border stays open, for now. — Lena Vogt (@lenavogt) March 3, 2022\n\n\
                \"We have never been this close to a deal.\"\n\n- Mark Olsen.\n";
    assert_eq!(
        by_cue(text, "—"),
        [("Lena Vogt", "The border stays open, for now", Direct)]
    );
    assert_eq!(
        by_cue(text, "-"),
        [(
            "Mark Olsen",
            "\"We have never been this close to a deal.\"",
            Direct
        )]
    );
}

#[test]
fn a_dash_inside_a_sentence_signs_nothing() {
    // The words after the dash go on with the sentence: no name closes it.
    let text = "He praised “the deal” — which he called historic — on Monday.\n\
                They read “the letter” — Maria Costa wrote it — aloud.\n";
    assert!(by_cue(text, "—").is_empty());
}

#[test]
fn a_transcript_quoted_whole_still_has_turns() {
    let text = "The governor spoke on Sunday.\n\n\
                \"WALLACE: Will she be there tomorrow night?\n\n\
                \"PENCE: Well, look, she thinks this is an episode of a show.\n";
    let turns: Vec<(&str, &str)> = by_cue(text, ":")
        .into_iter()
        .map(|(s, c, _)| (s, c))
        .collect();
    assert_eq!(
        turns,
        [
            ("WALLACE", "Will she be there tomorrow night?"),
            (
                "PENCE",
                "Well, look, she thinks this is an episode of a show"
            )
        ]
    );
}
