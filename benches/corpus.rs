//! The speed of every stage on real news: 1.9 MB of kremlin.ru releases
//! (CC BY 4.0, see `benches/data/README.md`).
//!
//! `cargo bench --bench corpus --features rayon`

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
    g.bench_function("raw_scan", |b| {
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

criterion_group!(benches, build, stages, scaling);
criterion_main!(benches);
