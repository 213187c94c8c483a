//! Text structure: sentences, quotations and word boundaries.
//!
//! The first stage of the pipeline. It knows nothing of actors or
//! statements; it only says where sentences, quotations and words are, as
//! byte [`Span`](crate::Span)s into the input.
//!
//! # Examples
//!
//! ```
//! use standpoint::text;
//!
//! let doc = "Mr. Smith met Gen. Lee in the U.S. Senate on Jan. 5. They talked.";
//! let sentences: Vec<&str> = text::sentences(doc).map(|s| s.as_str(doc)).collect();
//! assert_eq!(sentences, [
//!     "Mr. Smith met Gen. Lee in the U.S. Senate on Jan. 5.",
//!     "They talked.",
//! ]);
//! ```

mod gate;
mod quotes;
mod scan;
mod sentences;
mod words;

pub(crate) use gate::{ascii_word, WalkStart, WordGate};
pub use quotes::{quotes, Quote};
pub(crate) use scan::ALNUM;
pub(crate) use sentences::sentences_and_quotes;
pub use sentences::{sentences, Sentences};
pub(crate) use words::*;
