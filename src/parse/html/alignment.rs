//! Alignment of DOM text with the scanner's runs: each html5ever text node
//! is placed in the raw bytes as pieces the outline builds its text from
//! (verbatim bytes, decoded character references, collapsed whitespace).

use std::ops::Range;

use super::scan::{Run, is_ws};
use crate::model::Span;
use crate::parse::align::{decode_ref, is_blank, is_invisible, named_ref_len};

/// A position in the raw text: a run and a byte offset inside it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cursor {
    pub(super) run: usize,
    pos: usize,
}

/// One aligned piece of a text node.
#[derive(Clone, Debug)]
pub(super) enum Atom {
    /// Raw bytes that are their own plain text.
    Verbatim(Span),
    /// A character reference: `plain` is a range of the DOM text.
    Decoded { plain: Range<usize>, raw: Span },
    /// Collapsed whitespace, with its raw bytes when the source has them.
    Blank(Option<Span>),
}

/// The raw side of the alignment.
pub(super) struct Source<'s> {
    pub(super) src: &'s str,
    pub(super) runs: &'s [Run],
}

impl Source<'_> {
    /// The start of run `run`.
    pub(super) fn at_run(&self, run: usize) -> Cursor {
        Cursor { run, pos: self.runs.get(run).map_or(self.src.len(), |r| r.span.start) }
    }

    /// Moves past exhausted runs; false at the end of the text.
    fn normalize(&self, c: &mut Cursor) -> bool {
        loop {
            let Some(run) = self.runs.get(c.run) else {
                return false;
            };
            if c.pos < run.span.end {
                return true;
            }
            c.run += 1;
            if let Some(next) = self.runs.get(c.run) {
                c.pos = next.span.start;
            }
        }
    }

    /// Length of the whitespace character (literal or reference) at `c`.
    fn blank_len(&self, c: Cursor) -> Option<usize> {
        let run = self.runs.get(c.run)?;
        let rest = self.src.as_bytes().get(c.pos..run.span.end)?;
        match rest.first()? {
            &b if is_ws(b) => Some(1),
            0xC2 if rest.get(1) == Some(&0xA0) => Some(2),
            b'&' if run.refs => match decode_ref(rest) {
                Some((len, ch)) if is_blank(ch) => Some(len),
                _ => None,
            },
            _ => None,
        }
    }

    /// Consumes raw whitespace at `c` (moving on to later runs when `cross`),
    /// and returns the first stretch of it.
    fn eat_blanks(&self, c: &mut Cursor, cross: bool) -> Option<Span> {
        let mut first: Option<(usize, Span)> = None;
        loop {
            if cross && !self.normalize(c) {
                break;
            }
            let Some(len) = self.blank_len(*c) else {
                break;
            };
            match &mut first {
                Some((run, span)) if *run == c.run => span.end = c.pos + len,
                Some(_) => {}
                None => first = Some((c.run, Span::new(c.pos, c.pos + len))),
            }
            c.pos += len;
        }
        first.map(|(_, span)| span)
    }

    /// Matches the DOM text `dom` against the raw text from `start`, filling
    /// `out`; returns the cursor after it, or `None` when they disagree.
    ///
    /// Whitespace matches whitespace whatever its form (html5ever turns CRLF
    /// into LF); raw whitespace and NULs the DOM lacks are skipped (the first
    /// newline of a `<pre>`); references are decoded with the table and, for
    /// names it lacks, by reading what html5ever made of them.
    pub(super) fn align(&self, dom: &str, start: Cursor, out: &mut Vec<Atom>) -> Option<Cursor> {
        out.clear();
        let bytes = self.src.as_bytes();
        let mut c = start;
        let mut i = 0;
        while i < dom.len() {
            // Fast path: a single space between words in the DOM and in the
            // source alike, as the general case below would take it.
            if dom.as_bytes().get(i) == Some(&b' ')
                && !blank_at(dom.as_bytes(), i + 1)
                && let Some(run) = self.runs.get(c.run)
                && c.pos + 1 < run.span.end
                && bytes.get(c.pos) == Some(&b' ')
                && !blank_at(bytes, c.pos + 1)
                && bytes.get(c.pos + 1) != Some(&b'&')
            {
                out.push(Atom::Blank(Some(Span::new(c.pos, c.pos + 1))));
                c.pos += 1;
                i += 1;
                continue;
            }
            let ch = dom.get(i..)?.chars().next()?;
            if is_blank(ch) {
                let rest = dom.get(i..)?;
                let j = i + rest.find(|x: char| !is_blank(x)).unwrap_or(rest.len());
                let cross = i == 0 || j < dom.len();
                out.push(Atom::Blank(self.eat_blanks(&mut c, cross)));
                i = j;
                continue;
            }
            if !self.normalize(&mut c) {
                return None;
            }
            let run = self.runs.get(c.run)?;
            // Fast path: ordinary bytes the DOM and the source share go
            // into one verbatim piece without decoding a character at a time.
            let same = plain_prefix(dom.get(i..)?, bytes.get(c.pos..run.span.end)?);
            if same > 0 {
                let span = Span::new(c.pos, c.pos + same);
                match out.last_mut() {
                    Some(Atom::Verbatim(prev)) if prev.end == span.start => prev.end = span.end,
                    _ => out.push(Atom::Verbatim(span)),
                }
                c.pos += same;
                i += same;
                continue;
            }
            if let Some(len) = self.blank_len(c) {
                c.pos += len;
                continue;
            }
            let raw = bytes.get(c.pos..run.span.end)?;
            match raw.first()? {
                0 => {
                    c.pos += 1;
                    continue;
                }
                b'&' if run.refs => {
                    if let Some((len, decoded)) = decode_ref(raw)
                        && dom.get(i..)?.starts_with(decoded)
                    {
                        let end = i + decoded.len_utf8();
                        if !is_invisible(decoded) {
                            out.push(Atom::Decoded { plain: i..end, raw: Span::new(c.pos, c.pos + len) });
                        }
                        i = end;
                        c.pos += len;
                        continue;
                    }
                    if ch != '&' {
                        let len = named_ref_len(raw)?;
                        let plain = guided_ref(dom, i, self.src.get(c.pos + len..run.span.end))?;
                        if !dom.get(plain.clone())?.chars().all(is_invisible) {
                            out.push(Atom::Decoded { plain: plain.clone(), raw: Span::new(c.pos, c.pos + len) });
                        }
                        i = plain.end;
                        c.pos += len;
                        continue;
                    }
                }
                _ => {}
            }
            let rc = self.src.get(c.pos..)?.chars().next()?;
            if rc != ch {
                return None;
            }
            let n = rc.len_utf8();
            if !is_invisible(rc) {
                let span = Span::new(c.pos, c.pos + n);
                match out.last_mut() {
                    Some(Atom::Verbatim(prev)) if prev.end == span.start => prev.end = span.end,
                    _ => out.push(Atom::Verbatim(span)),
                }
            }
            c.pos += n;
            i += n;
        }
        Some(c)
    }
}

/// Whether a whitespace character of [`is_blank`] starts at `k` (false past
/// the end).
fn blank_at(b: &[u8], k: usize) -> bool {
    match b.get(k) {
        Some(&c) if is_ws(c) => true,
        Some(0xC2) => b.get(k + 1) == Some(&0xA0),
        _ => false,
    }
}

/// Length of the longest start of `dom` that `raw` starts with too and that
/// the character-by-character alignment would copy verbatim: it stops before
/// whitespace (also a no-break space), `&`, NUL and invisible characters, and
/// ends on a character boundary.
fn plain_prefix(dom: &str, raw: &[u8]) -> usize {
    let d = dom.as_bytes();
    let n = d.len().min(raw.len());
    let mut k = 0;
    while k < n && d[k] == raw[k] {
        let special = match d[k] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'&' | 0 => true,
            // U+00A0 (blank), U+00AD (invisible).
            0xC2 => matches!(d.get(k + 1), Some(0xA0 | 0xAD)),
            // U+200B, U+2060 (invisible).
            0xE2 => matches!(d.get(k + 1..k + 3), Some([0x80, 0x8B] | [0x81, 0xA0])),
            // U+FEFF (invisible).
            0xEF => d.get(k + 1..k + 3) == Some(&[0xBB, 0xBF]),
            _ => false,
        };
        if special {
            break;
        }
        k += 1;
    }
    while !dom.is_char_boundary(k) {
        k -= 1;
    }
    k
}

/// The DOM range a reference missing from [`crate::parse::align::ENTITIES`] decoded to: one
/// character, or two when the raw text after the reference only resumes
/// after a second one (a few names decode to two code points).
fn guided_ref(dom: &str, i: usize, after: Option<&str>) -> Option<Range<usize>> {
    let mut chars = dom.get(i..)?.chars();
    let one = i + chars.next()?.len_utf8();
    let next_raw = after.and_then(|s| s.chars().next());
    match (next_raw, chars.next()) {
        (Some(raw), Some(second)) if raw != second => Some(i..one + second.len_utf8()),
        _ => Some(i..one),
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;
    use crate::model::Block;
    use crate::parse::Node;
    use crate::parse::align::ENTITIES;
    use crate::parse::html::tests::{outline, parse_checked, raw};

    #[test]
    fn entities_map_back_to_raw_spans() {
        let src = "<p>Aspirin &amp; caffeine&nbsp;&#8211; it&rsquo;s 5&#x2009;mg &hearts;</p>";
        let parsed = parse_checked(src);
        let Some(Node::Block(Block::Paragraph { text, .. })) = parsed.nodes.first() else {
            panic!("no paragraph: {parsed:?}");
        };
        assert_eq!(text.as_str(), "Aspirin & caffeine – it’s 5\u{2009}mg ♥");
        let at = |needle: &str| {
            let i = text.as_str().find(needle).expect("needle");
            raw(src, text.raw_span(i..i + needle.len()))
        };
        assert_eq!(at("&"), "&amp;");
        assert_eq!(at("–"), "&#8211;");
        assert_eq!(at("’"), "&rsquo;");
        assert_eq!(at("\u{2009}"), "&#x2009;");
        // Not in our table: decoded by reading html5ever's text.
        assert_eq!(at("♥"), "&hearts;");
        // The no-break space collapses like whitespace and maps to its reference.
        assert_eq!(at("caffeine – it"), "caffeine&nbsp;&#8211; it");
        assert_eq!(raw(src, text.span()), "Aspirin &amp; caffeine&nbsp;&#8211; it&rsquo;s 5&#x2009;mg &hearts;");
    }

    #[test]
    fn references_missing_from_the_table_follow_html5ever() {
        let src = "<p>a&NonBreakingSpace;b &ThinSpace; &fjlig;ord c&hearts;d</p>";
        let parsed = parse_checked(src);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let Some(Node::Block(Block::Paragraph { text, .. })) = parsed.nodes.first() else {
            panic!("{parsed:?}");
        };
        assert_eq!(text.as_str(), "a b \u{2009} fjord c♥d");
        let i = text.as_str().find("fj").expect("fj");
        assert_eq!(raw(src, text.raw_span(i..i + 2)), "&fjlig;");
        let i = text.as_str().find('♥').expect("heart");
        assert_eq!(raw(src, text.raw_span(i..i + '♥'.len_utf8())), "&hearts;");
    }

    #[test]
    fn inline_tags_are_transparent_and_whitespace_collapses() {
        let src = "<div>\r\n  <p>Ibu<b>pro</b>fen   <em>200\r\n  mg</em><br>tablets<sup>1</sup></p>\r\n</div>";
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["p: Ibuprofen 200 mg tablets1"]);
        let Some(Node::Block(b)) = parsed.nodes.first() else { panic!() };
        assert_eq!(raw(src, b.span()), "Ibu<b>pro</b>fen   <em>200\r\n  mg</em><br>tablets<sup>1");
    }

    #[test]
    fn mismatch_skips_with_warning() {
        // Foster-parented text moves before its table; what cannot be placed is
        // skipped, never misplaced.
        let src = "<table><tr><td>cell</td>moved</tr></table><p>after</p>";
        let parsed = parse_checked(src);
        assert!(outline(&parsed).contains(&"p: after".to_owned()), "{:?}", outline(&parsed));
    }

    #[test]
    fn reference_table_agrees_with_html5ever() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()), "ENTITIES not sorted");
        for &(name, cp, legacy) in ENTITIES {
            let want = char::from_u32(cp).expect("code point").to_string();
            let html = Html::parse_document(&format!("<p>&{name};</p><p>&{name}</p>"));
            let texts: Vec<String> =
                html.tree.nodes().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
            assert_eq!(texts.first(), Some(&want), "&{name};");
            // Without `;` only legacy names decode, as a prefix ("&notin" is "¬in").
            let bare = format!("&{name}");
            let expect = match decode_ref(bare.as_bytes()) {
                Some((len, ch)) => format!("{ch}{}", &bare[len..]),
                None => bare.clone(),
            };
            assert_eq!(texts.get(1), Some(&expect), "{bare} without ';'");
            assert_eq!(legacy, decode_ref(bare.as_bytes()).is_some_and(|(len, _)| len == bare.len()), "{bare}");
            let src = format!("&{name};");
            assert_eq!(decode_ref(src.as_bytes()), Some((src.len(), char::from_u32(cp).expect("cp"))));
        }
    }
}
