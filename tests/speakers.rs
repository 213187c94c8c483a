//! Speakers: the phrase before or after a cue that speaks, and the actor
//! it names. Invented sentences, one per pattern.

mod common;

use common::{analyze, find};
use standpoint::{ActorKind, Statement};

fn speaker<'t>(st: &Statement, text: &'t str) -> Option<&'t str> {
    st.speaker.as_ref().map(|m| m.span.as_str(text))
}

#[test]
fn a_speech_act_reported_at_the_end_of_its_sentence_stands_too() {
    let text = "Ousted President Anna Varga has agreed to resign, the parliament speaker said on Saturday.";
    let a = analyze(text);
    let outer = find(&a, text, "said");
    assert_eq!(speaker(outer, text), Some("the parliament speaker"));
    assert_eq!(
        outer.content.unwrap().as_str(text),
        "Ousted President Anna Varga has agreed to resign"
    );
    let inner = find(&a, text, "has agreed to");
    assert_eq!(speaker(inner, text), Some("Ousted President Anna Varga"));
    assert_eq!(inner.content.unwrap().as_str(text), "resign");
}

#[test]
fn a_report_opening_with_that_keeps_its_inner_report() {
    // Not a clause that opens the sentence: the inner report is content.
    let text = "The newspaper reported that the aide said he was writing a book.";
    assert_eq!(analyze(text).statements.len(), 1);
}

#[test]
fn adverbs_after_an_auxiliary_are_no_speaker() {
    let text = "Chad has once again outright rejected the offer from Niger.";
    let a = analyze(text);
    let st = find(&a, text, "rejected");
    assert_eq!(speaker(st, text), Some("Chad"));
    assert_eq!(st.speaker_actor().map(|id| id.as_str()), Some("TCD"));
}

#[test]
fn a_plural_possessive_is_inside_the_name() {
    let text =
        "The rebel Syldavian Workers' Party issued a statement demanding the release of prisoners.";
    let a = analyze(text);
    let st = find(&a, text, "issued a statement");
    assert_eq!(
        speaker(st, text),
        Some("The rebel Syldavian Workers' Party")
    );
}

#[test]
fn a_slash_joins_a_name() {
    let text = "The government and the FLN/B have agreed to allow access.";
    let a = analyze(text);
    let st = find(&a, text, "have agreed to");
    assert_eq!(speaker(st, text), Some("The government and the FLN/B"));
}

#[test]
fn the_object_of_a_verb_is_no_speaker_of_an_infinitive() {
    let text =
        "President Anna Varga will visit Chad and Niger to mediate in the dispute, sources said.";
    let a = analyze(text);
    let st = find(&a, text, "to mediate");
    assert_eq!(speaker(st, text), Some("President Anna Varga"));
}

#[test]
fn a_group_based_in_a_state_is_that_states() {
    let text =
        "A militant group based in Chad claims to be building drones, according to a media report.";
    let a = analyze(text);
    let st = find(&a, text, "claims");
    assert_eq!(speaker(st, text), Some("A militant group based in Chad"));
    let id = st.speaker_actor().expect("the group is an actor");
    let actor = a.actors.iter().find(|x| &x.id == id).unwrap();
    assert_eq!(actor.kind, ActorKind::Group);
    assert_eq!(actor.country.as_deref(), Some("TCD"));
}

#[test]
fn a_party_takes_the_one_state_of_its_sentence_and_may_target_it() {
    let text = "The nationalist Zorba party has said it will boycott Algeria's elections unless the president resigns.";
    let a = analyze(text);
    let st = find(&a, text, "has said");
    let id = st.speaker_actor().expect("the party is an actor");
    let actor = a.actors.iter().find(|x| &x.id == id).unwrap();
    assert_eq!(actor.kind, ActorKind::Group);
    assert_eq!(actor.name, "nationalist Zorba party");
    assert_eq!(actor.country.as_deref(), Some("DZA"));
    // A party's own state can be what it opposes.
    assert!(
        st.targets.iter().any(|t| t.as_str() == "DZA"),
        "{:?}",
        st.targets
    );
}

#[test]
fn a_party_with_two_states_in_context_stays_unresolved() {
    let text = "The Zorba party said France and Algeria must talk.";
    let a = analyze(text);
    let st = find(&a, text, "said");
    assert_eq!(speaker(st, text), Some("The Zorba party"));
    assert_eq!(st.speaker_actor(), None);
}

#[test]
fn the_subject_of_quoted_as_saying_speaks() {
    let text =
        "President Anna Varga was quoted today as saying she would be ready to host a meeting.";
    let a = analyze(text);
    let st = find(&a, text, "was quoted");
    assert_eq!(speaker(st, text), Some("President Anna Varga"));
    assert_eq!(
        st.content.unwrap().as_str(text),
        "she would be ready to host a meeting"
    );
}

#[test]
fn a_participle_before_a_title_reports_nothing() {
    let text = "Newly appointed Prime Minister Anna Varga has refused to meet the envoy.";
    let a = analyze(text);
    assert!(a
        .statements
        .iter()
        .all(|s| s.cue.as_str(text) != "appointed"));
    let st = find(&a, text, "has refused");
    assert_eq!(speaker(st, text), Some("Prime Minister Anna Varga"));
}

#[test]
fn a_newspaper_based_in_a_city_is_its_states() {
    let text =
        "A newspaper based in east Beirut has defied a ban and described the general as a traitor.";
    let a = analyze(text);
    let st = find(&a, text, "described");
    assert_eq!(speaker(st, text), Some("A newspaper based in east Beirut"));
    let id = st.speaker_actor().expect("the newspaper is an actor");
    let actor = a.actors.iter().find(|x| &x.id == id).unwrap();
    assert_eq!(actor.country.as_deref(), Some("LBN"));
}

#[test]
fn a_passive_agent_set_off_at_the_sentence_end_speaks() {
    let text = "Former president Ana Lopes has been accused of misusing funds, much of it stolen, \
                by current Haitian government officials.";
    let a = analyze(text);
    let st = find(&a, text, "has been accused of");
    assert_eq!(
        speaker(st, text),
        Some("current Haitian government officials")
    );
    assert_eq!(st.speaker_actor().map(|id| id.as_str()), Some("HTI"));
    assert_eq!(
        st.content.unwrap().as_str(text),
        "misusing funds, much of it stolen"
    );
}

#[test]
fn the_subject_search_stops_at_a_clause_with_its_own_verb() {
    // The words before "said" are a clause ("Chad will withdraw ..."), not
    // an apposition of "the new accord": the speaker follows the cue.
    let text = "Under the new accord, Chad will withdraw all its troops from the border by May, said spokesperson for the prime minister.";
    let a = analyze(text);
    let st = find(&a, text, "said");
    assert_eq!(
        speaker(st, text),
        Some("spokesperson for the prime minister")
    );
    assert_eq!(
        st.content.unwrap().as_str(text),
        "Under the new accord, Chad will withdraw all its troops from the border by May"
    );
}

#[test]
fn an_apposition_with_a_relative_clause_stays_with_its_speaker() {
    let text = "Anna Varga, who has led the party since 2019, said the vote was rigged.";
    let a = analyze(text);
    let st = find(&a, text, "said");
    assert!(speaker(st, text).is_some_and(|s| s.starts_with("Anna Varga")));
}

#[test]
fn an_apposition_ending_in_a_verb_or_a_month_keeps_its_speaker() {
    // The apposition's last word ("resigned", "May") is no head: the name
    // before the apposition is.
    for text in [
        "Anna Varga, the minister who resigned, said the vote was rigged.",
        "Anna Varga, the minister who left in May, said the vote was rigged.",
    ] {
        let a = analyze(text);
        let st = find(&a, text, "said");
        assert!(
            speaker(st, text).is_some_and(|s| s.starts_with("Anna Varga, the minister")),
            "{text}"
        );
    }
}
