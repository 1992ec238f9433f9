//! The whole-run benchmark: generates a deterministic corpus, runs
//! `monograph extract` over it in a child process and prints documents/s,
//! MB/s, CPU time, peak RSS and the time share of each stage; then, when
//! `rg` is installed, a case-insensitive multi-pattern ripgrep scan of the
//! same corpus for the terms it plants (add `--rg-lexicon` to also scan for
//! all 7,222 lexicon forms, which takes rg minutes), plain reading of the
//! files, and `extract --incremental` after one changed input against a full
//! run of the same copy of the corpus.
//!
//! ```sh
//! cargo run --release --example bench -- [--docs 20000] [--jobs 2] [--runs 1] [--corpus DIR]
//! ```
//!
//! The corpus is written once to `target/bench-corpus-<docs>` and reused;
//! `--corpus DIR` names another directory, which is generated if missing
//! and otherwise used as it is (any corpus will do). The child is this program again, running the library's CLI
//! (`monograph::cli::run`, exactly what the `monograph` binary runs), so it
//! can report its own peak RSS from `/proc/self/status` (Linux).
//!
//! Output of every run goes to a new directory that is deleted only after
//! the last run: on ext4 without a journal, creating files right after
//! many were deleted is slow (the kernel skips recently freed inodes), so
//! deleting between runs would slow the next one down.

#[allow(dead_code)]
#[path = "corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

// The child runs the library's CLI in this process: give it the binary's
// allocator (src/main.rs) so that it measures what `monograph` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CHILD: &str = "--child-extract";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(CHILD) {
        return child(&args[2..]);
    }
    let opt = |name: &str, default: usize| -> usize {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let docs = opt("--docs", 2000);
    let jobs = opt("--jobs", 2);
    let runs = opt("--runs", 1).max(1);
    let target = target_dir();
    let corpus = args
        .iter()
        .position(|a| a == "--corpus")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| target.join(format!("bench-corpus-{docs}")));
    if let Err(e) = ensure_corpus(&corpus, docs) {
        eprintln!("bench: writing the corpus: {e}");
        return ExitCode::from(2);
    }
    let (files, bytes) = corpus_size(&corpus);
    let mb = bytes as f64 / 1e6;
    println!("corpus: {files} documents, {mb:.1} MB ({}), generator v{}", corpus.display(), corpus::VERSION);
    println!("machine: {} logical CPUs; --jobs {jobs}", std::thread::available_parallelism().map_or(0, |n| n.get()));

    // Warm the page cache so every figure below reads from memory.
    let read = read_all(&corpus, jobs);
    let read = read_all(&corpus, jobs).min(read);

    let mut outs = Vec::new();
    let mut best: Option<Measured> = None;
    for run in 0..runs {
        let out = target.join(format!("bench-out-{}-{run}", std::process::id()));
        let m = match measure(&corpus, &out, jobs, &[]) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("bench: {e}");
                return ExitCode::from(2);
            }
        };
        println!(
            "run {}: {:.2} s wall, {:.2} s user, {:.2} s sys, peak RSS {:.0} MB",
            run + 1,
            m.wall.as_secs_f64(),
            m.user,
            m.sys,
            m.peak_rss_kb as f64 / 1024.0
        );
        outs.push(out);
        if best.as_ref().is_none_or(|b| m.wall < b.wall) {
            best = Some(m);
        }
    }
    let m = best.expect("at least one run");
    let secs = m.wall.as_secs_f64();
    println!();
    println!("monograph extract --jobs {jobs} (best of {runs}):");
    println!("  {:.2} s wall, {:.0} documents/s, {:.1} MB/s", secs, files as f64 / secs, mb / secs);
    println!("  CPU {:.2} s user + {:.2} s sys; peak RSS {:.0} MB", m.user, m.sys, m.peak_rss_kb as f64 / 1024.0);
    println!("  time per stage, summed over threads:");
    let total: f64 = m.stages.iter().map(|(_, s)| s).sum();
    for (name, s) in &m.stages {
        println!("    {name:<10} {s:>8.2} s {:>5.1} %", 100.0 * s / total.max(f64::MIN_POSITIVE));
    }
    println!();
    println!("reading the files ({jobs} threads): {:.2} s, {:.0} MB/s", read.as_secs_f64(), mb / read.as_secs_f64());
    let vocabulary = planted_terms();
    let mut scans = vec![("the corpus generator's vocabulary", vocabulary)];
    if args.iter().any(|a| a == "--rg-lexicon") {
        scans.push(("every surface form of the lexicons", lexicon_terms()));
    }
    for (what, terms) in scans {
        match ripgrep(&corpus, jobs, &target, &terms) {
            Some(rg) => {
                let rs = rg.as_secs_f64();
                println!(
                    "ripgrep -i -F, {} terms ({what}), {jobs} threads: {rs:.2} s, {:.1} MB/s; monograph extract takes \
                     {:.2}x its time",
                    terms.len(),
                    mb / rs,
                    secs / rs
                );
            }
            None => {
                println!("ripgrep: `rg` not found, comparison skipped");
                break;
            }
        }
    }
    match incremental(&corpus, &target, jobs) {
        Ok((full, again)) => println!(
            "--incremental after one changed input of {files}: {:.2} s against {:.2} s for a full run of the same \
             copy ({:.1} %), peak RSS {:.0} MB",
            again.wall.as_secs_f64(),
            full.wall.as_secs_f64(),
            100.0 * again.wall.as_secs_f64() / full.wall.as_secs_f64(),
            again.peak_rss_kb as f64 / 1024.0
        ),
        Err(e) => eprintln!("bench: incremental: {e}"),
    }
    for out in outs {
        let _ = std::fs::remove_dir_all(out);
    }
    // Write the deletions back now: freed inodes whose blocks are still
    // dirty are skipped for minutes instead of seconds by the next run.
    let _ = Command::new("sync").status();
    ExitCode::SUCCESS
}

/// A full run over a copy of the corpus, then `extract --incremental` after
/// one of its files changed: the two measurements.
fn incremental(corpus: &Path, target: &Path, jobs: usize) -> Result<(Measured, Measured), String> {
    let copy = target.join(format!("bench-incremental-{}", std::process::id()));
    let out = target.join(format!("bench-incremental-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_tree(corpus, &copy).map_err(|e| format!("copying the corpus: {e}"))?;
    // Both runs start with nothing left to write back (the copy, the first
    // run's output), as a rerun in CI would.
    let settle = || Command::new("sync").status().map(drop).map_err(|e| format!("sync: {e}"));
    let measured = (|| {
        settle()?;
        let full = measure(&copy, &out, jobs, &[])?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(&copy)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let changed = files.get(files.len() / 2).ok_or("the corpus has no file")?;
        let mut text = std::fs::read(changed).map_err(|e| e.to_string())?;
        text.extend_from_slice(b"\nTake it with a full glass of water.\n");
        std::fs::write(changed, text).map_err(|e| e.to_string())?;
        settle()?;
        let again = measure(&copy, &out, jobs, &["--incremental"])?;
        Ok((full, again))
    })();
    let _ = std::fs::remove_dir_all(&copy);
    let _ = std::fs::remove_dir_all(&out);
    measured
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest)?;
        }
    }
    Ok(())
}

/// What one run of the child measured.
struct Measured {
    wall: Duration,
    user: f64,
    sys: f64,
    peak_rss_kb: u64,
    stages: Vec<(String, f64)>,
}

fn measure(corpus: &Path, out: &Path, jobs: usize, extra: &[&str]) -> Result<Measured, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let report = out.with_extension("report");
    let started = Instant::now();
    let status = Command::new(exe)
        .arg(CHILD)
        .arg(&report)
        .args(["extract", "--quiet", "--timings", "--jobs", &jobs.to_string()])
        .args(extra)
        .arg("--out")
        .arg(out)
        .arg(corpus)
        .stderr(std::process::Stdio::piped())
        .output()
        .map_err(|e| format!("starting the child: {e}"))?;
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&status.stderr);
    if !status.status.success() {
        return Err(format!("monograph extract failed: {stderr}"));
    }
    let stages = stderr
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let (name, secs, unit) = (w.next()?, w.next()?.parse().ok()?, w.next()?);
            (unit == "s" && name != "wall").then(|| (name.to_string(), secs))
        })
        .collect();
    let text = std::fs::read_to_string(&report).map_err(|e| format!("reading the child's report: {e}"))?;
    let _ = std::fs::remove_file(&report);
    let field = |k: &str| text.lines().find_map(|l| l.strip_prefix(k)).and_then(|v| v.trim().parse::<f64>().ok());
    Ok(Measured {
        wall,
        user: field("user=").unwrap_or(f64::NAN),
        sys: field("sys=").unwrap_or(f64::NAN),
        peak_rss_kb: field("peak_rss_kb=").unwrap_or(0.0) as u64,
        stages,
    })
}

/// The child: runs `monograph ARGS` in this process, then writes its CPU
/// time and peak RSS to the report file.
fn child(args: &[String]) -> ExitCode {
    use clap::Parser;
    let (report, cli) = args.split_first().expect("report path");
    let parsed = monograph::cli::Args::parse_from(std::iter::once("monograph".to_string()).chain(cli.iter().cloned()));
    let code = match monograph::cli::run(parsed) {
        Ok(o) => ExitCode::from(o),
        Err(e) => {
            eprintln!("monograph: {e:#}");
            ExitCode::from(2)
        }
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().trim_end_matches("kB").trim());
    // Fields 14 and 15 of /proc/self/stat: user and system time in ticks
    // (100 per second on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: Vec<f64> = after.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
    let report_text = format!(
        "peak_rss_kb={}\nuser={}\nsys={}\n",
        hwm.unwrap_or("0"),
        ticks.first().map_or(f64::NAN, |t| t / 100.0),
        ticks.get(1).map_or(f64::NAN, |t| t / 100.0),
    );
    let _ = std::fs::write(report, report_text);
    code
}

/// Where cargo puts build output: two levels above this example binary.
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent()?.parent()?.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target"))
}

fn ensure_corpus(dir: &Path, docs: usize) -> std::io::Result<()> {
    let stamp = dir.join(".generated");
    let want = format!("v{} docs={docs} seed=0\n", corpus::VERSION);
    match std::fs::read_to_string(&stamp) {
        Ok(s) if s == want => return Ok(()),
        // A directory this program did not write (e.g. a corpus from
        // shared/bench/gen_corpus.py): use it as it is.
        Err(_) if dir.exists() => return Ok(()),
        _ => {}
    }
    let _ = std::fs::remove_dir_all(dir);
    let started = Instant::now();
    let bytes = corpus::generate(dir, docs, 0)?;
    eprintln!("generated {docs} documents ({:.1} MB) in {:.1?}", bytes as f64 / 1e6, started.elapsed());
    // A hidden file: the walk skips it.
    std::fs::write(stamp, want)
}

fn corpus_size(dir: &Path) -> (usize, u64) {
    let mut n = 0;
    let mut bytes = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        n += 1;
        bytes += e.metadata().map_or(0, |m| m.len());
    }
    (n, bytes)
}

/// Reads every file once on `jobs` threads: the floor under any tool that
/// has to look at all of them.
fn read_all(dir: &Path, jobs: usize) -> Duration {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    paths.sort();
    let started = Instant::now();
    std::thread::scope(|s| {
        for chunk in paths.chunks(paths.len().div_ceil(jobs.max(1)).max(1)) {
            s.spawn(move || chunk.iter().map(|p| std::fs::read(p).map_or(0, |b| b.len())).sum::<usize>());
        }
    });
    started.elapsed()
}

/// The terms the corpus plants: drug names, conditions, side effects,
/// interaction partners, routes and units of the generated drugs.
fn planted_terms() -> Vec<String> {
    let lx = monograph::lexicon::Lexicon::builtin().expect("built-in lexicon");
    let mut terms = std::collections::BTreeSet::new();
    for d in corpus::drugs(&lx, 0, 45) {
        terms.insert(d.name.clone());
        terms.extend(d.uses.iter().chain(&d.common).chain(&d.serious).chain(&d.contra).cloned());
        terms.insert(d.denied.clone());
        terms.extend(d.interactions.iter().map(|(p, _)| p.clone()));
        terms.extend(d.doses.iter().map(|x| x.2.to_string()));
    }
    terms.into_iter().collect()
}

/// Every surface form of every built-in table: what `monograph` looks for.
fn lexicon_terms() -> Vec<String> {
    let lx = monograph::lexicon::Lexicon::builtin().expect("built-in lexicon");
    let mut terms = Vec::new();
    for (name, _) in monograph::lexicon::BUILTIN_LEXICONS {
        for row in lx.table(lx.id(name)).rows() {
            terms.extend(std::iter::once(&row.canonical).chain(&row.synonyms).cloned());
        }
    }
    terms
}

/// The best of two `rg` runs over the corpus looking for `terms`,
/// case-insensitively, as fixed strings: the scan part of the work without
/// any of the structure. `None` when `rg` is missing.
fn ripgrep(corpus: &Path, jobs: usize, target: &Path, terms: &[String]) -> Option<Duration> {
    Command::new("rg").arg("--version").output().ok()?.status.success().then_some(())?;
    let file = target.join("bench-terms.txt");
    std::fs::write(&file, terms.join("\n") + "\n").ok()?;
    let mut best = None::<Duration>;
    for _ in 0..2 {
        let started = Instant::now();
        let out = Command::new("rg")
            .args(["--no-config", "-i", "-F", "--count-matches", "--threads", &jobs.to_string(), "-f"])
            .arg(&file)
            .arg(corpus)
            .stdout(std::process::Stdio::null())
            .status()
            .ok()?;
        let took = started.elapsed();
        // rg exits 1 when nothing matches, which would be a wrong comparison.
        out.success().then_some(())?;
        best = Some(best.map_or(took, |b| b.min(took)));
    }
    best
}
