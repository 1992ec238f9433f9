//! Tests of the whole HTML parser, and what every HTML unit test shares:
//! the span checks each outline must pass, and the outline as
//! `kind: text` lines.

use super::parse;
use crate::model::{Block, Cell, LineIndex, Span, Text};
use crate::parse::{Node, Parsed};

/// Every verbatim piece is the raw bytes it points at, and every span
/// lies inside the file on character boundaries.
fn check_text(src: &str, text: &Text, what: &str) {
    text.for_each_verbatim(|plain, raw| {
        assert_eq!(src.get(raw.start..raw.end), Some(plain), "{what}: verbatim piece {raw:?}");
    });
    let span = text.span();
    assert!(span.end <= src.len(), "{what}: span {span:?} past the end");
    assert!(src.is_char_boundary(span.start) && src.is_char_boundary(span.end), "{what}: {span:?}");
    assert_eq!(text.as_str(), text.as_str().trim(), "{what}: untrimmed");
    assert!(!text.as_str().contains("  "), "{what}: uncollapsed whitespace in {:?}", text.as_str());
}

fn check(src: &str, parsed: &Parsed) {
    let lines = LineIndex::new(src.as_bytes());
    for node in &parsed.nodes {
        match node {
            Node::Heading(h) => {
                check_text(src, &h.text, "heading");
                assert_eq!(h.span, h.text.span());
                assert_eq!(h.line, lines.line(h.span.start));
            }
            Node::Block(Block::Paragraph { text, span, line } | Block::ListItem { text, span, line, .. }) => {
                check_text(src, text, "block");
                assert_eq!(*span, text.span());
                assert_eq!(*line, lines.line(span.start));
            }
            Node::Block(Block::Table { header, rows, span, line }) => {
                for cell in header.iter().chain(rows.iter().flatten()) {
                    check_text(src, &cell.text, "cell");
                    assert!(cell.span.start >= span.start || cell.text.is_empty());
                    assert!(cell.span.end <= span.end || cell.text.is_empty());
                }
                assert_eq!(*line, lines.line(span.start));
            }
        }
    }
    for d in &parsed.debris {
        assert!(d.span.start <= d.span.end && d.span.end <= src.len(), "{d:?}");
        assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end));
    }
}

pub(super) fn parse_checked(src: &str) -> Parsed {
    let parsed = parse(src);
    check(src, &parsed);
    parsed
}

/// The outline as `kind level: text` lines, for readable assertions.
pub(super) fn outline(parsed: &Parsed) -> Vec<String> {
    parsed
        .nodes
        .iter()
        .map(|n| match n {
            Node::Heading(h) => format!("h{}: {}", h.level, h.text.as_str()),
            Node::Block(Block::Paragraph { text, .. }) => format!("p: {}", text.as_str()),
            Node::Block(Block::ListItem { text, level, .. }) => {
                format!("li{level}: {}", text.as_str())
            }
            Node::Block(Block::Table { header, rows, .. }) => {
                let row = |cells: &[Cell]| cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | ");
                let mut s = format!("table: [{}]", row(header));
                for r in rows {
                    s.push_str(&format!(" [{}]", row(r)));
                }
                s
            }
        })
        .collect()
}

pub(super) fn fixtures() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            let src = std::fs::read_to_string(&path).expect("fixture");
            out.push((path.display().to_string(), src));
        }
    }
    out.sort();
    out
}

pub(super) fn raw(src: &str, span: Span) -> &str {
    src.get(span.start..span.end).expect("span on char boundaries")
}

#[test]
pub(super) fn fixtures_keep_every_piece_exact() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 3);
    for (path, src) in fixtures {
        let parsed = parse(&src);
        check(&src, &parsed);
        assert!(parsed.warnings.is_empty(), "{path}: {:?}", parsed.warnings);
        assert!(parsed.meta.title.is_some(), "{path}");
        assert!(!parsed.debris.is_empty() || path.contains("entities"), "{path}");
        for line in outline(&parsed) {
            for junk in ["cookie", "Accept", "gtag", "Subscribe", "Copyright", "©", "Home", "<p>"] {
                assert!(!line.contains(junk) || path.contains("entities"), "{path}: {junk:?} kept in {line:?}");
            }
        }
    }
}

#[test]
fn full_page_outline() {
    let src = fixtures().into_iter().find(|(p, _)| p.contains("ibuprofen")).expect("fixture").1;
    let parsed = parse(&src);
    let lines = outline(&parsed);
    let has = |want: &str| lines.iter().any(|l| l == want);
    assert_eq!(parsed.meta.title.as_deref(), Some("Ibuprofen – Uses, Dosage & Side Effects | MedReference"));
    assert!(has("h1: Ibuprofen"));
    assert!(has("h3: Common side effects"));
    assert!(has("li1: Gastrointestinal"));
    assert!(has("li2: Nausea and vomiting"));
    assert!(has("li1: Warfarin: Increased risk of bleeding; monitor INR."));
    assert!(has(
        "li1: ACE inhibitors, Angiotensin receptor blockers: Reduced antihypertensive effect and risk of kidney injury."
    ));
    assert!(lines.iter().any(|l| l.starts_with(
        "table: [Route | Indication | Dose] [Oral | Mild to moderate pain (adults) | 200-400 mg every 4-6 hours;"
    )));
    let labels: Vec<&str> = parsed.debris.iter().map(|d| d.text.as_str()).collect();
    for want in [
        "style",
        "script",
        "noscript",
        "div#cookie-notice.cookie-banner",
        "header.site-header",
        "nav.toc",
        "aside.related",
        "footer.site-footer",
    ] {
        assert!(labels.contains(&want), "{want} not in {labels:?}");
    }
    for d in &parsed.debris {
        assert!(raw(&src, d.span).starts_with('<'), "{d:?}");
        assert!(raw(&src, d.span).ends_with('>'), "{d:?}");
    }
}

#[test]
fn odd_markup_never_panics() {
    let cases = [
        "",
        "<",
        "</",
        "&",
        "&#",
        "&#x",
        "&#99999999999;",
        "&#xD800;&#0;&#128;&#x9F;",
        "<p>&amp",
        "<!--",
        "<!-- a -- b --!> after",
        "<!--->x<!---->y",
        "<!DOCTYPE",
        "<?xml version=\"1.0\"?><p>x</p>",
        "</ >bogus end</>x",
        "<p a='unterminated>text",
        "<p a=\"x\" b=y c>t</p>",
        "<table>fostered<tr><td>cell</td></tr>stray</table>",
        "<svg><![CDATA[x < y]]><title>t</title></svg><p>after</p>",
        "<math><mi>x</mi></math><p>y</p>",
        "<b><p>misnested</b> text</p>",
        "<textarea>a<b>c</textarea><title>t&amp;</title>",
        "<xmp>&amp; <b></xmp><plaintext>rest <p> &amp;",
        "<pre>\n\nkeep</pre>",
        "<p>\u{0}nul\u{0}</p>",
        "\u{feff}<p>bom</p>",
        "<p>caf\u{e9} \u{a0}na\u{ef}ve \u{ad}soft\u{200b}</p>",
        "<ul><ul><li>double</li></ul></ul>",
        "<li>orphan</li><dd>orphan dd</dd><dt>orphan dt</dt><td>cell</td>",
        "<template><p>inside</p></template><p>outside</p>",
        "<noscript><p>no js</p></noscript><iframe><p>x</p></iframe>",
        "<p>a</p></body></html><p>after html</p>",
        "<frameset><frame></frameset>text",
        "<select><option>o</option></select><p>x</p>",
        "<h2><div>block in heading</div></h2>",
        "<p>&notin; &notit; &copy2024 &ampx &unknownentity; &#x41;&#65</p>",
        "<p>a&NonBreakingSpace;b &ThinSpace; &fjlig; c</p>",
        "<scr\u{e9}ipt>x</scr\u{e9}ipt>",
    ];
    for src in cases {
        let parsed = parse(src);
        check(src, &parsed);
    }
}
