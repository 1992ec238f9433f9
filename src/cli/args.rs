//! Command-line arguments as clap parses them ("low-level" arguments). They
//! are turned into a validated [`crate::Config`] once, in the subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn documents about medicines into one structured, provenance-carrying dataset.
#[derive(Debug, Parser)]
#[command(name = "monograph", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract claims, monographs and conflicts from files and directories.
    Extract(ExtractArgs),
    /// Combine shards written by `extract --shard` into one output directory.
    Merge(MergeArgs),
    /// Print a human-readable conflict report with quotes.
    Conflicts(ConflictsArgs),
    /// Print a JSON Schema of the output (manifest, source, claim, conflict, monograph).
    Schema(SchemaArgs),
    /// Validate an output directory against the schemas.
    Validate(ValidateArgs),
}

/// Extra output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// JSON and JSONL files only (the default).
    Json,
    /// Same as json: claims.jsonl and conflicts.jsonl are always written.
    Jsonl,
    /// Also write claims.csv and conflicts.csv.
    Csv,
}

/// Options shared by commands that run the pipeline.
#[derive(Debug, clap::Args)]
pub struct PipelineArgs {
    /// Files and directories to read (directories recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Directory of *.tsv term lists merged over the built-in lexicons.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = crate::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// `monograph extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Input options.
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Output directory.
    #[arg(long)]
    pub out: PathBuf,
    /// Write nothing; exit 1 with a summary when the output directory differs.
    #[arg(long)]
    pub check: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// Replace an output directory that the tool did not write.
    #[arg(long)]
    pub force: bool,
    /// Reuse the results in the output directory for inputs that have not
    /// changed (same path, sha256, tool version and lexicons).
    #[arg(long, conflicts_with = "shard")]
    pub incremental: bool,
    /// No progress bar and no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the one-line summary even when stderr is not a terminal.
    #[arg(long, conflicts_with = "quiet")]
    pub summary: bool,
    /// Print the time spent in each stage to stderr.
    #[arg(long)]
    pub timings: bool,
    /// Write a shard for `monograph merge`: the inputs' source files, claims
    /// and shard.json, no monographs or conflicts.
    #[arg(long, conflicts_with = "format")]
    pub shard: bool,
}

/// `monograph merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Shard directories written by `monograph extract --shard`, in any order.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Output directory.
    #[arg(long)]
    pub out: PathBuf,
    /// Write nothing; exit 1 with a summary when the output directory differs.
    #[arg(long)]
    pub check: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// The --lexicon DIR the shards were extracted with.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Replace an output directory that the tool did not write.
    #[arg(long)]
    pub force: bool,
    /// No summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the one-line summary even when stderr is not a terminal.
    #[arg(long, conflicts_with = "quiet")]
    pub summary: bool,
}

/// `monograph conflicts`.
#[derive(Debug, clap::Args)]
pub struct ConflictsArgs {
    /// Input options.
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// `monograph schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Schema name; lists the names when omitted.
    pub name: Option<String>,
}

/// `monograph validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Output directory to validate.
    pub dir: PathBuf,
}
