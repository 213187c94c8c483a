//! Fits the cue model (`src/attribution/data/cue_model.tsv`) on text
//! annotated with attribution cues, and prints the table.
//!
//! ```text
//! cargo run --release --example train_cue_model -- GOLD.jsonl [--l2 X] [--min-lemma N] > cue_model.tsv
//! ```
//!
//! GOLD.jsonl has one `{"text": .., "attributions": [{"cue": [[start, end], ..]}, ..]}`
//! a line, with CHARACTER offsets (the PolNeAR files of the evaluation).
//! Every match of the cue lexicon is an example, positive when it overlaps
//! an annotated cue. The model is logistic: logit P = logit(weight of the
//! form) + bias(group) + one weight per (group, feature, value) and, for
//! lemmas with enough examples, per (lemma, feature, value); fitted by
//! full-batch Adagrad with an L2 penalty. The threshold printed is the one
//! that maximises the F1 of the kept matches against the annotated cues.

use std::collections::HashMap;

use standpoint::attribution::CueLexicon;

const USAGE: &str =
    "usage: train_cue_model GOLD.jsonl [--l2 X] [--min-lemma N] [--epochs N] [--folds K] [--drop FEATURE]...";

struct Example {
    doc: usize,
    offset: f64,
    features: Vec<usize>,
    positive: bool,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut l2 = 1.0f64;
    let mut min_lemma = 40usize;
    let mut epochs = 400usize;
    let mut folds = 0usize;
    let mut dump: Option<String> = None;
    // Features left out (to measure what one adds).
    let mut drop: Vec<String> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--l2" => l2 = args.next().ok_or(USAGE)?.parse()?,
            "--min-lemma" => min_lemma = args.next().ok_or(USAGE)?.parse()?,
            "--epochs" => epochs = args.next().ok_or(USAGE)?.parse()?,
            "--folds" => folds = args.next().ok_or(USAGE)?.parse()?,
            "--dump" => dump = Some(args.next().ok_or(USAGE)?),
            "--drop" => drop.push(args.next().ok_or(USAGE)?),
            _ if path.is_none() => path = Some(a),
            _ => return Err(USAGE.into()),
        }
    }
    let path = path.ok_or(USAGE)?;
    let lexicon = CueLexicon::builtin();

    // (key, lemma) per candidate first, to count lemmas.
    type Raw = (
        usize,
        f64,
        &'static str,
        Vec<(&'static str, &'static str)>,
        String,
        bool,
    );
    let mut dumped: Vec<String> = Vec::new();
    let mut raw: Vec<Raw> = Vec::new();
    let mut gold_per_doc: Vec<usize> = Vec::new();
    let mut gold_cues = 0usize;
    for (n, line) in std::fs::read_to_string(&path)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(line)?;
        let text = doc["text"]
            .as_str()
            .ok_or_else(|| format!("{path}:{}: no text", n + 1))?;
        let bytes = char_to_byte(text);
        let mut cues: Vec<(usize, usize)> = Vec::new();
        for a in doc["attributions"].as_array().into_iter().flatten() {
            let pieces = a["cue"].as_array().into_iter().flatten();
            let spans: Vec<(usize, usize)> = pieces
                .filter_map(|p| Some((p[0].as_u64()? as usize, p[1].as_u64()? as usize)))
                .collect();
            if let (Some(first), Some(last)) = (spans.first(), spans.last()) {
                cues.push((bytes[first.0], bytes[last.1]));
                gold_cues += 1;
            }
        }
        gold_per_doc.push(cues.len());
        for c in lexicon.candidates(text) {
            let positive = cues
                .iter()
                .any(|&(s, e)| s < c.span.end && c.span.start < e);
            let w = f64::from(c.cue.weight).clamp(1e-4, 1.0 - 1e-4);
            if dump.is_some() {
                let left = text[..c.span.start]
                    .chars()
                    .rev()
                    .take(60)
                    .collect::<String>();
                let left: String = left.chars().rev().collect();
                let right: String = text[c.span.end..].chars().take(60).collect();
                dumped.push(format!(
                    "{}\t{}\t{}\t{}\t{}\t{:.3}\t{}[[{}]]{}\t{}\t{}",
                    gold_per_doc.len(),
                    c.cue.lemma,
                    u8::from(positive),
                    c.kept,
                    c.context
                        .iter()
                        .map(|(f, v)| format!("{f}={v}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                    c.probability,
                    left.replace(['\n', '\t'], " "),
                    c.span.as_str(text),
                    right.replace(['\n', '\t'], " "),
                    c.span.start,
                    c.span.end
                ));
            }
            raw.push((
                gold_per_doc.len(),
                (w / (1.0 - w)).ln(),
                c.group,
                c.context,
                c.cue.lemma.clone(),
                positive,
            ));
        }
    }
    if let Some(path) = dump {
        std::fs::write(path, dumped.join("\n") + "\n")?;
    }
    let mut lemma_count: HashMap<&str, usize> = HashMap::new();
    for r in &raw {
        *lemma_count.entry(r.4.as_str()).or_default() += 1;
    }
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    let mut key = |k: (String, String, String)| {
        let n = index.len();
        *index.entry(k).or_insert(n)
    };
    let mut examples = Vec::with_capacity(raw.len());
    for (doc, offset, group, context, lemma, positive) in &raw {
        let mut features = vec![key((group.to_string(), "bias".into(), "-".into()))];
        let frequent = lemma_count[lemma.as_str()] >= min_lemma;
        for (f, v) in context.iter().filter(|(f, _)| !drop.iter().any(|d| d == f)) {
            features.push(key((group.to_string(), f.to_string(), v.to_string())));
            if frequent {
                features.push(key((
                    format!("lemma:{lemma}"),
                    f.to_string(),
                    v.to_string(),
                )));
            }
        }
        examples.push(Example {
            doc: *doc,
            offset: *offset,
            features,
            positive: *positive,
        });
    }
    if folds > 1 {
        cross_validate(&examples, index.len(), l2, epochs, folds, &gold_per_doc);
        return Ok(());
    }
    let weights = fit(&examples, index.len(), l2, epochs);
    let threshold = best_threshold(&examples, &weights, gold_cues);

    let mut rows: Vec<(&(String, String, String), f64)> =
        index.iter().map(|(k, &i)| (k, weights[i])).collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    println!("# The cue model: log-odds added to logit(weight) of a cue match by its context.");
    println!(
        "# Fitted by examples/train_cue_model.rs on PolNeAR train ({} matches, {} positive; l2 {l2}, lemmas with >= {min_lemma} matches).",
        examples.len(),
        examples.iter().filter(|e| e.positive).count()
    );
    println!("group\tfeature\tvalue\tweight");
    for ((g, f, v), w) in rows {
        if g.starts_with("lemma:") && w.abs() < 0.05 {
            continue;
        }
        println!("{g}\t{f}\t{v}\t{w:.3}");
    }
    println!("*\tthreshold\t-\t{threshold:.2}");
    Ok(())
}

/// Byte offset of each character offset (and of the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    out.push(text.len());
    out
}

fn score(e: &Example, w: &[f64]) -> f64 {
    e.offset + e.features.iter().map(|&f| w[f]).sum::<f64>()
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

/// Full-batch Adagrad on the mean log-loss plus `l2 / n` times the squared
/// weights.
fn fit(examples: &[Example], n_features: usize, l2: f64, epochs: usize) -> Vec<f64> {
    let n = examples.len() as f64;
    let mut w = vec![0.0; n_features];
    let mut acc = vec![1e-8; n_features];
    let rate = 0.3;
    for epoch in 0..epochs {
        let mut grad = vec![0.0; n_features];
        let mut loss = 0.0;
        for e in examples {
            let p = sigmoid(score(e, &w));
            loss -= if e.positive { p } else { 1.0 - p }.max(1e-12).ln();
            for &f in &e.features {
                grad[f] += p - f64::from(u8::from(e.positive));
            }
        }
        for f in 0..n_features {
            let g = grad[f] / n + l2 * w[f] / n;
            acc[f] += g * g;
            w[f] -= rate * g / acc[f].sqrt();
        }
        if epoch + 1 == epochs {
            eprintln!("epoch {epoch}: loss {:.4}", loss / n);
        }
    }
    w
}

/// The probability threshold that maximises F1 of the kept matches against
/// the annotated cues.
fn best_threshold(examples: &[Example], w: &[f64], gold: usize) -> f64 {
    let mut best = (0.0, 0.5);
    for step in 10..90 {
        let t = f64::from(step) / 100.0;
        let (mut kept, mut hits) = (0usize, 0usize);
        for e in examples {
            if sigmoid(score(e, w)) >= t {
                kept += 1;
                hits += usize::from(e.positive);
            }
        }
        let p = hits as f64 / kept.max(1) as f64;
        let r = hits as f64 / gold.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    eprintln!("threshold {:.2}: match-level F1 {:.4}", best.1, best.0);
    best.1
}

/// Fits on all folds but one (by document) and scores the held-out one, in
/// turn; prints the mean held-out match-level F1.
fn cross_validate(
    examples: &[Example],
    n_features: usize,
    l2: f64,
    epochs: usize,
    folds: usize,
    gold_per_doc: &[usize],
) {
    let mut total = 0.0;
    for k in 0..folds {
        let train: Vec<&Example> = examples.iter().filter(|e| e.doc % folds != k).collect();
        let test: Vec<&Example> = examples.iter().filter(|e| e.doc % folds == k).collect();
        let owned: Vec<Example> = train
            .iter()
            .map(|e| Example {
                doc: e.doc,
                offset: e.offset,
                features: e.features.clone(),
                positive: e.positive,
            })
            .collect();
        let w = fit(&owned, n_features, l2, epochs);
        let gold: usize = (0..gold_per_doc.len())
            .filter(|d| d % folds == k)
            .map(|d| gold_per_doc[d])
            .sum();
        let mut best = 0.0f64;
        for step in 20..70 {
            let t = f64::from(step) / 100.0;
            let (mut kept, mut hits) = (0usize, 0usize);
            for e in &test {
                if sigmoid(score(e, &w)) >= t {
                    kept += 1;
                    hits += usize::from(e.positive);
                }
            }
            let p = hits as f64 / kept.max(1) as f64;
            let r = hits as f64 / gold.max(1) as f64;
            best = best.max(if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            });
        }
        eprintln!("fold {k}: held-out match-level F1 {best:.4}");
        total += best;
    }
    println!("cv F1 {:.4}", total / folds as f64);
}
