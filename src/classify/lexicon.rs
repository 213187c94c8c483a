//! The classifier's tables compiled into one trie of folded patterns (see
//! `trie.rs`), which plays the part of an automaton.
//!
//! Every term of every table is a pattern; a pattern carries the roles of
//! all the entries spelled that way (the same words may be an act cue, a
//! stance term and a booster). The automaton reports overlapping matches;
//! for each kind of role the longest match wins: a match inside a longer
//! one (or overlapping an earlier one) keeps only the kinds of role the
//! other lacks. "support" inside "strong support for" still names the act;
//! its stance is that of "strong support".

use super::tables::{Category, Modality, NegationKind, Polarity, Scope, Tables};
use super::trie::{Next, RunStates, Trie, STAR_INSIDE};
use super::Topic;
use crate::error::Error;
use crate::text::{char_after, char_before, is_word_char, WordGate};
use crate::{Span, SpeechAct, Stance};

/// What a pattern means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Role {
    Stance {
        polarity: Polarity,
        weight: f32,
        category: Category,
        /// The term holds a negator ("never accept"): never negated again.
        lexicalised: bool,
    },
    /// An act cue: an index into [`Lexicon::acts`].
    Act(u32),
    /// The first word of a multiword act cue, whose other words must follow
    /// with at most two modifiers between ("stood firmly with").
    ActHead(u32),
    Negator {
        scope: Scope,
        weight: f32,
    },
    NonNegator,
    Reverser {
        weight: f32,
    },
    Modality {
        kind: Modality,
        weight: f32,
    },
    Topic {
        topic: u32,
        /// The keyword names an anchor of its topic ("nato membership").
        names_anchor: bool,
    },
}

/// Kinds of role, as bits: a hit ignores the kinds a longer hit holds.
pub(crate) mod class {
    pub const STANCE: u8 = 1;
    pub const ACT: u8 = 2;
    pub const NEGATOR: u8 = 4;
    pub const NON_NEGATOR: u8 = 8;
    pub const REVERSER: u8 = 16;
    pub const MODALITY: u8 = 32;
    pub const TOPIC: u8 = 64;
}

impl Role {
    fn class(&self) -> u8 {
        match self {
            Role::Stance { .. } => class::STANCE,
            Role::Act(_) | Role::ActHead(_) => class::ACT,
            Role::Negator { .. } => class::NEGATOR,
            Role::NonNegator => class::NON_NEGATOR,
            Role::Reverser { .. } => class::REVERSER,
            Role::Modality { .. } => class::MODALITY,
            Role::Topic { .. } => class::TOPIC,
        }
    }
}

/// An act cue, compiled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Act {
    pub act: SpeechAct,
    pub stance: Option<Stance>,
    pub weight: f32,
    /// The words after the first, for [`Role::ActHead`] ("with" of "stand
    /// with").
    pub rest: Box<[Box<str>]>,
    /// After a gap of one to four words, these words must follow
    /// ("accuse ... of war crimes").
    pub tail: Box<[Box<str>]>,
    /// An act only as an intent ("will provide", "vowed to retaliate").
    pub intent: bool,
    /// The first byte of `rest`'s first word when it is ASCII, with that
    /// word's length: a text word shorter, or whose first byte is other
    /// ASCII, is not it. `(0, 0)` when there is no such byte.
    pub rest_head: (u8, usize),
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// `term*`: the match extends to the end of its word.
    star: bool,
    /// "n't": may start inside a word.
    clitic: bool,
    /// Searched with a leading space: it must start a word.
    anchored: bool,
    /// The kinds of role it has.
    classes: u8,
    /// It holds a lexicalised negation ("never accept", "no objection").
    lexicalised: bool,
    roles: (u32, u32),
}

/// One hit of the automaton, checked for word boundaries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub span: Span,
    pub pattern: u32,
    /// Kinds of role this hit does not have here: a longer hit has them.
    pub mask: u8,
    /// A negator inside a lexicalised term ("never" of "never accept"): it
    /// negates no term, but still negates an act cue inside the term.
    pub lexical_negator: bool,
}

/// A match of the automaton: `from` is the text position just after its
/// first folded byte's (so a pattern's leading space is one byte before the
/// word it anchors), `end` its end in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw {
    pub from: usize,
    pub end: usize,
    pub pattern: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    trie: Trie,
    patterns: Vec<Pattern>,
    roles: Vec<Role>,
    /// The longest pattern, in bytes.
    longest: usize,
    /// Whether every match starts at a word start, a kept character that
    /// is no letter or digit, or the "n" of a clitic: see
    /// [`Lexicon::word_scan`].
    word_scan: bool,
    /// Per text byte, the trie's class of its folded byte (an ASCII byte
    /// folded by [`FOLD_BYTE`]; other bytes as they are).
    fold_class: [u8; 256],
    /// Per ASCII letter or digit: the transition a walk from a word start
    /// (the root's on a space) takes on it, when the space ends no
    /// pattern; all 0 when one does. See [`Lexicon::word_start`].
    word_start: [Next; 128],
    /// Whether [`Lexicon::word_start`] holds the walks from word starts,
    /// and the gates below tell which words such a walk may find a hit
    /// from (see [`Lexicon::walk_word`]).
    gated: bool,
    /// The first runs of ASCII letters and digits of the patterns
    /// anchored at a word start.
    first_runs: WordGate,
    /// The first [`Lexicon::star_len`] bytes of the star terms that are
    /// one run ("laud*").
    star_runs: WordGate,
    /// The shortest star term that is one run, at most eight bytes;
    /// `usize::MAX` when there is none.
    star_len: usize,
    /// The bits of a [`run_key`] that hold its first `star_len` bytes.
    star_mask: u64,
    /// The state after a space and each first run of the patterns
    /// anchored at a word start (its first eight bytes at most): see
    /// [`Lexicon::walk_word`].
    run_states: RunStates,
    pub acts: Vec<Act>,
    /// Act cue lemmas (without gaps), sorted, for cues the automaton did not
    /// see (a user's cue lexicon with other words).
    lemmas: Vec<(Box<str>, u32)>,
    /// The [`lemma_key`] of each of `lemmas`: in the same order, so that
    /// a search compares integers, not strings behind pointers.
    lemma_keys: Vec<u64>,
    pub topics: Vec<Topic>,
}

impl Tables {
    pub(crate) fn compile(&self) -> Result<Lexicon, Error> {
        let mut b = PatternSet::default();
        let negators = self.negator_words();
        for t in &self.stance {
            let lexicalised = t.term.split(' ').any(|w| negators.contains(&w));
            b.add(
                &t.term,
                Role::Stance {
                    polarity: t.polarity,
                    weight: t.weight,
                    category: t.category,
                    lexicalised,
                },
            );
        }
        let mut acts = Vec::with_capacity(self.acts.len());
        let mut lemmas: Vec<(Box<str>, u32)> = Vec::new();
        for cue in &self.acts {
            let (head, tail): (&str, Box<[Box<str>]>) = match cue.cue.split_once(" ... ") {
                Some((h, t)) => (h, t.split(' ').map(Box::from).collect()),
                None => (cue.cue.as_str(), Box::default()),
            };
            let words =
                |s: &str| -> Box<[Box<str>]> { s.split(' ').skip(1).map(Box::from).collect() };
            let index = acts.len() as u32;
            let rest: Box<[Box<str>]> = if tail.is_empty() {
                words(head)
            } else {
                Box::default()
            };
            let rest_head = match rest
                .first()
                .and_then(|w| Some((*w.as_bytes().first()?, w.len())))
            {
                Some((b, len)) if b.is_ascii() && b != 0 => (b, len),
                _ => (0, 0),
            };
            acts.push(Act {
                act: cue.act,
                stance: cue.stance,
                weight: cue.weight,
                intent: cue.intent,
                rest,
                tail,
                rest_head,
            });
            if !cue.cue.contains("...") {
                lemmas.push((Box::from(cue.cue.as_str()), index));
            }
            for form in inflections(head) {
                if let Some((first, _)) = form
                    .split_once(' ')
                    .filter(|_| !acts[index as usize].rest.is_empty())
                {
                    b.add(first, Role::ActHead(index));
                }
                b.add(&form, Role::Act(index));
            }
        }
        for n in &self.negation {
            let role = match n.kind {
                NegationKind::Negator(scope) => Role::Negator {
                    scope,
                    weight: n.weight,
                },
                NegationKind::NonNegator => Role::NonNegator,
                NegationKind::Reverser => Role::Reverser { weight: n.weight },
            };
            if n.kind == NegationKind::Reverser {
                for form in inflections(&n.term) {
                    b.add(&form, role);
                }
            } else {
                b.add(&n.term, role);
            }
        }
        for m in &self.modality {
            let role = Role::Modality {
                kind: m.kind,
                weight: m.weight,
            };
            b.add(&m.term, role);
        }
        for (i, topic) in self.topics.iter().enumerate() {
            for k in &topic.keywords {
                let names_anchor = names_anchor(topic, k);
                b.add(
                    k,
                    Role::Topic {
                        topic: i as u32,
                        names_anchor,
                    },
                );
            }
        }
        // The first cue of a lemma wins, as in the table.
        lemmas.sort_by(|a, b| a.0.cmp(&b.0));
        lemmas.dedup_by(|later, first| later.0 == first.0);
        let lemma_keys = lemmas.iter().map(|(l, _)| lemma_key(l)).collect();
        let (mut patterns, roles, texts) = b.finish();
        let longest = texts.iter().map(String::len).max().unwrap_or(0);
        // Patterns are searched in a folded copy of the text (see
        // `fold_char`), anchored at word starts by a leading space, so that
        // "in", "is" or "end" are not reported inside every word.
        let folded: Vec<Vec<u8>> = texts
            .iter()
            .zip(&mut patterns)
            .map(|(t, p)| {
                let mut f = Vec::with_capacity(t.len() + 1);
                p.anchored = !p.clitic && t.starts_with(|c: char| c.is_alphanumeric());
                if p.anchored {
                    f.push(b' ');
                }
                fold_pattern(t, &mut f);
                while f.last() == Some(&b' ') {
                    f.pop();
                }
                f
            })
            .collect();
        let trie = Trie::new(&folded)?;
        // A word start is the first byte after a blank that is not blank
        // itself: no pattern may hold two blanks at its start. A pattern
        // not anchored that starts with a letter or digit is a clitic
        // ("n't"), found from the joiner after its "n".
        let word_scan = trie.step(trie.root(b' '), b' ') == 0
            && folded.iter().all(|f| match f.first() {
                Some(&b) if b.is_ascii_alphanumeric() => {
                    b == b'n' && matches!(f.get(1), Some(b'\'' | 0xE2))
                }
                _ => true,
            });
        let fold_class: [u8; 256] = std::array::from_fn(|b| trie.class(FOLD_BYTE[b]));
        let space = trie.root(b' ');
        let word_start: [Next; 128] = std::array::from_fn(|b| {
            if space == 0 || space & 1 != 0 || !(b as u8).is_ascii_alphanumeric() {
                0
            } else {
                trie.step_class(space, fold_class[b])
            }
        });
        // The gates: per pattern anchored at a word start, its first run of
        // ASCII letters and digits, and whether it is a star term that is
        // all of it.
        let runs: Vec<(&[u8], bool)> = folded
            .iter()
            .zip(&patterns)
            .filter(|(f, p)| p.anchored && f.first() == Some(&b' '))
            .map(|(f, p)| {
                let w = &f[1..];
                let run = w.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                (&w[..run], p.star && run == w.len())
            })
            .filter(|(w, _)| !w.is_empty())
            .collect();
        let star_len = runs
            .iter()
            .filter(|r| r.1)
            .map(|r| r.0.len().min(8))
            .min()
            .unwrap_or(usize::MAX);
        let first_runs = WordGate::new(runs.iter().map(|r| r.0));
        let stars: Vec<&[u8]> = runs.iter().filter(|r| r.1).map(|r| r.0).collect();
        let run_states: Vec<(u64, Next, bool)> = runs
            .iter()
            .map(|&(w, _)| {
                let n = w.len().min(8);
                let mut head = [0u8; 8];
                head[..n].copy_from_slice(&w[..n]);
                let next = w[..n]
                    .iter()
                    .fold(space, |t, &b| if t == 0 { 0 } else { trie.step(t, b) });
                let key = run_key(u64::from_le_bytes(head), w.len());
                (key, next, star_inside(&stars, &w[..n]))
            })
            .collect();
        let run_states = RunStates::new(&trie, &run_states);
        let star_runs = WordGate::new(runs.iter().filter(|r| r.1).map(|r| &r.0[..star_len]));
        // Without the high bit of the first byte, which marks a long key
        // (no byte of a run has it).
        let star_mask = match star_len {
            0..=7 => (1u64 << (8 * star_len)) - 1,
            _ => !0,
        } & !0x80;
        Ok(Lexicon {
            trie,
            patterns,
            roles,
            longest,
            word_scan,
            fold_class,
            word_start,
            gated: space != 0 && space & 1 == 0,
            first_runs,
            star_runs,
            star_len,
            star_mask,
            run_states,
            acts,
            lemmas,
            lemma_keys,
            topics: self.topics.clone(),
        })
    }

    fn negator_words(&self) -> Vec<&str> {
        self.negation
            .iter()
            .filter(|n| matches!(n.kind, NegationKind::Negator(_)))
            .filter(|n| !n.term.contains(' '))
            .map(|n| n.term.as_str())
            .collect()
    }
}

/// Whether keyword `k` names one of the topic's anchors: an anchor id or
/// anchor word, as a whole word ("nato membership", "ukraine-nato council",
/// "join the alliance").
fn names_anchor(topic: &Topic, k: &str) -> bool {
    let words = || k.split([' ', '-']).map(|w| w.trim_end_matches("'s"));
    let by_id = topic
        .anchors
        .iter()
        .any(|a| words().any(|w| w.eq_ignore_ascii_case(a)));
    let by_word = topic.anchor_words.iter().any(|a| {
        let padded = format!(" {k} ");
        padded.contains(&format!(" {a} ")) || padded.contains(&format!(" {a}'s "))
    });
    by_id || by_word
}

/// The forms of a verb phrase whose first word is inflected: -s/-es,
/// -ed/-d, -ing, y -> ies/ied, and the doubled final consonant of short
/// verbs ("slammed"). Forms that are no English word are harmless: they
/// never occur in text.
pub(crate) fn inflections(phrase: &str) -> Vec<String> {
    let (verb, rest) = match phrase.split_once(' ') {
        Some((v, r)) => (v, format!(" {r}")),
        None => (phrase, String::new()),
    };
    let mut forms = vec![verb.to_string()];
    let bytes = verb.as_bytes();
    let n = bytes.len();
    let vowel = |b: u8| b"aeiou".contains(&b);
    if n >= 2 && verb.bytes().all(|b| b.is_ascii_lowercase()) {
        let last = bytes[n - 1];
        if last == b'y' && !vowel(bytes[n - 2]) {
            let stem = &verb[..n - 1];
            forms.push(format!("{stem}ies"));
            forms.push(format!("{stem}ied"));
            forms.push(format!("{verb}ing"));
        } else if last == b'e' {
            forms.push(format!("{verb}s"));
            forms.push(format!("{verb}d"));
            let stem = if verb.ends_with("ee") || verb.ends_with("ye") || verb.ends_with("oe") {
                verb
            } else {
                &verb[..n - 1]
            };
            forms.push(format!("{stem}ing"));
        } else {
            let es = ["s", "x", "z", "ch", "sh"]
                .iter()
                .any(|e| verb.ends_with(e));
            forms.push(if es {
                format!("{verb}es")
            } else {
                format!("{verb}s")
            });
            forms.push(format!("{verb}ed"));
            forms.push(format!("{verb}ing"));
            let cvc = n >= 3
                && !vowel(last)
                && vowel(bytes[n - 2])
                && !vowel(bytes[n - 3])
                && !b"wxy".contains(&last);
            if cvc {
                let c = last as char;
                forms.push(format!("{verb}{c}ed"));
                forms.push(format!("{verb}{c}ing"));
            }
        }
    }
    forms.into_iter().map(|f| f + &rest).collect()
}

/// The first 16 bytes of `text` as a number, in the order of the bytes
/// (shorter texts padded with zeros): for sorting texts.
fn prefix_key(text: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    let n = text.len().min(16);
    b[..n].copy_from_slice(&text[..n]);
    u128::from_be_bytes(b)
}

/// Patterns and their roles while the lexicon is built: every entry as
/// added, grouped by spelling in [`PatternSet::finish`] with a sort (no
/// hashing of the keys). A pattern's number is the order of its first
/// entry; its roles are in the order added, each once.
#[derive(Default)]
struct PatternSet {
    /// `(text, star, role)`, in the order added.
    entries: Vec<(String, bool, Role)>,
}

impl PatternSet {
    fn add(&mut self, term: &str, role: Role) {
        let (text, star) = match term.strip_suffix('*') {
            Some(s) => (s, true),
            None => (term, false),
        };
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.entries.push((text.to_string(), star, role));
        // Curly apostrophes spell the same words.
        if text.contains('\'') {
            self.entries.push((text.replace('\'', "’"), star, role));
        }
    }

    /// Groups the entries by spelling: the texts, star flags and roles of
    /// the patterns, numbered in order of their first entries.
    fn group(self) -> (Vec<String>, Vec<bool>, Vec<Vec<Role>>) {
        let entries = self.entries;
        // Entries of one spelling together, in the order added: the first
        // of a run is the spelling's first entry. A text's first 16 bytes
        // as a number, its length and the star tell most spellings apart;
        // longer texts that share all three are compared in full.
        let mut order: Vec<(u128, usize, bool, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (prefix_key(e.0.as_bytes()), e.0.len(), e.1, i as u32))
            .collect();
        order.sort_unstable();
        let mut k = 0;
        while k < order.len() {
            let key = |e: &(u128, usize, bool, u32)| (e.0, e.1, e.2);
            let n = 1 + order[k + 1..]
                .iter()
                .take_while(|e| key(e) == key(&order[k]))
                .count();
            if n > 1 && order[k].1 > 16 {
                order[k..k + n].sort_unstable_by(|a, b| {
                    (entries[a.3 as usize].0.as_str(), a.3)
                        .cmp(&(entries[b.3 as usize].0.as_str(), b.3))
                });
            }
            k += n;
        }
        let order: Vec<u32> = order.into_iter().map(|e| e.3).collect();
        // Per entry: the first entry of its spelling.
        let mut first_of = vec![0u32; entries.len()];
        let mut run = 0u32;
        let same = |a: u32, b: u32| {
            let (x, y) = (&entries[a as usize], &entries[b as usize]);
            x.0 == y.0 && x.1 == y.1
        };
        for (k, &e) in order.iter().enumerate() {
            if k == 0 || !same(run, e) {
                run = e;
            }
            first_of[e as usize] = run;
        }
        let mut slot = vec![u32::MAX; entries.len()];
        let mut texts = Vec::new();
        let mut star = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        for (i, (text, s, role)) in entries.into_iter().enumerate() {
            let first = first_of[i] as usize;
            if slot[first] == u32::MAX {
                slot[first] = texts.len() as u32;
                texts.push(text);
                star.push(s);
                roles.push(Vec::new());
            }
            let r = &mut roles[slot[first] as usize];
            if !r.contains(&role) {
                r.push(role);
            }
        }
        (texts, star, roles)
    }

    /// Flattens the roles into one table.
    fn finish(self) -> (Vec<Pattern>, Vec<Role>, Vec<String>) {
        let (texts, star, all_roles) = self.group();
        let mut flat = Vec::new();
        let mut patterns = Vec::with_capacity(texts.len());
        for (i, roles) in all_roles.iter().enumerate() {
            let start = flat.len() as u32;
            flat.extend_from_slice(roles);
            let t = &texts[i];
            patterns.push(Pattern {
                star: star[i],
                clitic: t.starts_with("n'") || t.starts_with("n’"),
                anchored: false,
                classes: roles.iter().fold(0, |c, r| c | r.class()),
                lexicalised: roles.iter().any(|r| {
                    matches!(
                        r,
                        Role::Stance {
                            lexicalised: true,
                            ..
                        }
                    )
                }),
                roles: (start, flat.len() as u32),
            });
        }
        (patterns, flat, texts)
    }
}

impl Lexicon {
    /// Every match of the automaton in `folded`, a stretch of text folded
    /// by [`fold_char`] after one space, whose first byte is byte `base`
    /// of the text: in order of their starts.
    pub(crate) fn matches(&self, base: usize, folded: &[u8], out: &mut Vec<Raw>) {
        self.trie.for_each(folded, |start, end, pattern| {
            out.push(Raw {
                from: base + start,
                end: base + end - 1,
                pattern,
            });
        });
    }

    /// Whether the matches of a text can be found by walking the trie
    /// only from word starts, kept marks and clitics, as the tokenizer
    /// meets them ([`Lexicon::walk`]), rather than from every byte of a
    /// folded copy: true of the built-in lists, and of any whose patterns
    /// start with a word or a mark.
    pub(crate) fn word_scan(&self) -> bool {
        self.word_scan
    }

    /// This lexicon, found by the scan of a folded copy: for comparing the
    /// two scans.
    #[cfg(test)]
    pub(crate) fn without_word_scan(mut self) -> Lexicon {
        self.word_scan = false;
        self
    }

    /// The trie's transition from its root on the folded byte `b`.
    #[inline]
    pub(crate) fn root(&self, b: u8) -> Next {
        self.trie.root(b)
    }

    /// The transition a walk from the word start at ASCII letter or digit
    /// `b` takes after the space and `b`, when no pattern ends at the
    /// space (none does in the built-in lists): a walk from there over the
    /// bytes after `b` finds what a walk from the space does. 0 when the
    /// walk has nowhere to go, or when a pattern ends at the space (walk
    /// from the space then).
    #[inline]
    pub(crate) fn word_start(&self, b: u8) -> Next {
        self.word_start.get(b as usize).copied().unwrap_or(0)
    }

    /// Whether [`Lexicon::word_start`] holds the walks from word starts
    /// (for the plain tokenizer the tests compare with).
    #[cfg(test)]
    pub(crate) fn skips_space(&self) -> bool {
        self.gated
    }

    /// The walk from the word start at byte `pos` of `text`, an ASCII
    /// letter or digit that begins a run of `run` of them whose
    /// [`run_key`] is `key`, to at most byte `end`, into `out`. Whether
    /// and where it starts is found in line (in the tokenizer's word
    /// loop: a word whose walk would find nothing costs no call, nor one
    /// whose walk would only find the patterns that end at its run); the
    /// walk itself is [`Lexicon::walk_cold`], whose loop keeps its values
    /// in registers.
    ///
    /// A pattern's match from a word start has the word's run for its own
    /// first run, or ends inside the run, and then is no whole word (no
    /// hit) unless it is a star term whose text is one run, a prefix of
    /// the word's ("laud*" in "laudable"). So when the space ends no
    /// pattern, a word whose run may be a pattern's first run (the gate
    /// `first_runs` says so) is walked from the state [`RunStates`] holds
    /// for its run, past its first eight bytes at most, unless a star
    /// term ends inside those bytes (the table says so too); a word whose
    /// run is none, from past its first letter ([`Lexicon::word_start`])
    /// when a star term may start it (the gate `star_runs`). Else the
    /// walk starts from the root's space.
    #[inline(always)]
    pub(crate) fn walk_word(
        &self,
        text: &str,
        pos: usize,
        key: u64,
        run: usize,
        end: usize,
        out: &mut Vec<Raw>,
    ) {
        if !self.gated {
            let space = self.trie.root(b' ');
            if space != 0 {
                self.walk_cold(text, pos, space, pos, end, out);
            }
            return;
        }
        let star_gate = || run > self.star_len && self.star_runs.may_hold(key & self.star_mask);
        let star = if self.first_runs.may_hold(key) {
            let (t, letters) = self.run_states.get(key);
            if t == 0 {
                // No pattern's first run (the gate let it through).
                star_gate()
            } else if letters & STAR_INSIDE == 0 {
                let j = pos + run.min(8);
                if may_go_on(text.as_bytes(), j, end, letters) {
                    self.walk_cold(text, pos, t, j, end, out);
                } else if t & 1 != 0 {
                    // No pattern goes on past the run: the matches that
                    // end at it are all the walk would find ("said",
                    // "not" before a word that starts none with them).
                    self.push_outputs(t >> 1, pos, j, out);
                }
                return;
            } else {
                true
            }
        } else {
            star_gate()
        };
        if star {
            let t = text.as_bytes().get(pos).map_or(0, |&b| self.word_start(b));
            if t != 0 {
                self.walk_cold(text, pos, t, pos + 1, end, out);
            }
        }
    }

    /// The matches of a walk through the trie, from transition `t`, over
    /// `text` folded on the way (as [`fold_str`] folds it) from byte `j`
    /// (a char boundary) to at most byte `end`, into `out`, with `from`
    /// as their [`Raw::from`]: in order of their ends, as
    /// [`Lexicon::matches`] reports those of one start.
    #[inline(always)]
    pub(crate) fn walk(
        &self,
        text: &str,
        from: usize,
        t: Next,
        mut j: usize,
        end: usize,
        out: &mut Vec<Raw>,
    ) {
        let bytes = text.as_bytes();
        // The walk reads no further than `end`: one bound, not two.
        let bytes = &bytes[..end.min(bytes.len())];
        // Bytes left of a character folded to blanks.
        let mut blank = 0usize;
        if t & 1 != 0 {
            for &pattern in self.trie.outputs(t) {
                out.push(Raw {
                    from,
                    end: j,
                    pattern,
                });
            }
        }
        // The state's cell and base: a step reads the next cell only.
        let (mut s, mut base) = self.trie.cursor(t);
        while let Some(&b) = bytes.get(j) {
            let mut c = self.fold_class[b as usize];
            if b >= 0x80 {
                (c, blank) = self.high_class(text, j, blank);
            }
            let Some((next, next_base, ends)) = self.trie.child(s, base, c) else {
                break;
            };
            (s, base) = (next, next_base);
            j += 1;
            if ends {
                self.push_outputs(s, from, j, out);
            }
        }
    }

    /// The class of the byte at `j` of `text`, which is not ASCII, with
    /// `blank` bytes left of a character folded to blanks: a character
    /// that is no word character nor joiner folds to blanks, one a byte.
    /// Returns the class and the bytes left. Not inlined: the walk's loop
    /// keeps its values in registers without it.
    #[cold]
    #[inline(never)]
    fn high_class(&self, text: &str, j: usize, blank: usize) -> (u8, usize) {
        let space = self.fold_class[b' ' as usize];
        if blank > 0 {
            return (space, blank - 1);
        }
        let b = text.as_bytes()[j];
        if b >= 0xC0 {
            let ch = text[j..].chars().next().unwrap_or(' ');
            if !(is_word_char(ch) || is_joiner(ch)) {
                return (space, ch.len_utf8() - 1);
            }
        }
        (self.fold_class[b as usize], 0)
    }

    /// The patterns that end at state `s` as matches from `from` to `end`,
    /// into `out`: not inlined, for the walk's loop (a walk reaches an
    /// output at one step in nine).
    #[inline(never)]
    fn push_outputs(&self, s: u32, from: usize, end: usize, out: &mut Vec<Raw>) {
        for &pattern in self.trie.outputs_at(s) {
            out.push(Raw { from, end, pattern });
        }
    }

    /// [`Lexicon::walk`], not inlined: for the walks from word starts,
    /// whose loop then keeps its values in registers (inlined in the
    /// tokenizer, it keeps them on the stack), and the rare others.
    #[inline(never)]
    pub(crate) fn walk_cold(
        &self,
        text: &str,
        from: usize,
        t: Next,
        j: usize,
        end: usize,
        out: &mut Vec<Raw>,
    ) {
        self.walk(text, from, t, j, end, out);
    }

    /// The hits in `span` of `text` into `out`, in text order (longest
    /// first at a position): whole words (hyphenated words are one word), a
    /// star term extended to the end of its word, each with the kinds of
    /// role a longer hit over it does not already hold.
    ///
    /// `matches` are the automaton's matches in the region folded by
    /// [`fold_char`] after one space (see [`Lexicon::matches`]), in
    /// order of their starts.
    pub(crate) fn hits(
        &self,
        text: &str,
        span: Span,
        matches: impl Iterator<Item = Raw>,
        out: &mut Vec<Hit>,
    ) {
        out.clear();
        for m in matches {
            let p = m.pattern as usize;
            let pat = self.patterns[p];
            // An anchored pattern has one leading space.
            let start = m.from + usize::from(pat.anchored) - 1;
            let mut end = m.end;
            if !pat.anchored && !pat.clitic && !starts_word(text, start) {
                continue;
            }
            if pat.star {
                while let Some(c) = char_after(text, end).filter(|&c| is_word_char(c)) {
                    end += c.len_utf8();
                }
            }
            if !ends_word(text, end) {
                continue;
            }
            let mask = if is_name_like(text, span.start, start) {
                !class::TOPIC
            } else {
                0
            };
            out.push(Hit {
                span: Span::new(start, end.min(span.end)),
                pattern: m.pattern,
                mask,
                lexical_negator: false,
            });
        }
        // Matches come in order of their starts, shorter first.
        insertion_sort(out, |h| {
            (h.span.start, std::cmp::Reverse(h.span.end), h.pattern)
        });
        self.mask_overlaps(out);
    }

    /// Masks, in each hit, the kinds of role an earlier (or longer) hit
    /// over it holds, and drops the hits left with none.
    ///
    /// Most hits overlap none kept before them: the furthest end of a
    /// kept hit tells so without the walk back over them.
    fn mask_overlaps(&self, hits: &mut Vec<Hit>) {
        let mut kept = 0;
        let mut reach = 0;
        for i in 0..hits.len() {
            let mut c = hits[i];
            let classes = self.patterns[c.pattern as usize].classes;
            let earlier = if reach > c.span.start {
                &hits[..kept]
            } else {
                &[]
            };
            for k in earlier.iter().rev() {
                if k.span.start + self.longest + 64 < c.span.start {
                    break;
                }
                if k.span.end <= c.span.start {
                    continue;
                }
                let kp = self.patterns[k.pattern as usize];
                let k_classes = kp.classes & !k.mask;
                let inside = k.span.start <= c.span.start && c.span.end <= k.span.end;
                // Keywords of two topics may overlap ("bid to join the
                // European Union"); one inside another is the same mention.
                let shared = if inside {
                    k_classes
                } else {
                    k_classes & !class::TOPIC
                };
                c.mask |= classes & shared;
                if inside && k_classes & class::NON_NEGATOR != 0 {
                    // "not only", "refused to rule out": its words are spent.
                    c.mask |= !class::TOPIC;
                }
                if inside && kp.lexicalised && classes & class::NEGATOR != 0 {
                    c.mask |= class::NEGATOR;
                    c.lexical_negator = true;
                }
            }
            if classes & !c.mask != 0 || c.lexical_negator {
                hits[kept] = c;
                kept += 1;
                reach = reach.max(c.span.end);
            }
        }
        hits.truncate(kept);
    }

    /// The kinds of role a hit holds here (see [`class`]).
    #[inline]
    pub(crate) fn classes(&self, hit: &Hit) -> u8 {
        self.patterns[hit.pattern as usize].classes & !hit.mask
    }

    /// The roles of a hit it holds here (the reading asks
    /// [`Lexicon::roles_of`]).
    #[cfg(test)]
    pub(crate) fn roles<'a>(&'a self, hit: &'a Hit) -> impl Iterator<Item = Role> + 'a {
        let (a, b) = self.patterns[hit.pattern as usize].roles;
        self.roles[a as usize..b as usize]
            .iter()
            .copied()
            .filter(move |r| r.class() & hit.mask == 0)
    }

    /// The roles of a hit it holds here, of the kinds `kinds` ([`class`]),
    /// given the kinds it holds, `held` ([`Lexicon::classes`]): none
    /// walked when it holds none of them.
    #[inline]
    pub(crate) fn roles_of<'a>(
        &'a self,
        hit: &'a Hit,
        held: u8,
        kinds: u8,
    ) -> impl Iterator<Item = Role> + 'a {
        let roles = if held & kinds != 0 {
            let (a, b) = self.patterns[hit.pattern as usize].roles;
            &self.roles[a as usize..b as usize]
        } else {
            &[]
        };
        roles
            .iter()
            .copied()
            .filter(move |r| r.class() & hit.mask == 0)
    }

    /// The negator role of a hit, even when a lexicalised term holds it
    /// ("never" of "never accept"): for negating an act cue inside it.
    pub(crate) fn lexical_negator(&self, hit: &Hit) -> bool {
        let (a, b) = self.patterns[hit.pattern as usize].roles;
        hit.lexical_negator
            && self.roles[a as usize..b as usize]
                .iter()
                .any(|r| matches!(r, Role::Negator { .. }))
    }

    /// The act entry of a cue lemma ("accuse", "call for"), or of its first
    /// word: a binary search, no hashing.
    pub(crate) fn act_of_lemma(&self, lemma: &str) -> Option<u32> {
        let find = |l: &str| {
            // The lemmas are lower case: a lemma without capitals compares
            // as its bytes, and first by its key (most by their key only).
            if !l.bytes().any(|b| b.is_ascii_uppercase()) {
                let key = lemma_key(l);
                let at = self.lemma_keys.partition_point(|&k| k < key);
                return self.lemma_keys[at..]
                    .iter()
                    .take_while(|&&k| k == key)
                    .zip(&self.lemmas[at..])
                    .find(|(_, (k, _))| k.as_bytes() == l.as_bytes())
                    .map(|(_, &(_, i))| i);
            }
            self.lemmas
                .binary_search_by(|(k, _)| cmp_ignore_case(k, l))
                .ok()
                .map(|i| self.lemmas[i].1)
        };
        let lemma = lemma.trim();
        // A lemma of one word is its own first word: one search.
        find(lemma).or_else(|| find(lemma.split_once(' ')?.0))
    }
}

/// Whether a walk that reached byte `j` of `bytes` (read to `end`) in a
/// state with no pattern ending there may find a match: not when a
/// blank and then a letter not among `letters` (bits from "a", the
/// letters after a blank there) follow.
#[inline(always)]
fn may_go_on(bytes: &[u8], j: usize, end: usize, letters: u32) -> bool {
    match (bytes.get(j), bytes.get(j + 1)) {
        (Some(&blank), Some(&b)) if j + 1 < end && FOLD_BYTE[blank as usize] == b' ' => {
            let letter = (b | 0x20).wrapping_sub(b'a');
            !(letter < 26 && letters & 1 << letter == 0)
        }
        _ => true,
    }
}

/// A lemma's first eight bytes, big-endian, zero-padded: lemmas in byte
/// order have their keys in order, and those of equal keys are together.
#[inline]
fn lemma_key(lemma: &str) -> u64 {
    let mut head = [0u8; 8];
    let n = lemma.len().min(8);
    head[..n].copy_from_slice(&lemma.as_bytes()[..n]);
    u64::from_be_bytes(head)
}

fn cmp_ignore_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Appends `c` (a word character if `word`) to `out` folded for matching,
/// byte for byte: ASCII letters
/// lower-cased, word characters, joiners ("-", "'", "’") and "?" kept, any
/// other character blanked (each of its bytes a space), so that every word
/// starts after a space and offsets stay those of the text.
#[inline]
pub(crate) fn fold_char(c: char, word: bool, out: &mut Vec<u8>) {
    if c.is_ascii() {
        let b = c as u8;
        out.push(match b {
            b'A'..=b'Z' => b.to_ascii_lowercase(),
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'\'' | b'?' => b,
            _ => b' ',
        });
    } else if word || is_joiner(c) {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    } else {
        out.extend(std::iter::repeat(b' ').take(c.len_utf8()));
    }
}

/// Appends `s` folded for matching, as [`fold_char`] does each of its
/// characters.
pub(crate) fn fold_str(s: &str, out: &mut Vec<u8>) {
    let at = out.len();
    // Every byte through the table (other characters keep their bytes),
    // then the other characters that are neither word characters nor
    // joiners blanked.
    out.extend(s.bytes().map(|b| FOLD_BYTE[b as usize]));
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b >= 0x80) {
        i += k;
        let c = s[i..].chars().next().unwrap_or(' ');
        let n = c.len_utf8();
        if !is_word_char(c) && !is_joiner(c) {
            out[at + i..at + i + n].fill(b' ');
        }
        i += n;
    }
}

/// [`fold_char`] of each ASCII byte; other bytes kept.
pub(crate) static FOLD_BYTE: [u8; 256] = {
    let mut t = [b' '; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'A'..=b'Z' => c.to_ascii_lowercase(),
            c @ (b'a'..=b'z' | b'0'..=b'9' | b'-' | b'\'' | b'?') => c,
            c @ 0x80..=0xFF => c,
            _ => b' ',
        };
        b += 1;
    }
    t
};

/// The key [`WordGate`] reads for the run of `run` ASCII letters and
/// digits whose first eight bytes are `chunk` (little-endian; bytes past
/// the run are ignored): its letters lower-cased (`| 0x20` keeps digits),
/// the bytes past it cleared, the first byte's high bit set (no ASCII byte
/// has it) when it is longer than eight.
#[inline(always)]
pub(crate) fn run_key(chunk: u64, run: usize) -> u64 {
    let folded = chunk | 0x2020_2020_2020_2020;
    if run >= 8 {
        folded | if run > 8 { 0x80 } else { 0 }
    } else {
        folded & ((1u64 << (8 * run)) - 1)
    }
}

/// Whether a star term of `stars` (each one run) ends inside `head`, the
/// first eight bytes at most of a run ([`Lexicon::walk_word`] walks such
/// a run from its first letter, not from past `head`): a term that is a
/// prefix of `head` and shorter than it. A term that is all of `head`
/// ends where the walk past it starts, and one longer than `head` (the
/// run is longer than eight bytes) is found by that walk.
fn star_inside(stars: &[&[u8]], head: &[u8]) -> bool {
    stars
        .iter()
        .any(|s| s.len() < head.len() && head.starts_with(s))
}

/// A pattern folded as the text is.
fn fold_pattern(t: &str, out: &mut Vec<u8>) {
    for c in t.chars() {
        fold_char(c, is_word_char(c), out);
    }
}

/// Sorts a nearly sorted slice in place.
fn insertion_sort<T: Copy, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Joiners that make one word of two: "de-escalation", "Kyiv's".
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{2010}' | '\u{2011}')
}

fn starts_word(text: &str, pos: usize) -> bool {
    match char_before(text, pos) {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_joiner(c) => !char_before(text, pos - c.len_utf8()).is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// Whether a word ends at byte `pos` of `text`: in line for the common
/// case, a word that ends before an ASCII space or punctuation mark.
#[inline]
fn ends_word(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        None => true,
        Some(&b) if b < 0x80 && !b.is_ascii_alphanumeric() && b != b'-' && b != b'\'' => true,
        _ => ends_word_slow(text, pos),
    }
}

/// [`ends_word`] before a letter, a digit, a joiner or a character that
/// is not ASCII.
#[inline(never)]
fn ends_word_slow(text: &str, pos: usize) -> bool {
    match char_after(text, pos) {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_joiner(c) => {
            let rest = &text[pos + c.len_utf8()..];
            // A possessive ends the word ("Ukraine's"); "NATO-led" does not.
            let possessive =
                c != '-' && rest.starts_with(['s', 'S']) && ends_word(text, pos + c.len_utf8() + 1);
            possessive || !rest.starts_with(is_word_char)
        }
        Some(_) => true,
    }
}

/// A title-case word inside a sentence ("May", "Hope"): a name, not a term.
/// All-capital words (NATO) and sentence starts are terms.
#[inline]
fn is_name_like(text: &str, region_start: usize, pos: usize) -> bool {
    // Most terms start with an ASCII byte that is no capital: no decoding.
    match text.as_bytes().get(pos) {
        Some(&b) if b < 0x80 && !b.is_ascii_uppercase() => false,
        _ => is_name_like_slow(text, region_start, pos),
    }
}

/// [`is_name_like`] of a term that starts with a capital or a character
/// that is not ASCII.
#[inline(never)]
fn is_name_like_slow(text: &str, region_start: usize, pos: usize) -> bool {
    let mut chars = text[pos..].chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return false;
    };
    if !a.is_uppercase() || !b.is_lowercase() || pos <= region_start {
        return false;
    }
    let head = text[region_start..pos]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '(' | '\''));
    !(head.is_empty() || head.ends_with(['.', '!', '?', ':', ';']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_inflect_on_their_first_word() {
        let forms = inflections("accuse");
        for f in ["accuse", "accuses", "accused", "accusing"] {
            assert!(forms.contains(&f.to_string()), "{f}: {forms:?}");
        }
        let forms = inflections("call for");
        assert!(forms.contains(&"called for".to_string()));
        assert!(forms.contains(&"calling for".to_string()));
        let forms = inflections("deny");
        assert!(forms.contains(&"denied".to_string()) && forms.contains(&"denies".to_string()));
        assert!(inflections("slam").contains(&"slammed".to_string()));
        assert!(inflections("push for").contains(&"pushes for".to_string()));
        assert!(inflections("agree").contains(&"agreeing".to_string()));
    }

    #[test]
    fn word_boundaries_keep_hyphenated_words_whole() {
        let t = "de-escalation of Ukraine's NATO-led plan";
        let e = t.find("escalation").unwrap();
        assert!(!starts_word(t, e));
        let u = t.find("Ukraine").unwrap();
        assert!(ends_word(t, u + "Ukraine".len()), "possessive ends a word");
        let n = t.find("NATO").unwrap();
        assert!(!ends_word(t, n + 4), "NATO-led is one word");
    }

    #[test]
    fn a_string_folds_as_its_characters() {
        let s = "Kyiv\u{2019}s \u{201c}NON-Aggression\u{201d} pact \u{2014} Za\u{308}hl? 42, \u{e9}t\u{e9}";
        let mut each = Vec::new();
        for c in s.chars() {
            fold_char(c, is_word_char(c), &mut each);
        }
        let mut all = b"x".to_vec();
        fold_str(s, &mut all);
        assert_eq!(all[1..], each[..]);
        assert_eq!(all.len(), s.len() + 1);
    }

    #[test]
    fn patterns_are_numbered_by_first_entry_with_roles_in_order() {
        let mut set = PatternSet::default();
        set.add("zeal", Role::NonNegator);
        set.add("alarm*", Role::NonNegator);
        set.add("zeal", Role::Act(1));
        set.add("alarm", Role::Act(2));
        set.add("zeal", Role::NonNegator);
        set.add("won't", Role::Act(3));
        // Long texts that share their first 16 bytes and their length.
        set.add("a lasting peace in two", Role::Act(4));
        set.add("a lasting peace in one", Role::Act(5));
        set.add("a lasting peace in two", Role::Act(6));
        let (texts, star, roles) = set.group();
        let want = [
            "zeal",
            "alarm",
            "alarm",
            "won't",
            "won’t",
            "a lasting peace in two",
            "a lasting peace in one",
        ];
        assert_eq!(texts, want);
        assert_eq!(star, [false, true, false, false, false, false, false]);
        assert_eq!(roles[0], [Role::NonNegator, Role::Act(1)]);
        assert_eq!(roles[2], [Role::Act(2)]);
        assert_eq!(roles[4], [Role::Act(3)]);
        assert_eq!(roles[5], [Role::Act(4), Role::Act(6)]);
        assert_eq!(roles[6], [Role::Act(5)]);
    }

    #[test]
    fn roles_of_a_kind_are_the_roles_of_that_kind() {
        // The reading asks a hit for its roles of some kinds only; the
        // kinds it holds skip the walk over them when it holds none.
        let lex = &crate::classify::LexiconClassifier::builtin().lexicon;
        let kinds = [1u8, 2, 4, 8, 16, 32, 64, 2 | 4, 16 | 64, 127];
        for pattern in 0..lex.patterns.len() as u32 {
            for mask in [0u8, 1, 2, 4, 8, 32, 64, !class::TOPIC, 0x7F] {
                let hit = Hit {
                    span: Span::new(0, 1),
                    pattern,
                    mask,
                    lexical_negator: false,
                };
                let held = lex.classes(&hit);
                for k in kinds {
                    let of_kind = |r: &Role| r.class() & k != 0;
                    let all: Vec<Role> = lex.roles(&hit).filter(of_kind).collect();
                    let asked: Vec<Role> = lex.roles_of(&hit, held, k).filter(of_kind).collect();
                    assert_eq!(asked, all, "pattern {pattern}, mask {mask}, kinds {k}");
                }
            }
        }
    }

    #[test]
    fn names_are_not_terms() {
        let t = "Theresa May said. May I ask?";
        assert!(is_name_like(t, 0, t.find("May").unwrap()));
        assert!(!is_name_like(t, 0, t.find("May I").unwrap()));
        assert!(!is_name_like(t, 0, 0));
    }

    /// [`Lexicon::act_of_lemma`] as it was before the keys: a binary
    /// search of the strings, the reference.
    fn act_of_lemma_reference(lex: &Lexicon, lemma: &str) -> Option<u32> {
        fn cmp_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
            for (x, y) in a.iter().zip(b) {
                if x != y {
                    return x.cmp(y);
                }
            }
            a.len().cmp(&b.len())
        }
        let find = |l: &str| {
            let lower = !l.bytes().any(|b| b.is_ascii_uppercase());
            lex.lemmas
                .binary_search_by(|(k, _)| {
                    if lower {
                        cmp_bytes(k.as_bytes(), l.as_bytes())
                    } else {
                        cmp_ignore_case(k, l)
                    }
                })
                .ok()
                .map(|i| lex.lemmas[i].1)
        };
        let lemma = lemma.trim();
        find(lemma).or_else(|| find(lemma.split_once(' ')?.0))
    }

    fn builtin_lexicon() -> &'static Lexicon {
        &crate::classify::LexiconClassifier::builtin().lexicon
    }

    /// [`Lexicon::walk_word`] as it was before [`RunStates`], the
    /// reference: past the word's first letter, through its whole run
    /// (no gate).
    fn walk_word_reference(lex: &Lexicon, text: &str, pos: usize, end: usize, out: &mut Vec<Raw>) {
        if lex.gated {
            let t = text.as_bytes().get(pos).map_or(0, |&b| lex.word_start(b));
            if t != 0 {
                lex.walk(text, pos, t, pos + 1, end, out);
            }
        } else {
            let space = lex.trie.root(b' ');
            if space != 0 {
                lex.walk_cold(text, pos, space, pos, end, out);
            }
        }
    }

    /// The hits of the walk from the word start at byte `pos` of `text`:
    /// by [`Lexicon::walk_word`] behind the gate, as the tokenizer asks,
    /// or by the reference.
    fn word_hits(lex: &Lexicon, text: &str, pos: usize, reference: bool) -> Vec<(Span, u32, u8)> {
        let b = text.as_bytes();
        let run = b[pos..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let n = run.min(8);
        let mut head = [0u8; 8];
        head[..n].copy_from_slice(&b[pos..pos + n]);
        let key = run_key(u64::from_le_bytes(head), run);
        let mut raw = Vec::new();
        if reference {
            walk_word_reference(lex, text, pos, text.len(), &mut raw);
        } else {
            lex.walk_word(text, pos, key, run, text.len(), &mut raw);
        }
        let mut hits = Vec::new();
        lex.hits(text, Span::new(0, text.len()), raw.into_iter(), &mut hits);
        hits.iter().map(|h| (h.span, h.pattern, h.mask)).collect()
    }

    /// Every term of the built-in lists, as the lexicon adds them (act
    /// cues and reversers inflected).
    fn builtin_terms() -> &'static [String] {
        static TERMS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TERMS.get_or_init(|| {
            let mut t = Tables::default();
            let c = |r: Result<(), Error>| r.unwrap();
            c(t.stance_tsv("stance.tsv", include_str!("data/stance.tsv")));
            c(t.acts_tsv("acts.tsv", include_str!("data/acts.tsv")));
            c(t.negation_tsv("negation.tsv", include_str!("data/negation.tsv")));
            c(t.modality_tsv("modality.tsv", include_str!("data/modality.tsv")));
            c(t.topics_tsv("topics.tsv", include_str!("data/topics.tsv")));
            let mut terms: Vec<String> = t.stance.iter().map(|s| s.term.clone()).collect();
            for cue in &t.acts {
                let head = cue.cue.split(" ... ").next().unwrap_or_default();
                terms.extend(inflections(head));
            }
            for n in &t.negation {
                terms.extend(inflections(&n.term));
            }
            terms.extend(t.modality.iter().map(|m| m.term.clone()));
            terms.extend(t.topics.iter().flat_map(|k| k.keywords.iter().cloned()));
            terms
        })
    }

    const SUFFIXES: &[&str] = &[
        "",
        "",
        "s",
        "ed",
        "ing",
        "ly",
        "x",
        "9",
        "\u{e9}",
        "-",
        "'s",
        "\u{2019}s",
        "abcdefgh",
    ];
    const SEPARATORS: &[&str] = &[" ", " ", "  ", ", ", "-", "'", ".", "", "\u{2014}", " the "];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]
        /// The walk from a word start through [`RunStates`] finds the hits
        /// the walk through the whole run finds: on the built-in terms
        /// cut short, lengthened (star terms, long words that share their
        /// first eight bytes), in three cases, before another term.
        #[test]
        fn walk_word_finds_what_the_whole_run_walk_finds(
            a in 0usize..10_000,
            b in 0usize..10_000,
            cut in 0usize..6,
            suffix in 0usize..SUFFIXES.len(),
            sep in 0usize..SEPARATORS.len(),
            case in 0u8..3,
        ) {
            let lex = builtin_lexicon();
            let terms = builtin_terms();
            let first = terms[a % terms.len()].trim_end_matches('*');
            let chars: Vec<char> = first.chars().collect();
            let kept: String = chars[..chars.len() - cut.min(chars.len().saturating_sub(1))]
                .iter()
                .collect();
            let word = match case {
                0 => kept,
                1 => kept.to_uppercase(),
                _ => {
                    let mut c = kept.chars();
                    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
                }
            };
            let next = terms[b % terms.len()].trim_end_matches('*');
            let text = format!("x {word}{}{}{next} y", SUFFIXES[suffix], SEPARATORS[sep]);
            proptest::prop_assume!(text.as_bytes()[2].is_ascii_alphanumeric());
            proptest::prop_assert_eq!(
                word_hits(lex, &text, 2, false),
                word_hits(lex, &text, 2, true),
                "{:?}",
                text
            );
        }
    }

    /// [`Lexicon::mask_overlaps`] as it was before the furthest end of
    /// the kept hits: the walk back over them for every hit.
    fn mask_overlaps_reference(lex: &Lexicon, hits: &mut Vec<Hit>) {
        let mut kept = 0;
        for i in 0..hits.len() {
            let mut c = hits[i];
            let classes = lex.patterns[c.pattern as usize].classes;
            for k in hits[..kept].iter().rev() {
                if k.span.start + lex.longest + 64 < c.span.start {
                    break;
                }
                if k.span.end <= c.span.start {
                    continue;
                }
                let kp = lex.patterns[k.pattern as usize];
                let k_classes = kp.classes & !k.mask;
                let inside = k.span.start <= c.span.start && c.span.end <= k.span.end;
                let shared = if inside {
                    k_classes
                } else {
                    k_classes & !class::TOPIC
                };
                c.mask |= classes & shared;
                if inside && k_classes & class::NON_NEGATOR != 0 {
                    c.mask |= !class::TOPIC;
                }
                if inside && kp.lexicalised && classes & class::NEGATOR != 0 {
                    c.mask |= class::NEGATOR;
                    c.lexical_negator = true;
                }
            }
            if classes & !c.mask != 0 || c.lexical_negator {
                hits[kept] = c;
                kept += 1;
            }
        }
        hits.truncate(kept);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// Hits of the built-in patterns (negators and lexicalised terms
        /// among them), apart, nested, overlapping, some longer than any
        /// pattern (star terms), in the caller's order or in none.
        #[test]
        fn mask_overlaps_is_the_reference(
            raw in proptest::collection::vec(
                (0usize..10_000, 0usize..400, 0usize..200, 0u8..4, proptest::bool::ANY),
                0..24,
            ),
            sorted in proptest::bool::ANY,
        ) {
            let lex = builtin_lexicon();
            // Every third hit from a pattern with a negator or a
            // lexicalised term, so that nesting masks them.
            let special: Vec<u32> = (0..lex.patterns.len() as u32)
                .filter(|&p| {
                    let pat = lex.patterns[p as usize];
                    pat.lexicalised || pat.classes & (class::NEGATOR | class::NON_NEGATOR) != 0
                })
                .collect();
            let mut hits: Vec<Hit> = raw
                .iter()
                .map(|&(p, start, len, mask, pick)| Hit {
                    span: Span::new(start, start + len),
                    pattern: if pick && p % 3 == 0 {
                        special[p % special.len()]
                    } else {
                        (p % lex.patterns.len()) as u32
                    },
                    mask: [0, class::TOPIC, class::STANCE, !class::TOPIC][mask as usize],
                    lexical_negator: false,
                })
                .collect();
            if sorted {
                insertion_sort(&mut hits, |h| {
                    (h.span.start, std::cmp::Reverse(h.span.end), h.pattern)
                });
            }
            let mut expected = hits.clone();
            mask_overlaps_reference(lex, &mut expected);
            lex.mask_overlaps(&mut hits);
            let key = |h: &Hit| (h.span, h.pattern, h.mask, h.lexical_negator);
            proptest::prop_assert_eq!(
                hits.iter().map(key).collect::<Vec<_>>(),
                expected.iter().map(key).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn walk_word_on_words_about_the_patterns_first_runs() {
        let lex = builtin_lexicon();
        let mut checked = 0;
        for term in builtin_terms() {
            let term = term.trim_end_matches('*');
            for suffix in SUFFIXES {
                let text = format!("x {term}{suffix} sanctions y");
                if !text.as_bytes()[2].is_ascii_alphanumeric() {
                    continue;
                }
                assert_eq!(
                    word_hits(lex, &text, 2, false),
                    word_hits(lex, &text, 2, true),
                    "{text:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 20_000, "{checked}");
        assert!(lex.run_states.len() > 1_000, "{}", lex.run_states.len());
    }

    #[test]
    fn every_lemma_finds_its_entry_as_by_the_string_search() {
        let lex = builtin_lexicon();
        assert!(lex.lemmas.len() > 100);
        for (l, _) in &lex.lemmas {
            let upper = l.to_uppercase();
            let padded = format!(" {l} ");
            let longer = format!("{l}s");
            let shorter = &l[..l.len() - 1];
            let two = format!("{l} them");
            for q in [&l[..], &upper, &padded, &longer, shorter, &two] {
                assert_eq!(lex.act_of_lemma(q), act_of_lemma_reference(lex, q), "{q:?}");
            }
            assert!(lex.act_of_lemma(l).is_some(), "{l}");
        }
    }

    /// [`is_name_like`] as it was before the answer for an ASCII start:
    /// two chars decoded for every term.
    fn is_name_like_reference(text: &str, region_start: usize, pos: usize) -> bool {
        let mut chars = text[pos..].chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
            return false;
        };
        if !a.is_uppercase() || !b.is_lowercase() || pos <= region_start {
            return false;
        }
        let head = text[region_start..pos].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '(' | '\'')
        });
        !(head.is_empty() || head.ends_with(['.', '!', '?', ':', ';']))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// Every term start and region start of text with capitals,
        /// letters that are not ASCII (upper, lower, title case), curly
        /// quotes, sentence ends, "U.S.", digits, line breaks, a word at
        /// the very end.
        #[test]
        fn is_name_like_is_the_reference(
            text in "(May|may|MAY|M|y|\u{c9}ve|\u{e9}|\u{df}|\u{130}|\u{1c5}|\u{394}\u{3b1}|x|Xy|\\. |, |\"|\u{201c}|\u{2018}|\u{2019}|\\(|'|:|;|!|\\?| |\n|U\\.S\\.|-|1|9a){0,8}",
        ) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for &pos in &bounds {
                for &region_start in bounds.iter().filter(|&&r| r <= pos) {
                    proptest::prop_assert_eq!(
                        is_name_like(&text, region_start, pos),
                        is_name_like_reference(&text, region_start, pos),
                        "{:?} at {} from {}",
                        text,
                        pos,
                        region_start
                    );
                }
            }
        }
    }

    /// [`ends_word`] as it was before the answers in line: every edge
    /// decoded.
    fn ends_word_reference(text: &str, pos: usize) -> bool {
        match char_after(text, pos) {
            None => true,
            Some(c) if is_word_char(c) => false,
            Some(c) if is_joiner(c) => {
                let rest = &text[pos + c.len_utf8()..];
                let possessive = c != '-'
                    && rest.starts_with(['s', 'S'])
                    && ends_word_reference(text, pos + c.len_utf8() + 1);
                possessive || !rest.starts_with(is_word_char)
            }
            Some(_) => true,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// Every char boundary of text with joiners (hyphens, straight
        /// and curly apostrophes, possessives), letters that are not
        /// ASCII, combining marks, dashes, "U.S.", digits, line breaks and
        /// control bytes, a word at the very end.
        #[test]
        fn ends_word_is_the_reference(
            text in "(NATO|led|s|S|x|1|\u{e9}|\u{301}|\u{394}|\u{2014}|\u{201d}|\u{2019}|\u{2010}|\u{2011}|-|'|'s|\u{2019}s|-s|\\. |, | |\n|\t|\u{7f}|\u{1}|U\\.S\\.|_|\\(|\\)){0,8}",
        ) {
            for pos in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    ends_word(&text, pos),
                    ends_word_reference(&text, pos),
                    "{:?} at {}",
                    text,
                    pos
                );
            }
        }
    }

    proptest::proptest! {
        /// Any lemma, in any case, with prefixes that are lemmas and
        /// words of eight bytes or more that share their first eight.
        #[test]
        fn act_of_lemma_is_the_string_search(
            lemma in "(call|called|for|on|accuse|accusation|acc|\u{e9}|Call|FOR| |\u{2019}|\
                      announce|announcement|announced|\0|x|a|z){0,4}",
        ) {
            let lex = builtin_lexicon();
            proptest::prop_assert_eq!(
                lex.act_of_lemma(&lemma),
                act_of_lemma_reference(lex, &lemma)
            );
        }
    }
}
