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

/// Runs the pipeline on pages written into a temporary directory and
/// returns the conflict ids.
fn conflict_ids(pages: &[(&str, &str)]) -> Vec<String> {
    let tmp = temp();
    for (name, text) in pages {
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    let run = monograph::run(&[tmp.path().to_path_buf()], &monograph::Config::for_tests());
    run.conflicts.iter().map(|c| c.id.clone()).collect()
}

/// Ceilings are compared with ceilings across pages; the steps of one
/// schedule, doses of different routes and a page's own list of uses are
/// not a disagreement.
#[test]
fn ceilings_disagree_and_schedules_do_not() {
    let label = "---\ntitle: Adalimumab\n---\n\n# Adalimumab\n\n## Dosage\n\n\
        * Crohn's disease: 160 mg on day 1, then 80 mg on day 15, then 40 mg every other week.\n\
        * Rheumatoid arthritis: 40 mg every other week.\n";
    let blog = "---\ntitle: Adalimumab\n---\n\n# Adalimumab\n\n## Dosage\n\n\
        * Crohn's disease: 40 mg every other week after induction.\n\
        * Rheumatoid arthritis: 40 mg every other week.\n";
    let ids = conflict_ids(&[("label.md", label), ("blog.md", blog)]);
    assert!(!ids.iter().any(|id| id.ends_with("/range")), "a schedule is one regimen: {ids:?}");

    let a = "---\ntitle: Ketorolac\n---\n\n# Ketorolac\n\n## Dosage\n\n\
        * Intravenous: 10 mg every 6 hours. The maximum daily dose should not exceed 40 mg.\n\
        * Oral: 10 mg every 4 to 6 hours; maximum 40 mg per day.\n";
    let b = "---\ntitle: Ketorolac\n---\n\n# Ketorolac\n\n## Dosage\n\n\
        * IV: 30 mg every 6 hours; maximum 120 mg per day.\n\
        * Oral: 10 mg every 4 to 6 hours; maximum 40 mg per day.\n";
    let ids = conflict_ids(&[("a.md", a), ("b.md", b)]);
    assert_eq!(ids.iter().filter(|id| id.ends_with("/range")).count(), 1, "only the IV ceilings: {ids:?}");
}

/// A monthly depot dose is another regimen than a daily ceiling, a
/// ceiling for renal impairment is that impairment's, and an infusion
/// length a page gives without an indication belongs only to uses the page
/// names; a daily ceiling written "mg/day" is still compared.
#[test]
fn doses_of_other_regimens_and_subgroups_do_not_disagree() {
    let a = "---\ntitle: Haloperidol\n---\n\n# Haloperidol\n\n## Dosage\n\n\
        * IM (lactate): 2-5 mg every 4-8 hours. Maximum daily dose is generally 20 mg.\n\
        * IM (decanoate): 10-15 times the daily oral dose given monthly, not exceeding 100 mg initially.\n\
        * Renal impairment: 1 mg every 12 hours, maximum 5 mg/day.\n";
    let b = "---\ntitle: Haloperidol\n---\n\n# Haloperidol\n\n## Dosage\n\n\
        * IM: 5 mg. Maximum: 20 mg/day.\n";
    let ids = conflict_ids(&[("a.md", a), ("b.md", b)]);
    assert!(!ids.iter().any(|id| id.ends_with("/range")), "{ids:?}");

    let c = "---\ntitle: Haloperidol\n---\n\n# Haloperidol\n\n## Dosage\n\n* IM: 5 mg. Maximum: 60 mg/day.\n";
    let ids = conflict_ids(&[("b.md", b), ("c.md", c)]);
    assert_eq!(ids.iter().filter(|id| id.ends_with("/range")).count(), 1, "{ids:?}");

    let crps = "---\ntitle: Ketamine\n---\n\n# Ketamine\n\n## Dosage\n\n\
        * Complex regional pain syndrome: 0.5 mg/kg over 4 hours.\n";
    let clinic = "---\ntitle: Ketamine\n---\n\n# Ketamine for depression\n\n\
        Ketamine is used to treat depression.\n\n## Your first infusion\n\nThe infusion typically runs for 40-60 minutes.\n";
    let ids = conflict_ids(&[("crps.md", crps), ("clinic.md", clinic)]);
    assert!(!ids.iter().any(|id| id.ends_with("/duration")), "{ids:?}");
}

/// "If … jaundice occurs, stop" states a condition to act on: no stance
/// against the same page's "elevations were not associated with jaundice".
#[test]
fn a_condition_to_act_on_is_no_stance_against_its_own_page() {
    let label = "---\ntitle: Atorvastatin\n---\n\n# Atorvastatin\n\n## Liver enzyme abnormalities\n\n\
        Persistent elevations in serum transaminases were not associated with jaundice. \
        If serious liver injury with jaundice occurs, promptly interrupt therapy.\n";
    let ids = conflict_ids(&[("label.md", label)]);
    assert!(!ids.iter().any(|id| id.contains("jaundice")), "{ids:?}");
    // Without the condition the page contradicts itself under one heading.
    let plain =
        label.replace("If serious liver injury with jaundice occurs", "Serious liver injury with jaundice occurs");
    let ids = conflict_ids(&[("label.md", &plain)]);
    assert!(ids.iter().any(|id| id.contains("jaundice")), "{ids:?}");
}

/// "with or without", questions and a page's list of uses against its own
/// FAQ raise nothing; a denial against another page's listing does.
#[test]
fn polarity_needs_a_real_denial_from_another_context() {
    let a = "---\ntitle: Metformin\n---\n\n# Metformin\n\n## Uses\n\n* Antipsychotic-induced weight gain\n\n\
        ## Side Effects\n\n* Nausea with or without vomiting\n* Headache\n\n## FAQ\n\n\
        **Is metformin addictive?** Metformin is not considered addictive.\n\n\
        **Can metformin cause weight gain?** Metformin does not cause weight gain.\n";
    let b = "---\ntitle: Metformin\n---\n\n# Metformin\n\n## Side Effects\n\n* Vomiting\n\n\
        ## Precautions\n\nMetformin does not cause headache.\n";
    let ids = conflict_ids(&[("a.md", a), ("b.md", b)]);
    for quiet in ["vomiting", "weight-gain", "addiction"] {
        assert!(!ids.iter().any(|id| id.contains(quiet)), "{quiet}: {ids:?}");
    }
    assert!(ids.iter().any(|id| id.contains("/headache/polarity")), "{ids:?}");
}

/// Two labels that each warn of an effect and each report one trial without
/// it agree with each other; a page that only denies it disagrees with both.
#[test]
fn a_page_that_both_affirms_and_denies_disagrees_only_with_pure_denials() {
    let label = |name: &str| {
        format!(
            "---\ntitle: {name}\n---\n\n# Atorvastatin\n\n## Warnings\n\n\
            Atorvastatin can cause rhabdomyolysis.\n\n## Adverse Reactions\n\n### Study A\n\n\
            In Study A, 2,838 subjects were treated for 3.9 years. No cases of rhabdomyolysis were reported.\n\n\
            ### Postmarketing Experience\n\n* Rhabdomyolysis\n"
        )
    };
    let ids = conflict_ids(&[("label.md", &label("Label")), ("reprint.md", &label("Reprint"))]);
    assert!(!ids.iter().any(|id| id.contains("rhabdomyolysis")), "mixed pages agree: {ids:?}");

    let denial =
        "---\ntitle: Blog\n---\n\n# Atorvastatin\n\n## Safety\n\nAtorvastatin does not cause rhabdomyolysis.\n";
    let ids = conflict_ids(&[("label.md", &label("Label")), ("blog.md", denial)]);
    assert!(ids.iter().any(|id| id.contains("/rhabdomyolysis/polarity")), "{ids:?}");
}

#[test]
fn explain_says_why_a_conflict_was_raised() {
    let run = monograph(
        &["conflicts", "tests/fixtures/conflicts", "--explain", "tramadol/dosage/acute-pain/range"],
        &Run::default(),
    )
    .expect_code(0);
    for part in ["comparable:", "disagree:", "severity:", "tramadol_", "acute pain"] {
        assert!(run.stdout.contains(part), "{part} missing: {}", run.stdout);
    }
    let unknown = monograph(&["conflicts", "tests/fixtures/conflicts", "--explain", "nope"], &Run::default());
    let unknown = unknown.expect_code(2);
    assert!(unknown.stderr.contains("no conflict with id \"nope\""), "{}", unknown.stderr);
    assert!(unknown.stderr.contains("tramadol/dosage/acute-pain/range"), "{}", unknown.stderr);
}
