//! The [`Analyzer`]: every stage of the pipeline, built once.

use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::attribution::{self, CueLexicon};
use crate::classify::{LexiconClassifier, SentenceClassifier, StatementText};
use crate::error::Error;
use crate::gazetteer::{EntityMatcher, Gazetteer, GazetteerBuilder};
use crate::mentions::{ActorRef, DocMentions, MentionRec, Resolver};
use crate::{position, text};
use crate::{Actor, ActorId, Analysis, Document, Mention, MentionKind, Span, Statement};

/// The default limit on input size: 16 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Reads news text and says who stands where: the actors, their statements
/// and their positions.
///
/// Built once (the automata are compiled at build time), `Send + Sync`, and
/// cheap to clone: clones share everything.
///
/// # Examples
///
/// ```
/// use standpoint::{Analyzer, Stance};
///
/// let analyzer = Analyzer::default();
/// let analysis = analyzer
///     .analyze("Russian President Vladimir Putin said NATO expansion is a direct threat.")
///     .unwrap();
/// let st = &analysis.statements[0];
/// assert_eq!(st.speaker_actor().unwrap(), "vladimir-putin");
/// assert_eq!(st.stance, Stance::Oppose);
/// let russia = analysis.positions_of("RUS").next().unwrap();
/// assert_eq!(russia.stance, Stance::Oppose);
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    resolver: Resolver,
    cues: CueLexicon,
    classifier: Arc<dyn SentenceClassifier>,
    max_input_bytes: usize,
    roll_up: bool,
}

static DEFAULT: Lazy<Analyzer> = Lazy::new(|| {
    AnalyzerBuilder::new()
        .build()
        .expect("the built-in analyzer is valid (checked by tests)")
});

impl Default for Analyzer {
    /// The analyzer on the built-in gazetteer and lexicons, built once on
    /// first use and shared.
    fn default() -> Analyzer {
        DEFAULT.clone()
    }
}

impl Analyzer {
    /// The analyzer on the built-in defaults (same as [`Analyzer::default`]).
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// A builder for a configured analyzer.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::new()
    }

    /// The entity matcher inside, for finding actors in any text.
    pub fn matcher(&self) -> &EntityMatcher {
        self.inner.resolver.matcher()
    }

    /// The mention resolver inside.
    pub fn resolver(&self) -> &Resolver {
        &self.inner.resolver
    }

    /// The gazetteer inside.
    pub fn gazetteer(&self) -> &Gazetteer {
        self.inner.resolver.gazetteer()
    }

    /// The classifier inside.
    pub fn classifier(&self) -> &dyn SentenceClassifier {
        &*self.inner.classifier
    }

    /// Analyzes raw bytes, which must be UTF-8.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUtf8`] with the offset of the first bad byte, or
    /// [`Error::InputTooLarge`].
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::{Analyzer, Error};
    ///
    /// let err = Analyzer::default().analyze_bytes(b"Kyiv said \xff.").unwrap_err();
    /// assert_eq!(err, Error::InvalidUtf8 { offset: 10 });
    /// ```
    pub fn analyze_bytes(&self, bytes: &[u8]) -> Result<Analysis, Error> {
        self.check_size(bytes.len())?;
        let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            offset: e.valid_up_to(),
        })?;
        self.analyze(text)
    }

    fn check_size(&self, len: usize) -> Result<(), Error> {
        // The attributor's token offsets are 31-bit: no limit goes past them.
        let limit = self.inner.max_input_bytes.min(attribution::MAX_TEXT_BYTES);
        if len > limit {
            return Err(Error::InputTooLarge { len, limit });
        }
        Ok(())
    }

    /// Analyzes one document: a `&str`, or a [`Document`] with a date so
    /// that dated roles resolve ("the German chancellor" in 2019 and 2023).
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLarge`] when the text is longer than the configured
    /// limit ([`DEFAULT_MAX_INPUT_BYTES`] unless set otherwise).
    pub fn analyze<'t>(&self, document: impl Into<Document<'t>>) -> Result<Analysis, Error> {
        let document = document.into();
        let text = document.text();
        self.check_size(text.len())?;
        let inner = &*self.inner;
        // One scan of the text for the sentence splitter and the quotation
        // finder.
        let (sentences, quotes) = text::sentences_and_quotes(text);
        let mut tokens = attribution::tokens(text, &sentences, &quotes, &inner.cues);
        // The mention stage's word starts from the token table (the
        // analyzer's cue lexicon has the mention lexicon's first words
        // marked): the text's words are found once.
        let mut doc = {
            let words = match tokens.mention_starts() {
                Some(starts) => inner.resolver.words_at(text, starts, &tokens.capitals),
                None => inner.resolver.words(text),
            };
            inner
                .resolver
                .run(text, &words, &sentences, document.get_date())
        };
        let gaz = inner.resolver.gazetteer();
        let found = attribution::attribute(&mut tokens, &quotes, &mut doc, gaz, &inner.cues);

        let mut ids = IdTable::new(inner.resolver.gazetteer(), &doc);
        // Actors are listed in order of first mention; the mentions get
        // their ids in the same pass (the statements below add actors
        // after these, and never change an id given).
        let mut mentions: Vec<Mention> = Vec::with_capacity(doc.mentions.len());
        mentions.extend(doc.mentions.iter().filter_map(|m| {
            let r = m.actor?;
            Some(Mention {
                actor: Some(ids.id(r)),
                span: m.span,
                how: m.how,
            })
        }));
        let mut statements = Vec::with_capacity(found.len());
        // The actors of a statement's sentence, for the classifier: one
        // buffer for all the statements, kept for the next statement of
        // the same sentence.
        let mut in_sentence = SentenceActors::default();
        for a in &found {
            statements.push(self.statement(text, &doc, &mut ids, a, &mut in_sentence));
        }
        attribution::recycle(tokens);
        if inner.roll_up {
            ids.add_roll_up_targets();
        }
        let positions = position::positions(&statements, &ids.actors, inner.roll_up);
        Ok(Analysis {
            actors: ids.actors,
            mentions,
            sentences,
            statements,
            positions,
        })
    }

    /// Analyzes many documents; the results are in input order.
    ///
    /// With the `rayon` cargo feature, documents are analyzed in parallel on
    /// all cores (rayon's global pool); without it, one after another.
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::Analyzer;
    ///
    /// let texts = ["Kyiv said it welcomed the plan.", "Moscow said the plan was a threat."];
    /// let results = Analyzer::default().analyze_batch(&texts);
    /// assert_eq!(results.len(), 2);
    /// assert_eq!(results[1].as_ref().unwrap().statements[0].speaker_actor().unwrap(), "RUS");
    /// ```
    pub fn analyze_batch<S>(&self, texts: &[S]) -> Vec<Result<Analysis, Error>>
    where
        S: AsRef<str> + Sync,
    {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            texts.iter().map(|t| self.analyze(t.as_ref())).collect()
        }
    }

    fn statement(
        &self,
        text: &str,
        doc: &DocMentions,
        ids: &mut IdTable<'_>,
        a: &attribution::Attribution<'_>,
        in_sentence: &mut SentenceActors,
    ) -> Statement {
        // "We" in a transcript turn: the speaker's state speaks.
        let speaker = a.speaker.map(|mut m| {
            if a.for_state {
                let country = m
                    .actor
                    .and_then(|r| doc.actor(ids.gaz, r).country.as_deref());
                if let Some(i) = country.and_then(|c| ids.gaz.index_of(c)) {
                    m.actor = Some(ActorRef::Known(i));
                }
            }
            m
        });
        // The speakers' actors (a handful at most: walked where needed,
        // not collected per statement).
        let speaker_refs = || speaker.iter().chain(&a.co_speakers).filter_map(|m| m.actor);
        let sentence = a.scope;
        let clause = reported_clause(text, sentence, a);
        let mut targets: Vec<ActorId> = Vec::new();
        if let Some(content) = clause {
            for m in doc.within(content) {
                let Some(r) = m.actor else { continue };
                if speaker_refs().any(|s| s == r) {
                    continue;
                }
                let actor = doc.actor(ids.gaz, r);
                // The speaker's own state named as such ("Putin said Russia
                // ...", "toward the Russian frontier") is the speaker, not a
                // target; a group or a place in it ("Serbian authorities",
                // "in Abidjan") can be one. A group in a state (a party,
                // rebels) may well speak of its own state; an official or
                // the state itself does not.
                let own = actor.kind == crate::ActorKind::Country
                    && speaker_refs().any(|s| {
                        let s = doc.actor(ids.gaz, s);
                        s.kind != crate::ActorKind::Group
                            && s.country.as_deref() == Some(actor.id.as_str())
                    });
                if own && !m.place && !(m.how == MentionKind::Demonym && m.plural) {
                    continue;
                }
                let id = ids.id(r);
                if !targets.contains(&id) {
                    targets.push(id);
                }
            }
        }
        let input = StatementText::new(text, clause.unwrap_or(sentence))
            .with_cue(a.cue, Some(a.entry.lemma.as_str()))
            .with_sentence(sentence)
            .with_actors(in_sentence.of(sentence, doc, ids));
        let c = self.inner.classifier.classify(&input);
        let mut mention = |m: &MentionRec| Mention {
            actor: m.actor.map(|r| ids.id(r)),
            span: m.span,
            how: m.how,
        };
        let speaker = speaker.as_ref().map(&mut mention);
        let co_speakers = a.co_speakers.iter().map(&mut mention).collect();
        Statement {
            speaker,
            co_speakers,
            cue: a.cue,
            content: a.content,
            kind: a.kind,
            act: c.act,
            stance: c.stance,
            targets,
            topics: c.topics,
            negated: c.negated,
            hedged: c.hedged,
            confidence: (c.confidence * (0.5 + 0.5 * a.entry.weight)).clamp(0.0, 1.0),
            sentence: a.sentence,
        }
    }
}

/// The actors a sentence mentions, each once, in order of first mention:
/// kept for the statements that follow in the same sentence (a sentence
/// with two cues, a quotation cut by "he said"), which then walk none of
/// its mentions.
#[derive(Default)]
struct SentenceActors {
    /// The span they are of (`None` before the first sentence).
    span: Option<Span>,
    ids: Vec<ActorId>,
}

impl SentenceActors {
    /// The actors of `sentence`: the ones kept if they are of that span.
    /// Giving every actor its id here is not an effect the kept list
    /// skips: a sentence's actors are all listed by its first walk.
    fn of(&mut self, sentence: Span, doc: &DocMentions, ids: &mut IdTable<'_>) -> &[ActorId] {
        if self.span != Some(sentence) {
            self.span = Some(sentence);
            self.ids.clear();
            for m in doc.within(sentence) {
                if let Some(r) = m.actor {
                    let id = ids.id(r);
                    if !self.ids.contains(&id) {
                        self.ids.push(id);
                    }
                }
            }
        }
        &self.ids
    }
}

/// The words a statement is classified on: its content, or, when the
/// content is a word or two ("..., the ministry said on Monday"), the rest
/// of the sentence on the other side of the speaker and cue.
fn reported_clause(text: &str, sentence: Span, a: &attribution::Attribution<'_>) -> Option<Span> {
    // Word counts are compared with small numbers: count no further.
    let at_least = |s: Span, n: usize| words_up_to(s.as_str(text), n) == n;
    if a.content.is_some_and(|c| three_words(c.as_str(text))) {
        return a.content;
    }
    let source = a
        .speaker
        .map_or(a.cue.start, |m| m.span.start.min(a.cue.start));
    let before = Span::new(sentence.start, source.max(sentence.start));
    let after = Span::new(a.cue.end.min(sentence.end), sentence.end);
    let clause = if at_least(before, 3) { before } else { after };
    // The content, if any, has fewer than three words here.
    let content_words = a
        .content
        .map_or(0, |c| words_up_to(c.as_str(text), usize::MAX));
    if at_least(clause, content_words + 1) {
        Some(clause)
    } else {
        a.content
    }
}

/// Whether `s` holds at least three white-space separated words: most
/// contents show three in their first 16 bytes, read as two chunks without
/// a loop or a call; the others are counted.
#[inline]
fn three_words(s: &str) -> bool {
    if let Some(head) = s.as_bytes().first_chunk::<16>() {
        let (a, b) = head.split_at(8);
        let a = u64::from_le_bytes(a.try_into().expect("eight bytes"));
        let b = u64::from_le_bytes(b.try_into().expect("eight bytes"));
        if (a | b) & HIGH_BITS == 0 {
            let (n, in_word) = ascii_word_starts(a, false);
            let (m, _) = ascii_word_starts(b, in_word);
            if n + m >= 3 {
                return true;
            }
        }
    }
    words_up_to(s, 3) == 3
}

/// Each byte's high bit.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The words starting in eight ASCII bytes (`w`, little-endian), the one
/// before them in a word or not (`in_word`); and whether the last byte is
/// in a word.
#[inline(always)]
fn ascii_word_starts(w: u64, in_word: bool) -> (usize, bool) {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // Per byte (all below 0x80, so no carry crosses a byte), its high
    // bit: a space (`x` zero), or 0x09..=0x0D (at least 0x09 and not at
    // least 0x0E): tab, line feed, vertical tab, form feed, carriage
    // return, as `char::is_whitespace` has them in ASCII.
    let x = w ^ 0x2020_2020_2020_2020;
    let blank = !(((x & LOW) + LOW) | x) & HIGH_BITS;
    let control = (w + 0x7777_7777_7777_7777) & !(w + 0x7272_7272_7272_7272) & HIGH_BITS;
    let space = blank | control;
    let letter = !space & HIGH_BITS;
    // A word starts at a letter after a space (the first byte's "before"
    // is the state the chunk starts in).
    let after_space = (space << 8) | u64::from(!in_word) << 7;
    // The starts are high bits only: one per byte, summed by a multiply
    // into the top byte (at most 8: no carry), not `count_ones`, which
    // without a popcount instruction in the target is a dozen shifts and
    // masks.
    let starts = (letter & after_space) >> 7;
    let n = (starts.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    (n, letter >> 63 != 0)
}

/// How many white-space separated words `s` holds, counting no further
/// than `limit`: `s.split_whitespace().take(limit).count()`, eight bytes at
/// a time where they are ASCII, a character at a time elsewhere (the
/// splitter decodes every character and calls `char::is_whitespace` on
/// it).
fn words_up_to(s: &str, limit: usize) -> usize {
    let bytes = s.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() && count < limit {
        if let Some(&chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
            let w = u64::from_le_bytes(chunk);
            if w & HIGH_BITS == 0 {
                let (n, last) = ascii_word_starts(w, in_word);
                count += n;
                in_word = last;
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let space = if b < 0x80 {
            i += 1;
            matches!(b, b'\t'..=b'\r' | b' ')
        } else {
            let c = s[i..].chars().next().expect("a character at a boundary");
            i += c.len_utf8();
            c.is_whitespace()
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            count += 1;
        }
    }
    count.min(limit)
}

/// Maps the document's actor references to ids, collecting the actors the
/// analysis lists.
struct IdTable<'a> {
    gaz: &'a Gazetteer,
    doc: &'a DocMentions,
    /// Per gazetteer actor (`ActorRef::Known`) listed: its index in
    /// `actors`. A small table of the document's few actors, not a vector
    /// over the whole gazetteer: that one was cleared per document (a
    /// memset of the gazetteer's size, 6.7M instructions on the kremlin
    /// subset) to hold a handful of entries.
    known: KnownIds,
    /// Per actor found in the document (`ActorRef::Found`): its index in
    /// `actors`, or `NO_ID`. A vector, not a hash map: looked up for every
    /// mention of every statement.
    found: Vec<u32>,
    actors: Vec<Actor>,
}

const NO_ID: u32 = u32::MAX;

impl<'a> IdTable<'a> {
    fn new(gaz: &'a Gazetteer, doc: &'a DocMentions) -> IdTable<'a> {
        IdTable {
            gaz,
            doc,
            known: KnownIds::default(),
            found: Vec::new(),
            // Not reserved from the mentions: a block of several KB makes
            // malloc consolidate its fast bins (4,500 instructions a
            // document), more than the list's few moves cost.
            actors: Vec::new(),
        }
    }

    fn id(&mut self, r: ActorRef) -> ActorId {
        let next = self.actors.len() as u32;
        let slot = match r {
            ActorRef::Known(i) => self.known.slot(i),
            ActorRef::Found(i) => {
                let i = i as usize;
                if i >= self.found.len() {
                    self.found.resize(i + 1, NO_ID);
                }
                &mut self.found[i]
            }
        };
        if *slot != NO_ID {
            return self.actors[*slot as usize].id.clone();
        }
        *slot = next;
        let actor = listed_copy(self.doc.actor(self.gaz, r));
        let id = actor.id.clone();
        self.actors.push(actor);
        id
    }

    /// Adds the states and organisations positions roll up to, in the
    /// order the listed actors first name them.
    fn add_roll_up_targets(&mut self) {
        // Their gazetteer indices (an id names one actor: no strings are
        // copied to tell them apart), per listed actor first: the
        // gazetteer keeps the roll-up of each of its actors (found here by
        // the known table, which maps them to their place in the list);
        // only an actor found in the text has its state's id looked up.
        const UNSEEN: u32 = NO_ID - 1;
        let mut wanted: Vec<u32> = vec![UNSEEN; self.actors.len()];
        for &(g, k) in &self.known.slots {
            if g != NO_ID && k != NO_ID {
                wanted[k as usize] = self.gaz.roll_up_index(g).unwrap_or(NO_ID);
            }
        }
        // In list order, each once, compacted in place (`n` never passes
        // the actor being read).
        let mut n = 0;
        for k in 0..wanted.len() {
            let mut up = wanted[k];
            if up == UNSEEN {
                up = self.actors[k]
                    .roll_up_id()
                    .and_then(|id| self.gaz.index_of(id))
                    .unwrap_or(NO_ID);
            }
            if up != NO_ID && !wanted[..n].contains(&up) {
                wanted[n] = up;
                n += 1;
            }
        }
        wanted.truncate(n);
        for i in wanted {
            self.id(ActorRef::Known(i));
        }
    }
}

/// A copy of `actor` for an analysis's list, with a fresh id: the clones
/// of it handed out for every mention then never touch the gazetteer's
/// shared reference count, which threads analysing other documents
/// contend for (and neither does the copy: the id is not cloned first).
fn listed_copy(actor: &Actor) -> Actor {
    let Actor {
        id,
        name,
        kind,
        country,
        aliases,
        adjectives,
        metonyms,
        title,
        affiliation,
        terms,
    } = actor;
    Actor {
        id: ActorId::from(id.as_str()),
        name: name.clone(),
        kind: *kind,
        country: country.clone(),
        aliases: aliases.clone(),
        adjectives: adjectives.clone(),
        metonyms: metonyms.clone(),
        title: title.clone(),
        affiliation: affiliation.clone(),
        terms: terms.clone(),
    }
}

/// A map from gazetteer actor indices to indices in [`IdTable::actors`]:
/// open addressing with linear probing over a power-of-two table at most
/// half full, keyed by the index itself (an integer hash, no strings).
/// Empty until the first actor, so a document without actors allocates
/// nothing.
#[derive(Debug, Default)]
struct KnownIds {
    /// Pairs of (gazetteer index, value); `key == NO_ID` marks a free slot
    /// (no gazetteer has `u32::MAX` actors: indices are `u32` below it).
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl KnownIds {
    /// The value slot of `key`: `NO_ID` when it was not there, and the
    /// key is then entered (the caller sets the value).
    fn slot(&mut self, key: u32) -> &mut u32 {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(key) & mask;
        loop {
            let k = self.slots[i].0;
            if k == key {
                return &mut self.slots[i].1;
            }
            if k == NO_ID {
                self.len += 1;
                self.slots[i] = (key, NO_ID);
                return &mut self.slots[i].1;
            }
            i = (i + 1) & mask;
        }
    }

    /// Fibonacci hashing: the high bits of the product, spread over the
    /// table by the mask (of at most 2^32 slots).
    fn hash(key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![(NO_ID, NO_ID); size]);
        let mask = size - 1;
        for (k, v) in old {
            if k == NO_ID {
                continue;
            }
            let mut i = Self::hash(k) & mask;
            while self.slots[i].0 != NO_ID {
                i = (i + 1) & mask;
            }
            self.slots[i] = (k, v);
        }
    }
}

/// Configures an [`Analyzer`].
///
/// # Examples
///
/// ```
/// use standpoint::{Actor, ActorKind, Analyzer};
///
/// let analyzer = Analyzer::builder()
///     .actor(Actor::new("ruritania", "Ruritania", ActorKind::Country)
///         .with_country("RRT")
///         .with_metonyms(["Strelsau"]))
///     .max_input_bytes(1 << 20)
///     .build()
///     .unwrap();
/// let analysis = analyzer.analyze("Strelsau said the sanctions were unacceptable.").unwrap();
/// assert_eq!(analysis.statements[0].speaker_actor().unwrap(), "ruritania");
/// ```
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    gazetteer: GazetteerBuilder,
    cues: Option<(String, String)>,
    classifier: Option<Arc<dyn SentenceClassifier>>,
    max_input_bytes: usize,
    roll_up: bool,
}

impl Default for AnalyzerBuilder {
    fn default() -> Self {
        AnalyzerBuilder::new()
    }
}

impl AnalyzerBuilder {
    /// A builder on the built-in defaults.
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder {
            gazetteer: GazetteerBuilder::new(),
            cues: None,
            classifier: None,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            roll_up: true,
        }
    }

    /// Adds an actor to the gazetteer.
    pub fn actor(&mut self, actor: Actor) -> &mut AnalyzerBuilder {
        self.gazetteer.actor(actor);
        self
    }

    /// Adds the actors of a table in the gazetteer format (see
    /// [`gazetteer`](crate::gazetteer)).
    pub fn actors_tsv(&mut self, file: &str, text: &str) -> &mut AnalyzerBuilder {
        self.gazetteer.actors_tsv(file, text);
        self
    }

    /// Whether to include the built-in gazetteer (default `true`).
    pub fn builtin_gazetteer(&mut self, yes: bool) -> &mut AnalyzerBuilder {
        self.gazetteer.builtin(yes);
        self
    }

    /// Replaces the built-in cue lexicon with a table (see
    /// [`CueLexicon::from_tsv`]).
    pub fn cues_tsv(&mut self, file: &str, text: &str) -> &mut AnalyzerBuilder {
        self.cues = Some((file.to_string(), text.to_string()));
        self
    }

    /// Uses `classifier` instead of the built-in [`LexiconClassifier`].
    pub fn classifier(
        &mut self,
        classifier: impl SentenceClassifier + 'static,
    ) -> &mut AnalyzerBuilder {
        self.classifier = Some(Arc::new(classifier));
        self
    }

    /// The largest input [`Analyzer::analyze`] accepts, in bytes (default
    /// [`DEFAULT_MAX_INPUT_BYTES`]).
    ///
    /// A limit past `i32::MAX` bytes (2 GiB less one byte) counts as
    /// `i32::MAX`: a longer input is refused with [`Error::InputTooLarge`],
    /// whose `limit` says so.
    pub fn max_input_bytes(&mut self, limit: usize) -> &mut AnalyzerBuilder {
        self.max_input_bytes = limit;
        self
    }

    /// Whether positions of people and metonyms also count for the state
    /// they act for (default `true`).
    pub fn roll_up(&mut self, yes: bool) -> &mut AnalyzerBuilder {
        self.roll_up = yes;
        self
    }

    /// Compiles every automaton and builds the analyzer.
    ///
    /// # Errors
    ///
    /// An [`Error::Data`] naming the file and line of a bad gazetteer or
    /// lexicon entry.
    pub fn build(&self) -> Result<Analyzer, Error> {
        let gazetteer = Arc::new(self.gazetteer.build()?);
        let matcher = EntityMatcher::new(gazetteer)?;
        let resolver = Resolver::new(matcher)?;
        let custom;
        let cues = match &self.cues {
            Some((file, text)) => {
                custom = CueLexicon::from_tsv(file, text)?;
                &custom
            }
            None => CueLexicon::builtin(),
        };
        // The tokens then list the mention scan's word starts.
        let cues = cues.with_mention_starts(resolver.first_words());
        let classifier = match &self.classifier {
            Some(c) => Arc::clone(c),
            None => Arc::new(LexiconClassifier::builtin().clone()) as Arc<dyn SentenceClassifier>,
        };
        Ok(Analyzer {
            inner: Arc::new(Inner {
                resolver,
                cues,
                classifier,
                max_input_bytes: self.max_input_bytes,
                roll_up: self.roll_up,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{three_words, words_up_to, Analyzer, IdTable, KnownIds, SentenceActors, NO_ID};
    use crate::mentions::DocMentions;
    use crate::{text, ActorId, Span};
    use proptest::strategy::Strategy;
    use std::collections::HashMap;

    /// The walk `SentenceActors::of` replaced, made for every statement:
    /// the reference.
    fn sentence_actors_ref(
        sentence: Span,
        doc: &DocMentions,
        ids: &mut IdTable<'_>,
        in_sentence: &mut Vec<ActorId>,
    ) {
        in_sentence.clear();
        for m in doc.within(sentence) {
            if let Some(r) = m.actor {
                let id = ids.id(r);
                if !in_sentence.contains(&id) {
                    in_sentence.push(id);
                }
            }
        }
    }

    /// Text of sentences naming actors (names, metonyms, demonyms, a
    /// title), with curly quotes, "U.S.", hyphens, apostrophes, digits,
    /// non-ASCII letters and line breaks, and a word at the very end.
    fn news() -> impl Strategy<Value = String> {
        let piece = proptest::sample::select(vec![
            "Vladimir Putin said ",
            "Russia ",
            "the Kremlin ",
            "Ukrainian officials ",
            "Zelensky's ",
            "U.S. ",
            "NATO ",
            "Moscow's ",
            "“threat” ",
            "pro-Russian ",
            "Ukraine's Deputy Prime Minister Olga Stefanishyna said ",
            "Kyiv, ",
            "rejected ",
            "in 2022 ",
            "Škoda ",
            "he said. ",
            ". ",
            "\n",
            "warned",
        ]);
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 300, ..Default::default() })]
        /// The actors kept for a sentence are those a walk of it finds, in
        /// the same order, and the actors are listed in the same order,
        /// for any sequence of the document's sentences (repeated, out of
        /// order) and of other spans.
        #[test]
        fn sentence_actors_are_the_walks(
            text in news(),
            picks in proptest::collection::vec((0usize..8, 0usize..400, 0usize..400), 0..20),
        ) {
            let analyzer = Analyzer::default();
            let resolver = analyzer.resolver();
            let (sentences, _) = text::sentences_and_quotes(&text);
            let words = resolver.words(&text);
            let doc = resolver.run(&text, &words, &sentences, None);
            let gaz = resolver.gazetteer();
            let mut ids = IdTable::new(gaz, &doc);
            let mut ref_ids = IdTable::new(gaz, &doc);
            let mut kept = SentenceActors::default();
            let mut want = Vec::new();
            for &(k, a, b) in &picks {
                let span = match sentences.get(k) {
                    Some(&s) => s,
                    None => Span::new(a.min(b), a.max(b)),
                };
                let got = kept.of(span, &doc, &mut ids).to_vec();
                sentence_actors_ref(span, &doc, &mut ref_ids, &mut want);
                proptest::prop_assert_eq!(&got, &want);
            }
            let listed = |t: &IdTable<'_>| t.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(listed(&ids), listed(&ref_ids));
        }
    }

    /// `words_up_to` (to `limit` and whole) and `three_words` against
    /// `split_whitespace` on `text`.
    fn counts_agree(text: &str, limit: usize) -> Result<(), proptest::test_runner::TestCaseError> {
        proptest::prop_assert_eq!(
            words_up_to(text, limit),
            text.split_whitespace().take(limit).count()
        );
        proptest::prop_assert_eq!(
            words_up_to(text, usize::MAX),
            text.split_whitespace().count()
        );
        proptest::prop_assert_eq!(three_words(text), text.split_whitespace().nth(2).is_some());
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// The byte counter counts the words `split_whitespace` gives, up
        /// to the limit, on text of ASCII and Unicode white space, letters
        /// and multi-byte characters.
        #[test]
        fn words_up_to_is_split_whitespace(
            text in proptest::string::string_regex(
                "[a-zé.,\\t\\n\\r\\x0b\\x0c\\x1c\\x85\\xa0\\u{2003}\\u{3000}\\u{200b} ]{0,40}",
            ).unwrap(),
            limit in 0usize..12,
        ) {
            counts_agree(&text, limit)?;
        }

        /// The same on text mostly of ASCII (read eight bytes at a time):
        /// any ASCII byte, the bytes around the white-space ones (0x08,
        /// 0x0E, 0x1F, 0x21, 0x7F), runs long enough for several eight-byte
        /// reads, a non-ASCII letter or space among them, and a word at
        /// the very end.
        #[test]
        fn words_up_to_is_split_whitespace_on_ascii(
            text in proptest::prop_oneof![
                proptest::string::string_regex("[\\x00-\\x7f]{0,80}").unwrap(),
                proptest::string::string_regex(
                    "[ab \\t\\n\\x0b\\x0c\\r\\x08\\x0e\\x1f\\x21\\x7f]{0,40}(é|\\u{2003}|\\x85|\\xa0|U\\.S\\.)?[ab \\t\\n\\r]{0,40}",
                ).unwrap(),
            ],
            limit in 0usize..30,
        ) {
            counts_agree(&text, limit)?;
        }

        /// The probing table gives every key the value first set for it,
        /// as a plain map does, across growth and colliding keys.
        #[test]
        fn known_ids_is_a_map(keys in proptest::collection::vec(
            proptest::prop_oneof![0u32..40, 0u32..100_000, (0u32..64).prop_map(|k| k << 26)],
            0..300,
        )) {
            let mut table = KnownIds::default();
            let mut plain: HashMap<u32, u32> = HashMap::new();
            for (n, &k) in keys.iter().enumerate() {
                let slot = table.slot(k);
                match plain.get(&k) {
                    Some(&v) => proptest::prop_assert_eq!(*slot, v),
                    None => {
                        proptest::prop_assert_eq!(*slot, NO_ID);
                        *slot = n as u32;
                        plain.insert(k, n as u32);
                    }
                }
            }
            proptest::prop_assert_eq!(table.len, plain.len());
        }
    }
}
