//! The word lexicon of the mention stage: titles, group nouns, pronouns,
//! modifiers and definite descriptions, compiled into one automaton; and the
//! first names that give people's gender.

use std::collections::HashMap;

#[cfg(test)]
use aho_corasick::automaton::Automaton;
#[cfg(test)]
use aho_corasick::{Anchored, MatchKind};

use crate::error::Error;
use crate::gazetteer::Gazetteer;
use crate::text::{ascii_word, char_after, is_word_char, word_before, WalkStart, WordGate, ALNUM};
use crate::{tsv, ActorKind, Span};

/// Personal pronouns that can refer to actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he, him, his
    Masculine,
    /// she, her, hers
    Feminine,
    /// they, them, their
    Plural,
    /// it: a state or an organisation
    Neuter,
}

const PRONOUNS: &[(&str, Pronoun)] = &[
    ("he", Pronoun::Masculine),
    ("him", Pronoun::Masculine),
    ("his", Pronoun::Masculine),
    ("she", Pronoun::Feminine),
    ("her", Pronoun::Feminine),
    ("hers", Pronoun::Feminine),
    ("they", Pronoun::Plural),
    ("them", Pronoun::Plural),
    ("their", Pronoun::Plural),
    ("it", Pronoun::Neuter),
];

/// Words before a title that stay part of the title phrase.
const MODIFIERS: &[&str] = &[
    "former",
    "ex",
    "acting",
    "outgoing",
    "incoming",
    "interim",
    "then",
    "late",
    "newly elected",
    "caretaker",
];

/// Heads of organisation names that a definite description may use alone
/// ("the alliance" for the North Atlantic Alliance).
const DESCRIPTION_HEADS_MIN_LEN: usize = 4;

/// The first names that tell a person's gender, for pronouns.
const FIRST_NAMES: (&str, &str) = ("first_names.tsv", include_str!("data/first_names.tsv"));

/// Words around titles, names and pronouns: portfolio words, words that
/// are no names, particles, and the words that make "it" refer.
const WORDS: (&str, &str) = ("words.tsv", include_str!("data/words.tsv"));

const PORTFOLIO: u16 = 1;
const NOT_NAME: u16 = 2;
const PARTICLE: u16 = 4;
const IT_VERB: u16 = 8;
const IT_EXPLETIVE: u16 = 16;
const STATE_BODY: u16 = 32;
const LOCAL: u16 = 64;
const ORG_HEAD: u16 = 128;
const PARTY: u16 = 256;

/// Definite descriptions with fixed referents ("the world body" is the UN).
const DESCRIPTIONS: (&str, &str) = ("descriptions.tsv", include_str!("data/descriptions.tsv"));

/// A person's grammatical gender, as pronouns show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// Title and honorific words that say a person's gender.
const GENDERED_WORDS: &[(&str, Gender)] = &[
    ("mr", Gender::Male),
    ("sir", Gender::Male),
    ("lord", Gender::Male),
    ("king", Gender::Male),
    ("prince", Gender::Male),
    ("emperor", Gender::Male),
    ("sultan", Gender::Male),
    ("emir", Gender::Male),
    ("sheikh", Gender::Male),
    ("spokesman", Gender::Male),
    ("chairman", Gender::Male),
    ("congressman", Gender::Male),
    ("mrs", Gender::Female),
    ("ms", Gender::Female),
    ("miss", Gender::Female),
    ("madam", Gender::Female),
    ("dame", Gender::Female),
    ("lady", Gender::Female),
    ("queen", Gender::Female),
    ("princess", Gender::Female),
    ("empress", Gender::Female),
    ("sheikha", Gender::Female),
    ("spokeswoman", Gender::Female),
    ("chairwoman", Gender::Female),
    ("congresswoman", Gender::Female),
];

/// The first letters of [`GENDERED_WORDS`], one bit each (`a` lowest).
const GENDERED_FIRST: u32 = {
    let mut bits = 0;
    let mut i = 0;
    while i < GENDERED_WORDS.len() {
        bits |= 1 << (GENDERED_WORDS[i].0.as_bytes()[0] - b'a');
        i += 1;
    }
    bits
};

/// The gender a title or honorific word says, if any.
pub(crate) fn gendered_word(word: &str) -> Option<Gender> {
    let word = word.trim_end_matches('.');
    // Most words asked ("the", "of", ",") start with a letter no entry
    // starts with: one bit test instead of a pass over the list.
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    if !first.is_ascii_lowercase() || GENDERED_FIRST & (1 << (first - b'a')) == 0 {
        return None;
    }
    GENDERED_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, g)| g)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// Index into the gazetteer's titles.
    Title(u32),
    /// Index into the gazetteer's group nouns.
    Group(u32),
    Pronoun(Pronoun),
    Modifier,
    /// The head noun of an organisation's name ("Forum", "Council").
    OrgHead,
    /// "the alliance", "the minister": index into the description heads.
    Description(u32),
    /// "the world body": index into the fixed descriptions.
    Fixed(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordHit {
    pub span: Span,
    pub class: WordClass,
}

/// What [`WordLexicon::scan`] finds in a text. The scan passes every word
/// start, so it also lists the ones the gazetteer matcher and the surname
/// pass start from: neither scans the text for capitals again. (The
/// analyzer's token table lists the capitals too: [`WordLexicon::hits_at`]
/// then borrows them.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Words<'c> {
    /// The lexicon's hits, in order.
    pub hits: Vec<WordHit>,
    /// In order, every offset with an ASCII capital or a non-ASCII lead
    /// byte (`0xC0` and up) at a word start: no ASCII letter or digit,
    /// nor a non-ASCII word character, right before it.
    pub capitals: std::borrow::Cow<'c, [usize]>,
}

impl Drop for Words<'_> {
    /// The hits' memory is the thread's next document's.
    fn drop(&mut self) {
        super::spare::give(&super::spare::HITS, std::mem::take(&mut self.hits));
    }
}

/// [`Words::capitals`] the plain way, for tests: every byte tested.
#[cfg(test)]
pub(crate) fn capitals_plain(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&p| (bytes[p].is_ascii_uppercase() || bytes[p] >= 0xC0) && !word_before(text, p))
        .collect()
}

/// A head noun used in definite descriptions, and what it can refer to.
#[derive(Debug, Clone)]
pub(crate) struct DescriptionHead {
    pub head: String,
    /// Gazetteer actors (organisations, groups) whose names end in the head.
    pub actors: Vec<u32>,
    /// Whether the head is a title word ("president"): it then refers to a
    /// person holding that title.
    pub title: Option<u32>,
    /// For a head that is no title word: the state body it names alone
    /// ("the government"), if it is a group noun that belongs to a state.
    pub body: Option<BodyNoun>,
}

/// A group noun that belongs to the state it is in or of ("ministry",
/// "rebels"): what the context pass reads of a hit that ends in it, found
/// once per pattern when the lexicon is built rather than per hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BodyNoun {
    /// It names a state's body ("the ministry said"): alone, the state
    /// the text is about there.
    pub alone: bool,
    /// As the group noun says ("officials", not "delegation").
    pub plural: bool,
}

/// A description whose referents are listed: the most recently mentioned
/// of them, or, when `always`, the first even if none was mentioned.
#[derive(Debug, Clone)]
pub(crate) struct FixedDescription {
    pub actors: Vec<u32>,
    pub always: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct WordLexicon {
    /// The keys' trie as a double array (see [`Trie`]): a walk step past
    /// the letter tables takes one load of 8 bytes, and the whole fits in
    /// the L2 cache, where aho-corasick's DFA of the same keys took 1.5 MB
    /// of rows (its row misses were most of the walks' cache misses).
    trie: Trie,
    /// The keys, for the property test's walk over a contiguous NFA.
    #[cfg(test)]
    keys: Vec<Vec<u8>>,
    start: u32,
    /// Per pair of ASCII letters (case folded, `26 * first + second`): the
    /// automaton's state after both from `start`, or [`SLOW`] when the
    /// state after the first letter is a match or dead. Most walks start
    /// with two letters: two transitions for one load.
    pairs: Box<[u32]>,
    /// The same for three letters (`26 * pair + third`): [`SLOW`] also
    /// when the state after two letters is a match or dead.
    triples: Box<[u32]>,
    /// The keys' first words (their first runs of ASCII letters and
    /// digits): a word of the text that is none of them starts no walk.
    first_words: WordGate,
    /// The same words, lower case, sorted, those that start with an ASCII
    /// letter only (walks start at letters): what a tokenizer's word table
    /// marks for [`WordLexicon::hits_at`].
    first_word_list: Vec<String>,
    classes: Vec<WordClass>,
    pub heads: Vec<DescriptionHead>,
    pub fixed: Vec<FixedDescription>,
    /// Per gazetteer group noun: the state body its last word names, if
    /// any ([`BodyNoun`]).
    group_bodies: Vec<Option<BodyNoun>>,
    first_names: HashMap<String, Gender>,
    /// Per gazetteer actor: the gender of a person, from the first name.
    genders: Vec<Option<Gender>>,
    /// Per gazetteer actor: the state it is (a country: itself) or belongs
    /// to (its country's index), or [`NO_STATE`]: what the context pass
    /// asks of every mention, without hashing the country's id each time.
    states: Vec<u32>,
    /// Lower-case word: its classes (`PORTFOLIO`, `NOT_NAME`, `PARTICLE`
    /// ...); shared with each document's mentions (see [`WordClasses`]).
    name_words: WordClasses,
    /// The gazetteer's people (with a first and a last name), sorted by
    /// surname.
    by_surname: Vec<u32>,
    /// The lower-case words of the gazetteer's offices and titles
    /// ("affairs", "integration"): what a title's tail is made of.
    office_words: std::collections::HashSet<String>,
}

impl WordLexicon {
    pub(crate) fn new(gaz: &Gazetteer) -> Result<WordLexicon, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut classes: Vec<WordClass> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut add = |p: String, c: WordClass| {
            if !seen.contains_key(&p) {
                seen.insert(p.clone(), patterns.len());
                patterns.push(p);
                classes.push(c);
            }
        };
        let mut heads: Vec<DescriptionHead> = Vec::new();
        let mut head_index: HashMap<String, usize> = HashMap::new();
        for (i, t) in gaz.titles().iter().enumerate() {
            let lower = t.text.to_lowercase();
            // "the minister" (the title's last word), and the whole title:
            // "the Head of State", "the deputy head". A title with "of" has
            // only the whole ("the state" is no secretary of state).
            let last = lower.split_whitespace().last();
            let whole = lower.contains(' ').then_some(lower.as_str());
            let last = last.filter(|_| !lower.contains(" of "));
            for head in [last, whole].into_iter().flatten() {
                if head.len() >= DESCRIPTION_HEADS_MIN_LEN && !head_index.contains_key(head) {
                    head_index.insert(head.to_string(), heads.len());
                    heads.push(DescriptionHead {
                        head: head.to_string(),
                        actors: Vec::new(),
                        title: Some(i as u32),
                        body: None,
                    });
                }
            }
        }
        for (i, a) in gaz.actors().iter().enumerate() {
            if !matches!(a.kind, ActorKind::Organization | ActorKind::Group) {
                continue;
            }
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                let mut words = name.split_whitespace();
                let Some(last) = words.next_back() else {
                    continue;
                };
                if words.next().is_none() {
                    continue;
                }
                let lower = last.to_lowercase();
                if lower.len() < DESCRIPTION_HEADS_MIN_LEN
                    || !lower.chars().all(char::is_alphabetic)
                {
                    continue;
                }
                let h = *head_index.entry(lower.clone()).or_insert_with(|| {
                    heads.push(DescriptionHead {
                        head: lower,
                        actors: Vec::new(),
                        title: None,
                        body: None,
                    });
                    heads.len() - 1
                });
                if !heads[h].actors.contains(&(i as u32)) {
                    heads[h].actors.push(i as u32);
                }
            }
        }
        let mut fixed = Vec::new();
        for row in tsv::parse(
            DESCRIPTIONS.0,
            DESCRIPTIONS.1,
            &["phrase", "actors", "anchor"],
            &["phrase", "actors"],
        )? {
            // Referents the gazetteer lacks (a custom one without the
            // built-in data) are left out.
            let actors: Vec<u32> = row
                .list("actors")?
                .into_iter()
                .filter_map(|id| gaz.index_of(id))
                .collect();
            let always = match row.get("anchor") {
                None | Some("mentioned") => false,
                Some("always") => true,
                Some(other) => return Err(row.bad("anchor", other)),
            };
            if actors.is_empty() {
                continue;
            }
            add(
                row.required("phrase")?.to_lowercase(),
                WordClass::Fixed(fixed.len() as u32),
            );
            fixed.push(FixedDescription { actors, always });
        }
        for (i, h) in heads.iter().enumerate() {
            add(format!("the {}", h.head), WordClass::Description(i as u32));
        }
        for (i, t) in gaz.titles().iter().enumerate() {
            add(t.text.to_lowercase(), WordClass::Title(i as u32));
        }
        for (i, g) in gaz.group_nouns().iter().enumerate() {
            add(g.noun.to_lowercase(), WordClass::Group(i as u32));
        }
        for &(p, kind) in PRONOUNS {
            add(p.to_string(), WordClass::Pronoun(kind));
        }
        for m in MODIFIERS {
            add(m.to_string(), WordClass::Modifier);
        }
        let name_words = load_words()?;
        // A hit's last word is its pattern's but for ASCII case, which
        // the word classes and the group nouns' compare ignore.
        let body = |last: &str, plural: bool| {
            let classes = name_words.get(last);
            (classes & (LOCAL | STATE_BODY) != 0).then_some(BodyNoun {
                alone: classes & STATE_BODY != 0,
                plural,
            })
        };
        let group_bodies: Vec<Option<BodyNoun>> = gaz
            .group_nouns()
            .iter()
            .map(|g| {
                let lower = g.noun.to_lowercase();
                let last = lower.split_whitespace().last()?;
                body(last, g.plural)
            })
            .collect();
        for h in heads.iter_mut().filter(|h| h.title.is_none()) {
            let key = format!("the {}", h.head);
            let Some(last) = key.split_whitespace().last() else {
                continue;
            };
            let noun = gaz
                .group_nouns()
                .iter()
                .find(|g| g.noun.eq_ignore_ascii_case(last));
            h.body = noun.and_then(|g| body(last, g.plural));
        }
        // Sorted by word.
        for (w, class) in name_words.iter() {
            if class & ORG_HEAD != 0 {
                add(w.to_string(), WordClass::OrgHead);
            }
        }
        // As in the gazetteer's matcher: walks start at word starts, behind
        // a sentinel that makes every failure link trivial.
        let keys: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| {
                let mut k = vec![0u8];
                k.extend(p.bytes().map(|b| b.to_ascii_lowercase()));
                k
            })
            .collect();
        let trie = Trie::new(keys.iter().map(|k| &k[1..]));
        let start = Trie::ROOT;
        let pairs = letter_table(&trie, &letter_table(&trie, &[start]));
        let triples = letter_table(&trie, &pairs);
        // A key's first word: its first run of ASCII letters and digits.
        let firsts: Vec<&[u8]> = keys
            .iter()
            .map(|k| {
                let k = &k[1..];
                &k[..k.iter().take_while(|&&b| ALNUM[usize::from(b)]).count()]
            })
            .collect();
        let first_words = WordGate::new(firsts.iter().copied());
        let mut letter_firsts: Vec<&[u8]> = firsts
            .iter()
            .copied()
            .filter(|w| w.first().is_some_and(u8::is_ascii_alphabetic))
            .collect();
        letter_firsts.sort_unstable();
        letter_firsts.dedup();
        let first_word_list: Vec<String> = letter_firsts
            .into_iter()
            .map(|w| String::from_utf8(w.to_vec()).expect("ASCII letters and digits"))
            .collect();
        let first_names = load_first_names()?;
        let mut surnames: Vec<(&str, u32)> = gaz
            .actors()
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::Person && a.name.contains(' '))
            .map(|(i, _)| (surname_of(gaz, i as u32), i as u32))
            .collect();
        surnames.sort_unstable();
        let by_surname: Vec<u32> = surnames.into_iter().map(|(_, i)| i).collect();
        let mut office_words = std::collections::HashSet::new();
        let offices = gaz
            .actors()
            .iter()
            .flat_map(|a| {
                a.terms
                    .iter()
                    .map(|t| t.office.as_str())
                    .chain(a.title.as_deref())
            })
            .chain(gaz.titles().iter().map(|t| t.text.as_str()));
        let mut lower = String::new();
        for office in offices {
            for w in office.split(|c: char| !c.is_alphanumeric()) {
                if w.len() > 2 {
                    lower.clear();
                    if w.is_ascii() {
                        lower.push_str(w);
                        lower.make_ascii_lowercase();
                    } else {
                        lower.extend(w.chars().flat_map(char::to_lowercase));
                    }
                    if !office_words.contains(lower.as_str()) {
                        office_words.insert(lower.clone());
                    }
                }
            }
        }
        let genders = gaz
            .actors()
            .iter()
            .map(|a| {
                (a.kind == ActorKind::Person)
                    .then(|| gender_of_name(&first_names, &a.name, &mut lower))
                    .flatten()
            })
            .collect();
        let states = gaz
            .actors()
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let state = match a.kind {
                    ActorKind::Country => Some(i as u32),
                    _ => a.country.as_deref().and_then(|c| gaz.index_of(c)),
                };
                state.unwrap_or(NO_STATE)
            })
            .collect();
        Ok(WordLexicon {
            trie,
            #[cfg(test)]
            keys,
            start,
            pairs,
            triples,
            first_words,
            first_word_list,
            classes,
            heads,
            fixed,
            group_bodies,
            first_names,
            genders,
            states,
            name_words,
            by_surname,
            office_words,
        })
    }

    /// The keys' first words that start with an ASCII letter, lower case,
    /// sorted: a word start whose word is none of these (a whole run of
    /// ASCII letters and digits that an ASCII byte other than a joiner
    /// ends) starts no hit.
    pub(crate) fn first_word_list(&self) -> &[String] {
        &self.first_word_list
    }

    /// [`WordLexicon::scan`]'s hits from the word starts a tokenizer
    /// listed: every word start of `text` at an ASCII letter whose word
    /// may start a key, in order (see [`WalkStart`]); the gated ones pass
    /// [`WordLexicon::first_words`] first, as in the scan. No byte of the
    /// text is read but the walks'.
    pub(crate) fn hits_at(&self, text: &str, starts: &[WalkStart]) -> Vec<WordHit> {
        let bytes = text.as_bytes();
        let mut hits = super::spare::take(&super::spare::HITS);
        hits.reserve(text.len() / 64);
        // A hit's words are passed, as in the scan.
        let mut resume = 0;
        for &s in starts {
            let pos = s.pos();
            if pos < resume {
                continue;
            }
            if s.is_gated() {
                if let Some((_, key)) = ascii_word(bytes, pos) {
                    if !self.first_words.may_hold(key) {
                        continue;
                    }
                }
            }
            if let (Some((end, pid)), _) = self.longest(text, pos) {
                hits.push(WordHit {
                    span: Span::new(pos, end),
                    class: self.classes[pid],
                });
                resume = end;
            }
        }
        hits
    }

    /// Every whole-word hit in `text`, in order, leftmost-longest; and
    /// the word starts with a capital or a non-ASCII byte.
    pub(crate) fn scan(&self, text: &str) -> Words<'static> {
        let bytes = text.as_bytes();
        // Sized from the text (news has a hit every ~130 bytes and a
        // capital every ~46): most documents never grow them.
        let mut hits = super::spare::take(&super::spare::HITS);
        hits.reserve(text.len() / 64);
        let mut capitals = Vec::with_capacity(text.len() / 32);
        let mut pos = 0;
        while pos < bytes.len() {
            // Patterns are ASCII words: walks start at ASCII letters that
            // start a word.
            let mut b = bytes[pos];
            if LETTER[usize::from(b)] == NOT_LETTER {
                if b >= 0xC0 && !word_before(text, pos) {
                    capitals.push(pos);
                }
                pos += 1;
                continue;
            }
            if word_before(text, pos) {
                pos += 1;
                continue;
            }
            loop {
                // A word starts at `pos` with the ASCII letter `b`: a
                // capital without its 0x20 bit.
                if b & 0x20 == 0 {
                    capitals.push(pos);
                }
                // Most words start no key: their end found eight bytes at
                // a time, one bit tested, and no walk. (A key that matches
                // here is the word itself, or the word and a byte that is
                // no ASCII letter or digit and more: its first run is the
                // word.) The byte after such a word is ASCII: a letter
                // after it starts the next word.
                match ascii_word(bytes, pos) {
                    Some((end, key)) if !self.first_words.may_hold(key) => {
                        pos = end + 1;
                        match bytes.get(pos) {
                            Some(&next) if LETTER[usize::from(next)] != NOT_LETTER => b = next,
                            _ => break,
                        }
                    }
                    _ => {
                        pos = self.walk(text, pos, &mut hits, &mut capitals);
                        break;
                    }
                }
            }
        }
        Words {
            hits,
            capitals: capitals.into(),
        }
    }

    /// The walk from the word start `pos` (an ASCII letter): the longest
    /// key that ends there at a word's end, pushed on `hits` with the
    /// capitals inside it; returns where the scan goes on. Out of the
    /// scan's loop: most words never come here.
    #[inline(never)]
    fn walk(
        &self,
        text: &str,
        pos: usize,
        hits: &mut Vec<WordHit>,
        capitals: &mut Vec<usize>,
    ) -> usize {
        let bytes = text.as_bytes();
        match self.longest(text, pos) {
            (Some((end, pid)), _) => {
                hits.push(WordHit {
                    span: Span::new(pos, end),
                    class: self.classes[pid],
                });
                // The words inside the hit ("Prime Minister") are passed:
                // their capitals are listed here.
                for (p, &b) in (pos + 1..end).zip(&bytes[pos + 1..end]) {
                    if (b.is_ascii_uppercase() || b >= 0xC0) && !word_before(text, p) {
                        capitals.push(p);
                    }
                }
                end
            }
            (None, letters) => {
                let mut pos = letters;
                while pos < bytes.len() && ALNUM[usize::from(bytes[pos])] {
                    pos += 1;
                }
                pos
            }
        }
    }

    /// The longest key from the word start `pos` (an ASCII letter) that
    /// ends at a word's end: its end and pattern; and where the word's
    /// letters that the walk saw end (the scan goes on from there when
    /// nothing is found).
    #[inline(always)]
    fn longest(&self, text: &str, pos: usize) -> (Option<(usize, usize)>, usize) {
        let bytes = text.as_bytes();
        let trie = &self.trie;
        let first = LETTER[usize::from(bytes[pos])];
        let mut sid = self.start;
        let mut best: Option<(usize, usize)> = None;
        let mut i = pos;
        // The word's letters seen so far: its rest is skipped from there.
        let mut letters = pos + 1;
        // Most walks start with two or three letters: their states
        // come from tables, one load for two or three transitions.
        let letter = |k: usize| {
            bytes
                .get(k)
                .map(|&b| LETTER[usize::from(b)])
                .filter(|&l| l != NOT_LETTER)
                .map(usize::from)
        };
        if let Some(second) = letter(pos + 1) {
            let pair = 26 * usize::from(first) + second;
            let mut s = SLOW;
            if let Some(third) = letter(pos + 2) {
                s = self.triples[26 * pair + third];
                i = pos + 3;
            }
            if s == SLOW {
                s = self.pairs[pair];
                i = pos + 2;
            }
            letters = i;
            if s == SLOW {
                i = pos;
            } else {
                // As the loop below after its second or third step.
                if s == DEAD {
                    i = bytes.len();
                } else {
                    sid = s;
                    if trie.is_match(sid) && !word_after(text, i) {
                        best = Some((i, trie.pattern(sid)));
                    }
                }
            }
        }
        // The state's base (and match flag) is carried from the step
        // that reached it: one load a step.
        let mut base = trie.slots[sid as usize].base;
        while i < bytes.len() {
            let t = (base & !Trie::MATCH) + u32::from(trie.class[usize::from(bytes[i])]);
            let slot = trie.slots[t as usize];
            if slot.check != sid {
                break;
            }
            sid = t;
            base = slot.base;
            i += 1;
            if base & Trie::MATCH != 0 && !word_after(text, i) {
                best = Some((i, trie.pattern(sid)));
            }
        }
        (best, letters)
    }

    /// The gender of a gazetteer person, from the first name.
    pub(crate) fn gender(&self, actor: u32) -> Option<Gender> {
        self.genders.get(actor as usize).copied().flatten()
    }

    /// The state gazetteer actor `actor` is (a country) or belongs to (its
    /// country), as `gaz.index_of` of its country gives it.
    pub(crate) fn state_of_known(&self, actor: u32) -> Option<u32> {
        self.states
            .get(actor as usize)
            .copied()
            .filter(|&s| s != NO_STATE)
    }

    /// Whether every part of `word` ("Euro-Atlantic") is a word of some
    /// office or title.
    pub(crate) fn is_office_word(&self, word: &str) -> bool {
        word.split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .all(|p| with_lower(p, |lower| self.office_words.contains(lower)))
    }

    /// The gazetteer's people whose name ends in `surname`.
    pub(crate) fn people_by_surname(&self, gaz: &Gazetteer, surname: &str) -> &[u32] {
        let start = self
            .by_surname
            .partition_point(|&p| surname_of(gaz, p) < surname);
        let len = self.by_surname[start..]
            .iter()
            .take_while(|&&p| surname_of(gaz, p) == surname)
            .count();
        &self.by_surname[start..start + len]
    }

    /// Whether `word` may stand between an actor and its title ("foreign"
    /// in "EU foreign policy chief").
    pub(crate) fn is_portfolio(&self, word: &str) -> bool {
        self.name_word(word) & PORTFOLIO != 0
    }

    /// Whether a capitalised `word` is never part of a person's name
    /// ("Monday", "Minister").
    pub(crate) fn is_not_name(&self, word: &str) -> bool {
        self.name_word(word) & NOT_NAME != 0
    }

    /// Whether `word` is a name particle ("de", "bin").
    pub(crate) fn is_particle(&self, word: &str) -> bool {
        // Particles are lower case in names: "De Klerk" starts with a name.
        word.starts_with(|c: char| c.is_lowercase()) && self.name_word(word) & PARTICLE != 0
    }

    /// Whether `word`, after "it", makes "it" a state or organisation
    /// acting ("said", "would").
    pub(crate) fn is_it_verb(&self, word: &str) -> bool {
        self.name_word(word) & IT_VERB != 0
    }

    /// Whether `word`, after "it" and a modal, makes "it" expletive ("it
    /// would be").
    pub(crate) fn is_it_expletive(&self, word: &str) -> bool {
        self.name_word(word) & IT_EXPLETIVE != 0
    }

    /// Whether a group noun ending in `word` ("ministry", "officials")
    /// names a state's body: alone ("the ministry said") it is the state
    /// the text is about there. (The passes read it from [`BodyNoun`].)
    #[cfg(test)]
    pub(crate) fn is_state_body(&self, word: &str) -> bool {
        self.name_word(word) & STATE_BODY != 0
    }

    /// Whether a group noun ending in `word` ("rebels", "officials")
    /// belongs to the state it is in or of ("rebels in Chad"). (The
    /// passes read it from [`BodyNoun`].)
    #[cfg(test)]
    pub(crate) fn is_local(&self, word: &str) -> bool {
        self.name_word(word) & (LOCAL | STATE_BODY) != 0
    }

    /// Whether `word` heads organisations' names ("Forum", "Council").
    pub(crate) fn is_org_head(&self, word: &str) -> bool {
        self.name_word(word) & ORG_HEAD != 0
    }

    fn name_word(&self, word: &str) -> u16 {
        self.name_words.get(word)
    }

    /// The patterns (lower case, without their sentinel) and their
    /// classes, for tests.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> Vec<(&[u8], WordClass)> {
        self.keys
            .iter()
            .map(|k| &k[1..])
            .zip(self.classes.iter().copied())
            .collect()
    }

    /// The state body a hit of group noun `g` names, if any (see
    /// [`BodyNoun`]).
    pub(crate) fn group_body(&self, g: u32) -> Option<BodyNoun> {
        self.group_bodies.get(g as usize).copied().flatten()
    }

    /// The word classes, for the document's mentions.
    pub(crate) fn word_classes(&self) -> WordClasses {
        self.name_words.clone()
    }

    /// The gender a name's first word gives.
    pub(crate) fn gender_of(&self, name: &str) -> Option<Gender> {
        gender_of_name(&self.first_names, name, &mut String::new())
    }
}

/// Per byte: an ASCII letter's place in the alphabet (either case), or
/// [`NOT_LETTER`]: one load for the scan's test and table index.
static LETTER: [u8; 256] = {
    let mut t = [NOT_LETTER; 256];
    let mut b = 0;
    while b < 26 {
        t[b'a' as usize + b] = b as u8;
        t[b'A' as usize + b] = b as u8;
        b += 1;
    }
    t
};

/// [`WordLexicon::states`] of an actor with no state.
const NO_STATE: u32 = u32::MAX;

/// [`LETTER`] of a byte that is no ASCII letter.
const NOT_LETTER: u8 = 26;

/// The entry of [`WordLexicon::pairs`] that sends a walk the slow way.
const SLOW: u32 = u32::MAX;

/// The entry of [`WordLexicon::pairs`] for letters no key starts with:
/// the walk ends there.
const DEAD: u32 = u32::MAX - 1;

/// The tables of [`WordLexicon::pairs`] and [`WordLexicon::triples`]: per
/// entry of `before` (states after some letters, or [`SLOW`] or [`DEAD`])
/// and letter, the state after that letter too, or [`DEAD`]; [`SLOW`]
/// when the state before is [`SLOW`], [`DEAD`] or a match (the walk must
/// see it).
fn letter_table(trie: &Trie, before: &[u32]) -> Box<[u32]> {
    let mut table = vec![SLOW; before.len() * 26];
    for (k, &state) in before.iter().enumerate() {
        if state == SLOW || state == DEAD || trie.is_match(state) {
            continue;
        }
        for b in b'a'..=b'z' {
            table[26 * k + usize::from(b - b'a')] = trie.next(state, b).unwrap_or(DEAD);
        }
    }
    table.into_boxed_slice()
}

/// The keys' trie, anchored (walks start at word starts, so there are no
/// failure links), as a double array: state `s`'s child by the byte of
/// class `c` is the slot `base(s) + c` if that slot's `check` is `s`. A
/// state is its slot's index; slots are placed depth first, so that a
/// key's run of one-way states lies in consecutive slots (one cache line
/// for several steps). Bytes are ASCII lower-cased by their class, as the
/// keys are; bytes no key holds have class 0, which no state has a child
/// by.
#[derive(Debug, Clone)]
struct Trie {
    /// Per slot: the base (with [`Trie::MATCH`] when a key ends in the
    /// state) and the parent (`check`, [`Trie::FREE`] for a free slot).
    slots: Box<[Slot]>,
    /// Per slot: the key that ends there, if any (read for matches only).
    patterns: Box<[u32]>,
    /// Per byte: its class (the byte ASCII lower-cased, numbered among
    /// the keys' bytes from 1), or 0.
    class: [u8; 256],
}

/// A slot of [`Trie`]: one load for a step's test and the next state's
/// base and match flag.
#[derive(Debug, Clone, Copy)]
struct Slot {
    base: u32,
    check: u32,
}

impl Trie {
    /// The state before any byte.
    const ROOT: u32 = 0;
    /// The flag in a slot's base of a state that ends a key.
    const MATCH: u32 = 1 << 31;
    /// The `check` of a free slot (and of the root: no state's child).
    const FREE: u32 = u32::MAX;

    /// The trie of `keys` (lower case), key `i` being pattern `i`. A key
    /// given twice keeps its first index.
    fn new<'k>(keys: impl Iterator<Item = &'k [u8]>) -> Trie {
        // The plain trie first: per node its children by class, sorted,
        // and its pattern.
        let keys: Vec<&[u8]> = keys.collect();
        let mut class = [0u8; 256];
        let mut used = [false; 256];
        for &b in keys.iter().flat_map(|k| k.iter()) {
            used[usize::from(b.to_ascii_lowercase())] = true;
        }
        let mut classes = 0u8;
        let mut by_lower = [0u8; 256];
        for b in 0..256 {
            if used[b] {
                classes += 1;
                by_lower[b] = classes;
            }
        }
        for (b, c) in class.iter_mut().enumerate() {
            *c = by_lower[usize::from((b as u8).to_ascii_lowercase())];
        }
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<u32> = vec![u32::MAX];
        for (pid, key) in keys.iter().enumerate() {
            let mut node = 0usize;
            for &b in key.iter() {
                let c = class[usize::from(b)];
                node = match children[node].iter().find(|&&(k, _)| k == c) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        let child = children.len();
                        children[node].push((c, child as u32));
                        children.push(Vec::new());
                        ends.push(u32::MAX);
                        child
                    }
                };
            }
            if ends[node] == u32::MAX {
                ends[node] = pid as u32;
            }
        }
        for list in &mut children {
            list.sort_unstable();
        }
        // Then the double array, depth first: each node's children get
        // the first base at which all their slots are free.
        let width = usize::from(classes) + 1;
        let mut slots = vec![
            Slot {
                base: 0,
                check: Trie::FREE,
            };
            children.len() + width
        ];
        let mut patterns = vec![u32::MAX; slots.len()];
        let mut taken = vec![false; slots.len()];
        taken[0] = true;
        // The first slot that may be free: searches start there.
        let mut first_free = 1usize;
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        while let Some((node, slot)) = stack.pop() {
            patterns[slot] = ends[node];
            let kids = &children[node];
            let mut base = 0usize;
            if let Some(&(lowest, _)) = kids.first() {
                while taken[first_free] {
                    first_free += 1;
                }
                base = first_free.saturating_sub(usize::from(lowest));
                while kids.iter().any(|&(c, _)| {
                    let t = base + usize::from(c);
                    t < taken.len() && taken[t]
                }) {
                    base += 1;
                }
                let end = base + width;
                if end > slots.len() {
                    slots.resize(
                        end,
                        Slot {
                            base: 0,
                            check: Trie::FREE,
                        },
                    );
                    patterns.resize(end, u32::MAX);
                    taken.resize(end, false);
                }
                for &(c, _) in kids {
                    let t = base + usize::from(c);
                    taken[t] = true;
                    slots[t].check = slot as u32;
                }
                // Pushed in reverse: the lowest class is placed next.
                for &(c, child) in kids.iter().rev() {
                    stack.push((child as usize, base + usize::from(c)));
                }
            }
            let matched = if ends[node] == u32::MAX {
                0
            } else {
                Trie::MATCH
            };
            slots[slot].base = base as u32 | matched;
        }
        // Every base plus any class is a slot.
        let last = slots
            .iter()
            .map(|s| (s.base & !Trie::MATCH) as usize)
            .max()
            .unwrap_or(0);
        slots.resize(
            (last + width).max(slots.len()),
            Slot {
                base: 0,
                check: Trie::FREE,
            },
        );
        patterns.resize(slots.len(), u32::MAX);
        let used_slots = taken.iter().rposition(|&t| t).map_or(1, |i| i + 1);
        let keep = used_slots.max(last + width);
        slots.truncate(keep);
        patterns.truncate(keep);
        Trie {
            slots: slots.into_boxed_slice(),
            patterns: patterns.into_boxed_slice(),
            class,
        }
    }

    /// The state after `state` and the byte `b`, if a key goes on so.
    #[inline(always)]
    fn next(&self, state: u32, b: u8) -> Option<u32> {
        let base = self.slots[state as usize].base & !Trie::MATCH;
        let t = base + u32::from(self.class[usize::from(b)]);
        (self.slots[t as usize].check == state).then_some(t)
    }

    /// Whether a key ends in `state`.
    #[inline(always)]
    fn is_match(&self, state: u32) -> bool {
        self.slots[state as usize].base & Trie::MATCH != 0
    }

    /// The key that ends in the match state `state`.
    #[inline(always)]
    fn pattern(&self, state: u32) -> usize {
        self.patterns[state as usize] as usize
    }
}

/// Whether a word character starts at `pos`.
#[inline]
fn word_after(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_after(text, pos).is_some_and(is_word_char),
    }
}

/// The classes of the words of `data/words.tsv`, behind an `Arc`: built
/// once per resolver, shared by the documents it resolves.
#[derive(Debug, Clone)]
pub(crate) struct WordClasses(std::sync::Arc<ClassTable>);

/// Lower-case words and their classes, sorted by word; the short ones
/// also as integers in buckets by length and first letter: a look-up
/// compares a word or two, no hashing, no string comparison.
#[derive(Debug)]
struct ClassTable {
    words: Vec<(Box<str>, u16)>,
    /// The words of up to [`PACKED`] bytes, [`pack`]ed, grouped by
    /// [`bucket`].
    packed: Vec<(u128, u16)>,
    /// Where each bucket's words start in `packed` (one more entry at the
    /// end).
    starts: Vec<u32>,
}

/// Words longer than this have no class.
const MAX_CLASSED_LEN: usize = 24;

/// Words of up to this many bytes are looked up as integers.
const PACKED: usize = 16;

/// `word`'s bytes, ASCII lower-cased, little-endian and zero-padded; `None`
/// if longer than [`PACKED`]. With the length (the bucket), unique.
fn pack(word: &[u8]) -> Option<u128> {
    let mut buf = [0u8; PACKED];
    buf.get_mut(..word.len())?.copy_from_slice(word);
    buf.make_ascii_lowercase();
    Some(u128::from_le_bytes(buf))
}

/// [`pack`] of an ASCII word, without a copy through memory or a pass
/// to test the bytes: `None` if longer than [`PACKED`] or not ASCII.
#[inline]
fn pack_ascii(word: &[u8]) -> Option<u128> {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    if word.len() > PACKED {
        return None;
    }
    let (lo, hi) = word.split_at(word.len().min(8));
    let half = |bytes: &[u8]| {
        bytes
            .iter()
            .rev()
            .fold(0u64, |acc, &b| acc << 8 | u64::from(b))
    };
    let fold = |x: u64| {
        // Per byte (all below 0x80): the high bit for 'A'..='Z', moved
        // to the 0x20 bit.
        let upper = (x + ONES * (0x80 - u64::from(b'A'))) & !(x + ONES * (0x80 - u64::from(b'[')));
        x | (upper & HIGH) >> 2
    };
    let (lo, hi) = (half(lo), half(hi));
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    Some(u128::from(fold(hi)) << 64 | u128::from(fold(lo)))
}

/// A packed word's bucket: its length and first letter (26 for any other
/// first byte).
fn bucket(len: usize, packed: u128) -> usize {
    let first = (packed & 0xFF) as u8;
    let letter = if first.is_ascii_lowercase() {
        usize::from(first - b'a')
    } else {
        26
    };
    len * 27 + letter
}

impl WordClasses {
    fn get(&self, word: &str) -> u16 {
        if word.len() > MAX_CLASSED_LEN {
            return 0;
        }
        let table = &*self.0;
        if let Some(key) = pack_ascii(word.as_bytes()) {
            let b = bucket(word.len(), key);
            let (from, to) = (table.starts[b] as usize, table.starts[b + 1] as usize);
            return table.packed[from..to]
                .iter()
                .find(|&&(k, _)| k == key)
                .map_or(0, |&(_, c)| c);
        }
        with_lower(word, |lower| {
            table
                .words
                .binary_search_by(|(w, _)| (**w).cmp(lower))
                .map_or(0, |i| table.words[i].1)
        })
    }

    fn iter(&self) -> impl Iterator<Item = (&str, u16)> {
        self.0.words.iter().map(|(w, c)| (&**w, *c))
    }

    /// Whether `word` heads a political group's name ("the Umma party",
    /// "Ibo elders") besides the gazetteer's group nouns.
    pub(crate) fn is_party_noun(&self, word: &str) -> bool {
        self.get(word) & PARTY != 0
    }
}

fn load_words() -> Result<WordClasses, Error> {
    let mut words: HashMap<String, u16> = HashMap::new();
    for row in tsv::parse(WORDS.0, WORDS.1, &["word", "class"], &["word", "class"])? {
        let class = match row.required("class")? {
            "portfolio" => PORTFOLIO,
            "not_name" => NOT_NAME,
            "particle" => PARTICLE,
            "it_verb" => IT_VERB,
            "it_expletive" => IT_EXPLETIVE,
            "state_body" => STATE_BODY,
            "local" => LOCAL,
            "org_head" => ORG_HEAD,
            "party" => PARTY,
            other => return Err(row.bad("class", other)),
        };
        *words
            .entry(row.required("word")?.to_lowercase())
            .or_default() |= class;
    }
    let mut words: Vec<(Box<str>, u16)> = words
        .into_iter()
        .map(|(w, c)| (w.into_boxed_str(), c))
        .collect();
    words.sort_unstable();
    let mut packed: Vec<(usize, u128, u16)> = words
        .iter()
        .filter_map(|(w, c)| {
            let key = pack(w.as_bytes())?;
            Some((bucket(w.len(), key), key, *c))
        })
        .collect();
    packed.sort_unstable();
    let buckets = (PACKED + 1) * 27;
    let starts = (0..=buckets)
        .map(|b| packed.partition_point(|&(pb, ..)| pb < b) as u32)
        .collect();
    let packed = packed.into_iter().map(|(_, k, c)| (k, c)).collect();
    Ok(WordClasses(std::sync::Arc::new(ClassTable {
        words,
        packed,
        starts,
    })))
}

fn load_first_names() -> Result<HashMap<String, Gender>, Error> {
    let mut names = HashMap::new();
    let rows = tsv::parse(
        FIRST_NAMES.0,
        FIRST_NAMES.1,
        &["name", "gender"],
        &["name", "gender"],
    )?;
    for row in rows {
        let gender = match row.required("gender")? {
            "m" => Gender::Male,
            "f" => Gender::Female,
            other => return Err(row.bad("gender", other)),
        };
        names.insert(row.required("name")?.to_lowercase(), gender);
    }
    Ok(names)
}

/// The gender a name's first word gives; `buffer` is scratch space.
fn gender_of_name(
    names: &HashMap<String, Gender>,
    name: &str,
    buffer: &mut String,
) -> Option<Gender> {
    let first = name.split([' ', '-']).next()?;
    if first.is_ascii() {
        return with_lower(first, |lower| names.get(lower).copied());
    }
    buffer.clear();
    buffer.extend(first.chars().flat_map(char::to_lowercase));
    names.get(buffer.as_str()).copied()
}

/// Calls `f` with `word` in lower case: folded on the stack when it is
/// short ASCII (most words), else in a new string.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 32;
    if word.len() <= MAX && word.is_ascii() {
        let mut buf = [0u8; MAX];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII is UTF-8"))
    } else {
        f(&word.to_lowercase())
    }
}

/// The last word of a person's name.
fn surname_of(gaz: &Gazetteer, person: u32) -> &str {
    gaz.actor(person)
        .name
        .split_whitespace()
        .next_back()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::nfa::contiguous::NFA;

    /// The scan the plain way: every word start walked byte by byte over
    /// a contiguous NFA of the same keys (the automaton the lexicon had
    /// before), no letter tables.
    fn scan_plain(lex: &WordLexicon, nfa: &NFA, text: &str) -> Words<'static> {
        let bytes = text.as_bytes();
        let start = nfa.start_state(Anchored::Yes).unwrap();
        let start = nfa.next_state(Anchored::Yes, start, 0);
        let mut hits = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            if !bytes[pos].is_ascii_alphabetic() || word_before(text, pos) {
                pos += 1;
                continue;
            }
            let mut sid = start;
            let mut best = None;
            let mut i = pos;
            while i < bytes.len() {
                sid = nfa.next_state(Anchored::Yes, sid, bytes[i].to_ascii_lowercase());
                i += 1;
                if nfa.is_dead(sid) {
                    break;
                }
                if nfa.is_match(sid) && !word_after(text, i) {
                    best = Some((i, nfa.match_pattern(sid, 0).as_usize()));
                }
            }
            match best {
                Some((end, pid)) => {
                    hits.push(WordHit {
                        span: Span::new(pos, end),
                        class: lex.classes[pid],
                    });
                    pos = end;
                }
                None => {
                    pos += 1;
                    while pos < bytes.len() && ALNUM[usize::from(bytes[pos])] {
                        pos += 1;
                    }
                }
            }
        }
        Words {
            hits,
            capitals: capitals_plain(text).into(),
        }
    }

    fn lexicon_and_reference() -> &'static (WordLexicon, NFA) {
        static BOTH: std::sync::OnceLock<(WordLexicon, NFA)> = std::sync::OnceLock::new();
        BOTH.get_or_init(|| {
            let gaz = Gazetteer::builtin();
            let lex = WordLexicon::new(&gaz).unwrap();
            let nfa = NFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .prefilter(false)
                .build(&lex.keys)
                .unwrap();
            (lex, nfa)
        })
    }

    #[test]
    fn scan_finds_titles_pronouns_and_descriptions() {
        let (lex, nfa) = lexicon_and_reference();
        let text = "Prime Minister Jones said he met the alliance; They agreed.";
        let hits = lex.scan(text).hits.clone();
        let class_of = |word: &str| {
            let at = text
                .match_indices(word)
                .map(|(i, _)| i)
                .find(|&i| !word_before(text, i) && !word_after(text, i + word.len()))
                .unwrap();
            hits.iter()
                .find(|h| h.span == Span::new(at, at + word.len()))
                .map(|h| h.class)
        };
        assert_eq!(class_of("he"), Some(WordClass::Pronoun(Pronoun::Masculine)));
        assert_eq!(class_of("They"), Some(WordClass::Pronoun(Pronoun::Plural)));
        assert!(
            matches!(class_of("Prime Minister"), Some(WordClass::Title(_))),
            "{hits:?}"
        );
        assert!(
            matches!(class_of("the alliance"), Some(WordClass::Fixed(_))),
            "{hits:?}"
        );
        assert_eq!(hits, scan_plain(lex, nfa, text).hits);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// The scan (DFA, pair and triple tables) finds what the plain
        /// walk over the former contiguous NFA finds, on text made of
        /// pattern words, their prefixes, case variants, joiners and
        /// non-ASCII letters.
        #[test]
        fn scan_is_the_plain_walk(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "the", "The", "THE", " ", "  ", ",", ".", "-", "'", "\n", "é", "Ž", "1",
                "president", "President", "pres", "minister", "Foreign", "foreign",
                "officials", "he", "He", "his", "it", "they", "their", "them",
                "former", "newly elected", "alliance", "world body", "secretary",
                "of", "state", "general", "council", "ministry", "x", "q", "ab",
                "spokesman", "rebels", "chief", "prime", "deputy", "head",
                "Prime Minister", "Secretary General", "Vice-President", "The World Body",
            ]),
            0..40,
        )) {
            let text: String = parts.concat();
            let (lex, nfa) = lexicon_and_reference();
            proptest::prop_assert_eq!(lex.scan(&text), scan_plain(lex, nfa, &text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// The scan is the plain walk on random text too: random letters
        /// (words the gate turns away), joiners and non-ASCII bytes.
        #[test]
        fn scan_is_the_plain_walk_on_random_text(text in "[a-zA-Z0-9 .,'\\-éŽ—\n]{0,80}") {
            let (lex, nfa) = lexicon_and_reference();
            proptest::prop_assert_eq!(lex.scan(&text), scan_plain(lex, nfa, &text));
        }
    }

    /// Every key, in three cases, alone, before and after other words,
    /// with a suffix and before joiners, is found as the plain walk finds
    /// it: the word gate lets every key's first word through.
    #[test]
    fn every_key_scans_as_the_plain_walk() {
        let (lex, nfa) = lexicon_and_reference();
        let mut checked = 0;
        for key in &lex.keys {
            let key = std::str::from_utf8(&key[1..]).unwrap();
            let upper = key.to_uppercase();
            let title: String = key
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            for k in [key, upper.as_str(), title.as_str()] {
                for text in [
                    k.to_string(),
                    format!("{k} said"),
                    format!("Yesterday the {k}, then {k}s and {k}-led, {k}é."),
                    format!("{k}'s {k}\u{2014}{k}"),
                ] {
                    let words = lex.scan(&text);
                    assert_eq!(words, scan_plain(lex, nfa, &text), "{text:?}");
                    checked += 1;
                }
            }
            let text = format!("{key} said");
            let hits = lex.scan(&text).hits.clone();
            assert!(
                hits.iter().any(|h| h.span.start == 0),
                "{key:?} is not found at the start of {text:?}"
            );
        }
        assert!(checked > 1000, "{checked}");
    }

    /// The longest key that `text` starts with (ASCII case folded), the
    /// plain way: every key compared.
    fn longest_key_plain(keys: &[Vec<u8>], text: &[u8]) -> Vec<Option<usize>> {
        // Per length of `text`'s prefix: the first key that is that prefix.
        (0..=text.len())
            .map(|n| {
                keys.iter()
                    .position(|k| k.len() == n && k.eq_ignore_ascii_case(&text[..n]))
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 1000, ..Default::default() })]
        /// The double array is the keys' trie, whatever the keys: from the
        /// root, every prefix of a text is a state exactly when some key
        /// starts with it (ASCII case folded), and a match exactly when it
        /// is a key (the first given), on keys and texts of letters of
        /// either case, digits, joiners, dots and UTF-8 bytes, keys that
        /// are prefixes of others and repeated keys.
        #[test]
        fn trie_is_the_keys(
            keys in proptest::collection::vec(r"[abcAB1 .'\-éŽ]{0,6}", 0..40),
            text in r"[abcAB1 .'\-éŽ]{0,8}",
        ) {
            let keys: Vec<Vec<u8>> = keys.iter().map(|k| k.to_lowercase().into_bytes()).collect();
            let trie = Trie::new(keys.iter().map(Vec::as_slice));
            let text = text.as_bytes();
            let plain = longest_key_plain(&keys, text);
            let mut state = Some(Trie::ROOT);
            for n in 0..=text.len() {
                // The root is a state even with no keys.
                let on = n == 0
                    || keys
                        .iter()
                    .any(|k| k.len() >= n && k[..n].eq_ignore_ascii_case(&text[..n]));
                proptest::prop_assert_eq!(state.is_some(), on, "{:?} {}", text, n);
                let Some(s) = state else { break };
                let matched = trie.is_match(s).then(|| trie.pattern(s));
                proptest::prop_assert_eq!(matched, plain[n], "{:?} {}", text, n);
                state = text.get(n).and_then(|&b| trie.next(s, b));
            }
        }
    }

    #[test]
    fn the_word_gate_is_sparse() {
        let (lex, _) = lexicon_and_reference();
        // A gate with most bits set would let most words walk.
        let filled = lex.first_words.filled();
        assert!(filled > 100 && filled < 4096, "{filled}");
    }

    /// The states table gives, for every actor of the built-in gazetteer,
    /// what the context pass computed per mention: a country itself, else
    /// the index of its country's id.
    #[test]
    fn states_table_is_the_country_look_up() {
        let resolver = crate::mentions::Resolver::builtin();
        let gaz = resolver.gazetteer();
        let lexicon = &resolver.lexicon;
        let mut with_state = 0;
        for (i, a) in gaz.actors().iter().enumerate() {
            let expected = match a.kind {
                ActorKind::Country => Some(i as u32),
                _ => a.country.as_deref().and_then(|c| gaz.index_of(c)),
            };
            assert_eq!(lexicon.state_of_known(i as u32), expected, "{}", a.id);
            with_state += usize::from(expected.is_some());
        }
        assert!(with_state > 100 && with_state < gaz.actors().len());
        assert_eq!(lexicon.state_of_known(gaz.actors().len() as u32), None);
    }

    /// `WordClasses::get` before [`pack_ascii`]: the word's bytes tested,
    /// then copied and lower-cased by [`pack`].
    fn get_reference(classes: &WordClasses, word: &str) -> u16 {
        if word.len() > MAX_CLASSED_LEN {
            return 0;
        }
        let table = &*classes.0;
        if word.is_ascii() {
            if let Some(key) = pack(word.as_bytes()) {
                let b = bucket(word.len(), key);
                let (from, to) = (table.starts[b] as usize, table.starts[b + 1] as usize);
                return table.packed[from..to]
                    .iter()
                    .find(|&&(k, _)| k == key)
                    .map_or(0, |&(_, c)| c);
            }
        }
        with_lower(word, |lower| {
            table
                .words
                .binary_search_by(|(w, _)| (**w).cmp(lower))
                .map_or(0, |i| table.words[i].1)
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 4000, ..Default::default() })]
        /// The word classes are the reference's for the table's words in
        /// any ASCII case, cut short or run on, and for any word: every
        /// length to past the longest classed one, non-ASCII letters,
        /// punctuation, digits, NUL, the bytes either side of each case's
        /// letters ('@', '[', '`', '{').
        #[test]
        fn word_classes_are_the_reference(
            pick in 0usize..10_000,
            case in proptest::num::u32::ANY,
            cut in 0usize..30,
            more in r"[a-zA-Z@\[`{ 0-9'.\-\x00é]{0,4}",
            any in r"[a-zA-Z@\[`{ 0-9'.\-\x00éÉü’]{0,30}",
        ) {
            let classes = &*WORD_CLASSES;
            let words: Vec<&str> = classes.iter().map(|(w, _)| w).collect();
            let w = words[pick % words.len()];
            let cased: String = w
                .chars()
                .enumerate()
                .map(|(i, c)| if case >> (i % 32) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                .collect();
            let cut = (0..=cut.min(cased.len())).rev().find(|&i| cased.is_char_boundary(i)).unwrap_or(0);
            for word in [cased.clone(), format!("{cased}{more}"), cased[..cut].to_string(), any.clone()] {
                proptest::prop_assert_eq!(classes.get(&word), get_reference(classes, &word), "{:?}", word);
            }
        }
    }

    static WORD_CLASSES: once_cell::sync::Lazy<WordClasses> =
        once_cell::sync::Lazy::new(|| load_words().unwrap());

    #[test]
    fn word_classes_match_whole_words_in_any_case() {
        let classes = load_words().unwrap();
        let all: HashMap<&str, u16> = classes.iter().collect();
        assert!(all.len() > 100);
        for (&w, &c) in &all {
            assert_ne!(c, 0, "{w}");
            assert_eq!(classes.get(w), c, "{w}");
            assert_eq!(classes.get(&w.to_ascii_uppercase()), c, "{w}");
            // The same bytes and one more are another word.
            assert_eq!(classes.get(&format!("{w}\0")), 0, "{w}");
            let shorter = &w[..w.len() - 1];
            assert_eq!(
                classes.get(shorter),
                all.get(shorter).copied().unwrap_or(0),
                "{w}"
            );
        }
        assert_eq!(classes.get("qqqq"), 0);
        assert_eq!(classes.get(""), 0);
        assert_eq!(classes.get(&"a".repeat(20)), 0);
    }
}
