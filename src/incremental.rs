//! `extract --incremental`: reuse the previous output's per-source results
//! for inputs that have not changed, and its merged results for drugs that
//! no changed input touches.
//!
//! Everything reused is recovered from the previous output itself, never
//! from a cache beside it:
//! - `manifest.json` says which schema, tool version and lexicon set
//!   (`tool.lexicons`, [`crate::lexicon::Lexicon::fingerprint`]) wrote it;
//!   if any differs from this run's, nothing is reused. It also holds each
//!   input's record (path, id, sha256, format, status, warnings), and its
//!   modification time is when the previous run finished.
//! - `sources/<id>.json` stays as it is: the new output takes over the
//!   previous `sources/` directory ([`crate::output::Writer::adopt`]).
//! - `claims.jsonl` gives each source's lines, copied byte for byte (in the
//!   kernel, in runs as long as the inputs allow) and counted by kind.
//! - A drug's monograph and its lines of `conflicts.jsonl` are a function
//!   of its sources' claims alone, so a drug none of whose inputs changed
//!   keeps them as they are. For a touched drug (one a changed, added or
//!   removed input fed, before or now) the previous monograph names its
//!   sources; those that are unchanged are read back whole (source head and
//!   claims) and merged again with the fresh ones.
//!
//! An input is reused when the previous manifest lists it as processed
//! under the same path and source id, with the sha256 of its bytes now.
//! Source ids depend on the other inputs (two files with one stem), and a
//! claim id holds its source id, so a changed id means a fresh run of that
//! input. A previous file modified after the manifest was written has been
//! edited since and is not trusted: an edited source or monograph costs a
//! fresh run of its input or drug, an edited `claims.jsonl` or
//! `conflicts.jsonl` a full run; so does anything that does not read back
//! as expected. The output is always the bytes a full run writes.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Read, Seek};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::extract::{Claim, DrugIdentity, Evidence, Kind, Value};
use crate::merge::{Contribution, Merger};
use crate::model::{DocMeta, Document};
use crate::{Config, InputRecord, SCHEMA_VERSION, SourceResult, Status};

/// The previous output directory of an `--incremental` run, indexed.
#[derive(Debug)]
pub struct Previous {
    dir: PathBuf,
    /// Processed inputs of the previous manifest, by path.
    inputs: HashMap<String, InputRecord>,
    /// Each source's lines in the previous `claims.jsonl`; `None` for a
    /// source whose lines are not all together (never written so).
    claims: HashMap<String, Option<SourceClaims>>,
    /// When the previous run wrote its manifest, its last file.
    written: SystemTime,
    /// The previous monographs, by drug name; `None` when one does not
    /// read back (then every drug is merged again).
    monographs: Option<BTreeMap<String, PathBuf>>,
    /// How many drugs (monographs) the previous manifest counts.
    drugs: usize,
    /// The previous `conflicts.jsonl`, line by line.
    conflicts: Vec<ConflictLine>,
    /// Read every reused source back whole, for output rendered from its
    /// claims (`claims.csv`), instead of copying its lines.
    read_back: bool,
}

/// A source's lines in the previous `claims.jsonl`.
#[derive(Clone, Debug, Default)]
pub struct SourceClaims {
    /// Their byte range.
    pub range: Range<u64>,
    /// How many claims of each kind they hold.
    pub kinds: BTreeMap<Kind, usize>,
}

/// What one unchanged input gives back.
#[derive(Debug)]
pub struct Reused {
    /// The input's record, as the previous manifest has it.
    pub record: InputRecord,
    /// Its lines of the previous `claims.jsonl`.
    pub claims: SourceClaims,
    /// The input file.
    pub path: PathBuf,
    /// The input's drug, title, flags and claims read back, when every
    /// reused source is read back ([`Previous::read_back_all`]).
    pub result: Option<SourceResult>,
}

/// One line of the previous `conflicts.jsonl`.
#[derive(Debug)]
struct ConflictLine {
    id: String,
    drug: String,
    line: Vec<u8>,
}

/// What an incremental run keeps of the previous merge: the drugs that no
/// changed input touches.
#[derive(Debug, Default)]
pub struct Kept {
    /// Their monographs, by drug name, to link into the new output.
    pub monographs: BTreeMap<String, PathBuf>,
    /// Their lines of `conflicts.jsonl`, with each conflict's id.
    pub conflicts: Vec<(String, Vec<u8>)>,
}

/// The manifest fields that decide whether anything can be reused.
#[derive(Deserialize)]
struct Manifest {
    schema_version: String,
    tool: Tool,
    inputs: Vec<InputRecord>,
    counts: Counts,
}

#[derive(Deserialize)]
struct Counts {
    drugs: usize,
}

#[derive(Deserialize)]
struct Tool {
    version: String,
    #[serde(default)]
    lexicons: String,
    #[serde(default)]
    build: String,
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

/// The part of a monograph that names its sources.
#[derive(Deserialize)]
struct MonographSources {
    sources: Vec<SourceId>,
}

#[derive(Deserialize)]
struct SourceId {
    id: String,
}

/// The fields of a conflict line that say whose it is.
#[derive(Deserialize)]
struct ConflictHead {
    id: String,
    drug: String,
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
        if manifest.tool.build != crate::BUILD {
            return Err("it was written by another build of this version".to_string());
        }
        if manifest.tool.lexicons != lexicons {
            return Err("it was written with other lexicons".to_string());
        }
        let written = modified(&manifest_path).ok_or_else(|| format!("{} has no time", manifest_path.display()))?;
        let unedited = |name: &str| -> Result<PathBuf, String> {
            let path = dir.join(name);
            match modified(&path) {
                Some(t) if t <= written => Ok(path),
                Some(_) => Err(format!("{} was changed after the run that wrote it", path.display())),
                None => Err(format!("{} cannot be read", path.display())),
            }
        };
        let claims_path = unedited("claims.jsonl")?;
        let conflicts_path = unedited("conflicts.jsonl")?;
        let inputs =
            manifest.inputs.into_iter().filter(|i| i.status != Status::Skipped).map(|i| (i.path.clone(), i)).collect();
        let claims =
            index_claims(&claims_path).map_err(|e| format!("{} cannot be read back: {e}", claims_path.display()))?;
        let conflicts = read_conflicts(&conflicts_path)
            .map_err(|e| format!("{} cannot be read back: {e}", conflicts_path.display()))?;
        let monographs = monograph_files(&dir.join("monographs"));
        let drugs = manifest.counts.drugs;
        Ok(Previous { dir: dir.to_path_buf(), inputs, claims, written, monographs, drugs, conflicts, read_back: false })
    }

    /// Reads every reused source back whole ([`Reused::result`]) when `yes`:
    /// for output rendered from claims rather than copied.
    pub fn read_back_all(&mut self, yes: bool) {
        self.read_back = yes;
    }

    /// True when every reused source is read back whole.
    pub fn reads_back_all(&self) -> bool {
        self.read_back
    }

    /// The path of the previous claims file, whose lines reused sources copy.
    pub fn claims_file(&self) -> PathBuf {
        self.dir.join("claims.jsonl")
    }

    /// The previous record of the input at `path` when it had source id
    /// `id`: worth hashing the input to compare.
    pub(crate) fn record(&self, path: &str, id: &str) -> Option<&InputRecord> {
        self.inputs.get(path).filter(|r| r.id == id)
    }

    /// The previous results of `record`'s input (whose bytes are unchanged);
    /// `None` when they cannot be reused.
    pub(crate) fn reuse(&self, record: &InputRecord, path: &Path) -> Option<Reused> {
        let source_file = self.source_file(&record.id);
        if !self.unedited(&source_file) {
            return None;
        }
        let claims = match self.claims.get(&record.id) {
            Some(Some(c)) => c.clone(),
            Some(None) => return None,
            None => SourceClaims::default(),
        };
        let result = if self.read_back { Some(self.read_back(record)?) } else { None };
        Some(Reused { record: record.clone(), claims, path: path.to_path_buf(), result })
    }

    /// True when the previous file at `path` has not changed since the run
    /// that wrote it.
    fn unedited(&self, path: &Path) -> bool {
        modified(path).is_some_and(|t| t <= self.written)
    }

    fn source_file(&self, id: &str) -> PathBuf {
        self.dir.join("sources").join(format!("{id}.json"))
    }

    /// `record`'s input as the previous run left it (no outline), read back
    /// from its source file and claim lines; `None` when they do not read
    /// back whole.
    fn read_back(&self, record: &InputRecord) -> Option<SourceResult> {
        let id = &record.id;
        let head: SourceHead = serde_json::from_slice(&std::fs::read(self.source_file(id)).ok()?).ok()?;
        if head.id != *id || head.path != record.path || head.sha256 != record.sha256 {
            return None;
        }
        let lines = match self.claims.get(id) {
            Some(Some(c)) => read_range(&self.claims_file(), &c.range).ok()?,
            Some(None) => return None,
            None => Vec::new(),
        };
        let mut claims = Vec::with_capacity(head.claims.len());
        for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
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
        Some(SourceResult { input: record.clone(), doc: Some(doc), drug: head.drug, claims })
    }

    /// The drug the previous run filed source `id` under (`Ok(None)`: none);
    /// `Err` when its source file does not say.
    fn drug_of(&self, id: &str) -> Result<Option<String>, ()> {
        let bytes = std::fs::read(self.source_file(id)).map_err(drop)?;
        let head: SourceHead = serde_json::from_slice(&bytes).map_err(drop)?;
        Ok(head.drug.map(|d| d.name))
    }

    /// The ids of the sources of `drug`'s previous monograph; `None` when it
    /// does not read back or was edited.
    fn sources_of(&self, drug: &str) -> Option<Vec<String>> {
        let path = self.monographs.as_ref()?.get(drug)?;
        if !self.unedited(path) {
            return None;
        }
        let m: MonographSources = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        Some(m.sources.into_iter().map(|s| s.id).collect())
    }

    /// Merges what the drugs touched by this run need, and says what is kept
    /// of the rest. `fresh` holds the contributions of inputs run again and
    /// `reused` the records of inputs reused without reading back, each with
    /// its index in input order; `merger` gets, in input order, the fresh
    /// contributions and those of reused inputs of a touched drug, read
    /// back (or, where that fails, run again with `config`).
    pub(crate) fn merge_touched(
        &self,
        merger: &mut Merger,
        fresh: Vec<(usize, Contribution)>,
        reused: &[(usize, InputRecord, PathBuf)],
        config: &Config,
    ) -> Kept {
        let reused_ids: HashSet<&str> = reused.iter().map(|(_, r, _)| r.id.as_str()).collect();
        let mut touched: BTreeSet<String> = fresh.iter().map(|(_, c)| c.drug_name().to_string()).collect();
        let mut all = false;
        // The previous drug of every input not reused: changed or removed.
        for record in self.inputs.values().filter(|r| !reused_ids.contains(r.id.as_str())) {
            match self.drug_of(&record.id) {
                Ok(Some(drug)) => {
                    touched.insert(drug);
                }
                Ok(None) => {}
                Err(()) => all = true,
            }
        }
        // Every previous drug must have a monograph that says whose it is,
        // or a drug with no changed input could be left out.
        let empty = BTreeMap::new();
        let monographs = match &self.monographs {
            Some(m) if m.len() == self.drugs => m,
            _ => {
                all = true;
                &empty
            }
        };
        let mut wanted: HashSet<String> = HashSet::new();
        for drug in touched.iter().filter(|d| monographs.contains_key(*d)) {
            match self.sources_of(drug) {
                Some(ids) => wanted.extend(ids),
                None => all = true,
            }
        }
        // A monograph edited since is made again, from all its sources.
        if !monographs.values().all(|p| self.unedited(p)) {
            all = true;
        }
        let read: Vec<(usize, Contribution)> = reused
            .par_iter()
            .filter(|(_, r, _)| all || wanted.contains(&r.id))
            .filter_map(|(i, record, path)| {
                let s = self.read_back(record).unwrap_or_else(|| {
                    let bytes = std::fs::read(path).unwrap_or_default();
                    crate::process_one(&record.id, path, &bytes, config)
                });
                Merger::contribution(&s).map(|c| (*i, c))
            })
            .collect();
        let mut contributions: Vec<(usize, Contribution)> = fresh.into_iter().chain(read).collect();
        contributions.sort_by_key(|(i, _)| *i);
        for (_, c) in contributions {
            merger.add_contribution(c);
        }
        if all {
            return Kept::default();
        }
        let keep = |drug: &String| !touched.contains(drug);
        Kept {
            monographs: monographs.iter().filter(|(d, _)| keep(d)).map(|(d, p)| (d.clone(), p.clone())).collect(),
            conflicts: self
                .conflicts
                .iter()
                .filter(|c| keep(&c.drug))
                .map(|c| (c.id.clone(), c.line.clone()))
                .collect(),
        }
    }
}

/// A file's modification time, if it can be read.
fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The previous monographs by drug name: the name is read from the head of
/// each file (`"drug": {"name": …` as [`crate::output::monograph_file`]
/// lays it out), so the files are not parsed whole. `None` when a file does
/// not say whose it is: its drug could not be told apart from the rest, so
/// every drug is merged again.
fn monograph_files(dir: &Path) -> Option<BTreeMap<String, PathBuf>> {
    let mut found = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Some(found) };
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        let mut head = Vec::new();
        std::fs::File::open(&path).ok()?.take(1 << 16).read_to_end(&mut head).ok()?;
        // The head may end inside a character: only its first lines count.
        let head = String::from_utf8_lossy(&head);
        let name = head
            .split_once("\n  \"drug\": {\n    \"name\": ")
            .and_then(|(_, rest)| rest.split_once('\n'))
            .and_then(|(value, _)| serde_json::from_str::<String>(value.trim_end_matches(',')).ok())?;
        found.insert(name, path);
    }
    Some(found)
}

fn read_conflicts(path: &Path) -> io::Result<Vec<ConflictLine>> {
    let mut lines = Vec::new();
    for line in std::fs::read(path)?.split_inclusive(|b| *b == b'\n') {
        let head: ConflictHead = serde_json::from_slice(line).map_err(io::Error::other)?;
        lines.push(ConflictLine { id: head.id, drug: head.drug, line: line.to_vec() });
    }
    Ok(lines)
}

const KINDS: [Kind; 10] = [
    Kind::Use,
    Kind::Route,
    Kind::Dosage,
    Kind::SideEffect,
    Kind::Contraindication,
    Kind::Interaction,
    Kind::Mechanism,
    Kind::Pharmacokinetics,
    Kind::LegalStatus,
    Kind::Citation,
];

/// Each source's lines in `claims.jsonl` and their kinds. A line starts
/// with its id, `{"id":"<source>#<n>","drug":…,"kind":"<kind>"`; a source
/// whose lines are not all together (never written so) maps to `None`, so
/// it is run again.
fn index_claims(path: &Path) -> io::Result<HashMap<String, Option<SourceClaims>>> {
    let mut sources: HashMap<String, Option<SourceClaims>> = HashMap::new();
    let mut file = std::fs::File::open(path)?;
    let kind_key = memchr::memmem::Finder::new(b",\"kind\":\"");
    // Lines are read in large blocks; `buf[..filled]` starts at byte `base`.
    let mut buf = vec![0u8; 1 << 22];
    let (mut filled, mut base) = (0usize, 0u64);
    // The source whose lines are being read, with what they hold so far.
    let mut current: Option<(String, SourceClaims)> = None;
    loop {
        let n = file.read(&mut buf[filled..])?;
        filled += n;
        let mut start = 0;
        while let Some(len) = memchr::memchr(b'\n', &buf[start..filled]) {
            let line = &buf[start..start + len + 1];
            let at = base + start as u64;
            let bad =
                || io::Error::new(io::ErrorKind::InvalidData, format!("line at byte {at} has no claim id or kind"));
            let source = line
                .strip_prefix(b"{\"id\":\"")
                .and_then(|rest| rest.iter().position(|b| *b == b'"').map(|end| &rest[..end]))
                .and_then(|id| id.iter().rposition(|b| *b == b'#').map(|hash| &id[..hash]))
                .ok_or_else(bad)?;
            let kind = kind_key
                .find(line)
                .map(|k| &line[k + 9..])
                .and_then(|rest| rest.iter().position(|b| *b == b'"').map(|end| &rest[..end]))
                .and_then(|k| KINDS.iter().copied().find(|kind| kind.as_str().as_bytes() == k))
                .ok_or_else(bad)?;
            if current.as_ref().is_none_or(|(name, _)| name.as_bytes() != source) {
                let name = std::str::from_utf8(source).map_err(|_| bad())?.to_string();
                file_away(&mut sources, current.take());
                current = Some((name, SourceClaims { range: at..at, kinds: BTreeMap::new() }));
            }
            if let Some((_, c)) = &mut current {
                c.range.end = at + line.len() as u64;
                *c.kinds.entry(kind).or_insert(0) += 1;
            }
            start += len + 1;
        }
        if n == 0 {
            if start < filled {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "the last line has no newline"));
            }
            file_away(&mut sources, current.take());
            return Ok(sources);
        }
        // Keep the unfinished line; make room for a line longer than the buffer.
        buf.copy_within(start..filled, 0);
        filled -= start;
        base += start as u64;
        if filled == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
    }
}

/// Records the lines of one source in `sources`; a source met before,
/// elsewhere, has its lines apart and maps to `None`.
fn file_away(sources: &mut HashMap<String, Option<SourceClaims>>, done: Option<(String, SourceClaims)>) {
    if let Some((name, claims)) = done {
        sources.entry(name).and_modify(|e| *e = None).or_insert(Some(claims));
    }
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

    /// A monograph's drug is read from the head of its file, even when the
    /// head read ends inside a character; a file that does not say whose it
    /// is makes the whole set unknown.
    #[test]
    fn monograph_heads_name_their_drugs() {
        let dir = std::env::temp_dir().join(format!("monograph-heads-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let run = crate::run(&[root.join("input")], &crate::Config::for_tests());
        let m = &run.monographs[0];
        let mut bytes = crate::output::monograph_file(m);
        // Dashes after the drug's head put a three-byte character across
        // the 64 KiB mark.
        let at = memchr::memmem::find(&bytes, b"\n  \"sources\"").unwrap() + 1;
        let start = at + "  \"pad\": \"".len();
        let ascii = (3 - ((1 << 16) - start) % 3 + 1) % 3;
        let pad = format!("  \"pad\": \"{}{}\",\n", "x".repeat(ascii), "\u{2014}".repeat(30_000));
        bytes.splice(at..at, pad.into_bytes());
        assert!(std::str::from_utf8(&bytes[..1 << 16]).is_err(), "the mark falls inside a character");
        std::fs::write(dir.join("a.json"), &bytes).unwrap();
        let found = monograph_files(&dir).unwrap();
        assert_eq!(found.keys().collect::<Vec<_>>(), [&m.drug.name]);
        std::fs::write(dir.join("other.json"), b"{}").unwrap();
        assert!(monograph_files(&dir).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
