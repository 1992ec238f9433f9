//! The bad-input matrix (issue 6): hostile and broken inputs never crash a
//! run, never write outside `--out`, and never cost another input its output.
//!
//! Small cases are committed under `tests/fixtures/bad/` with extensions the
//! snapshot harness does not glob (`.in`, `.bin`); big or special ones (a
//! megabyte on one line, deep HTML, permissions, symlink loops, odd file
//! names) are generated here. Each case states its manifest status and the
//! message that the manifest and stderr both carry.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::extract::assert_evidence;
use crate::util::{Outcome, Run, json, jsonl, monograph, root, temp, tree};

/// One input and what the run must say about it.
struct Case {
    /// File name under `tests/fixtures/bad/` (or the generated one).
    file: &'static str,
    /// Manifest status: `ok`, `warning` or `skipped`.
    status: &'static str,
    /// Text in the manifest's `error` or `warnings` and on stderr; empty for `ok`.
    message: &'static str,
}

const fn case(file: &'static str, status: &'static str, message: &'static str) -> Case {
    Case { file, status, message }
}

/// The committed matrix: every file in `tests/fixtures/bad/` is listed here.
const COMMITTED: &[Case] = &[
    case("empty.in", "skipped", "empty file"),
    case("whitespace_only.in", "skipped", "empty file"),
    case("png_header.bin", "skipped", "binary data, not a text document"),
    case("random_bytes.bin", "skipped", "binary data, not a text document"),
    case("nul_bytes.bin", "skipped", "binary data, not a text document"),
    case(
        "invalid_utf8_middle.in",
        "warning",
        "invalid UTF-8 at byte 82; invalid bytes replaced by `?` and never quoted",
    ),
    case("latin1.in", "warning", "invalid UTF-8 at byte 26; invalid bytes replaced by `?` and never quoted"),
    case("utf16le_bom.in", "skipped", "UTF-16 text is not supported; convert it to UTF-8"),
    case("utf16be_bom.in", "skipped", "UTF-16 text is not supported; convert it to UTF-8"),
    case("utf8_bom.in", "warning", "UTF-8 byte-order mark ignored"),
    case("crlf.in", "ok", ""),
    case("lone_cr.in", "ok", ""),
    case("html_unclosed_tags.in", "warning", "truncated HTML: <p> not closed at end of file"),
    case("html_truncated.in", "warning", "truncated HTML: file ends inside a <a> tag"),
    case("html_script_with_p.in", "ok", ""),
    case(
        "frontmatter_unclosed.in",
        "warning",
        "malformed front matter at line 1: no closing `---` line; front matter ignored",
    ),
    case("billion_laughs.in", "ok", ""),
    case("title_traversal.in", "ok", ""),
    case("title_slashes.in", "ok", ""),
    case("title_nul.in", "ok", ""),
    case("title_long.in", "ok", ""),
    case("title_collide_a.in", "ok", ""),
    case("title_collide_b.in", "ok", ""),
    case("title_collide_c.in", "ok", ""),
];

/// A manifest input: status, error and warnings.
struct Input {
    status: String,
    messages: Vec<String>,
}

/// The manifest's inputs by path.
fn inputs(out: &Path) -> BTreeMap<String, Input> {
    let manifest = json(&out.join("manifest.json"));
    let mut map = BTreeMap::new();
    for i in manifest["inputs"].as_array().expect("inputs") {
        let mut messages: Vec<String> = i["error"].as_str().map(str::to_string).into_iter().collect();
        messages
            .extend(i["warnings"].as_array().expect("warnings").iter().filter_map(|w| w.as_str().map(str::to_string)));
        let input = Input { status: i["status"].as_str().expect("status").to_string(), messages };
        map.insert(i["path"].as_str().expect("path").to_string(), input);
    }
    map
}

/// Checks every case against the manifest in `out` and the run's stderr,
/// with input paths `prefix` + file name.
#[track_caller]
fn check_cases(cases: &[Case], prefix: &str, out: &Path, run: &Outcome) {
    let inputs = inputs(out);
    let mut failures = Vec::new();
    for c in cases {
        let path = format!("{prefix}{}", c.file);
        let Some(input) = inputs.get(&path) else {
            failures.push(format!("{path}: not in the manifest"));
            continue;
        };
        if input.status != c.status {
            failures.push(format!("{path}: status {} ({:?}), expected {}", input.status, input.messages, c.status));
        }
        if c.message.is_empty() {
            if !input.messages.is_empty() {
                failures.push(format!("{path}: unexpected messages {:?}", input.messages));
            }
            continue;
        }
        if !input.messages.iter().any(|m| m.contains(c.message)) {
            failures.push(format!("{path}: manifest says {:?}, expected {:?}", input.messages, c.message));
        }
        let label = if c.status == "skipped" { "skipped" } else { "warning:" };
        let line = format!("monograph: {label} {path}: ");
        if !run.stderr.lines().any(|l| l.starts_with(&line) && l.contains(c.message)) {
            failures.push(format!("{path}: stderr has no line `{line}…{}…`", c.message));
        }
    }
    assert!(failures.is_empty(), "{}\n--- stderr\n{}", failures.join("\n"), run.stderr);
}

fn args<'a>(parts: &'a [&'a str]) -> Vec<&'a str> {
    parts.to_vec()
}

#[test]
fn committed_matrix_gets_its_status_and_message() {
    let tmp = temp();
    let out = tmp.path().join("out");
    let out_str = out.to_str().expect("utf-8 temp path");
    let run = monograph(&args(&["extract", "tests/fixtures/bad", "--out", out_str]), &Run::default()).expect_code(1);
    check_cases(COMMITTED, "tests/fixtures/bad/", &out, &run);

    // Nobody adds a fixture without stating what must happen to it.
    let listed: Vec<&str> = COMMITTED.iter().map(|c| c.file).collect();
    for entry in std::fs::read_dir(root().join("tests/fixtures/bad")).expect("reading tests/fixtures/bad") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        assert!(listed.contains(&name.as_str()), "tests/fixtures/bad/{name} has no case in COMMITTED");
    }

    assert_evidence(&out, &root());
    monograph(&args(&["validate", out_str]), &Run::default()).expect_code(0);

    // Invalid bytes are never quoted: no evidence covers bytes 82..85.
    for claim in jsonl(&out.join("claims.jsonl")) {
        let e = &claim["evidence"];
        if e["source"] == "invalid_utf8_middle" {
            let (start, end) = (e["start"].as_u64().unwrap_or(0), e["end"].as_u64().unwrap_or(0));
            assert!(end <= 82 || start >= 85, "evidence quotes replaced bytes: {claim}");
        }
        // Text inside <script> is never content, even when it looks like a closing </p>.
        assert!(!e["text"].as_str().unwrap_or("").contains("hair loss"), "script text extracted: {claim}");
    }

    // Unclosed front matter: the body is still parsed.
    let source = json(&out.join("sources/frontmatter_unclosed.json"));
    let headings: Vec<&str> =
        source["sections"].as_array().expect("sections").iter().filter_map(|s| s["heading"]["text"].as_str()).collect();
    assert!(headings.contains(&"Side effects"), "body not parsed: {headings:?}");

    // Billion laughs: the aliases were not expanded, the flat keys were read.
    let laughs = json(&out.join("sources/billion_laughs.json"));
    assert_eq!(laughs["title"], "Laughs");
    assert!(laughs["front_matter"].get("lulz").is_none(), "an alias was expanded: {}", laughs["front_matter"]);

    // Titles that look like paths stay names: every monograph is a plain file
    // directly in monographs/, one per drug (none overwrote another).
    let files = tree(&out);
    let monographs: Vec<&String> = files.keys().filter(|k| k.starts_with("monographs/")).collect();
    for rel in &monographs {
        let name = rel.strip_prefix("monographs/").and_then(|n| n.strip_suffix(".json")).expect("monographs/*.json");
        assert!(
            !name.is_empty()
                && name.len() <= 90
                && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "unsafe monograph file name {rel}"
        );
    }
    let manifest = json(&out.join("manifest.json"));
    assert_eq!(
        Some(monographs.len() as u64),
        manifest["counts"]["drugs"].as_u64(),
        "a monograph was overwritten: {monographs:?}"
    );
    let drugs: Vec<String> =
        monographs.iter().map(|rel| json(&out.join(rel))["drug"]["name"].as_str().unwrap_or("").to_string()).collect();
    for name in ["../../etc/passwd", "evil\0name", "zzyzx", "zzyzx!", "zzyzx 2"] {
        assert!(drugs.iter().any(|d| d == name), "no monograph for {name:?}: {drugs:?}");
    }
    let long = "x".repeat(300);
    assert!(drugs.contains(&long), "the 300-character title lost its monograph");
    // Nothing was written beside the output directory.
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("temp dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["out"]);
}

#[test]
fn billion_laughs_are_read_fast() {
    // Expanded, the aliases would be 9^9 (387 million) scalars; read as
    // events they cost their 411 bytes. The bound is loose for slow CI.
    let tmp = temp();
    let out = tmp.path().join("out");
    let started = Instant::now();
    monograph(
        &[
            "extract".as_ref(),
            root().join("tests/fixtures/bad/billion_laughs.in").as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
        &Run::default(),
    )
    .expect_code(0);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
}

#[test]
fn generated_big_inputs_hit_limits_as_warnings() {
    let tmp = temp();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    // A megabyte on a single line: one block, cut to the block limit.
    std::fs::write(dir.join("one_line.dat"), "Ibuprofen may cause nausea and heartburn, ".repeat(25_000))
        .expect("write");
    // HTML nested 100,000 levels deep.
    let deep = format!(
        "<html><body>{}<p>Ibuprofen may cause nausea.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(dir.join("deep.dat"), deep).expect("write");
    // A list longer than the list limit.
    let mut list = String::from("# Ibuprofen\n\n## Side effects\n\n");
    for i in 0..monograph::limits::MAX_LIST_ITEMS + 10 {
        list.push_str(&format!("- nausea {i}\n"));
    }
    std::fs::write(dir.join("long_list.dat"), list).expect("write");
    // A file over --max-bytes.
    std::fs::write(dir.join("over_limit.dat"), "Ibuprofen relieves pain. ".repeat(100_000)).expect("write");

    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    let started = Instant::now();
    let run = monograph(&args(&["extract", "in", "--out", "out", "--max-bytes", "2000000"]), &opts).expect_code(1);
    let elapsed = started.elapsed();
    let cases = [
        case("one_line.dat", "warning", "bytes of text, only the first 65536 bytes were read"),
        case("deep.dat", "warning", "HTML nested deeper than 512 elements"),
        case("long_list.dat", "warning", "limit: a list of 10010 items, only the first 10000 were read"),
        case("over_limit.dat", "skipped", "file is 2500000 bytes, over the limit of 2000000 bytes (--max-bytes)"),
    ];
    check_cases(&cases, "in/", &tmp.path().join("out"), &run);
    assert!(elapsed < Duration::from_secs(60), "limits did not keep the run short: {elapsed:?}");
    assert_evidence(&tmp.path().join("out"), tmp.path());
}

#[cfg(unix)]
#[test]
fn paths_that_cannot_be_read() {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let tmp = temp();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    std::fs::write(dir.join("good.dat"), "Ibuprofen\n\nIbuprofen may cause nausea.\n").expect("write");
    std::fs::write(dir.join("sub/also_good.dat"), "Ibuprofen\n\nIbuprofen relieves pain.\n").expect("write");
    // A directory symlink back to an ancestor, and a symlink to itself.
    symlink("..", dir.join("sub/loop")).expect("symlink");
    symlink("self_loop", dir.join("self_loop")).expect("symlink");
    let locked = dir.join("locked.dat");
    std::fs::write(&locked, "Ibuprofen\n\nIbuprofen may cause nausea.\n").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads any file whatever its mode: then the case cannot be tested.
    let enforced = std::fs::read(&locked).is_err();

    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    // The directory given twice (also as `in/`), a file inside it again, and
    // a path that does not exist.
    let run =
        monograph(&args(&["extract", "in", "in/", "in/good.dat", "missing.dat", "--out", "out"]), &opts).expect_code(1);
    let mut cases = vec![
        case("in/good.dat", "ok", ""),
        case("in/sub/also_good.dat", "ok", ""),
        case("in/sub/loop", "skipped", "symlink loop: in/sub/loop was already visited"),
        case("in/self_loop", "skipped", "symbolic links"),
        case("missing.dat", "skipped", "no such file or directory"),
    ];
    if enforced {
        cases.push(case("in/locked.dat", "skipped", "Permission denied"));
    } else {
        eprintln!("note: running with privileges that ignore file modes; the unreadable-file case is not checked");
    }
    let out = tmp.path().join("out");
    check_cases(&cases, "", &out, &run);
    // Each file once, whatever path named it first.
    let names: Vec<String> = inputs(&out).into_keys().collect();
    assert_eq!(names.iter().filter(|p| p.ends_with("good.dat") && !p.contains("sub")).count(), 1, "{names:?}");
    assert_eq!(names.len(), 6, "{names:?}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
}

#[cfg(unix)]
#[test]
fn hostile_file_names_stay_inside_out() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let tmp = temp();
    let dir = tmp.path().join("in");
    for d in ["a", "b"] {
        std::fs::create_dir_all(dir.join(d)).expect("mkdir");
    }
    let text = "Ibuprofen\n\nIbuprofen may cause nausea.\n";
    let names: [&OsStr; 7] = [
        OsStr::new("a/dup.dat"),
        OsStr::new("b/dup.dat"),
        OsStr::new("dup-2.dat"),
        OsStr::new("DUP.dat"),
        OsStr::new("new\nline.dat"),
        OsStr::from_bytes(b"\xff\xfe.dat"),
        OsStr::new("-rf.dat"),
    ];
    for n in names {
        std::fs::write(dir.join(n), text).expect("write");
    }
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    monograph(&args(&["extract", "in", "--out", "out"]), &opts).expect_code(0);
    let out = tmp.path().join("out");
    let files = tree(&out);
    let sources: Vec<&String> = files.keys().filter(|k| k.starts_with("sources/")).collect();
    // One source file per input: no id was given twice, even ignoring case.
    assert_eq!(sources.len(), names.len(), "{sources:?}");
    let mut lower: Vec<String> = sources.iter().map(|s| s.to_ascii_lowercase()).collect();
    lower.dedup();
    assert_eq!(lower.len(), names.len(), "ids differ only in case: {sources:?}");
    for rel in files.keys() {
        assert!(rel.bytes().all(|b| b.is_ascii_graphic()) && !rel.contains(".."), "unsafe output path {rel:?}");
    }
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("temp dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let mut beside = beside;
    beside.sort();
    assert_eq!(beside, ["in", "out"]);
}

#[test]
fn exit_codes_follow_the_spec() {
    let tmp = temp();
    std::fs::write(tmp.path().join("good.dat"), "Ibuprofen\n\nIbuprofen may cause nausea.\n").expect("write");
    std::fs::write(tmp.path().join("empty.dat"), "").expect("write");
    std::fs::write(tmp.path().join("a_file"), "not a directory").expect("write");
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    // 0: every input read.
    monograph(&args(&["extract", "good.dat", "--out", "out"]), &opts).expect_code(0);
    // 1: some input skipped; the others still written.
    monograph(&args(&["extract", "good.dat", "empty.dat", "--out", "out"]), &opts).expect_code(1);
    assert!(tmp.path().join("out/sources/good.json").is_file());
    // 1: nothing readable at all is still a run, not a usage error.
    monograph(&args(&["extract", "missing.dat", "--out", "out2"]), &opts).expect_code(1);
    // 2: usage errors.
    monograph(&args(&["extract", "good.dat"]), &opts).expect_code(2);
    monograph(&args(&["extract", "--out", "out"]), &opts).expect_code(2);
    monograph(&args(&["extract", "good.dat", "--out", "out", "--max-bytes", "lots"]), &opts).expect_code(2);
    // 2: fatal, the output directory cannot be written.
    let run = monograph(&args(&["extract", "good.dat", "--out", "a_file/out"]), &opts).expect_code(2);
    assert!(run.stderr.contains("a_file"), "{}", run.stderr);
}

/// A corpus big enough that a run takes a while: `n` files.
fn corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let page = std::fs::read_to_string(root().join("tests/fixtures/text/negation_traps.txt")).expect("fixture");
    for i in 0..n {
        std::fs::write(dir.join(format!("page{i:05}.txt")), &page).expect("write");
    }
}

/// The files of `parent/name`, or, for a run killed between its two
/// renames, of the previous output it set aside as `.name.old-<pid>`.
#[cfg(unix)]
fn output_or_set_aside(parent: &Path, name: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = parent.join(name);
    if dir.exists() {
        return tree(&dir);
    }
    let prefix = format!(".{name}.old-");
    let aside = std::fs::read_dir(parent)
        .expect("temp dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix)))
        .unwrap_or_else(|| panic!("{name} is missing and no previous output was set aside"));
    tree(&aside)
}

#[cfg(unix)]
#[test]
fn interrupted_runs_leave_the_previous_output_intact() {
    use std::process::{Command, Stdio};

    let tmp = temp();
    corpus(&tmp.path().join("small"), 2);
    corpus(&tmp.path().join("big"), 1500);
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    monograph(&args(&["extract", "big", "--out", "full", "--jobs", "1"]), &opts).expect_code(0);
    let complete = tree(&tmp.path().join("full"));
    std::fs::remove_dir_all(tmp.path().join("full")).expect("removing full");
    monograph(&args(&["extract", "small", "--out", "out"]), &opts).expect_code(0);
    let before = tree(&tmp.path().join("out"));

    // Interrupt runs over the big corpus at growing delays, so some land in
    // the pipeline and some in the write; each must leave `out` as it was,
    // or, when the signal came after the new output was put in place, whole.
    let mut previous = before.clone();
    let mut interrupted = 0;
    for delay_ms in [50u64, 200, 400, 700, 1000, 1500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_monograph"))
            .args(["extract", "big", "--out", "out", "--jobs", "1"])
            .current_dir(tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawning monograph");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
        let status = child.wait().expect("waiting for monograph");
        if status.success() {
            // It finished before the signal: the output is the new one.
            break;
        }
        let now = output_or_set_aside(tmp.path(), "out");
        if now == complete {
            previous = now;
            continue;
        }
        interrupted += 1;
        assert!(now == previous, "interrupted after {delay_ms} ms: the previous output changed");
    }
    assert!(interrupted > 0, "no run was interrupted: the corpus is too small for this machine");

    // The next run sweeps what the interrupted ones left beside `out`.
    monograph(&args(&["extract", "small", "--out", "out"]), &opts).expect_code(0);
    assert_eq!(tree(&tmp.path().join("out")), before);
    let mut beside: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("temp dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["big", "out", "small"], "leftovers of interrupted runs");
}
