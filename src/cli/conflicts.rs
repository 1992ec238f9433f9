//! `monograph conflicts`: a human-readable conflict report with quotes.

use std::io::{IsTerminal, Write};

use super::Outcome;
use super::args::ConflictsArgs;

pub(crate) fn run(args: &ConflictsArgs) -> anyhow::Result<Outcome> {
    let config = super::config(&args.pipeline)?;
    let run = super::run_pipeline(&args.pipeline, &config, false);
    super::report_inputs(run.sources.iter().map(|s| &s.input));
    let stdout = std::io::stdout();
    // https://no-color.org: any non-empty NO_COLOR turns colour off.
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = stdout.lock();
    crate::output::write_report(&run, &mut out, color)?;
    out.flush()?;
    Ok(if run.skipped() > 0 { Outcome::Partial } else { Outcome::Success })
}
