//! `monograph extract`: run the pipeline and write (or `--check`) the output
//! directory.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Context;

use super::Outcome;
use super::args::{ExtractArgs, OutputFormat};
use crate::output;

pub(crate) fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let config = super::config(&args.pipeline)?;
    let run = super::run_pipeline(&args.pipeline, &config, args.quiet);
    super::report_inputs(&run);
    let mut files = output::render(&run);
    if args.format == OutputFormat::Csv {
        output::add_csv(&run, &mut files)?;
    }
    if args.check {
        let diff = output::check(&files, &args.out);
        if diff.is_empty() {
            if !args.quiet {
                eprintln!("monograph: {} is up to date", args.out.display());
            }
            return Ok(if run.skipped() > 0 { Outcome::Partial } else { Outcome::Success });
        }
        eprintln!("monograph: {} differs from what this run would write:", args.out.display());
        for f in &diff.added {
            eprintln!("  added:   {f}");
        }
        for f in &diff.removed {
            eprintln!("  removed: {f}");
        }
        for (f, note) in &diff.changed {
            eprintln!("  changed: {f} ({note})");
        }
        return Ok(Outcome::Partial);
    }
    // Leftovers of a run killed earlier (Ctrl-C) go before this one writes.
    output::sweep(&args.out);
    output::write(&files, &args.out, args.force).with_context(|| format!("writing {}", args.out.display()))?;
    // On a terminal unless --quiet; in pipes and logs only when asked.
    if !args.quiet && (args.summary || std::io::stderr().is_terminal()) {
        eprintln!(
            "monograph: {} inputs ({} skipped), {} claims, {} conflicts, {} drugs in {:.2?}",
            run.sources.len(),
            run.skipped(),
            run.claims().count(),
            run.conflicts.len(),
            run.monographs.len(),
            started.elapsed()
        );
    }
    Ok(if run.skipped() > 0 { Outcome::Partial } else { Outcome::Success })
}
