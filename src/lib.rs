//! monograph turns heterogeneous documents about medicines into one
//! structured, provenance-carrying dataset.
//!
//! The pipeline runs one way, one module per stage:
//! [`ingest`] → [`detect`] → [`parse`] → [`sections`] → [`extract`] →
//! [`merge`] → [`conflict`] → [`output`]. Each file goes through the first
//! five stages on its own (in parallel, see [`pipeline`]); merge and
//! conflict detection see all claims at once. [`schema`] holds the output
//! contract.
//!
//! [`run`] keeps every document in memory, for the conflict report and for
//! tests; [`extract_to`] writes each document's files as soon as it is done
//! and keeps only compact claims for the merge, so its memory does not grow
//! with the text of the corpus.

#![warn(missing_docs, unreachable_pub)]

pub mod cli;
pub mod conflict;
pub mod detect;
pub mod extract;
pub mod incremental;
pub mod ingest;
#[doc(hidden)]
pub mod invariants;
pub mod lexicon;
pub mod limits;
pub mod merge;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod schema;
pub mod sections;
pub mod shard;

use std::path::{Path, PathBuf};

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::extract::Claim;
use crate::lexicon::Lexicon;
use crate::model::{Document, Format};

/// Version of every output schema.
pub const SCHEMA_VERSION: &str = "2.0";

/// Fingerprint of the code this binary was built from (see `build.rs`):
/// output of another build under the same version is never reused.
pub const BUILD: &str = env!("MONOGRAPH_BUILD");

/// Default `--max-bytes`: 16 MiB ([`limits::MAX_BYTES`]).
pub const DEFAULT_MAX_BYTES: u64 = limits::MAX_BYTES;

/// Validated settings for a run; the CLI builds it once from its arguments.
#[derive(Debug)]
pub struct Config {
    /// Term lists.
    pub lexicon: Lexicon,
    /// Files larger than this are skipped.
    pub max_bytes: u64,
}

impl Config {
    /// Built-in lexicon and default limits, as tests use.
    pub fn for_tests() -> Config {
        Config { lexicon: Lexicon::builtin().expect("built-in lexicon loads"), max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// How an input fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Processed without problems.
    Ok,
    /// Processed, with warnings.
    Warning,
    /// Not processed; `error` says why.
    Skipped,
}

/// One input as the manifest lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputRecord {
    /// Source id: the file stem, made unique.
    pub id: String,
    /// Path as given.
    pub path: String,
    /// SHA-256 of the bytes, hex; empty when the file could not be read.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Detected format, when the file was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Outcome.
    pub status: Status,
    /// Why it was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Non-fatal problems.
    pub warnings: Vec<String>,
}

/// Everything one input produced.
#[derive(Clone, Debug)]
pub struct SourceResult {
    /// The manifest entry.
    pub input: InputRecord,
    /// The parsed document, unless skipped.
    pub doc: Option<Document>,
    /// Canonical drug of the document.
    pub drug: Option<extract::DrugIdentity>,
    /// Its claims.
    pub claims: Vec<Claim>,
}

/// The result of a whole run.
#[derive(Debug)]
pub struct Run {
    /// Per-input results, sorted by path.
    pub sources: Vec<SourceResult>,
    /// One merged monograph per drug, sorted by drug name.
    pub monographs: Vec<merge::Monograph>,
    /// Every conflict, sorted by id.
    pub conflicts: Vec<conflict::Conflict>,
    /// Fingerprint of the lexicons used ([`Lexicon::fingerprint`]).
    pub lexicons: String,
}

impl Run {
    /// Number of inputs that were skipped.
    pub fn skipped(&self) -> usize {
        self.sources.iter().filter(|s| s.input.status == Status::Skipped).count()
    }

    /// All claims in output order.
    pub fn claims(&self) -> impl Iterator<Item = &Claim> {
        self.sources.iter().flat_map(|s| &s.claims)
    }
}

/// Time spent in each stage, summed over inputs and threads (`--timings`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading files.
    pub read: Duration,
    /// Hashing, decoding and format detection.
    pub decode: Duration,
    /// Parsing.
    pub parse: Duration,
    /// Debris removal and sections.
    pub sections: Duration,
    /// Drug identification and claim extraction.
    pub extract: Duration,
    /// Hashing unchanged inputs and reading their previous results back
    /// (`--incremental`).
    pub reuse: Duration,
    /// Rendering and writing each source's own output.
    pub write: Duration,
    /// Handing results on in input order (claim lines, merge input).
    pub ordered: Duration,
    /// Building the monographs.
    pub merge: Duration,
    /// Conflict detection.
    pub conflicts: Duration,
    /// Writing the run-wide files and putting the directory in place.
    pub finish: Duration,
}

impl Timings {
    /// Adds `other` stage by stage.
    pub fn add(&mut self, other: &Timings) {
        for (a, b) in self.stages_mut().into_iter().zip(other.stages()) {
            *a.1 += b.1;
        }
    }

    /// `(name, time)` of every stage, in pipeline order.
    pub fn stages(&self) -> [(&'static str, Duration); 11] {
        [
            ("read", self.read),
            ("decode", self.decode),
            ("parse", self.parse),
            ("sections", self.sections),
            ("extract", self.extract),
            ("reuse", self.reuse),
            ("write", self.write),
            ("ordered", self.ordered),
            ("merge", self.merge),
            ("conflicts", self.conflicts),
            ("finish", self.finish),
        ]
    }

    fn stages_mut(&mut self) -> [(&'static str, &mut Duration); 11] {
        [
            ("read", &mut self.read),
            ("decode", &mut self.decode),
            ("parse", &mut self.parse),
            ("sections", &mut self.sections),
            ("extract", &mut self.extract),
            ("reuse", &mut self.reuse),
            ("write", &mut self.write),
            ("ordered", &mut self.ordered),
            ("merge", &mut self.merge),
            ("conflicts", &mut self.conflicts),
            ("finish", &mut self.finish),
        ]
    }
}

/// Processes one file's bytes through ingest, parse, sections and extract.
pub fn process_one(id: &str, path: &Path, bytes: &[u8], config: &Config) -> SourceResult {
    process_timed(id, path, bytes, config, &mut Timings::default())
}

/// [`process_one`], adding the time of each stage to `timings`.
pub fn process_timed(id: &str, path: &Path, bytes: &[u8], config: &Config, timings: &mut Timings) -> SourceResult {
    use pipeline::timed;
    let (sha256, decoded) = timed(&mut timings.decode, || (sha256_hex(bytes), ingest::decode(bytes)));
    let mut input = InputRecord {
        id: id.to_string(),
        path: display_path(path),
        sha256,
        bytes: bytes.len() as u64,
        format: None,
        status: Status::Ok,
        error: None,
        warnings: Vec::new(),
    };
    let decoded = match decoded {
        Ok(d) => d,
        Err(e) => return skipped(input, e.to_string()),
    };
    let format = match timed(&mut timings.decode, || detect::detect(decoded.text.as_bytes())) {
        Ok(f) => f,
        Err(e) => return skipped(input, e.to_string()),
    };
    input.format = Some(format);
    input.warnings.extend(decoded.warnings.iter().cloned());
    let parsed = match timed(&mut timings.parse, || parse::parse(&decoded.text, format, &config.lexicon)) {
        Ok(p) => p,
        Err(e) => return skipped(input, e.to_string()),
    };
    let doc = timed(&mut timings.sections, || sections::build(parsed, &config.lexicon));
    input.warnings.extend(doc.warnings.iter().cloned());
    let (drug, mut claims) = timed(&mut timings.extract, || {
        let (drug, claims, warning) = extract::identify_and_extract(id, &decoded.text, &doc, &config.lexicon);
        input.warnings.extend(warning);
        (drug, claims)
    });
    if format == Format::Openfda {
        // The quote of a JSON string literal is its decoded content (SPEC §1).
        for c in &mut claims {
            if let Some(text) = parse::decode_json_literal(&c.evidence.text) {
                c.evidence.text = text;
            }
        }
    }
    // A claim may only quote bytes that decoding left untouched.
    claims.retain(|c| !decoded.replaced.iter().any(|r| r.start < c.evidence.end && c.evidence.start < r.end));
    if claims.len() > limits::MAX_CLAIMS {
        input.warnings.push(format!("limit: {} claims, only the first {} were kept", claims.len(), limits::MAX_CLAIMS));
        claims.truncate(limits::MAX_CLAIMS);
    }
    if !input.warnings.is_empty() {
        input.status = Status::Warning;
    }
    SourceResult { input, doc: Some(doc), drug: Some(drug), claims }
}

pub(crate) fn skipped(mut input: InputRecord, error: String) -> SourceResult {
    input.status = Status::Skipped;
    input.error = Some(error);
    SourceResult { input, doc: None, drug: None, claims: Vec::new() }
}

/// Watches a run's progress, e.g. to draw a progress bar. The library calls
/// it and never touches the terminal itself.
pub trait Progress: Sync {
    /// The walk is done and `total` inputs will be processed.
    fn start(&self, total: usize);
    /// One more input is processed; called from worker threads.
    fn advance(&self);
}

/// No progress reporting.
impl Progress for () {
    fn start(&self, _total: usize) {}
    fn advance(&self) {}
}

/// Runs the whole pipeline over `paths` (files and directories).
///
/// Inputs are sorted by path before the parallel map, and rayon's indexed
/// `collect` keeps that order, so output does not depend on thread count.
pub fn run(paths: &[PathBuf], config: &Config) -> Run {
    run_with_progress(paths, config, &())
}

/// [`run`], telling `progress` how many inputs there are and when each is done.
pub fn run_with_progress(paths: &[PathBuf], config: &Config, progress: &dyn Progress) -> Run {
    let found = ingest::walk(paths);
    let ids = source_ids(found.iter().map(|f| stem_of(&f.path)));
    progress.start(found.len());
    let mut sources = Vec::with_capacity(found.len());
    let mut merger = merge::Merger::default();
    let done: Result<Timings, std::convert::Infallible> =
        pipeline::run(&found, &ids, config, None, progress, &|d, _| d.into_result(), &mut |s: SourceResult| {
            merger.add(&s);
            sources.push(s);
            Ok(())
        });
    let _ = done;
    let monographs: Vec<merge::Monograph> = {
        use rayon::prelude::*;
        merger
            .into_pending()
            .into_par_iter()
            .map(|drug| {
                let mut m = drug.merge();
                m.conflicts = conflict::detect(&m, &config.lexicon);
                m
            })
            .collect()
    };
    let mut conflicts: Vec<conflict::Conflict> = monographs.iter().flat_map(|m| m.conflicts.iter().cloned()).collect();
    conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    Run { sources, monographs, conflicts, lexicons: config.lexicon.fingerprint().to_string() }
}

/// What [`extract_to`] tells its caller about a run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Every input, sorted by path, as the manifest lists it.
    pub inputs: Vec<InputRecord>,
    /// Claims written.
    pub claims: usize,
    /// Conflicts found.
    pub conflicts: usize,
    /// Monographs written.
    pub drugs: usize,
    /// Inputs whose previous results were reused (`--incremental`).
    pub reused: usize,
    /// Time per stage.
    pub timings: Timings,
}

impl Summary {
    /// Number of inputs that were skipped.
    pub fn skipped(&self) -> usize {
        self.inputs.iter().filter(|i| i.status == Status::Skipped).count()
    }
}

/// Runs the whole pipeline over `paths` and writes (or checks) every output
/// file through `out` as soon as it is known: a source's own file as soon
/// as the source is processed, its claims in input order, the monographs
/// and the manifest at the end. Only compact claims are kept for the merge.
/// The bytes are those [`output::render`] gives for [`run`]; with
/// `previous`, unchanged inputs reuse its results ([`incremental`]) and
/// the bytes are the same.
pub fn extract_to(
    paths: &[PathBuf],
    config: &Config,
    previous: Option<&incremental::Previous>,
    progress: &dyn Progress,
    out: &output::Writer,
    csv: bool,
) -> Result<Summary, output::OutputError> {
    let found = ingest::walk(paths);
    let ids = source_ids(found.iter().map(|f| stem_of(&f.path)));
    progress.start(found.len());
    let mut inputs = Vec::with_capacity(found.len());
    let mut merger = merge::Merger::default();
    let mut tally = output::Tally::default();
    let mut streams = Streams::open(out, csv)?;
    streams.copy_from = previous.map(|p| p.claims_file());
    // Reused inputs that are not read back wait until the end, when the
    // drugs changed inputs touch are known (`incremental::Previous::merge_touched`);
    // so do the contributions of the inputs run again, to be merged in order.
    let deferred = previous.is_some_and(|p| !p.reads_back_all());
    let each = |done: pipeline::Done, t: &mut Timings| {
        pipeline::timed(&mut t.write, || -> Result<_, output::OutputError> {
            match done {
                pipeline::Done::Processed(s) => {
                    let rendered = output::Rendered::new(&s, csv)?;
                    if let Some(file) = &rendered.source_file {
                        out.file(&format!("sources/{}.json", s.input.id), file)?;
                    }
                    Ok((rendered.without_source_file(), merge::Merger::contribution(&s), s.input, None))
                }
                pipeline::Done::Reused(r) => {
                    // Its source file stays where it is (`Writer::adopt` below).
                    let rendered = output::Rendered::reused(&r.claims, r.result.as_ref(), csv)?;
                    let contribution = r.result.as_ref().and_then(merge::Merger::contribution);
                    Ok((rendered, contribution, r.record, Some(r.path)))
                }
            }
        })
    };
    let mut fresh = Vec::new();
    let mut reused = Vec::new();
    // The source files of reused inputs, which stay as they are.
    let mut kept_sources = std::collections::HashSet::new();
    let mut ordered = |r: Result<_, output::OutputError>| -> Result<(), output::OutputError> {
        let (rendered, contribution, input, reused_from): (output::Rendered, _, InputRecord, Option<PathBuf>) = r?;
        streams.write(&rendered)?;
        tally.add(&rendered);
        let index = inputs.len();
        if reused_from.is_some() {
            kept_sources.insert(format!("{}.json", input.id));
        }
        match (contribution, reused_from) {
            (Some(c), None) if deferred => fresh.push((index, c)),
            (Some(c), _) => merger.add_contribution(c),
            (None, Some(path)) if deferred => reused.push((index, input.clone(), path)),
            (None, _) => {}
        }
        inputs.push(input);
        Ok(())
    };
    let mut timings = pipeline::run(&found, &ids, config, previous, progress, &each, &mut ordered)?;
    let n_reused = kept_sources.len();
    if previous.is_some() {
        out.adopt("sources", kept_sources);
    }
    let kept = match previous {
        Some(p) if deferred => {
            Some(pipeline::timed(&mut timings.merge, || p.merge_touched(&mut merger, fresh, &reused, config)))
        }
        _ => None,
    };
    let (drugs, conflicts) = finish_run(merger, kept, config, out, streams, &inputs, &tally, &mut timings)?;
    Ok(Summary { inputs, claims: tally.claims(), conflicts, drugs, reused: n_reused, timings })
}

/// The run-wide files that are written piece by piece as sources go by.
pub(crate) struct Streams {
    /// `claims.jsonl`.
    pub(crate) claims_jsonl: output::Stream,
    /// `claims.csv`, with `--format csv`.
    pub(crate) claims_csv: Option<output::Stream>,
    /// The previous run's `claims.jsonl`, which reused sources copy lines
    /// from (`--incremental`), and the file once opened.
    pub(crate) copy_from: Option<PathBuf>,
    previous: Option<std::fs::File>,
    /// The range still to copy from it: ranges of consecutive reused
    /// sources join into one copy.
    copying: Option<std::ops::Range<u64>>,
}

impl Streams {
    /// Opens `claims.jsonl`, and `claims.csv` with its header when `csv`.
    pub(crate) fn open(out: &output::Writer, csv: bool) -> Result<Streams, output::OutputError> {
        let claims_jsonl = out.stream("claims.jsonl")?;
        let claims_csv = if csv {
            let mut s = out.stream("claims.csv")?;
            s.write_all(&output::csv_claims_header()?)?;
            Some(s)
        } else {
            None
        };
        Ok(Streams { claims_jsonl, claims_csv, copy_from: None, previous: None, copying: None })
    }

    /// Appends one source's claim lines (and rows).
    pub(crate) fn write(&mut self, rendered: &output::Rendered) -> Result<(), output::OutputError> {
        match &rendered.claims_copied {
            Some(range) if range.is_empty() => {}
            Some(range) => match &mut self.copying {
                Some(pending) if pending.end == range.start => pending.end = range.end,
                _ => {
                    self.flush_copy()?;
                    self.copying = Some(range.clone());
                }
            },
            None => {
                self.flush_copy()?;
                self.claims_jsonl.write_all(&rendered.claims_jsonl)?;
            }
        }
        if let Some(s) = &mut self.claims_csv {
            s.write_all(&rendered.claims_csv)?;
        }
        Ok(())
    }

    /// Copies the lines still pending from the previous file.
    fn flush_copy(&mut self) -> Result<(), output::OutputError> {
        let Some(range) = self.copying.take() else { return Ok(()) };
        let from = self.copy_from.as_deref().unwrap_or(Path::new("claims.jsonl"));
        let file = match &mut self.previous {
            Some(file) => file,
            none => none.insert(
                std::fs::File::open(from)
                    .map_err(|source| output::OutputError::Io { path: from.display().to_string(), source })?,
            ),
        };
        self.claims_jsonl.copy_from(file, from, range)
    }
}

/// Writes what only the whole run knows, once every source has been handed
/// on in input order: the monographs with their conflicts, the conflict
/// files and the manifest; closes the claim streams. [`extract_to`] and
/// `monograph merge` ([`shard::merge`]) share it, so both write the same
/// bytes for the same sources. `kept` holds the monographs and conflict
/// lines an incremental run takes over unchanged, for drugs `merger` does
/// not have. Returns the numbers of drugs and conflicts.
#[allow(clippy::too_many_arguments)]
pub(crate) fn finish_run(
    merger: merge::Merger,
    kept: Option<incremental::Kept>,
    config: &Config,
    out: &output::Writer,
    mut streams: Streams,
    inputs: &[InputRecord],
    tally: &output::Tally,
    timings: &mut Timings,
) -> Result<(usize, usize), output::OutputError> {
    let kept = kept.unwrap_or_default();
    let drugs = merger.drugs() + kept.monographs.len();
    // File names are handed out in drug order, kept and merged drugs
    // interleaved (both come sorted by name); then each drug is merged,
    // checked for conflicts and written on the pool. Done one drug after
    // another this tail took a second of a 20,000-document run on one core.
    let mut names = output::MonographNames::default();
    let mut jobs = Vec::with_capacity(drugs);
    let mut pending = merger.into_pending().into_iter().peekable();
    let mut kept_monographs = kept.monographs.into_iter().peekable();
    loop {
        let take_kept = match (pending.peek(), kept_monographs.peek()) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(drug), Some((name, _))) => name.as_str() < drug.name(),
        };
        let job = if take_kept {
            kept_monographs.next().map(|(name, path)| DrugJob::Kept { name, path })
        } else {
            pending.next().map(DrugJob::Merge)
        };
        let Some(job) = job else { break };
        jobs.push((format!("monographs/{}.json", names.next(job.name())), job));
    }
    let done = {
        use rayon::prelude::*;
        jobs.into_par_iter()
            .map(|(rel, job)| finish_drug(&rel, job, config, out))
            .collect::<Result<Vec<DrugDone>, output::OutputError>>()?
    };
    let mut conflicts = Vec::new();
    for d in done {
        timings.merge += d.timings.merge;
        timings.conflicts += d.timings.conflicts;
        timings.finish += d.timings.finish;
        conflicts.extend(d.conflicts);
    }
    conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    let n_conflicts = conflicts.len() + kept.conflicts.len();
    pipeline::timed(&mut timings.finish, || -> Result<(), output::OutputError> {
        streams.flush_copy()?;
        let csv = streams.claims_csv.is_some();
        streams.claims_jsonl.close(out)?;
        if let Some(s) = streams.claims_csv {
            s.close(out)?;
        }
        // Conflict lines in id order, whether made now or kept; a drug's
        // lines all come from one side, in the order a full run has them,
        // which a stable sort keeps.
        let mut lines: Vec<(String, Vec<u8>)> =
            conflicts.iter().map(|c| (c.id.clone(), output::conflict_lines(std::slice::from_ref(c)))).collect();
        lines.extend(kept.conflicts);
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        out.file("conflicts.jsonl", &lines.into_iter().flat_map(|(_, l)| l).collect::<Vec<u8>>())?;
        if csv {
            out.file("conflicts.csv", &output::csv_conflicts(&conflicts)?)?;
        }
        out.file(
            "manifest.json",
            &output::manifest(inputs.iter().collect(), tally, drugs, n_conflicts, config.lexicon.fingerprint()),
        )
    })?;
    Ok((drugs, n_conflicts))
}

/// What [`finish_run`] does for one drug.
enum DrugJob {
    /// An incremental run keeps the drug's previous monograph, file `path`.
    Kept { name: String, path: PathBuf },
    /// The drug is merged now.
    Merge(merge::PendingDrug),
}

impl DrugJob {
    fn name(&self) -> &str {
        match self {
            DrugJob::Kept { name, .. } => name,
            DrugJob::Merge(drug) => drug.name(),
        }
    }
}

/// A drug's conflicts, and the time its stages took.
struct DrugDone {
    conflicts: Vec<conflict::Conflict>,
    timings: Timings,
}

/// Links a kept monograph into place as `rel`, or merges a drug, detects
/// its conflicts and writes its monograph as `rel`.
fn finish_drug(
    rel: &str,
    job: DrugJob,
    config: &Config,
    out: &output::Writer,
) -> Result<DrugDone, output::OutputError> {
    let mut timings = Timings::default();
    let conflicts = match job {
        DrugJob::Kept { path, .. } => {
            pipeline::timed(&mut timings.finish, || out.link(rel, &path))?;
            Vec::new()
        }
        DrugJob::Merge(drug) => {
            let mut m = pipeline::timed(&mut timings.merge, || drug.merge());
            m.conflicts = pipeline::timed(&mut timings.conflicts, || conflict::detect(&m, &config.lexicon));
            pipeline::timed(&mut timings.finish, || out.file(rel, &output::monograph_file(&m)))?;
            m.conflicts
        }
    };
    Ok(DrugDone { conflicts, timings })
}

pub(crate) fn blank_record(id: &str, path: &Path) -> InputRecord {
    InputRecord {
        id: id.to_string(),
        path: display_path(path),
        sha256: String::new(),
        bytes: 0,
        format: None,
        status: Status::Skipped,
        error: None,
        warnings: Vec::new(),
    }
}

/// Source ids: file stems, with `-2`, `-3` … appended in path order when two
/// inputs share a stem. Stems are sanitised so an id is always a safe file name.
///
/// Ids are unique ignoring ASCII case, so `sources/<id>.json` never
/// overwrites another source, not even on a case-insensitive file system or
/// when a stem already ends in `-2`.
///
/// `stems` are the inputs' [`stem_of`], in input (path) order: a shard
/// records them so that `merge` can give every input the id one run over
/// all shards' inputs would.
pub(crate) fn source_ids<S: AsRef<str>>(stems: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut used = std::collections::BTreeSet::<String>::new();
    let mut next = std::collections::BTreeMap::<String, usize>::new();
    stems
        .into_iter()
        .map(|stem| {
            let base = safe_name(stem.as_ref());
            let n = next.entry(base.to_ascii_lowercase()).or_insert(1);
            let mut id = if *n == 1 { base.clone() } else { format!("{base}-{n}") };
            while !used.insert(id.to_ascii_lowercase()) {
                *n += 1;
                id = format!("{base}-{n}");
            }
            *n += 1;
            id
        })
        .collect()
}

/// The file stem a source id is made from, before [`safe_name`].
pub(crate) fn stem_of(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A file-name-safe version of `s`: ASCII letters, digits, `-`, `_` and `.`,
/// no leading dot, at most 100 bytes.
pub fn safe_name(s: &str) -> String {
    let mut out: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    while out.starts_with('.') {
        out.remove(0);
    }
    out.truncate(100);
    if out.is_empty() { "_".to_string() } else { out }
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The SHA-256 of `bytes`, in hex, as the manifest records it.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
