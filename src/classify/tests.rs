//! The classifier's rules, one by one. (The table of sentences in
//! `tests/data/sentences.tsv` checks them together.)

use super::lexicon::{Hit, Role};
use super::region::Scratch;
use super::tables::Tables;
use super::{Classification, LexiconClassifier, SentenceClassifier, StatementText, Topic};
use crate::{Span, SpeechAct, Stance};

fn classify(sentence: &str) -> Classification {
    LexiconClassifier::builtin().classify_sentence(sentence)
}

fn act_stance(sentence: &str) -> (SpeechAct, Stance) {
    let c = classify(sentence);
    (c.act, c.stance)
}

/// The roles of the hits over `word` in `text`.
fn roles_at(text: &str, word: &str) -> Vec<Role> {
    let lex = &LexiconClassifier::builtin().lexicon;
    let mut scratch = Scratch::default();
    let region = scratch.fill(lex, text, Span::new(0, text.len()), text.len());
    let hits: Vec<Hit> = region.hits.iter().map(|p| p.hit).collect();
    let at = text.find(word).unwrap();
    let span = Span::new(at, at + word.len());
    hits.iter()
        .filter(|h| h.span == span)
        .flat_map(|h| lex.roles(h).collect::<Vec<_>>())
        .collect()
}

#[test]
fn each_kind_of_role_goes_to_the_longest_match() {
    let text = "Berlin voiced strong support for the plan.";
    // "strong support" is the stance term; "support" inside it keeps only
    // what "strong support" lacks: its act cue.
    let inner = roles_at(text, "support");
    assert!(
        inner.iter().all(|r| !matches!(r, Role::Stance { .. })),
        "{inner:?}"
    );
    assert!(inner
        .iter()
        .any(|r| matches!(r, Role::Act(_) | Role::ActHead(_))));
    let outer = roles_at(text, "strong support");
    assert!(outer.iter().any(|r| matches!(r, Role::Stance { .. })));
    // Two topics' keywords may overlap.
    let text = "Kyiv's bid to join the European Union";
    assert!(!roles_at(text, "bid to join").is_empty());
    assert!(!roles_at(text, "join the European Union").is_empty());
}

#[test]
fn a_fixed_phrase_spends_its_words() {
    // "not only" does not negate; "refused to rule out" neither refuses nor
    // rules out.
    let inner = roles_at("It was not only a threat.", "not");
    assert!(inner.iter().all(|r| !matches!(r, Role::Negator { .. })));
    let text = "Washington refused to rule out sending more Patriot batteries.";
    assert!(roles_at(text, "rule out").is_empty());
    assert_eq!(act_stance(text).1, Stance::Support);
}

#[test]
fn negation_flips_the_act_or_the_first_term_in_its_scope() {
    let c = classify("Ankara did not oppose the decision.");
    assert_eq!((c.act, c.stance), (SpeechAct::Assert, Stance::Support));
    assert!(c.negated);
    assert_eq!(
        act_stance("Moscow has never supported the deployment of peacekeepers."),
        (SpeechAct::Assert, Stance::Oppose)
    );
    // A negated agreement is a rejection.
    assert_eq!(
        act_stance("Kyiv would not accept any deal that cedes territory."),
        (SpeechAct::Reject, Stance::Oppose)
    );
    let c = classify("The minister said the drills were not a threat to anyone.");
    assert_eq!(c.stance, Stance::Support);
    // The scope ends with the clause.
    let c = classify("The minister said the drills were not routine, but a direct threat.");
    assert_eq!(c.stance, Stance::Oppose);
    // "not merely ... but" intensifies.
    let c = classify("He said the move would not merely anger Moscow but undermine stability.");
    assert_eq!(c.stance, Stance::Oppose);
}

#[test]
fn reversers_flip_measures_and_support_not_harm() {
    let c = classify("Russia called for the lifting of sanctions on its exports.");
    assert_eq!((c.act, c.stance), (SpeechAct::Appeal, Stance::Oppose));
    assert_eq!(c.topics[0], "sanctions");
    let c = classify("Hungary called for an end to arms deliveries to Ukraine.");
    assert_eq!(c.stance, Stance::Oppose);
    // "end the aggression" does not support aggression.
    let c = classify("The minister said Russia must end the aggression.");
    assert_eq!(c.stance, Stance::Oppose);
}

#[test]
fn cues_with_gaps_and_modifiers() {
    assert_eq!(
        act_stance("Ukraine accused Russia's army of war crimes in Bucha."),
        (SpeechAct::Accuse, Stance::Oppose)
    );
    assert_eq!(
        act_stance("The EU called on Israel to allow humanitarian access.").0,
        SpeechAct::Appeal
    );
    assert_eq!(
        act_stance("Downing Street said Britain stood firmly with Ukraine."),
        (SpeechAct::Support, Stance::Support)
    );
    assert_eq!(
        act_stance("Beijing voiced strong displeasure over the visit."),
        (SpeechAct::Criticize, Stance::Oppose)
    );
    assert_eq!(
        act_stance("Finland rejected accusations that it had closed the border.").0,
        SpeechAct::Deny
    );
}

#[test]
fn a_reporting_cue_gives_way_to_the_act_it_reports() {
    assert_eq!(
        act_stance("Putin stressed that Moscow had always opposed Kyiv's entry into NATO."),
        (SpeechAct::Reject, Stance::Oppose)
    );
    // A noun is no act: "a complex question".
    assert_eq!(
        act_stance("The prime minister said membership was a complex question.").0,
        SpeechAct::Assert
    );
    // An act inside a condition is not the speaker's.
    assert_eq!(
        act_stance("Serbia said it might join the sanctions if the bloc offered a timeline.").0,
        SpeechAct::Assert
    );
}

#[test]
fn intents_are_promises_or_threats() {
    assert_eq!(
        act_stance("The rebels said they will release the hostages on Sunday."),
        (SpeechAct::Promise, Stance::Support)
    );
    assert_eq!(
        act_stance("The minister said Germany would send more air defence systems.").0,
        SpeechAct::Promise
    );
    assert_eq!(
        act_stance("Pyongyang vowed to retaliate against the drills."),
        (SpeechAct::Threaten, Stance::Oppose)
    );
    // Past material acts are no promise.
    assert_eq!(
        act_stance("Germany sent more tanks to Ukraine.").0,
        SpeechAct::Assert
    );
}

#[test]
fn denials_oppose_only_what_they_call_false() {
    assert_eq!(
        act_stance("Iran denied supplying missiles to Russia."),
        (SpeechAct::Deny, Stance::Neutral)
    );
    assert_eq!(
        act_stance("Israel rejected the accusations as baseless."),
        (SpeechAct::Deny, Stance::Oppose)
    );
    assert_eq!(
        act_stance("Finland flatly rejected Moscow's claims about the border.").1,
        Stance::Oppose
    );
}

#[test]
fn ambivalence_makes_neutral_or_mixed() {
    let c = classify("Scholz underscored the complexity of the decision.");
    assert_eq!(c.stance, Stance::Neutral);
    let c = classify("Germany supports the bid in principle but has reservations about timing.");
    assert_eq!(c.stance, Stance::Mixed);
    let c = classify("France welcomed the ceasefire but warned that it was fragile.");
    assert_eq!(c.stance, Stance::Mixed);
}

#[test]
fn modality_moves_confidence_not_stance() {
    let plain = classify("Russia opposed the plan.");
    let hedged = classify("Russia reportedly opposed the plan.");
    assert_eq!(plain.stance, hedged.stance);
    assert!(hedged.hedged && !plain.hedged);
    assert!(hedged.confidence < plain.confidence);
    let boosted = classify("Russia firmly opposed the plan.");
    assert!(boosted.confidence > plain.confidence);
    let conditional = classify("Russia said it would oppose the plan if NATO expanded.");
    assert!(conditional.confidence < plain.confidence);
    // Terms in an embedded question count less.
    let c = classify("The diplomat asked whether the commitment was real.");
    assert_eq!(c.stance, Stance::Neutral);
}

#[test]
fn topics_need_their_anchor() {
    let c = classify("Paris said accession talks should open in June.");
    assert!(c.topics.is_empty(), "{:?}", c.topics);
    let c = classify("Paris said accession talks with the EU should open in June.");
    assert!(c.topics.iter().any(|t| t == "eu-membership"));
    let c = classify("Paris backed Ukraine's NATO membership.");
    assert_eq!(c.topics, ["nato-enlargement"]);
}

#[test]
fn your_own_lists_extend_the_built_in_ones() {
    let classifier = LexiconClassifier::builder()
        .acts_tsv(
            "acts.tsv",
            "cue\tact\tstance\tweight\nscold\tcriticize\toppose\t0.8\n",
        )
        .stance_tsv(
            "stance.tsv",
            "term\tpolarity\tweight\tcategory\nlifeline\tsupport\t0.7\tnecessity\n",
        )
        .topic(Topic::new("grain", "Grain").with_keywords(["grain corridor"]))
        .build()
        .unwrap();
    let c = classifier.classify_sentence("Kyiv said the grain corridor was a lifeline.");
    assert_eq!(c.stance, Stance::Support);
    assert_eq!(c.topics[0], "grain");
    let c = classifier.classify_sentence("Ankara scolded Athens.");
    assert_eq!((c.act, c.stance), (SpeechAct::Criticize, Stance::Oppose));
}

#[test]
fn a_cue_the_automaton_does_not_know_is_found_by_its_lemma() {
    let text = "Moscow quipped that the plan was dead.";
    let input = StatementText::new(text, Span::new(14, text.len()))
        .with_cue(Span::new(7, 13), Some("accuse"));
    let c = LexiconClassifier::builtin().classify(&input);
    assert_eq!(c.act, SpeechAct::Accuse);
    let input = input.with_cue(Span::new(7, 13), Some("call for"));
    assert_eq!(
        LexiconClassifier::builtin().classify(&input).act,
        SpeechAct::Appeal
    );
}

#[test]
fn bad_tables_name_their_file_and_line() {
    let cases = [
        (
            LexiconClassifier::builder()
                .stance_tsv("s.tsv", "term\tpolarity\tcategory\nfoo\tsupport\tgrumpy\n")
                .build(),
            "s.tsv:2: bad value \"grumpy\" in column `category`",
        ),
        (
            LexiconClassifier::builder()
                .negation_tsv("n.tsv", "term\tkind\tscope\nnah\tnegator\twide\n")
                .build(),
            "n.tsv:2: bad value \"wide\" in column `scope`",
        ),
        (
            LexiconClassifier::builder()
                .acts_tsv("a.tsv", "cue\tact\tmode\nsnub\treject\tmaybe\n")
                .build(),
            "a.tsv:2: bad value \"maybe\" in column `mode`",
        ),
        (
            LexiconClassifier::builder()
                .acts_tsv("a.tsv", "cue\tact\tcameo\nsnub\treject\t12x\n")
                .build(),
            "a.tsv:2: bad value \"12x\" in column `cameo`",
        ),
        (
            LexiconClassifier::builder()
                .stance_tsv("s.tsv", "term\tpolarity\tweight\nfoo\tsupport\t1.5\n")
                .build(),
            "s.tsv:2: bad value \"1.5\" in column `weight`",
        ),
        (
            LexiconClassifier::builder()
                .stance_tsv("s.tsv", "term\tpolarity\nfo*o\tsupport\n")
                .build(),
            "s.tsv:2: bad value \"fo*o\" in column `term`",
        ),
    ];
    for (result, message) in cases {
        assert_eq!(result.unwrap_err().to_string(), message);
    }
}

#[test]
fn the_built_in_tables_load_and_every_act_has_cues() {
    let mut t = Tables::default();
    t.acts_tsv("acts.tsv", include_str!("data/acts.tsv"))
        .unwrap();
    for act in SpeechAct::ALL {
        assert!(t.acts.iter().any(|c| c.act == *act), "no cue for {act}");
    }
    t.stance_tsv("stance.tsv", include_str!("data/stance.tsv"))
        .unwrap();
    assert!(t.stance.len() > 1000);
}

#[test]
fn spans_out_of_range_or_inside_a_char_are_no_panic() {
    let text = "Kyiv’s minister said the plan was unacceptable.";
    let classifier = LexiconClassifier::builtin();
    for start in 0..text.len() + 3 {
        for len in [0, 1, 5, 40, 200] {
            let input = StatementText::new(text, Span::new(start, start + len))
                .with_cue(Span::new(start / 2, start / 2 + 3), None)
                .with_sentence(Span::new(start / 3, text.len() + 10));
            let c = classifier.classify(&input);
            assert!((0.0..=1.0).contains(&c.confidence));
            assert!((-1.0..=1.0).contains(&c.score));
        }
    }
    assert_eq!(classifier.classify_sentence("").stance, Stance::Neutral);
}

#[test]
fn scratch_buffers_are_reused_but_never_shared() {
    // The same statement gives the same answer after others.
    let first = classify("Hungary called for an end to arms deliveries.");
    let _ = classify("Russia praised India's refusal to join the sanctions against it.");
    assert_eq!(
        classify("Hungary called for an end to arms deliveries."),
        first
    );
    let mut s = Scratch::default();
    let lex = &LexiconClassifier::builtin().lexicon;
    let text = "the talks";
    let region = s.fill(lex, text, Span::new(0, text.len()), text.len());
    assert_eq!(region.tokens.len(), 2);
}

/// Classifies `text` with `cue` as given and the rest of the sentence
/// after it as the content, as the analyzer would.
fn with_cue(text: &str, cue: &str) -> Classification {
    let at = text.find(cue).unwrap();
    let cue = Span::new(at, at + cue.len());
    let input = StatementText::new(text, Span::new(cue.end + 1, text.len()))
        .with_cue(cue, None)
        .with_sentence(Span::new(0, text.len()));
    LexiconClassifier::builtin().classify(&input)
}

#[test]
fn a_cue_that_is_a_stance_term_gives_its_stance() {
    // "promoted" is no act cue: the stance term is the act's stance.
    let text = "The governor promoted an image of calm in the province.";
    let c = with_cue(text, "promoted");
    assert_eq!((c.act, c.stance), (SpeechAct::Assert, Stance::Support));
    // Negated, it turns.
    let c = with_cue("The governor has not promoted the plan.", "promoted");
    assert_eq!(c.stance, Stance::Oppose);
    // A plain reporting cue still gives nothing of its own.
    let c = with_cue("The governor said the province was calm.", "said");
    assert_eq!(c.stance, Stance::Neutral);
}

#[test]
fn the_grounds_of_a_punishment_are_the_charge() {
    // "collaborating" is why the journalist was arrested, not a stance.
    let text = "According to state television, a journalist was arrested in Minsk \
                for collaborating with Polish media.";
    let c = with_cue(text, "According to");
    assert_eq!(c.stance, Stance::Oppose);
    // Without the arrest, collaborating is cooperation.
    let c = with_cue(
        "According to state television, the journalist is collaborating with Polish media.",
        "According to",
    );
    assert_eq!(c.stance, Stance::Support);
}

#[test]
fn a_withdrawal_is_demanded_or_conceded() {
    assert_eq!(
        act_stance("Armenia said it was ready to withdraw its troops from the border."),
        (SpeechAct::Promise, Stance::Support)
    );
    assert_eq!(
        act_stance("Georgia insisted that Russia must withdraw its troops from the region."),
        (SpeechAct::Assert, Stance::Oppose)
    );
    // Refusing to withdraw is no concession.
    assert_eq!(
        act_stance("Serbia said it was not willing to withdraw its troops from the border."),
        (SpeechAct::Assert, Stance::Oppose)
    );
}

#[test]
fn against_counts_alone_not_after_a_measure() {
    let c = classify("The newspaper urged readers to stand up against the junta.");
    assert_eq!(c.stance, Stance::Oppose);
    let c = classify("Warsaw welcomed the tougher sanctions against Minsk.");
    assert_eq!(c.stance, Stance::Support);
    // Beside a stance term of its own, it says nothing more.
    let c = classify("Oman said the kingdom was a partner in the fight against piracy.");
    assert_eq!(c.stance, Stance::Support);
    // Nor does it spend a negator meant for a later term.
    let c =
        classify("Minsk said it would not take steps against its neighbours toward escalation.");
    assert_eq!(c.stance, Stance::Support);
}

#[test]
fn a_modal_material_verb_is_a_threat_and_time_words_sit_inside_cues() {
    assert_eq!(
        act_stance("The bloc may suspend aid to the junta, the commissioner said."),
        (SpeechAct::Threaten, Stance::Oppose)
    );
    // "suspended aid" happened: no intent, no threat.
    assert_ne!(
        act_stance("The commissioner said the bloc suspended aid to the junta.").0,
        SpeechAct::Threaten
    );
    // "may" with a cooperative verb only guesses: no promise.
    assert_ne!(
        classify("The minister said the deal may allow exports to resume.").act,
        SpeechAct::Promise
    );
    assert_eq!(
        classify("Ireland called Monday on both sides to respect the truce.").act,
        SpeechAct::Appeal
    );
}

#[test]
fn matches_kept_from_a_region_give_the_hits_of_a_fresh_scan() {
    // Every region inside the one before it (in mid-word too, where the
    // kept matches lack those a region's own leading space anchors) gets
    // the hits a scan of it alone gets.
    let lex = &LexiconClassifier::builtin().lexicon;
    let text = "Kyiv's officials strongly condemned the non-aggression pact, \
                but did not rule out talks.";
    let whole = Span::new(0, text.len());
    let hits = |s: &mut Scratch, span: Span| -> Vec<String> {
        let region = s.fill(lex, text, span, span.end);
        region.hits.iter().map(|p| format!("{:?}", p.hit)).collect()
    };
    let mut kept = Scratch::default();
    let mut tested = 0;
    for start in 0..text.len() {
        for end in (start..=text.len()).step_by(7) {
            let span = Span::new(start, end);
            hits(&mut kept, whole);
            let fresh = hits(&mut Scratch::default(), span);
            assert_eq!(hits(&mut kept, span), fresh, "{:?}", span.as_str(text));
            tested += usize::from(!fresh.is_empty());
        }
    }
    assert!(tested > 100, "{tested}");
    // Another lexicon over the same text finds its own words.
    let own = LexiconClassifier::builder()
        .builtin(false)
        .stance_tsv("own.tsv", "term\tpolarity\tweight\npact\toppose\t0.5\n")
        .build()
        .unwrap();
    let _ = kept.fill(lex, text, whole, text.len());
    let region = kept.fill(&own.lexicon, text, whole, text.len());
    let words: Vec<&str> = region
        .hits
        .iter()
        .map(|p| p.hit.span.as_str(text))
        .collect();
    assert_eq!(words, ["pact"]);
}

#[test]
fn background_adjuncts_count_only_when_the_claim_says_nothing() {
    // The setting of a concession is no complaint.
    assert_eq!(
        act_stance(
            "Chad said it was willing to withdraw its troops after a decade of illegal occupation."
        ),
        (SpeechAct::Promise, Stance::Support)
    );
    // The same terms, when they are all the statement says, still count.
    assert_eq!(
        classify("Chad said the talks had stalled after a decade of illegal occupation.").stance,
        Stance::Oppose
    );
    // A verb after the opener makes a clause of its own, often the claim.
    assert_ne!(
        classify("Chad agreed to the plan after already having condemned the illegal occupation.")
            .stance,
        Stance::Support
    );
    // "the following" is an adjective, not an adjunct: the term is the claim.
    let c = classify(
        "Chad agreed to the plan and listed the following illegal occupation of its land.",
    );
    assert_ne!(c.stance, Stance::Support);
}

#[test]
fn only_before_an_act_makes_it_conditional() {
    let c = classify("Chad said it would only welcome the monitors under a UN mandate.");
    assert_eq!((c.act, c.stance), (SpeechAct::Support, Stance::Mixed));
    let c = classify("Chad said it would welcome the monitors under a UN mandate.");
    assert_eq!(c.stance, Stance::Support);
    // "not only" is a correlative and restricts nothing.
    assert_eq!(
        classify("Chad not only welcomed the monitors but pledged funds.").stance,
        Stance::Support
    );
    // "Only" before a report, or a past act with no condition, is "merely".
    assert_eq!(
        classify("Chad would only say that the plan was worrisome.").stance,
        Stance::Oppose
    );
    assert_eq!(
        classify("Chad only voted for a short delay.").stance,
        Stance::Support
    );
    // With a condition after it, no modal is needed.
    assert_eq!(
        classify("Chad only supports the plan if the monitors stay.").stance,
        Stance::Mixed
    );
    // A negated act is a refusal, not a condition.
    assert_eq!(
        classify("Chad said it would not only welcome the monitors.").stance,
        Stance::Support
    );
}
