//! The progress bar of long runs (SPEC §6): on stderr, only on a terminal,
//! never with `--quiet`, in CI logs or for short runs.

use std::fmt::Write;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Runs with fewer inputs finish before a bar would tell anything.
const MIN_INPUTS: usize = 200;

/// A [`crate::Progress`] that draws an indicatif bar when the run is worth one.
pub(crate) struct Bar {
    bar: ProgressBar,
    allowed: bool,
}

impl Bar {
    /// A bar that shows up, once the number of inputs is known, only if
    /// stderr is a terminal, `quiet` is off and `CI` is unset.
    pub(crate) fn new(quiet: bool) -> Bar {
        let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        Bar { bar: ProgressBar::hidden(), allowed: !quiet && !in_ci && std::io::stderr().is_terminal() }
    }

    /// Removes the bar before anything else is printed.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl crate::Progress for Bar {
    fn start(&self, total: usize) {
        if !self.allowed || total <= MIN_INPUTS {
            return;
        }
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {rate}  ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("rate", |s: &ProgressState, w: &mut dyn Write| {
                let _ = write!(w, "{:.0} files/s", s.per_sec());
            });
        self.bar.set_style(style);
        self.bar.set_length(total as u64);
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn advance(&self) {
        self.bar.inc(1);
    }
}
