//! `monograph extract`: run the pipeline and write (or `--check`) the output
//! directory.

use std::time::Instant;

use anyhow::Context;

use super::Outcome;
use super::args::{ExtractArgs, OutputFormat};
use crate::incremental::Previous;
use crate::output;

pub(crate) fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let config = super::config(&args.pipeline)?;
    let writing = || format!("writing {}", args.out.display());
    let writer = if args.check {
        output::Writer::check(&args.out)
    } else {
        // Leftovers of a run killed earlier (Ctrl-C) go before this one writes.
        output::sweep(&args.out);
        if args.shard {
            output::Writer::create_shard(&args.out, args.force).with_context(writing)?
        } else {
            output::Writer::create(&args.out, args.force).with_context(writing)?
        }
    };
    // Opened before anything is written: the previous output stays in place
    // until the new one replaces it, so its files can be read meanwhile.
    let opening = Instant::now();
    let previous = args.incremental.then(|| Previous::open(&args.out, config.lexicon.fingerprint())).and_then(|p| {
        p.map_err(|why| {
            if !args.quiet {
                eprintln!("monograph: --incremental: nothing reused from {}: {why}", args.out.display());
            }
        })
        .ok()
        .map(|mut previous| {
            // CSV rows are rendered from claims: read every reused one back.
            previous.read_back_all(args.format == OutputFormat::Csv);
            previous
        })
    });
    let opened = opening.elapsed();
    let bar = super::progress::Bar::new(args.quiet);
    let paths = &args.pipeline.paths;
    let summary = if args.shard {
        crate::shard::extract(paths, &config, &bar, &writer)
    } else {
        crate::extract_to(paths, &config, previous.as_ref(), &bar, &writer, args.format == OutputFormat::Csv)
    };
    bar.finish();
    let mut summary = summary.with_context(writing)?;
    summary.timings.reuse += opened;
    super::report_inputs(&summary.inputs);
    let finishing = Instant::now();
    let diff = writer.finish().with_context(writing)?;
    summary.timings.finish += finishing.elapsed();
    if args.timings {
        print_timings(&summary, started.elapsed());
    }
    Ok(super::conclude(&args.out, diff, &summary, args.quiet, args.summary, started.elapsed()))
}

/// `--timings`: one line per stage with its time summed over threads and
/// its share, then the wall time. Stages on the worker threads overlap, so
/// the sum is more than the wall time when several threads run.
fn print_timings(summary: &crate::Summary, wall: std::time::Duration) {
    let stages = summary.timings.stages();
    let total: f64 = stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
    eprintln!("monograph: time per stage (summed over threads):");
    for (name, d) in stages {
        let share = if total > 0.0 { 100.0 * d.as_secs_f64() / total } else { 0.0 };
        eprintln!("  {name:<10} {:>9.3} s {share:>5.1} %", d.as_secs_f64());
    }
    eprintln!("  {:<10} {:>9.3} s", "wall", wall.as_secs_f64());
}
