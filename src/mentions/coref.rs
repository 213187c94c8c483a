//! Coreference inside a document: surnames, pronouns, descriptions.
//!
//! Every pass is (near) linear in the text: surnames are looked up in an
//! ordered table as the capitalised words go by, and pronouns and
//! descriptions look back over a bounded window (the current sentence and
//! the two before it, at most [`MAX_DISTANCE`] bytes).

use std::collections::BTreeMap;

use super::lexicon::{gendered_word, Gender, Pronoun, WordClass, WordLexicon};
use super::{ActorRef, Context, DocMentions, MentionRec};
#[cfg(test)]
use crate::gazetteer::capital_or_high;
use crate::gazetteer::Gazetteer;
#[cfg(test)]
use crate::text::char_before;
use crate::text::{is_capitalized, is_word_char, next_token, prev_token};
use crate::{ActorKind, MentionKind, Span};

/// How far back (in bytes) a pronoun or description looks for its antecedent.
const MAX_DISTANCE: usize = 1500;
/// How many sentences before the current one a pronoun looks into.
const SENTENCES_BACK: usize = 2;

/// After a person's full name, their surname alone refers to them.
///
/// One pass over the capitalised words: the people mentioned so far are
/// kept in a table ordered by surname, people sharing a surname in the
/// order of their latest full mention.
/// The most recent person wins, unless an honorific says the gender ("Mrs.
/// Clinton" after "Bill Clinton").
/// `capitals` are the text's word starts with a capital or a non-ASCII
/// lead byte ([`super::Words::capitals`]).
pub(super) fn surnames(
    text: &str,
    capitals: &[usize],
    gaz: &Gazetteer,
    lexicon: &WordLexicon,
    doc: &mut DocMentions,
) {
    // Surname: the people with it, most recent last. A B-tree: ordered
    // look-ups, no hashing, O(log n) per word whatever the document.
    let mut table: BTreeMap<&str, Vec<ActorRef>> = BTreeMap::new();
    // The lengths of the surnames in the table, one bit each (63 for
    // longer): most capitalised words are passed without a look-up.
    let mut lengths: u64 = 0;
    let length_bit = |len: usize| 1u64 << len.min(63);
    // The first two bytes of the surnames in the table (a surname has
    // three letters or more, so both are its own): a word starting with
    // another pair is passed without finding its end. "President" and
    // "Peskov" no longer stop for "Putin".
    let mut prefixes = PrefixSet::default();
    let bytes = text.as_bytes();
    let mut scan = CapitalScan::new(text, capitals);
    let mut added: Vec<MentionRec> = Vec::new();
    let mut next = 0;
    while let Some((start, len)) = scan.next_start() {
        // Register the people mentioned before this word.
        while next < doc.mentions.len() && doc.mentions[next].span.end <= start {
            let m = doc.mentions[next];
            next += 1;
            let Some(r) = m.actor else { continue };
            let actor = doc.actor(gaz, r);
            if actor.kind != ActorKind::Person || m.how == MentionKind::Pronoun {
                continue;
            }
            let Some(surname) = surname(&actor.name) else {
                continue;
            };
            lengths |= length_bit(surname.len());
            prefixes.insert(surname.as_bytes());
            let people = table.entry(surname).or_default();
            match people.iter().position(|a| *a == r) {
                // Most recent last.
                Some(i) => people[i..].rotate_left(1),
                None => people.push(r),
            }
        }
        // Words inside a mention are that mention's: the next mention not
        // yet registered ends after `start`, so one that starts within the
        // word's first letter holds it, whatever the word's end.
        let in_mention = |end: usize| {
            doc.mentions
                .get(next)
                .is_some_and(|m: &MentionRec| m.span.start < end)
        };
        // Until the next mention ends, no surname is registered: with none
        // yet, or with this word inside that mention, every capital before
        // its end is passed at once.
        if lengths == 0 || in_mention(start + len) {
            match doc.mentions.get(next) {
                Some(m) => scan.pass_before(start, len, m.span.end),
                None => break,
            }
            continue;
        }
        if !prefixes.may_start(bytes, start) {
            scan.pass(start, len);
            continue;
        }
        let word = scan.word(start, len);
        if in_mention(word.end) {
            continue;
        }
        if lengths & length_bit(word.end - word.start) == 0 {
            continue;
        }
        let Some(people) = table.get(&text[word.start..word.end]) else {
            continue;
        };
        let Some(&latest) = people.last() else {
            continue;
        };
        let actor = honorific_before(text, word.start)
            .and_then(|g| {
                people
                    .iter()
                    .rev()
                    .find(|r| person_gender(lexicon, doc, **r) == Some(g))
            })
            .map_or(latest, |&r| r);
        added.push(MentionRec {
            span: word,
            actor: Some(actor),
            how: MentionKind::Surname,
            place: false,
            plural: false,
        });
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// The first two bytes of a document's registered surnames, hashed into
/// 1,024 bits: a word whose first two bytes are not in the set is no
/// registered surname, and is passed before any string work.
#[derive(Default)]
struct PrefixSet([u64; 16]);

impl PrefixSet {
    /// The bit of a pair of bytes.
    #[inline]
    fn bit(a: u8, b: u8) -> usize {
        (usize::from(a) << 3 ^ usize::from(b)) & 1023
    }

    /// Adds the first two bytes of `word` (a surname: three letters or
    /// more); a shorter word adds nothing.
    fn insert(&mut self, word: &[u8]) {
        if let [a, b, ..] = *word {
            let i = Self::bit(a, b);
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    /// Whether the word at `start` may begin with a registered surname's
    /// first two bytes (false if the text ends before two bytes).
    #[inline]
    fn may_start(&self, bytes: &[u8], start: usize) -> bool {
        match bytes.get(start..start + 2) {
            Some(&[a, b]) => {
                let i = Self::bit(a, b);
                self.0[i / 64] >> (i % 64) & 1 != 0
            }
            _ => false,
        }
    }
}

/// The gender an honorific right before `pos` says ("Mrs. ", "Mr ").
fn honorific_before(text: &str, pos: usize) -> Option<Gender> {
    let mut tok = prev_token(text, pos)?;
    if tok.as_str(text) == "." {
        tok = prev_token(text, tok.start)?;
    }
    let w = tok.as_str(text);
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Miss" | "Sir" | "Dame" | "Lady" | "Lord"
    )
    .then(|| gendered_word(w))
    .flatten()
}

/// A person's gender from the name or the title that introduced them.
fn person_gender(lexicon: &WordLexicon, doc: &DocMentions, r: ActorRef) -> Option<Gender> {
    match r {
        ActorRef::Known(i) => lexicon.gender(i),
        ActorRef::Found(i) => doc.found.gender(i),
    }
}

/// A person's surname: the last word of the name, if it is a capitalised
/// word of three letters or more.
fn surname(name: &str) -> Option<&str> {
    let mut parts = name.split_whitespace();
    let last = parts.next_back()?;
    parts.next()?;
    (last.chars().count() >= 3 && is_capitalized(last)).then_some(last)
}

/// The next capitalised word at or after `pos` (letters, with inner hyphens
/// and apostrophes; a possessive "'s" left out).
#[cfg(test)]
fn next_capitalised(text: &str, pos: usize) -> Option<Span> {
    let (start, len) = next_capital_start(text, pos)?;
    Some(Span::new(start, word_end(text, start + len)))
}

/// The capitalised words of a text, left to right, as
/// [`next_capitalised`] gives them, but a word the caller has no use for is
/// passed without finding its end: that end is found only if a later
/// capital might lie inside the word ("Jean-Pierre").
struct CapitalScan<'t> {
    text: &'t str,
    /// The word starts with an ASCII capital or a non-ASCII lead byte not
    /// yet passed.
    capitals: &'t [usize],
    pos: usize,
    /// A word passed without its end (start, length of its first letter).
    pending: Option<(usize, usize)>,
}

impl<'t> CapitalScan<'t> {
    fn new(text: &'t str, capitals: &'t [usize]) -> Self {
        CapitalScan {
            text,
            capitals,
            pos: 0,
            pending: None,
        }
    }

    /// The next capitalised word's start and the length of its first
    /// letter; follow with [`CapitalScan::word`] or [`CapitalScan::pass`].
    fn next_start(&mut self) -> Option<(usize, usize)> {
        loop {
            let (start, len) = self.next_capital()?;
            if let Some((ps, pl)) = self.pending.take() {
                // Only a joiner or a non-ASCII character right before a
                // capital can leave it inside the word passed (a letter or
                // digit there makes it no word start at all).
                let b = self.text.as_bytes()[start - 1];
                if b >= 0x80 || b == b'-' || b == b'\'' {
                    let end = word_end(self.text, ps + pl);
                    if end > start {
                        self.pos = end;
                        continue;
                    }
                }
            }
            return Some((start, len));
        }
    }

    /// [`next_capital_start`] from the list: the next capital at or after
    /// `pos` with no word character right before it, and its length.
    #[inline]
    fn next_capital(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        while let Some((&at, rest)) = self.capitals.split_first() {
            self.capitals = rest;
            if at < self.pos {
                continue;
            }
            if bytes[at] < 0x80 {
                return Some((at, 1));
            }
            let c = self.text[at..].chars().next()?;
            if c.is_uppercase() {
                return Some((at, c.len_utf8()));
            }
        }
        None
    }

    /// The whole word starting there.
    fn word(&mut self, start: usize, len: usize) -> Span {
        let word = Span::new(start, word_end(self.text, start + len));
        self.pos = word.end;
        word
    }

    /// Passes the word starting there without finding its end.
    fn pass(&mut self, start: usize, len: usize) {
        self.pending = Some((start, len));
        self.pos = start + len;
    }

    /// Passes the word starting there and every capitalised word after it
    /// that starts before `end`, as [`CapitalScan::pass`] on each would:
    /// the last one is left pending. (A capital that `pass` on each would
    /// have skipped as inside a word passed is in that same word, whose
    /// end the pending capital finds as well.)
    fn pass_before(&mut self, start: usize, len: usize, end: usize) {
        self.pass(start, len);
        let bytes = self.text.as_bytes();
        while let Some((&at, rest)) = self.capitals.split_first() {
            if at >= end {
                break;
            }
            self.capitals = rest;
            if at < self.pos {
                continue;
            }
            if bytes[at] < 0x80 {
                self.pass(at, 1);
            } else if let Some(c) = self.text[at..].chars().next().filter(|c| c.is_uppercase()) {
                self.pass(at, c.len_utf8());
            }
        }
    }
}

/// The next capital at or after `pos` with no letter or digit right before
/// it: its position and its length in bytes. A capital inside a hyphenated
/// word ("Jean-Pierre") is one too; the caller skips those by the word's end.
/// The plain way, for tests: [`CapitalScan`] takes them from the word
/// scan's list.
#[cfg(test)]
fn next_capital_start(text: &str, mut pos: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    loop {
        // Eight bytes at a time past runs with no capital and no non-ASCII
        // byte, then the next upper-case ASCII letter or non-ASCII lead byte.
        while let Some(chunk) = bytes.get(pos..pos + 8) {
            if capital_or_high(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) {
                break;
            }
            pos += 8;
        }
        let skip = bytes
            .get(pos..)?
            .iter()
            .position(|&b| b.is_ascii_uppercase() || b >= 0xC0)?;
        pos += skip;
        let len = if bytes[pos] < 0x80 {
            1
        } else {
            let c = text[pos..].chars().next()?;
            if !c.is_uppercase() {
                pos += c.len_utf8();
                continue;
            }
            c.len_utf8()
        };
        let word_before = match bytes.get(pos.wrapping_sub(1)) {
            Some(&b) if pos > 0 && b < 0x80 => b.is_ascii_alphanumeric(),
            Some(_) if pos > 0 => char_before(text, pos).is_some_and(is_word_char),
            _ => false,
        };
        if word_before {
            pos += len;
            continue;
        }
        return Some((pos, len));
    }
}

/// The end of the word going on at `pos`: letters and digits, with hyphens
/// and apostrophes between letters, but not a possessive "'s".
fn word_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    let letter_at = |i: usize| match bytes.get(i) {
        Some(&b) if b < 0x80 => b.is_ascii_alphabetic(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphabetic),
        None => false,
    };
    loop {
        match bytes.get(end) {
            Some(&b) if b.is_ascii_alphanumeric() => end += 1,
            Some(&b) if b == b'-' || b == b'\'' => {
                let possessive =
                    b == b'\'' && bytes.get(end + 1) == Some(&b's') && !letter_at(end + 2);
                if !letter_at(end + 1) || possessive {
                    return end;
                }
                end += 1;
            }
            Some(&b) if b >= 0x80 => {
                let c = text[end..].chars().next().unwrap_or(' ');
                if c.is_alphanumeric() {
                    end += c.len_utf8();
                } else if c == '’' {
                    let next = end + c.len_utf8();
                    let possessive = bytes.get(next) == Some(&b's') && !letter_at(next + 1);
                    if !letter_at(next) || possessive {
                        return end;
                    }
                    end = next;
                } else {
                    return end;
                }
            }
            _ => return end,
        }
    }
}

/// A mention seen so far, with its sentence.
#[derive(Debug, Clone, Copy)]
struct Seen {
    mention: MentionRec,
    sentence: usize,
}

/// Resolves pronouns and definite descriptions, left to right; resolved
/// ones count as antecedents for later ones.
pub(super) fn resolve(cx: &Context<'_>, doc: &mut DocMentions) {
    // The genders honorifics give, read at the first "he" or "she" (the
    // only pronouns that ask): most documents' first pronoun comes late,
    // and some have none.
    let mut learned: Vec<(ActorRef, Gender)> = Vec::new();
    let mut honorifics_read = false;
    // The mentions, and at most one resolved mention per word hit.
    let mut history: Vec<Seen> = Vec::with_capacity(doc.mentions.len() + cx.words.len());
    let mut added: Vec<MentionRec> = Vec::new();
    let mut buffer: Vec<Seen> = Vec::new();
    let mut next = 0;
    let mut sentence = 0;
    let mut seen_sentence = 0;
    for hit in cx.words {
        let start = hit.span.start;
        while next < doc.mentions.len() && doc.mentions[next].span.start < start {
            let m = doc.mentions[next];
            next += 1;
            history.push(Seen {
                mention: m,
                sentence: sentence_of(cx.sentences, m.span.start, &mut seen_sentence),
            });
        }
        let covered = doc
            .mentions
            .get(next)
            .is_some_and(|m| m.span.start < hit.span.end)
            || history.last().is_some_and(|s| s.mention.span.end > start);
        if covered {
            continue;
        }
        sentence = sentence_of(cx.sentences, start, &mut sentence);
        let here = Here {
            start,
            sentence,
            history: &history,
        };
        let rec = match hit.class {
            WordClass::Pronoun(p) => {
                if matches!(p, Pronoun::Masculine | Pronoun::Feminine) && !honorifics_read {
                    learn_honorifics(cx, doc, &mut learned);
                    honorifics_read = true;
                }
                pronoun(cx, doc, &mut learned, &here, &mut buffer, hit.span, p)
            }
            WordClass::Description(h) => description(cx, doc, &here, hit.span, h),
            WordClass::Fixed(f) => fixed(cx, &here, hit.span, f),
            _ => None,
        };
        if let Some(rec) = rec {
            history.push(Seen {
                mention: rec,
                sentence,
            });
            added.push(rec);
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// The index of the sentence holding `pos`, searching on from `*hint`.
pub(super) fn sentence_of(sentences: &[Span], pos: usize, hint: &mut usize) -> usize {
    let mut i = (*hint).min(sentences.len().saturating_sub(1));
    if sentences.get(i).is_some_and(|s| s.start > pos) {
        i = sentences.partition_point(|s| s.end <= pos);
    }
    while i + 1 < sentences.len() && sentences[i].end <= pos {
        i += 1;
    }
    *hint = i;
    i
}

/// Where a pronoun or description is, and what came before it.
struct Here<'h> {
    start: usize,
    sentence: usize,
    history: &'h [Seen],
}

impl Here<'_> {
    /// The mentions in the window, most recent first.
    fn window(&self) -> impl Iterator<Item = &Seen> + '_ {
        let start = self.start;
        let first = self.sentence.saturating_sub(SENTENCES_BACK);
        self.history
            .iter()
            .rev()
            .take_while(move |s| start - s.mention.span.end.min(start) <= MAX_DISTANCE)
            .filter(move |s| s.sentence >= first)
    }

    /// Fills `out` with the candidates in preference order: the current
    /// sentence from the most recent backwards, then each earlier sentence
    /// (nearest first) from its start, its subject first.
    fn ordered(&self, max_back: usize, out: &mut Vec<Seen>) {
        out.clear();
        let first = self.sentence.saturating_sub(max_back);
        out.extend(self.window().filter(|s| s.sentence >= first));
        let current = out
            .iter()
            .take_while(|s| s.sentence == self.sentence)
            .count();
        out[current..].sort_by(|a, b| {
            b.sentence
                .cmp(&a.sentence)
                .then(a.mention.span.start.cmp(&b.mention.span.start))
        });
    }
}

fn gender_of(
    cx: &Context<'_>,
    doc: &DocMentions,
    learned: &[(ActorRef, Gender)],
    r: ActorRef,
) -> Option<Gender> {
    match learned.iter().find(|(a, _)| *a == r) {
        Some(&(_, g)) => Some(g),
        None => person_gender(cx.lexicon, doc, r),
    }
}

/// "Ms. Kovacs", "Mr Petrovsky": an honorific before a person's mention says
/// the person's gender. Only people's genders are ever asked
/// ([`gender_of`] is asked about people only): the other mentions' words
/// before are not read.
fn learn_honorifics(cx: &Context<'_>, doc: &DocMentions, learned: &mut Vec<(ActorRef, Gender)>) {
    for m in &doc.mentions {
        let Some(r) = m.actor else { continue };
        if doc.actor(cx.gaz, r).kind != ActorKind::Person {
            continue;
        }
        let Some(prev) = prev_token(cx.text, m.span.start) else {
            continue;
        };
        let mut word = prev;
        if word.as_str(cx.text) == "." {
            match prev_token(cx.text, word.start) {
                Some(w) => word = w,
                None => continue,
            }
        }
        if let Some(g) = gendered_word(word.as_str(cx.text)) {
            if !learned.iter().any(|(a, _)| *a == r) {
                learned.push((r, g));
            }
        }
    }
}

fn pronoun(
    cx: &Context<'_>,
    doc: &DocMentions,
    learned: &mut Vec<(ActorRef, Gender)>,
    here: &Here<'_>,
    candidates: &mut Vec<Seen>,
    span: Span,
    p: Pronoun,
) -> Option<MentionRec> {
    let actor_kind = |r: ActorRef| doc.actor(cx.gaz, r).kind;
    let (antecedent, plural) = match p {
        Pronoun::Masculine | Pronoun::Feminine => {
            let want = if p == Pronoun::Masculine {
                Gender::Male
            } else {
                Gender::Female
            };
            here.ordered(SENTENCES_BACK, candidates);
            let fits = |r: ActorRef| {
                actor_kind(r) == ActorKind::Person
                    && gender_of(cx, doc, learned, r).map_or(true, |g| g == want)
            };
            // Within the first sentence that has a fitting person, a known
            // gender beats an unknown one; a pronoun that takes the
            // sentence's subject takes its subject.
            let mut chosen = takes_subject(cx, here, span)
                .then(|| sentence_subject(cx, here))
                .flatten()
                .filter(|&r| fits(r));
            let by_subject = chosen.is_some();
            for scope in scopes(candidates).take_while(|_| !by_subject) {
                let people = scope.iter().filter_map(|s| {
                    let r = s.mention.actor?;
                    (actor_kind(r) == ActorKind::Person && !s.mention.plural).then_some(r)
                });
                let mut unknown = None;
                for r in people {
                    match gender_of(cx, doc, learned, r) {
                        Some(g) if g == want => {
                            chosen = Some(r);
                            break;
                        }
                        Some(_) => {}
                        None => {
                            unknown = unknown.or(Some(r));
                        }
                    }
                }
                chosen = chosen.or(unknown);
                if chosen.is_some() {
                    break;
                }
            }
            if let Some(r) = chosen {
                if gender_of(cx, doc, learned, r).is_none() {
                    learned.push((r, want));
                }
            }
            (chosen, false)
        }
        Pronoun::Plural => {
            here.ordered(1, candidates);
            let a = candidates
                .iter()
                .find(|s| s.mention.plural && s.mention.actor.is_some())
                .and_then(|s| s.mention.actor);
            (a, true)
        }
        Pronoun::Neuter => {
            if !it_acts(cx, span) {
                return None;
            }
            here.ordered(1, candidates);
            let a = candidates.iter().find_map(|s| {
                let r = s.mention.actor?;
                let fits = !s.mention.plural
                    && !s.mention.place
                    && matches!(
                        actor_kind(r),
                        ActorKind::Country | ActorKind::Organization | ActorKind::Group
                    );
                fits.then_some(r)
            });
            // An "it" that names no state or organisation is left alone.
            (Some(a?), false)
        }
    };
    Some(MentionRec {
        span,
        actor: antecedent,
        how: MentionKind::Pronoun,
        place: false,
        plural,
    })
}

/// Words after a comma in a report that closes its sentence (", his
/// office said on Tuesday.").
const MAX_CLOSING_WORDS: usize = 6;

/// Words between a person's mention and the start of its sentence for the
/// mention to be the sentence's subject ("On Monday Anna Varga").
const MAX_SUBJECT_OFFSET: usize = 3;

/// Whether the pronoun at `span` refers to the subject of its sentence
/// rather than to the nearest person: a possessive opening a report that
/// closes the sentence ("X will visit Y next week, his office said").
fn takes_subject(cx: &Context<'_>, here: &Here<'_>, span: Span) -> bool {
    let text = cx.text;
    let word = span.as_str(text);
    let after_comma = prev_token(text, span.start).is_some_and(|p| p.as_str(text) == ",");
    if !["his", "her"].iter().any(|w| word.eq_ignore_ascii_case(w)) || !after_comma {
        return false;
    }
    let Some(end) = cx.sentences.get(here.sentence).map(|s| s.end) else {
        return false;
    };
    let mut pos = span.end;
    for _ in 0..=MAX_CLOSING_WORDS {
        match next_token(text, pos) {
            Some(t) if t.start < end => {
                if matches!(t.as_str(text), "." | "!" | "?") {
                    return true;
                }
                if !t.as_str(text).starts_with(is_word_char) {
                    return false;
                }
                pos = t.end;
            }
            _ => return true,
        }
    }
    false
}

/// The person that opens the current sentence, as its subject ("Israeli
/// President Moshe Katsav has refused ...").
fn sentence_subject(cx: &Context<'_>, here: &Here<'_>) -> Option<ActorRef> {
    let start = cx.sentences.get(here.sentence)?.start;
    let first = here
        .history
        .iter()
        .rev()
        .take_while(|s| s.sentence == here.sentence)
        .last()?;
    if first.mention.plural || first.mention.how == MentionKind::Pronoun {
        return None;
    }
    let mut pos = start;
    for _ in 0..=MAX_SUBJECT_OFFSET {
        let t = next_token(cx.text, pos)?;
        if t.start >= first.mention.span.start {
            return first.mention.actor;
        }
        if t.as_str(cx.text) == "," {
            return None;
        }
        pos = t.end;
    }
    None
}

/// Whether an "it" is a state or organisation acting: a subject followed by
/// a verb of saying or stance, or a modal not followed by "be" ("Russia said
/// it would", not "it would be hard", nor "watch it on Dish").
fn it_acts(cx: &Context<'_>, span: Span) -> bool {
    let text = cx.text;
    let Some(next) = next_token(text, span.end) else {
        return false;
    };
    if !cx.lexicon.is_it_verb(next.as_str(text)) {
        return false;
    }
    // "has", "would": the next word decides.
    match next_token(text, next.end) {
        Some(after) => {
            let w = after.as_str(text);
            let w = if w.eq_ignore_ascii_case("not") {
                next_token(text, after.end).map_or("", |t| t.as_str(text))
            } else {
                w
            };
            !cx.lexicon.is_it_expletive(w)
        }
        None => true,
    }
}

/// Groups candidates (ordered as by `Here::ordered`) into runs of one
/// sentence each.
fn scopes(candidates: &[Seen]) -> impl Iterator<Item = &[Seen]> {
    let mut rest = candidates;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let n = rest
            .iter()
            .take_while(|s| s.sentence == first.sentence)
            .count();
        let (scope, tail) = rest.split_at(n);
        rest = tail;
        Some(scope)
    })
}

/// "the alliance" (an organisation whose name ends in the head), "the
/// minister" (a person whose title has the head): the most recent fit.
fn description(
    cx: &Context<'_>,
    doc: &DocMentions,
    here: &Here<'_>,
    span: Span,
    h: u32,
) -> Option<MentionRec> {
    let head = &cx.lexicon.heads[h as usize];
    let a = here.window().find_map(|s| {
        let r = s.mention.actor?;
        let fits = match r {
            ActorRef::Known(i) if head.actors.contains(&i) => true,
            _ => head.title.is_some() && holds_title(cx, doc, r, &head.head),
        };
        fits.then_some(r)
    })?;
    Some(MentionRec {
        span,
        actor: Some(a),
        how: MentionKind::Description,
        place: false,
        plural: false,
    })
}

/// "the world body", "the bloc": a listed referent, the most recently
/// mentioned, or the first when the description always means it.
fn fixed(cx: &Context<'_>, here: &Here<'_>, span: Span, f: u32) -> Option<MentionRec> {
    let d = &cx.lexicon.fixed[f as usize];
    let recent = here.window().find_map(|s| match s.mention.actor? {
        ActorRef::Known(i) if d.actors.contains(&i) => Some(ActorRef::Known(i)),
        _ => None,
    });
    let a = recent.or_else(|| d.always.then(|| ActorRef::Known(d.actors[0])))?;
    Some(MentionRec {
        span,
        actor: Some(a),
        how: MentionKind::Description,
        place: false,
        plural: false,
    })
}

fn holds_title(cx: &Context<'_>, doc: &DocMentions, r: ActorRef, head: &str) -> bool {
    let actor = doc.actor(cx.gaz, r);
    if actor.kind != ActorKind::Person {
        return false;
    }
    // "the president" is no "Deputy Head of the Office of the President",
    // nor a vice president.
    let has = |office: &str| Gazetteer::office_holds(office, head);
    actor.title.as_deref().is_some_and(has) || actor.terms.iter().any(|t| has(&t.office))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The capitalised words whose first byte `keep` takes, by
    /// [`CapitalScan`] passing the others without their end.
    fn kept_words(t: &str, keep: impl Fn(u8) -> bool) -> Vec<Span> {
        let capitals = crate::mentions::lexicon::capitals_plain(t);
        let mut scan = CapitalScan::new(t, &capitals);
        let mut got = Vec::new();
        while let Some((start, len)) = scan.next_start() {
            if keep(t.as_bytes()[start]) {
                got.push(scan.word(start, len));
            } else {
                scan.pass(start, len);
            }
        }
        got
    }

    #[test]
    fn passed_words_hide_their_inner_capitals() {
        let t = "Jean-Pierre and Pierre, O'Neil, Ahn Cheol-Soo; Dupont’Sa Sa";
        let got: Vec<&str> = kept_words(t, |b| !b"JOACD".contains(&b))
            .iter()
            .map(|w| w.as_str(t))
            .collect();
        assert_eq!(got, ["Pierre", "Sa"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        #[test]
        fn passing_words_keeps_the_others(
            text in proptest::string::string_regex(
                "([abnsyABCNS' ,.\\-’éÉ9]){0,60}"
            ).unwrap(),
            keep in 0u8..8,
        ) {
            let keep = |b: u8| match b {
                b'A' => keep & 1 != 0,
                b'B' | b'N' => keep & 2 != 0,
                b'C' | b'S' => keep & 4 != 0,
                _ => keep & 1 == 0,
            };
            let mut all = Vec::new();
            let mut pos = 0;
            while let Some(w) = next_capitalised(&text, pos) {
                all.push(w);
                pos = w.end;
            }
            all.retain(|w| keep(text.as_bytes()[w.start]));
            proptest::prop_assert_eq!(kept_words(&text, keep), all);
        }
    }

    #[test]
    fn capitalised_words() {
        let t = "the Kremlin’s view, O'Brien and Ahn Cheol-soo; É";
        let mut pos = 0;
        let mut got = Vec::new();
        while let Some(w) = next_capitalised(t, pos) {
            got.push(w.as_str(t));
            pos = w.end;
        }
        assert_eq!(got, ["Kremlin", "O'Brien", "Ahn", "Cheol-soo", "É"]);
    }

    /// An honorific before a person's mention gives the gender a later
    /// "she" asks (read at the first "he" or "she", from people's
    /// mentions only): the person of the honorific, not the first one.
    #[test]
    fn honorifics_give_genders_to_pronouns() {
        // No first name here says a gender: the honorifics do.
        let text = "Polish Deputy Minister Tal Zorin met Czech Deputy Minister Sasha Kell. \
                    Mr. Zorin thanked Ms. Kell in Warsaw. She smiled.";
        let found = crate::mentions::Resolver::builtin().resolve(text);
        let she = found
            .mentions
            .iter()
            .find(|m| m.span.as_str(text) == "She")
            .and_then(|m| m.actor.as_deref());
        assert_eq!(she, Some("sasha-kell"), "{found:#?}");
    }

    /// [`surnames`] as it was before [`PrefixSet`]: a word stopped on its
    /// first byte alone, its end found before the mention check.
    fn surnames_reference(
        text: &str,
        capitals: &[usize],
        gaz: &Gazetteer,
        lexicon: &WordLexicon,
        doc: &mut DocMentions,
    ) {
        let mut table: BTreeMap<&str, Vec<ActorRef>> = BTreeMap::new();
        let mut lengths: u64 = 0;
        let length_bit = |len: usize| 1u64 << len.min(63);
        let mut first_bytes: u128 = 0;
        let mut first_high = false;
        let bytes = text.as_bytes();
        let mut scan = CapitalScan::new(text, capitals);
        let mut added: Vec<MentionRec> = Vec::new();
        let mut next = 0;
        while let Some((start, len)) = scan.next_start() {
            while next < doc.mentions.len() && doc.mentions[next].span.end <= start {
                let m = doc.mentions[next];
                next += 1;
                let Some(r) = m.actor else { continue };
                let actor = doc.actor(gaz, r);
                if actor.kind != ActorKind::Person || m.how == MentionKind::Pronoun {
                    continue;
                }
                let Some(surname) = surname(&actor.name) else {
                    continue;
                };
                lengths |= length_bit(surname.len());
                match surname.as_bytes()[0] {
                    b if b < 0x80 => first_bytes |= 1u128 << b,
                    _ => first_high = true,
                }
                let people = table.entry(surname).or_default();
                match people.iter().position(|a| *a == r) {
                    Some(i) => people[i..].rotate_left(1),
                    None => people.push(r),
                }
            }
            let may_match = match bytes[start] {
                b if b < 0x80 => first_bytes >> b & 1 != 0,
                _ => first_high,
            };
            if !may_match {
                scan.pass(start, len);
                continue;
            }
            let word = scan.word(start, len);
            if doc
                .mentions
                .get(next)
                .is_some_and(|m| m.span.start < word.end)
            {
                continue;
            }
            if lengths & length_bit(word.end - word.start) == 0 {
                continue;
            }
            let Some(people) = table.get(&text[word.start..word.end]) else {
                continue;
            };
            let Some(&latest) = people.last() else {
                continue;
            };
            let actor = honorific_before(text, word.start)
                .and_then(|g| {
                    people
                        .iter()
                        .rev()
                        .find(|r| person_gender(lexicon, doc, **r) == Some(g))
                })
                .map_or(latest, |&r| r);
            added.push(MentionRec {
                span: word,
                actor: Some(actor),
                how: MentionKind::Surname,
                place: false,
                plural: false,
            });
        }
        if !added.is_empty() {
            doc.mentions.extend(added);
            doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        }
    }

    /// Builds a text from pieces: a piece naming a gazetteer person in
    /// full becomes a mention of them, as the matcher would give it.
    fn surname_doc(pieces: &[(usize, String)], people: &[u32]) -> (String, Vec<MentionRec>) {
        let mut text = String::new();
        let mut mentions = Vec::new();
        for (who, piece) in pieces {
            let start = text.len();
            text.push_str(piece);
            if piece.is_empty() {
                let gaz = Gazetteer::builtin();
                let i = people[who % people.len()];
                text.push_str(&gaz.actor(i).name);
                mentions.push(MentionRec {
                    span: Span::new(start, text.len()),
                    actor: Some(ActorRef::Known(i)),
                    how: if who % 7 == 0 {
                        MentionKind::Pronoun
                    } else {
                        MentionKind::Name
                    },
                    place: false,
                    plural: false,
                });
            }
        }
        (text, mentions)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// The prefix filter and the mention check before the word's end
        /// find the same surnames as the first-byte filter did, on texts
        /// of full names (an empty piece), their surnames, honorifics and
        /// awkward words.
        #[test]
        fn surnames_match_the_reference(
            pieces in proptest::collection::vec(
                (0usize..64, proptest::string::string_regex(
                    "|(Mr\\. |Mrs |Ms\\. |Lord |U\\.S\\. |Pu|Put|Putin|Putin's|Putinx|\
                     Biden|Bi|Zelensky|Zelenskyy|Shoigu|Lavrov|Jean-Pierre|É|Élise|Émile|\
                     Lavrov’s|Lavrov-Biden|O'Neil|“Putin”|Putin-|3Putin|x|the|and|,|\\.|\\n|\
                     [A-Za-zÀ-ž'’\\- 0-9]{0,6}| )*"
                ).expect("regex")),
                0..40,
            ),
            take in 0usize..8,
        ) {
            let gaz = Gazetteer::builtin();
            let lexicon = &crate::mentions::Resolver::builtin().lexicon;
            // People whose surnames the pieces spell, and some others.
            let mut people: Vec<u32> = ["Putin", "Biden", "Zelensky", "Lavrov", "Shoigu"]
                .iter()
                .flat_map(|s| {
                    gaz.actors().iter().enumerate().filter(move |(_, a)| {
                        a.kind == ActorKind::Person && surname(&a.name) == Some(s)
                    })
                })
                .map(|(i, _)| i as u32)
                .collect();
            people.extend(
                (0..gaz.actors().len() as u32)
                    .filter(|&i| gaz.actor(i).kind == ActorKind::Person)
                    .take(take),
            );
            proptest::prop_assume!(!people.is_empty());
            let (text, mentions) = surname_doc(&pieces, &people);
            let capitals = crate::mentions::lexicon::capitals_plain(&text);
            let doc = DocMentions {
                mentions,
                found: super::super::found::Found::default(),
                words: lexicon.word_classes(),
            };
            let mut want = doc.clone();
            surnames_reference(&text, &capitals, &gaz, lexicon, &mut want);
            let mut got = doc;
            surnames(&text, &capitals, &gaz, lexicon, &mut got);
            proptest::prop_assert_eq!(&got.mentions, &want.mentions);
        }
    }

    #[test]
    fn surnames_of_names() {
        assert_eq!(surname("Olaf Scholz"), Some("Scholz"));
        assert_eq!(surname("Scholz"), None);
        assert_eq!(surname("Xi Jinping"), Some("Jinping"));
        assert_eq!(surname("Kim Il"), None);
    }
}
