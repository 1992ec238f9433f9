//! The span invariants every stage must keep (SPEC §3), as checks that the
//! fixture harness, the property tests and the fuzz targets share.
//!
//! Not part of the tool's interface: hidden from the docs and free to change.
//! The checks return the first violation as a message instead of panicking,
//! so each caller decides how to fail. They only read; they never repair.

use crate::SourceResult;
use crate::extract::Claim;
use crate::model::{Block, Document, Format, Span, Text};

/// Whether `at` is a position between two UTF-8 characters of `src`: the end,
/// or a byte that is not a continuation byte.
fn is_boundary(src: &[u8], at: usize) -> bool {
    at == src.len() || src.get(at).is_some_and(|b| (*b as i8) >= -0x40)
}

/// A span lies inside `src`, in order, on character boundaries.
pub fn check_span(src: &[u8], span: Span, what: &str) -> Result<(), String> {
    if span.start > span.end || span.end > src.len() {
        return Err(format!("{what}: span {span:?} outside the {} bytes of the file", src.len()));
    }
    if !is_boundary(src, span.start) || !is_boundary(src, span.end) {
        return Err(format!("{what}: span {span:?} splits a UTF-8 character"));
    }
    Ok(())
}

/// A text's span is valid and every verbatim piece of its plain text is
/// exactly the raw bytes it claims to come from.
pub fn check_text(src: &[u8], text: &Text, what: &str) -> Result<(), String> {
    check_span(src, text.span(), what)?;
    let mut result = Ok(());
    text.for_each_verbatim(|plain, raw| {
        if result.is_ok() {
            result = check_span(src, raw, what).and_then(|()| {
                if raw.slice(src) == plain.as_bytes() {
                    Ok(())
                } else {
                    Err(format!("{what}: plain text {plain:?} is not the raw bytes at {raw:?}"))
                }
            });
        }
    });
    result
}

/// Every heading, block, cell and piece of debris of `doc`: spans inside the
/// file on character boundaries, text taken from the bytes its span covers.
pub fn check_document(src: &[u8], doc: &Document) -> Result<(), String> {
    for section in &doc.sections {
        if let Some(h) = &section.heading {
            check_text(src, &h.text, "heading")?;
            check_span(src, h.span, "heading")?;
            if h.text.span() != h.span {
                return Err(format!(
                    "heading {:?}: span {:?} is not its text's {:?}",
                    h.text.as_str(),
                    h.span,
                    h.text.span()
                ));
            }
        }
        for block in &section.blocks {
            check_span(src, block.span(), "block")?;
            match block {
                Block::Paragraph { text, span, .. } | Block::ListItem { text, span, .. } => {
                    check_text(src, text, "block")?;
                    if text.span() != *span {
                        return Err(format!(
                            "block {:?}: span {span:?} is not its text's {:?}",
                            text.as_str(),
                            text.span()
                        ));
                    }
                }
                Block::Table { header, rows, .. } => {
                    for cell in header.iter().chain(rows.iter().flatten()) {
                        check_text(src, &cell.text, "cell")?;
                        check_span(src, cell.span, "cell")?;
                        // An empty cell keeps its position but has no text span.
                        if !cell.text.is_empty() && cell.text.span() != cell.span {
                            return Err(format!(
                                "cell {:?}: span {:?} is not its text's",
                                cell.text.as_str(),
                                cell.span
                            ));
                        }
                    }
                }
            }
        }
    }
    for d in &doc.debris {
        check_span(src, d.span, "debris")?;
    }
    Ok(())
}

/// The evidence invariant for every claim: `text` is exactly the bytes
/// `start..end` (not empty), and `line` is the 1-based line of `start`.
pub fn check_claims(src: &[u8], claims: &[Claim]) -> Result<(), String> {
    check_claims_as(src, claims, None)
}

/// [`check_claims`] for a file of `format`: for `openfda` the bytes
/// `start..end` lie inside a JSON string literal, and `text` is them decoded
/// as JSON string content (SPEC §1).
pub fn check_claims_as(src: &[u8], claims: &[Claim], format: Option<Format>) -> Result<(), String> {
    let json = format == Some(Format::Openfda);
    for c in claims {
        let e = &c.evidence;
        if e.start >= e.end {
            return Err(format!("{}: empty evidence span {}..{}", c.id, e.start, e.end));
        }
        check_span(src, Span { start: e.start, end: e.end }, &c.id)?;
        let raw = &src[e.start..e.end];
        let decoded = || std::str::from_utf8(raw).ok().and_then(crate::parse::decode_json_literal);
        let same = if json { decoded().as_deref() == Some(e.text.as_str()) } else { raw == e.text.as_bytes() };
        if !same {
            return Err(format!("{}: evidence text {:?} is not the raw slice {}..{}", c.id, e.text, e.start, e.end));
        }
        let line = src[..e.start].iter().filter(|b| **b == b'\n').count() + 1;
        if e.line != line {
            return Err(format!("{}: evidence line {} but `start` is on line {line}", c.id, e.line));
        }
    }
    Ok(())
}

/// [`check_document`] and [`check_claims`] over what
/// [`crate::process_one`] returned for the file bytes `src`.
///
/// The document is checked against the decoded text (invalid bytes became
/// `?` at the same offsets); claims against the file's own bytes, since
/// evidence never quotes a replaced byte.
pub fn check_result(src: &[u8], result: &SourceResult) -> Result<(), String> {
    if let Some(doc) = &result.doc {
        let decoded = crate::ingest::decode(src).map_err(|e| format!("a parsed document failed to decode: {e}"))?;
        check_document(decoded.text.as_bytes(), doc)?;
    }
    check_claims_as(src, &result.claims, result.input.format)
}

#[cfg(test)]
mod tests {
    //! Properties: for any input bytes, and for generated documents that look
    //! like markdown, HTML or scraped text, every span the pipeline emits
    //! keeps the invariants above. Case counts stay modest to keep the suite
    //! fast; the fuzz targets in `fuzz/` search far longer.

    use std::path::Path;
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;
    use crate::Config;
    use crate::model::Format;

    static CONFIG: LazyLock<Config> = LazyLock::new(Config::for_tests);

    /// The whole per-file pipeline, then each parser on its own whatever
    /// the detected format.
    fn check_all(bytes: &[u8]) -> Result<(), TestCaseError> {
        let result = crate::process_one("prop", Path::new("prop"), bytes, &CONFIG);
        check_result(bytes, &result).map_err(TestCaseError::fail)?;
        let text = String::from_utf8_lossy(bytes);
        for format in [Format::Markdown, Format::Html, Format::Text] {
            if let Ok(parsed) = crate::parse::parse(&text, format, &CONFIG.lexicon) {
                let doc = crate::sections::build(parsed, &CONFIG.lexicon);
                check_document(text.as_bytes(), &doc).map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
            }
        }
        Ok(())
    }

    /// Pieces documents are made of: words that the lexicons know, doses,
    /// multi-byte characters, entities and every kind of line break.
    const WORDS: &[&str] = &[
        "Ketamine",
        "ketamine",
        "may cause",
        "nausea",
        "and",
        "vomiting",
        "does not cause",
        "respiratory depression",
        "0.5 mg/kg",
        "1–2 mg",
        "up to 4.5 mg/kg",
        "intravenous",
        "IV",
        "oral",
        "depression",
        "NMDA receptor",
        "antagonist",
        "half-life",
        "2-3 hours",
        "Schedule III",
        "pregnancy",
        "é",
        "—",
        "•",
        "“quoted”",
        "&amp;",
        "&#x41;",
        "&nbsp;",
        "&bogus",
        "<",
        ">",
        "*",
        "**",
        "_",
        "`",
        "|",
        ":",
        ".",
        ",",
        ";",
        "?",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\u{feff}",
        "doi:10.1000/XYZ",
        "(",
        ")",
        "1.",
        "2.",
        "[x](y)",
    ];

    const MARKDOWN_LINES: &[&str] = &[
        "---",
        "title: Ketamine",
        "title: ../../etc/passwd",
        "a: &a [x, x]",
        "b: [*a, *a]",
        "# Ketamine",
        "## Side Effects",
        "### Dosage",
        "**Uses:**",
        "* **Nausea:** common",
        "- item",
        "  - nested",
        "1. first",
        "| Route | Dose |",
        "|---|---|",
        "| IV | 1 mg |",
        "> quote",
        "```",
        "    code",
        "<div>html</div>",
        "",
    ];

    const HTML_PIECES: &[&str] = &[
        "<html>",
        "<head>",
        "<title>",
        "</title>",
        "<body>",
        "</body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<h1>",
        "<h2>",
        "</h2>",
        "<table>",
        "<tr>",
        "<td>",
        "<th>",
        "</td>",
        "<br>",
        "<script>",
        "</script>",
        "<style>",
        "<nav>",
        "</nav>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<b>",
        "</b>",
        "<svg>",
        "</svg>",
        "<dl><dt>",
        "<dd>",
        "<textarea>",
        "<p class=\"x\">",
        "<a href='y'>",
        "</a>",
        "<",
    ];

    const TEXT_LINES: &[&str] = &[
        "Ketamine Explained | Facts",
        "Common Side Effects",
        "Is ketamine safe?",
        "• Nausea: often mild.",
        "    • Hallucinations",
        "1. Depression: • Some research suggests it helps. 2. Pain: • relieves pain.",
        "Administration Route Typical Use Dosage Range",
        "Intravenous (IV) Infusion Depression 0.5 mg/kg over 40 min",
        "Sources:",
        "top of page",
        "cover.png",
        "This content is for educational purposes only.",
        "",
    ];

    fn doc_of(pieces: &'static [&'static str], joiner: &'static str) -> impl Strategy<Value = String> {
        prop::collection::vec(prop_oneof![3 => select(pieces), 2 => select(WORDS)], 0..60)
            .prop_map(move |parts| parts.join(joiner))
    }

    /// Inputs the fuzz targets once failed on, committed under
    /// `tests/fixtures/fuzz/<target>/` (no extension, so the snapshot
    /// harness skips them): each must now pass every check.
    #[test]
    fn fuzz_regressions_replay() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
        let mut stack = vec![root];
        let mut replayed = 0;
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let _ = crate::detect::detect(&bytes);
                if let Err(e) = check_all(&bytes) {
                    panic!("{}: {e}", path.display());
                }
                replayed += 1;
            }
        }
        eprintln!("replayed {replayed} fuzz regression inputs");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_keep_the_span_invariants(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
            check_all(&bytes)?;
        }

        #[test]
        fn any_text_keeps_the_span_invariants(text in "\\PC{0,400}") {
            check_all(text.as_bytes())?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn markdown_like_documents_keep_the_span_invariants(doc in doc_of(MARKDOWN_LINES, "\n")) {
            check_all(doc.as_bytes())?;
        }

        #[test]
        fn html_like_documents_keep_the_span_invariants(doc in doc_of(HTML_PIECES, "")) {
            check_all(doc.as_bytes())?;
        }

        #[test]
        fn text_like_documents_keep_the_span_invariants(doc in doc_of(TEXT_LINES, "\n")) {
            check_all(doc.as_bytes())?;
        }
    }
}
