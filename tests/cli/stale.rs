//! The committed `output/` is what the current code writes for `input/`.

use crate::util::{Run, assert_same_tree, monograph, root, temp};

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
    assert_same_tree(
        &committed,
        &fresh,
        "output/ is stale: regenerate it with `cargo run --release -- extract input --out output` and commit it",
    );
}
