//! Writes the deterministic benchmark corpus (see `examples/bench/corpus.rs`).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- DIR --docs 20000 [--seed 0]
//! ```
//!
//! Writes `DIR/doc_NNNNNN.{md,html,txt}` and the planted facts, one JSON
//! line per document, to `DIR.truth.jsonl` beside it.

#[allow(dead_code)]
#[path = "bench/corpus.rs"]
mod corpus;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut docs, mut seed) = (None, 2000usize, 0u64);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs = args.next().and_then(|v| v.parse().ok()).unwrap_or(docs),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(std::path::PathBuf::from(a)),
            _ => {
                eprintln!("usage: gen_corpus DIR [--docs N] [--seed S]");
                return std::process::ExitCode::from(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: gen_corpus DIR [--docs N] [--seed S]");
        return std::process::ExitCode::from(2);
    };
    match corpus::generate(&dir, docs, seed) {
        Ok(bytes) => {
            eprintln!("wrote {docs} documents ({:.2} MB) to {}", bytes as f64 / 1e6, dir.display());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
