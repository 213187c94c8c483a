//! One statement, read: its main act, the stance evidence of its content,
//! its modality, and the decision.
//!
//! The steps follow the module docs: (1) the act of the cue, or of a more
//! specific verb early in the content ("stressed that Moscow had always
//! opposed ..."); (2) its negation ("did not oppose"); (3) the stance terms
//! of the content, each through reversers ("lift sanctions"), negation
//! scope and embedded questions; (4) the act's own stance and topic
//! advocacy ("called for a ceasefire"); (5) the decision between support,
//! oppose, mixed and neutral; (6) the confidence from modality.

use super::lexicon::{class, Act, Lexicon, Role};
use super::region::{Placed, Region, LEXICAL_NEGATOR};
use super::tables::{Category, Modality, Polarity, Scope};
use super::Classification;
use crate::{ActorId, Span, SpeechAct, Stance};

/// Words before a verb form that make it a noun ("the talks", "its claims").
const NOUN_MARKERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "whose", "of", "for", "in", "on", "at", "with", "by", "from", "new", "further", "any",
    "no", "such", "some", "many", "more", "all", "every", "each", "first", "recent", "latest",
];

/// Words after which a verb follows: auxiliaries, negators, "to", "that".
const VERB_MARKERS: &[&str] = &[
    "to", "that", "who", "which", "not", "never", "also", "and", "or", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "has", "have", "had", "did", "does", "do",
    "is", "are", "was", "were", "be", "been", "it", "they", "he", "she", "we", "i", "you",
];

/// Forms of "be" that make an -ing form a finite verb ("is refusing").
const BE: &[&str] = &["is", "are", "was", "were", "been", "am"];

/// Words that begin a clause after a background adjunct without a comma:
/// a subject pronoun or a finite auxiliary ("after the convention he would
/// not accept ...").
const CLAUSE_OPENERS: &[&str] = &[
    "he", "she", "they", "we", "i", "will", "would", "shall", "can", "could", "should", "must",
    "may", "might", "has", "have", "had", "is", "are", "was", "were",
];

/// Auxiliaries that make an act an intent ("would meet", "will sign").
const FUTURE: &[&str] = &["will", "would", "shall", "'ll", "won't", "wouldn't"];

/// Modals that make a material verb an intent, not a commitment: "may
/// halt its mediation" threatens, as "will halt" does.
const POSSIBLE: &[&str] = &["may", "might", "could"];

/// Words that may stand inside a cue without breaking it: the day or time
/// of the act ("called Thursday on Arabs to ...").
const WHEN: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "again",
    "also",
];

/// Nouns a denial names its accuser's words with ("Moscow's claims").
const ACCUSATIONS: &[&str] = &[
    "claim",
    "claims",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "charges",
    "assertions",
    "reports",
];

/// How many words after its start the content is searched for a more
/// specific act than the cue's.
const EMBEDDED_WINDOW: usize = 12;
/// How many words may stand between a negator and the act it negates.
const ACT_NEGATION_REACH: usize = 3;
/// How many tokens a reverser or a phrase negator reaches.
const SHORT_REACH: usize = 4;
/// How many words an ultimatum's "unless" may follow the content's start.
const ULTIMATUM_REACH: usize = 16;
/// How many tokens after an advocating act its topic may come ("called
/// for a ceasefire"; not a topic deep in a relative clause after it).
const ADVOCACY_REACH: usize = 8;
/// How many modifiers may stand inside a multiword cue ("stood firmly
/// with").
const MAX_MODIFIERS: usize = 2;
/// The weight of a rejection's own stance (acts.tsv gives 0.8 to reject).
const REJECT_WEIGHT: f32 = 0.8;

/// Whether a material verb is meant as an act: "will halt", "vowed to
/// halt" are intents; "may halt" is a possible one, a threat only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    No,
    Possible,
    Intended,
}

/// The act a statement performs, and where its words are.
#[derive(Debug, Clone, Copy)]
struct MainAct<'l> {
    entry: Option<&'l Act>,
    act: SpeechAct,
    /// Tokens `[first, last)` of the act's words (the cue's, or the
    /// embedded verb's).
    first: usize,
    last: usize,
    /// Its bytes, when the automaton saw it.
    span: Option<Span>,
    /// The act's words lie inside the content.
    embedded: bool,
    negated: bool,
    /// "refused to", "failed to": the act governs a negated complement.
    complement: bool,
    /// "will withdraw its force unless ...": a plain statement that is an
    /// ultimatum, a threat.
    ultimatum: bool,
}

/// Summed stance evidence.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    support: f32,
    oppose: f32,
    ambivalent: f32,
    /// The share of ambivalence that divides (division, conditionality).
    divided: f32,
    negated: bool,
    /// A term stood in the complement of "refused to", "failed to".
    in_complement: bool,
    /// The speaker committed to its own withdrawal: the concession is the
    /// stance, not the topic it reduces.
    conceded: bool,
    /// A bare "against": it decides only a statement that says nothing
    /// else.
    direction: Option<(Polarity, f32)>,
    /// The terms of a background adjunct ("after years of occupation"),
    /// kept apart: they weigh less when the main predicate says something.
    background: Background,
}

/// Stance terms found in background adjuncts.
#[derive(Debug, Default, Clone, Copy)]
struct Background {
    support: f32,
    oppose: f32,
    ambivalent: f32,
    divided: f32,
    /// How much they lose beside a main predicate (modality.tsv).
    discount: f32,
}

impl Evidence {
    /// Whether the main predicate said anything for or against.
    fn says_something(&self) -> bool {
        self.support > 0.0 || self.oppose > 0.0 || self.ambivalent > 0.0
    }

    /// Adds the background terms: at a discount beside a main predicate
    /// that says something, in full when they are all the content says
    /// ("the talks stalled after years of aggression").
    fn settle_background(&mut self) {
        let bg = std::mem::take(&mut self.background);
        let keep = if self.says_something() {
            1.0 - bg.discount
        } else {
            1.0
        };
        self.support += bg.support * keep;
        self.oppose += bg.oppose * keep;
        self.ambivalent += bg.ambivalent * keep;
        self.divided += bg.divided * keep;
    }

    fn add_background(&mut self, polarity: Polarity, weight: f32, category: Category) {
        let bg = &mut self.background;
        match polarity {
            Polarity::Support => bg.support += weight,
            Polarity::Oppose => bg.oppose += weight,
            Polarity::Ambivalent => {
                bg.ambivalent += weight;
                if category == Category::Division {
                    bg.divided += weight;
                }
            }
        }
    }

    fn add(&mut self, polarity: Polarity, weight: f32, category: Category) {
        match polarity {
            Polarity::Support => self.support += weight,
            Polarity::Oppose => self.oppose += weight,
            Polarity::Ambivalent => {
                self.ambivalent += weight;
                if category == Category::Division {
                    self.divided += weight;
                }
            }
        }
    }
}

/// A negator's or reverser's reach: tokens before `end`, with `weight`.
#[derive(Debug, Clone, Copy)]
struct Pending {
    end: usize,
    weight: f32,
}

/// The first topic keyword after the act, and what governs it.
#[derive(Debug, Clone, Copy)]
struct TopicMention {
    reversed: bool,
    negated: bool,
}

/// A stance term as found.
#[derive(Debug, Clone, Copy)]
struct Term {
    polarity: Polarity,
    weight: f32,
    category: Category,
    lexicalised: bool,
}

pub(crate) struct Reading<'a> {
    pub lex: &'a Lexicon,
    pub region: Region<'a>,
    pub content: Span,
    pub cue: Option<Span>,
    pub cue_lemma: Option<&'a str>,
    pub actors: &'a [ActorId],
}

impl Reading<'_> {
    pub(crate) fn classify(&self) -> Classification {
        let main = self.main_act();
        let (mut ev, topic) = self.evidence(&main);
        self.add_act_stance(&main, &mut ev);
        self.add_cue_term(&main, &mut ev);
        if let (Some(t), true, false) = (topic, advocates(&main), ev.conceded) {
            let flip = (t.reversed != t.negated) != main.negated;
            let pol = if flip {
                Polarity::Oppose
            } else {
                Polarity::Support
            };
            ev.add(pol, 0.6, Category::Support);
        }
        let mut silent = !ev.says_something();
        if let (true, Some((pol, w))) = (silent, ev.direction) {
            // "called on Arabs to mobilize against ...".
            ev.add(pol, w, Category::Harm);
            silent = false;
        }
        if silent && !main.negated && is_commitment(main.act) {
            // "agreed to set up a research centre": the act is the stance.
            ev.support += 0.4;
        }
        ev.settle_background();
        let stance = decide(&ev);
        let total = ev.support + ev.oppose + ev.ambivalent;
        let score = if total > 0.0 {
            ((ev.support - ev.oppose) / total).clamp(-1.0, 1.0)
        } else {
            0.0
        };
        let (confidence, hedged) = self.modality(&main);
        let mut c = Classification::new(main.act, stance);
        c.score = score;
        c.topics = self.topics();
        c.negated = main.negated || ev.negated;
        c.hedged = hedged;
        c.confidence = confidence;
        c
    }

    /// The words of the first act cue in verb position outside the
    /// `quoted` spans, for a sentence with no cue given.
    pub(crate) fn find_cue(&self, quoted: &[Span]) -> Option<Span> {
        let r = &self.region;
        r.hits
            .iter()
            .filter(|h| !quoted.iter().any(|q| q.contains(h.hit.span)))
            .find_map(|h| {
                let (_, last) = self.resolve_act(h)?;
                let ing = self.participle(h);
                (!ing && self.verb_position(h)).then(|| {
                    let end = r.tokens[last.max(h.first + 1) - 1].span.end;
                    Span::new(h.hit.span.start, end.max(h.hit.span.end))
                })
            })
    }

    /// The roles of hit `h` of the kinds `kinds` ([`class`]): none walked
    /// when it holds none of them.
    #[inline]
    fn roles<'h>(&'h self, h: &'h Placed, kinds: u8) -> impl Iterator<Item = Role> + 'h {
        self.lex.roles_of(&h.hit, h.classes, kinds)
    }

    fn in_content(&self, h: &Placed) -> bool {
        self.content.start <= h.hit.span.start && h.hit.span.end <= self.content.end
    }

    /// The act of the statement: the cue's, unless the cue only reports and
    /// a more specific act follows early in the content.
    fn main_act(&self) -> MainAct<'_> {
        let mut main = self.cue_act();
        let plain = main.entry.map_or(true, |e| {
            matches!(e.act, SpeechAct::Assert | SpeechAct::Comment) && e.stance.is_none()
        });
        // "X may veto it, a spokesman suggested": the cue only reports.
        let after = self.cue.is_some_and(|c| c.start >= self.content.end);
        if plain || after {
            if let Some(embedded) = self.embedded_act() {
                main = embedded;
            }
        }
        if let Some(span) = main.span.filter(|_| self.region.has(class::NEGATOR)) {
            // "refused to send": the act is the refusal, its complement is
            // negated; "refused to lift" is one cue that says both.
            main.complement = self.region.hits.iter().any(|h| {
                h.hit.span.overlaps(span)
                    && !span.contains(h.hit.span)
                    && matches!(self.negator(h), Some((Scope::Complement, _)))
            });
        }
        if self.act_negated(&main) {
            main.negated = true;
            main.act = match main.act {
                // Not agreeing or not yielding is refusing.
                SpeechAct::Agree | SpeechAct::Concede => SpeechAct::Reject,
                SpeechAct::Deny => SpeechAct::Concede,
                _ => SpeechAct::Assert,
            };
        }
        // "said they would meet the mediator": an intent to cooperate is a
        // promise (CAMEO 03); an intent to reject stays a rejection.
        let cooperates = matches!(
            main.act,
            SpeechAct::Consult | SpeechAct::Agree | SpeechAct::Support | SpeechAct::Concede
        );
        if cooperates && !main.negated && self.future_marked(main.first) {
            main.act = SpeechAct::Promise;
        }
        if !main.negated && matches!(main.act, SpeechAct::Promise | SpeechAct::Propose) {
            // "pledged to impose sanctions": the promise is a threat.
            if let Some(threat) = self.threat_after(&main) {
                main = threat;
            }
        }
        let plain = main.entry.map_or(true, |e| e.stance.is_none());
        if !main.negated && main.act == SpeechAct::Assert && plain && self.ultimatum() {
            // "announced that it will withdraw its force unless ...".
            main.act = SpeechAct::Threaten;
            main.ultimatum = true;
        }
        main
    }

    /// Whether the content says what will be done unless another acts:
    /// "will", "would" before an "unless" in the content.
    fn ultimatum(&self) -> bool {
        self.region.has(class::MODALITY) && self.ultimatum_in_modal()
    }

    /// [`Reading::ultimatum`] in a region with modality terms: not
    /// inlined, the rest of the reading stays small (I1).
    #[inline(never)]
    fn ultimatum_in_modal(&self) -> bool {
        let r = &self.region;
        let Some(unless) = r.hits.iter().find(|h| {
            self.in_content(h)
                && self.is_conditional(h)
                && eq_word(h.hit.span.as_str(r.text), "unless")
        }) else {
            return false;
        };
        let from = r.token_at(self.content.start);
        r.words_between(from, unless.first) <= ULTIMATUM_REACH
            && (from..unless.first).any(|i| FUTURE.iter().any(|f| eq_word(r.word(i), f)))
    }

    /// The negator of a negated act, if it governs a complement ("refused
    /// to commit to any assistance"): its weight.
    #[cold]
    #[inline(never)]
    fn complement_negator(&self, main: &MainAct<'_>) -> Option<f32> {
        let r = &self.region;
        if !r.has(class::NEGATOR) {
            return None;
        }
        r.hits.iter().find_map(|h| {
            let before = h.last <= main.first
                && !main.span.is_some_and(|s| s.overlaps(h.hit.span))
                && !r.break_between(h.last, main.first)
                && r.words_between(h.last, main.first) <= ACT_NEGATION_REACH;
            match self.negator(h) {
                Some((Scope::Complement, w)) if before => Some(w),
                _ => None,
            }
        })
    }

    /// A threat intended by a promise: the intent act right after it.
    #[cold]
    #[inline(never)]
    fn threat_after(&self, main: &MainAct<'_>) -> Option<MainAct<'_>> {
        let r = &self.region;
        r.hits
            .iter()
            .filter(|h| h.first >= main.last && h.first <= main.last + 2)
            .find_map(|h| {
                let (entry, last) = self.resolve_act(h)?;
                let act = &self.lex.acts[entry as usize];
                (act.intent && act.act == SpeechAct::Threaten)
                    .then(|| self.act_at(Some(entry), Some(h), h.first, last))
            })
    }

    fn cue_act(&self) -> MainAct<'_> {
        let r = &self.region;
        let Some(cue) = self.cue else {
            return self.act_at(None, None, 0, 0);
        };
        let mut best: Option<(u32, &Placed, usize)> = None;
        for h in r.hits {
            if h.hit.span.start >= cue.end {
                break;
            }
            if h.hit.span.end > cue.start {
                if let Some((act, last)) = self.resolve_act(h) {
                    if best.map_or(true, |b| last > b.2) {
                        best = Some((act, h, last));
                    }
                }
            }
        }
        if let Some((act, h, last)) = best {
            return self.act_at(Some(act), Some(h), h.first, last);
        }
        // The cue's tokens are looked for only here: an act hit gives its
        // own.
        let (first, last) = (r.token_at(cue.start), r.token_end(cue.end));
        let entry = self.cue_lemma.and_then(|l| self.lex.act_of_lemma(l));
        self.act_at(entry, None, first, last)
    }

    fn act_at(
        &self,
        entry: Option<u32>,
        hit: Option<&Placed>,
        first: usize,
        last: usize,
    ) -> MainAct<'_> {
        let entry = entry.map(|i| &self.lex.acts[i as usize]);
        MainAct {
            entry,
            act: entry.map_or(SpeechAct::Assert, |e| e.act),
            first,
            last,
            span: hit.map(|h| h.hit.span),
            embedded: hit.is_some_and(|h| self.in_content(h)),
            negated: false,
            complement: false,
            ultimatum: false,
        }
    }

    /// The act entry of a hit and the token after its words (with a gap
    /// cue's tail), if it has one: a gap cue whose tail follows, else the
    /// longest plain cue.
    #[inline]
    fn resolve_act(&self, h: &Placed) -> Option<(u32, usize)> {
        if h.classes & class::ACT == 0 {
            return None;
        }
        self.resolve_act_cue(h)
    }

    /// [`Reading::resolve_act`] of a hit that holds an act role.
    #[inline(never)]
    fn resolve_act_cue(&self, h: &Placed) -> Option<(u32, usize)> {
        let mut best: Option<(u32, usize, usize)> = None; // (entry, last, rank)
        let mut intent: Option<Intent> = None; // computed once, if needed
                                               // The modifiers after the hit ("stood firmly with"): the same for
                                               // every multiword cue it heads, so looked for once, if needed.
        let mut modifiers: Option<usize> = None;
        for role in self.roles(h, class::ACT) {
            if let Role::Act(i) | Role::ActHead(i) = role {
                let act = &self.lex.acts[i as usize];
                if act.intent {
                    let how = *intent.get_or_insert_with(|| self.intended(h.first));
                    // "may halt" threatens; "may allow" only guesses.
                    let possible_threat = how == Intent::Possible && act.act == SpeechAct::Threaten;
                    if how != Intent::Intended && !possible_threat {
                        continue;
                    }
                }
            }
            let (i, last, rank) = match role {
                Role::Act(i) => {
                    let act = &self.lex.acts[i as usize];
                    if act.tail.is_empty() {
                        (i, h.last, h.last - h.first)
                    } else {
                        match self.tail_after(h.last, &act.tail) {
                            Some(last) => (i, last, 100 + act.tail.len()),
                            None => continue,
                        }
                    }
                }
                Role::ActHead(i) => {
                    let act = &self.lex.acts[i as usize];
                    let rest = &act.rest;
                    let from = h.last;
                    // Right after the head, or after one or two
                    // modifiers: the rest's words are looked for first
                    // (most heads, "in", "is", have no rest after them),
                    // the modifiers counted only where the rest stands.
                    let at = if self.rest_may_start(from, act.rest_head)
                        && self.words_at(from, rest)
                    {
                        Some(from)
                    } else {
                        (from + 1..=from + MAX_MODIFIERS)
                            .find(|&at| {
                                self.rest_may_start(at, act.rest_head) && self.words_at(at, rest)
                            })
                            .filter(|&at| {
                                at - from
                                    <= *modifiers.get_or_insert_with(|| self.modifiers_at(from))
                            })
                    };
                    match at.map(|at| at + rest.len()) {
                        Some(last) => (i, last, last - h.first),
                        None => continue,
                    }
                }
                _ => continue,
            };
            if best.map_or(true, |b| rank > b.2) {
                best = Some((i, last, rank));
            }
        }
        best.map(|(i, last, _)| (i, last))
    }

    /// Where `tail` ends if it follows token `from` after a gap of one to
    /// four words.
    fn tail_after(&self, from: usize, tail: &[Box<str>]) -> Option<usize> {
        let r = &self.region;
        for gap in 1..=4 {
            let at = from + gap;
            if !r.tokens.get(at - 1).is_some_and(|t| t.word) {
                return None;
            }
            if self.words_at(at, tail) {
                return Some(at + tail.len());
            }
        }
        None
    }

    /// How many modifiers (at most two) stand from token `from` on: the
    /// other words of a multiword cue may follow them ("stood firmly
    /// with", "voiced strong displeasure").
    fn modifiers_at(&self, from: usize) -> usize {
        (from..from + MAX_MODIFIERS)
            .take_while(|&i| self.is_modifier(i))
            .count()
    }

    /// Whether a rest whose first word has the first byte and length
    /// `head` ([`Act::rest_head`]) may start at token `at`: not when the
    /// token is shorter, or starts with another ASCII byte (as
    /// [`eq_word`] tells at its first byte), read from the token's span
    /// without slicing the text.
    #[inline]
    fn rest_may_start(&self, at: usize, head: (u8, usize)) -> bool {
        let (first, len) = head;
        if first == 0 {
            return true;
        }
        let r = &self.region;
        let Some(t) = r.tokens.get(at) else {
            // `Region::word` is "" there: no rest word is.
            return false;
        };
        match r.text.as_bytes().get(t.span.start) {
            Some(&b) if t.span.len() >= len => b >= 0x80 || b.to_ascii_lowercase() == first,
            _ => false,
        }
    }

    fn words_at(&self, at: usize, words: &[Box<str>]) -> bool {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| eq_word(self.region.word(at + k), w))
    }

    /// Whether token `i` is an adverb or a booster that may sit inside a
    /// cue: "firmly", "strong", "deep".
    fn is_modifier(&self, i: usize) -> bool {
        let r = &self.region;
        let w = r.word(i);
        if !r.tokens.get(i).is_some_and(|t| t.word) {
            return false;
        }
        if (w.len() > 4 && w.ends_with("ly")) || WHEN.iter().any(|x| eq_word(w, x)) {
            return true;
        }
        r.hits_from(i).any(|h| {
            h.last == i + 1
                && self.roles(h, class::MODALITY).any(|role| {
                    matches!(
                        role,
                        Role::Modality {
                            kind: Modality::Booster | Modality::Hedge,
                            ..
                        }
                    )
                })
        })
    }

    /// A more specific act early in the content, in verb position:
    /// "stressed that Moscow had always opposed", "said Britain stood with".
    fn embedded_act(&self) -> Option<MainAct<'_>> {
        let r = &self.region;
        let cue_inside = self.cue.filter(|c| self.content.contains(*c));
        let from = match cue_inside {
            Some(c) => r.token_end(c.end),
            None => r.token_at(self.content.start),
        };
        for h in r.hits {
            if h.first < from || !self.in_content(h) {
                continue;
            }
            if r.words_between(from, h.first) > EMBEDDED_WINDOW
                || self.strong_break(from, h.first)
                || self.is_conditional(h)
            {
                // Past the clause, or into a condition ("if the bloc
                // offered ..."): not the speaker's act.
                break;
            }
            let Some((entry, last)) = self.resolve_act(h) else {
                continue;
            };
            let act = &self.lex.acts[entry as usize];
            let plain =
                matches!(act.act, SpeechAct::Assert | SpeechAct::Comment) && act.stance.is_none();
            let ing = self.participle(h);
            if plain || ing || !self.verb_position(h) {
                continue;
            }
            return Some(self.act_at(Some(entry), Some(h), h.first, last));
        }
        None
    }

    #[inline]
    fn is_conditional(&self, h: &Placed) -> bool {
        self.roles(h, class::MODALITY).any(|r| {
            matches!(
                r,
                Role::Modality {
                    kind: Modality::Conditional,
                    ..
                }
            )
        })
    }

    /// A later act in a clause of its own: "welcomed the ceasefire but
    /// warned that ...". Its stance counts beside the main act's.
    /// `claim_end` is the first strong break from the act's end on
    /// ([`Region::next_strong`] of `main.last`): the hit must lie past it.
    #[inline]
    fn secondary_act(&self, h: &Placed, claim_end: usize) -> Option<(Polarity, f32)> {
        // `claim_end >= main.last`: a hit past it is past the act's end,
        // with a strong break between.
        if h.first <= claim_end {
            return None;
        }
        self.secondary_act_at(h)
    }

    /// [`Reading::secondary_act`] of a hit after a strong break: not
    /// inlined (I1).
    #[inline(never)]
    fn secondary_act_at(&self, h: &Placed) -> Option<(Polarity, f32)> {
        let (entry, _) = self.resolve_act(h)?;
        let act = &self.lex.acts[entry as usize];
        if self.participle(h) || !self.verb_position(h) {
            return None;
        }
        let polarity = match act.stance? {
            Stance::Support => Polarity::Support,
            Stance::Oppose => Polarity::Oppose,
            Stance::Neutral | Stance::Mixed => return None,
        };
        Some((polarity, act.weight))
    }

    /// A break between two claims: ";" or "but", "while", "however"...
    fn strong_break(&self, a: usize, b: usize) -> bool {
        self.region.strong_break(a, b)
    }

    /// Whether a verb form is used as a verb: not right after a
    /// determiner, possessive or preposition ("the talks", "Moscow's
    /// claims"), and, unless it is a past form, not at the end of a noun
    /// phrase ("the only reliable security guarantee"; "the ministry
    /// rejected" stays a verb).
    fn verb_position(&self, h: &Placed) -> bool {
        let r = &self.region;
        let form = r.word(h.first);
        let mut at = h.first;
        for back in 0..4 {
            let Some(prev) = r.word_before(at) else {
                return true;
            };
            let w = r.word(prev);
            let determiner = NOUN_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(w))
                || w.ends_with("'s")
                || w.ends_with("’s");
            if determiner {
                // "the talks" is a noun; "the ministry rejected" a verb, and
                // so is a form after a subject: at the start of a clause or
                // after a cue ("said Russia's minister met").
                return back > 0 && (form.ends_with("ed") || self.starts_subject(prev));
            }
            if back == 0 && form.ends_with('s') && w.eq_ignore_ascii_case("to") {
                return false;
            }
            let ends_phrase = w.starts_with(|c: char| !c.is_lowercase())
                || (w.len() > 4 && w.ends_with("ly"))
                || VERB_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(w));
            if ends_phrase {
                return true;
            }
            at = prev;
        }
        true
    }

    /// Whether an act's verb is an -ing form outside a progressive
    /// ("arguing that ..." continues a statement; "is refusing" is one).
    fn participle(&self, h: &Placed) -> bool {
        let r = &self.region;
        // "is refusing", "was not willing", "is still refusing".
        let mut at = h.first;
        let mut progressive = false;
        for _ in 0..3 {
            let Some(p) = r.word_before(at) else { break };
            let w = r.word(p);
            if BE.iter().any(|b| eq_word(w, b)) {
                progressive = true;
                break;
            }
            if !(eq_word(w, "not") || eq_word(w, "never") || (w.len() > 4 && w.ends_with("ly"))) {
                break;
            }
            at = p;
        }
        r.word(h.first).ends_with("ing") && !progressive
    }

    /// Whether a noun phrase starting at token `i` is a subject: nothing,
    /// punctuation, a conjunction or an act cue before it.
    fn starts_subject(&self, i: usize) -> bool {
        let r = &self.region;
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        let w = r.word(prev);
        if !r.tokens[prev].word
            || ["that", "and", "but", "while", "as"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(w))
        {
            return true;
        }
        r.hits_over(prev).any(|h| self.resolve_act(h).is_some())
    }

    /// Whether the verb at token `i` is intended: future-marked, or the
    /// complement of a promise or threat ("vowed to retaliate", "is ready
    /// to send"); after "may", "might", "could" only possibly.
    fn intended(&self, i: usize) -> Intent {
        if self.future_marked(i) {
            return Intent::Intended;
        }
        let r = &self.region;
        if r.word_before(i)
            .is_some_and(|p| POSSIBLE.iter().any(|m| eq_word(r.word(p), m)))
        {
            return Intent::Possible;
        }
        let Some(to) = r.word_before(i).filter(|&t| eq_word(r.word(t), "to")) else {
            return Intent::No;
        };
        // The promise covers "to" ("ready to") or ends right before it
        // ("vowed to").
        let mut near = r
            .hits_over(to)
            .chain(to.checked_sub(1).into_iter().flat_map(|t| r.hits_over(t)));
        let promised = near.any(|h| {
            h.last <= i
                && self.roles(h, class::ACT).any(|role| match role {
                    Role::Act(a) => {
                        let act = &self.lex.acts[a as usize];
                        !act.intent
                            && matches!(
                                act.act,
                                SpeechAct::Promise
                                    | SpeechAct::Propose
                                    | SpeechAct::Agree
                                    | SpeechAct::Threaten
                            )
                    }
                    _ => false,
                })
        });
        if promised {
            Intent::Intended
        } else {
            Intent::No
        }
    }

    /// Whether "will", "would" or "shall" stands just before token `i`
    /// (over "not" and adverbs): a statement of intent.
    fn future_marked(&self, i: usize) -> bool {
        let r = &self.region;
        let mut at = i;
        for _ in 0..3 {
            let Some(prev) = r.word_before(at) else {
                return false;
            };
            let w = r.word(prev);
            if FUTURE.iter().any(|f| eq_word(w, f)) {
                return true;
            }
            let skippable =
                eq_word(w, "not") || eq_word(w, "never") || (w.len() > 4 && w.ends_with("ly"));
            if !skippable {
                return false;
            }
            at = prev;
        }
        false
    }

    /// Whether a negator stands just before the act's words ("did not
    /// oppose", "has never supported", "will never accept").
    fn act_negated(&self, main: &MainAct<'_>) -> bool {
        let r = &self.region;
        if !r.has(class::NEGATOR | LEXICAL_NEGATOR) {
            return false;
        }
        r.hits.iter().any(|h| {
            h.last <= main.first
                && !main.span.is_some_and(|s| s.overlaps(h.hit.span))
                && !r.break_between(h.last, main.first)
                && r.words_between(h.last, main.first) <= ACT_NEGATION_REACH
                && (self.negator(h).is_some() || self.lex.lexical_negator(&h.hit))
        })
    }

    /// The negator role of a hit.
    #[inline]
    fn negator(&self, h: &Placed) -> Option<(Scope, f32)> {
        self.roles(h, class::NEGATOR).find_map(|role| match role {
            Role::Negator { scope, weight } => Some((scope, weight)),
            _ => None,
        })
    }

    /// The stance term of a hit.
    #[inline]
    fn stance_term(&self, h: &Placed) -> Option<Term> {
        self.roles(h, class::STANCE).find_map(|role| match role {
            Role::Stance {
                polarity,
                weight,
                category,
                lexicalised,
            } => Some(Term {
                polarity,
                weight,
                category,
                lexicalised,
            }),
            _ => None,
        })
    }

    /// Whether the measure term of hit `k` names a topic ("tougher
    /// sanctions", "a package of sanctions against": the sanctions topic),
    /// rather than being part of a longer keyword ("the naval blockade of
    /// Serbia": a blockade, against Serbia).
    #[inline(never)]
    fn names_topic(&self, k: usize) -> bool {
        let hits = self.region.hits;
        let span = hits[k].hit.span;
        let lo = k.saturating_sub(4);
        hits[lo..(k + 5).min(hits.len())].iter().any(|h| {
            let inside_keyword = h.hit.span.contains(span) && h.hit.span != span;
            h.hit.span.overlaps(span)
                && !inside_keyword
                && self
                    .lex
                    .roles_of(&h.hit, h.classes, class::TOPIC)
                    .any(|r| matches!(r, Role::Topic { .. }))
        })
    }

    /// Whether hit `k` ("against") directly follows a topic keyword or a
    /// measure ("tougher sanctions against"): it continues that phrase.
    #[inline(never)]
    fn continues_topic(&self, k: usize) -> bool {
        let hits = self.region.hits;
        let first = hits[k].first;
        hits[..k].iter().rev().take(4).any(|h| {
            h.last == first
                && self
                    .roles(h, class::TOPIC | class::STANCE)
                    .any(|r| match r {
                        Role::Topic { .. } => true,
                        Role::Stance { category, .. } => category == Category::Measure,
                        _ => false,
                    })
        })
    }

    /// Whether hit `h` opens an embedded question: "whether", "?", or "if"
    /// after a question cue.
    fn asks(&self, h: &Placed, main: &MainAct<'_>) -> bool {
        self.roles(h, class::MODALITY).any(|role| match role {
            Role::Modality {
                kind: Modality::Question,
                ..
            } => true,
            Role::Modality {
                kind: Modality::Conditional,
                ..
            } => main.act == SpeechAct::Question,
            _ => false,
        })
    }

    /// Whether hit `h` is a modifier just before the act ("cautiously
    /// welcomed", "strongly condemned"): it qualifies the act.
    fn qualifies_act(&self, h: &Placed, main: &MainAct<'_>) -> bool {
        h.last == main.first && h.last == h.first + 1 && main.span.is_some()
    }

    /// The stance terms of the content, and the first topic keyword after
    /// the act.
    fn evidence(&self, main: &MainAct<'_>) -> (Evidence, Option<TopicMention>) {
        let r = &self.region;
        let mut ev = Evidence::default();
        let mut topic: Option<TopicMention> = None;
        let mut neg: Option<Pending> = None;
        let mut rev: Option<Pending> = None;
        let mut question_end = 0usize;
        let mut condition_end = 0usize;
        let mut complement_end = 0usize;
        // "after fifteen years of occupation": the setting, not the claim.
        let mut background_end = 0usize;
        let mut secondary: Option<Span> = None;
        // "arrested in Lebanon for collaborating with Israel": tokens
        // `[from, to)` give the grounds of a punishment.
        let mut grounds: Option<(usize, usize)> = None;
        // "will support the resolution" is a promise that still evaluates.
        let evaluative = is_evaluative(main.entry.map_or(main.act, |e| e.act)) && !main.negated;
        let from = if main.embedded { main.first } else { 0 };
        // "refused to commit to any assistance": the act's object is
        // negated with it.
        if main.negated && !main.complement {
            if let Some(weight) = self.complement_negator(main) {
                let end = r.clause_end(main.last);
                neg = Some(Pending { end, weight });
                complement_end = end;
            }
        }
        // What a speaker commits to ("agreed to talks if ...") is not
        // opposed for its conditions.
        let committed = is_commitment(main.act) && !main.negated;
        let refusal = main.negated && main.entry.is_some_and(|e| is_commitment(e.act));
        if !main.negated && self.restricted(main).is_some() {
            // "would only accept a deal that recognised its borders": the
            // object of a restricted act is its condition.
            condition_end = r.clause_end(main.last);
        }
        // The first break between two claims after the act: a term or
        // an act past it is a claim of its own (one search, not one a
        // hit).
        let claim_end = r.next_strong(main.last);
        // "whether", "if", "after": modality markers all.
        let modal = r.has(class::MODALITY);
        for (k, h) in r.hits.iter().enumerate() {
            let reaches =
                h.hit.span.end >= self.content.start && h.hit.span.start < self.content.end;
            // A hit without a modality role asks nothing, sets no
            // condition and opens no background: no walk, no call.
            if modal && h.classes & class::MODALITY != 0 {
                if self.asks(h, main) && reaches {
                    // "asked whether ...", "wondered whether ...": the clause
                    // is a question, its terms are not claims.
                    question_end = r.clause_end(h.last);
                } else if self.is_conditional(h) && reaches {
                    // "if he gave them a veto": a condition, not a claim.
                    condition_end = r.clause_end(h.last);
                } else if let Some(discount) = self.opens_background(h).filter(|_| reaches) {
                    background_end = self.background_end(h.last);
                    ev.background.discount = discount;
                }
            }
            if main.span.is_some_and(|s| s.overlaps(h.hit.span)) {
                if let Some((Scope::Complement, w)) = self.negator(h).filter(|_| main.complement) {
                    neg = Some(Pending {
                        end: r.clause_end(h.last),
                        weight: w,
                    });
                    complement_end = r.clause_end(h.last);
                }
                continue;
            }
            let qualifier = self.qualifies_act(h, main);
            if !qualifier && (!self.in_content(h) || h.first < from) {
                continue;
            }
            if neg.is_some_and(|n| h.first >= n.end) {
                neg = None;
            }
            if rev.is_some_and(|n| h.first >= n.end) {
                rev = None;
            }
            if let Some((scope, weight)) = self.negator(h).filter(|_| !qualifier) {
                // A second negator in the scope cancels the first.
                if neg.take().is_none() {
                    let end = match scope {
                        Scope::Phrase => r.clause_end(h.last).min(h.last + SHORT_REACH),
                        Scope::Clause | Scope::Complement => r.clause_end(h.last),
                    };
                    neg = Some(Pending { end, weight });
                }
                continue;
            }
            let mut topic_here = false;
            let mut new_rev = None;
            for role in self.roles(h, class::REVERSER | class::TOPIC) {
                match role {
                    Role::Reverser { weight } => {
                        new_rev = Some(Pending {
                            end: r.clause_end(h.last).min(h.last + SHORT_REACH),
                            weight,
                        });
                    }
                    Role::Topic { .. } => topic_here = true,
                    _ => {}
                }
            }
            let near = h.first <= main.last + ADVOCACY_REACH;
            if topic_here && topic.is_none() && h.first >= main.last && near {
                topic = Some(TopicMention {
                    reversed: rev.is_some(),
                    negated: neg.is_some(),
                });
            }
            if let Some((mut pol, mut w)) = self.secondary_act(h, claim_end) {
                // "but would not ratify": the negator before it is spent on it.
                if neg.take().is_some() {
                    pol = pol.flipped();
                    w = w.max(REJECT_WEIGHT) * 0.6;
                    ev.negated = true;
                }
                ev.add(pol, w, Category::Support);
                secondary = Some(h.hit.span);
                continue;
            }
            if let Some(mut t) = self.stance_term(h) {
                let skip = (t.category == Category::Measure && self.names_topic(k))
                    || (t.category == Category::Direction && self.continues_topic(k))
                    || secondary.is_some_and(|s| s.overlaps(h.hit.span))
                    // "proposed new sanctions": the topic, not opposition.
                    || (main.act == SpeechAct::Deny && !main.negated && t.category != Category::Falsehood);
                // A denial's content is the accuser's claim, not the speaker's.
                if !skip {
                    if t.category == Category::Withdrawal && committed {
                        // "is willing to withdraw its troops": the
                        // speaker's own withdrawal is a concession.
                        t.polarity = Polarity::Support;
                        ev.conceded = true;
                    } else if t.category == Category::Withdrawal && refusal {
                        // "is not willing to withdraw its troops": the
                        // refusal opposes; the negation is spent on the act.
                        t.lexicalised = true;
                        ev.conceded = true;
                    }
                    // After praise or blame, the object only describes
                    // what is evaluated: the act carries the stance. A
                    // reservation ("in principle") or a new clause ("but
                    // warned ...") is a claim of its own.
                    // No strong break between the act and the term: at
                    // or before `claim_end`.
                    let object = h.first <= claim_end;
                    let refused = h.first < complement_end; // "refused to allow": negated, not evaluated
                    if evaluative
                        && !qualifier
                        && object
                        && !refused
                        && t.polarity != Polarity::Ambivalent
                    {
                        t.weight *= 0.3;
                    }
                    if grounds.is_some_and(|(a, b)| a <= h.first && h.first < b) {
                        t.weight *= 0.3;
                    }
                    if h.first < question_end {
                        t.weight *= 0.4;
                    } else if h.first < condition_end {
                        if committed {
                            // "would meet the mediator if he gave them a
                            // veto": the terms of the deal.
                            continue;
                        }
                        t.weight *= 0.5;
                    }
                    if let Some(rv) = rev.take() {
                        let flippable = t.polarity == Polarity::Support
                            || matches!(t.category, Category::Rejection | Category::Measure);
                        if flippable {
                            t.polarity = t.polarity.flipped();
                            t.weight *= 0.8 * rv.weight;
                        }
                    }
                    if let Some(n) =
                        neg.filter(|_| t.polarity != Polarity::Ambivalent && !t.lexicalised)
                    {
                        let flip = if t.polarity == Polarity::Support {
                            0.8
                        } else {
                            0.5
                        };
                        t.weight *= n.weight * flip;
                        t.polarity = t.polarity.flipped();
                        ev.negated = true;
                        // "would not use weapons against ... escalation":
                        // a bare "against" does not spend the negator.
                        if t.category != Category::Direction {
                            neg = None;
                        }
                    }
                    if t.category == Category::Direction {
                        ev.direction = ev.direction.or(Some((t.polarity, t.weight)));
                    } else if h.first < background_end {
                        ev.add_background(t.polarity, t.weight, t.category);
                    } else {
                        ev.add(t.polarity, t.weight, t.category);
                    }
                    ev.in_complement |= h.first < complement_end;
                    if t.category == Category::Punishment {
                        grounds = self.grounds_after(h.last).or(grounds);
                    }
                }
            }
            if new_rev.is_some() {
                rev = new_rev;
            }
        }
        if main.act == SpeechAct::Deny && !main.negated && self.names_accuser(main) {
            ev.oppose += 0.6;
        }
        (ev, topic)
    }

    /// The grounds of a punishment ending at token `last`: from a "for"
    /// at most `SHORT_REACH` words on ("jailed in Minsk for ...") to the
    /// end of the clause.
    #[cold]
    #[inline(never)]
    fn grounds_after(&self, last: usize) -> Option<(usize, usize)> {
        let r = &self.region;
        let end = r.clause_end(last);
        (last..end.min(last + 2 * SHORT_REACH))
            .take_while(|&i| r.words_between(last, i) <= SHORT_REACH)
            .find(|&i| r.tokens[i].word && eq_word(r.word(i), "for"))
            .map(|i| (i + 1, end))
    }

    /// Whether a denial names whose claims it denies ("rejected Moscow's
    /// claims", "refuted Russian allegations").
    #[cold]
    #[inline(never)]
    fn names_accuser(&self, main: &MainAct<'_>) -> bool {
        let r = &self.region;
        (main.first.max(1)..r.tokens.len()).any(|i| {
            ACCUSATIONS.iter().any(|a| eq_word(r.word(i), a))
                && (i.saturating_sub(2).max(1)..i)
                    .any(|j| r.tokens[j].word && r.word(j).starts_with(char::is_uppercase))
        })
    }

    /// The act's own stance: flipped and weakened when negated (a negated
    /// agreement is a rejection, as strong as one); after "refused to",
    /// only when the complement says nothing itself.
    fn add_act_stance(&self, main: &MainAct<'_>, ev: &mut Evidence) {
        if main.ultimatum {
            ev.add(Polarity::Oppose, 0.6, Category::Harm);
            return;
        }
        let Some(entry) = main.entry else { return };
        let Some(stance) = entry.stance else { return };
        let mut pol = match stance {
            Stance::Support => Polarity::Support,
            Stance::Oppose => Polarity::Oppose,
            Stance::Neutral | Stance::Mixed => return,
        };
        let mut w = entry.weight;
        if main.negated {
            pol = pol.flipped();
            if main.act == SpeechAct::Reject {
                w = w.max(REJECT_WEIGHT);
            }
            w *= 0.6;
        }
        if main.complement && ev.in_complement {
            return;
        }
        if let Some(share) = self.restricted(main).filter(|_| !main.negated) {
            // "would only welcome him in Jerusalem": a conditional stance.
            ev.add(Polarity::Ambivalent, w * share, Category::Division);
            ev.add(pol, w * (1.0 - share), Category::Support);
            return;
        }
        ev.add(pol, w, Category::Support);
    }

    /// The share of the act's stance that a restrictive "only" right
    /// before it ("would only welcome", "will only support ... if") makes
    /// conditional, if one stands there.
    /// Only a stance or a commitment can be made conditional ("would only
    /// say that ..." merely reports), and only under a modal or with a
    /// condition after it ("Congress only voted for a delay" is "merely").
    #[inline]
    fn restricted(&self, main: &MainAct<'_>) -> Option<f32> {
        let entry = main.entry?;
        if (entry.stance.is_none() && !is_commitment(entry.act))
            || !self.region.has(class::MODALITY)
        {
            return None;
        }
        self.restricted_share(main)
    }

    /// [`Reading::restricted`] of a stance or commitment in a region with
    /// modality terms: not inlined (I1).
    #[inline(never)]
    fn restricted_share(&self, main: &MainAct<'_>) -> Option<f32> {
        let before = main.first.checked_sub(1)?;
        let r = &self.region;
        let share = r
            .hits_over(before)
            .filter(|h| h.last == main.first)
            .find_map(|h| {
                self.roles(h, class::MODALITY).find_map(|role| match role {
                    Role::Modality {
                        kind: Modality::Restrictive,
                        weight,
                    } => Some(weight),
                    _ => None,
                })
            })?;
        let modal = r.word_before(before).is_some_and(|j| {
            let w = r.word(j);
            FUTURE
                .iter()
                .chain(POSSIBLE)
                .chain(&["can", "must", "should"])
                .any(|m| eq_word(w, m))
        });
        // The hits from the act on, to the end of its clause.
        let end = r.clause_end(main.last);
        let from = r.hits.partition_point(|h| h.first < main.last);
        let condition = r.hits[from..]
            .iter()
            .take_while(|h| h.first < end)
            .any(|h| self.is_conditional(h));
        (modal || condition).then_some(share)
    }

    /// Where a background adjunct opened before token `from` ends: at the
    /// clause break, or where a clause of its own begins ("after the
    /// convention he would not accept ...").
    #[cold]
    #[inline(never)]
    fn background_end(&self, from: usize) -> usize {
        let r = &self.region;
        let end = r.clause_end(from);
        (from..end)
            .find(|&i| r.tokens[i].word && CLAUSE_OPENERS.iter().any(|w| eq_word(r.word(i), w)))
            .unwrap_or(end)
    }

    /// The discount of a background adjunct that hit `h` opens, if it
    /// opens one: "following" after an article is an adjective ("the
    /// following demands"), and a verb after the opener makes a clause.
    #[inline(never)]
    fn opens_background(&self, h: &Placed) -> Option<f32> {
        let discount = self.roles(h, class::MODALITY).find_map(|r| match r {
            Role::Modality {
                kind: Modality::Background,
                weight,
            } => Some(weight),
            _ => None,
        })?;
        let r = &self.region;
        let adjective = r
            .word_before(h.first)
            .is_some_and(|j| ["the", "a", "an"].iter().any(|a| eq_word(r.word(j), a)));
        // "after already having violated it", "after meeting the envoy": a
        // clause of its own, often the claim itself; "amid growing
        // tensions" keeps its adjective.
        let next = r
            .tokens
            .get(h.last)
            .filter(|t| t.word)
            .map(|_| r.word(h.last));
        let verbal = next.is_some_and(|w| {
            ["already", "having", "being"].iter().any(|x| eq_word(w, x))
                || (w.len() > 4 && w.ends_with("ing") && !eq_word(r.word(h.first), "amid"))
        });
        (!adjective && !verbal).then_some(discount)
    }

    /// A cue that is no act cue but a stance term ("promoted an image of
    /// openness", "backs"): the term is the act's stance, flipped and
    /// weakened when negated.
    fn add_cue_term(&self, main: &MainAct<'_>, ev: &mut Evidence) {
        let Some(cue) = self.cue.filter(|_| main.entry.is_none()) else {
            return;
        };
        let term = self
            .region
            .hits
            .iter()
            .filter(|h| cue.contains(h.hit.span))
            .find_map(|h| self.stance_term(h));
        let Some(t) = term.filter(|t| t.polarity != Polarity::Ambivalent) else {
            return;
        };
        let (pol, w) = if main.negated {
            (t.polarity.flipped(), t.weight * 0.6)
        } else {
            (t.polarity, t.weight)
        };
        ev.add(pol, w, t.category);
    }

    /// The confidence, from modality, and whether a hedge was found.
    fn modality(&self, main: &MainAct<'_>) -> (f32, bool) {
        let mut confidence = 0.8f32;
        let mut hedged = false;
        let cue_end = self.cue.map(|c| c.end);
        let hits = if self.region.has(class::MODALITY) {
            self.region.hits
        } else {
            &[]
        };
        for h in hits {
            let in_content = self.in_content(h);
            for role in self.roles(h, class::MODALITY) {
                let Role::Modality { kind, weight } = role else {
                    continue;
                };
                match kind {
                    Modality::Booster => confidence = (confidence * (1.0 + weight)).min(1.0),
                    Modality::Hedge => {
                        hedged = true;
                        confidence *= 1.0 - weight;
                    }
                    Modality::Hypothetical if in_content => {
                        // "said it would": reported future, not a hypothesis.
                        let reported = cue_end.is_some_and(|e| e <= h.hit.span.start);
                        confidence *= 1.0 - if reported { weight / 2.0 } else { weight };
                    }
                    Modality::Conditional | Modality::Question if in_content => {
                        confidence *= 1.0 - weight;
                    }
                    _ => {}
                }
            }
        }
        if main.negated {
            confidence *= 0.9;
        }
        (confidence.clamp(0.05, 1.0), hedged)
    }

    /// The topics of the content, in order of first keyword: a topic with
    /// anchors only if an anchor is mentioned or the keyword names it.
    fn topics(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if !self.region.has(class::TOPIC) {
            return out;
        }
        let in_cue = |h: &Placed| self.cue.is_some_and(|c| c.contains(h.hit.span));
        for h in self
            .region
            .hits
            .iter()
            .filter(|h| self.in_content(h) || in_cue(h))
        {
            for role in self.roles(h, class::TOPIC) {
                let Role::Topic {
                    topic,
                    names_anchor,
                } = role
                else {
                    continue;
                };
                let t = &self.lex.topics[topic as usize];
                let anchored = t.anchors.is_empty()
                    || names_anchor
                    || t.anchors
                        .iter()
                        .any(|a| self.actors.iter().any(|x| x == a.as_str()));
                if anchored && !out.contains(&t.id) {
                    out.push(t.id.clone());
                }
            }
        }
        out
    }
}

/// The decision rules of the module docs, on summed evidence.
fn decide(ev: &Evidence) -> Stance {
    let (s, o, a) = (ev.support, ev.oppose, ev.ambivalent);
    let (p, q) = (s.max(o), s.min(o));
    if q >= 0.3 && q / p >= 0.6 {
        Stance::Mixed
    } else if a >= 1.5 * p && ev.divided < 0.4 {
        Stance::Neutral
    } else if p > 0.0 && a >= 0.6 * p {
        Stance::Mixed
    } else if s - o >= 0.3 {
        Stance::Support
    } else if o - s >= 0.3 {
        Stance::Oppose
    } else if ev.divided >= 0.4 {
        Stance::Mixed
    } else {
        Stance::Neutral
    }
}

/// Acts whose stance is the act itself: their object only describes what
/// is praised, backed or blamed ("defended Iraq against Western
/// criticism").
fn is_evaluative(act: SpeechAct) -> bool {
    matches!(
        act,
        SpeechAct::Support
            | SpeechAct::Reject
            | SpeechAct::Question
            | SpeechAct::Praise
            | SpeechAct::Thank
            | SpeechAct::Criticize
            | SpeechAct::Accuse
            | SpeechAct::Apologize
    )
}

/// Acts that commit the speaker to what they name: with nothing else said,
/// support.
fn is_commitment(act: SpeechAct) -> bool {
    matches!(
        act,
        SpeechAct::Propose | SpeechAct::Promise | SpeechAct::Agree
    )
}

/// Acts that advocate the topic they name ("called for a ceasefire"), when
/// the cue carries no stance of its own.
fn advocates(main: &MainAct<'_>) -> bool {
    let act = main.entry.map_or(main.act, |e| e.act);
    let open = main.entry.map_or(true, |e| e.stance.is_none());
    open && matches!(
        act,
        SpeechAct::Demand
            | SpeechAct::Appeal
            | SpeechAct::Propose
            | SpeechAct::Promise
            | SpeechAct::Agree
            | SpeechAct::Support
    )
}

/// ASCII-case-insensitive word equality, with curly apostrophes straight.
///
/// Byte by byte while the text is ASCII (most words are, and most
/// differ from `word` in their first byte); char by char from the start
/// when it is not (a curly apostrophe folds to a shorter one).
#[inline]
fn eq_word(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    if t.len() < w.len() {
        return false;
    }
    for (i, &b) in t.iter().enumerate() {
        if b >= 0x80 {
            return eq_word_chars(text, word);
        }
        // The bytes before are ASCII and equal: a byte here is a char.
        if w.get(i) != Some(&b.to_ascii_lowercase()) {
            return false;
        }
    }
    t.len() == w.len()
}

/// [`eq_word`] char by char: for a text word with a character that is
/// not ASCII.
#[inline(never)]
fn eq_word_chars(text: &str, word: &str) -> bool {
    text.chars()
        .map(|c| {
            if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        })
        .eq(word.chars())
}

#[cfg(test)]
pub(crate) mod debug {
    //! `STANDPOINT_DEBUG="a sentence" cargo test --lib classify::reading::debug -- --nocapture`
    //! prints the hits the classifier sees in a sentence.

    use crate::classify::LexiconClassifier;

    #[test]
    fn print_hits() {
        let Ok(sentence) = std::env::var("STANDPOINT_DEBUG") else {
            return;
        };
        println!("{}", LexiconClassifier::builtin().explain(&sentence));
        // STANDPOINT_DEBUG_CUE="refusing": classify with that cue and the
        // rest of the sentence as content, as the analyzer would.
        if let Ok(cue) = std::env::var("STANDPOINT_DEBUG_CUE") {
            use crate::classify::{SentenceClassifier, StatementText};
            use crate::Span;
            let at = sentence.find(&cue).expect("cue in sentence");
            let cue = Span::new(at, at + cue.len());
            let input = StatementText::new(&sentence, Span::new(cue.end + 1, sentence.len()))
                .with_cue(cue, None)
                .with_sentence(Span::new(0, sentence.len()));
            println!("{:?}", LexiconClassifier::builtin().classify(&input));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`eq_word`] as it was before its byte loop, the reference.
    fn eq_word_reference(text: &str, word: &str) -> bool {
        text.len() >= word.len()
            && text
                .chars()
                .map(|c| {
                    if c == '’' {
                        '\''
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .eq(word.chars())
    }

    /// Pieces of text words and of the lists' words, with the awkward
    /// characters.
    const PARTS: &str =
        "(a|A|b|'|\u{2019}|\u{e9}|\u{c9}|\\.|-|1|U\\.S|n't|N\u{2019}T|\u{2014}| ){0,6}";

    proptest! {
        #[test]
        fn eq_word_is_the_char_by_char_comparison(text in PARTS, word in PARTS) {
            prop_assert_eq!(eq_word(&text, &word), eq_word_reference(&text, &word));
            // The word as the lists spell it: lower case, straight
            // apostrophes.
            let listed = text.to_ascii_lowercase().replace('\u{2019}', "'");
            prop_assert_eq!(eq_word(&text, &listed), eq_word_reference(&text, &listed));
            prop_assert!(eq_word(&text, &listed));
        }
    }

    impl Reading<'_> {
        /// [`Reading::resolve_act_cue`] as it was before the rest's words
        /// were looked for first: the modifiers after a head counted
        /// first, the reference.
        fn resolve_act_cue_reference(&self, h: &Placed) -> Option<(u32, usize)> {
            let mut best: Option<(u32, usize, usize)> = None;
            let mut intent: Option<Intent> = None;
            let mut modifiers: Option<usize> = None;
            for role in self.roles(h, class::ACT) {
                if let Role::Act(i) | Role::ActHead(i) = role {
                    let act = &self.lex.acts[i as usize];
                    if act.intent {
                        let how = *intent.get_or_insert_with(|| self.intended(h.first));
                        let possible_threat =
                            how == Intent::Possible && act.act == SpeechAct::Threaten;
                        if how != Intent::Intended && !possible_threat {
                            continue;
                        }
                    }
                }
                let (i, last, rank) = match role {
                    Role::Act(i) => {
                        let act = &self.lex.acts[i as usize];
                        if act.tail.is_empty() {
                            (i, h.last, h.last - h.first)
                        } else {
                            match self.tail_after(h.last, &act.tail) {
                                Some(last) => (i, last, 100 + act.tail.len()),
                                None => continue,
                            }
                        }
                    }
                    Role::ActHead(i) => {
                        let rest = &self.lex.acts[i as usize].rest;
                        let from = h.last;
                        let at = if self.words_at(from, rest) {
                            Some(from)
                        } else {
                            let n = *modifiers.get_or_insert_with(|| self.modifiers_at(from));
                            (from + 1..=from + n).find(|&at| self.words_at(at, rest))
                        };
                        match at.map(|at| at + rest.len()) {
                            Some(last) => (i, last, last - h.first),
                            None => continue,
                        }
                    }
                    _ => continue,
                };
                if best.map_or(true, |b| rank > b.2) {
                    best = Some((i, last, rank));
                }
            }
            best.map(|(i, last, _)| (i, last))
        }
    }

    proptest! {
        /// A rest that `rest_may_start` turns away at a token is not
        /// there: for every multiword cue of the built-in lists, at every
        /// token and past the last.
        #[test]
        fn a_rest_turned_away_does_not_stand_there(
            words in proptest::collection::vec(0usize..CUE_WORDS.len(), 0..10),
        ) {
            let text = words.iter().map(|&w| CUE_WORDS[w]).collect::<Vec<_>>().join(" ");
            let lex = &crate::classify::LexiconClassifier::builtin().lexicon;
            let mut scratch = crate::classify::region::Scratch::default();
            let whole = Span::new(0, text.len());
            let region = scratch.fill(lex, &text, whole, text.len());
            let reading = Reading {
                lex,
                region,
                content: whole,
                cue: None,
                cue_lemma: None,
                actors: &[],
            };
            for act in lex.acts.iter().filter(|a| !a.rest.is_empty()) {
                for at in 0..reading.region.tokens.len() + 2 {
                    if !reading.rest_may_start(at, act.rest_head) {
                        prop_assert!(!reading.words_at(at, &act.rest), "{:?} {:?} at {}", text, act.rest, at);
                    }
                }
            }
        }
    }

    /// Heads of multiword cues, their rests, modifiers (adverbs, days,
    /// boosters, hedges) and other words.
    const CUE_WORDS: &[&str] = &[
        "in",
        "a",
        "statement",
        "is",
        "are",
        "be",
        "grateful",
        "very",
        "firmly",
        "strongly",
        "deeply",
        "today",
        "Thursday",
        "again",
        "reportedly",
        "stood",
        "stand",
        "with",
        "voiced",
        "strong",
        "displeasure",
        "will",
        "would",
        "not",
        "hesitate",
        "rule",
        "out",
        "said",
        "say",
        "no",
        "to",
        "called",
        "on",
        "for",
        "denied",
        "deny",
        "expressed",
        "deep",
        "concern",
        "the",
        "Ukraine",
        ",",
        ".",
        "\u{201c}",
        "accused",
        "of",
        "war",
        "crimes",
        "sorry",
        // Cases a rest's first byte and length must not pass over.
        "WITH",
        "With",
        "wi",
        "with\u{2019}s",
        "\u{2019}s",
        "Won\u{2019}t",
        "caf\u{e9}",
        "\u{c9}t\u{e9}",
        "internationally",
        "2022",
        "U.S",
        "stood-with",
    ];

    proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// The act of every hit, with the rest looked for first, is the
        /// act the reference finds.
        #[test]
        fn resolve_act_cue_is_the_reference(
            words in proptest::collection::vec(0usize..CUE_WORDS.len(), 0..14),
        ) {
            let text = words.iter().map(|&w| CUE_WORDS[w]).collect::<Vec<_>>().join(" ");
            let lex = &crate::classify::LexiconClassifier::builtin().lexicon;
            let mut scratch = crate::classify::region::Scratch::default();
            let whole = Span::new(0, text.len());
            let region = scratch.fill(lex, &text, whole, text.len());
            let reading = Reading {
                lex,
                region,
                content: whole,
                cue: None,
                cue_lemma: None,
                actors: &[],
            };
            for h in reading.region.hits {
                if h.classes & class::ACT != 0 {
                    prop_assert_eq!(
                        reading.resolve_act_cue(h),
                        reading.resolve_act_cue_reference(h),
                        "{:?} at {:?}",
                        &text,
                        h.hit.span
                    );
                }
            }
        }
    }

    #[test]
    fn eq_word_folds_case_and_curly_apostrophes_only() {
        assert!(eq_word("Won\u{2019}t", "won't"));
        assert!(eq_word("WILL", "will"));
        assert!(!eq_word("will", "WILL"));
        assert!(!eq_word("wills", "will"));
        assert!(!eq_word("wil", "will"));
        assert!(eq_word("caf\u{c9}", "caf\u{c9}"));
        assert!(!eq_word("caf\u{c9}", "caf\u{e9}"));
        assert!(!eq_word("\u{2019}", "\u{2019}"));
        assert!(eq_word("", ""));
    }
}
