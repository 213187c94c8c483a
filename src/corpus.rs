//! The corpus: many documents' analyses, merged, with positions over time.
//!
//! The last stage but one of the pipeline. A [`Corpus`] reads [`Analysis`]
//! values with their document's metadata ([`Document`]: id, date, source),
//! merges actors across documents by id (a person discovered in two
//! documents gets the same slug id, so the two merge), keeps every
//! statement with its document, and aggregates positions per actor and
//! topic over the whole corpus ([`Corpus::positions`]) or per day, week,
//! month or year ([`Corpus::positions_by`]). The [`export`](crate::export)
//! module writes it out as JSON Lines, a DNA statement table and GraphML
//! networks.
//!
//! Memory grows with the number of statements and actors, not with the
//! text: a corpus keeps no document text, only each statement's own words,
//! cut at [`Corpus::with_text_limit`] bytes.
//!
//! # Examples
//!
//! ```
//! use standpoint::corpus::{Corpus, Document, Period};
//! use standpoint::{Analyzer, Date, Stance};
//!
//! let analyzer = Analyzer::default();
//! let mut corpus = Corpus::new();
//! let docs = [
//!     ("a", "2021-12-07", "Russian President Vladimir Putin said NATO expansion is a direct threat."),
//!     ("b", "2022-01-10", "The Kremlin rejected NATO enlargement."),
//! ];
//! for (id, date, text) in docs {
//!     let doc = Document::new(id).with_date(Date::parse(date).unwrap());
//!     corpus.analyze(&analyzer, doc, text)?;
//! }
//! // Putin's words count for Russia, and so does the Kremlin's rejection.
//! let russia = corpus
//!     .positions()
//!     .into_iter()
//!     .find(|p| p.actor == "RUS" && p.topic.as_deref() == Some("nato-enlargement"))
//!     .unwrap();
//! assert_eq!(russia.stance, Stance::Oppose);
//! assert_eq!(russia.statements.len(), 2);
//!
//! // Month by month: one position in December, one in January.
//! let monthly: Vec<String> = corpus
//!     .positions_by(Period::Month)
//!     .into_iter()
//!     .filter(|p| p.position.actor == "RUS")
//!     .map(|p| p.period.unwrap().to_string())
//!     .collect();
//! assert_eq!(monthly, ["2021-12", "2022-01"]);
//! # Ok::<(), standpoint::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::gazetteer::Gazetteer;
use crate::position::Tally;
use crate::{
    Actor, ActorId, ActorKind, Analysis, Analyzer, Date, Error, Position, Span, Statement,
};

/// The default limit on a statement's kept text, in bytes.
pub const DEFAULT_TEXT_LIMIT: usize = 1000;

/// A document's metadata: an id, and optionally a date, a source and a
/// title.
///
/// # Examples
///
/// ```
/// use standpoint::corpus::Document;
/// use standpoint::Date;
///
/// let doc = Document::new("kremlin-67315")
///     .with_date(Date::parse("2021-12-07").unwrap())
///     .with_source("kremlin.ru");
/// assert_eq!(doc.date.unwrap().to_string(), "2021-12-07");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document's id, as the caller knows it.
    pub id: String,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where it comes from (an outlet, a website).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Its title or headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Document {
    /// A document with an id and no date, source or title.
    pub fn new(id: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            date: None,
            source: None,
            title: None,
        }
    }

    /// Sets the publication date.
    pub fn with_date(mut self, date: Date) -> Document {
        self.date = Some(date);
        self
    }

    /// Sets the source.
    pub fn with_source(mut self, source: impl Into<String>) -> Document {
        self.source = Some(source.into());
        self
    }

    /// Sets the title.
    pub fn with_title(mut self, title: impl Into<String>) -> Document {
        self.title = Some(title.into());
        self
    }
}

/// One statement of the corpus, with where it is in its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusStatement {
    /// The document's index in [`Corpus::documents`].
    pub document: usize,
    /// The statement's index in its document's [`Analysis::statements`].
    pub index: usize,
    /// The statement. Its spans are byte offsets into the document's text.
    pub statement: Statement,
    /// The actors whose positions this statement counts in: its speakers
    /// and, when the analyzer rolls positions up, the states or
    /// organisations they act for (Putin's words count for Russia).
    pub holders: Vec<ActorId>,
    /// Where the statement is in its document, in bytes: from the first of
    /// its speaker, cue and content to the last.
    pub span: Span,
    /// The same range counted in characters (Unicode scalar values), as
    /// DNA counts the carets of a coded statement.
    pub chars: Span,
    /// The words of `span`, cut to the corpus's text limit (on a character
    /// boundary, ending in `…` when cut).
    pub text: String,
    /// The speaker's words ("Russian President Vladimir Putin",
    /// "analysts"), if the statement has a speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
}

/// A span of time to aggregate positions over.
///
/// # Examples
///
/// ```
/// use standpoint::corpus::Period;
/// use standpoint::Date;
///
/// let day = Date::parse("2022-02-24").unwrap(); // a Thursday
/// assert_eq!(Period::Week.start_of(day).unwrap().to_string(), "2022-02-21");
/// assert_eq!(Period::Month.start_of(day).unwrap().to_string(), "2022-02");
/// // A date known to the month has no day or week.
/// assert_eq!(Period::Day.start_of(Date::parse("2022-02").unwrap()), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Period {
    /// A calendar day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Period {
    /// The lower-case name used on command lines and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "day" => Some(Period::Day),
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            "year" => Some(Period::Year),
            _ => None,
        }
    }

    /// The period `date` falls in, named by its first day: the day itself,
    /// the Monday of its week, its month (`2022-02`) or its year (`2022`).
    /// `None` when the date is less precise than the period (a date known
    /// to the month has no week).
    pub fn start_of(&self, date: Date) -> Option<Date> {
        let year = date.year;
        match self {
            Period::Year => Some(Date {
                year,
                month: None,
                day: None,
            }),
            Period::Month => Some(Date {
                year,
                month: Some(date.month?),
                day: None,
            }),
            Period::Day => {
                date.month?;
                date.day?;
                Some(date)
            }
            Period::Week => {
                let days = days_from_civil(year, date.month?, date.day?);
                // 1970-01-01 was a Thursday: 3 days after a Monday.
                let monday = days - (days + 3).rem_euclid(7);
                Some(civil_from_days(monday))
            }
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`). Days past the end of a month roll over.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// An actor's position on a topic within one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodPosition {
    /// The first day of the period (see [`Period::start_of`]); `None` for
    /// the documents with no date, or a date less precise than the period.
    pub period: Option<Date>,
    /// The position, aggregated over the period's statements; its
    /// `statements` index [`Corpus::statements`].
    #[serde(flatten)]
    pub position: Position,
}

/// Many documents' analyses, merged: documents, actors, statements, and
/// positions over time.
///
/// See the [module documentation](self) for an example.
#[derive(Debug, Clone)]
pub struct Corpus {
    documents: Vec<Document>,
    actors: Vec<Actor>,
    actor_index: HashMap<ActorId, usize>,
    statements: Vec<CorpusStatement>,
    text_limit: usize,
}

impl Default for Corpus {
    fn default() -> Corpus {
        Corpus::new()
    }
}

impl Corpus {
    /// An empty corpus that keeps up to [`DEFAULT_TEXT_LIMIT`] bytes of each
    /// statement's text.
    pub fn new() -> Corpus {
        Corpus::with_text_limit(DEFAULT_TEXT_LIMIT)
    }

    /// An empty corpus that keeps up to `bytes` bytes of each statement's
    /// text (0 keeps none; the offsets are always kept).
    pub fn with_text_limit(bytes: usize) -> Corpus {
        Corpus {
            documents: Vec::new(),
            actors: Vec::new(),
            actor_index: HashMap::new(),
            statements: Vec::new(),
            text_limit: bytes,
        }
    }

    /// Analyzes `text` with `analyzer` and adds it; returns the document's
    /// index in [`Corpus::documents`].
    ///
    /// # Errors
    ///
    /// The analyzer's errors ([`Error::InputTooLarge`]); the corpus is then
    /// unchanged.
    pub fn analyze(
        &mut self,
        analyzer: &Analyzer,
        document: Document,
        text: &str,
    ) -> Result<usize, Error> {
        let analysis = analyzer.analyze(text)?;
        Ok(self.insert(document, text, &analysis, Some(analyzer.gazetteer())))
    }

    /// Adds a document's analysis; `text` is the text that was analyzed
    /// (only the statements' own words are kept). Returns the document's
    /// index in [`Corpus::documents`].
    ///
    /// Document ids need not be unique: each call adds a document.
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::corpus::{Corpus, Document};
    ///
    /// let text = "Hungary said the sanctions were unacceptable.";
    /// let analysis = standpoint::analyze(text)?;
    /// let mut corpus = Corpus::new();
    /// corpus.add(Document::new("doc-1"), text, &analysis);
    /// let st = &corpus.statements()[0];
    /// assert_eq!(st.text, text.trim_end_matches('.'));
    /// assert_eq!(st.holders, ["HUN"]);
    /// # Ok::<(), standpoint::Error>(())
    /// ```
    pub fn add(&mut self, document: Document, text: &str, analysis: &Analysis) -> usize {
        self.insert(document, text, analysis, None)
    }

    fn insert(
        &mut self,
        document: Document,
        text: &str,
        analysis: &Analysis,
        gazetteer: Option<&Gazetteer>,
    ) -> usize {
        let doc = self.documents.len();
        self.documents.push(document);
        for actor in &analysis.actors {
            self.merge_actor(actor);
        }
        let mut holders: Vec<Vec<ActorId>> = vec![Vec::new(); analysis.statements.len()];
        for p in &analysis.positions {
            for &i in &p.statements {
                if let Some(h) = holders.get_mut(i) {
                    if !h.contains(&p.actor) {
                        h.push(p.actor.clone());
                    }
                }
            }
        }
        let spans: Vec<Span> = analysis.statements.iter().map(statement_span).collect();
        let chars = CharOffsets::new(text, spans.iter().flat_map(|s| [s.start, s.end]));
        for (index, (st, held)) in analysis.statements.iter().zip(holders).enumerate() {
            for id in &held {
                if !self.actor_index.contains_key(id) {
                    let actor = stand_in(id, st, analysis, gazetteer);
                    self.merge_actor(&actor);
                }
            }
            let span = spans[index];
            self.statements.push(CorpusStatement {
                document: doc,
                index,
                statement: st.clone(),
                holders: held,
                span,
                chars: Span::new(chars.get(span.start), chars.get(span.end)),
                text: clip(span.as_str(text), self.text_limit),
                speaker_text: st
                    .speaker
                    .as_ref()
                    .map(|m| clip(m.span.as_str(text), self.text_limit)),
            });
        }
        doc
    }

    fn merge_actor(&mut self, actor: &Actor) {
        match self.actor_index.get(&actor.id) {
            None => {
                self.actor_index.insert(actor.id.clone(), self.actors.len());
                self.actors.push(actor.clone());
            }
            Some(&i) => {
                let known = &mut self.actors[i];
                if known.country.is_none() {
                    known.country.clone_from(&actor.country);
                }
                if known.title.is_none() {
                    known.title.clone_from(&actor.title);
                }
                if known.affiliation.is_none() {
                    known.affiliation.clone_from(&actor.affiliation);
                }
                for alias in &actor.aliases {
                    if !known.aliases.contains(alias) {
                        known.aliases.push(alias.clone());
                    }
                }
            }
        }
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Every actor mentioned in some document or holding a position, in
    /// order of first appearance, merged by id.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }

    /// Every statement, document by document, in text order.
    pub fn statements(&self) -> &[CorpusStatement] {
        &self.statements
    }

    /// The document a statement belongs to.
    ///
    /// # Panics
    ///
    /// When the statement comes from another corpus with more documents.
    pub fn document_of(&self, statement: &CorpusStatement) -> &Document {
        &self.documents[statement.document]
    }

    /// The statements that count in the positions of the actor `id` (its
    /// own, and those rolled up to it).
    pub fn statements_of<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = &'a CorpusStatement> + 'a {
        self.statements
            .iter()
            .filter(move |s| s.holders.iter().any(|h| h == id))
    }

    /// Each actor's position per topic over the whole corpus, by actor (in
    /// order of first appearance) and topic. `statements` index
    /// [`Corpus::statements`].
    ///
    /// The stance follows the rule of document positions: the score is the
    /// confidence-weighted mean of the statements' signs (+1 support, -1
    /// oppose, 0 neutral or mixed); support and opposition of comparable
    /// weight make a mixed position.
    pub fn positions(&self) -> Vec<Position> {
        self.aggregate(|_| ()).into_iter().map(|(_, p)| p).collect()
    }

    /// Each actor's position per topic and period, by period (undated
    /// first), actor and topic.
    pub fn positions_by(&self, period: Period) -> Vec<PeriodPosition> {
        self.aggregate(|st| {
            self.documents[st.document]
                .date
                .and_then(|d| period.start_of(d))
        })
        .into_iter()
        .map(|(period, position)| PeriodPosition { period, position })
        .collect()
    }

    /// Positions grouped by `key_of` (a period), then actor, then topic.
    fn aggregate<K: Ord + Clone>(
        &self,
        key_of: impl Fn(&CorpusStatement) -> K,
    ) -> Vec<(K, Position)> {
        let mut topics: Vec<&str> = Vec::new();
        let mut topic_index: HashMap<&str, usize> = HashMap::new();
        let mut acc: BTreeMap<(K, usize, Option<usize>), Tally> = BTreeMap::new();
        for (i, cs) in self.statements.iter().enumerate() {
            let mut topic_ids: Vec<Option<usize>> = Vec::new();
            for t in &cs.statement.topics {
                let next = topics.len();
                let ti = *topic_index.entry(t.as_str()).or_insert(next);
                if ti == next {
                    topics.push(t);
                }
                topic_ids.push(Some(ti));
            }
            if topic_ids.is_empty() {
                topic_ids.push(None);
            }
            let key = key_of(cs);
            for holder in &cs.holders {
                let Some(&ai) = self.actor_index.get(holder) else {
                    continue;
                };
                let rolled = !cs.statement.speaker_actors().any(|a| a == holder);
                for &ti in &topic_ids {
                    acc.entry((key.clone(), ai, ti))
                        .or_default()
                        .add(i, &cs.statement, rolled);
                }
            }
        }
        acc.into_iter()
            .map(|((key, ai, ti), a)| {
                let topic = ti.map(|t| topics[t].to_string());
                (key, a.finish((self.actors[ai].id.clone(), topic, None)))
            })
            .collect()
    }
}

/// An actor for a position holder that the document did not list: from the
/// gazetteer if there is one, else named by its id, a state if a speaker
/// acts for it, an organisation otherwise.
fn stand_in(
    id: &ActorId,
    st: &Statement,
    analysis: &Analysis,
    gazetteer: Option<&Gazetteer>,
) -> Actor {
    if let Some(actor) = gazetteer.and_then(|g| g.get(id)) {
        return actor.clone();
    }
    let is_state = st
        .speaker_actors()
        .filter_map(|s| analysis.actor(s))
        .any(|a| a.country.as_deref() == Some(id.as_str()));
    let kind = if is_state {
        ActorKind::Country
    } else {
        ActorKind::Organization
    };
    let actor = Actor::new(id.clone(), id.as_str(), kind);
    if is_state {
        actor.with_country(id.as_str())
    } else {
        actor
    }
}

/// The smallest span covering a statement's speakers, cue and content.
fn statement_span(st: &Statement) -> Span {
    let mut span = st.cue;
    for m in st.speaker.iter().chain(&st.co_speakers) {
        span = span.cover(m.span);
    }
    if let Some(c) = st.content {
        span = span.cover(c);
    }
    span
}

/// `s` cut to at most `limit` bytes on a character boundary, with `…`
/// when cut.
fn clip(s: &str, limit: usize) -> String {
    if limit == 0 {
        return String::new();
    }
    if s.len() <= limit {
        return s.to_string();
    }
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end + '…'.len_utf8());
    out.push_str(&s[..end]);
    out.push('…');
    out
}

/// Byte offsets turned into character offsets in one pass over the text.
struct CharOffsets {
    /// (byte offset, characters before it), sorted by byte offset.
    table: Vec<(usize, usize)>,
}

impl CharOffsets {
    fn new(text: &str, offsets: impl Iterator<Item = usize>) -> CharOffsets {
        let mut wanted: Vec<usize> = offsets.collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut table = Vec::with_capacity(wanted.len());
        let mut chars = text.char_indices().map(|(b, _)| b).enumerate().peekable();
        let total = text.chars().count();
        for offset in wanted {
            // Characters that start before `offset`.
            while chars.next_if(|&(_, b)| b < offset).is_some() {}
            let before = chars.peek().map_or(total, |&(n, _)| n);
            table.push((offset, before));
        }
        CharOffsets { table }
    }

    fn get(&self, byte: usize) -> usize {
        match self.table.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.table[i].1,
            Err(_) => 0,
        }
    }
}

/// Evidence for one (actor, topic, period): the rule of document positions.
#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_across_years() {
        // 2021-01-03 is a Sunday: its ISO week began on 2020-12-28.
        assert_eq!(
            Period::Week.start_of(date("2021-01-03")),
            Some(date("2020-12-28"))
        );
        assert_eq!(
            Period::Week.start_of(date("2021-01-04")),
            Some(date("2021-01-04"))
        );
        assert_eq!(
            Period::Week.start_of(date("2024-03-01")),
            Some(date("2024-02-26"))
        );
        assert_eq!(
            Period::Week.start_of(date("1969-12-31")),
            Some(date("1969-12-29"))
        );
    }

    #[test]
    fn civil_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 60, 365, 11_016, 19_000, 800_000] {
            let d = civil_from_days(days);
            assert_eq!(
                days_from_civil(d.year, d.month.unwrap(), d.day.unwrap()),
                days
            );
        }
        assert_eq!(civil_from_days(0), date("1970-01-01"));
        assert_eq!(civil_from_days(19_047), date("2022-02-24"));
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Émigrés said: «no».";
        let offsets = CharOffsets::new(text, [0, 9, text.len(), 3].into_iter());
        assert_eq!(offsets.get(0), 0);
        assert_eq!(offsets.get(3), 2); // after "Ém"
        assert_eq!(offsets.get(9), 7); // after "Émigrés"
        assert_eq!(offsets.get(text.len()), text.chars().count());
    }

    #[test]
    fn clip_cuts_on_a_character_boundary() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "abc…");
        assert_eq!(clip("aéb", 2), "a…");
        assert_eq!(clip("abc", 0), "");
    }
}
