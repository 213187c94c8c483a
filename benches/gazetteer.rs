//! The gazetteer's cost: how fast the built-in actor automaton scans news
//! text, how long the analyzer takes to build, and how much heap it holds.
//!
//! The text is the kremlin.ru English releases of 2021–2022 (CC BY 4.0),
//! read from `../shared/data/corpus/` when it is there (it is not part of
//! the crate); otherwise the seed article, repeated to 1 MB.
//!
//! Heap figures come from a counting global allocator and are printed
//! before the timings:
//!
//! ```text
//! cargo bench --bench gazetteer
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

use criterion::{black_box, Criterion, Throughput};
use standpoint::gazetteer::{EntityMatcher, Gazetteer};
use standpoint::mentions::Resolver;
use standpoint::Analyzer;

const SEED: &str = include_str!("../examples/data/seed_article.txt");
const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/corpus/kremlin_2021_2022.jsonl"
);

/// Counts live and peak heap bytes while `COUNTING` is on (only while
/// measuring memory: the timings run without the atomic counters).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            if new_size >= layout.size() {
                let grow = (new_size - layout.size()) as isize;
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub((layout.size() - new_size) as isize, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// News text: the corpus's texts, or the seed article repeated.
fn news() -> (String, &'static str) {
    if let Ok(lines) = std::fs::read_to_string(CORPUS) {
        let mut text = String::new();
        for line in lines.lines() {
            if let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = doc["text"].as_str() {
                    text.push_str(t);
                    text.push_str("\n\n");
                }
            }
        }
        if !text.is_empty() {
            return (text, "kremlin.ru 2021-2022");
        }
    }
    (SEED.repeat((1 << 20) / SEED.len() + 1), "seed article x N")
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn mb_signed(bytes: isize) -> f64 {
    mb(bytes.max(0) as usize)
}

/// The analyzer's heap: what it holds once built, and the peak while
/// building.
fn memory() {
    // Frees of memory allocated before counting started would be
    // subtracted: count from zero, and measure what the build holds.
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let analyzer = Analyzer::builder().build().unwrap();
    let held = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.load(Ordering::Relaxed);
    COUNTING.store(false, Ordering::Relaxed);
    eprintln!(
        "heap: Analyzer holds {:.1} MB (peak while building {:.1} MB); \
         gazetteer automaton {:.1} MB, {} keys",
        mb_signed(held),
        mb_signed(peak),
        mb(analyzer.matcher().memory_usage()),
        analyzer.matcher().pattern_count(),
    );
    drop(analyzer);
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(20);
    g.bench_function("analyzer", |b| {
        b.iter(|| black_box(Analyzer::builder().build().unwrap()))
    });
    g.bench_function("gazetteer_tables", |b| {
        b.iter(|| black_box(Gazetteer::builder().build().unwrap()))
    });
    let gazetteer = Gazetteer::builtin();
    g.bench_function("entity_matcher", |b| {
        b.iter(|| black_box(EntityMatcher::new(gazetteer.clone()).unwrap()))
    });
    g.finish();
}

fn scan(c: &mut Criterion) {
    let (text, source) = news();
    eprintln!("scan text: {source}, {:.1} MB", mb(text.len()));
    let matcher = EntityMatcher::builtin();
    let mut g = c.benchmark_group("gazetteer_scan");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("automaton", |b| {
        b.iter(|| black_box(matcher.raw_scan_count(black_box(&text))))
    });
    g.bench_function("entity_matcher", |b| {
        b.iter(|| black_box(matcher.find_iter(black_box(&text)).count()))
    });
    g.bench_function("resolver", |b| {
        b.iter(|| black_box(Resolver::builtin().resolve(black_box(&text)).mentions.len()))
    });
    g.finish();
}

fn main() {
    memory();
    let mut c = Criterion::default().configure_from_args();
    build(&mut c);
    scan(&mut c);
    c.final_summary();
}
