//! `monograph conflicts`: the reviewers' report.

use crate::util::{Run, monograph, temp};

#[test]
fn report_is_plain_text_in_a_pipe() {
    let run = monograph(&["conflicts", "input"], &Run::default()).expect_code(0);
    assert!(!run.stdout.is_empty());
    assert!(!run.stdout.contains('\x1b'), "no colour when stdout is not a terminal");
}

#[test]
fn report_exits_1_when_inputs_are_skipped() {
    let tmp = temp();
    std::fs::write(tmp.path().join("empty.txt"), b"").unwrap();
    let opts = Run { cwd: Some(tmp.path()), ..Run::default() };
    let run = monograph(&["conflicts", "empty.txt"], &opts).expect_code(1);
    assert!(run.stderr.contains("empty.txt"), "{}", run.stderr);
}
