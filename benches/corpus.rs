//! The speed of every stage on real news: 1.9 MB of kremlin.ru releases
//! (CC BY 4.0, see `benches/data/README.md`).
//!
//! `cargo bench --bench corpus --features rayon`

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use standpoint::{text, Analyzer};

const CORPUS: &str = include_str!("data/kremlin_2021_2022_subset.jsonl");

fn documents() -> Vec<String> {
    CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("valid JSONL");
            v["text"].as_str().expect("a text field").to_string()
        })
        .collect()
}

fn bytes(docs: &[String]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

fn build(c: &mut Criterion) {
    c.bench_function("build/analyzer", |b| {
        b.iter(|| black_box(Analyzer::builder().build().unwrap()))
    });
}

fn stages(c: &mut Criterion) {
    let docs = documents();
    let analyzer = Analyzer::default();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes(&docs)));
    g.sample_size(10);
    // The ceiling: a bare Aho-Corasick DFA over every gazetteer name.
    let bare = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(analyzer.gazetteer().names())
        .unwrap();
    g.bench_function("raw_scan", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| bare.find_iter(d).count())
                .sum::<usize>()
        })
    });
    g.bench_function("matcher_scan", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| analyzer.matcher().raw_scan_count(d))
                .sum::<usize>()
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| text::sentences(d).count())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| analyzer.analyze(d).unwrap().statements.len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze_batch", |b| {
        b.iter(|| analyzer.analyze_batch(&docs).len())
    });
    g.finish();
}

/// Cost must grow linearly with input size: one document of 1 KB to 10 MB.
fn scaling(c: &mut Criterion) {
    let docs = documents();
    let all = docs.join("\n\n");
    let analyzer = Analyzer::builder()
        .max_input_bytes(64 << 20)
        .build()
        .unwrap();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for size in [1 << 10, 16 << 10, 256 << 10, 2 << 20, 10 << 20] {
        let mut doc = String::with_capacity(size);
        while doc.len() < size {
            doc.push_str(&all);
            doc.push_str("\n\n");
        }
        let mut end = size;
        while !doc.is_char_boundary(end) {
            end -= 1;
        }
        doc.truncate(end);
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_with_input(BenchmarkId::new("analyze", size), &doc, |b, doc| {
            b.iter(|| black_box(analyzer.analyze(doc).unwrap()))
        });
    }
    g.finish();
}

/// The adversarial inputs of `tests/adversarial.rs`, about 1 MB each: they
/// must run at no worse than a tenth of the news throughput.
fn pathological(c: &mut Criterion) {
    let analyzer = Analyzer::builder()
        .max_input_bytes(64 << 20)
        .build()
        .unwrap();
    let size = 1 << 20;
    let fill = |unit: &str| {
        let mut s = unit.repeat(size / unit.len().max(1) + 1);
        let mut end = size;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s
    };
    let news = documents().join("\n\n");
    let cases: Vec<(&str, String)> = vec![
        ("news", fill(&news)),
        (
            "no_sentence_end",
            fill("officials in Kyiv said the talks with Moscow would go on and on "),
        ),
        ("quotation_marks", fill("\"“«‘'")),
        ("nested_brackets", fill("([{")),
        (
            "actor_names",
            fill("Putin Russia Ukraine NATO Moscow Kyiv Zelensky Scholz Brussels "),
        ),
        (
            "control_bytes",
            fill("\0\x01Putin\x07 said\x1b the plan was unacceptable.\x7f "),
        ),
        (
            "crlf_form_feeds",
            fill("Putin said it was a threat.\r\n\x0cKyiv welcomed it.\r\n"),
        ),
        (
            "rtl_emoji_marks",
            fill(
                "\u{202e}بوتين\u{202c} 👩‍👩‍👧 Moscow said the e\u{301}lite plan\u{200d} was a threat. ",
            ),
        ),
        (
            "html",
            fill("<div class=\"x\"><p>Putin <b>said</b> NATO&amp;nbsp;was a threat.</p></div>\n"),
        ),
        ("one_long_word", fill("a")),
        ("pronouns", fill("He said she told them they argued. ")),
        (
            "titles",
            fill("President Minister spokesman Chancellor the president "),
        ),
        ("new_names", distinct_names(size)),
    ];
    let mut g = c.benchmark_group("pathological");
    g.sample_size(10);
    for (name, text) in &cases {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("analyze", name), text, |b, t| {
            b.iter(|| black_box(analyzer.analyze(t).unwrap()))
        });
    }
    g.finish();
}

/// About `size` bytes of statements by people, parties and associations
/// no dictionary has, every name new: each one makes a new actor, so the
/// cost of a new actor must not grow with the number before it.
fn distinct_names(size: usize) -> String {
    const C: &[u8] = b"bcdfgklmnprstvz";
    const V: &[u8] = b"aeiou";
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut name = || {
        let mut w = String::new();
        for i in 0..3 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let r = (seed >> 33) as usize;
            let c = C[r % C.len()] as char;
            w.push(if i == 0 { c.to_ascii_uppercase() } else { c });
            w.push(V[(r / C.len()) % V.len()] as char);
        }
        w
    };
    let mut s = String::with_capacity(size + 128);
    let mut i = 0;
    while s.len() < size {
        let line = match i % 3 {
            0 => format!(
                "Foreign Minister {} {} said the talks would go on. ",
                name(),
                name()
            ),
            1 => format!(
                "The {} party said it will boycott the elections in Algeria. ",
                name()
            ),
            _ => format!(
                "The {} Association of Jurists said the vote was unfair. ",
                name()
            ),
        };
        s.push_str(&line);
        i += 1;
    }
    s
}

criterion_group!(benches, build, stages, scaling, pathological);
criterion_main!(benches);
