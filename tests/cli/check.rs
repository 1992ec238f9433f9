//! `monograph extract --check`: compares, never writes.

use crate::util::{Run, copy_files, monograph, root, temp, tree};

#[test]
fn check_passes_on_fresh_output_and_fails_after_an_input_changes() {
    let tmp = temp();
    copy_files(&root().join("input"), &tmp.path().join("in"));
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    monograph(&["extract", "in", "--out", "out"], &opts).expect_code(0);
    let before = tree(&tmp.path().join("out"));

    let run = monograph(&["extract", "in", "--out", "out", "--check"], &opts).expect_code(0);
    assert!(run.stderr.contains("up to date"), "{}", run.stderr);

    let victim = std::fs::read_dir(tmp.path().join("in")).unwrap().next().unwrap().unwrap().path();
    let mut text = std::fs::read_to_string(&victim).unwrap();
    text.push_str("\nNausea and vomiting are common side effects.\n");
    std::fs::write(&victim, text).unwrap();
    let run = monograph(&["extract", "in", "--out", "out", "--check"], &opts).expect_code(1);
    assert!(run.stderr.contains("differs"), "{}", run.stderr);
    assert!(run.stderr.contains("changed: manifest.json"), "the manifest hash changed:\n{}", run.stderr);
    assert_eq!(tree(&tmp.path().join("out")), before, "--check wrote to the output directory");
}

#[test]
fn check_against_a_missing_directory_fails_and_creates_nothing() {
    let tmp = temp();
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    let input = root().join("input");
    let run = monograph(&["extract", input.to_str().unwrap(), "--out", "out", "--check"], &opts).expect_code(1);
    assert!(run.stderr.contains("added:   manifest.json"), "{}", run.stderr);
    assert!(!tmp.path().join("out").exists());
}
