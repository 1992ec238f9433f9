//! Format detection from content, never from the file extension (SPEC §1).

use std::borrow::Cow;

use crate::model::Format;

/// How much of the file detection looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// A file whose structure says what it is, but not a format the tool reads.
#[derive(Debug, thiserror::Error)]
pub enum Unsupported {
    /// XML whose root is not an SPL `document`.
    #[error(
        "XML document with root element <{0}>, not an HL7 SPL drug label (root <document> in urn:hl7-org:v3); \
         other XML is not read"
    )]
    Xml(String),
    /// JSON that holds no openFDA label record.
    #[error(
        "JSON that is not an openFDA drug label (no record with `openfda` or label section keys such as \
         `indications_and_usage`); other JSON is not read"
    )]
    Json,
    /// A file that starts as JSON but is not valid JSON.
    #[error("malformed JSON at line {line}, column {column}: {msg}")]
    MalformedJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON parser said.
        msg: String,
    },
}

/// Keys that mark a JSON object as an openFDA drug/label record: its
/// record fields and the section keys nearly every label has. The parser
/// then reads every key `label_sections.tsv` knows.
const OPENFDA_KEYS: &[&str] = &[
    "\"openfda\"",
    "\"set_id\"",
    "\"effective_time\"",
    "\"spl_product_data_elements\"",
    "\"package_label_principal_display_panel\"",
    "\"indications_and_usage\"",
    "\"dosage_and_administration\"",
    "\"contraindications\"",
    "\"adverse_reactions\"",
    "\"boxed_warning\"",
    "\"warnings\"",
    "\"drug_interactions\"",
    "\"active_ingredient\"",
    "\"purpose\"",
];

/// Detects the format of a decoded file.
///
/// SPL is XML whose root element is `document` in `urn:hl7-org:v3`; other
/// XML (with an `<?xml` declaration, root not `html`) is refused. A file
/// that starts like a JSON object or array is openFDA when a record key is
/// in it, refused otherwise (naming the line and column when it is not
/// valid JSON). Then markdown wins with front matter or clear markdown
/// syntax (`#` headings, `**bold**`, pipe tables); HTML with a document tag
/// or several block tags; everything else is text.
pub fn detect(src: &[u8]) -> Result<Format, Unsupported> {
    let head = &src[..src.len().min(SNIFF_BYTES)];
    // Decoded text is valid UTF-8 unless the cut splits a character, so the
    // strict check (fast on ASCII) almost always borrows.
    let head = match std::str::from_utf8(head) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(head),
    };
    let trimmed = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if let Some(format) = structured(trimmed, src)? {
        return Ok(format);
    }
    if trimmed.starts_with("---\n") || trimmed.starts_with("---\r\n") {
        return Ok(Format::Markdown);
    }
    let start = trimmed.as_bytes();
    if starts_with_ci(start, b"<!doctype html") || starts_with_ci(start, b"<html") || looks_like_html(head.as_bytes()) {
        return Ok(Format::Html);
    }
    let mut md_score = 0;
    for line in head.lines() {
        let l = line.trim_start();
        if (l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### ") || l.starts_with("#### "))
            && l.len() > 2
        {
            md_score += 2;
        } else if l.starts_with("**") && l[2..].contains("**") {
            md_score += 1;
        } else if l.starts_with('|') && l.ends_with('|') && l.contains("---") {
            md_score += 2;
        }
        // The score never goes down, so the rest of the head cannot change it.
        if md_score >= 2 {
            return Ok(Format::Markdown);
        }
    }
    Ok(Format::Text)
}

/// SPL or openFDA by their structure, an error for other XML or JSON, or
/// `None` to go on with the markup and prose formats.
fn structured(head: &str, src: &[u8]) -> Result<Option<Format>, Unsupported> {
    if let Some(root) = xml_root(head) {
        let has_prolog = head.starts_with("<?xml");
        if root == "document" && head.contains("urn:hl7-org:v3") {
            return Ok(Some(Format::Spl));
        }
        if has_prolog && !root.eq_ignore_ascii_case("html") {
            return Err(Unsupported::Xml(root.to_string()));
        }
        return Ok(None);
    }
    let rest = |s: &str| s[1..].trim_start().chars().next();
    let json_like = (head.starts_with('{') && matches!(rest(head), Some('"' | '}')))
        || (head.starts_with('[') && matches!(rest(head), Some('{' | ']')));
    if !json_like {
        return Ok(None);
    }
    if OPENFDA_KEYS.iter().any(|k| head.contains(k)) {
        return Ok(Some(Format::Openfda));
    }
    let text = String::from_utf8_lossy(src);
    for value in serde_json::Deserializer::from_str(&text).into_iter::<serde::de::IgnoredAny>() {
        if let Err(e) = value {
            return Err(Unsupported::MalformedJson { line: e.line(), column: e.column(), msg: e.to_string() });
        }
    }
    Err(Unsupported::Json)
}

/// The local name of the root element of an XML-looking head: after the
/// declaration, processing instructions, comments and a doctype. `None`
/// when the head does not start with markup or declares no element.
fn xml_root(head: &str) -> Option<&str> {
    let mut rest = head;
    if !(rest.starts_with("<?xml") || rest.starts_with("<document") || rest.starts_with("<!--")) {
        return None;
    }
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = &r[r.find('>')? + 1..];
        } else {
            let r = rest.strip_prefix('<')?;
            let end = r.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | ':' | '.' | '-')))?;
            let name = &r[..end];
            return Some(name.rsplit(':').next().unwrap_or(name));
        }
    }
}

/// Tags that make a page HTML on their own.
const DOC_TAGS: &[&[u8]] = &[b"<html", b"<body", b"<head>"];

/// Tags of which three in all make a page HTML.
const BLOCK_TAGS: &[&[u8]] =
    &[b"<p>", b"<p ", b"<div", b"<li>", b"<li ", b"<h1", b"<h2", b"<h3", b"<table", b"<ul>", b"<br"];

/// A document tag anywhere, or at least three block tags (ASCII case
/// ignored). One pass over the `<` bytes: no tag in either list is a prefix
/// of another, so each `<` matches at most one tag of each list.
fn looks_like_html(head: &[u8]) -> bool {
    let mut block_tags = 0;
    for lt in memchr::memchr_iter(b'<', head) {
        let at = &head[lt..];
        if DOC_TAGS.iter().any(|t| starts_with_ci(at, t)) {
            return true;
        }
        if BLOCK_TAGS.iter().any(|t| starts_with_ci(at, t)) {
            block_tags += 1;
            if block_tags >= 3 {
                return true;
            }
        }
    }
    false
}

/// Whether `hay` starts with `prefix`, ignoring ASCII case.
fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        let ok = |src: &[u8]| detect(src).expect("detected");
        assert_eq!(ok(b"---\ntitle: X\n---\nbody"), Format::Markdown);
        assert_eq!(ok(b"# Title\n\nSome text.\n"), Format::Markdown);
        assert_eq!(ok(b"<!DOCTYPE html><html><body><p>x</p></body></html>"), Format::Html);
        assert_eq!(ok(b"<div><p>one</p><p>two</p></div>"), Format::Html);
        assert_eq!(ok(b"Title\n\n- item one\n- item two\nA sentence.\n"), Format::Text);
        assert_eq!(ok(b"Uses of <the> drug: 5 < 6\n"), Format::Text);
        assert_eq!(ok(b"[1] Smith J. A study.\n"), Format::Text);
    }

    #[test]
    fn detects_labels_and_refuses_other_xml_and_json() {
        let spl = b"<?xml version=\"1.0\"?><!-- c --><document xmlns=\"urn:hl7-org:v3\"><title>x</title></document>";
        assert_eq!(detect(spl).expect("spl"), Format::Spl);
        assert_eq!(detect(b"{\"indications_and_usage\": [\"x\"]}").expect("openfda"), Format::Openfda);
        assert_eq!(detect(b"[{\"openfda\": {}}]").expect("openfda array"), Format::Openfda);
        assert_eq!(detect(b"<?xml version=\"1.0\"?><html><body><p>x</p></body></html>").expect("xhtml"), Format::Html);
        let xml = detect(b"<?xml version=\"1.0\"?>\n<rss><channel/></rss>").unwrap_err();
        assert!(xml.to_string().contains("<rss>"), "{xml}");
        assert!(matches!(detect(b"{\"name\": \"x\"}"), Err(Unsupported::Json)));
        let bad = detect(b"{\"name\":\n  [1,}").unwrap_err();
        assert!(bad.to_string().starts_with("malformed JSON at line 2, column "), "{bad}");
    }
}
