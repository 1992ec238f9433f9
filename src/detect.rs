//! Format detection from content, never from the file extension (SPEC §1).

use crate::model::Format;

/// How much of the file detection looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Detects the format of a decoded file.
///
/// Markdown wins with front matter or clear markdown syntax (`#` headings,
/// `**bold**`, pipe tables); HTML with a document tag or several block tags;
/// everything else is text.
pub fn detect(src: &[u8]) -> Format {
    let head = &src[..src.len().min(SNIFF_BYTES)];
    let head = String::from_utf8_lossy(head);
    let trimmed = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with("---\n") || trimmed.starts_with("---\r\n") {
        return Format::Markdown;
    }
    let lower = head.to_ascii_lowercase();
    let lower_start = lower.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if lower_start.starts_with("<!doctype html") || lower_start.starts_with("<html") {
        return Format::Html;
    }
    let doc_tags = ["<html", "<body", "<head>"].iter().filter(|t| lower.contains(*t)).count();
    let block_tags: usize = ["<p>", "<p ", "<div", "<li>", "<li ", "<h1", "<h2", "<h3", "<table", "<ul>", "<br"]
        .iter()
        .map(|t| lower.matches(t).count())
        .sum();
    if doc_tags >= 1 || block_tags >= 3 {
        return Format::Html;
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
    }
    if md_score >= 2 { Format::Markdown } else { Format::Text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(detect(b"---\ntitle: X\n---\nbody"), Format::Markdown);
        assert_eq!(detect(b"# Title\n\nSome text.\n"), Format::Markdown);
        assert_eq!(detect(b"<!DOCTYPE html><html><body><p>x</p></body></html>"), Format::Html);
        assert_eq!(detect(b"<div><p>one</p><p>two</p></div>"), Format::Html);
        assert_eq!(detect(b"Title\n\n- item one\n- item two\nA sentence.\n"), Format::Text);
        assert_eq!(detect(b"Uses of <the> drug: 5 < 6\n"), Format::Text);
    }
}
