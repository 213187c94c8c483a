//! From documents to discourse networks: analyze a corpus, write the
//! statement table and the networks, print who stands where.
//!
//! ```text
//! cargo run --release --example network -- CORPUS.jsonl [MORE.jsonl ...] --out DIR
//!     [--period day|week|month|year] [--top N] [--min-statements N]
//!     [--kinds person,country,organization,group] [--skip-bad]
//! ```
//!
//! `--min-statements` and `--kinds` choose the actors in the networks
//! (`--kinds country` gives the network of states, their leaders' words
//! rolled up to them).
//!
//! Each input line is a JSON object with `id` (string or number) and `text`,
//! and optionally `date` (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or an RFC 3339
//! time stamp), `source` and `title`; other fields are ignored. A bad line
//! stops the run with its file and line number, unless `--skip-bad` is
//! given, which reports and skips it.
//!
//! Writes to DIR: `statements.jsonl`, `statements.csv` (the DNA statement
//! table), `positions.csv`, `positions_by_PERIOD.csv`,
//! `actor_topic.graphml`, `congruence.graphml` and `conflict.graphml`.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::Deserialize;
use standpoint::classify::LexiconClassifier;
use standpoint::corpus::{Corpus, Document, Period};
use standpoint::export::{self, GraphMl};
use standpoint::{ActorKind, Analyzer, Date, Position, Stance};

const USAGE: &str = "usage: network CORPUS.jsonl [MORE.jsonl ...] --out DIR \
                     [--period day|week|month|year] [--top N] [--min-statements N] \
                     [--kinds person,country,organization,group] [--skip-bad]";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Writes one output file's contents.
type WriteFn<'a> = &'a dyn Fn(&mut dyn Write) -> io::Result<()>;

struct Options {
    inputs: Vec<String>,
    out: PathBuf,
    period: Period,
    top: usize,
    min_statements: usize,
    kinds: Vec<ActorKind>,
    skip_bad: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("network: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let Some(opts) = parse_args()? else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let analyzer = Analyzer::default();
    let mut corpus = Corpus::new();
    let mut progress = Progress::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut skipped = 0usize;
    for path in &opts.inputs {
        let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let place = format!("{path}:{}", n + 1);
            let line = line.map_err(|e| format!("{place}: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let added = read_document(&line, &place, &mut seen).and_then(|(doc, text)| {
                corpus
                    .analyze(&analyzer, doc, &text)
                    .map_err(|e| e.to_string())
                    .map(|_| text.len())
            });
            match added {
                Ok(bytes) => progress.tick(bytes, corpus.statements().len()),
                Err(e) if opts.skip_bad => {
                    progress.clear();
                    eprintln!("network: {place}: {e} (skipped)");
                    skipped += 1;
                }
                Err(e) => {
                    progress.clear();
                    return Err(format!("{place}: {e}").into());
                }
            }
        }
    }
    progress.finish(corpus.statements().len());
    write_outputs(&corpus, &opts)?;
    print_summary(&corpus, &opts)?;
    if skipped > 0 {
        eprintln!("network: {skipped} bad line(s) skipped");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_args() -> Result<Option<Options>> {
    let mut opts = Options {
        inputs: Vec::new(),
        out: PathBuf::new(),
        period: Period::Month,
        top: 12,
        min_statements: 1,
        kinds: Vec::new(),
        skip_bad: false,
    };
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--period" => {
                let v = value("--period")?;
                opts.period = Period::parse(&v).ok_or(format!("bad --period {v:?}\n{USAGE}"))?;
            }
            "--top" => opts.top = value("--top")?.parse().map_err(|_| "bad --top")?,
            "--min-statements" => {
                opts.min_statements = value("--min-statements")?
                    .parse()
                    .map_err(|_| "bad --min-statements")?
            }
            "--kinds" => {
                for k in value("--kinds")?.split(',') {
                    let kind =
                        ActorKind::parse(k.trim()).ok_or(format!("bad kind {k:?}\n{USAGE}"))?;
                    opts.kinds.push(kind);
                }
            }
            "--skip-bad" => opts.skip_bad = true,
            a if a.starts_with("--") => return Err(format!("unknown option {a}\n{USAGE}").into()),
            _ => opts.inputs.push(arg),
        }
    }
    opts.out = out.ok_or(format!("--out DIR is required\n{USAGE}"))?;
    if opts.inputs.is_empty() {
        return Err(USAGE.into());
    }
    Ok(Some(opts))
}

#[derive(Deserialize)]
struct Input {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// One input line as a document and its text.
fn read_document(
    line: &str,
    place: &str,
    seen: &mut HashMap<String, String>,
) -> std::result::Result<(Document, String), String> {
    let input: Input = serde_json::from_str(line).map_err(|e| {
        // serde_json counts the object as line 1: give the column only.
        let mut msg = e.to_string();
        if let Some(i) = msg.rfind(" at line ") {
            msg.truncate(i);
        }
        format!("{msg} (column {})", e.column())
    })?;
    let id = match input.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        other => return Err(format!("`id` must be a string or a number, not {other}")),
    };
    if let Some(first) = seen.get(&id) {
        return Err(format!("duplicate id {id:?} (first at {first})"));
    }
    seen.insert(id.clone(), place.to_string());
    let mut doc = Document::new(id);
    if let Some(d) = input.date.as_deref().filter(|d| !d.trim().is_empty()) {
        doc = doc.with_date(parse_date(d).ok_or(format!("bad `date` {d:?}"))?);
    }
    if let Some(s) = input.source {
        doc = doc.with_source(s);
    }
    if let Some(t) = input.title {
        doc = doc.with_title(t);
    }
    Ok((doc, input.text))
}

/// `YYYY[-MM[-DD]]`, optionally followed by a time (`T11:00:00Z`, ` 11:00`).
fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let day = s.split(['T', ' ']).next().unwrap_or(s);
    Date::parse(day)
}

/// A progress line on stderr, redrawn at most four times a second, when
/// stderr is a terminal.
struct Progress {
    start: Instant,
    last: Instant,
    docs: usize,
    bytes: usize,
    tty: bool,
}

impl Progress {
    fn new() -> Progress {
        let now = Instant::now();
        Progress {
            start: now,
            last: now,
            docs: 0,
            bytes: 0,
            tty: io::stderr().is_terminal(),
        }
    }

    fn tick(&mut self, bytes: usize, statements: usize) {
        self.docs += 1;
        self.bytes += bytes;
        if self.tty && self.last.elapsed() >= Duration::from_millis(250) {
            self.last = Instant::now();
            eprint!("\r{}\x1b[K", self.line(statements));
        }
    }

    fn line(&self, statements: usize) -> String {
        let secs = self.start.elapsed().as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        format!(
            "network: {} documents, {mb:.1} MB, {statements} statements, {:.1} s ({:.1} MB/s)",
            self.docs,
            secs,
            mb / secs.max(1e-9)
        )
    }

    fn clear(&self) {
        if self.tty {
            eprint!("\r\x1b[K");
        }
    }

    fn finish(&self, statements: usize) {
        self.clear();
        eprintln!("{}", self.line(statements));
    }
}

fn write_outputs(corpus: &Corpus, opts: &Options) -> Result<()> {
    std::fs::create_dir_all(&opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    let mut graphml = GraphMl::new();
    graphml
        .min_statements(opts.min_statements)
        .kinds(&opts.kinds)
        .topics(LexiconClassifier::builtin().topics());
    let by_period = format!("positions_by_{}.csv", opts.period.as_str());
    let files: [(&str, WriteFn<'_>); 7] = [
        ("statements.jsonl", &|w| export::statements_jsonl(corpus, w)),
        ("statements.csv", &|w| export::dna_csv(corpus, w)),
        ("positions.csv", &|w| export::positions_csv(corpus, None, w)),
        (&by_period, &|w| {
            export::positions_csv(corpus, Some(opts.period), w)
        }),
        ("actor_topic.graphml", &|w| {
            graphml.write_actor_topic(corpus, w)
        }),
        ("congruence.graphml", &|w| {
            graphml.write_congruence(corpus, w)
        }),
        ("conflict.graphml", &|w| graphml.write_conflict(corpus, w)),
    ];
    for (name, write) in files {
        let path = opts.out.join(name);
        write_file(&path, write).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!("network: wrote 7 files to {}", opts.out.display());
    Ok(())
}

fn write_file(path: &Path, write: WriteFn<'_>) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    write(&mut w)?;
    w.flush()
}

/// The most active actors and their positions per topic; then, for the
/// most discussed topics, who is on which side.
fn print_summary(corpus: &Corpus, opts: &Options) -> io::Result<()> {
    let positions = corpus.positions();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for cs in corpus.statements() {
        for h in &cs.holders {
            *count.entry(h.as_str()).or_default() += 1;
        }
    }
    let mut actors: Vec<(&str, usize)> = count.iter().map(|(&a, &n)| (a, n)).collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let name = |id: &str| corpus.actor(id).map_or(id.to_string(), |a| a.name.clone());

    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{:<36} {:>5}  {:<22} {:<8} {:>6} {:>4}",
        "ACTOR", "STMTS", "TOPIC", "STANCE", "SCORE", "N"
    )?;
    for &(id, n) in actors.iter().take(opts.top) {
        let mut mine: Vec<&Position> = positions
            .iter()
            .filter(|p| p.actor == id && p.topic.is_some())
            .collect();
        mine.sort_by_key(|p| std::cmp::Reverse(p.statements.len()));
        let label = format!("{} ({id})", name(id));
        if mine.is_empty() {
            writeln!(out, "{:<36} {n:>5}  -", clip(&label, 36))?;
        }
        for (i, p) in mine.iter().take(4).enumerate() {
            let who = if i == 0 {
                clip(&label, 36)
            } else {
                String::new()
            };
            let stmts = if i == 0 { n.to_string() } else { String::new() };
            writeln!(
                out,
                "{who:<36} {stmts:>5}  {:<22} {:<8} {:>6.2} {:>4}",
                clip(p.topic.as_deref().unwrap_or("-"), 22),
                p.stance.as_str(),
                p.score,
                p.statements.len()
            )?;
        }
    }

    // Sides on the most discussed topics.
    let mut topics: Vec<(&str, usize)> = Vec::new();
    for p in &positions {
        let Some(t) = p.topic.as_deref() else {
            continue;
        };
        match topics.iter_mut().find(|(x, _)| *x == t) {
            Some(e) => e.1 += p.statements.len(),
            None => topics.push((t, p.statements.len())),
        }
    }
    topics.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    writeln!(out)?;
    writeln!(out, "{:<22} {:<46} OPPOSE", "TOPIC", "SUPPORT")?;
    for &(topic, _) in topics.iter().take(6) {
        let side = |stance: Stance| {
            let mut v: Vec<&Position> = positions
                .iter()
                .filter(|p| p.topic.as_deref() == Some(topic) && p.stance == stance)
                .collect();
            v.sort_by_key(|p| std::cmp::Reverse(p.statements.len()));
            v.iter()
                .take(4)
                .map(|p| format!("{} ({})", p.actor, p.statements.len()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            out,
            "{:<22} {:<46} {}",
            clip(topic, 22),
            clip(&side(Stance::Support), 46),
            side(Stance::Oppose)
        )?;
    }
    out.flush()
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}
