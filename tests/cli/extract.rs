//! `monograph extract`: the seeds, bad inputs, usage errors, output formats.

use std::path::Path;

use crate::util::{Run, json, jsonl, monograph, root, statuses, temp};

/// Checks the evidence invariant of SPEC §3 for every claim in `out`:
/// `text` is exactly the input bytes `start..end` and `line` is the 1-based
/// line of `start`. Input paths in the manifest are relative to `cwd`.
#[track_caller]
pub(crate) fn assert_evidence(out: &Path, cwd: &Path) {
    let manifest = json(&out.join("manifest.json"));
    let paths: std::collections::BTreeMap<&str, &str> = manifest["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|i| (i["id"].as_str().expect("id"), i["path"].as_str().expect("path")))
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    for claim in jsonl(&out.join("claims.jsonl")) {
        let id = claim["id"].as_str().expect("claim id").to_string();
        assert!(ids.insert(id.clone()), "duplicate claim id {id}");
        let e = &claim["evidence"];
        let source = e["source"].as_str().expect("evidence.source");
        let path = paths.get(source).unwrap_or_else(|| panic!("{id}: source {source} is not in the manifest"));
        let bytes = std::fs::read(cwd.join(path)).expect("reading the input");
        let (start, end) = (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
        assert!(start < end && end <= bytes.len(), "{id}: span {start}..{end} outside {path}");
        assert_eq!(&bytes[start..end], e["text"].as_str().expect("text").as_bytes(), "{id}: evidence text");
        let line = 1 + bytes[..start].iter().filter(|b| **b == b'\n').count();
        assert_eq!(e["line"].as_u64(), Some(line as u64), "{id}: evidence line");
    }
}

#[test]
fn seeds_extract_cleanly_with_exact_evidence() {
    let tmp = temp();
    let out = tmp.path().join("out");
    monograph(&["extract".as_ref(), "input".as_ref(), "--out".as_ref(), out.as_os_str()], &Run::default())
        .expect_code(0);
    let statuses = statuses(&out);
    assert_eq!(statuses.len(), std::fs::read_dir(root().join("input")).unwrap().count());
    for (path, (status, error)) in &statuses {
        assert!(path.starts_with("input/"), "{path}");
        assert_ne!(status, "skipped", "{path}: {error:?}");
    }
    let sources = std::fs::read_dir(out.join("sources")).unwrap().count();
    assert_eq!(sources, statuses.len(), "one sources/*.json per input");
    assert_evidence(&out, &root());
}

#[test]
fn fixtures_keep_the_evidence_invariant() {
    let tmp = temp();
    let out = tmp.path().join("out");
    monograph(&["extract".as_ref(), "tests/fixtures".as_ref(), "--out".as_ref(), out.as_os_str()], &Run::default())
        .expect_code_matching(&out);
    assert_evidence(&out, &root());
}

#[test]
fn bad_inputs_are_named_skipped_and_listed() {
    let tmp = temp();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(root().join("tests/fixtures/markdown/frontmatter_headings_pipe_table.md"), dir.join("good.md"))
        .unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("binary.bin"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Ibuprofen\n\nIbuprofen is an anti-inflammatory caf\xe9 medicine.\n")
        .unwrap();
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    let run = monograph(&["extract", "in", "in/missing.txt", "--out", "out"], &opts).expect_code(1);
    for name in ["empty.txt", "binary.bin", "missing.txt", "latin1.txt"] {
        assert!(run.stderr.contains(&format!("in/{name}")), "stderr does not name {name}:\n{}", run.stderr);
    }
    let statuses = statuses(&tmp.path().join("out"));
    let status = |p: &str| statuses.get(p).unwrap_or_else(|| panic!("{p} not in the manifest: {statuses:?}")).clone();
    assert_eq!(status("in/empty.txt").0, "skipped");
    assert!(status("in/empty.txt").1.is_some_and(|e| e.contains("empty")));
    assert_eq!(status("in/binary.bin").0, "skipped");
    assert_eq!(status("in/missing.txt").0, "skipped");
    // Invalid UTF-8 is decoded lossily with a warning, not skipped.
    assert_eq!(status("in/latin1.txt").0, "warning");
    assert_ne!(status("in/good.md").0, "skipped");
    monograph(&["validate", "out"], &opts).expect_code(0);
}

#[test]
fn files_over_the_limit_are_skipped() {
    let tmp = temp();
    std::fs::write(tmp.path().join("big.txt"), "Paracetamol relieves pain. ".repeat(20)).unwrap();
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    let run = monograph(&["extract", "big.txt", "--max-bytes", "100", "--out", "out"], &opts).expect_code(1);
    assert!(run.stderr.contains("big.txt") && run.stderr.contains("--max-bytes"), "{}", run.stderr);
    assert_eq!(statuses(&tmp.path().join("out"))["big.txt"].0, "skipped");
}

#[test]
fn usage_errors_exit_2_and_leave_foreign_directories_alone() {
    let tmp = temp();
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    let input = root().join("input");
    let input = input.to_str().unwrap();
    monograph(&["extract", input], &opts).expect_code(2);
    monograph(&["extract", input, "--out", "out", "--jobs", "0"], &opts).expect_code(2);
    monograph(&["extract", input, "--out", "out", "--quiet", "--summary"], &opts).expect_code(2);
    std::fs::create_dir(tmp.path().join("notes")).unwrap();
    std::fs::write(tmp.path().join("notes/todo.txt"), "keep me").unwrap();
    let run = monograph(&["extract", input, "--out", "notes"], &opts).expect_code(2);
    assert!(run.stderr.contains("not a monograph output directory"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(tmp.path().join("notes/todo.txt")).unwrap(), "keep me");
}

#[test]
fn summary_only_when_asked_in_a_pipe() {
    let tmp = temp();
    let out = tmp.path().join("out");
    let args =
        |extra: &'static str| ["extract".as_ref(), "input".as_ref(), "--out".as_ref(), out.as_os_str(), extra.as_ref()];
    let quiet = monograph(&args("--quiet"), &Run::default()).expect_code(0);
    assert_eq!(quiet.stderr, "");
    let plain = monograph(&args("--jobs=2"), &Run::default()).expect_code(0);
    assert!(!plain.stderr.contains("claims"), "no summary in a pipe: {}", plain.stderr);
    let asked = monograph(&args("--summary"), &Run::default()).expect_code(0);
    assert!(asked.stderr.contains("inputs (0 skipped)"), "{}", asked.stderr);
}

#[test]
fn csv_tables_have_fixed_headers_and_one_row_per_item() {
    let tmp = temp();
    let out = tmp.path().join("out");
    let args = [
        "extract".as_ref(),
        "input".as_ref(),
        "tests/fixtures".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ];
    monograph(&args, &Run::default()).expect_code_matching(&out);
    let read = |name: &str| {
        let mut r = csv::Reader::from_path(out.join(name)).expect("opening a CSV table");
        let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
        let rows: Vec<csv::StringRecord> = r.records().map(|rec| rec.expect("a well-formed CSV row")).collect();
        let rows = rows.len();
        (header, rows)
    };
    let (header, rows) = read("claims.csv");
    assert_eq!(header[..5], ["id", "drug", "kind", "negated", "hedged"]);
    assert_eq!(header[header.len() - 7..], ["source", "section", "heading", "start", "end", "line", "text"]);
    assert_eq!(rows, jsonl(&out.join("claims.jsonl")).len());
    let (header, rows) = read("conflicts.csv");
    assert_eq!(header, ["id", "drug", "kind", "field", "subject", "severity", "summary", "context", "positions"]);
    assert_eq!(rows, jsonl(&out.join("conflicts.jsonl")).len());
}
