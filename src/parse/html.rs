//! HTML parsing: turns a web page into a flat outline of headings and blocks
//! whose text maps byte for byte back to the raw markup (SPEC §1, §3).
//!
//! Structure comes from `scraper` (html5ever), which recovers from broken
//! markup the way a browser does but throws source positions away. Positions
//! come from a forward scanner of our own that finds every text run between
//! tags. The two are joined by aligning html5ever's text nodes, in document
//! order, with the scanner's runs, so the plain text of every block is built
//! from raw byte ranges (verbatim runs, decoded character references,
//! collapsed whitespace) and never from html5ever's copy alone.
//!
//! This stage owns: dropping markup that carries no content (scripts, styles,
//! navigation, the page header and footer, forms, cookie banners) as debris;
//! the outline of headings, paragraphs, list items and tables; and the title.
//! It must not classify headings into sections or judge wording (disclaimers,
//! debris phrases): the sections stage does that for every format alike. It
//! never panics on input, and it never recurses over the DOM: a text node it
//! cannot place in the source is skipped with a warning.

use std::borrow::Cow;
use std::ops::Range;

use scraper::Html;
use scraper::node::Element;

use super::align::{TextBuilder, decode_ref, is_blank, is_invisible, named_ref_len};
use super::{Node, Parsed};
use crate::model::{Block, Cell, Debris, DebrisKind, DocMeta, Heading, LineIndex, Span, Text};

/// Deepest element nesting handed to html5ever; see
/// [`crate::limits::MAX_HTML_DEPTH`]. Tags below it are hidden from the tree
/// builder (their text stays).
const MAX_DEPTH: usize = crate::limits::MAX_HTML_DEPTH;

/// How many runs past the cursor the aligner tries when a text node does not
/// match where it expects it (text html5ever dropped or moved).
const RESYNC_WINDOW: usize = 64;

/// How many tags past the last aligned text a dropped element's start tag is
/// looked for; implied elements (`<tbody>`, `<html>`) have none.
const TAG_LOOKAHEAD: usize = 64;

/// How many tags are walked to find a dropped element's end tag.
const END_TAG_SCAN: usize = 4096;

/// Longest debris label kept, in bytes.
const LABEL_MAX: usize = 80;

/// The HTML namespace; elements in SVG or MathML never get HTML roles.
const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Elements whose content html5ever reads as raw text, and the scanner skips.
const RAWTEXT: &[&str] = &["iframe", "noembed", "noframes", "noscript", "script", "style"];

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
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// Parses an HTML page. `src` is the whole file; every span is a byte range
/// of it.
pub(crate) fn parse(src: &str) -> Parsed {
    let scan = scan(src);
    let input = scan.parser_input(src);
    let html = Html::parse_document(&input);
    let events = flatten(&html);
    let inner = subtree_flags(&events);
    let mut builder = Builder::new(src, &scan);
    for (event, flags) in events.iter().zip(inner) {
        match event {
            Event::Open(el) => builder.open(el, flags),
            Event::Close => builder.close(),
            Event::Text(text) => builder.text(text),
        }
    }
    let mut parsed = builder.finish();
    let mut warnings = scan.warnings;
    warnings.append(&mut parsed.warnings);
    parsed.warnings = warnings;
    parsed
}

// ---------------------------------------------------------------------------
// The position-keeping scanner.

/// A run of text between two pieces of markup, as the scanner found it.
#[derive(Clone, Copy, Debug)]
struct Run {
    span: Span,
    /// Character references are decoded here (not in CDATA or `<xmp>`).
    refs: bool,
}

/// A start or end tag; kept to give dropped elements their span.
#[derive(Clone, Copy, Debug)]
struct Tag {
    span: Span,
    name: Span,
    end_tag: bool,
}

/// What the scanner found in the raw bytes, in source order.
#[derive(Debug, Default)]
struct Scan {
    runs: Vec<Run>,
    tags: Vec<Tag>,
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
    warnings: Vec<String>,
}

impl Scan {
    /// The text html5ever parses: the source, minus tags the nesting guard
    /// hides and minus raw-text content. Text the scanner found is never
    /// removed, so alignment is unaffected; offsets into this copy are never
    /// used.
    fn parser_input<'s>(&self, src: &'s str) -> Cow<'s, str> {
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
fn scan(src: &str) -> Scan {
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
fn is_ws(b: u8) -> bool {
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

// ---------------------------------------------------------------------------
// The DOM, flattened.

/// One step of a document-order walk over the DOM.
enum Event<'a> {
    Open(&'a Element),
    Close,
    Text(&'a str),
}

/// Walks the DOM in document order with an explicit cursor (no recursion,
/// so depth is no concern) into a flat list of events.
fn flatten(html: &Html) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    let root = html.tree.root();
    let mut node = root;
    'walk: loop {
        let descend = match node.value() {
            scraper::Node::Element(el) => {
                events.push(Event::Open(el));
                true
            }
            scraper::Node::Text(text) => {
                events.push(Event::Text(text));
                false
            }
            // A template's contents hang under a fragment node.
            scraper::Node::Document | scraper::Node::Fragment => true,
            _ => false,
        };
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        loop {
            if node.value().is_element() {
                events.push(Event::Close);
            }
            if node == root {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    events
}

/// Subtree holds an `<h1>`.
const HAS_H1: u8 = 1;
/// Subtree holds any heading.
const HAS_HEADING: u8 = 2;
/// Subtree holds a table.
const HAS_TABLE: u8 = 4;
/// Subtree holds `<main>` or `<article>`.
const HAS_MAIN: u8 = 8;

/// For every event, what the descendants of an opened element hold; computed
/// in one backward pass so decisions that depend on content (layout tables,
/// page-wrapping forms) cost no extra walks.
fn subtree_flags(events: &[Event<'_>]) -> Vec<u8> {
    let mut inner = vec![0u8; events.len()];
    let mut acc: Vec<u8> = vec![0];
    for (i, event) in events.iter().enumerate().rev() {
        match event {
            Event::Close => acc.push(0),
            Event::Text(_) => {}
            Event::Open(el) => {
                let below = acc.pop().unwrap_or(0);
                if let Some(slot) = inner.get_mut(i) {
                    *slot = below;
                }
                let own = match el.name() {
                    "h1" => HAS_H1 | HAS_HEADING,
                    "h2" | "h3" | "h4" | "h5" | "h6" => HAS_HEADING,
                    "table" => HAS_TABLE,
                    "main" | "article" => HAS_MAIN,
                    _ => 0,
                };
                if let Some(top) = acc.last_mut() {
                    *top |= below | own;
                }
            }
        }
    }
    inner
}

// ---------------------------------------------------------------------------
// Alignment of DOM text with the scanner's runs.

/// A position in the raw text: a run and a byte offset inside it.
#[derive(Clone, Copy, Debug, Default)]
struct Cursor {
    run: usize,
    pos: usize,
}

/// One aligned piece of a text node.
#[derive(Clone, Debug)]
enum Atom {
    /// Raw bytes that are their own plain text.
    Verbatim(Span),
    /// A character reference: `plain` is a range of the DOM text.
    Decoded { plain: Range<usize>, raw: Span },
    /// Collapsed whitespace, with its raw bytes when the source has them.
    Blank(Option<Span>),
}

/// The raw side of the alignment.
struct Source<'s> {
    src: &'s str,
    runs: &'s [Run],
}

impl Source<'_> {
    /// The start of run `run`.
    fn at_run(&self, run: usize) -> Cursor {
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
    fn align(&self, dom: &str, start: Cursor, out: &mut Vec<Atom>) -> Option<Cursor> {
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

/// The DOM range a reference missing from [`super::align::ENTITIES`] decoded to: one
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

// ---------------------------------------------------------------------------
// The outline.

/// What an element is to the outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Transparent markup (`a`, `b`, `span`, unknown elements).
    Inline,
    /// `<br>`: a space, or between paragraphs of loose text when doubled.
    Break,
    /// `<hr>`.
    Rule,
    /// A block that holds other blocks; loose text in it is a paragraph.
    Container,
    /// `<article>`/`<main>`: a container inside which a `<header>` or
    /// `<footer>` belongs to the content, not to the page.
    Article,
    /// `<p>`, `<pre>` and other blocks of running text.
    Paragraph,
    /// `<h1>`–`<h6>`.
    Heading(u8),
    /// `<ul>`, `<ol>`, `<menu>`.
    List,
    /// `<dl>`.
    DescList,
    /// `<li>`.
    Item,
    /// `<dt>`.
    Term,
    /// `<dd>`.
    Desc,
    /// `<table>`.
    Table,
    /// `<caption>`: a paragraph before its table.
    Caption,
    /// `<thead>` (`head`), `<tbody>`, `<tfoot>`.
    RowGroup { head: bool },
    /// `<tr>`.
    Row,
    /// `<td>`, or `<th>` (`th`).
    Cell { th: bool },
    /// `<head>`: only its `<title>` is read.
    Head,
    /// `<title>`.
    Title,
}

impl Role {
    /// The role of the HTML element `name` (lower case, as html5ever gives it).
    fn of(name: &str) -> Role {
        match name {
            "h1" => Role::Heading(1),
            "h2" => Role::Heading(2),
            "h3" => Role::Heading(3),
            "h4" => Role::Heading(4),
            "h5" => Role::Heading(5),
            "h6" => Role::Heading(6),
            "p" | "pre" | "address" | "figcaption" | "summary" | "legend" | "listing" | "xmp" | "plaintext" => {
                Role::Paragraph
            }
            "ul" | "ol" | "menu" | "dir" => Role::List,
            "dl" => Role::DescList,
            "li" => Role::Item,
            "dt" => Role::Term,
            "dd" => Role::Desc,
            "table" => Role::Table,
            "caption" => Role::Caption,
            "thead" => Role::RowGroup { head: true },
            "tbody" | "tfoot" => Role::RowGroup { head: false },
            "tr" => Role::Row,
            "td" => Role::Cell { th: false },
            "th" => Role::Cell { th: true },
            "article" | "main" => Role::Article,
            "html" | "body" | "div" | "section" | "blockquote" | "figure" | "details" | "center" | "fieldset"
            | "hgroup" | "search" | "dialog" | "header" | "footer" | "nav" | "aside" | "form" | "frameset"
            | "noframes" | "optgroup" | "option" => Role::Container,
            "br" => Role::Break,
            "hr" => Role::Rule,
            "head" => Role::Head,
            "title" => Role::Title,
            _ => Role::Inline,
        }
    }

    /// Block-level: starts and ends a line of rendered text.
    fn is_block(self) -> bool {
        !matches!(self, Role::Inline | Role::Break | Role::Title)
    }
}

/// A block whose text is being gathered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gather {
    /// Loose text directly in a container: a paragraph without a `<p>`.
    Loose,
    /// An explicit paragraph (`<p>`, `<pre>`, a table caption).
    Paragraph,
    /// A heading at its level.
    Heading(u8),
    /// A list item, at its nesting level.
    Item(u8),
    /// A `<dd>`, emitted as a list item prefixed with its terms.
    Desc(u8),
    /// A `<dt>`, filed for the descriptions after it.
    Term,
    /// A data-table cell.
    Cell { th: bool },
    /// The document `<title>`.
    Title,
}

impl Gather {
    /// Takes in all nested markup as text (a table cell's list, a heading's
    /// `<div>`) instead of starting blocks of its own.
    fn absorbs(self) -> bool {
        matches!(self, Gather::Paragraph | Gather::Heading(_) | Gather::Term | Gather::Cell { .. } | Gather::Title)
    }

    /// Emits what it has so far when a nested list, table or heading starts,
    /// and goes on after it.
    fn hosts(self) -> bool {
        matches!(self, Gather::Item(_) | Gather::Desc(_))
    }
}

/// An open [`Gather`] and its text.
#[derive(Debug)]
struct Collector {
    kind: Gather,
    text: TextBuilder,
    /// `<br>`s since the last text (two end a loose paragraph).
    breaks: u8,
}

impl Collector {
    /// An empty collector.
    fn new(kind: Gather) -> Collector {
        Collector { kind, text: TextBuilder::default(), breaks: 0 }
    }
}

/// Where a dropped element starts.
#[derive(Debug)]
struct DropStart {
    name: String,
    label: String,
    /// Index of its start tag in [`Scan::tags`], when found.
    tag: Option<usize>,
    /// End of the last aligned text when it opened.
    from: usize,
}

/// What to undo when an element closes.
#[derive(Debug)]
enum FrameKind {
    /// Nothing (inline markup, head metadata, anything inside dropped markup).
    Inert,
    /// Markup inside an absorbing block; a space when it is a block.
    Transparent { block: bool },
    /// The outermost dropped element; recorded as debris at its end.
    Dropped(DropStart),
    /// A block container (see [`Role::Container`]).
    Container,
    /// `<article>`/`<main>`.
    Article,
    /// `<head>`.
    Head,
    /// Closes the innermost collector and emits its block.
    Collector,
    /// A list; `dl` for a description list.
    List { dl: bool },
    /// A table, data or layout.
    Table,
    /// A data-table row.
    Row,
    /// A data-table row group.
    RowGroup { head: bool },
}

/// One open element.
#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    /// Its text is raw text the scanner skipped (script, style…).
    rawtext: bool,
}

/// Terms of a `<dl>` waiting for their description.
#[derive(Debug, Default)]
struct DlState {
    terms: Option<Text>,
    /// The terms were given to a `<dd>` already.
    used: bool,
}

/// An open table.
#[derive(Debug, Default)]
struct TableState {
    /// A table used for page layout: its cells are containers, not data.
    layout: bool,
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Option<RowState>,
    in_head: usize,
}

/// An open table row.
#[derive(Debug)]
struct RowState {
    cells: Vec<Cell>,
    all_th: bool,
    head: bool,
}

/// Walks the flattened DOM, aligns its text and builds the outline.
struct Builder<'s> {
    src: &'s str,
    source: Source<'s>,
    tags: &'s [Tag],
    /// Tags before this index belong to debris already recorded.
    next_tag: usize,
    lines: LineIndex,
    cursor: Cursor,
    /// End of the last raw bytes alignment consumed.
    consumed: usize,
    scratch: Vec<Atom>,
    frames: Vec<Frame>,
    collectors: Vec<Collector>,
    tables: Vec<TableState>,
    dls: Vec<DlState>,
    list_depth: usize,
    dropped: usize,
    in_head: usize,
    in_article: usize,
    nodes: Vec<Node>,
    debris: Vec<Debris>,
    title: Option<String>,
    unaligned: usize,
    first_unaligned: Option<String>,
}

impl<'s> Builder<'s> {
    /// A builder over `src` and what the scanner found in it.
    fn new(src: &'s str, scan: &'s Scan) -> Builder<'s> {
        let source = Source { src, runs: &scan.runs };
        Builder {
            src,
            cursor: source.at_run(0),
            source,
            tags: &scan.tags,
            next_tag: 0,
            lines: LineIndex::new(src.as_bytes()),
            consumed: 0,
            scratch: Vec::new(),
            frames: Vec::new(),
            collectors: Vec::new(),
            tables: Vec::new(),
            dls: Vec::new(),
            list_depth: 0,
            dropped: 0,
            in_head: 0,
            in_article: 0,
            nodes: Vec::new(),
            debris: Vec::new(),
            title: None,
            unaligned: 0,
            first_unaligned: None,
        }
    }

    /// An element starts; `inner` is what its subtree holds.
    fn open(&mut self, el: &Element, inner: u8) {
        let html = &*el.name.ns == HTML_NS;
        let rawtext = html && RAWTEXT.contains(&el.name());
        let kind = self.open_kind(el, html, inner);
        self.frames.push(Frame { kind, rawtext });
    }

    /// Decides what `el` is to the outline and starts it; returns what its end
    /// must undo.
    fn open_kind(&mut self, el: &Element, html: bool, inner: u8) -> FrameKind {
        if self.dropped > 0 {
            return FrameKind::Inert;
        }
        let name = el.name();
        let role = if html { Role::of(name) } else { Role::Inline };
        if self.drops(el, name, inner) {
            if role.is_block() {
                self.close_loose();
                self.boundary();
            }
            self.dropped += 1;
            let tag = self.find_start_tag(el, name);
            if let Some(i) = tag {
                self.next_tag = i + 1;
            }
            return FrameKind::Dropped(DropStart { name: name.to_owned(), label: label(el), tag, from: self.consumed });
        }
        if self.in_head > 0 && role != Role::Title {
            return FrameKind::Inert;
        }
        if self.collectors.last().is_some_and(|c| c.kind.absorbs()) {
            let block = role.is_block();
            if block || role == Role::Break {
                self.boundary();
            }
            return FrameKind::Transparent { block };
        }
        if role.is_block() {
            self.close_loose();
        }
        let data_table = self.tables.last().is_some_and(|t| !t.layout);
        match role {
            Role::Inline => FrameKind::Inert,
            Role::Break => {
                self.line_break();
                FrameKind::Inert
            }
            Role::Rule => {
                self.boundary();
                FrameKind::Inert
            }
            Role::Container => self.container(),
            Role::Article => {
                self.in_article += 1;
                self.boundary();
                FrameKind::Article
            }
            Role::Paragraph if self.top_hosts() => self.container(),
            Role::Paragraph => self.gather(Gather::Paragraph),
            Role::Heading(level) => {
                self.flush_host();
                self.gather(Gather::Heading(level))
            }
            Role::List | Role::DescList => {
                self.flush_host();
                self.list_depth += 1;
                let dl = role == Role::DescList;
                if dl {
                    self.dls.push(DlState::default());
                }
                FrameKind::List { dl }
            }
            Role::Item => {
                self.flush_host();
                self.gather(Gather::Item(self.level()))
            }
            Role::Term => {
                self.flush_host();
                self.gather(Gather::Term)
            }
            Role::Desc => {
                self.flush_host();
                self.open_desc()
            }
            Role::Table => {
                self.flush_host();
                let presentational = attr(el, "role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("presentation") || r.eq_ignore_ascii_case("none"));
                // A table holding headings or tables lays out a page; its
                // cells are not data.
                let layout = presentational || inner & (HAS_HEADING | HAS_TABLE) != 0;
                self.tables.push(TableState { layout, ..TableState::default() });
                FrameKind::Table
            }
            Role::Caption if data_table => self.gather(Gather::Paragraph),
            Role::RowGroup { head } if data_table => {
                if head && let Some(t) = self.tables.last_mut() {
                    t.in_head += 1;
                }
                FrameKind::RowGroup { head }
            }
            Role::Row if data_table => {
                self.finish_row();
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(RowState { cells: Vec::new(), all_th: true, head: t.in_head > 0 });
                }
                FrameKind::Row
            }
            Role::Cell { th } if data_table => self.gather(Gather::Cell { th }),
            Role::Caption | Role::RowGroup { .. } | Role::Row | Role::Cell { .. } => self.container(),
            Role::Head => {
                self.in_head += 1;
                FrameKind::Head
            }
            Role::Title => self.gather(Gather::Title),
        }
    }

    /// The innermost open element ends.
    fn close(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Inert => {}
            FrameKind::Transparent { block } => {
                if block {
                    self.boundary();
                }
            }
            FrameKind::Dropped(start) => {
                self.dropped = self.dropped.saturating_sub(1);
                self.record_debris(start);
            }
            FrameKind::Container => self.end_container(),
            FrameKind::Article => {
                self.in_article = self.in_article.saturating_sub(1);
                self.end_container();
            }
            FrameKind::Head => self.in_head = self.in_head.saturating_sub(1),
            FrameKind::Collector => {
                self.close_loose();
                self.pop_collector();
            }
            FrameKind::List { dl } => {
                self.close_loose();
                if dl && let Some(state) = self.dls.pop() {
                    // Terms never followed by a description stand alone.
                    if !state.used
                        && let Some(terms) = state.terms
                    {
                        let level = self.level();
                        self.emit_item(level, terms);
                    }
                }
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            FrameKind::Table => {
                self.close_loose();
                self.finish_row();
                if let Some(table) = self.tables.pop()
                    && !table.layout
                {
                    self.emit_table(table);
                }
            }
            FrameKind::Row => self.finish_row(),
            FrameKind::RowGroup { head } => {
                if head && let Some(t) = self.tables.last_mut() {
                    t.in_head = t.in_head.saturating_sub(1);
                }
            }
        }
    }

    /// A DOM text node: aligned with the source, then fed to the open block.
    fn text(&mut self, dom: &str) {
        if self.frames.last().is_some_and(|f| f.rawtext) {
            return;
        }
        let mut atoms = std::mem::take(&mut self.scratch);
        if self.align(dom, &mut atoms) && self.dropped == 0 {
            self.feed(dom, &atoms);
        }
        self.scratch = atoms;
    }

    /// Places `dom` in the source at the cursor or, failing that, at the start
    /// of one of the next runs. Every node, kept or dropped, is placed, so the
    /// cursor never runs behind the text it has seen.
    fn align(&mut self, dom: &str, atoms: &mut Vec<Atom>) -> bool {
        let tries = std::iter::once(self.cursor).chain(
            (self.cursor.run + 1..(self.cursor.run + 1 + RESYNC_WINDOW).min(self.source.runs.len()))
                .map(|run| self.source.at_run(run)),
        );
        for start in tries {
            if let Some(end) = self.source.align(dom, start, atoms) {
                self.cursor = end;
                let last = atoms.iter().rev().find_map(|a| match a {
                    Atom::Verbatim(s) | Atom::Decoded { raw: s, .. } | Atom::Blank(Some(s)) => Some(s.end),
                    Atom::Blank(None) => None,
                });
                if let Some(last) = last {
                    self.consumed = self.consumed.max(last);
                }
                return true;
            }
        }
        atoms.clear();
        self.unaligned += 1;
        if self.first_unaligned.is_none() {
            self.first_unaligned = Some(dom.trim().chars().take(40).collect());
        }
        false
    }

    /// Adds aligned text to the innermost block, opening a loose paragraph when
    /// none is open.
    fn feed(&mut self, dom: &str, atoms: &[Atom]) {
        if self.collectors.is_empty() {
            if self.in_head > 0 || atoms.iter().all(|a| matches!(a, Atom::Blank(_))) {
                return;
            }
            self.collectors.push(Collector::new(Gather::Loose));
        }
        let Some(c) = self.collectors.last_mut() else {
            return;
        };
        for atom in atoms {
            match atom {
                Atom::Verbatim(span) => {
                    c.breaks = 0;
                    c.text.verbatim(self.src, *span);
                }
                Atom::Decoded { plain, raw } => {
                    c.breaks = 0;
                    if let Some(plain) = dom.get(plain.clone()) {
                        if plain.chars().all(is_blank) {
                            c.text.blank(Some(*raw));
                        } else {
                            c.text.decoded(self.src, plain, *raw);
                        }
                    }
                }
                Atom::Blank(span) => c.text.blank(*span),
            }
        }
    }

    /// Whether to drop `el` with its content (SPEC §1: scripts, styles, nav,
    /// header, footer, cookie banners).
    fn drops(&self, el: &Element, name: &str, inner: u8) -> bool {
        let page_level = self.in_article == 0;
        match name {
            "script" | "style" | "noscript" | "template" | "nav" | "aside" | "iframe" | "svg" | "button" | "select"
            | "textarea" => return true,
            // ASP.NET pages wrap the whole page in one form; a form holding
            // headings or the main content is not a widget.
            "form" => return inner & (HAS_HEADING | HAS_MAIN) == 0,
            // An article's own header often holds its <h1>.
            "header" | "footer" => return page_level,
            "html" | "head" | "body" | "main" | "article" | "title" => return false,
            _ => {}
        }
        if attr(el, "hidden").is_some()
            || attr(el, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        {
            return true;
        }
        if let Some(role) = attr(el, "role") {
            let role = role.trim();
            if role.eq_ignore_ascii_case("navigation")
                || (page_level && (role.eq_ignore_ascii_case("banner") || role.eq_ignore_ascii_case("contentinfo")))
            {
                return true;
            }
        }
        // A class or id never drops what wraps the page's <h1> or main
        // content ("hero-banner", a "has-cookie-bar" page wrapper). Inside an
        // article "consent" and "banner" name content too ("informed-consent"),
        // so there only the unambiguous words count.
        if inner & (HAS_H1 | HAS_MAIN) != 0 {
            return false;
        }
        [el.id(), attr(el, "class")].into_iter().flatten().any(|v| {
            contains_ci(v, "cookie")
                || contains_ci(v, "gdpr")
                || (page_level && (contains_ci(v, "consent") || contains_ci(v, "banner")))
        })
    }

    /// A block that holds blocks: a space inside a list item, else a paragraph
    /// break.
    fn container(&mut self) -> FrameKind {
        self.boundary();
        FrameKind::Container
    }

    /// The end of a container: loose text before it is a paragraph of its own.
    fn end_container(&mut self) {
        self.close_loose();
        self.boundary();
    }

    /// Opens a block of `kind`; its element's end emits it.
    fn gather(&mut self, kind: Gather) -> FrameKind {
        self.collectors.push(Collector::new(kind));
        FrameKind::Collector
    }

    /// A `<dd>` starts with its `<dt>` terms and `: `.
    fn open_desc(&mut self) -> FrameKind {
        let level = self.level();
        let terms = self.dls.last_mut().and_then(|dl| {
            dl.used = true;
            dl.terms.clone()
        });
        let mut collector = Collector::new(Gather::Desc(level));
        if let Some(terms) = terms {
            let sep = if terms.as_str().ends_with(':') { " " } else { ": " };
            collector.text = TextBuilder::seeded(terms);
            collector.text.separator(sep);
        }
        self.collectors.push(collector);
        FrameKind::Collector
    }

    /// The nesting level of a list item opened now (1 at top level).
    fn level(&self) -> u8 {
        u8::try_from(self.list_depth.max(1)).unwrap_or(u8::MAX)
    }

    /// Whether the innermost block is a list item or description.
    fn top_hosts(&self) -> bool {
        self.collectors.last().is_some_and(|c| c.kind.hosts())
    }

    /// A space in the innermost block's text, if one is open.
    fn boundary(&mut self) {
        if let Some(c) = self.collectors.last_mut() {
            c.text.boundary();
        }
    }

    /// A `<br>`.
    fn line_break(&mut self) {
        let Some(c) = self.collectors.last_mut() else {
            return;
        };
        if c.kind == Gather::Loose && c.breaks > 0 {
            // Old pages separate paragraphs of loose text with <br><br>.
            self.close_loose();
            return;
        }
        c.breaks = c.breaks.saturating_add(1);
        c.text.boundary();
    }

    /// Emits the loose paragraph, if one is open.
    fn close_loose(&mut self) {
        if self.collectors.last().is_some_and(|c| c.kind == Gather::Loose) {
            self.pop_collector();
        }
    }

    /// Emits a list item's text so far (before a nested list, table or
    /// heading), leaving the item open for text after it.
    fn flush_host(&mut self) {
        let Some(c) = self.collectors.last_mut() else {
            return;
        };
        let level = match c.kind {
            Gather::Item(level) | Gather::Desc(level) => level,
            _ => return,
        };
        let text = std::mem::take(&mut c.text).finish(self.src);
        self.emit_item(level, text);
    }

    /// Closes the innermost block and emits or files its text.
    fn pop_collector(&mut self) {
        let Some(c) = self.collectors.pop() else {
            return;
        };
        let text = c.text.finish(self.src);
        match c.kind {
            Gather::Loose | Gather::Paragraph => self.emit_paragraph(text),
            Gather::Heading(level) => self.emit_heading(level, text),
            Gather::Item(level) | Gather::Desc(level) => self.emit_item(level, text),
            Gather::Term => self.add_term(text),
            Gather::Cell { th } => self.add_cell(text, th),
            Gather::Title => {
                if self.title.is_none() && !text.is_empty() {
                    self.title = Some(text.as_str().to_owned());
                }
            }
        }
    }

    /// Emits a paragraph, unless it is empty.
    fn emit_paragraph(&mut self, text: Text) {
        if text.is_empty() {
            return;
        }
        let span = text.span();
        let line = self.lines.line(span.start);
        self.nodes.push(Node::Block(Block::Paragraph { text, span, line }));
    }

    /// Emits a heading, unless it is empty.
    fn emit_heading(&mut self, level: u8, text: Text) {
        if text.is_empty() {
            return;
        }
        let span = text.span();
        let line = self.lines.line(span.start);
        self.nodes.push(Node::Heading(Heading { level, text, span, line, kind: None }));
    }

    /// Emits a list item, unless it is empty.
    fn emit_item(&mut self, level: u8, text: Text) {
        if text.is_empty() {
            return;
        }
        let span = text.span();
        let line = self.lines.line(span.start);
        self.nodes.push(Node::Block(Block::ListItem { text, span, line, level }));
    }

    /// Files a `<dt>` for the descriptions that follow it; consecutive terms
    /// share them ("ACE inhibitors, ARBs: …").
    fn add_term(&mut self, text: Text) {
        if text.is_empty() {
            return;
        }
        let Some(dl) = self.dls.last_mut() else {
            // A <dt> outside a <dl> is just a line of text.
            self.emit_paragraph(text);
            return;
        };
        match &mut dl.terms {
            Some(terms) if !dl.used => {
                terms.push_separator(", ");
                terms.append(&text);
            }
            _ => {
                dl.terms = Some(text);
                dl.used = false;
            }
        }
    }

    /// Files a cell in the open row; an empty cell keeps its column, with an
    /// empty span where the alignment stands.
    fn add_cell(&mut self, text: Text, th: bool) {
        let span = if text.is_empty() { Span::new(self.consumed, self.consumed) } else { text.span() };
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let head = table.in_head > 0;
        let row = table.row.get_or_insert_with(|| RowState { cells: Vec::new(), all_th: true, head });
        row.all_th &= th;
        row.cells.push(Cell { text, span });
    }

    /// Files the open row as the header (a `<thead>` row, or a first row of
    /// `<th>` cells) or as a data row.
    fn finish_row(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = table.row.take() else {
            return;
        };
        if row.cells.is_empty() {
            return;
        }
        if table.header.is_empty() && table.rows.is_empty() && (row.head || row.all_th) {
            table.header = row.cells;
        } else {
            table.rows.push(row.cells);
        }
    }

    /// Emits a table spanning its first to its last cell with text.
    fn emit_table(&mut self, table: TableState) {
        let cells = || table.header.iter().chain(table.rows.iter().flatten()).filter(|c| !c.text.is_empty());
        let (Some(first), Some(last)) = (cells().next(), cells().next_back()) else {
            return;
        };
        let span = Span::new(first.span.start, last.span.end.max(first.span.start));
        let line = self.lines.line(span.start);
        self.nodes.push(Node::Block(Block::Table { header: table.header, rows: table.rows, span, line }));
    }

    /// The start tag of an element being dropped: the first tag of that name
    /// after the text aligned so far and the last tag used, preferring one
    /// whose markup holds the element's id or first class.
    fn find_start_tag(&self, el: &Element, name: &str) -> Option<usize> {
        let from = self.tags.partition_point(|t| t.span.start < self.consumed).max(self.next_tag);
        let to = self.tags.len().min(from + TAG_LOOKAHEAD);
        let named = |i: &usize| self.tags.get(*i).is_some_and(|t| !t.end_tag && self.tag_is(t, name));
        let marked = el.id().or_else(|| el.classes().next()).and_then(|marker| {
            (from..to).filter(named).find(|&i| {
                self.tags
                    .get(i)
                    .and_then(|t| self.src.get(t.span.start..t.span.end))
                    .is_some_and(|raw| raw.contains(marker))
            })
        });
        marked.or_else(|| (from..to).find(named))
    }

    /// The end tag matching the start tag at `start`, counting nested tags of
    /// the same name.
    fn find_end_tag(&self, start: usize, name: &str) -> Option<usize> {
        if VOID.contains(&name) {
            return None;
        }
        let mut depth = 0usize;
        for (i, tag) in self.tags.iter().enumerate().skip(start + 1).take(END_TAG_SCAN) {
            if !self.tag_is(tag, name) {
                continue;
            }
            if !tag.end_tag {
                depth += 1;
            } else if depth == 0 {
                return Some(i);
            } else {
                depth -= 1;
            }
        }
        None
    }

    /// Whether `tag` is named `name`.
    fn tag_is(&self, tag: &Tag, name: &str) -> bool {
        self.src.get(tag.name.start..tag.name.end).is_some_and(|n| n.eq_ignore_ascii_case(name))
    }

    /// Records a dropped element, from its start tag to its end tag when both
    /// are found, else over the text it held.
    fn record_debris(&mut self, start: DropStart) {
        let span = match start.tag.and_then(|i| self.tags.get(i).map(|t| (i, t.span))) {
            Some((i, open)) => {
                let close = self.find_end_tag(i, &start.name);
                if let Some(close) = close {
                    self.next_tag = self.next_tag.max(close + 1);
                }
                let end = close.and_then(|c| self.tags.get(c)).map_or(open.end, |c| c.span.end);
                Span::new(open.start, end.max(self.consumed).max(open.end))
            }
            None => Span::new(start.from, self.consumed.max(start.from)),
        };
        let line = self.lines.line(span.start);
        self.debris.push(Debris { kind: DebrisKind::Markup, text: start.label, span, line });
    }

    /// Closes what is still open and assembles the result.
    fn finish(mut self) -> Parsed {
        while !self.collectors.is_empty() {
            self.pop_collector();
        }
        let title = self.title.take().or_else(|| {
            self.nodes.iter().find_map(|n| match n {
                Node::Heading(h) if h.level == 1 => Some(h.text.as_str().to_owned()),
                _ => None,
            })
        });
        let mut warnings = Vec::new();
        if self.unaligned > 0 {
            warnings.push(format!(
                "{} HTML text node(s) could not be located in the source and were skipped (first: {:?})",
                self.unaligned,
                self.first_unaligned.unwrap_or_default()
            ));
        }
        Parsed { meta: DocMeta { title, ..DocMeta::default() }, nodes: self.nodes, debris: self.debris, warnings }
    }
}

/// A short name for dropped markup: `div#cookie-notice.cookie-banner`.
fn label(el: &Element) -> String {
    let mut s = el.name().to_owned();
    if let Some(id) = el.id() {
        s.push('#');
        s.push_str(id);
    }
    for class in el.classes().take(2) {
        s.push('.');
        s.push_str(class);
    }
    if s.len() > LABEL_MAX {
        let mut cut = LABEL_MAX;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// The value of `el`'s attribute `name` (no namespace), like
/// `Element::attr` but without interning `name` first: elements have few
/// attributes, and comparing their names is cheaper.
fn attr<'e>(el: &'e Element, name: &str) -> Option<&'e str> {
    el.attrs.iter().find(|(q, _)| q.ns.is_empty() && &*q.local == name).map(|(_, v)| &**v)
}

/// ASCII-case-insensitive substring test, without allocating.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::align::ENTITIES;

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

    fn parse_checked(src: &str) -> Parsed {
        let parsed = parse(src);
        check(src, &parsed);
        parsed
    }

    /// The outline as `kind level: text` lines, for readable assertions.
    fn outline(parsed: &Parsed) -> Vec<String> {
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

    fn fixtures() -> Vec<(String, String)> {
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

    fn raw(src: &str, span: Span) -> &str {
        src.get(span.start..span.end).expect("span on char boundaries")
    }

    #[test]
    fn fixtures_keep_every_piece_exact() {
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
    fn literal_less_than_and_comments() {
        let src = "<p>eGFR < 30 mL/min<!-- note: </p> --> is a contraindication</p>";
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["p: eGFR < 30 mL/min is a contraindication"]);
    }

    #[test]
    fn nested_lists_are_separate_items() {
        let src = "<ul><li>Gastrointestinal effects:<ul><li>nausea</li><li>diarrhoea<ol><li>severe</li></ol></li></ul>common</li><li>Rash</li></ul>";
        let parsed = parse_checked(src);
        assert_eq!(
            outline(&parsed),
            [
                "li1: Gastrointestinal effects:",
                "li2: nausea",
                "li2: diarrhoea",
                "li3: severe",
                "li1: common",
                "li1: Rash"
            ]
        );
    }

    #[test]
    fn list_item_paragraphs_join() {
        let src = "<ol><li><p>First line.</p><p>Second line.</p></li></ol>";
        assert_eq!(outline(&parse_checked(src)), ["li1: First line. Second line."]);
    }

    #[test]
    fn script_holding_closing_p_is_dropped() {
        let src = "<body><p>Before</p><script>var s = \"</p><p>Nausea</p>\"; if (a < b) {}</script><p>After</p></body>";
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["p: Before", "p: After"]);
        let [d] = parsed.debris.as_slice() else { panic!("{:?}", parsed.debris) };
        assert_eq!(d.kind, DebrisKind::Markup);
        assert_eq!(d.text, "script");
        assert!(raw(src, d.span).starts_with("<script>") && raw(src, d.span).ends_with("</script>"));
    }

    #[test]
    fn cookie_banner_and_chrome_are_dropped() {
        let src = r#"<body>
<div id="gdpr" class="Cookie-Consent"><h2>We value your privacy</h2><p>We use cookies.</p><button>OK</button></div>
<div role="navigation"><a href="/">Home</a></div>
<header><h1>Site name</h1></header>
<span aria-hidden="true">★</span>
<main><article><header><h1>Metformin</h1></header>
<section id="informed-consent"><p>Discuss risks before starting.</p></section>
<footer>Reviewed 2024</footer></article></main>
<footer>© 2024</footer>
</body>"#;
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["h1: Metformin", "p: Discuss risks before starting.", "p: Reviewed 2024"]);
        let labels: Vec<&str> = parsed.debris.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(labels, ["div#gdpr.Cookie-Consent", "div", "header", "span", "footer"]);
        assert_eq!(parsed.meta.title.as_deref(), Some("Metformin"));
    }

    #[test]
    fn class_rules_spare_what_wraps_the_page() {
        let src = r#"<div class="hero-banner"><h1>Naproxen</h1></div>
<div id="page" class="has-cookie-bar"><main><p>Body text.</p></main></div>
<div class="site-banner"><p>Free delivery</p></div>"#;
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["h1: Naproxen", "p: Body text."]);
        assert_eq!(parsed.debris.len(), 1);
    }

    #[test]
    fn table_header_and_rows() {
        let src = "<table><thead><tr><th>Route</th><th>Dose</th></tr></thead>\
                   <tbody><tr><td>Oral</td><td>200-400 mg every 4-6 hours</td></tr>\
                   <tr><td>IV</td><td></td></tr></tbody></table>\
                   <table><tr><th>Age</th><th>Dose</th></tr><tr><td>child</td><td>5-10 mg/kg</td></tr></table>\
                   <table><tr><td>a</td><td><ul><li>b</li><li>c</li></ul></td></tr></table>";
        let parsed = parse_checked(src);
        assert_eq!(
            outline(&parsed),
            [
                "table: [Route | Dose] [Oral | 200-400 mg every 4-6 hours] [IV | ]",
                "table: [Age | Dose] [child | 5-10 mg/kg]",
                "table: [] [a | b c]",
            ]
        );
        let Some(Node::Block(Block::Table { span, rows, .. })) = parsed.nodes.first() else { panic!() };
        // From the first cell with text to the last one ("IV"; the empty cell
        // after it has no text to point at).
        assert_eq!(
            raw(src, *span),
            "Route</th><th>Dose</th></tr></thead><tbody><tr><td>Oral</td><td>200-400 mg every 4-6 hours</td></tr><tr><td>IV"
        );
        assert_eq!(raw(src, rows[0][1].span), "200-400 mg every 4-6 hours");
    }

    #[test]
    fn layout_tables_are_containers() {
        let src = "<table><tr><td><h2>Uses</h2><p>Pain.</p></td><td>Sidebar</td></tr></table>";
        assert_eq!(outline(&parse_checked(src)), ["h2: Uses", "p: Pain.", "p: Sidebar"]);
    }

    #[test]
    fn description_lists_pair_terms() {
        let src = "<dl><dt>Half-life:</dt><dd>2 hours</dd><dd>longer in the elderly</dd><dt>Onset</dt><dt>Peak</dt><dd>1-2 h</dd><dt>Orphan</dt></dl>";
        assert_eq!(
            outline(&parse_checked(src)),
            [
                "li1: Half-life: 2 hours",
                "li1: Half-life: longer in the elderly",
                "li1: Onset, Peak: 1-2 h",
                "li1: Orphan"
            ]
        );
    }

    #[test]
    fn loose_text_and_breaks() {
        let src = "<body>Intro text<br>same paragraph<br><br>new paragraph<div>block</div>tail</body>";
        assert_eq!(
            outline(&parse_checked(src)),
            ["p: Intro text same paragraph", "p: new paragraph", "p: block", "p: tail"]
        );
    }

    #[test]
    fn title_collapses_and_falls_back_to_h1() {
        let parsed = parse_checked("<title>\n  A &amp;\n B </title><h1>Other</h1>");
        assert_eq!(parsed.meta.title.as_deref(), Some("A & B"));
        assert_eq!(outline(&parsed), ["h1: Other"]);
        let parsed = parse_checked("<p>x</p><h2>Sub</h2><h1>Main <i>title</i></h1>");
        assert_eq!(parsed.meta.title.as_deref(), Some("Main title"));
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
