//! The data model: spans, actors, mentions, statements, positions and the
//! [`Analysis`] of one document.
//!
//! Every type here is plain data: `Debug, Clone, PartialEq, Serialize,
//! Deserialize`. Offsets are UTF-8 byte offsets into the analyzed text, end
//! exclusive. The JSON form is the contract described in the crate's README
//! (the output format read by evaluation tools): fields may be added, never
//! renamed or removed.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets `[start, end)` into a text.
///
/// # Examples
///
/// ```
/// use standpoint::Span;
///
/// let text = "Moscow views the plan as a threat.";
/// let span = Span::new(0, 6);
/// assert_eq!(span.as_str(text), "Moscow");
/// assert_eq!(span.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. If `end < start`, the span is empty at
    /// `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The text this span covers in `text`, or `""` when the span is out of
    /// range or not on character boundaries (a span from another text).
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// The stable identifier of an [`Actor`]: an ISO 3166-1 alpha-3 code for a
/// state (`"RUS"`), an upper-case acronym for an organisation (`"NATO"`), a
/// lower-case slug for a person (`"vladimir-putin"`).
///
/// Cheap to clone (a shared string). Serialises as a plain JSON string.
///
/// # Examples
///
/// ```
/// use standpoint::ActorId;
///
/// let id = ActorId::from("RUS");
/// assert_eq!(id, "RUS");
/// assert_eq!(id.as_str(), "RUS");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(Arc<str>);

impl ActorId {
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ActorId {
    fn from(s: &str) -> ActorId {
        ActorId(Arc::from(s))
    }
}

impl From<String> for ActorId {
    fn from(s: String) -> ActorId {
        ActorId(Arc::from(s))
    }
}

impl std::ops::Deref for ActorId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ActorId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ActorId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ActorId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for ActorId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Debug for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What sort of actor an [`Actor`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ActorKind {
    /// A named person.
    Person,
    /// A state.
    Country,
    /// An international organisation, or a national body (a parliament, a
    /// ministry) acting in its own name.
    Organization,
    /// A party, movement, armed group or collective ("Hamas", "analysts").
    Group,
}

impl ActorKind {
    /// The lower-case name used in data files and JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Country => "country",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
        }
    }

    /// Parses the lower-case name used in data files and JSON.
    pub fn parse(s: &str) -> Option<ActorKind> {
        match s {
            "person" => Some(ActorKind::Person),
            "country" => Some(ActorKind::Country),
            "organization" | "organisation" => Some(ActorKind::Organization),
            "group" => Some(ActorKind::Group),
            _ => None,
        }
    }
}

/// A calendar date as the gazetteer gives it: a year, optionally a month and
/// a day. Serialises as `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1–12, if known.
    pub month: Option<u8>,
    /// The day of the month, 1–31, if known.
    pub day: Option<u8>,
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::Date;
    ///
    /// let d = Date::parse("2021-12-07").unwrap();
    /// assert_eq!((d.year, d.month, d.day), (2021, Some(12), Some(7)));
    /// assert!(Date::parse("2021-13-01").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let year = parse_digits(parts.next()?, 4)? as i32;
        let month = match parts.next() {
            Some(m) => Some(parse_digits(m, 2).filter(|m| (1..=12).contains(m))? as u8),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(parse_digits(d, 2).filter(|d| (1..=31).contains(d))? as u8),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// A sortable key: unknown months and days count as the earliest
    /// (`as_start`) or the latest (`!as_start`) possible value.
    pub(crate) fn key(&self, as_start: bool) -> (i32, u8, u8) {
        let fill = if as_start { 0 } else { 99 };
        (
            self.year,
            self.month.unwrap_or(fill),
            self.day.unwrap_or(fill),
        )
    }
}

fn parse_digits(s: &str, len: usize) -> Option<u32> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// One document to analyze: its text and, optionally, its date.
///
/// The date lets dated roles resolve: "the German chancellor" is Angela
/// Merkel in a 2019 article and Olaf Scholz in a 2023 one. Without a date,
/// such a role stands for its state. A `&str` (or `&String`) converts into a
/// `Document` without a date, so [`Analyzer::analyze`](crate::Analyzer::analyze)
/// takes either.
///
/// # Examples
///
/// ```
/// use standpoint::{Analyzer, Date, Document};
///
/// let text = "The German chancellor said the plan was unacceptable.";
/// let analyzer = Analyzer::default();
/// let speaker = |doc: Document| {
///     let a = analyzer.analyze(doc).unwrap();
///     a.statements[0].speaker_actor().unwrap().to_string()
/// };
/// let on = |d| Date::parse(d).unwrap();
/// assert_eq!(speaker(Document::new(text).date(on("2019-05-01"))), "angela-merkel");
/// assert_eq!(speaker(Document::new(text).date(on("2023-05-01"))), "olaf-scholz");
/// assert_eq!(speaker(Document::new(text)), "DEU");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document<'t> {
    text: &'t str,
    date: Option<Date>,
}

impl<'t> Document<'t> {
    /// A document with no date.
    pub fn new(text: &'t str) -> Document<'t> {
        Document { text, date: None }
    }

    /// Sets the document's date (publication or event date).
    pub fn date(self, date: Date) -> Document<'t> {
        Document {
            date: Some(date),
            ..self
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The date, if one was set.
    pub fn get_date(&self) -> Option<Date> {
        self.date
    }
}

impl<'t, T: ?Sized + AsRef<str>> From<&'t T> for Document<'t> {
    fn from(text: &'t T) -> Document<'t> {
        Document::new(text.as_ref())
    }
}

/// One dated term in an office ("President of Russia, 2012-05-07 to now").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The office held.
    pub office: String,
    /// First day in office, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day in office; `None` for a term that has not ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

impl Term {
    /// Whether the term covers `date` (open ends count as covering).
    pub fn covers(&self, date: Date) -> bool {
        let after_start = self.start.map_or(true, |s| s.key(true) <= date.key(true));
        let before_end = self.end.map_or(true, |e| date.key(true) <= e.key(false));
        after_start && before_end
    }
}

/// A person, state, organisation or group that can speak and take positions.
///
/// # Examples
///
/// ```
/// use standpoint::{Actor, ActorKind};
///
/// let actor = Actor::new("olga-stefanishyna", "Olga Stefanishyna", ActorKind::Person)
///     .with_country("UKR")
///     .with_aliases(["Olha Stefanishyna", "Stefanishyna"]);
/// assert_eq!(actor.country.as_deref(), Some("UKR"));
/// assert_eq!(actor.aliases.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable identifier.
    pub id: ActorId,
    /// Canonical name.
    pub name: String,
    /// Person, country, organisation or group.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code of the state the actor is or acts for; `None`
    /// for an international organisation.
    pub country: Option<String>,
    /// Other names the actor goes by: acronyms, short and official forms,
    /// spelling variants. An alias found in the text is a mention of the
    /// actor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Demonyms and adjectives ("Russian", "Russians"): found before a title
    /// or a group noun ("Russian officials"), they mention the actor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjectives: Vec<String>,
    /// Places and institutions that stand for the actor when they act
    /// ("Moscow", "the Kremlin"). As places ("a summit in Moscow") they are
    /// mentions but never speakers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metonyms: Vec<String>,
    /// A person's title or office ("President of Russia").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The actor this one belongs to (a minister's state, a party's country,
    /// the European Commission's union).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<ActorId>,
    /// Dated terms in office.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
}

impl Actor {
    /// The id of the actor this one's statements roll up to: its state
    /// when it has one, else its affiliation (an international official's
    /// organisation). Whether the roll-up applies (not to a state itself)
    /// is the caller's rule.
    pub(crate) fn roll_up_id(&self) -> Option<&str> {
        match &self.country {
            Some(c) => Some(c.as_str()),
            None => self.affiliation.as_ref().map(ActorId::as_str),
        }
    }

    /// A new actor with no country, aliases, title, affiliation or terms.
    pub fn new(id: impl Into<ActorId>, name: impl Into<String>, kind: ActorKind) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind,
            country: None,
            aliases: Vec::new(),
            adjectives: Vec::new(),
            metonyms: Vec::new(),
            title: None,
            affiliation: None,
            terms: Vec::new(),
        }
    }

    /// Sets the ISO 3166-1 alpha-3 code of the state the actor acts for.
    pub fn with_country(mut self, iso3: impl Into<String>) -> Actor {
        self.country = Some(iso3.into());
        self
    }

    /// Adds aliases.
    pub fn with_aliases<I, S>(mut self, aliases: I) -> Actor
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.aliases.extend(aliases.into_iter().map(Into::into));
        self
    }

    /// Adds demonyms and adjectives.
    pub fn with_adjectives<I, S>(mut self, adjectives: I) -> Actor
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.adjectives
            .extend(adjectives.into_iter().map(Into::into));
        self
    }

    /// Adds metonyms: capitals, seats of government, institutions.
    pub fn with_metonyms<I, S>(mut self, metonyms: I) -> Actor
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.metonyms.extend(metonyms.into_iter().map(Into::into));
        self
    }

    /// Sets the title or office.
    pub fn with_title(mut self, title: impl Into<String>) -> Actor {
        self.title = Some(title.into());
        self
    }

    /// Sets the affiliation.
    pub fn with_affiliation(mut self, id: impl Into<ActorId>) -> Actor {
        self.affiliation = Some(id.into());
        self
    }
}

/// How a [`Mention`] was found and resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MentionKind {
    /// The actor's canonical name.
    Name,
    /// One of the actor's aliases (an acronym, a spelling variant).
    Alias,
    /// A capital, seat of government or institution standing for the actor
    /// ("Moscow", "the Kremlin").
    Metonym,
    /// A demonym or adjective, alone or with a group noun ("Russian",
    /// "Ukrainian officials").
    Demonym,
    /// A person found through a title, known to no dictionary
    /// ("Ukraine's Deputy Prime Minister ..., Olga Stefanishyna").
    Title,
    /// A surname referring back to a full name earlier in the document.
    Surname,
    /// A pronoun resolved to an earlier mention ("He argued").
    Pronoun,
    /// A definite description resolved to an earlier mention ("the
    /// alliance"), or an office without a name resolved to its holder on the
    /// document's date, else to its state or organisation ("the German
    /// chancellor", "Norway's foreign minister").
    Description,
    /// A noun phrase that names no known actor ("analysts", "a source").
    Phrase,
}

/// A place in the text that refers to an actor.
///
/// In JSON the span is flattened: `{"actor": "RUS", "start": 0, "end": 6,
/// "how": "metonym"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The actor referred to, or `None` for a phrase that names no known
    /// actor ("analysts").
    pub actor: Option<ActorId>,
    /// Where the mention is.
    #[serde(flatten)]
    pub span: Span,
    /// How it was found.
    pub how: MentionKind,
}

/// Whether a statement quotes its speaker's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// The content is a quotation.
    Direct,
    /// The content is reported speech.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

/// The act a statement performs.
///
/// Each act maps to a CAMEO event code ([`SpeechAct::cameo`]) and a PLOVER
/// category ([`SpeechAct::plover`]); the table is in the README. The
/// classifier's cue table (`src/classify/data/acts.tsv`) gives finer codes
/// per cue ("accuse ... of war crimes" is 1124).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SpeechAct {
    /// A plain assertion ("said", "insisted").
    Assert,
    /// Support or endorsement ("backed", "welcomed").
    Support,
    /// Praise ("praised", "hailed").
    Praise,
    /// Thanks ("thanked", "expressed gratitude").
    Thank,
    /// An apology ("apologised", "expressed regret").
    Apologize,
    /// Criticism ("criticized", "condemned").
    Criticize,
    /// Accusation ("accused", "blamed").
    Accuse,
    /// Rejection ("rejected", "refused", "opposed").
    Reject,
    /// Denial of a claim ("denied").
    Deny,
    /// A threat ("threatened").
    Threaten,
    /// A warning ("warned").
    Warn,
    /// A demand ("demanded").
    Demand,
    /// An appeal ("urged", "called for").
    Appeal,
    /// Agreement ("agreed", "signed").
    Agree,
    /// A proposal ("proposed", "offered to mediate").
    Propose,
    /// A promise ("pledged", "vowed").
    Promise,
    /// A concession ("conceded", "acknowledged").
    Concede,
    /// Consultation ("met", "discussed").
    Consult,
    /// A comment with no evaluative force ("commented", "described").
    Comment,
    /// A question ("asked whether", "questioned").
    Question,
}

impl SpeechAct {
    /// Every act, in declaration order.
    pub const ALL: &'static [SpeechAct] = &[
        SpeechAct::Assert,
        SpeechAct::Support,
        SpeechAct::Praise,
        SpeechAct::Thank,
        SpeechAct::Apologize,
        SpeechAct::Criticize,
        SpeechAct::Accuse,
        SpeechAct::Reject,
        SpeechAct::Deny,
        SpeechAct::Threaten,
        SpeechAct::Warn,
        SpeechAct::Demand,
        SpeechAct::Appeal,
        SpeechAct::Agree,
        SpeechAct::Propose,
        SpeechAct::Promise,
        SpeechAct::Concede,
        SpeechAct::Consult,
        SpeechAct::Comment,
        SpeechAct::Question,
    ];

    /// The snake-case name used in data files and JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeechAct::Assert => "assert",
            SpeechAct::Support => "support",
            SpeechAct::Praise => "praise",
            SpeechAct::Thank => "thank",
            SpeechAct::Apologize => "apologize",
            SpeechAct::Criticize => "criticize",
            SpeechAct::Accuse => "accuse",
            SpeechAct::Reject => "reject",
            SpeechAct::Deny => "deny",
            SpeechAct::Threaten => "threaten",
            SpeechAct::Warn => "warn",
            SpeechAct::Demand => "demand",
            SpeechAct::Appeal => "appeal",
            SpeechAct::Agree => "agree",
            SpeechAct::Propose => "propose",
            SpeechAct::Promise => "promise",
            SpeechAct::Concede => "concede",
            SpeechAct::Consult => "consult",
            SpeechAct::Comment => "comment",
            SpeechAct::Question => "question",
        }
    }

    /// Parses the snake-case name used in data files and JSON.
    pub fn parse(s: &str) -> Option<SpeechAct> {
        SpeechAct::ALL.iter().copied().find(|a| a.as_str() == s)
    }

    /// The CAMEO event code of the act: the code of its most general form
    /// in the CAMEO codebook (three digits, as in `CAMEO.eventcodes.txt`).
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::SpeechAct;
    ///
    /// assert_eq!(SpeechAct::Accuse.cameo(), "112");
    /// assert_eq!(SpeechAct::Threaten.cameo(), "130");
    /// assert_eq!(SpeechAct::Deny.cameo(), "016");
    /// ```
    pub fn cameo(&self) -> &'static str {
        match self {
            SpeechAct::Assert | SpeechAct::Comment | SpeechAct::Question => "010",
            SpeechAct::Deny => "016",
            SpeechAct::Appeal => "020",
            SpeechAct::Propose | SpeechAct::Promise => "030",
            SpeechAct::Consult => "040",
            SpeechAct::Support | SpeechAct::Praise | SpeechAct::Thank => "051",
            SpeechAct::Apologize => "055",
            SpeechAct::Agree => "057",
            SpeechAct::Concede => "080",
            SpeechAct::Demand => "100",
            SpeechAct::Criticize => "111",
            SpeechAct::Accuse => "112",
            SpeechAct::Reject => "120",
            SpeechAct::Threaten | SpeechAct::Warn => "130",
        }
    }

    /// The PLOVER event category of the act, where it has one (plain
    /// statements, comments, questions and denials have none).
    ///
    /// # Examples
    ///
    /// ```
    /// use standpoint::SpeechAct;
    ///
    /// assert_eq!(SpeechAct::Promise.plover(), Some("AGREE"));
    /// assert_eq!(SpeechAct::Warn.plover(), Some("THREATEN"));
    /// assert_eq!(SpeechAct::Assert.plover(), None);
    /// ```
    pub fn plover(&self) -> Option<&'static str> {
        match self {
            SpeechAct::Agree | SpeechAct::Promise | SpeechAct::Propose => Some("AGREE"),
            SpeechAct::Consult => Some("CONSULT"),
            SpeechAct::Support | SpeechAct::Praise | SpeechAct::Thank | SpeechAct::Apologize => {
                Some("SUPPORT")
            }
            SpeechAct::Concede => Some("CONCEDE"),
            SpeechAct::Demand | SpeechAct::Appeal => Some("REQUEST"),
            SpeechAct::Criticize | SpeechAct::Accuse => Some("ACCUSE"),
            SpeechAct::Reject => Some("REJECT"),
            SpeechAct::Threaten | SpeechAct::Warn => Some("THREATEN"),
            SpeechAct::Assert | SpeechAct::Comment | SpeechAct::Question | SpeechAct::Deny => None,
        }
    }
}

impl fmt::Display for SpeechAct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// For or against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// For the target or topic.
    Support,
    /// Against the target or topic.
    Oppose,
    /// Neither.
    Neutral,
    /// Both for and against, or weighing the two.
    Mixed,
}

impl Stance {
    /// The lower-case name used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::Neutral => "neutral",
            Stance::Mixed => "mixed",
        }
    }

    /// Parses the lower-case name used in JSON and data files.
    pub fn parse(s: &str) -> Option<Stance> {
        match s {
            "support" => Some(Stance::Support),
            "oppose" => Some(Stance::Oppose),
            "neutral" => Some(Stance::Neutral),
            "mixed" => Some(Stance::Mixed),
            _ => None,
        }
    }

    /// +1 for support, -1 for oppose, 0 otherwise.
    pub fn sign(&self) -> f32 {
        match self {
            Stance::Support => 1.0,
            Stance::Oppose => -1.0,
            Stance::Neutral | Stance::Mixed => 0.0,
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something an actor said, as reported in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The source: the mention in the text (a name, a title, a pronoun, a
    /// phrase such as "analysts"), with the actor it resolves to. `None` when
    /// no source is given ("it was reported that ...").
    pub speaker: Option<Mention>,
    /// Further speakers of a compound source ("Washington and Brussels").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_speakers: Vec<Mention>,
    /// The words that mark the statement ("reiterated", "according to").
    pub cue: Span,
    /// What was said: the reported clause or the quotation, without cue and
    /// speaker.
    pub content: Option<Span>,
    /// Direct, indirect or mixed.
    pub kind: StatementKind,
    /// The speech act.
    pub act: SpeechAct,
    /// The stance toward the targets and topics.
    pub stance: Stance,
    /// The actors the statement is for or against.
    pub targets: Vec<ActorId>,
    /// The topics the statement is about.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Whether the stance-bearing words are negated ("did not oppose").
    #[serde(default)]
    pub negated: bool,
    /// Whether the statement is hedged ("reportedly", "may").
    #[serde(default)]
    pub hedged: bool,
    /// Confidence in the stance, in `[0, 1]`.
    pub confidence: f32,
    /// Index of the sentence (in [`Analysis::sentences`]) holding the cue.
    pub sentence: usize,
}

impl Statement {
    /// The actor the speaker resolves to, if any.
    pub fn speaker_actor(&self) -> Option<&ActorId> {
        self.speaker.as_ref().and_then(|m| m.actor.as_ref())
    }

    /// The speaker and co-speakers' actors, in text order.
    pub fn speaker_actors(&self) -> impl Iterator<Item = &ActorId> {
        self.speaker
            .iter()
            .chain(self.co_speakers.iter())
            .filter_map(|m| m.actor.as_ref())
    }
}

/// An actor's position on a topic (or toward a target) across a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// Whose position.
    pub actor: ActorId,
    /// The topic, if the statements have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// For statements with no topic: the actor they are for or against
    /// ("Moscow blamed Kyiv": a position of Russia toward Ukraine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorId>,
    /// The overall stance.
    pub stance: Stance,
    /// The stance as a number in `[-1, 1]`: -1 opposes, +1 supports.
    pub score: f32,
    /// The actors the statements were for or against.
    #[serde(default)]
    pub targets: Vec<ActorId>,
    /// Indices (into [`Analysis::statements`]) of the evidence.
    pub statements: Vec<usize>,
    /// Whether some evidence came from other actors rolled up to this one
    /// (a president's words counted for the state).
    #[serde(default)]
    pub rolled_up: bool,
}

/// Everything standpoint found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The actors mentioned, known to the gazetteer or discovered in the text.
    pub actors: Vec<Actor>,
    /// Every mention of an actor, in text order.
    pub mentions: Vec<Mention>,
    /// The sentences, in text order.
    pub sentences: Vec<Span>,
    /// The statements, in text order of their cues.
    pub statements: Vec<Statement>,
    /// Each actor's positions.
    pub positions: Vec<Position>,
}

impl Analysis {
    /// The actor with this id, if it is mentioned in the document.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The statements whose speakers include the actor `id`.
    pub fn statements_by<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Statement> + 'a {
        self.statements
            .iter()
            .filter(move |s| s.speaker_actors().any(|a| a == id))
    }

    /// The positions of the actor `id`.
    pub fn positions_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Position> + 'a {
        self.positions.iter().filter(move |p| p.actor == id)
    }
}
