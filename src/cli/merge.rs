//! `monograph merge`: combine shards written by `extract --shard` into one
//! output directory, byte for byte what one `extract` over all their inputs
//! writes (see [`crate::shard`]).

use std::time::Instant;

use anyhow::Context;

use super::Outcome;
use super::args::{MergeArgs, OutputFormat};
use crate::output;

pub(crate) fn run(args: &MergeArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    // Merge reads no input file, so the size limit plays no part; the shards
    // record theirs and must agree on it.
    let config = super::config_of(args.jobs, args.lexicon.as_deref(), crate::DEFAULT_MAX_BYTES)?;
    let writing = || format!("writing {}", args.out.display());
    let writer = if args.check {
        output::Writer::check(&args.out)
    } else {
        output::sweep(&args.out);
        output::Writer::create(&args.out, args.force).with_context(writing)?
    };
    let summary = crate::shard::merge(&args.shards, &config, &writer, args.format == OutputFormat::Csv);
    let summary = match summary {
        Ok(s) => s,
        Err(crate::shard::ShardError::Output(e)) => return Err(e).with_context(writing),
        Err(e) => return Err(e).context("merging shards"),
    };
    // The shards' workers reported these already; the merged run tells them
    // again in one place, as `extract` would.
    super::report_inputs(&summary.inputs);
    let diff = writer.finish().with_context(writing)?;
    Ok(super::conclude(&args.out, diff, &summary, args.quiet, args.summary, started.elapsed()))
}
