//! One insta snapshot per fixture file: the normalized document and its
//! claims. Before snapshotting, every heading, block, cell and claim is
//! checked against the raw bytes (SPEC §3 evidence invariant).

use std::path::Path;

use monograph::invariants::{check_claims_as, check_document};
use monograph::{Config, SourceResult};

/// The shared span and evidence invariants (`monograph::invariants`), plus a
/// quality bar for real documents: a quote is never more than one sentence
/// of prose.
fn check(src: &[u8], result: &SourceResult) {
    if let Some(doc) = &result.doc {
        check_document(src, doc).unwrap_or_else(|e| panic!("{e}"));
    }
    check_claims_as(src, &result.claims, result.input.format).unwrap_or_else(|e| panic!("{e}"));
    for c in &result.claims {
        assert!(
            visible_len(&c.evidence.text) <= 600,
            "{}: evidence is longer than a sentence: {}",
            c.id,
            c.evidence.text
        );
    }
}

/// Length of a quote as read: markup tags dropped and white space runs
/// counted once (an XML quote carries its indentation and inline tags).
fn visible_len(quote: &str) -> usize {
    let mut len = 0;
    let mut in_tag = false;
    let mut blank = false;
    for ch in quote.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if c.is_whitespace() => {
                if !blank {
                    len += 1;
                }
                blank = true;
            }
            c => {
                len += c.len_utf8();
                blank = false;
            }
        }
    }
    len
}

/// Inputs larger than this (whole drug labels) are snapshotted compactly:
/// the full document of a 300 KB label is megabytes nobody can review.
const COMPACT_ABOVE: usize = 64 * 1024;

/// A reviewable snapshot of a large input: its record, drug, metadata, the
/// outline of headings with their section kinds, and one line per claim.
fn compact(result: &SourceResult) -> serde_json::Value {
    let doc = result.doc.as_ref();
    let outline: Vec<String> = doc
        .map(|d| {
            d.sections
                .iter()
                .filter_map(|s| {
                    let h = s.heading.as_ref()?;
                    Some(format!("h{} {}: {} ({} blocks)", h.level, s.kind.as_str(), h.text.as_str(), s.blocks.len()))
                })
                .collect()
        })
        .unwrap_or_default();
    let claims: Vec<String> = result
        .claims
        .iter()
        .map(|c| {
            format!(
                "{} {}{} [{}] line {}: {}",
                c.kind.as_str(),
                serde_json::to_string(&c.value).unwrap_or_default(),
                if c.negated { " NEGATED" } else { "" },
                c.evidence.section.as_str(),
                c.evidence.line,
                c.evidence.text
            )
        })
        .collect();
    serde_json::json!({
        "input": result.input,
        "drug": result.drug,
        "title": doc.and_then(|d| d.meta.title.as_deref()),
        "flags": doc.map(|d| &d.meta.flags),
        "label": doc.and_then(|d| d.meta.label.as_ref()),
        "outline": outline,
        "claims": claims,
    })
}

fn process(path: &Path) -> (Vec<u8>, SourceResult) {
    let bytes = std::fs::read(path).unwrap();
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let result = monograph::process_one(&id, Path::new(path.file_name().unwrap()), &bytes, &Config::for_tests());
    (bytes, result)
}

#[test]
fn fixtures() {
    insta::glob!("fixtures", "**/*.{md,html,txt,xml,json}", |path| {
        let (bytes, result) = process(path);
        check(&bytes, &result);
        let snapshot = if bytes.len() > COMPACT_ABOVE {
            compact(&result)
        } else {
            serde_json::json!({
                "input": result.input,
                "drug": result.drug,
                "document": result.doc,
                "claims": result.claims,
            })
        };
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
