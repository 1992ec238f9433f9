//! `extract --incremental`: reuse the previous output's per-source results
//! for inputs that have not changed, so only merge and conflicts are redone.
//!
//! Everything reused is recovered from the previous output itself, never
//! from a cache beside it:
//! - `manifest.json` says which schema, tool version and lexicon set
//!   (`tool.lexicons`, [`crate::lexicon::Lexicon::fingerprint`]) wrote it;
//!   if any differs from this run's, nothing is reused. It also holds each
//!   input's record (path, id, sha256, format, status, warnings).
//! - `sources/<id>.json` gives the drug, title and flags that merge needs,
//!   and is linked into the new output unchanged.
//! - `claims.jsonl` gives the source's claims: their lines are copied
//!   unchanged and parsed again for merge and conflict detection.
//!
//! An input is reused when the previous manifest lists it as processed
//! under the same path and source id, with the sha256 of its bytes now.
//! Source ids depend on the other inputs (two files with one stem), and a
//! claim id holds its source id, so a changed id means a fresh run of that
//! input. Anything that does not read back as expected (a missing or
//! edited file, a claim line of unknown shape) costs that input a fresh
//! run, never a wrong reuse: the output is the bytes a full run writes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, BufRead, Read, Seek};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::extract::{Claim, DrugIdentity, Evidence, Kind, Value};
use crate::model::{DocMeta, Document};
use crate::{InputRecord, SCHEMA_VERSION, SourceResult, Status};

/// The previous output directory of an `--incremental` run, indexed.
#[derive(Debug)]
pub struct Previous {
    dir: PathBuf,
    /// Processed inputs of the previous manifest, by path.
    inputs: HashMap<String, InputRecord>,
    /// Byte range of each source's lines in the previous `claims.jsonl`.
    claims: HashMap<String, Range<u64>>,
}

/// What one unchanged input gives back.
#[derive(Debug)]
pub struct Reused {
    /// The input's record, drug, title, flags and claims (no sections:
    /// its source file is not rendered again).
    pub result: SourceResult,
    /// Its lines of `claims.jsonl`, as written before.
    pub claims_jsonl: Vec<u8>,
    /// Its previous `sources/<id>.json`, to link into the new output.
    pub source_file: PathBuf,
}

/// The manifest fields that decide whether anything can be reused.
#[derive(Deserialize)]
struct Manifest {
    schema_version: String,
    tool: Tool,
    inputs: Vec<InputRecord>,
}

#[derive(Deserialize)]
struct Tool {
    version: String,
    #[serde(default)]
    lexicons: String,
}

/// The head of a source file: what merge needs. The outline is skipped.
#[derive(Deserialize)]
struct SourceHead {
    id: String,
    path: String,
    sha256: String,
    title: Option<String>,
    drug: Option<DrugIdentity>,
    flags: Vec<String>,
    claims: Vec<String>,
}

impl Previous {
    /// Indexes the output directory `dir` for reuse by a run with lexicon
    /// fingerprint `lexicons`. `Err` says, for the user, why nothing can be
    /// reused (no previous output, another tool version or lexicon set).
    pub fn open(dir: &Path, lexicons: &str) -> Result<Previous, String> {
        let manifest_path = dir.join("manifest.json");
        let bytes = std::fs::read(&manifest_path).map_err(|e| format!("no previous output ({e})"))?;
        let manifest: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{} cannot be read back: {e}", manifest_path.display()))?;
        let version = env!("CARGO_PKG_VERSION");
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(format!("it has schema {}, this run writes {SCHEMA_VERSION}", manifest.schema_version));
        }
        if manifest.tool.version != version {
            return Err(format!("it was written by version {}, this is {version}", manifest.tool.version));
        }
        if manifest.tool.lexicons != lexicons {
            return Err("it was written with other lexicons".to_string());
        }
        let inputs =
            manifest.inputs.into_iter().filter(|i| i.status != Status::Skipped).map(|i| (i.path.clone(), i)).collect();
        let claims = index_claims(&dir.join("claims.jsonl"))
            .map_err(|e| format!("{} cannot be read back: {e}", dir.join("claims.jsonl").display()))?;
        Ok(Previous { dir: dir.to_path_buf(), inputs, claims })
    }

    /// The previous record of the input at `path` when it had source id
    /// `id`: worth hashing the input to compare.
    pub(crate) fn record(&self, path: &str, id: &str) -> Option<&InputRecord> {
        self.inputs.get(path).filter(|r| r.id == id)
    }

    /// The previous results of `record`'s input, read back; `None` when
    /// they do not read back whole.
    pub(crate) fn reuse(&self, record: &InputRecord) -> Option<Reused> {
        let id = &record.id;
        let source_file = self.dir.join("sources").join(format!("{id}.json"));
        let head: SourceHead = serde_json::from_slice(&std::fs::read(&source_file).ok()?).ok()?;
        if head.id != *id || head.path != record.path || head.sha256 != record.sha256 {
            return None;
        }
        let claims_jsonl = match self.claims.get(id) {
            Some(range) => read_range(&self.dir.join("claims.jsonl"), range).ok()?,
            None => Vec::new(),
        };
        let mut claims = Vec::with_capacity(head.claims.len());
        for line in claims_jsonl.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            claims.push(read_claim(line)?);
        }
        // The source file names exactly these claims, in this order.
        if claims.len() != head.claims.len() || claims.iter().zip(&head.claims).any(|(c, id)| c.id != *id) {
            return None;
        }
        let doc = Document {
            meta: DocMeta { title: head.title, flags: head.flags, ..DocMeta::default() },
            ..Document::default()
        };
        let result = SourceResult { input: record.clone(), doc: Some(doc), drug: head.drug, claims };
        Some(Reused { result, claims_jsonl, source_file })
    }
}

/// The byte range of each source's lines in `claims.jsonl`. A line starts
/// with its id, `{"id":"<source>#<n>"`; a source whose lines are not all
/// together (never written so) is left out, so it is run again.
fn index_claims(path: &Path) -> io::Result<HashMap<String, Range<u64>>> {
    let mut ranges: HashMap<String, Range<u64>> = HashMap::new();
    let mut scattered = Vec::new();
    let mut reader = io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut line = Vec::new();
    let mut at = 0u64;
    let mut last: Option<String> = None;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)? as u64;
        if n == 0 {
            break;
        }
        let source = line
            .strip_prefix(b"{\"id\":\"")
            .and_then(|rest| rest.iter().position(|b| *b == b'"').map(|end| &rest[..end]))
            .and_then(|id| id.iter().rposition(|b| *b == b'#').map(|hash| &id[..hash]))
            .and_then(|s| std::str::from_utf8(s).ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("line at byte {at} has no claim id")))?;
        if last.as_deref() == Some(source) {
            if let Some(r) = ranges.get_mut(source) {
                r.end = at + n;
            }
        } else {
            if ranges.insert(source.to_string(), at..at + n).is_some() {
                scattered.push(source.to_string());
            }
            last = Some(source.to_string());
        }
        at += n;
    }
    for s in scattered {
        ranges.remove(&s);
    }
    Ok(ranges)
}

/// A claim line with its value left unparsed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimLine<'a> {
    id: String,
    drug: String,
    kind: Kind,
    #[serde(borrow)]
    value: &'a RawValue,
    negated: bool,
    hedged: bool,
    evidence: Evidence,
}

thread_local! {
    /// Values read so far on this thread, by kind and JSON text: most
    /// claims repeat a value (a route, a side effect), and reading one
    /// without its tag tries every variant in turn.
    static VALUES: RefCell<HashMap<Kind, HashMap<Box<str>, Value>>> = RefCell::new(HashMap::new());
}

/// Reads one line of `claims.jsonl` back into the claim written there.
fn read_claim(line: &[u8]) -> Option<Claim> {
    let l: ClaimLine<'_> = serde_json::from_slice(line).ok()?;
    let raw = l.value.get();
    let value = VALUES.with_borrow_mut(|values| {
        let values = values.entry(l.kind).or_default();
        match values.get(raw) {
            Some(v) => Some(v.clone()),
            None => {
                let v = crate::extract::value_from_json(l.kind, raw).ok()?;
                values.insert(raw.into(), v.clone());
                Some(v)
            }
        }
    })?;
    Some(Claim {
        id: l.id,
        drug: l.drug,
        kind: l.kind,
        value,
        negated: l.negated,
        hedged: l.hedged,
        evidence: l.evidence,
    })
}

fn read_range(path: &Path, range: &Range<u64>) -> io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    file.seek(io::SeekFrom::Start(range.start))?;
    let mut buf = vec![0; usize::try_from(range.end - range.start).unwrap_or(0)];
    file.read_exact(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every claim of the seeds and fixtures reads back from its line as
    /// the claim it was: the value's variant comes from the kind.
    #[test]
    fn claim_lines_read_back_as_written() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let run = crate::run(&[root.join("input"), root.join("tests/fixtures")], &crate::Config::for_tests());
        let mut kinds = std::collections::BTreeSet::new();
        for claim in run.claims() {
            let line = serde_json::to_vec(claim).unwrap();
            assert_eq!(read_claim(&line).as_ref(), Some(claim));
            kinds.insert(claim.kind);
        }
        assert_eq!(kinds.len(), 10, "every kind is exercised: {kinds:?}");
    }
}
