//! The `monograph` binary: parse arguments, run, map the result to an exit code.

use std::process::ExitCode;

use clap::Parser;

// The pipeline allocates many small, short-lived strings on both threads;
// mimalloc's thread-local heaps do that with fewer instructions than glibc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = monograph::cli::Args::parse();
    match monograph::cli::run(args) {
        Ok(outcome) => outcome.into(),
        Err(err) if monograph::cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("monograph: {err:#}");
            ExitCode::from(2)
        }
    }
}
