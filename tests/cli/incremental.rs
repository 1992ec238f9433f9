//! `extract --incremental` writes the bytes a full run writes, reusing only
//! what has not changed: inputs with the same path, id and sha256 under the
//! same tool version and lexicons.

use std::path::Path;

use crate::util::{Run, assert_same_tree, copy_files, monograph, root, temp};

/// Runs `extract` over `inputs` into `out` with `extra` arguments; returns
/// the number of inputs it reused (from `--summary`).
fn extract(cwd: &Path, inputs: &str, out: &str, extra: &[&str]) -> usize {
    let mut args = vec!["extract", inputs, "--out", out, "--summary"];
    args.extend(extra);
    let run = monograph(&args, &Run { cwd: Some(cwd), ..Run::default() }).expect_code(0);
    let summary = run.stderr.lines().find(|l| l.contains(" inputs (")).unwrap_or_else(|| panic!("{}", run.stderr));
    summary.split(", ").find_map(|part| part.strip_suffix(" reused)")).map_or(0, |n| n.parse().unwrap())
}

/// A corpus of the seeds and the HTML and conflict fixtures.
fn corpus(dir: &Path) -> usize {
    copy_files(&root().join("input"), dir);
    copy_files(&root().join("tests/fixtures/html"), &dir.join("html"));
    copy_files(&root().join("tests/fixtures/conflicts"), &dir.join("conflicts"));
    walk_count(dir)
}

fn walk_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { walk_count(&p) } else { 1 })
        .sum()
}

#[test]
fn changed_added_and_removed_inputs_give_the_bytes_of_a_full_run() {
    let tmp = temp();
    let cwd = tmp.path();
    let n = corpus(&cwd.join("in"));
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), 0, "nothing to reuse yet");
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), n, "every input unchanged");
    extract(cwd, "in", "full", &[]);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "a rerun with nothing changed");

    // One input changed, one added, one removed.
    let seeds: Vec<_> = {
        let mut v: Vec<_> = std::fs::read_dir(cwd.join("in")).unwrap().map(|e| e.unwrap().path()).collect();
        v.retain(|p| p.is_file());
        v.sort();
        v
    };
    let mut text = std::fs::read_to_string(&seeds[0]).unwrap();
    text.push_str("\nSome people report headache and dizziness after it.\n");
    std::fs::write(&seeds[0], text).unwrap();
    std::fs::remove_file(&seeds[1]).unwrap();
    std::fs::copy(root().join("tests/fixtures/text/negation_traps.txt"), cwd.join("in/added.txt")).unwrap();
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), n - 2, "all but the changed and the removed");
    extract(cwd, "in", "full", &[]);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "--incremental must write what a full run writes");
}

#[test]
fn other_lexicons_or_tool_version_redo_everything() {
    let tmp = temp();
    let cwd = tmp.path();
    let n = corpus(&cwd.join("in"));
    extract(cwd, "in", "out", &[]);
    // A user lexicon that changes what is found.
    std::fs::create_dir(cwd.join("lx")).unwrap();
    std::fs::write(cwd.join("lx/side_effects.tsv"), "report fatigue\tsleepiness\n").unwrap();
    assert_eq!(extract(cwd, "in", "out", &["--incremental", "--lexicon", "lx"]), 0, "new lexicons: nothing reused");
    extract(cwd, "in", "full", &["--lexicon", "lx"]);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "a run with other lexicons");
    assert_eq!(extract(cwd, "in", "out", &["--incremental", "--lexicon", "lx"]), n, "same lexicons again");
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), 0, "back to the built-in lexicons");

    // Output of another tool version is not reused.
    let manifest = cwd.join("out/manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version), "{text}");
    std::fs::write(&manifest, text.replace(&version, "\"version\": \"0.0.1\"")).unwrap();
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), 0, "another tool version");
    extract(cwd, "in", "full", &[]);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "a run over output of another version");
}

/// A previous source whose files do not read back is run again, never
/// reused half.
#[test]
fn results_that_do_not_read_back_are_redone() {
    let tmp = temp();
    let cwd = tmp.path();
    let n = corpus(&cwd.join("in"));
    extract(cwd, "in", "out", &[]);
    extract(cwd, "in", "full", &[]);
    let sources: Vec<_> = {
        let mut v: Vec<_> = std::fs::read_dir(cwd.join("out/sources")).unwrap().map(|e| e.unwrap().path()).collect();
        v.sort();
        v
    };
    // One source file lists a claim that is not there, one is gone.
    let first = std::fs::read_to_string(&sources[0]).unwrap();
    std::fs::write(&sources[0], first.replacen("#1\"", "#999\"", 1)).unwrap();
    std::fs::remove_file(&sources[1]).unwrap();
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), n - 2);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "redone sources are whole again");
}
