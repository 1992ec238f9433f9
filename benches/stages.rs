//! Per-stage micro benchmarks on documents of the benchmark corpus
//! (`examples/bench/corpus.rs`, generated in memory): detect, parse per
//! format, sections, extract, merge with conflict detection, and rendering.
//!
//! ```sh
//! cargo bench --bench stages            # all of them
//! cargo bench --bench stages -- parse   # those whose name contains "parse"
//! ```
//!
//! `cargo test` only compiles this file; benchmarks never run in CI.

#[allow(dead_code)]
#[path = "../examples/bench/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use monograph::extract::identify_and_extract;
use monograph::model::Format;
use monograph::{Config, SourceResult, conflict, detect, merge, output, parse, sections};

/// Documents per format.
const DOCS: usize = 60;

struct Corpus {
    config: Config,
    /// (format, name, text)
    docs: Vec<(Format, String, String)>,
}

fn corpus() -> Corpus {
    let config = Config::for_tests();
    let drugs = corpus::drugs(&config.lexicon, 0, 45);
    let docs = (0..3 * DOCS)
        .map(|i| {
            let (name, text, _) = corpus::document(&drugs, 0, i);
            (detect::detect(text.as_bytes()).expect("generated documents are detected"), name, text)
        })
        .collect();
    Corpus { config, docs }
}

fn bytes<'a>(docs: impl Iterator<Item = &'a (Format, String, String)>) -> u64 {
    docs.map(|d| d.2.len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let corpus = corpus();
    let lx = &corpus.config.lexicon;
    let all = bytes(corpus.docs.iter());

    let mut g = c.benchmark_group("detect");
    g.throughput(Throughput::Bytes(all));
    g.bench_function("all formats", |b| {
        b.iter(|| {
            corpus
                .docs
                .iter()
                .map(|d| detect::detect(black_box(d.2.as_bytes())).map_or(0, |f| f as usize))
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("parse");
    for format in [Format::Markdown, Format::Html, Format::Text] {
        let docs: Vec<_> = corpus.docs.iter().filter(|d| d.0 == format).collect();
        g.throughput(Throughput::Bytes(bytes(docs.iter().copied())));
        g.bench_function(format.as_str(), |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| parse::parse(black_box(&d.2), format, lx).map_or(0, |p| p.nodes.len()))
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    let parsed: Vec<_> = corpus.docs.iter().map(|d| parse::parse(&d.2, d.0, lx).expect("corpus parses")).collect();
    let mut g = c.benchmark_group("sections");
    g.throughput(Throughput::Bytes(all));
    g.bench_function("build", |b| {
        b.iter_batched(
            || parsed.clone(),
            |parsed| parsed.into_iter().map(|p| sections::build(p, lx).sections.len()).sum::<usize>(),
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let docs: Vec<_> = parsed.iter().cloned().map(|p| sections::build(p, lx)).collect();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(all));
    g.bench_function("identify drug + claims", |b| {
        b.iter(|| {
            let mut n = 0;
            for ((_, name, text), doc) in corpus.docs.iter().zip(&docs) {
                n += identify_and_extract(name, text, doc, lx).1.len();
            }
            n
        })
    });
    g.finish();

    let results: Vec<SourceResult> = corpus
        .docs
        .iter()
        .map(|(_, name, text)| monograph::process_one(name, Path::new(name), text.as_bytes(), &corpus.config))
        .collect();
    let mut g = c.benchmark_group("merge");
    g.throughput(Throughput::Elements(results.iter().map(|r| r.claims.len() as u64).sum()));
    g.bench_function("merge + conflicts", |b| {
        b.iter(|| merge::merge(black_box(&results)).iter().map(|m| conflict::detect(m, lx).len()).sum::<usize>())
    });
    g.finish();

    let mut g = c.benchmark_group("render");
    g.throughput(Throughput::Bytes(all));
    g.bench_function("source files + claim lines", |b| {
        b.iter(|| {
            results
                .iter()
                .map(|r| output::Rendered::new(black_box(r), false).map_or(0, |x| x.claims_jsonl.len()))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
