//! The committed `output/` is what the current code writes for `input/`.

use crate::util::{Run, assert_same_tree, build_line, monograph, root, temp};

#[test]
fn committed_output_is_up_to_date() {
    let committed = root().join("output");
    if !committed.join("manifest.json").exists() {
        eprintln!("skipping committed_output_is_up_to_date: output/ does not exist yet");
        return;
    }
    let tmp = temp();
    let fresh = tmp.path().join("output");
    monograph(&["extract".as_ref(), "input".as_ref(), "--out".as_ref(), fresh.as_os_str()], &Run::default())
        .expect_code(0);
    // The build fingerprint changes with every change to the code, output or
    // not; only what the code writes is compared.
    let committed_manifest = std::fs::read_to_string(committed.join("manifest.json")).unwrap();
    let fresh_manifest = std::fs::read_to_string(fresh.join("manifest.json")).unwrap();
    if let (Some(old), Some(new)) = (build_line(&committed_manifest), build_line(&fresh_manifest)) {
        std::fs::write(fresh.join("manifest.json"), fresh_manifest.replace(new, old)).unwrap();
    }
    assert_same_tree(
        &committed,
        &fresh,
        "output/ is stale: regenerate it with `cargo run --release -- extract input --out output` and commit it",
    );
}
