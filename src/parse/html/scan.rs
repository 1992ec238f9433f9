//! The position-keeping scanner: a forward pass over the raw bytes that
//! finds every text run between tags and every tag, following the HTML
//! tokenizer closely enough to agree with html5ever on where text is.
//!
//! It also decides what html5ever is not shown ([`Scan::parser_input`]):
//! tags below the nesting guard, raw-text content and attributes the outline
//! never reads.

use std::borrow::Cow;

use crate::model::Span;

/// Deepest element nesting handed to html5ever; see
/// [`crate::limits::MAX_HTML_DEPTH`]. Tags below it are hidden from the tree
/// builder (their text stays).
const MAX_DEPTH: usize = crate::limits::MAX_HTML_DEPTH;

/// Elements whose content html5ever reads as raw text, and the scanner skips.
pub(super) const RAWTEXT: &[&str] = &["iframe", "noembed", "noframes", "noscript", "script", "style"];

/// The only attributes the outline reads (see `Builder::drops`, `label`
/// and the table role); html5ever is given no others where it can.
const READ_ATTRS: &[&str] = &["id", "class", "role", "hidden", "aria-hidden"];

/// Elements whose attributes can change how html5ever builds the tree,
/// which keep all of them: `<input type=hidden>` in tables, `<font color>`
/// in foreign content, `<template shadowrootmode>`, `<meta charset>`,
/// MathML's `annotation-xml encoding`, and the formatting elements, whose
/// attributes decide which copies the "Noah's Ark" rule keeps.
const ATTRS_MATTER: &[&str] = &[
    "input",
    "font",
    "template",
    "meta",
    "annotation-xml",
    "svg",
    "math",
    "b",
    "big",
    "code",
    "em",
    "i",
    "nobr",
    "s",
    "small",
    "strike",
    "strong",
    "tt",
    "u",
];

/// Elements without end tags; they never nest.
pub(super) const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// A run of text between two pieces of markup, as the scanner found it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    pub(super) span: Span,
    /// Character references are decoded here (not in CDATA or `<xmp>`).
    pub(super) refs: bool,
}

/// A start or end tag; kept to give dropped elements their span.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tag {
    pub(super) span: Span,
    pub(super) name: Span,
    pub(super) end_tag: bool,
}

/// What the scanner found in the raw bytes, in source order.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub(super) runs: Vec<Run>,
    pub(super) tags: Vec<Tag>,
    /// Tags hidden from html5ever by the nesting guard, in source order.
    hidden: Vec<Span>,
    /// Contents of raw-text elements (script, style…), in source order.
    /// html5ever never makes text of them that the outline uses, so they are
    /// cut from its input: tokenizing style sheets and scripts character by
    /// character was much of its work.
    raw_text: Vec<Span>,
    /// Attributes the outline never reads, with the whitespace before them,
    /// in source order; cut from html5ever's input for the same reason.
    unread_attrs: Vec<Span>,
    pub(super) warnings: Vec<String>,
}

impl Scan {
    /// The text html5ever parses: the source, minus tags the nesting guard
    /// hides and minus raw-text content. Text the scanner found is never
    /// removed, so alignment is unaffected; offsets into this copy are never
    /// used.
    pub(super) fn parser_input<'s>(&self, src: &'s str) -> Cow<'s, str> {
        if self.hidden.is_empty() && self.raw_text.is_empty() && self.unread_attrs.is_empty() {
            return Cow::Borrowed(src);
        }
        let mut cuts: Vec<Span> = self.hidden.iter().chain(&self.raw_text).chain(&self.unread_attrs).copied().collect();
        cuts.sort_unstable();
        let mut out = String::with_capacity(src.len());
        let mut at = 0;
        for cut in cuts {
            out.push_str(src.get(at..cut.start).unwrap_or_default());
            at = at.max(cut.end);
        }
        out.push_str(src.get(at..).unwrap_or_default());
        Cow::Owned(out)
    }
}

/// Scans `src` for text runs and tags, following the HTML tokenizer closely
/// enough to agree with html5ever on where text is: comments, doctypes,
/// processing instructions and bogus comments are skipped, raw-text element
/// content (script, style…) is skipped, RCDATA (`<title>`, `<textarea>`) and
/// foreign CDATA are text.
pub(super) fn scan(src: &str) -> Scan {
    let mut scanner = Scanner {
        src,
        b: src.as_bytes(),
        out: Scan::default(),
        foreign: 0,
        open: Vec::new(),
        deep: Vec::new(),
        closed_doc: false,
    };
    scanner.run();
    scanner.finish()
}

/// State of one scan.
struct Scanner<'s> {
    src: &'s str,
    b: &'s [u8],
    out: Scan,
    /// Depth of open `<svg>`/`<math>`: CDATA is text there, and raw-text
    /// element names mean nothing.
    foreign: usize,
    /// Names of open elements the nesting guard counts (approximate: end tags
    /// only look a few entries down, optional end tags close their siblings).
    open: Vec<Span>,
    /// Names of open elements hidden by the guard.
    deep: Vec<Span>,
    /// Saw `</body>` or `</html>`: a document that ends with open elements
    /// after one of those was not cut off.
    closed_doc: bool,
}

impl Scanner<'_> {
    /// Scans the whole source.
    fn run(&mut self) {
        let n = self.b.len();
        // html5ever drops a leading byte-order mark.
        let mut i = if self.src.starts_with('\u{feff}') { 3 } else { 0 };
        let mut text = i;
        while let Some(lt) = find(self.b, i, b'<') {
            if !self.starts_markup(lt) {
                // A literal `<`, as in "dose < 5 mg": part of the text run.
                i = lt + 1;
                continue;
            }
            self.push_run(text, lt, true);
            i = self.markup(lt);
            text = i;
        }
        self.push_run(text, n, true);
    }

    /// Adds the end-of-file warnings and hands back what was found.
    fn finish(mut self) -> Scan {
        if !self.closed_doc
            && let Some(name) = self.open.last().copied()
            && !["html", "head", "body"].iter().any(|n| self.name_is(name, n))
        {
            let name = self.src.get(name.start..name.end).unwrap_or_default().to_ascii_lowercase();
            self.out.warnings.push(format!("truncated HTML: <{name}> not closed at end of file"));
        }
        if !self.out.hidden.is_empty() {
            self.out.warnings.push(format!(
                "HTML nested deeper than {MAX_DEPTH} elements: {} tags below that depth were ignored",
                self.out.hidden.len()
            ));
        }
        self.out
    }

    /// Records the text run `start..end`, if it is not empty.
    fn push_run(&mut self, start: usize, end: usize, refs: bool) {
        if start < end {
            self.out.runs.push(Run { span: Span::new(start, end), refs });
        }
    }

    /// Warns that the file ends inside `what`.
    fn truncated(&mut self, what: &str) {
        self.out.warnings.push(format!("truncated HTML: file ends inside {what}"));
    }

    /// True when the `<` at `lt` opens markup rather than being a literal.
    fn starts_markup(&self, lt: usize) -> bool {
        match self.b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'!' || *c == b'?' => true,
            Some(b'/') => self.b.get(lt + 2).is_some(),
            _ => false,
        }
    }

    /// Consumes the markup starting at `lt`; returns where text resumes.
    fn markup(&mut self, lt: usize) -> usize {
        let b = self.b;
        match b.get(lt + 1) {
            Some(b'!') => {
                let rest = b.get(lt..).unwrap_or_default();
                if rest.starts_with(b"<!--") {
                    return self.comment(lt + 4);
                }
                if self.foreign > 0 && rest.starts_with(b"<![CDATA[") {
                    let start = lt + 9;
                    return match find_seq(b, start, b"]]>") {
                        Some(k) => {
                            self.push_run(start, k, false);
                            k + 3
                        }
                        None => {
                            self.push_run(start, b.len(), false);
                            self.truncated("a CDATA section");
                            b.len()
                        }
                    };
                }
                self.bogus(lt + 2, "a <! declaration")
            }
            Some(b'?') => self.bogus(lt + 2, "a <? instruction"),
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(lt, true),
                // `</>` is dropped without a trace.
                Some(b'>') => lt + 3,
                _ => self.bogus(lt + 2, "a bogus end tag"),
            },
            _ => self.tag(lt, false),
        }
    }

    /// A comment whose body starts at `j`; it ends at `-->` or `--!>`.
    fn comment(&mut self, j: usize) -> usize {
        let b = self.b;
        if b.get(j) == Some(&b'>') {
            return j + 1;
        }
        if b.get(j..j + 2) == Some(b"->") {
            return j + 2;
        }
        let mut k = j;
        while let Some(d) = find_seq(b, k, b"--") {
            match b.get(d + 2) {
                Some(b'>') => return d + 3,
                Some(b'!') if b.get(d + 3) == Some(&b'>') => return d + 4,
                _ => k = d + 1,
            }
        }
        self.truncated("a comment");
        b.len()
    }

    /// A bogus comment or doctype: everything up to the next `>`.
    fn bogus(&mut self, j: usize, what: &str) -> usize {
        match find(self.b, j, b'>') {
            Some(k) => k + 1,
            None => {
                self.truncated(what);
                self.b.len()
            }
        }
    }

    /// A start or end tag at `lt`, with its attributes; returns where text
    /// resumes (after raw-text content for `<script>` and friends).
    fn tag(&mut self, lt: usize, end_tag: bool) -> usize {
        let b = self.b;
        let n = b.len();
        let name_start = lt + if end_tag { 2 } else { 1 };
        let mut j = name_start;
        while j < n && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = Span::new(name_start, j);
        let mut self_closing = false;
        // Whether attributes may be cut; decided at the first candidate, as
        // most tags have none.
        let mut strip: Option<bool> = None;
        loop {
            let ws_start = j;
            while j < n && is_ws(b[j]) {
                j += 1;
            }
            let Some(&c) = b.get(j) else {
                return self.eof_in_tag(name);
            };
            match c {
                b'>' => {
                    j += 1;
                    break;
                }
                b'/' => {
                    j += 1;
                    if b.get(j) == Some(&b'>') {
                        self_closing = true;
                        j += 1;
                        break;
                    }
                }
                _ => {
                    // An attribute name (its first byte may be `=`), then an
                    // optional value; quoted values may hold `>`.
                    let attr_name = j;
                    j += 1;
                    while j < n && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                        j += 1;
                    }
                    let attr_name = Span::new(attr_name, j);
                    let mut attr_end = j;
                    while j < n && is_ws(b[j]) {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'=') {
                        j += 1;
                        while j < n && is_ws(b[j]) {
                            j += 1;
                        }
                        match b.get(j) {
                            Some(&q @ (b'"' | b'\'')) => match find(b, j + 1, q) {
                                Some(k) => j = k + 1,
                                None => return self.eof_in_tag(name),
                            },
                            Some(_) => {
                                while j < n && !is_ws(b[j]) && b[j] != b'>' {
                                    j += 1;
                                }
                            }
                            None => return self.eof_in_tag(name),
                        }
                        attr_end = j;
                    }
                    // Cut only what stands between whitespace (not after a
                    // `/`) and whitespace, `/` or `>`, so the tag reads the
                    // same without it.
                    if !end_tag
                        && self.foreign == 0
                        && ws_start < attr_name.start
                        && ws_start.checked_sub(1).and_then(|k| b.get(k)) != Some(&b'/')
                        && b.get(attr_end).is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
                        && !READ_ATTRS.iter().any(|a| self.name_is(attr_name, a))
                        && *strip.get_or_insert_with(|| !ATTRS_MATTER.iter().any(|e| self.name_is(name, e)))
                    {
                        self.out.unread_attrs.push(Span::new(ws_start, attr_end));
                    }
                }
            }
        }
        let tag = Tag { span: Span::new(lt, j), name, end_tag };
        self.out.tags.push(tag);
        self.track(tag, self_closing);
        if end_tag || self.foreign > 0 {
            return j;
        }
        self.content(j, name)
    }

    /// A tag cut off by the end of the file; returns the end.
    fn eof_in_tag(&mut self, name: Span) -> usize {
        // html5ever drops a tag cut off by the end of the file.
        let name = self.src.get(name.start..name.end).unwrap_or_default().to_ascii_lowercase();
        self.truncated(&format!("a <{name}> tag"));
        self.b.len()
    }

    /// Content after the start tag `name` ending at `j`: raw text is skipped,
    /// RCDATA and `<xmp>`/`<plaintext>` become runs. Returns where scanning
    /// resumes (the end tag, which is then scanned as a tag).
    fn content(&mut self, j: usize, name: Span) -> usize {
        let n = self.b.len();
        let (run, refs) = if RAWTEXT.iter().any(|r| self.name_is(name, r)) {
            (false, false)
        } else if self.name_is(name, "title") || self.name_is(name, "textarea") {
            (true, true)
        } else if self.name_is(name, "xmp") {
            (true, false)
        } else if self.name_is(name, "plaintext") {
            self.push_run(j, n, false);
            return n;
        } else {
            return j;
        };
        let end = match self.find_end_tag(j, name) {
            Some(k) => k,
            None => {
                let name = self.src.get(name.start..name.end).unwrap_or_default().to_ascii_lowercase();
                self.out.warnings.push(format!("truncated HTML: <{name}> not closed"));
                n
            }
        };
        if run {
            self.push_run(j, end, refs);
        } else if !(self.name_is(name, "script")
            && find_seq(self.b.get(j..end).unwrap_or_default(), 0, b"<!--").is_some())
        {
            // A script holding `<!--` may be "double escaped", where
            // html5ever reads past the first `</script>`; it is left whole.
            self.out.raw_text.push(Span::new(j, end));
        }
        end
    }

    /// The `<` of the first `</name` (any case) at or after `from` that is
    /// followed by whitespace, `/` or `>`.
    fn find_end_tag(&self, from: usize, name: Span) -> Option<usize> {
        let b = self.b;
        let want = b.get(name.start..name.end)?;
        let mut k = from;
        while let Some(lt) = find(b, k, b'<') {
            if b.get(lt + 1) == Some(&b'/') {
                let s = lt + 2;
                let e = s + want.len();
                if b.get(s..e).is_some_and(|got| got.eq_ignore_ascii_case(want))
                    && b.get(e).is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
                {
                    return Some(lt);
                }
            }
            k = lt + 1;
        }
        None
    }

    /// Whether the tag name at `name` is `want` (ASCII case-insensitive).
    fn name_is(&self, name: Span, want: &str) -> bool {
        self.b.get(name.start..name.end).is_some_and(|got| got.eq_ignore_ascii_case(want.as_bytes()))
    }

    /// Whether two tag names are the same (ASCII case-insensitive).
    fn names_eq(&self, a: Span, b: Span) -> bool {
        match (self.b.get(a.start..a.end), self.b.get(b.start..b.end)) {
            (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
            _ => false,
        }
    }

    /// Index of the nearest entry of `stack` (looking at most `reach` down)
    /// that passes `test`, stopping at any entry named in `stop`.
    fn recent(&self, stack: &[Span], reach: usize, stop: &[&str], test: impl Fn(Span) -> bool) -> Option<usize> {
        for (i, &entry) in stack.iter().enumerate().rev().take(reach) {
            if test(entry) {
                return Some(i);
            }
            if stop.iter().any(|s| self.name_is(entry, s)) {
                return None;
            }
        }
        None
    }

    /// Keeps the approximate stack of open elements behind the nesting guard
    /// and the truncation warning.
    fn track(&mut self, tag: Tag, self_closing: bool) {
        let name = tag.name;
        let bytes = self.b;
        let is = |want: &str| bytes.get(name.start..name.end).is_some_and(|g| g.eq_ignore_ascii_case(want.as_bytes()));
        if tag.end_tag {
            if is("body") || is("html") {
                self.closed_doc = true;
            }
            if (is("svg") || is("math")) && self.foreign > 0 {
                self.foreign -= 1;
            }
            if let Some(k) = self.recent(&self.deep, 16, &[], |e| self.names_eq(e, name)) {
                self.out.hidden.push(tag.span);
                self.deep.truncate(k);
            } else if let Some(k) = self.recent(&self.open, 16, &[], |e| self.names_eq(e, name)) {
                self.open.truncate(k);
            }
            return;
        }
        if self.foreign > 0 && breaks_out_of_foreign(self.b.get(name.start..name.end).unwrap_or_default()) {
            self.foreign = 0;
        }
        if (is("svg") || is("math")) && !self_closing {
            self.foreign += 1;
        }
        if VOID.iter().any(|v| is(v)) || (self_closing && self.foreign > 0) {
            return;
        }
        // Raw-text elements are never hidden: html5ever would then read
        // their content as text the scanner skipped.
        let raw = RAWTEXT.iter().chain(&["title", "textarea", "xmp", "plaintext"]).any(|r| is(r));
        if raw {
            return;
        }
        // Inside hidden elements everything is deeper still, so it is hidden
        // too; an optional end tag only closes a sibling on its own stack.
        let hide = !self.deep.is_empty() || self.open.len() >= MAX_DEPTH;
        let stack = if hide { &self.deep } else { &self.open };
        if let Some((family, stop)) = optional_end_family(self.b.get(name.start..name.end).unwrap_or_default()) {
            let found = self.recent(stack, 8, stop, |e| family.iter().any(|f| self.name_is(e, f)));
            if let Some(k) = found {
                if hide { self.deep.truncate(k) } else { self.open.truncate(k) }
            }
        }
        if hide {
            self.out.hidden.push(tag.span);
            self.deep.push(name);
        } else {
            self.open.push(name);
        }
    }
}

/// For a start tag whose element has an optional end tag, the names it
/// implicitly closes and the names that stop the search.
fn optional_end_family(name: &[u8]) -> Option<(&'static [&'static str], &'static [&'static str])> {
    let lower = |s: &str| name.eq_ignore_ascii_case(s.as_bytes());
    const TABLE: &[&str] = &["table"];
    if lower("p") {
        Some((&["p"], &[]))
    } else if lower("li") {
        Some((&["li"], &["ul", "ol", "menu"]))
    } else if lower("dt") || lower("dd") {
        Some((&["dt", "dd"], &["dl"]))
    } else if lower("td") || lower("th") {
        Some((&["td", "th"], TABLE))
    } else if lower("tr") {
        Some((&["tr"], TABLE))
    } else if lower("thead") || lower("tbody") || lower("tfoot") {
        Some((&["thead", "tbody", "tfoot"], TABLE))
    } else if lower("option") {
        Some((&["option"], &["select"]))
    } else {
        None
    }
}

/// HTML start tags that end SVG or MathML content (HTML §13.2.6.5).
fn breaks_out_of_foreign(name: &[u8]) -> bool {
    #[rustfmt::skip]
    const NAMES: &[&str] = &[
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
        "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
        "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike",
        "sub", "sup", "table", "tt", "u", "ul", "var",
    ];
    NAMES.iter().any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// HTML whitespace as the tokenizer sees it.
pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Position of the first `byte` at or after `from`.
fn find(b: &[u8], from: usize, byte: u8) -> Option<usize> {
    memchr::memchr(byte, b.get(from..)?).map(|k| from + k)
}

/// Position of the first `needle` at or after `from`.
fn find_seq(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;
    use crate::parse::Node;
    use crate::parse::html::dom::{Event, attr, flatten};
    use crate::parse::html::parse;
    use crate::parse::html::tests::{fixtures, outline, parse_checked};

    #[test]
    fn literal_less_than_and_comments() {
        let src = "<p>eGFR < 30 mL/min<!-- note: </p> --> is a contraindication</p>";
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["p: eGFR < 30 mL/min is a contraindication"]);
    }

    #[test]
    fn truncated_document_still_parses() {
        let src = "<!DOCTYPE html><html><body><h1>Naproxen</h1><ul><li>Nausea</li><li>Heartburn and <b>abdominal pain";
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["h1: Naproxen", "li1: Nausea", "li1: Heartburn and abdominal pain"]);
        assert!(parsed.warnings.iter().any(|w| w.starts_with("truncated HTML")), "{:?}", parsed.warnings);

        let parsed = parse_checked("<p>Dose: 5 mg</p><div class=\"co");
        assert_eq!(outline(&parsed), ["p: Dose: 5 mg"]);
        assert!(parsed.warnings.iter().any(|w| w.contains("inside a <div> tag")), "{:?}", parsed.warnings);

        let parsed = parse_checked("<p>Dose</p><script>var a = '</p>';");
        assert_eq!(outline(&parsed), ["p: Dose"]);
        assert!(parsed.warnings.iter().any(|w| w.contains("<script> not closed")), "{:?}", parsed.warnings);

        // A complete page that omits optional end tags is not truncated.
        let parsed = parse_checked("<html><body><p>One<p>Two<ul><li>a<li>b</ul></body></html>");
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    fn deep(open: &str, n: usize) -> String {
        let mut s = String::from("<html><body>");
        for _ in 0..n {
            s.push_str(open);
        }
        s.push_str("deep text");
        s
    }

    #[test]
    fn deep_nesting_returns_quickly() {
        for open in ["<div>", "<ul><li>", "<b>", "<table><tr><td>", "<blockquote>"] {
            let src = deep(open, 100_000);
            let started = std::time::Instant::now();
            let parsed = parse(&src);
            assert!(started.elapsed().as_secs() < 10, "{open}: {:?}", started.elapsed());
            let found = parsed.nodes.iter().any(|n| match n {
                Node::Block(b) => b.span() == Span::new(src.len() - 9, src.len()),
                Node::Heading(_) => false,
            });
            assert!(found, "{open}: text lost: {:?}", outline(&parsed).last());
            assert!(parsed.warnings.iter().any(|w| w.contains("nested deeper")), "{open}: {:?}", parsed.warnings);
        }
    }

    /// The tree as the outline sees it: element names with the attributes
    /// it reads, and text outside raw-text elements.
    fn shape(html: &Html) -> Vec<String> {
        let mut open: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for event in flatten(html) {
            match event {
                Event::Open(el) => {
                    let attrs: Vec<String> =
                        READ_ATTRS.iter().filter_map(|a| attr(el, a).map(|v| format!("{a}={v}"))).collect();
                    out.push(format!("<{} {}>", el.name(), attrs.join(" ")));
                    open.push(el.name());
                }
                Event::Close => {
                    open.pop();
                    out.push("</>".into());
                }
                Event::Text(t) if !open.last().is_some_and(|n| RAWTEXT.contains(n)) => out.push(t.to_string()),
                Event::Text(_) => {}
            }
        }
        out
    }

    #[test]
    fn cut_input_builds_the_same_tree() {
        let mut docs: Vec<String> = fixtures().into_iter().map(|(_, src)| src).collect();
        for odd in [
            "<div class=a href=x><p id=b data-x='1>2'>t</p></div>",
            "<div title=x/><a href=x/>y</a><a/ href=z>w</a><img src=a.png alt=''>",
            "<div a=1 b=\"2\"c=3 hidden>x</div><p role=navigation style=x>n</p>",
            "<table><input type=hidden name=x><tr><td>c</td></tr></table>",
            "<svg><font color=red>t</font></svg><p>after</p>",
            "<b x=1><b x=2><b x=3><b x=4><p>noah</p>",
            "<style>p{}</style><script><!--<script>x</script>y--></script><p>z</p>",
            "<script>if (a < b) {}</script><noscript><p>n</p></noscript><p>k</p>",
            "<head><style>unclosed",
            "<template shadowrootmode=open><p>s</p></template>",
        ] {
            docs.push(odd.to_string());
        }
        for src in docs {
            let scan = scan(&src);
            if !scan.hidden.is_empty() {
                continue;
            }
            let whole = shape(&Html::parse_document(&src));
            let cut = shape(&Html::parse_document(&scan.parser_input(&src)));
            assert_eq!(whole, cut, "{src}");
        }
    }
}
