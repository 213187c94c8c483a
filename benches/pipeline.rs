//! The pipeline's cost: building the analyzer, and analyzing the seed
//! article. (The corpus benchmarks live beside this one.)

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use standpoint::Analyzer;

const SEED: &str = include_str!("../examples/data/seed_article.txt");

fn build(c: &mut Criterion) {
    c.bench_function("analyzer_build", |b| {
        b.iter(|| black_box(Analyzer::builder().build().unwrap()))
    });
}

fn seed(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let mut g = c.benchmark_group("seed_article");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("analyze", |b| {
        b.iter(|| black_box(analyzer.analyze(black_box(SEED)).unwrap()))
    });
    g.bench_function("gazetteer_scan", |b| {
        b.iter(|| black_box(analyzer.matcher().find_iter(black_box(SEED)).count()))
    });
    g.finish();
}

criterion_group!(benches, build, seed);
criterion_main!(benches);
