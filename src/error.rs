//! The crate's one error type.

use std::fmt;

/// Everything that can go wrong when building an [`Analyzer`](crate::Analyzer)
/// or analyzing a document.
///
/// Each variant says what was wrong and where: the byte offset in the input,
/// or the file, line and problem in a gazetteer or lexicon.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than the analyzer's configured limit
    /// (see [`AnalyzerBuilder::max_input_bytes`](crate::AnalyzerBuilder::max_input_bytes)).
    #[error("input of {len} bytes exceeds the limit of {limit} bytes")]
    InputTooLarge {
        /// Length of the rejected input in bytes.
        len: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The input bytes are not valid UTF-8.
    #[error("input is not valid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A gazetteer, lexicon or dictionary could not be loaded.
    #[error("{file}:{line}: {problem}")]
    Data {
        /// The name of the file (or the name the caller gave a string source).
        file: String,
        /// The 1-based line number, or 0 when the problem is not tied to a line.
        line: usize,
        /// What is wrong.
        problem: DataProblem,
    },
    /// An automaton could not be built from the patterns (for example, too
    /// many patterns for the automaton's limits).
    #[error("cannot build the {what} automaton: {message}")]
    Automaton {
        /// Which automaton failed (gazetteer, cues, ...).
        what: &'static str,
        /// The underlying error, as reported by `aho-corasick`.
        message: String,
    },
}

impl Error {
    pub(crate) fn data(file: &str, line: usize, problem: DataProblem) -> Error {
        Error::Data {
            file: file.to_string(),
            line,
            problem,
        }
    }

    pub(crate) fn automaton(what: &'static str, err: aho_corasick::BuildError) -> Error {
        Error::Automaton {
            what,
            message: err.to_string(),
        }
    }
}

/// What is wrong with one line of a gazetteer or lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DataProblem {
    /// The file has no header line.
    MissingHeader,
    /// A required column is absent from the header.
    MissingColumn(&'static str),
    /// A column in the header is not one this file format knows.
    UnknownColumn(String),
    /// A line has more fields than the header has columns.
    TooManyFields {
        /// Number of columns in the header.
        expected: usize,
        /// Number of fields on the line.
        found: usize,
    },
    /// A required field is empty.
    EmptyField(&'static str),
    /// An alias (or cue, or term) in a list is empty.
    EmptyAlias,
    /// A field has a value the format does not allow.
    BadValue {
        /// The column.
        column: &'static str,
        /// The offending value.
        value: String,
    },
    /// Two entries share an id.
    DuplicateId(String),
    /// An affiliation names an actor id that does not exist.
    UnknownAffiliation(String),
    /// A date is malformed or a range ends before it starts.
    BadDateRange(String),
    /// The file is not valid JSON for the expected shape.
    Json(String),
}

impl fmt::Display for DataProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataProblem::MissingHeader => write!(f, "missing header line"),
            DataProblem::MissingColumn(c) => write!(f, "missing required column `{c}`"),
            DataProblem::UnknownColumn(c) => write!(f, "unknown column `{c}`"),
            DataProblem::TooManyFields { expected, found } => {
                write!(f, "{found} fields, but the header has {expected} columns")
            }
            DataProblem::EmptyField(c) => write!(f, "empty `{c}`"),
            DataProblem::EmptyAlias => write!(f, "empty alias in a list"),
            DataProblem::BadValue { column, value } => {
                write!(f, "bad value {value:?} in column `{column}`")
            }
            DataProblem::DuplicateId(id) => write!(f, "duplicate id `{id}`"),
            DataProblem::UnknownAffiliation(id) => write!(f, "unknown affiliation `{id}`"),
            DataProblem::BadDateRange(r) => write!(f, "bad date range {r:?}"),
            DataProblem::Json(m) => write!(f, "invalid JSON: {m}"),
        }
    }
}
