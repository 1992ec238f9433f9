//! The command-line interface: argument types, the conversion to a
//! [`Config`], and one module per subcommand. Only this module and
//! `main.rs` know about clap and anyhow.

mod args;
mod conflicts;
mod extract;
mod merge;
mod progress;
mod schema;
mod validate;

use std::process::ExitCode;

use anyhow::Context;

pub use args::{Args, Command};

use crate::Config;
use crate::lexicon::Lexicon;

/// How a command ended when it did not fail outright.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went well: exit 0.
    Success,
    /// Some inputs were skipped, or a check found differences: exit 1.
    Partial,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        match o {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Partial => ExitCode::from(1),
        }
    }
}

/// Runs a parsed command line.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.command {
        Command::Extract(a) => extract::run(&a),
        Command::Merge(a) => merge::run(&a),
        Command::Conflicts(a) => conflicts::run(&a),
        Command::Schema(a) => schema::run(&a),
        Command::Validate(a) => validate::run(&a),
    }
}

/// True when the error is a closed stdout (`monograph … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Builds the validated configuration and the thread pool size.
fn config(p: &args::PipelineArgs) -> anyhow::Result<Config> {
    config_of(p.jobs, p.lexicon.as_deref(), p.max_bytes)
}

/// [`config`] from its parts, for commands without [`args::PipelineArgs`].
fn config_of(jobs: Option<usize>, lexicon: Option<&std::path::Path>, max_bytes: u64) -> anyhow::Result<Config> {
    if let Some(jobs) = jobs {
        anyhow::ensure!(jobs > 0, "--jobs must be at least 1");
        // Ignore the error when a pool already exists (tests call run twice).
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
    }
    let lexicon = Lexicon::load(lexicon).context("loading lexicons")?;
    Ok(Config { lexicon, max_bytes })
}

/// Runs the pipeline with a progress bar where one belongs.
fn run_pipeline(p: &args::PipelineArgs, config: &Config, quiet: bool) -> crate::Run {
    let bar = progress::Bar::new(quiet);
    let run = crate::run_with_progress(&p.paths, config, &bar);
    bar.finish();
    run
}

/// Prints one line per skipped input or warning to stderr, naming the file.
fn report_inputs<'a>(inputs: impl IntoIterator<Item = &'a crate::InputRecord>) {
    for input in inputs {
        if let Some(err) = &input.error {
            eprintln!("monograph: skipped {}: {err}", input.path);
        }
        for w in &input.warnings {
            eprintln!("monograph: warning: {}: {w}", input.path);
        }
    }
}

/// The end of a run that wrote (or checked) `out`, shared by `extract` and
/// `merge`: the `--check` report, else the one-line summary (on a terminal
/// unless `quiet`; in pipes and logs only with `always_summary`).
fn conclude(
    out: &std::path::Path,
    diff: Option<crate::output::Diff>,
    summary: &crate::Summary,
    quiet: bool,
    always_summary: bool,
    elapsed: std::time::Duration,
) -> Outcome {
    use std::io::IsTerminal;
    let outcome = if summary.skipped() > 0 { Outcome::Partial } else { Outcome::Success };
    if let Some(diff) = diff {
        return report_diff(out, &diff, quiet).unwrap_or(outcome);
    }
    if !quiet && (always_summary || std::io::stderr().is_terminal()) {
        print_summary(summary, elapsed);
    }
    outcome
}

/// For `--check`: prints how `out` differs, and returns `Partial` when it
/// does; `None` when it is up to date.
fn report_diff(out: &std::path::Path, diff: &crate::output::Diff, quiet: bool) -> Option<Outcome> {
    if diff.is_empty() {
        if !quiet {
            eprintln!("monograph: {} is up to date", out.display());
        }
        return None;
    }
    eprintln!("monograph: {} differs from what this run would write:", out.display());
    for f in &diff.added {
        eprintln!("  added:   {f}");
    }
    for f in &diff.removed {
        eprintln!("  removed: {f}");
    }
    for (f, note) in &diff.changed {
        eprintln!("  changed: {f} ({note})");
    }
    Some(Outcome::Partial)
}

/// The one-line summary after a run.
fn print_summary(summary: &crate::Summary, elapsed: std::time::Duration) {
    // `--incremental` says how many inputs it did not run again.
    let reused = if summary.reused > 0 { format!(", {} reused", summary.reused) } else { String::new() };
    eprintln!(
        "monograph: {} inputs ({} skipped{reused}), {} claims, {} conflicts, {} drugs in {:.2?}",
        summary.inputs.len(),
        summary.skipped(),
        summary.claims,
        summary.conflicts,
        summary.drugs,
        elapsed
    );
}
