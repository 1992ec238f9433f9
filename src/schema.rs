//! The output contract: a JSON Schema (draft 2020-12) for every output file,
//! compiled in from `schema/`, and validation of an output directory
//! against them (`monograph validate`).
//!
//! The serde structs own the output shape; the schemas describe it for
//! people and tools downstream. The tests in `schema/tests.rs` serialize
//! every struct and every claim kind and validate the result, so the two
//! cannot drift apart silently. Validation also checks the references
//! between files (`refs`): claims are written once and named by id
//! everywhere else. This module never writes output.

use std::path::Path;

use jsonschema::{Registry, Validator};
use serde_json::Value;

use crate::output::Files;

mod refs;

/// The JSON Schemas, `(name, text)`, compiled in from `schema/`.
///
/// The schemas refer to each other by file name (`claim.schema.json#/$defs/term`),
/// so they validate as they are on disk with any draft 2020-12 validator
/// that resolves relative references.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("manifest", include_str!("../schema/manifest.schema.json")),
    ("source", include_str!("../schema/source.schema.json")),
    ("claim", include_str!("../schema/claim.schema.json")),
    ("conflict", include_str!("../schema/conflict.schema.json")),
    ("monograph", include_str!("../schema/monograph.schema.json")),
];

/// The schema named `name`.
pub fn schema(name: &str) -> Option<&'static str> {
    SCHEMAS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Why validation could not run at all (as opposed to finding problems).
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// A compiled-in schema is not valid JSON or not a valid schema: a bug
    /// in `schema/` that the unit tests catch.
    #[error("schema `{name}` is broken: {msg}")]
    Broken {
        /// Schema name.
        name: &'static str,
        /// What is wrong.
        msg: String,
    },
    /// The output directory could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        source: std::io::Error,
    },
}

/// Which schema a file of an output directory follows, and how it is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// One JSON document.
    Document(usize),
    /// One JSON document per line.
    Lines(usize),
}

/// Index into [`SCHEMAS`] of each name; checked by a unit test.
const MANIFEST: usize = 0;
const SOURCE: usize = 1;
const CLAIM: usize = 2;
const CONFLICT: usize = 3;
const MONOGRAPH: usize = 4;

/// Files every output directory has.
const REQUIRED: &[&str] = &["manifest.json", "claims.jsonl", "conflicts.jsonl"];

/// The layout of the output file at relative path `rel`, or `None` for a
/// file the contract does not cover (`claims.csv`).
fn layout(rel: &str) -> Option<Layout> {
    let in_dir = |dir: &str| rel.strip_prefix(dir).is_some_and(|f| !f.contains('/') && f.ends_with(".json"));
    match rel {
        "manifest.json" => Some(Layout::Document(MANIFEST)),
        "claims.jsonl" => Some(Layout::Lines(CLAIM)),
        "conflicts.jsonl" => Some(Layout::Lines(CONFLICT)),
        _ if in_dir("sources/") => Some(Layout::Document(SOURCE)),
        _ if in_dir("monographs/") => Some(Layout::Document(MONOGRAPH)),
        _ => None,
    }
}

/// Compiled validators for every schema in [`SCHEMAS`], in the same order.
pub struct Schemas {
    validators: Vec<Validator>,
}

impl Schemas {
    /// Parses and compiles the built-in schemas. Cross-file references
    /// resolve against the other built-in schemas only; nothing is fetched.
    pub fn new() -> Result<Schemas, SchemaError> {
        let mut docs = Vec::with_capacity(SCHEMAS.len());
        for (name, text) in SCHEMAS {
            let doc: Value =
                serde_json::from_str(text).map_err(|e| SchemaError::Broken { name, msg: e.to_string() })?;
            docs.push((*name, doc));
        }
        let broken = |name: &'static str| {
            move |e: jsonschema::ReferencingError| SchemaError::Broken { name, msg: e.to_string() }
        };
        let mut builder = Registry::new();
        for (name, doc) in &docs {
            builder = builder.add(format!("{name}.schema.json"), doc).map_err(broken(name))?;
        }
        let registry = builder.prepare().map_err(broken("registry"))?;
        let validators = docs
            .iter()
            .map(|(name, doc)| {
                jsonschema::options()
                    .offline()
                    .with_registry(&registry)
                    .build(doc)
                    .map_err(|e| SchemaError::Broken { name, msg: e.to_string() })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Schemas { validators })
    }

    /// Problems of one JSON value against schema `index`, as
    /// `(JSON pointer, message)`.
    fn check(&self, index: usize, value: &Value) -> Vec<(String, String)> {
        self.validators[index]
            .iter_errors(value)
            .map(|e| {
                let pointer = e.instance_path().to_string();
                (if pointer.is_empty() { "/".to_string() } else { pointer }, e.to_string())
            })
            .collect()
    }

    /// Validates a value against the schema named `name`; `None` for an
    /// unknown name. Each problem is `pointer: message`.
    pub fn validate(&self, name: &str, value: &Value) -> Option<Vec<String>> {
        let index = SCHEMAS.iter().position(|(n, _)| *n == name)?;
        Some(self.check(index, value).into_iter().map(|(p, m)| format!("{p}: {m}")).collect())
    }

    /// Validates rendered output files, each against its schema and all of
    /// them against each other (see [`refs`]); returns one line per problem
    /// as `file[:line]: /json/pointer: message`: missing files first, then
    /// each file's own problems in file order, then broken references.
    pub fn validate_files(&self, files: &Files) -> Vec<String> {
        let mut pass = Pass::new(self);
        for (rel, bytes) in files {
            pass.file(rel, bytes);
        }
        pass.finish()
    }
}

/// One validation of a directory's files, fed one file at a time so that a
/// large output never has to be in memory at once.
struct Pass<'a> {
    schemas: &'a Schemas,
    seen: Vec<&'static str>,
    problems: Vec<String>,
    refs: refs::Refs,
}

impl<'a> Pass<'a> {
    fn new(schemas: &'a Schemas) -> Pass<'a> {
        Pass { schemas, seen: Vec::new(), problems: Vec::new(), refs: refs::Refs::default() }
    }

    fn file(&mut self, rel: &str, bytes: &[u8]) {
        self.seen.extend(REQUIRED.iter().filter(|f| **f == rel));
        match layout(rel) {
            None => {}
            Some(Layout::Document(index)) => {
                let Some(value) = self.check_json(rel, index, bytes) else { return };
                match index {
                    MANIFEST => self.refs.manifest(&value),
                    SOURCE => {
                        let stem = rel.trim_start_matches("sources/").trim_end_matches(".json");
                        self.refs.source(rel, stem, &value);
                    }
                    _ => self.refs.monograph(rel, &value),
                }
            }
            Some(Layout::Lines(index)) => {
                // Every line ends with a newline; an empty file has no lines.
                let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
                if body.is_empty() {
                    return;
                }
                for (n, line) in body.split(|b| *b == b'\n').enumerate() {
                    let at = format!("{rel}:{}", n + 1);
                    let Some(value) = self.check_json(&at, index, line) else { continue };
                    if index == CLAIM {
                        self.refs.claim(&value, n + 1);
                    } else {
                        self.refs.conflict(&value, &at);
                    }
                }
            }
        }
    }

    /// Parses and checks one JSON document; returns it when it parsed.
    fn check_json(&mut self, at: &str, index: usize, bytes: &[u8]) -> Option<Value> {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => {
                let problems = self.schemas.check(index, &value);
                self.problems.extend(problems.into_iter().map(|(p, m)| format!("{at}: {p}: {m}")));
                Some(value)
            }
            Err(e) => {
                self.problems.push(format!("{at}: /: not valid JSON: {e}"));
                None
            }
        }
    }

    fn finish(self) -> Vec<String> {
        let mut problems: Vec<String> =
            REQUIRED.iter().filter(|f| !self.seen.contains(f)).map(|f| format!("{f}: missing")).collect();
        problems.extend(self.problems);
        problems.extend(self.refs.problems());
        problems
    }
}

/// Validates every file of the output directory `dir` (manifest.json,
/// sources/*.json, monographs/*.json, each line of claims.jsonl and
/// conflicts.jsonl); returns one line per problem.
pub fn validate_dir(dir: &Path) -> Result<Vec<String>, SchemaError> {
    let io = |source| SchemaError::Io { path: dir.display().to_string(), source };
    if !std::fs::metadata(dir).map_err(io)?.is_dir() {
        return Err(io(std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory")));
    }
    let schemas = Schemas::new()?;
    let mut pass = Pass::new(&schemas);
    for (rel, path) in crate::output::list_files(dir) {
        if layout(&rel).is_some() {
            let bytes =
                std::fs::read(&path).map_err(|source| SchemaError::Io { path: path.display().to_string(), source })?;
            pass.file(&rel, &bytes);
        }
    }
    Ok(pass.finish())
}

#[cfg(test)]
mod tests;
