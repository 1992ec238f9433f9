//! Sharded runs, for corpora that outgrow one machine: `extract --shard`
//! (the map) writes the per-input part of a run for some of the inputs, and
//! `merge` (the reduce) combines any number of shards into exactly the
//! output one `extract` over all their inputs would write.
//!
//! A shard directory holds
//!
//! ```text
//! SHARD/shard.json          a ShardManifest: tool, schema and lexicon it was made with,
//!                           and per input what merge needs (path, stem, sha256, status,
//!                           warnings, format, drug identity, title, flags, claim count)
//! SHARD/sources/<id>.json   each input's source file, as extract writes it
//! SHARD/claims.jsonl        the shard's claims, in its input order
//! ```
//!
//! A shard cannot know the final source ids: one run makes file stems
//! unique over the sorted paths of *all* inputs (`-2`, `-3` …). Its files
//! therefore use ids unique within the shard, and merge recomputes the ids
//! over every shard's inputs in path order and renames (the source file,
//! its `id` and the claim ids it lists, and in `claims.jsonl` each claim's
//! id `<id>#n` and `evidence.source`). Monographs and
//! conflicts are built afresh from the renamed claims by the same code a
//! single run uses ([`crate::finish_run`]).
//!
//! Merge never reads a document: it keeps one small record per input and
//! the merger's compact facts, streams the shards' claims in global path
//! order, and copies source files one at a time, so its memory grows with
//! the number of inputs, drugs and claims, not with the bytes read.
//!
//! A path found in two shards is read once, as a single run reads a file
//! given twice: merge keeps one copy when both shards saw the same bytes
//! with the same outcome, and refuses the shards otherwise, since no single
//! run could have produced both.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::extract::{Claim, DrugIdentity};
use crate::merge::{Contribution, Merger, SourceRef};
use crate::output::{self, OutputError, Rendered, Tally, Writer};
use crate::{Config, InputRecord, Progress, SCHEMA_VERSION, SourceResult, Status, Summary, Timings, pipeline};

/// File name of a shard's manifest.
pub const MANIFEST: &str = "shard.json";

/// Version of the shard layout itself (`shard.json`, the files beside it).
pub const SHARD_VERSION: u32 = 1;

/// The tool that wrote a shard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// Crate name.
    pub name: String,
    /// Crate version.
    pub version: String,
    /// Fingerprint of the code it was built from ([`crate::BUILD`]).
    #[serde(default)]
    pub build: String,
}

impl Tool {
    /// This binary.
    pub fn this() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
            build: crate::BUILD.into(),
        }
    }
}

/// `shard.json`: how a shard was made and what merge needs of each input.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShardManifest {
    /// [`SHARD_VERSION`] of the writer.
    pub shard_version: u32,
    /// Output schema version of the writer.
    pub schema_version: String,
    /// Tool and version of the writer.
    pub tool: Tool,
    /// [`crate::lexicon::Lexicon::fingerprint`] of the lexicon used.
    pub lexicon: String,
    /// `--max-bytes` of the run.
    pub max_bytes: u64,
    /// Every input of the shard, sorted by path.
    pub inputs: Vec<ShardInput>,
}

/// One input of a shard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardInput {
    /// The manifest entry, with the shard's own source id.
    #[serde(flatten)]
    pub record: InputRecord,
    /// The file stem the source id is made from.
    pub stem: String,
    /// The path's bytes in hex, when `path` (shown as UTF-8 with `/`) is not
    /// them: merge sorts by the real path, as a single run does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    /// The document's drug; absent for a skipped input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drug: Option<DrugIdentity>,
    /// The document's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The document's flags (`ai_generated`).
    #[serde(default)]
    pub flags: Vec<String>,
    /// Number of its lines in the shard's `claims.jsonl`.
    pub claims: usize,
}

impl ShardInput {
    /// The path as a single run sorts it.
    fn sort_key(&self) -> PathBuf {
        self.path_bytes.as_deref().and_then(path_from_hex).unwrap_or_else(|| PathBuf::from(&self.record.path))
    }

    /// Same file, same outcome: two shards that both hold a path agree.
    fn agrees_with(&self, other: &ShardInput) -> bool {
        let mut a = self.clone();
        a.record.id.clone_from(&other.record.id);
        a == *other
    }
}

/// Why a set of shards cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    /// The directory has no `shard.json`.
    #[error("{0} is not a shard directory (no {MANIFEST}); `monograph extract --shard` writes one")]
    NotAShard(String),
    /// A file of a shard could not be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A file of a shard is not what `extract --shard` writes.
    #[error("{path}: {msg}")]
    Corrupt {
        /// The file.
        path: String,
        /// What is wrong.
        msg: String,
    },
    /// The shard was made by another tool, schema or lexicon.
    #[error("{shard} was made with {what} {found}, but this merge uses {expected}; extract it again with this binary")]
    Mismatch {
        /// The shard.
        shard: String,
        /// What differs: `tool`, `schema version`, `shard layout`, `lexicons`.
        what: &'static str,
        /// The shard's.
        found: String,
        /// This merge's.
        expected: String,
    },
    /// Two shards were made with different `--max-bytes`.
    #[error("{shard} was made with --max-bytes {found} and {other} with {expected}; one run has one limit")]
    Settings {
        /// The shard.
        shard: String,
        /// Its limit.
        found: u64,
        /// The first shard.
        other: String,
        /// The first shard's limit.
        expected: u64,
    },
    /// The same path is in two shards with different contents or outcomes.
    #[error(
        "{path} is in {first} (sha256 {first_sha}) and in {second} (sha256 {second_sha}) with different results; \
         a single run reads it once: give each input to one shard"
    )]
    Duplicate {
        /// The input path.
        path: String,
        /// One shard.
        first: String,
        /// Its hash of the file.
        first_sha: String,
        /// The other shard.
        second: String,
        /// Its hash.
        second_sha: String,
    },
    /// Writing the output failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// `extract --shard`: runs the per-input stages over `paths` and writes a
/// shard into `out`: each source's file, the claims, and `shard.json`. No
/// monographs or conflicts; [`merge`] makes those.
pub fn extract(
    paths: &[PathBuf],
    config: &Config,
    progress: &dyn Progress,
    out: &Writer,
) -> Result<Summary, OutputError> {
    let found = crate::ingest::walk(paths);
    let stems: Vec<String> = found.iter().map(|f| crate::stem_of(&f.path)).collect();
    let ids = crate::source_ids(&stems);
    progress.start(found.len());
    let mut claims_jsonl = out.stream("claims.jsonl")?;
    let mut inputs: Vec<ShardInput> = Vec::with_capacity(found.len());
    let mut tally = Tally::default();
    let each = |done: pipeline::Done, t: &mut Timings| {
        let s = done.into_result();
        pipeline::timed(&mut t.write, || -> Result<_, OutputError> {
            let rendered = Rendered::new(&s, false)?;
            if let Some(file) = &rendered.source_file {
                out.file(&format!("sources/{}.json", s.input.id), file)?;
            }
            let input = ShardInput {
                stem: String::new(),
                path_bytes: None,
                title: s.doc.as_ref().and_then(|d| d.meta.title.clone()),
                flags: s.doc.as_ref().map(|d| d.meta.flags.clone()).unwrap_or_default(),
                drug: s.drug,
                claims: s.claims.len(),
                record: s.input,
            };
            Ok((rendered.without_source_file(), input))
        })
    };
    let mut ordered = |r: Result<(Rendered, ShardInput), OutputError>| -> Result<(), OutputError> {
        let (rendered, mut input) = r?;
        claims_jsonl.write_all(&rendered.claims_jsonl)?;
        tally.add(&rendered);
        let i = inputs.len();
        input.stem.clone_from(&stems[i]);
        input.path_bytes = path_bytes(&found[i].path, &input.record.path);
        inputs.push(input);
        Ok(())
    };
    let mut timings = pipeline::run(&found, &ids, config, None, progress, &each, &mut ordered)?;
    let started = std::time::Instant::now();
    claims_jsonl.close(out)?;
    let drugs = inputs.iter().filter_map(|i| i.drug.as_ref().map(|d| d.name.as_str())).collect::<BTreeSet<_>>().len();
    let manifest = ShardManifest {
        shard_version: SHARD_VERSION,
        schema_version: SCHEMA_VERSION.into(),
        tool: Tool::this(),
        lexicon: config.lexicon.fingerprint().into(),
        max_bytes: config.max_bytes,
        inputs,
    };
    out.file(MANIFEST, &output::pretty(&manifest))?;
    timings.finish += started.elapsed();
    let inputs = manifest.inputs.into_iter().map(|i| i.record).collect();
    Ok(Summary { inputs, claims: tally.claims(), conflicts: 0, drugs, reused: 0, timings })
}

/// One input as merge visits it, in global path order.
struct Visit {
    /// Index of its shard.
    shard: usize,
    /// Index among the shard's inputs.
    input: usize,
    /// Its final source id.
    id: String,
}

/// `merge`: combines `shards` into `out`, byte for byte what one `extract`
/// over all their inputs would write (with `csv`, `--format csv`). The
/// shards may come in any order and be cut any way; `config` must carry
/// the lexicons they were made with.
pub fn merge(shards: &[PathBuf], config: &Config, out: &Writer, csv: bool) -> Result<Summary, ShardError> {
    let manifests = shards.iter().map(|s| read_manifest(s)).collect::<Result<Vec<_>, _>>()?;
    check_compatible(shards, &manifests, config)?;
    let visits = global_order(shards, &manifests)?;
    let mut timings = Timings::default();

    // Source files are copied on the pool while this thread streams the
    // claims; both go in the same global order and neither waits for the other.
    let (copied, streamed) = rayon::join(
        || copy_sources(shards, &manifests, &visits, out),
        || stream_claims(shards, &manifests, &visits, out, csv, &mut timings),
    );
    copied?;
    let (merger, inputs, tally, streams) = streamed?;
    let (drugs, conflicts) = crate::finish_run(merger, None, config, out, streams, &inputs, &tally, &mut timings)?;
    Ok(Summary { inputs, claims: tally.claims(), conflicts, drugs, reused: 0, timings })
}

fn read_manifest(shard: &Path) -> Result<ShardManifest, ShardError> {
    let path = shard.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ShardError::NotAShard(shard.display().to_string()));
        }
        Err(source) => return Err(ShardError::Read { path: path.display().to_string(), source }),
    };
    // The versions first, so that a shard of another layout is refused for
    // what it is, not for a field this version does not know.
    #[derive(Deserialize)]
    struct Versions {
        shard_version: u32,
    }
    let corrupt = |e: serde_json::Error| ShardError::Corrupt { path: path.display().to_string(), msg: e.to_string() };
    let versions: Versions = serde_json::from_slice(&bytes).map_err(corrupt)?;
    if versions.shard_version != SHARD_VERSION {
        return Err(ShardError::Mismatch {
            shard: shard.display().to_string(),
            what: "shard layout",
            found: versions.shard_version.to_string(),
            expected: SHARD_VERSION.to_string(),
        });
    }
    serde_json::from_slice(&bytes).map_err(corrupt)
}

/// Refuses shards of another tool, schema or lexicon, or with different
/// `--max-bytes`: their output could differ from a single run's.
fn check_compatible(shards: &[PathBuf], manifests: &[ShardManifest], config: &Config) -> Result<(), ShardError> {
    let this = Tool::this();
    for (shard, m) in shards.iter().zip(manifests) {
        let mismatch = |what, found: &str, expected: &str| ShardError::Mismatch {
            shard: shard.display().to_string(),
            what,
            found: found.to_string(),
            expected: expected.to_string(),
        };
        if m.tool != this {
            let show = |t: &Tool| format!("{} {}", t.name, t.version);
            return Err(mismatch("tool", &show(&m.tool), &show(&this)));
        }
        if m.schema_version != SCHEMA_VERSION {
            return Err(mismatch("schema version", &m.schema_version, SCHEMA_VERSION));
        }
        if m.lexicon != config.lexicon.fingerprint() {
            return Err(mismatch("lexicons", &m.lexicon, config.lexicon.fingerprint()));
        }
        if m.max_bytes != manifests[0].max_bytes {
            return Err(ShardError::Settings {
                shard: shard.display().to_string(),
                found: m.max_bytes,
                other: shards[0].display().to_string(),
                expected: manifests[0].max_bytes,
            });
        }
    }
    Ok(())
}

/// Every input of every shard in the order of one run over them all (by
/// path, a path held by two shards once), with its final source id.
fn global_order(shards: &[PathBuf], manifests: &[ShardManifest]) -> Result<Vec<Visit>, ShardError> {
    let mut all: Vec<(PathBuf, usize, usize)> = Vec::new();
    for (s, m) in manifests.iter().enumerate() {
        let mut last: Option<PathBuf> = None;
        for (i, input) in m.inputs.iter().enumerate() {
            let key = input.sort_key();
            // Claims are streamed shard by shard in this order: a shard
            // whose inputs are not sorted cannot be read that way.
            if last.as_ref().is_some_and(|l| *l >= key) {
                return Err(ShardError::Corrupt {
                    path: shards[s].join(MANIFEST).display().to_string(),
                    msg: format!("inputs are not sorted by path at {}", input.record.path),
                });
            }
            last = Some(key.clone());
            all.push((key, s, i));
        }
    }
    // Ties (one path in two shards) break by shard directory, so that the
    // order shards are given in cannot matter.
    all.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| shards[a.1].cmp(&shards[b.1])));
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(all.len());
    let mut previous: Option<&(PathBuf, usize, usize)> = None;
    for entry in &all {
        if let Some(p) = previous.filter(|p| p.0 == entry.0) {
            let (a, b) = (&manifests[p.1].inputs[p.2], &manifests[entry.1].inputs[entry.2]);
            if !a.agrees_with(b) {
                return Err(ShardError::Duplicate {
                    path: a.record.path.clone(),
                    first: shards[p.1].display().to_string(),
                    first_sha: a.record.sha256.clone(),
                    second: shards[entry.1].display().to_string(),
                    second_sha: b.record.sha256.clone(),
                });
            }
            continue;
        }
        previous = Some(entry);
        kept.push((entry.1, entry.2));
    }
    let ids = crate::source_ids(kept.iter().map(|&(s, i)| manifests[s].inputs[i].stem.as_str()));
    Ok(kept.into_iter().zip(ids).map(|((shard, input), id)| Visit { shard, input, id }).collect())
}

/// Copies each kept input's source file from its shard, renamed when its
/// id changed; in parallel, one file in memory per thread.
fn copy_sources(
    shards: &[PathBuf],
    manifests: &[ShardManifest],
    visits: &[Visit],
    out: &Writer,
) -> Result<(), ShardError> {
    use rayon::prelude::*;
    visits.par_iter().try_for_each(|v| {
        let input = &manifests[v.shard].inputs[v.input];
        if input.record.status == Status::Skipped {
            return Ok(());
        }
        let local = &input.record.id;
        let path = shards[v.shard].join("sources").join(format!("{local}.json"));
        let rel = format!("sources/{}.json", v.id);
        if *local == v.id {
            return out.copy(&rel, &path).map_err(|e| match e {
                OutputError::Io { source, .. } if !path.is_file() => {
                    ShardError::Read { path: path.display().to_string(), source }
                }
                e => e.into(),
            });
        }
        let bytes =
            std::fs::read(&path).map_err(|source| ShardError::Read { path: path.display().to_string(), source })?;
        let renamed = rename_in_source_file(&bytes, local, &v.id).ok_or_else(|| ShardError::Corrupt {
            path: path.display().to_string(),
            msg: format!("not a source file with id {local}"),
        })?;
        out.file(&rel, &renamed)?;
        Ok(())
    })
}

type Streamed = (Merger, Vec<InputRecord>, Tally, crate::Streams);

/// Reads every shard's claims in global order, renames them, writes the
/// claim streams and feeds the merger, one input at a time.
fn stream_claims(
    shards: &[PathBuf],
    manifests: &[ShardManifest],
    visits: &[Visit],
    out: &Writer,
    csv: bool,
    timings: &mut Timings,
) -> Result<Streamed, ShardError> {
    let mut readers = shards.iter().enumerate().map(|(i, s)| ClaimReader::open(s, i)).collect::<Result<Vec<_>, _>>()?;
    let mut streams = crate::Streams::open(out, csv)?;
    let mut merger = Merger::default();
    let mut inputs = Vec::with_capacity(visits.len());
    let mut tally = Tally::default();
    for v in visits {
        let started = std::time::Instant::now();
        let manifest = &manifests[v.shard];
        let reader = &mut readers[v.shard];
        // Inputs of this shard skipped over were kept from another shard.
        while reader.next_input < v.input {
            reader.skip(manifest.inputs[reader.next_input].claims)?;
            reader.next_input += 1;
        }
        let input = &manifest.inputs[v.input];
        let claims = reader.read(input, &v.id)?;
        reader.next_input += 1;
        let mut record = input.record.clone();
        record.id.clone_from(&v.id);
        let source = SourceResult { input: record, doc: None, drug: input.drug.clone(), claims };
        let rendered = Rendered::new(&source, csv)?;
        streams.write(&rendered)?;
        tally.add(&rendered);
        timings.ordered += started.elapsed();
        let started = std::time::Instant::now();
        if let Some(drug) = source.drug {
            let source_ref = SourceRef {
                id: v.id.clone(),
                path: source.input.path.clone(),
                format: source.input.format.map(|f| f.as_str().to_string()).unwrap_or_default(),
                title: input.title.clone(),
                sha256: source.input.sha256.clone(),
                flags: input.flags.clone(),
            };
            merger.add_contribution(Contribution::new(drug, source_ref, &source.claims));
        }
        timings.merge += started.elapsed();
        inputs.push(source.input);
    }
    for r in &mut readers {
        r.finish(manifests)?;
    }
    Ok((merger, inputs, tally, streams))
}

/// A shard's `claims.jsonl`, read input by input.
struct ClaimReader {
    path: PathBuf,
    shard: usize,
    lines: std::io::BufReader<std::fs::File>,
    line: Vec<u8>,
    /// The shard's next input whose claims come next.
    next_input: usize,
}

impl ClaimReader {
    fn open(shard: &Path, index: usize) -> Result<ClaimReader, ShardError> {
        let path = shard.join("claims.jsonl");
        let file = std::fs::File::open(&path)
            .map_err(|source| ShardError::Read { path: path.display().to_string(), source })?;
        Ok(ClaimReader {
            path,
            shard: index,
            lines: std::io::BufReader::with_capacity(1 << 16, file),
            line: Vec::new(),
            next_input: 0,
        })
    }

    fn corrupt(&self, msg: String) -> ShardError {
        ShardError::Corrupt { path: self.path.display().to_string(), msg }
    }

    /// The next line, without its newline; `None` at the end.
    fn next_line(&mut self) -> Result<Option<&[u8]>, ShardError> {
        self.line.clear();
        let n = self
            .lines
            .read_until(b'\n', &mut self.line)
            .map_err(|source| ShardError::Read { path: self.path.display().to_string(), source })?;
        Ok((n > 0).then(|| self.line.strip_suffix(b"\n").unwrap_or(&self.line)))
    }

    fn skip(&mut self, n: usize) -> Result<(), ShardError> {
        for _ in 0..n {
            if self.next_line()?.is_none() {
                return Err(self.corrupt("fewer claims than shard.json counts".into()));
            }
        }
        Ok(())
    }

    /// The claims of `input`, renamed to source id `id`.
    fn read(&mut self, input: &ShardInput, id: &str) -> Result<Vec<Claim>, ShardError> {
        let local = &input.record.id;
        let mut claims = Vec::with_capacity(input.claims);
        for _ in 0..input.claims {
            let Some(line) = self.next_line()? else {
                return Err(self.corrupt("fewer claims than shard.json counts".into()));
            };
            let mut claim = Claim::from_json(line).map_err(|e| self.corrupt(e.to_string()))?;
            let n = claim.id.strip_prefix(local.as_str()).and_then(|r| r.strip_prefix('#'));
            let Some(n) = n.filter(|_| claim.evidence.source == *local) else {
                return Err(self.corrupt(format!("claim {} is not one of source {local}'s", claim.id)));
            };
            if local != id {
                claim.id = format!("{id}#{n}");
                claim.evidence.source = id.to_string();
            }
            claims.push(claim);
        }
        Ok(claims)
    }

    /// Checks that nothing is left over once every input was read.
    fn finish(&mut self, manifests: &[ShardManifest]) -> Result<(), ShardError> {
        let inputs = &manifests[self.shard].inputs;
        while self.next_input < inputs.len() {
            self.skip(inputs[self.next_input].claims)?;
            self.next_input += 1;
        }
        if self.next_line()?.is_some() {
            return Err(self.corrupt("more claims than shard.json counts".into()));
        }
        Ok(())
    }
}

/// Renames source `old` to `new` in a source file: its `id`, and the ids
/// of its claims. The file is laid out one top-level field per line at
/// depth 1 and one list item per line at depth 2 (see `output/outline.rs`),
/// and a string never spans lines: the id is the line `  "id": "<old>",`
/// and each claim id a line `    "<old>#<n>"` of the top-level `claims`
/// list, so they are found by position, and nothing quoted from the
/// document can be mistaken for one. `None` when the file has no such id.
fn rename_in_source_file(bytes: &[u8], old: &str, new: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + 64);
    let top_id = format!("  \"id\": \"{old}\",");
    let claim_id = format!("    \"{old}#");
    let mut in_claims = false;
    let mut found_id = false;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        // A top-level key starts a line with exactly two spaces.
        if text.starts_with(b"  \"") {
            in_claims = text == b"  \"claims\": [";
        }
        if !found_id && text == top_id.as_bytes() {
            found_id = true;
            out.extend_from_slice(format!("  \"id\": \"{new}\",").as_bytes());
        } else if in_claims && text.starts_with(claim_id.as_bytes()) {
            out.extend_from_slice(format!("    \"{new}#").as_bytes());
            out.extend_from_slice(&text[claim_id.len()..]);
        } else {
            out.extend_from_slice(text);
        }
        if line.len() > text.len() {
            out.push(b'\n');
        }
    }
    found_id.then_some(out)
}

/// The hex of `path`'s bytes when `shown` is not them.
fn path_bytes(path: &Path, shown: &str) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let raw = path.as_os_str().as_bytes();
        (raw != shown.as_bytes()).then(|| crate::hex(raw))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, shown);
        None
    }
}

fn path_from_hex(hex: &str) -> Option<PathBuf> {
    let bytes: Option<Vec<u8>> =
        (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        bytes.map(|b| PathBuf::from(std::ffi::OsStr::from_bytes(&b)))
    }
    #[cfg(not(unix))]
    {
        bytes.and_then(|b| String::from_utf8(b).ok()).map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every claim of the seeds and fixtures reads back as itself, so the
    /// lines merge writes are the lines extract wrote; a contraindication
    /// (`{"condition"}`, a valid use too) stays a contraindication.
    #[test]
    fn claims_read_back_as_themselves() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let run = crate::run(&[root.join("input"), root.join("tests/fixtures")], &Config::for_tests());
        let mut kinds = BTreeSet::new();
        for claim in run.claims() {
            let line = serde_json::to_vec(claim).unwrap();
            let back = Claim::from_json(&line).unwrap_or_else(|e| panic!("{}: {e}", claim.id));
            assert_eq!(back, *claim);
            kinds.insert(claim.kind);
        }
        assert!(kinds.len() >= 9, "only {kinds:?}");
        assert!(Claim::from_json(br#"{"id":"a#1"}"#).is_err());
    }

    /// Only the source's own id and its claims' ids change: a quote or
    /// heading that happens to read like an id is document text.
    #[test]
    fn renaming_a_source_file_touches_ids_only() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("input").read_dir().unwrap().next().unwrap().unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let mut s = crate::process_one("old", &path, &bytes, &Config::for_tests());
        assert!(s.claims.len() > 2);
        if let Some(doc) = &mut s.doc {
            doc.meta.title = Some("old#1".into());
        }
        // A warning reading like a claim id sits on a line of its own, as a
        // claim id does, but in another list.
        s.input.warnings.extend(["old".into(), "old#1".into()]);
        let file = Rendered::new(&s, false).unwrap().source_file.unwrap();
        let renamed = rename_in_source_file(&file, "old", "new-2").unwrap();
        let (a, b): (serde_json::Value, serde_json::Value) =
            (serde_json::from_slice(&file).unwrap(), serde_json::from_slice(&renamed).unwrap());
        assert_eq!(b["id"], "new-2");
        assert_eq!(b["title"], "old#1");
        assert_eq!(b["warnings"], serde_json::json!(["old", "old#1"]));
        let ids = |v: &serde_json::Value| -> Vec<String> {
            v["claims"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()
        };
        let want: Vec<String> = ids(&a).iter().map(|c| c.replace("old#", "new-2#")).collect();
        assert_eq!(ids(&b), want);
        assert_eq!(a["sections"], b["sections"]);
        assert_eq!(a["debris"], b["debris"]);
        assert!(rename_in_source_file(&file, "other", "x").is_none());
    }
}
