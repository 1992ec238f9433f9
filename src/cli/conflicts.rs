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
    if let Some(id) = &args.explain {
        let Some(conflict) = run.conflicts.iter().find(|c| &c.id == id) else {
            let known: Vec<&str> = run.conflicts.iter().map(|c| c.id.as_str()).collect();
            anyhow::bail!(
                "no conflict with id {id:?} in these inputs; the conflicts are: {}",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            );
        };
        crate::output::write_explanation(&run, conflict, &config.lexicon, &mut out, color)?;
        out.flush()?;
        return Ok(if run.skipped() > 0 { Outcome::Partial } else { Outcome::Success });
    }
    crate::output::write_report(&run, &mut out, color)?;
    out.flush()?;
    Ok(if run.skipped() > 0 { Outcome::Partial } else { Outcome::Success })
}
