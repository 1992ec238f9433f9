//! The references between the files of an output directory (schema 2.0),
//! which no single file's schema can check: a claim is written once, in
//! `claims.jsonl`, and everything else names it by id.
//!
//! [`Refs`] is fed every file's parsed JSON, in any order, keeping only ids;
//! [`Refs::problems`] then checks that
//! - every claim id a source file, a monograph or a conflict names is a line
//!   of `claims.jsonl`, and claim ids are unique;
//! - each claim's `evidence.source` is an input of the manifest that was
//!   not skipped, and its id is `<source>#<n>`;
//! - a source file exists for each input that was not skipped, and for no
//!   other; its id, path and sha256 are the manifest's; it lists exactly the
//!   claims whose `evidence.source` it is, in `claims.jsonl` order;
//! - the sources named by monographs and conflicts are inputs, and the
//!   conflicts a monograph carries are lines of `conflicts.jsonl`;
//! - the manifest's counts are those of the files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

/// Ids gathered from the files of one output directory.
#[derive(Debug, Default)]
pub(super) struct Refs {
    manifest: Option<Manifest>,
    /// Claim ids in `claims.jsonl` order, with their source and line.
    claims: Vec<ClaimRef>,
    claims_by_kind: BTreeMap<String, u64>,
    conflicts: BTreeSet<String>,
    conflict_lines: u64,
    /// Source files by the id in their name.
    sources: BTreeMap<String, SourceFile>,
    monographs: u64,
    /// Ids named elsewhere, with where (`file: /pointer`).
    named_claims: Vec<(String, String)>,
    named_sources: Vec<(String, String)>,
    named_conflicts: Vec<(String, String)>,
}

#[derive(Debug)]
struct ClaimRef {
    id: String,
    source: String,
    line: usize,
}

#[derive(Debug, Default)]
struct Manifest {
    /// id → (path, sha256, skipped), in manifest order.
    inputs: Vec<(String, String, String, bool)>,
    counts: Value,
}

#[derive(Debug)]
struct SourceFile {
    rel: String,
    id: Option<String>,
    path: Option<String>,
    sha256: Option<String>,
    claims: Vec<String>,
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn strings(v: Option<&Value>) -> impl Iterator<Item = (usize, &str)> {
    v.and_then(Value::as_array).into_iter().flatten().enumerate().filter_map(|(i, s)| s.as_str().map(|s| (i, s)))
}

impl Refs {
    /// Takes the ids of `manifest.json`.
    pub(super) fn manifest(&mut self, v: &Value) {
        let inputs = v
            .get("inputs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|i| {
                let s = |k: &str| i.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
                (s("id"), s("path"), s("sha256"), s("status") == "skipped")
            })
            .collect();
        self.manifest = Some(Manifest { inputs, counts: v.get("counts").cloned().unwrap_or(Value::Null) });
    }

    /// Takes one line of `claims.jsonl` (1-based `line`).
    pub(super) fn claim(&mut self, v: &Value, line: usize) {
        let id = str_at(v, "/id").unwrap_or_default().to_string();
        let source = str_at(v, "/evidence/source").unwrap_or_default().to_string();
        if let Some(kind) = str_at(v, "/kind") {
            *self.claims_by_kind.entry(kind.to_string()).or_insert(0) += 1;
        }
        self.claims.push(ClaimRef { id, source, line });
    }

    /// Takes one line of `conflicts.jsonl`.
    pub(super) fn conflict(&mut self, v: &Value, at: &str) {
        self.conflict_lines += 1;
        if let Some(id) = str_at(v, "/id") {
            self.conflicts.insert(id.to_string());
        }
        self.positions(v, at, "");
    }

    /// Takes `sources/<stem>.json`.
    pub(super) fn source(&mut self, rel: &str, stem: &str, v: &Value) {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        for (j, c) in strings(v.get("claims")) {
            self.named_claims.push((c.to_string(), format!("{rel}: /claims/{j}")));
        }
        let file = SourceFile {
            rel: rel.to_string(),
            id: s("id"),
            path: s("path"),
            sha256: s("sha256"),
            claims: strings(v.get("claims")).map(|(_, c)| c.to_string()).collect(),
        };
        self.sources.insert(stem.to_string(), file);
    }

    /// Takes `monographs/<drug>.json`.
    pub(super) fn monograph(&mut self, rel: &str, v: &Value) {
        self.monographs += 1;
        for (i, s) in v.get("sources").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if let Some(id) = s.get("id").and_then(Value::as_str) {
                self.named_sources.push((id.to_string(), format!("{rel}: /sources/{i}/id")));
            }
        }
        let Some(fields) = v.as_object() else { return };
        for (field, entries) in fields {
            let Some(entries) = entries.as_array() else { continue };
            for (i, e) in entries.iter().enumerate() {
                if field == "conflicts" {
                    if let Some(id) = str_at(e, "/id") {
                        self.named_conflicts.push((id.to_string(), format!("{rel}: /conflicts/{i}/id")));
                    }
                    self.positions(e, rel, &format!("/conflicts/{i}"));
                    continue;
                }
                for (j, c) in strings(e.get("claims")) {
                    self.named_claims.push((c.to_string(), format!("{rel}: /{field}/{i}/claims/{j}")));
                }
                for (j, s) in strings(e.get("sources")) {
                    self.named_sources.push((s.to_string(), format!("{rel}: /{field}/{i}/sources/{j}")));
                }
            }
        }
    }

    fn positions(&mut self, conflict: &Value, at: &str, pointer: &str) {
        for (i, p) in conflict.get("positions").and_then(Value::as_array).into_iter().flatten().enumerate() {
            for (j, c) in strings(p.get("claims")) {
                self.named_claims.push((c.to_string(), format!("{at}: {pointer}/positions/{i}/claims/{j}")));
            }
            for (j, s) in strings(p.get("sources")) {
                self.named_sources.push((s.to_string(), format!("{at}: {pointer}/positions/{i}/sources/{j}")));
            }
        }
    }

    /// Every broken reference, one line each as `file[:line]: /pointer: message`.
    pub(super) fn problems(self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids: HashMap<&str, &ClaimRef> = HashMap::with_capacity(self.claims.len());
        for c in &self.claims {
            if let Some(first) = ids.insert(&c.id, c) {
                problems.push(format!("claims.jsonl:{}: /id: claim {} is also on line {}", c.line, c.id, first.line));
            }
            if c.id.rsplit_once('#').is_none_or(|(src, _)| src != c.source) {
                problems.push(format!(
                    "claims.jsonl:{}: /id: claim {} is not numbered under its evidence.source {}",
                    c.line, c.id, c.source
                ));
            }
        }
        for (id, at) in &self.named_claims {
            if !ids.contains_key(id.as_str()) {
                problems.push(format!("{at}: claim {id} is not in claims.jsonl"));
            }
        }
        for (id, at) in &self.named_conflicts {
            if !self.conflicts.contains(id) {
                problems.push(format!("{at}: conflict {id} is not in conflicts.jsonl"));
            }
        }
        let Some(manifest) = &self.manifest else {
            // Without the manifest (reported missing) nothing else can be checked.
            return problems;
        };
        let listed: HashMap<&str, &(String, String, String, bool)> =
            manifest.inputs.iter().map(|i| (i.0.as_str(), i)).collect();
        let processed = |id: &str| listed.get(id).is_some_and(|i| !i.3);
        for c in &self.claims {
            if !processed(&c.source) {
                problems.push(format!(
                    "claims.jsonl:{}: /evidence/source: {} is not a processed input of manifest.json",
                    c.line, c.source
                ));
            }
        }
        for (id, at) in &self.named_sources {
            if !processed(id) {
                problems.push(format!("{at}: source {id} is not a processed input of manifest.json"));
            }
        }
        // Each source's claims, in claims.jsonl order.
        let mut by_source: HashMap<&str, Vec<&str>> = HashMap::new();
        for c in &self.claims {
            by_source.entry(&c.source).or_default().push(&c.id);
        }
        for (i, (id, path, sha256, skipped)) in manifest.inputs.iter().enumerate() {
            match (self.sources.get(id), skipped) {
                (None, false) => {
                    problems.push(format!("manifest.json: /inputs/{i}: input {id} has no sources/{id}.json"))
                }
                (Some(f), true) => {
                    problems.push(format!("{}: /: input {id} was skipped and has no source file", f.rel))
                }
                _ => {}
            }
            let Some(f) = self.sources.get(id) else { continue };
            for (field, got, want) in [("id", &f.id, id), ("path", &f.path, path), ("sha256", &f.sha256, sha256)] {
                if got.as_deref() != Some(want.as_str()) {
                    problems.push(format!("{}: /{field}: manifest.json says {want:?}", f.rel));
                }
            }
            let want = by_source.get(id.as_str()).map(Vec::as_slice).unwrap_or_default();
            if f.claims.iter().map(String::as_str).ne(want.iter().copied()) {
                let listed: HashSet<&str> = f.claims.iter().map(String::as_str).collect();
                let foreign = f.claims.iter().find_map(|c| ids.get(c.as_str()).filter(|c| c.source != *id));
                let note = match (want.iter().find(|c| !listed.contains(**c)), foreign) {
                    (Some(missing), _) => Some(format!("claim {missing} of this source is not listed")),
                    (None, Some(other)) => Some(format!("claim {} is a claim of source {}", other.id, other.source)),
                    // An unknown id is reported where it is named.
                    (None, None) if f.claims.iter().any(|c| !ids.contains_key(c.as_str())) => None,
                    (None, None) => Some("its claims are not in claims.jsonl order".to_string()),
                };
                problems.extend(note.map(|note| format!("{}: /claims: {note}", f.rel)));
            }
        }
        for (stem, f) in &self.sources {
            if !listed.contains_key(stem.as_str()) {
                problems.push(format!("{}: /: source {stem} is not an input of manifest.json", f.rel));
            }
        }
        problems.extend(self.count_problems(manifest));
        problems
    }

    fn count_problems(&self, manifest: &Manifest) -> Vec<String> {
        let skipped = manifest.inputs.iter().filter(|i| i.3).count() as u64;
        let want = [
            ("inputs", manifest.inputs.len() as u64),
            ("skipped", skipped),
            ("drugs", self.monographs),
            ("claims", self.claims.len() as u64),
            ("conflicts", self.conflict_lines),
        ];
        let mut problems = Vec::new();
        let counts = &manifest.counts;
        for (name, n) in want {
            if let Some(got) = counts.get(name).and_then(Value::as_u64).filter(|got| *got != n) {
                problems.push(format!("manifest.json: /counts/{name}: {got}, but the output has {n}"));
            }
        }
        if let Some(by_kind) = counts.get("claims_by_kind").and_then(Value::as_object) {
            let got: BTreeMap<String, u64> =
                by_kind.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or_default())).collect();
            if got != self.claims_by_kind {
                problems.push(format!(
                    "manifest.json: /counts/claims_by_kind: {got:?}, but claims.jsonl has {:?}",
                    self.claims_by_kind
                ));
            }
        }
        problems
    }
}
