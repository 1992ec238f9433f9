//! One insta snapshot per fixture file: the normalized document and its
//! claims. Before snapshotting, every heading, block, cell and claim is
//! checked against the raw bytes (SPEC §3 evidence invariant).

use std::path::Path;

use monograph::model::{Block, Document, Text};
use monograph::{Config, SourceResult};

fn check_text(src: &[u8], text: &Text, what: &str) {
    let span = text.span();
    assert!(span.end <= src.len(), "{what}: span {span:?} past end of file");
    text.for_each_verbatim(|plain, raw| {
        assert_eq!(&src[raw.start..raw.end], plain.as_bytes(), "{what}: plain text is not the raw bytes at {raw:?}");
    });
}

/// Every heading, block and cell: its text comes from the bytes its span covers.
fn check_document(src: &[u8], doc: &Document) {
    for section in &doc.sections {
        if let Some(h) = &section.heading {
            check_text(src, &h.text, "heading");
            assert!(h.span.start <= h.span.end && h.span.end <= src.len());
        }
        for block in &section.blocks {
            match block {
                Block::Paragraph { text, span, .. } | Block::ListItem { text, span, .. } => {
                    check_text(src, text, "block");
                    assert_eq!(text.span(), *span, "block span is the span of its text");
                }
                Block::Table { header, rows, .. } => {
                    for cell in header.iter().chain(rows.iter().flatten()) {
                        check_text(src, &cell.text, "cell");
                        // An empty cell keeps its position but has no text span.
                        if !cell.text.is_empty() {
                            assert_eq!(cell.text.span(), cell.span);
                        }
                    }
                }
            }
        }
    }
}

/// The evidence invariant: `text` is exactly the bytes `start..end`, `line`
/// is the line of `start`, and the quote is never more than one sentence
/// of prose.
fn check_claims(src: &[u8], result: &SourceResult) {
    for c in &result.claims {
        let e = &c.evidence;
        assert!(e.start < e.end && e.end <= src.len(), "{}: bad span", c.id);
        assert_eq!(&src[e.start..e.end], e.text.as_bytes(), "{}: evidence text is not the raw slice", c.id);
        let line = src[..e.start].iter().filter(|b| **b == b'\n').count() + 1;
        assert_eq!(e.line, line, "{}: wrong line", c.id);
        assert!(e.text.len() <= 600, "{}: evidence is longer than a sentence: {}", c.id, e.text);
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
        if let Some(doc) = &result.doc {
            check_document(&bytes, doc);
        }
        check_claims(&bytes, &result);
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
        check_document(&bytes, doc);
        check_claims(&bytes, &result);
        let snapshot = serde_json::json!({ "drug": result.drug, "document": doc, "claims": result.claims });
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(snapshot);
        });
    });
}
