//! Analyze news text and print who stands where.
//!
//! ```text
//! cargo run --release --example analyze                      # the embedded seed article, as a table
//! cargo run --release --example analyze -- --json            # ... as JSON
//! cargo run --release --example analyze -- FILE              # a plain-text file ("-" for stdin)
//! cargo run --release --example analyze -- --input-jsonl F   # {"id","text","date"?} lines -> one JSON object a line
//! ```

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use serde::Serialize;
use standpoint::{Analysis, Analyzer};

const SEED: &str = include_str!("data/seed_article.txt");

const USAGE: &str = "usage: analyze [--json] [FILE | -]\n       analyze --input-jsonl FILE";

#[derive(Serialize)]
struct Document<'a> {
    id: &'a str,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        // `analyze | head` closes the pipe early: not an error.
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("analyze: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut json = false;
    let mut jsonl: Option<String> = None;
    let mut file: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--input-jsonl" => jsonl = Some(args.next().ok_or(USAGE)?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            a if a.starts_with("--") => return Err(format!("unknown option {a}\n{USAGE}").into()),
            _ if file.is_some() => return Err(USAGE.into()),
            _ => file = Some(arg),
        }
    }
    let analyzer = Analyzer::default();
    if let Some(path) = jsonl {
        return analyze_jsonl(&analyzer, &path);
    }
    let text = match file.as_deref() {
        None => SEED.to_string(),
        Some("-") => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s)?;
            s
        }
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?,
    };
    let analysis = analyzer.analyze(&text)?;
    let out = if json {
        serde_json::to_string_pretty(&analysis)? + "\n"
    } else {
        table(&text, &analysis)
    };
    io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Deserialize)]
struct Input {
    id: serde_json::Value,
    text: String,
    /// `YYYY-MM-DD` (or an RFC 3339 time stamp): dated offices resolve on it.
    #[serde(default)]
    date: Option<String>,
}

/// The date part of `YYYY[-MM[-DD]]` or an RFC 3339 time stamp.
fn parse_date(s: &str) -> Result<standpoint::Date, String> {
    let day = s.split(['T', ' ']).next().unwrap_or(s);
    standpoint::Date::parse(day).ok_or_else(|| format!("bad date {s:?}"))
}

fn analyze_jsonl(analyzer: &Analyzer, path: &str) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let reader: Box<dyn BufRead> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
        Box::new(io::BufReader::new(f))
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failures = 0;
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let result = serde_json::from_str::<Input>(&line)
            .map_err(|e| e.to_string())
            .and_then(|input| {
                let mut doc = standpoint::Document::new(&input.text);
                if let Some(date) = input.date.as_deref().filter(|d| !d.is_empty()) {
                    doc = doc.date(parse_date(date)?);
                }
                let analysis = analyzer.analyze(doc).map_err(|e| e.to_string())?;
                let id = match &input.id {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                serde_json::to_string(&Document {
                    id: &id,
                    analysis: &analysis,
                })
                .map_err(|e| e.to_string())
            });
        match result {
            Ok(json) => writeln!(out, "{json}")?,
            Err(e) => {
                failures += 1;
                eprintln!("analyze: {path}:{}: {e}", n + 1);
            }
        }
    }
    out.flush()?;
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn clip(s: &str, width: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= width {
        s
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

fn table(text: &str, a: &Analysis) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let name = |id: &str| a.actor(id).map_or(id.to_string(), |x| x.name.clone());
    let _ = writeln!(
        out,
        "{:<34} {:<24} {:<14} {:<8} TARGETS",
        "SPEAKER", "ACTOR", "CUE", "STANCE"
    );
    for st in &a.statements {
        let (speaker, actor) = match &st.speaker {
            Some(m) => (
                m.span.as_str(text),
                m.actor.as_deref().map(name).unwrap_or_else(|| "-".into()),
            ),
            None => ("-", "-".into()),
        };
        let mut actor = actor;
        for co in &st.co_speakers {
            if let Some(id) = &co.actor {
                actor.push_str(" + ");
                actor.push_str(&name(id));
            }
        }
        let targets: Vec<&str> = st.targets.iter().map(|t| t.as_str()).collect();
        let _ = writeln!(
            out,
            "{:<34} {:<24} {:<14} {:<8} {}",
            clip(speaker, 34),
            clip(&actor, 24),
            clip(st.cue.as_str(text), 14),
            st.stance.as_str(),
            targets.join(", ")
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<28} {:<20} {:<8} {:>6}  EVIDENCE",
        "ACTOR", "TOPIC", "STANCE", "SCORE"
    );
    for p in &a.positions {
        let _ = writeln!(
            out,
            "{:<28} {:<20} {:<8} {:>6.2}  {} statement(s){}",
            clip(&name(&p.actor), 28),
            p.topic.as_deref().unwrap_or("-"),
            p.stance.as_str(),
            p.score,
            p.statements.len(),
            if p.rolled_up { ", rolled up" } else { "" }
        );
    }
    out
}
