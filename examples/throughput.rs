//! Measures, in one run, the raw Aho-Corasick scan of the built-in
//! gazetteer and the full analysis over the same news text, and prints one
//! JSON line:
//!
//! `{"bytes":..,"scan_mb_s":..,"analyze_mb_s":..,"ratio":..,"batch_mb_s":..,"threads":..,"matcher_scan_mb_s":..}`
//!
//! - `scan_mb_s`: the ceiling, a bare Aho-Corasick scan of every name of
//!   the built-in gazetteer (the `aho-corasick` crate's fastest automaton, a
//!   DFA, leftmost-longest, ASCII case-insensitive), counting matches;
//! - `analyze_mb_s`: `Analyzer::analyze` over each document, one core;
//! - `ratio`: `analyze_mb_s / scan_mb_s`;
//! - `batch_mb_s`: `Analyzer::analyze_batch` over all documents, on
//!   `threads` cores;
//! - `matcher_scan_mb_s`: the scan inside the crate's own `EntityMatcher`
//!   (word starts only, no checks), for comparison.
//!
//! ```text
//! cargo run --release --features rayon --example throughput -- [CORPUS.jsonl]
//! ```
//!
//! The corpus defaults to the shipped kremlin.ru subset (CC BY 4.0). Each
//! measurement is the best of several rounds of at least a second.

use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use standpoint::Analyzer;

const DEFAULT: &str = include_str!("../benches/data/kremlin_2021_2022_subset.jsonl");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?,
        None => DEFAULT.to_string(),
    };
    let mut docs = Vec::new();
    for (n, line) in corpus.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = v["text"]
            .as_str()
            .ok_or_else(|| format!("line {}: no \"text\" string", n + 1))?;
        docs.push(text.to_string());
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    if bytes == 0 {
        return Err("the corpus has no text".into());
    }
    let analyzer = Analyzer::default();
    // Warm up: build everything lazily built, touch the text.
    for d in &docs {
        analyzer.analyze(d)?;
    }
    let bare = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(analyzer.gazetteer().names())?;
    let scan = best(|| {
        let n: usize = docs.iter().map(|d| bare.find_iter(d).count()).sum();
        std::hint::black_box(n);
    });
    let matcher_scan = best(|| {
        let n: usize = docs
            .iter()
            .map(|d| analyzer.matcher().raw_scan_count(d))
            .sum();
        std::hint::black_box(n);
    });
    let analyze = best(|| {
        for d in &docs {
            std::hint::black_box(analyzer.analyze(d).unwrap());
        }
    });
    let batch = best(|| {
        std::hint::black_box(analyzer.analyze_batch(&docs));
    });
    let mb_s = |t: Duration| bytes as f64 / 1e6 / t.as_secs_f64();
    let (scan, analyze, batch) = (mb_s(scan), mb_s(analyze), mb_s(batch));
    println!(
        "{{\"bytes\":{bytes},\"scan_mb_s\":{scan:.1},\"analyze_mb_s\":{analyze:.1},\"ratio\":{:.3},\"batch_mb_s\":{batch:.1},\"threads\":{},\"matcher_scan_mb_s\":{:.1}}}",
        analyze / scan,
        rayon::current_num_threads(),
        mb_s(matcher_scan),
    );
    Ok(())
}

/// The fastest of 5 rounds, each repeating `f` for at least a second.
fn best(mut f: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            let mut runs = 0u32;
            while start.elapsed() < Duration::from_secs(1) || runs == 0 {
                f();
                runs += 1;
            }
            start.elapsed() / runs
        })
        .min()
        .unwrap()
}
