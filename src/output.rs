//! Output: renders a run into the files of SPEC §2 and writes them
//! atomically, or compares them with an existing directory (`--check`).
//!
//! Rendering is pure: the same run gives the same bytes. Keys follow struct
//! field order, lists keep the documented sort order, and serde_json prints
//! floats in shortest round-trip form. The CSV tables (`--format csv`) and
//! the reviewers' conflict report live in the submodules `csv` and `report`.

mod csv;
mod report;
mod stale;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::extract::{Claim, DrugIdentity};
use crate::model::{Debris, Section};
use crate::{InputRecord, Run, SCHEMA_VERSION, Status};

pub use csv::add_csv;
pub use report::write_report;
pub use stale::sweep;

/// Rendered output: relative path → bytes, sorted by path.
pub type Files = BTreeMap<String, Vec<u8>>;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
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
    tool: Tool,
    inputs: Vec<&'a InputRecord>,
    counts: Counts,
}

#[derive(Serialize)]
struct SourceFile<'a> {
    schema_version: &'static str,
    id: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    sha256: &'a str,
    bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    drug: Option<&'a DrugIdentity>,
    flags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    front_matter: Option<&'a BTreeMap<String, String>>,
    warnings: &'a [String],
    debris: &'a [Debris],
    sections: &'a [Section],
    claims: &'a [Claim],
}

/// The file name of a drug's monograph: a lowercase ASCII slug.
pub fn drug_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let mut slug: String = slug.chars().take(80).collect();
    if slug.is_empty() {
        slug.push_str("unknown");
    }
    slug
}

/// Renders every output file of a run.
pub fn render(run: &Run) -> Files {
    let mut files = Files::new();
    let mut by_kind = BTreeMap::new();
    for c in run.claims() {
        *by_kind.entry(c.kind.as_str()).or_insert(0) += 1;
    }
    let count = |st: Status| run.sources.iter().filter(|s| s.input.status == st).count();
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        tool: Tool { name: env!("CARGO_PKG_NAME"), version: env!("CARGO_PKG_VERSION") },
        inputs: run.sources.iter().map(|s| &s.input).collect(),
        counts: Counts {
            inputs: run.sources.len(),
            ok: count(Status::Ok),
            warning: count(Status::Warning),
            skipped: count(Status::Skipped),
            drugs: run.monographs.len(),
            claims: run.claims().count(),
            conflicts: run.conflicts.len(),
            claims_by_kind: by_kind,
        },
    };
    files.insert("manifest.json".into(), pretty(&manifest));

    for s in &run.sources {
        let Some(doc) = &s.doc else { continue };
        let file = SourceFile {
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
            warnings: &s.input.warnings,
            debris: &doc.debris,
            sections: &doc.sections,
            claims: &s.claims,
        };
        files.insert(format!("sources/{}.json", s.input.id), pretty(&file));
    }

    let mut claims = Vec::new();
    for c in run.claims() {
        line(&mut claims, c);
    }
    files.insert("claims.jsonl".into(), claims);
    let mut conflicts = Vec::new();
    for c in &run.conflicts {
        line(&mut conflicts, c);
    }
    files.insert("conflicts.jsonl".into(), conflicts);

    // Two drug names can share a slug, and a slug can end in `-2` already:
    // count up until the name is free, so no monograph overwrites another.
    let mut used = std::collections::BTreeSet::<String>::new();
    let mut next = BTreeMap::<String, usize>::new();
    for m in &run.monographs {
        let slug = drug_slug(&m.drug.name);
        let n = next.entry(slug.clone()).or_insert(1);
        let mut name = if *n == 1 { slug.clone() } else { format!("{slug}-{n}") };
        while !used.insert(name.clone()) {
            *n += 1;
            name = format!("{slug}-{n}");
        }
        *n += 1;
        files.insert(format!("monographs/{name}.json"), pretty(m));
    }
    files
}

fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).unwrap_or_default();
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

/// Writes `files` into `dir` atomically: everything goes into a temporary
/// directory beside `dir`, which then replaces it, so an interrupted run
/// leaves the previous output intact.
pub fn write(files: &Files, dir: &Path, force: bool) -> Result<(), OutputError> {
    if dir.exists() && !force && !is_output_dir(dir) {
        return Err(OutputError::Foreign(dir.display().to_string()));
    }
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    for (rel, bytes) in files {
        let path = tmp.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(io_err(p))?;
        }
        std::fs::write(&path, bytes).map_err(io_err(&path))?;
    }
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(io_err(dir))?;
    }
    std::fs::rename(&tmp, dir).map_err(io_err(dir))?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// An empty directory, or one holding a `manifest.json`.
fn is_output_dir(dir: &Path) -> bool {
    dir.join("manifest.json").is_file() || std::fs::read_dir(dir).is_ok_and(|mut rd| rd.next().is_none())
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
    let existing = list_files(dir);
    let mut diff = Diff::default();
    for (rel, bytes) in files {
        match existing.get(rel) {
            None => diff.added.push(rel.clone()),
            Some(path) => {
                let old = std::fs::read(path).unwrap_or_default();
                if &old != bytes {
                    diff.changed.push((rel.clone(), first_difference(&old, bytes)));
                }
            }
        }
    }
    diff.removed = existing.keys().filter(|k| !files.contains_key(*k)).cloned().collect();
    diff
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
            (a, b) => {
                let short = |s: Option<&str>| {
                    let s = s.unwrap_or("<end of file>");
                    if s.len() > 160 { format!("{}…", &s[..s.floor_char_boundary(160)]) } else { s.to_string() }
                };
                return format!("line {line}:\n  - {}\n  + {}", short(a), short(b));
            }
        }
    }
}
