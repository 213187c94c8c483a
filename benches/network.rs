//! The cost of the last stages: adding analyses to a corpus, aggregating
//! positions over time, and writing the DNA table and the GraphML
//! networks. The analyses are made once, outside the timings.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use standpoint::corpus::{Corpus, Document, Period};
use standpoint::{export, Analysis, Analyzer, Date};

const SEED: &str = include_str!("../examples/data/seed_article.txt");

/// The seed article as 200 documents, one a day.
const DOCS: usize = 200;

fn analyses() -> (Vec<Document>, Analysis) {
    let analysis = Analyzer::default().analyze(SEED).unwrap();
    let docs = (0..DOCS)
        .map(|i| {
            let date = Date {
                year: 2022,
                month: Some((i / 28 % 12) as u8 + 1),
                day: Some((i % 28) as u8 + 1),
            };
            Document::new(format!("doc-{i}")).with_date(date)
        })
        .collect();
    (docs, analysis)
}

fn corpus(docs: &[Document], analysis: &Analysis) -> Corpus {
    let mut corpus = Corpus::new();
    for doc in docs {
        corpus.add(doc.clone(), SEED, analysis);
    }
    corpus
}

fn network(c: &mut Criterion) {
    let (docs, analysis) = analyses();
    let full = corpus(&docs, &analysis);
    let mut g = c.benchmark_group("corpus_200_seed_articles");
    g.throughput(Throughput::Elements(full.statements().len() as u64));
    g.bench_function("add", |b| b.iter(|| black_box(corpus(&docs, &analysis))));
    g.bench_function("positions_by_week", |b| {
        b.iter(|| black_box(full.positions_by(Period::Week)))
    });
    g.bench_function("dna_csv", |b| {
        b.iter(|| export::dna_csv(&full, std::io::sink()).unwrap())
    });
    g.bench_function("statements_jsonl", |b| {
        b.iter(|| export::statements_jsonl(&full, std::io::sink()).unwrap())
    });
    g.bench_function("graphml_all_three", |b| {
        b.iter(|| {
            export::graphml_actor_topic(&full, std::io::sink()).unwrap();
            export::graphml_congruence(&full, std::io::sink()).unwrap();
            export::graphml_conflict(&full, std::io::sink()).unwrap();
        })
    });
    g.finish();
}

criterion_group!(benches, network);
criterion_main!(benches);
