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

/// Planted conflicts and planted non-conflicts in three pages about
/// tramadol (tests/fixtures/conflicts).
#[test]
fn planted_conflicts_are_found_and_planted_non_conflicts_are_not() {
    let config = monograph::Config::for_tests();
    let run = monograph::run(&[crate::util::root().join("tests/fixtures/conflicts")], &config);
    let ids: Vec<&str> = run.conflicts.iter().map(|c| c.id.as_str()).collect();
    // Planted: denied vs listed seizures; 50-100 mg vs 400-600 mg oral for
    // acute pain in adults; FDA-approved vs off-label for chronic pain.
    for want in [
        "tramadol/side_effect/seizures/polarity",
        "tramadol/dosage/acute-pain/range",
        "tramadol/use/chronic-pain/status",
    ] {
        assert!(ids.contains(&want), "missing {want}; got {ids:?}");
    }
    // Not conflicts: respiratory depression denied at therapeutic doses but
    // caused by recreational high doses; the pediatric mg/kg dose against
    // adult mg doses; IV and oral doses.
    assert!(!ids.iter().any(|id| id.contains("respiratory-depression")), "{ids:?}");
    assert_eq!(ids.iter().filter(|id| id.ends_with("/range")).count(), 1, "{ids:?}");
    let seizures = run.conflicts.iter().find(|c| c.subject == "seizures").unwrap();
    assert_eq!(seizures.severity, "high");
    assert_eq!(seizures.positions.len(), 2);
}
