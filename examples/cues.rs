//! Prints every match of the cue lexicon in a text, with the cue model's
//! context features, probability and verdict.
//!
//! ```text
//! cargo run --release --example cues -- FILE        # or "-" for stdin
//! ```

use std::io::Read;

use standpoint::attribution::CueLexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".to_string());
    let mut text = String::new();
    if path == "-" {
        std::io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    }
    for c in CueLexicon::builtin().candidates(&text) {
        let context: Vec<String> = c.context.iter().map(|(f, v)| format!("{f}={v}")).collect();
        println!(
            "{}\t{:>5}\t{:.2}\t{}\t{}",
            if c.kept { "KEEP" } else { "drop" },
            c.span.start,
            c.probability,
            c.span.as_str(&text),
            context.join(" ")
        );
    }
    Ok(())
}
