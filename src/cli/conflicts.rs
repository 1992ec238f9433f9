//! `monograph conflicts`: a human-readable conflict report with quotes.

use std::io::Write;

use super::Outcome;
use super::args::ConflictsArgs;

pub(crate) fn run(args: &ConflictsArgs) -> anyhow::Result<Outcome> {
    let config = super::config(&args.pipeline)?;
    let run = crate::run(&args.pipeline.paths, &config);
    super::report_inputs(&run);
    let mut out = std::io::stdout().lock();
    crate::output::write_report(&run, &mut out)?;
    out.flush()?;
    Ok(if run.skipped() > 0 { Outcome::Partial } else { Outcome::Success })
}
