//! Output: renders a run into the files of SPEC §2 and writes them
//! atomically, or compares them with an existing directory (`--check`).
//!
//! Rendering is pure: the same run gives the same bytes. Keys follow struct
//! field order, lists keep the documented sort order, and serde_json prints
//! floats in shortest round-trip form. The CSV tables (`--format csv`) and
//! the reviewers' conflict report live in the submodules `csv` and `report`.

mod csv;
mod outline;
mod report;
mod stale;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;

use crate::conflict::Conflict;
use crate::extract::Kind;
use crate::{InputRecord, Run, SCHEMA_VERSION, SourceResult, Status};

pub use crate::model::drug_slug;
pub use csv::add_csv;
pub use report::{write_explanation, write_report};
pub use stale::sweep;

/// Rendered output: relative path → bytes, sorted by path.
pub type Files = BTreeMap<String, Vec<u8>>;

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'static str,
    /// Fingerprint of the lexicons: with the version and the build, what
    /// decides whether `--incremental` may reuse this output.
    lexicons: &'a str,
    /// Fingerprint of the code the binary was built from (`build.rs`).
    build: &'static str,
}

#[derive(Serialize)]
struct Counts {
    inputs: usize,
    ok: usize,
    warning: usize,
    skipped: usize,
    drugs: usize,
    claims: usize,
    conflicts: usize,
    claims_by_kind: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    schema_version: &'static str,
    tool: Tool<'a>,
    inputs: Vec<&'a InputRecord>,
    counts: Counts,
}

/// Renders every output file of a run.
///
/// The same helpers render the files [`crate::extract_to`] writes as it
/// goes, so both give the same bytes.
pub fn render(run: &Run) -> Files {
    let mut files = Files::new();
    let mut tally = Tally::default();
    let mut claims = Vec::new();
    for s in &run.sources {
        let r = Rendered::new(s, false).unwrap_or_default();
        if let Some(file) = &r.source_file {
            files.insert(format!("sources/{}.json", s.input.id), file.clone());
        }
        claims.extend_from_slice(&r.claims_jsonl);
        tally.add(&r);
    }
    let inputs: Vec<&InputRecord> = run.sources.iter().map(|s| &s.input).collect();
    files.insert(
        "manifest.json".into(),
        manifest(inputs, &tally, run.monographs.len(), run.conflicts.len(), &run.lexicons),
    );
    files.insert("claims.jsonl".into(), claims);
    files.insert("conflicts.jsonl".into(), conflict_lines(&run.conflicts));
    let mut names = MonographNames::default();
    for m in &run.monographs {
        files.insert(format!("monographs/{}.json", names.next(&m.drug.name)), monograph_file(m));
    }
    files
}

/// What one source contributes to the output, rendered on the worker that
/// processed it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// `sources/<id>.json`; `None` for a skipped input.
    pub source_file: Option<Vec<u8>>,
    /// Its lines of `claims.jsonl`.
    pub claims_jsonl: Vec<u8>,
    /// Its lines of `claims.jsonl` as a byte range of the previous run's
    /// file, to copy from there instead (`--incremental`).
    pub claims_copied: Option<std::ops::Range<u64>>,
    /// Its rows of `claims.csv`, when asked for.
    pub claims_csv: Vec<u8>,
    /// Number of claims of each kind.
    kinds: Vec<(&'static str, usize)>,
}

impl Rendered {
    /// Renders `s`; `csv` adds its rows of `claims.csv`.
    pub fn new(s: &SourceResult, csv: bool) -> Result<Rendered, OutputError> {
        let source_file = s.doc.as_ref().map(|doc| {
            // The outline is smaller than its input (no text, no claims):
            // size the buffer once instead of growing and copying it.
            let capacity = (s.input.bytes as usize).saturating_add(4096);
            outline::SourceFile {
                schema_version: SCHEMA_VERSION,
                id: &s.input.id,
                path: &s.input.path,
                format: s.input.format.map(|f| f.as_str()),
                sha256: &s.input.sha256,
                bytes: s.input.bytes,
                title: doc.meta.title.as_deref(),
                drug: s.drug.as_ref(),
                flags: &doc.meta.flags,
                front_matter: (!doc.meta.front_matter.is_empty()).then_some(&doc.meta.front_matter),
                label: doc.meta.label.as_ref(),
                warnings: &s.input.warnings,
                debris: &doc.debris,
                sections: &doc.sections,
                claims: &s.claims,
            }
            .render_into(Vec::with_capacity(capacity))
        });
        let mut claims_jsonl = Vec::with_capacity(s.claims.len() * 400);
        for c in &s.claims {
            line(&mut claims_jsonl, c);
        }
        let claims_csv = if csv { csv::claim_rows(&s.claims)? } else { Vec::new() };
        let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
        for c in &s.claims {
            *kinds.entry(c.kind).or_insert(0) += 1;
        }
        Ok(Rendered { source_file, claims_jsonl, claims_copied: None, claims_csv, kinds: kind_counts(&kinds) })
    }

    /// What a source reused by `--incremental` contributes: its claim lines
    /// as written before, copied from the previous file (its source file is
    /// linked, not rendered), and, with `csv`, the rows of its claims read
    /// back (`read_back`).
    pub fn reused(
        claims: &crate::incremental::SourceClaims,
        read_back: Option<&SourceResult>,
        csv: bool,
    ) -> Result<Rendered, OutputError> {
        let claims_csv = match read_back {
            Some(s) if csv => csv::claim_rows(&s.claims)?,
            _ => Vec::new(),
        };
        Ok(Rendered {
            source_file: None,
            claims_jsonl: Vec::new(),
            claims_copied: Some(claims.range.clone()),
            claims_csv,
            kinds: kind_counts(&claims.kinds),
        })
    }

    /// The same without the source file, once that is written.
    pub fn without_source_file(self) -> Rendered {
        Rendered { source_file: None, ..self }
    }
}

fn kind_counts(kinds: &BTreeMap<Kind, usize>) -> Vec<(&'static str, usize)> {
    kinds.iter().map(|(k, n)| (k.as_str(), *n)).collect()
}

/// Claim counts for the manifest, gathered as sources go by.
#[derive(Debug, Default)]
pub struct Tally {
    claims: usize,
    by_kind: BTreeMap<&'static str, usize>,
}

impl Tally {
    /// Counts the claims of one source.
    pub fn add(&mut self, r: &Rendered) {
        for &(kind, n) in &r.kinds {
            self.claims += n;
            *self.by_kind.entry(kind).or_insert(0) += n;
        }
    }

    /// Claims counted.
    pub fn claims(&self) -> usize {
        self.claims
    }
}

/// `manifest.json`.
pub fn manifest(inputs: Vec<&InputRecord>, tally: &Tally, drugs: usize, conflicts: usize, lexicons: &str) -> Vec<u8> {
    let count = |st: Status| inputs.iter().filter(|i| i.status == st).count();
    let counts = Counts {
        inputs: inputs.len(),
        ok: count(Status::Ok),
        warning: count(Status::Warning),
        skipped: count(Status::Skipped),
        drugs,
        claims: tally.claims,
        conflicts,
        claims_by_kind: tally.by_kind.clone(),
    };
    pretty(&Manifest {
        schema_version: SCHEMA_VERSION,
        tool: Tool { name: env!("CARGO_PKG_NAME"), version: env!("CARGO_PKG_VERSION"), lexicons, build: crate::BUILD },
        inputs,
        counts,
    })
}

/// `conflicts.jsonl`.
pub fn conflict_lines(conflicts: &[Conflict]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in conflicts {
        line(&mut out, c);
    }
    out
}

/// The header line of `claims.csv`.
pub fn csv_claims_header() -> Result<Vec<u8>, OutputError> {
    csv::claims_header()
}

/// All of `conflicts.csv`.
pub fn csv_conflicts(conflicts: &[Conflict]) -> Result<Vec<u8>, OutputError> {
    csv::conflicts_table(conflicts)
}

/// Monograph file names, given drug by drug in drug order: the slug, with
/// `-2`, `-3` … when two drugs share one.
#[derive(Debug, Default)]
pub struct MonographNames {
    used: std::collections::BTreeSet<String>,
    next: BTreeMap<String, usize>,
}

impl MonographNames {
    /// The file stem for the next drug.
    pub fn next(&mut self, drug: &str) -> String {
        // A slug can end in `-2` already: count up until the name is free,
        // so no monograph overwrites another.
        let slug = drug_slug(drug);
        let n = self.next.entry(slug.clone()).or_insert(1);
        let mut name = if *n == 1 { slug.clone() } else { format!("{slug}-{n}") };
        while !self.used.insert(name.clone()) {
            *n += 1;
            name = format!("{slug}-{n}");
        }
        *n += 1;
        name
    }
}

/// Pretty JSON with a final newline, as every `.json` file is written.
pub fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    pretty_into(Vec::with_capacity(4096), value)
}

/// How deep a monograph is laid out one item per line: its fields and the
/// drug's (depth 1 and 2), and each entry, source and conflict of its
/// lists, written compactly on a line of its own.
const MONOGRAPH_LINE_DEPTH: usize = 2;

/// A monograph file's bytes: one line per entry, so a change to one merged
/// fact is a change to one line, at two thirds of pretty JSON's size
/// (README, "What changed in 2.0").
pub fn monograph_file(m: &crate::merge::Monograph) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, outline::Lines::new(MONOGRAPH_LINE_DEPTH));
    // Writing into a Vec cannot fail, and a monograph always serializes.
    let _ = m.serialize(&mut ser);
    out.push(b'\n');
    out
}

fn pretty_into<T: Serialize>(mut v: Vec<u8>, value: &T) -> Vec<u8> {
    let _ = serde_json::to_writer_pretty(&mut v, value);
    v.push(b'\n');
    v
}

fn line<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    if serde_json::to_writer(&mut *out, value).is_ok() {
        out.push(b'\n');
    }
}

/// An error writing the output directory.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The directory holds files this tool did not write.
    #[error("{0} exists and is not a monograph output directory (no manifest.json); use --force to replace it")]
    Foreign(String),
    /// A CSV table could not be rendered.
    #[error("rendering {file}: {msg}")]
    Csv {
        /// The table.
        file: &'static str,
        /// What went wrong.
        msg: String,
    },
    /// An I/O error on a path.
    #[error("writing {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.display().to_string(), source }
}

/// Writes `files` into `dir` atomically (see [`Writer::create`]).
pub fn write(files: &Files, dir: &Path, force: bool) -> Result<(), OutputError> {
    let w = Writer::create(dir, force)?;
    for (rel, bytes) in files {
        w.file(rel, bytes)?;
    }
    w.finish().map(|_| ())
}

/// Where a run's files go: into a temporary directory that replaces the
/// output directory at the end, or, for `--check`, into a comparison with
/// what the directory holds. Files can be handed over from any thread, in
/// any order; nothing is kept in memory but the differences found.
#[derive(Debug)]
pub struct Writer {
    dir: PathBuf,
    mode: Mode,
    /// A directory of the output being replaced that the new one takes
    /// over, and the names of its files to keep ([`Writer::adopt`]).
    adopted: Mutex<Option<(String, std::collections::HashSet<String>)>>,
}

#[derive(Debug)]
enum Mode {
    /// Writing into `tmp`, which `finish` moves into place; removed if the
    /// run fails first.
    Write { tmp: Option<PathBuf> },
    /// Comparing with the files of the directory.
    Check { existing: BTreeMap<String, PathBuf>, seen: Mutex<Vec<String>>, diff: Mutex<Diff> },
}

impl Writer {
    /// Starts writing `dir`: everything goes into a temporary directory
    /// beside it, which replaces it in [`Writer::finish`], so a run that
    /// fails or is interrupted leaves the previous output intact. Refuses a
    /// non-empty directory without a `manifest.json` unless `force`.
    pub fn create(dir: &Path, force: bool) -> Result<Writer, OutputError> {
        Writer::create_with(dir, force, &["sources", "monographs"])
    }

    /// [`Writer::create`] for a shard (`extract --shard`), which has no
    /// monographs.
    pub fn create_shard(dir: &Path, force: bool) -> Result<Writer, OutputError> {
        Writer::create_with(dir, force, &["sources"])
    }

    fn create_with(dir: &Path, force: bool, subdirs: &[&str]) -> Result<Writer, OutputError> {
        if dir.exists() && !force && !is_output_dir(dir) {
            return Err(OutputError::Foreign(dir.display().to_string()));
        }
        let parent = parent_of(dir);
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        let tmp = parent.join(format!(".{}.tmp-{}", dir_name(dir), std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        for sub in subdirs {
            let path = tmp.join(sub);
            std::fs::create_dir_all(&path).map_err(io_err(&path))?;
        }
        Ok(Writer { dir: dir.to_path_buf(), mode: Mode::Write { tmp: Some(tmp) }, adopted: Mutex::new(None) })
    }

    /// Starts comparing with `dir` (`--check`); writes nothing.
    pub fn check(dir: &Path) -> Writer {
        let mode =
            Mode::Check { existing: list_files(dir), seen: Mutex::new(Vec::new()), diff: Mutex::new(Diff::default()) };
        Writer { dir: dir.to_path_buf(), mode, adopted: Mutex::new(None) }
    }

    /// Takes over directory `rel` of the output being replaced, keeping the
    /// files named in `keep` as they are (`--incremental` keeps the source
    /// files of unchanged inputs): at the end the directory moves into the
    /// new output with the files this run wrote under `rel` added (or put
    /// in place of old ones) and every other old file removed. Nothing is
    /// linked or copied file by file, and the output being replaced stays
    /// whole until [`Writer::finish`]. When checking, the kept files count
    /// as written unchanged.
    pub fn adopt(&self, rel: &str, keep: std::collections::HashSet<String>) {
        match &self.mode {
            Mode::Write { .. } => *lock(&self.adopted) = Some((rel.to_string(), keep)),
            Mode::Check { seen, .. } => lock(seen).extend(keep.into_iter().map(|name| format!("{rel}/{name}"))),
        }
    }

    /// Moves the adopted directory into `tmp` (see [`Writer::adopt`]) and
    /// returns its name.
    fn move_adopted(&self, tmp: &Path) -> Result<Option<String>, OutputError> {
        let Some((rel, keep)) = lock(&self.adopted).take() else { return Ok(None) };
        let (old, new) = (self.dir.join(&rel), tmp.join(&rel));
        let names = |dir: &Path| -> Result<Vec<std::ffi::OsString>, OutputError> {
            let entries = std::fs::read_dir(dir).map_err(io_err(dir))?;
            entries.map(|e| e.map(|e| e.file_name()).map_err(io_err(dir))).collect()
        };
        let written = names(&new)?;
        for name in &written {
            let to = old.join(name);
            std::fs::rename(new.join(name), &to).map_err(io_err(&to))?;
        }
        for name in names(&old)? {
            let keeps = name.to_str().is_some_and(|n| keep.contains(n)) || written.contains(&name);
            if !keeps {
                let path = old.join(&name);
                std::fs::remove_file(&path).map_err(io_err(&path))?;
            }
        }
        std::fs::remove_dir(&new).map_err(io_err(&new))?;
        std::fs::rename(&old, &new).map_err(io_err(&old))?;
        Ok(Some(rel))
    }

    /// Writes (or checks) one whole file, `rel` being its path with `/`.
    pub fn file(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        match &self.mode {
            Mode::Write { tmp } => {
                let path = tmp.as_deref().unwrap_or(&self.dir).join(rel);
                match std::fs::write(&path, bytes) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        if let Some(p) = path.parent() {
                            std::fs::create_dir_all(p).map_err(io_err(p))?;
                        }
                        std::fs::write(&path, bytes).map_err(io_err(&path))
                    }
                    r => r.map_err(io_err(&path)),
                }
            }
            Mode::Check { existing, seen, diff } => {
                lock(seen).push(rel.to_string());
                match existing.get(rel) {
                    None => lock(diff).added.push(rel.to_string()),
                    Some(path) => {
                        let old = std::fs::read(path).unwrap_or_default();
                        if old != bytes {
                            lock(diff).changed.push((rel.to_string(), first_difference(&old, bytes)));
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Puts the existing file `from` at `rel` (a source file reused by
    /// `--incremental`): a hard link, so nothing is copied, or a copy where
    /// the file system cannot link; when checking, compares its bytes.
    pub fn link(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        match &self.mode {
            Mode::Write { tmp } => {
                let path = tmp.as_deref().unwrap_or(&self.dir).join(rel);
                if std::fs::hard_link(from, &path).is_ok() {
                    return Ok(());
                }
                std::fs::copy(from, &path).map(|_| ()).map_err(io_err(&path))
            }
            Mode::Check { .. } => self.file(rel, &std::fs::read(from).map_err(io_err(from))?),
        }
    }

    /// Writes (or checks) file `rel` with the bytes of the file at `from`.
    /// Writing copies in the kernel (`copy_file_range` on Linux, where the
    /// file system may share the blocks), never through this process.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        match &self.mode {
            Mode::Write { tmp } => {
                let path = tmp.as_deref().unwrap_or(&self.dir).join(rel);
                match std::fs::copy(from, &path) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound && from.exists() => {
                        if let Some(p) = path.parent() {
                            std::fs::create_dir_all(p).map_err(io_err(p))?;
                        }
                        std::fs::copy(from, &path).map(drop).map_err(io_err(&path))
                    }
                    r => r.map(drop).map_err(io_err(&path)),
                }
            }
            Mode::Check { .. } => self.file(rel, &std::fs::read(from).map_err(io_err(from))?),
        }
    }

    /// Opens a file that is written piece by piece (`claims.jsonl`).
    pub fn stream(&self, rel: &str) -> Result<Stream, OutputError> {
        let sink = match &self.mode {
            Mode::Write { tmp } => {
                let path = tmp.as_deref().unwrap_or(&self.dir).join(rel);
                let file = std::fs::File::create(&path).map_err(io_err(&path))?;
                Sink::File { w: io::BufWriter::with_capacity(1 << 20, file), path }
            }
            Mode::Check { existing, .. } => {
                let old = existing.get(rel).and_then(|p| std::fs::File::open(p).ok()).map(io::BufReader::new);
                Sink::Compare(Box::new(LineCompare::new(old, existing.contains_key(rel))))
            }
        };
        Ok(Stream { rel: rel.to_string(), sink })
    }

    /// Puts the new directory in place, or returns the differences found
    /// when checking.
    pub fn finish(mut self) -> Result<Option<Diff>, OutputError> {
        match &mut self.mode {
            Mode::Write { tmp } => {
                let Some(tmp) = tmp.take() else { return Ok(None) };
                let adopted = match self.move_adopted(&tmp) {
                    Ok(rel) => rel,
                    Err(e) => {
                        let _ = std::fs::remove_dir_all(&tmp);
                        return Err(e);
                    }
                };
                let dir = &self.dir;
                let old = parent_of(dir).join(format!(".{}.old-{}", dir_name(dir), std::process::id()));
                let swap = || -> io::Result<()> {
                    if dir.exists() {
                        std::fs::rename(dir, &old)?;
                    }
                    std::fs::rename(&tmp, dir).inspect_err(|_| {
                        let _ = std::fs::rename(&old, dir);
                    })
                };
                if let Err(e) = swap() {
                    // The output being replaced gets back what it lent.
                    if let Some(rel) = adopted {
                        let _ = std::fs::rename(tmp.join(&rel), dir.join(&rel));
                    }
                    let _ = std::fs::remove_dir_all(&tmp);
                    return Err(io_err(dir)(e));
                }
                let _ = std::fs::remove_dir_all(&old);
                Ok(None)
            }
            Mode::Check { existing, seen, diff } => {
                let seen: std::collections::BTreeSet<String> = std::mem::take(&mut *lock(seen)).into_iter().collect();
                let mut diff = std::mem::take(&mut *lock(diff));
                diff.added.sort();
                diff.changed.sort();
                diff.removed = existing.keys().filter(|k| !seen.contains(*k)).cloned().collect();
                Ok(Some(diff))
            }
        }
    }

    fn record(&self, rel: &str, note: Option<Note>) {
        if let Mode::Check { seen, diff, .. } = &self.mode {
            lock(seen).push(rel.to_string());
            match note {
                Some(Note::Added) => lock(diff).added.push(rel.to_string()),
                Some(Note::Changed(n)) => lock(diff).changed.push((rel.to_string(), n)),
                None => {}
            }
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if let Mode::Write { tmp: Some(tmp) } = &self.mode {
            let _ = std::fs::remove_dir_all(tmp);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn parent_of(dir: &Path) -> &Path {
    dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn dir_name(dir: &Path) -> String {
    dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into())
}

/// A file written piece by piece through a [`Writer`]; [`Stream::close`]
/// must be called at the end.
#[derive(Debug)]
pub struct Stream {
    rel: String,
    sink: Sink,
}

#[derive(Debug)]
enum Sink {
    File { w: io::BufWriter<std::fs::File>, path: PathBuf },
    Compare(Box<LineCompare>),
}

/// How a checked file differs.
enum Note {
    Added,
    Changed(String),
}

impl Stream {
    /// Appends bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        match &mut self.sink {
            Sink::File { w, path } => io::Write::write_all(w, bytes).map_err(io_err(path)),
            Sink::Compare(c) => {
                c.feed(bytes);
                Ok(())
            }
        }
    }

    /// Appends bytes `range` of `file` (at `from`: lines of a previous
    /// run's file). Writing copies them in the kernel, never through this
    /// process.
    pub fn copy_from(
        &mut self,
        file: &std::fs::File,
        from: &Path,
        range: std::ops::Range<u64>,
    ) -> Result<(), OutputError> {
        use io::{Read, Seek};
        let len = range.end.saturating_sub(range.start);
        let mut reader = file;
        reader.seek(io::SeekFrom::Start(range.start)).map_err(io_err(from))?;
        let mut part = reader.take(len);
        let copied = match &mut self.sink {
            Sink::File { w, path } => {
                io::Write::flush(w).map_err(io_err(path))?;
                io::copy(&mut part, w.get_mut()).map_err(io_err(path))?
            }
            Sink::Compare(c) => {
                let mut buf = Vec::with_capacity(len.min(1 << 20) as usize);
                part.read_to_end(&mut buf).map_err(io_err(from))?;
                c.feed(&buf);
                buf.len() as u64
            }
        };
        if copied == len {
            Ok(())
        } else {
            Err(io_err(from)(io::Error::new(io::ErrorKind::UnexpectedEof, "shorter than its previous run wrote")))
        }
    }

    /// Flushes the file, or records how it differs.
    pub fn close(self, writer: &Writer) -> Result<(), OutputError> {
        match self.sink {
            Sink::File { mut w, path } => io::Write::flush(&mut w).map_err(io_err(&path)),
            Sink::Compare(c) => {
                writer.record(&self.rel, c.finish());
                Ok(())
            }
        }
    }
}

/// Compares a file being written, line by line, with an existing one, and
/// words the first difference as [`first_difference`] does.
#[derive(Debug)]
struct LineCompare {
    old: Option<io::BufReader<std::fs::File>>,
    exists: bool,
    /// Lines found equal so far.
    line: usize,
    /// The bytes differ somewhere (perhaps only in line endings).
    differs: bool,
    /// The first line whose text differs, worded.
    note: Option<String>,
    /// New bytes after the last newline.
    partial: Vec<u8>,
    old_line: Vec<u8>,
}

impl LineCompare {
    fn new(old: Option<io::BufReader<std::fs::File>>, exists: bool) -> LineCompare {
        LineCompare { old, exists, line: 1, differs: false, note: None, partial: Vec::new(), old_line: Vec::new() }
    }

    fn feed(&mut self, mut new: &[u8]) {
        while self.note.is_none() {
            let Some(at) = new.iter().position(|&b| b == b'\n') else { break };
            self.partial.extend_from_slice(&new[..=at]);
            new = &new[at + 1..];
            let line = std::mem::take(&mut self.partial);
            self.compare(Some(&line));
        }
        if self.note.is_none() {
            self.partial.extend_from_slice(new);
        }
    }

    /// Compares the next line of the old file with `new` (one line with its
    /// newline, the last line without, or `None` at the end).
    fn compare(&mut self, new: Option<&[u8]>) {
        self.old_line.clear();
        let read = match &mut self.old {
            Some(r) => io::BufRead::read_until(r, b'\n', &mut self.old_line).unwrap_or(0),
            None => 0,
        };
        let old = (read > 0).then_some(self.old_line.as_slice());
        if old != new {
            self.differs = true;
        }
        let text = |l: &[u8]| {
            let l = l.strip_suffix(b"\n").map_or(l, |l| l.strip_suffix(b"\r").unwrap_or(l));
            String::from_utf8_lossy(l).into_owned()
        };
        match (old.map(text), new.map(text)) {
            (Some(a), Some(b)) if a == b => self.line += 1,
            (a, b) => self.note = Some(difference_note(self.line, a.as_deref(), b.as_deref())),
        }
    }

    fn finish(mut self) -> Option<Note> {
        if !self.exists {
            return Some(Note::Added);
        }
        if self.note.is_none() && !self.partial.is_empty() {
            let last = std::mem::take(&mut self.partial);
            self.compare(Some(&last));
        }
        while self.note.is_none() {
            self.compare(None);
        }
        // Lines that differ only in their endings count as a change.
        self.differs.then(|| Note::Changed(self.note.unwrap_or_default()))
    }
}

/// An empty directory, or one holding a `manifest.json` (or a shard's
/// `shard.json`).
fn is_output_dir(dir: &Path) -> bool {
    dir.join("manifest.json").is_file()
        || dir.join(crate::shard::MANIFEST).is_file()
        || std::fs::read_dir(dir).is_ok_and(|mut rd| rd.next().is_none())
}

/// How an existing directory differs from what a run would write.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Files the run would add.
    pub added: Vec<String>,
    /// Files the run would remove.
    pub removed: Vec<String>,
    /// Files whose content would change, with a short note each.
    pub changed: Vec<(String, String)>,
}

impl Diff {
    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares `files` with the contents of `dir` without writing anything.
pub fn check(files: &Files, dir: &Path) -> Diff {
    let w = Writer::check(dir);
    for (rel, bytes) in files {
        let _ = w.file(rel, bytes);
    }
    w.finish().ok().flatten().unwrap_or_default()
}

/// Every file under `dir`, by relative path with `/` separators.
pub(crate) fn list_files(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

/// Iterative, and symlinks are never followed into: a symlink loop or a deep
/// tree inside `DIR` cannot overflow the stack of `--check`.
fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, PathBuf>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for entry in rd.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.insert(rel.to_string_lossy().replace('\\', "/"), path);
            }
        }
    }
}

/// The first differing line, old and new, shortened.
fn first_difference(old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let mut o = old.lines();
    let mut n = new.lines();
    let mut line = 1;
    loop {
        match (o.next(), n.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (a, b) => return difference_note(line, a, b),
        }
    }
}

/// `line N:` with the old and the new line, shortened.
fn difference_note(line: usize, old: Option<&str>, new: Option<&str>) -> String {
    let short = |s: Option<&str>| {
        let s = s.unwrap_or("<end of file>");
        if s.len() > 160 { format!("{}…", &s[..s.floor_char_boundary(160)]) } else { s.to_string() }
    };
    format!("line {line}:\n  - {}\n  + {}", short(old), short(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed comparison of `--check` words a difference exactly as
    /// the whole-file comparison does, and sees line-ending changes.
    #[test]
    fn line_compare_agrees_with_first_difference() {
        let tmp = tempfile::tempdir().unwrap();
        let cases: &[(&str, &str)] = &[
            ("a\nb\nc\n", "a\nb\nc\n"),
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\n", "a\nb\nc\n"),
            ("a\nb\nc\n", "a\nb\n"),
            ("a\r\nb\n", "a\nb\n"),
            ("a\nb", "a\nb\n"),
            ("", "x\n"),
        ];
        for (i, (old, new)) in cases.iter().enumerate() {
            let path = tmp.path().join(format!("{i}.txt"));
            std::fs::write(&path, old).unwrap();
            let reader = std::fs::File::open(&path).ok().map(io::BufReader::new);
            let mut c = LineCompare::new(reader, true);
            // Fed in uneven pieces, as claims arrive a source at a time.
            for piece in new.as_bytes().chunks(3) {
                c.feed(piece);
            }
            let got = match c.finish() {
                None => None,
                Some(Note::Changed(n)) => Some(n),
                Some(Note::Added) => panic!("the file exists"),
            };
            let want = (old != new).then(|| first_difference(old.as_bytes(), new.as_bytes()));
            assert_eq!(got, want, "old {old:?} new {new:?}");
        }
    }

    /// `extract_to`, which writes as it goes, gives the bytes `render` gives
    /// for the in-memory run, with and without CSV.
    #[test]
    fn streamed_output_equals_rendered_output() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let paths = [root.join("input"), root.join("tests/fixtures")];
        let config = crate::Config::for_tests();
        let run = crate::run(&paths, &config);
        let mut want = render(&run);
        add_csv(&run, &mut want).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let writer = Writer::create(&out, false).unwrap();
        crate::extract_to(&paths, &config, None, &(), &writer, true).unwrap();
        writer.finish().unwrap();
        let got = list_files(&out);
        assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
        for (rel, bytes) in &want {
            assert!(std::fs::read(&got[rel]).unwrap() == *bytes, "{rel} differs");
        }
        // And --check finds nothing to change.
        let checker = Writer::check(&out);
        crate::extract_to(&paths, &config, None, &(), &checker, true).unwrap();
        assert_eq!(checker.finish().unwrap(), Some(Diff::default()));
    }
}
