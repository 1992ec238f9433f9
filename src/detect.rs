//! Format detection from content, never from the file extension (SPEC §1).

use std::borrow::Cow;

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
    // Decoded text is valid UTF-8 unless the cut splits a character, so the
    // strict check (fast on ASCII) almost always borrows.
    let head = match std::str::from_utf8(head) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(head),
    };
    let trimmed = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with("---\n") || trimmed.starts_with("---\r\n") {
        return Format::Markdown;
    }
    let start = trimmed.as_bytes();
    if starts_with_ci(start, b"<!doctype html") || starts_with_ci(start, b"<html") || looks_like_html(head.as_bytes()) {
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
        // The score never goes down, so the rest of the head cannot change it.
        if md_score >= 2 {
            return Format::Markdown;
        }
    }
    Format::Text
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
        assert_eq!(detect(b"---\ntitle: X\n---\nbody"), Format::Markdown);
        assert_eq!(detect(b"# Title\n\nSome text.\n"), Format::Markdown);
        assert_eq!(detect(b"<!DOCTYPE html><html><body><p>x</p></body></html>"), Format::Html);
        assert_eq!(detect(b"<div><p>one</p><p>two</p></div>"), Format::Html);
        assert_eq!(detect(b"Title\n\n- item one\n- item two\nA sentence.\n"), Format::Text);
        assert_eq!(detect(b"Uses of <the> drug: 5 < 6\n"), Format::Text);
    }
}
