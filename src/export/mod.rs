//! Writers: a [`Corpus`](crate::Corpus) as JSON Lines, as tables (CSV) and
//! as networks (GraphML).
//!
//! The last stage of the pipeline. Each writer takes a corpus and any
//! [`std::io::Write`], and writes one format that other tools read:
//!
//! | writer | format | read by |
//! |---|---|---|
//! | [`statements_jsonl`] | one JSON object per statement, with its document's metadata | anything that reads JSON |
//! | [`dna_csv`] | the DNA statement table (RFC 4180 CSV): person, organization, concept, agreement | R (`read.csv`), rDNA, pandas |
//! | [`positions_csv`] | positions per actor, topic and (optionally) period | R, pandas, spreadsheets |
//! | [`graphml_actor_topic`] | the actor–topic two-mode network | Gephi, networkx, igraph |
//! | [`graphml_congruence`], [`graphml_conflict`] | actor–actor networks: same stance on a topic, opposite stances | Gephi, networkx, igraph |
//!
//! [`GraphMl`] configures the networks (which actors, topic labels).
//! The writers do not buffer: wrap a file in a [`std::io::BufWriter`].
//!
//! # Examples
//!
//! ```
//! use standpoint::corpus::{Corpus, Document};
//! use standpoint::{export, Analyzer};
//!
//! let analyzer = Analyzer::default();
//! let mut corpus = Corpus::new();
//! corpus.analyze(&analyzer, Document::new("a"),
//!     "Russian President Vladimir Putin said NATO expansion is a direct threat.")?;
//! corpus.analyze(&analyzer, Document::new("b"),
//!     "Polish President Andrzej Duda welcomed NATO enlargement.")?;
//!
//! let mut csv = Vec::new();
//! export::dna_csv(&corpus, &mut csv).unwrap();
//! let csv = String::from_utf8(csv).unwrap();
//! assert!(csv.starts_with("id,document,date,person,organization,concept,agreement,text,"));
//! assert!(csv.contains(",a,,Vladimir Putin,Russia,nato-enlargement,0,"));
//!
//! // Russia and Poland: opposite stances on NATO enlargement.
//! let mut graphml = Vec::new();
//! export::graphml_conflict(&corpus, &mut graphml).unwrap();
//! let graphml = String::from_utf8(graphml).unwrap();
//! assert!(graphml.contains(r#"<edge source="RUS" target="POL">"#)
//!     || graphml.contains(r#"<edge source="POL" target="RUS">"#));
//! # Ok::<(), standpoint::Error>(())
//! ```

mod graphml;
mod jsonl;
mod table;

pub use graphml::{graphml_actor_topic, graphml_conflict, graphml_congruence, GraphMl};
pub use jsonl::statements_jsonl;
pub use table::{dna_csv, positions_csv};
