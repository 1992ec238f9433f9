//! `extract --incremental` writes the bytes a full run writes, reusing only
//! what has not changed: inputs with the same path, id and sha256 under the
//! same tool version and lexicons.

use std::path::Path;

use crate::util::{Run, assert_same_tree, build_line, copy_files, monograph, root, temp};

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

    // Nor output of other code under the same version (another commit).
    let text = std::fs::read_to_string(&manifest).unwrap();
    let build = build_line(&text).expect("the manifest names the build");
    std::fs::write(&manifest, text.replace(build, "      \"build\": \"0000000000000000\"")).unwrap();
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), 0, "another build");
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "a run over output of another build");
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
    let first = sources[0].file_name().unwrap().to_str().unwrap();
    edit_later(&cwd.join("out"), &format!("sources/{first}"), |text| text.replacen("#1\"", "#999\"", 1));
    std::fs::remove_file(&sources[1]).unwrap();
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), n - 2);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "redone sources are whole again");
}

/// Sets a file's modification time `secs` after the previous run's
/// manifest: an edit made later, whatever the clock's resolution.
fn edit_later(out: &Path, rel: &str, edit: impl FnOnce(String) -> String) {
    let path = out.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    let manifest = std::fs::metadata(out.join("manifest.json")).unwrap().modified().unwrap();
    let file = std::fs::File::options().append(true).open(&path).unwrap();
    file.set_modified(manifest + std::time::Duration::from_secs(2)).unwrap();
}

/// Changes an input: one more side effect.
fn add_a_sentence(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap() + "\nTramadol can cause constipation.\n";
    std::fs::write(path, text).unwrap();
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

/// A drug none of whose inputs changed keeps its monograph file (the same
/// file, linked, not written again), unchanged inputs keep their source
/// files, and only the drug a changed input feeds is merged again.
#[cfg(unix)]
#[test]
fn only_the_drugs_of_changed_inputs_are_merged_again() {
    let tmp = temp();
    let cwd = tmp.path();
    let n = corpus(&cwd.join("in"));
    extract(cwd, "in", "out", &[]);
    let out = cwd.join("out");
    let metformin = inode(&out.join("monographs/metformin.json"));
    let tramadol = inode(&out.join("monographs/tramadol.json"));
    let ibuprofen_source = inode(&out.join("sources/html_full_page_ibuprofen.json"));
    add_a_sentence(&cwd.join("in/conflicts/tramadol_patient_faq.txt"));
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), n - 1);
    assert_eq!(inode(&out.join("monographs/metformin.json")), metformin, "untouched drug: kept");
    assert_ne!(inode(&out.join("monographs/tramadol.json")), tramadol, "touched drug: merged again");
    assert_eq!(inode(&out.join("sources/html_full_page_ibuprofen.json")), ibuprofen_source, "unchanged input");
    extract(cwd, "in", "full", &[]);
    assert_same_tree(&cwd.join("full"), &out, "only tramadol merged again");
}

/// An input that now names another drug leaves one monograph and joins
/// another: both are made again, and a drug left with no input goes.
#[test]
fn an_input_moving_to_another_drug_changes_both_monographs() {
    let tmp = temp();
    let cwd = tmp.path();
    corpus(&cwd.join("in"));
    extract(cwd, "in", "out", &[]);
    std::fs::copy(
        root().join("tests/fixtures/html/html_full_page_ibuprofen.html"),
        cwd.join("in/html/html_cookie_banner_metformin.html"),
    )
    .unwrap();
    extract(cwd, "in", "out", &["--incremental"]);
    assert!(!cwd.join("out/monographs/metformin.json").exists(), "metformin has no input left");
    extract(cwd, "in", "full", &[]);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "an input moved from metformin to ibuprofen");
}

/// A previous file changed after the run that wrote it is not trusted: an
/// edited monograph is made again, an edited `conflicts.jsonl` or
/// `claims.jsonl` means nothing is reused.
#[test]
fn previous_files_edited_since_are_not_trusted() {
    let tmp = temp();
    let cwd = tmp.path();
    let n = corpus(&cwd.join("in"));
    extract(cwd, "in", "full", &[]);
    for (rel, reused) in [("monographs/ketamine.json", n), ("conflicts.jsonl", 0), ("claims.jsonl", 0)] {
        extract(cwd, "in", "out", &[]);
        edit_later(&cwd.join("out"), rel, |text| text.replacen("ketamine", "ketamin", 1));
        assert_eq!(extract(cwd, "in", "out", &["--incremental"]), reused, "{rel} edited");
        assert_same_tree(&cwd.join("full"), &cwd.join("out"), rel);
    }
    // A monograph gone: its drug, whose inputs are unchanged, is still there.
    extract(cwd, "in", "out", &[]);
    std::fs::remove_file(cwd.join("out/monographs/metformin.json")).unwrap();
    assert_eq!(extract(cwd, "in", "out", &["--incremental"]), n);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "a monograph removed");
}

/// CSV rows are rendered from claims, so reused sources are read back whole.
#[test]
fn csv_output_is_the_same_incrementally() {
    let tmp = temp();
    let cwd = tmp.path();
    let n = corpus(&cwd.join("in"));
    extract(cwd, "in", "out", &["--format", "csv"]);
    add_a_sentence(&cwd.join("in/conflicts/tramadol_patient_faq.txt"));
    assert_eq!(extract(cwd, "in", "out", &["--incremental", "--format", "csv"]), n - 1);
    extract(cwd, "in", "full", &["--format", "csv"]);
    assert_same_tree(&cwd.join("full"), &cwd.join("out"), "csv");
}
