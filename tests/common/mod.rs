//! Hand-made analyses for the corpus and export tests: the statements,
//! speakers and position holders are given, so these tests check the
//! corpus and the writers, not the classifier. And the helpers the
//! attribution tests share: analyze a text, find a statement by its cue.

#![allow(dead_code)]

use standpoint::{
    Actor, ActorId, ActorKind, Analysis, Analyzer, Mention, MentionKind, Position, Span, SpeechAct,
    Stance, Statement, StatementKind,
};

/// One statement: "`words` said `content`."
pub struct Say<'a> {
    /// The speaker's actor id, or `None` for a phrase ("analysts").
    pub actor: Option<&'a str>,
    /// The speaker's words; empty for a statement with no speaker.
    pub words: &'a str,
    pub content: &'a str,
    pub stance: Stance,
    pub topics: &'a [&'a str],
    /// The actors whose document positions cite the statement.
    pub holders: &'a [&'a str],
}

pub fn say<'a>(
    actor: Option<&'a str>,
    words: &'a str,
    stance: Stance,
    topics: &'a [&'a str],
    holders: &'a [&'a str],
    content: &'a str,
) -> Say<'a> {
    Say {
        actor,
        words,
        content,
        stance,
        topics,
        holders,
    }
}

pub fn actors() -> Vec<Actor> {
    vec![
        Actor::new("RUS", "Russia", ActorKind::Country).with_country("RUS"),
        Actor::new("UKR", "Ukraine", ActorKind::Country).with_country("UKR"),
        Actor::new("POL", "Poland", ActorKind::Country).with_country("POL"),
        Actor::new("NATO", "NATO", ActorKind::Organization),
        Actor::new("vladimir-putin", "Vladimir Putin", ActorKind::Person).with_country("RUS"),
        Actor::new("acme", "Ac<me> & \"Sons\"\tLtd", ActorKind::Group),
    ]
}

/// A document's text and analysis: one sentence per statement.
pub fn document(says: &[Say<'_>]) -> (String, Analysis) {
    let mut text = String::new();
    let mut statements = Vec::new();
    let mut positions: Vec<Position> = Vec::new();
    for (i, s) in says.iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(s.words);
        let speaker = (!s.words.is_empty()).then(|| Mention {
            actor: s.actor.map(ActorId::from),
            span: Span::new(start, text.len()),
            how: if s.actor.is_some() {
                MentionKind::Name
            } else {
                MentionKind::Phrase
            },
        });
        if !s.words.is_empty() {
            text.push(' ');
        }
        let cue = Span::new(text.len(), text.len() + 4);
        text.push_str("said ");
        let content = Span::new(text.len(), text.len() + s.content.len());
        text.push_str(s.content);
        text.push('.');
        statements.push(Statement {
            speaker,
            co_speakers: Vec::new(),
            cue,
            content: Some(content),
            kind: StatementKind::Indirect,
            act: SpeechAct::Assert,
            stance: s.stance,
            targets: Vec::new(),
            topics: s.topics.iter().map(|t| t.to_string()).collect(),
            negated: false,
            hedged: false,
            confidence: 0.9,
            sentence: i,
        });
        let topics: Vec<Option<String>> = if s.topics.is_empty() {
            vec![None]
        } else {
            s.topics.iter().map(|t| Some(t.to_string())).collect()
        };
        for h in s.holders {
            for t in &topics {
                match positions
                    .iter_mut()
                    .find(|p| p.actor == *h && p.topic == *t)
                {
                    Some(p) => p.statements.push(i),
                    None => positions.push(Position {
                        actor: ActorId::from(*h),
                        topic: t.clone(),
                        target: None,
                        stance: s.stance,
                        score: s.stance.sign(),
                        targets: Vec::new(),
                        statements: vec![i],
                        rolled_up: s.actor != Some(*h),
                    }),
                }
            }
        }
    }
    let mentioned: Vec<Actor> = actors()
        .into_iter()
        .filter(|a| {
            says.iter()
                .any(|s| s.actor == Some(a.id.as_str()) || s.holders.contains(&a.id.as_str()))
        })
        .collect();
    let analysis = Analysis {
        actors: mentioned,
        mentions: statements
            .iter()
            .filter_map(|s| s.speaker.clone())
            .filter(|m| m.actor.is_some())
            .collect(),
        sentences: Vec::new(),
        statements,
        positions,
    };
    (text, analysis)
}

/// The analysis of `text` with the built-in defaults.
pub fn analyze(text: &str) -> Analysis {
    Analyzer::default()
        .analyze(text)
        .expect("the text analyzes")
}

/// The statement whose cue is `cue`; panics naming the cues found.
pub fn find<'a>(a: &'a Analysis, text: &str, cue: &str) -> &'a Statement {
    a.statements
        .iter()
        .find(|s| s.cue.as_str(text) == cue)
        .unwrap_or_else(|| {
            let found: Vec<&str> = a.statements.iter().map(|s| s.cue.as_str(text)).collect();
            panic!("no statement with the cue {cue:?} in {text:?}; cues: {found:?}")
        })
}
