//! One insta snapshot per fixture file: the normalized document and its
//! claims. Before snapshotting, every heading, block, cell and claim is
//! checked against the raw bytes (SPEC §3 evidence invariant).

use std::path::Path;

use monograph::invariants::{check_claims, check_document};
use monograph::{Config, SourceResult};

/// The shared span and evidence invariants (`monograph::invariants`), plus a
/// quality bar for real documents: a quote is never more than one sentence
/// of prose.
fn check(src: &[u8], result: &SourceResult) {
    if let Some(doc) = &result.doc {
        check_document(src, doc).unwrap_or_else(|e| panic!("{e}"));
    }
    check_claims(src, &result.claims).unwrap_or_else(|e| panic!("{e}"));
    for c in &result.claims {
        assert!(c.evidence.text.len() <= 600, "{}: evidence is longer than a sentence: {}", c.id, c.evidence.text);
    }
}

fn process(path: &Path) -> (Vec<u8>, SourceResult) {
    let bytes = std::fs::read(path).unwrap();
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let result = monograph::process_one(&id, Path::new(path.file_name().unwrap()), &bytes, &Config::for_tests());
    (bytes, result)
}

#[test]
fn fixtures() {
    insta::glob!("fixtures", "**/*.{md,html,txt}", |path| {
        let (bytes, result) = process(path);
        check(&bytes, &result);
        let snapshot = serde_json::json!({
            "input": result.input,
            "drug": result.drug,
            "document": result.doc,
            "claims": result.claims,
        });
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(snapshot);
        });
    });
}

#[test]
fn seeds() {
    insta::glob!("../input", "*.txt", |path| {
        let (bytes, result) = process(path);
        let doc = result.doc.as_ref().expect("seeds parse");
        check(&bytes, &result);
        let snapshot = serde_json::json!({ "drug": result.drug, "document": doc, "claims": result.claims });
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(snapshot);
        });
    });
}
