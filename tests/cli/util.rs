//! Helpers: temporary directories, running the binary, reading output trees.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// The repository root; the binary runs here unless told otherwise, so
/// relative paths like `input` mean what they mean in the README.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh temporary directory, removed when dropped.
pub(crate) fn temp() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("monograph-test-").tempdir().expect("creating a temp dir")
}

/// How to run the binary.
#[derive(Default)]
pub(crate) struct Run<'a> {
    /// Working directory; the repository root when `None`.
    pub(crate) cwd: Option<&'a Path>,
    /// Extra environment variables.
    pub(crate) env: &'a [(&'a str, &'a str)],
}

/// What a run of the binary did.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// Exit code (-1 when killed by a signal).
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

impl Outcome {
    /// Panics with everything printed unless the exit code is `code`.
    #[track_caller]
    pub(crate) fn expect_code(self, code: i32) -> Outcome {
        assert_eq!(self.code, code, "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    /// For runs over inputs that a parser may or may not refuse (the
    /// fixtures hold malformed files on purpose): exit 1 exactly when the
    /// manifest in `out` lists a skipped input, else 0.
    #[track_caller]
    pub(crate) fn expect_code_matching(self, out: &Path) -> Outcome {
        let skipped = statuses(out).values().any(|(status, _)| status == "skipped");
        self.expect_code(i32::from(skipped))
    }
}

/// Runs `monograph ARGS` with `opts`. Stdin is closed and stdout/stderr
/// are pipes, as in CI.
pub(crate) fn monograph<S: AsRef<OsStr>>(args: &[S], opts: &Run<'_>) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_monograph"));
    cmd.args(args).current_dir(opts.cwd.map_or_else(root, Path::to_path_buf)).stdin(Stdio::null());
    for (k, v) in opts.env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("running the monograph binary");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir`, by relative path with `/` separators.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("reading {}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("under dir").to_string_lossy().replace('\\', "/");
                files.insert(rel, std::fs::read(&path).expect("reading output file"));
            }
        }
    }
    files
}

/// Asserts two directory trees are byte-identical, naming what differs.
#[track_caller]
pub(crate) fn assert_same_tree(expected: &Path, actual: &Path, hint: &str) {
    let (a, b) = (tree(expected), tree(actual));
    let mut diffs = Vec::new();
    for (rel, bytes) in &a {
        match b.get(rel) {
            None => diffs.push(format!("only in {}: {rel}", expected.display())),
            Some(other) if other != bytes => diffs.push(format!("differs: {rel}")),
            Some(_) => {}
        }
    }
    diffs
        .extend(b.keys().filter(|rel| !a.contains_key(*rel)).map(|rel| format!("only in {}: {rel}", actual.display())));
    assert!(
        diffs.is_empty(),
        "{} and {} differ:\n  {}\n{hint}",
        expected.display(),
        actual.display(),
        diffs.join("\n  ")
    );
}

/// Copies the files directly in `from` (not subdirectories) into `to`.
/// The line of a manifest's text that names the build (`tool.build`).
pub(crate) fn build_line(manifest: &str) -> Option<&str> {
    manifest.lines().find(|l| l.trim_start().starts_with("\"build\":"))
}

pub(crate) fn copy_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("creating the copy");
    for entry in std::fs::read_dir(from).expect("reading the source dir") {
        let path = entry.expect("directory entry").path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("file name"))).expect("copying a file");
        }
    }
}

/// Parses a JSON file.
pub(crate) fn json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// Parses every line of a JSONL file.
pub(crate) fn jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("parsing a line of {}: {e}", path.display())))
        .collect()
}

/// The manifest's inputs as `path → (status, error)`.
pub(crate) fn statuses(out: &Path) -> BTreeMap<String, (String, Option<String>)> {
    let manifest = json(&out.join("manifest.json"));
    manifest["inputs"]
        .as_array()
        .expect("inputs is an array")
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().map(str::to_string);
            (s("path").expect("path"), (s("status").expect("status"), s("error")))
        })
        .collect()
}
