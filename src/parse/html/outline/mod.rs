//! The outline: a walk over the flattened DOM that aligns each text node
//! with the source, feeds it to the innermost open block, and emits
//! headings, paragraphs and list items in document order, and the title;
//! tables and the debris of dropped markup have submodules of their own.

mod debris;
mod roles;
mod tables;

use scraper::node::Element;

use super::alignment::{Atom, Cursor, Source};
use super::dom::{HAS_HEADING, HAS_TABLE, attr};
use super::scan::{RAWTEXT, Scan, Tag};
use crate::model::{Block, Debris, DocMeta, Heading, LineIndex, Text};
use crate::parse::align::{TextBuilder, is_blank};
use crate::parse::{Node, Parsed};
use debris::{DropStart, label};
use roles::Role;
use tables::{RowState, TableState};

/// How many runs past the cursor the aligner tries when a text node does not
/// match where it expects it (text html5ever dropped or moved).
const RESYNC_WINDOW: usize = 64;

/// The HTML namespace; elements in SVG or MathML never get HTML roles.
const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

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

/// Walks the flattened DOM, aligns its text and builds the outline.
pub(super) struct Builder<'s> {
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
    pub(super) fn new(src: &'s str, scan: &'s Scan) -> Builder<'s> {
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
    pub(super) fn open(&mut self, el: &Element, inner: u8) {
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
    pub(super) fn close(&mut self) {
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
    pub(super) fn text(&mut self, dom: &str) {
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

    /// Closes what is still open and assembles the result.
    pub(super) fn finish(mut self) -> Parsed {
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

#[cfg(test)]
mod tests {
    use crate::parse::html::tests::{outline, parse_checked};

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
}
