//! The classifier's cost: classifying the seed article's statements, one
//! automaton scan each, and compiling the lexicons.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use standpoint::classify::{LexiconClassifier, SentenceClassifier, StatementText};
use standpoint::{Analyzer, Span};

const SEED: &str = include_str!("../examples/data/seed_article.txt");

fn statements(c: &mut Criterion) {
    let analysis = Analyzer::default().analyze(SEED).unwrap();
    let inputs: Vec<(Span, Span, Span)> = analysis
        .statements
        .iter()
        .map(|st| {
            let sentence = analysis.sentences[st.sentence];
            (st.cue, st.content.unwrap_or(sentence), sentence)
        })
        .collect();
    let bytes: usize = inputs.iter().map(|(_, _, s)| s.len()).sum();
    let classifier = LexiconClassifier::builtin();
    let mut g = c.benchmark_group("classify");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("seed_statements", |b| {
        b.iter(|| {
            for &(cue, content, sentence) in &inputs {
                let input = StatementText::new(SEED, content)
                    .with_cue(cue, None)
                    .with_sentence(sentence);
                black_box(classifier.classify(black_box(&input)));
            }
        })
    });
    g.finish();
}

fn build(c: &mut Criterion) {
    c.bench_function("classifier_build", |b| {
        b.iter(|| black_box(LexiconClassifier::builder().build().unwrap()))
    });
}

criterion_group!(benches, statements, build);
criterion_main!(benches);
