//! HL7 SPL drug labels (XML, root `document` in `urn:hl7-org:v3`): sections
//! with their LOINC codes, narrative blocks with exact spans, and the
//! label's structured product data.
//!
//! XML comes from `quick-xml`, a pull parser that hands out every event
//! borrowed from the input, so each text run's byte offset is known
//! exactly; character references arrive as their own events and are
//! decoded into the text with their raw span (see [`super::align`]).
//!
//! Each `<section>` gives a heading (its `<title>`) one level below its
//! parent section's, with the section kind its LOINC code has in
//! `label_sections.tsv` (the title decides when the code is not there).
//! Inside a section's `<text>`: `<paragraph>` is a paragraph, `<list>/<item>`
//! list items (nested lists one level deeper), `<table>` a table whose
//! `<thead>` rows (or leading corner rows) are the column headers, a
//! `<caption>` a paragraph before it, and a `<footnote>` a paragraph after
//! the block it sits in. `<content>`, `<sub>`, `<sup>` and links are inline
//! text; `<br/>` is a space. Product data (`manufacturedProduct`, its
//! active and inactive ingredients, the labeler of the `author`) and the
//! label's set id, version and effective date go to [`LabelMeta`], never
//! into the outline. This stage does not classify headings by wording.

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::align::{TextBuilder, decode_ref, is_blank};
use super::{Node, ParseError, Parsed, label_kind, label_section, line_column};
use crate::lexicon::Lexicon;
use crate::model::{Block, Cell, DocMeta, Heading, LabelMeta, LineIndex, Span, Text};

/// Deepest element nesting read; deeper markup is refused as malformed
/// (real labels nest a few dozen levels).
const MAX_DEPTH: usize = crate::limits::MAX_HTML_DEPTH;

/// What collects the text of one block.
#[derive(Debug)]
enum Collect {
    /// A paragraph; `implied` for loose text directly inside `<text>`.
    Paragraph { implied: bool },
    /// A list item at this nesting level.
    Item(u8),
    /// A table cell spanning this many columns.
    Cell(usize),
    /// A section's title.
    Title,
    /// The document's own title.
    DocTitle,
    /// A table caption.
    Caption,
    /// A footnote.
    Footnote,
}

/// A block whose text is being collected.
struct Collector {
    what: Collect,
    text: TextBuilder,
    /// Element depth of the element that opened it.
    depth: usize,
}

/// A table being read.
#[derive(Default)]
struct TableState {
    header_rows: Vec<Vec<Cell>>,
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    in_head: bool,
    start: usize,
    depth: usize,
}

/// A section being read.
struct SectionState {
    code: Option<String>,
    /// Where the code's `displayName` is: the heading of a section that has
    /// no title.
    code_name: Option<Span>,
    /// Whether its heading has been emitted.
    headed: bool,
    depth: usize,
}

/// Product data being read.
#[derive(Default)]
struct Ingredient {
    active: bool,
    /// An excipient (`classCode="IACT"`).
    inactive: bool,
    name: String,
    strength: Vec<String>,
}

struct Parser<'s> {
    src: &'s str,
    lines: LineIndex,
    lx: &'s Lexicon,
    out: Parsed,
    label: LabelMeta,
    /// Local names of the open elements.
    names: Vec<String>,
    sections: Vec<SectionState>,
    collectors: Vec<Collector>,
    tables: Vec<TableState>,
    /// Depth of the open `<text>` elements of sections.
    in_text: usize,
    list_level: u8,
    footnotes: Vec<Text>,
    /// Text of a product-data element being read (`name`).
    meta_text: Option<String>,
    ingredient: Option<Ingredient>,
    /// Flags the label's sections set (`flag=` in `label_sections.tsv`).
    flags: Vec<String>,
}

/// Where the labeler's name sits: the organization the document's author
/// represents.
const LABELER: &[&str] = &["document", "author", "assignedEntity", "representedOrganization"];

/// The bullet that OTC labels print inside a paragraph.
const BULLET: char = '•';

/// Parses an SPL document. Malformed XML is an error with its line and
/// column; nothing is guessed.
pub(crate) fn parse(src: &str, lx: &Lexicon) -> Result<Parsed, ParseError> {
    let mut p = Parser {
        src,
        lines: LineIndex::new(src.as_bytes()),
        lx,
        out: Parsed::default(),
        label: LabelMeta::default(),
        names: Vec::new(),
        sections: Vec::new(),
        collectors: Vec::new(),
        tables: Vec::new(),
        in_text: 0,
        list_level: 0,
        footnotes: Vec::new(),
        meta_text: None,
        ingredient: None,
        flags: Vec::new(),
    };
    let mut reader = Reader::from_str(src);
    reader.config_mut().check_end_names = true;
    let malformed = |at: u64, msg: String| {
        let (line, column) = line_column(src, at as usize);
        ParseError::Xml { line, column, msg }
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(malformed(reader.error_position(), e.to_string())),
        };
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                if p.names.len() >= MAX_DEPTH {
                    return Err(malformed(before as u64, format!("elements nested deeper than {MAX_DEPTH}")));
                }
                p.open(&e, before);
            }
            Event::Empty(e) => {
                p.open(&e, before);
                p.close(after);
            }
            Event::End(_) => p.close(after),
            Event::Text(t) => {
                let start = offset_in(src, &t).unwrap_or(before);
                p.text(Span::new(start, start + t.len()));
            }
            Event::CData(t) => {
                let start = offset_in(src, &t).unwrap_or(before);
                p.text(Span::new(start, start + t.len()));
            }
            Event::GeneralRef(_) => p.reference(Span::new(before, after)),
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = p.names.last() {
        return Err(malformed(src.len() as u64, format!("end of file inside <{open}>, which is not closed")));
    }
    p.out.meta.flags.append(&mut p.flags);
    let label = p.label;
    let has_label = label != LabelMeta::default();
    p.out.meta = DocMeta { label: has_label.then_some(label), ..std::mem::take(&mut p.out.meta) };
    Ok(p.out)
}

/// Byte offset of a borrowed event's bytes inside `src`.
fn offset_in(src: &str, bytes: &[u8]) -> Option<usize> {
    let at = (bytes.as_ptr() as usize).checked_sub(src.as_ptr() as usize)?;
    (at + bytes.len() <= src.len()).then_some(at)
}

fn local(name: &[u8]) -> String {
    let name = name.rsplit(|b| *b == b':').next().unwrap_or(name);
    String::from_utf8_lossy(name).into_owned()
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(|v| v.trim().to_string()))
}

impl Parser<'_> {
    fn parent(&self, up: usize) -> Option<&str> {
        self.names.len().checked_sub(up + 1).and_then(|i| self.names.get(i)).map(String::as_str)
    }

    /// Whether the open elements end with `path` (local names).
    fn path_ends(&self, path: &[&str]) -> bool {
        self.names.len() >= path.len()
            && self.names[self.names.len() - path.len()..].iter().zip(path).all(|(a, b)| a == b)
    }

    fn in_product(&self) -> bool {
        self.names.iter().any(|n| n == "manufacturedProduct")
    }

    /// An element opens; an empty element is then closed at once.
    fn open(&mut self, e: &BytesStart<'_>, at: usize) {
        let name = local(e.name().as_ref());
        if let Some(buf) = &mut self.meta_text {
            // `<name>TRIAMINIC<suffix>Children's…` reads as two words.
            buf.push(' ');
        }
        let depth = self.names.len() + 1;
        match name.as_str() {
            "br" => {
                if let Some(c) = self.collectors.last_mut() {
                    c.text.boundary();
                }
            }
            "section" => self.sections.push(SectionState { code: None, code_name: None, headed: false, depth }),
            "code" if self.parent(0) == Some("section") => {
                let name = attr_span(self.src, e, "displayName");
                if let Some(s) = self.sections.last_mut() {
                    s.code = attr(e, "code");
                    s.code_name = name;
                }
            }
            "text" if matches!(self.parent(0), Some("section" | "highlight")) => {
                self.head_untitled();
                self.in_text += 1;
            }
            "title" if self.parent(0) == Some("section") => self.start(Collect::Title, depth),
            "title" if self.parent(0) == Some("document") => self.start(Collect::DocTitle, depth),
            _ if self.in_text > 0 => self.open_narrative(&name, e, at, depth),
            _ => self.open_data(&name, e),
        }
        self.names.push(name);
    }

    fn open_narrative(&mut self, name: &str, e: &BytesStart<'_>, at: usize, depth: usize) {
        match name {
            "paragraph" => {
                self.end_implied();
                match self.collectors.last_mut() {
                    Some(c) => c.text.boundary(),
                    None => self.start(Collect::Paragraph { implied: false }, depth),
                }
            }
            "list" => {
                self.end_implied();
                match self.collectors.last().map(|c| &c.what) {
                    // A list inside an item or a paragraph: what came before
                    // it is a block of its own.
                    Some(Collect::Item(_) | Collect::Paragraph { .. }) => self.emit_partial(),
                    Some(_) => {
                        if let Some(c) = self.collectors.last_mut() {
                            c.text.boundary();
                        }
                    }
                    None => {}
                }
                self.list_level = self.list_level.saturating_add(1);
            }
            "item" => {
                self.end_implied();
                if self.collectors.last().is_some_and(|c| matches!(c.what, Collect::Cell(_))) {
                    if let Some(c) = self.collectors.last_mut() {
                        c.text.boundary();
                    }
                } else {
                    self.start(Collect::Item(self.list_level.max(1)), depth);
                }
            }
            "table" => {
                self.end_implied();
                match self.collectors.last().map(|c| &c.what) {
                    // A table inside a cell is read as the cell's text.
                    Some(Collect::Cell(_)) => {
                        if let Some(c) = self.collectors.last_mut() {
                            c.text.boundary();
                        }
                    }
                    // A table inside a paragraph or an item: what came
                    // before it is a block of its own, the table another.
                    other => {
                        if other.is_some() {
                            self.emit_partial();
                        }
                        self.tables.push(TableState { start: at, depth, ..TableState::default() });
                    }
                }
            }
            "thead" => self.with_table(depth, |t| t.in_head = true),
            "tbody" | "tfoot" => self.with_table(depth, |t| t.in_head = false),
            "tr" => self.with_table(depth, |t| t.row = Some(Vec::new())),
            "td" | "th" if self.own_table(depth) => {
                let span = attr(e, "colspan").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
                self.start(Collect::Cell(span), depth);
            }
            "caption" if self.own_table(depth) => self.start(Collect::Caption, depth),
            "footnote" => self.start(Collect::Footnote, depth),
            _ => {}
        }
    }

    /// Whether an element at `depth` belongs to the innermost open table
    /// read as a table (not one nested in a cell).
    fn own_table(&self, depth: usize) -> bool {
        self.tables.last().is_some_and(|t| {
            depth > t.depth && !self.collectors.iter().any(|c| c.depth > t.depth && matches!(c.what, Collect::Cell(_)))
        })
    }

    fn with_table(&mut self, depth: usize, f: impl FnOnce(&mut TableState)) {
        if self.own_table(depth)
            && let Some(t) = self.tables.last_mut()
        {
            f(t);
        }
    }

    fn open_data(&mut self, name: &str, e: &BytesStart<'_>) {
        let document_child = self.parent(0) == Some("document");
        match name {
            "setId" if document_child => self.label.set_id = attr(e, "root"),
            "versionNumber" if document_child => self.label.version = attr(e, "value"),
            "effectiveTime" if document_child => self.label.effective_date = attr(e, "value"),
            "name" if self.label.labeler.is_none() && self.path_ends(LABELER) => self.meta_text = Some(String::new()),
            _ if !self.in_product() => {}
            "name" => self.meta_text = Some(String::new()),
            "code" if attr(e, "codeSystem").as_deref() == Some(NDC_SYSTEM) => {
                if let Some(code) = attr(e, "code") {
                    LabelMeta::add(&mut self.label.ndcs, &code);
                }
            }
            "formCode" if self.parent(0) == Some("manufacturedProduct") => {
                if let Some(form) = attr(e, "displayName") {
                    LabelMeta::add(&mut self.label.dosage_forms, &form);
                }
            }
            "routeCode" => {
                if let Some(route) = attr(e, "displayName") {
                    LabelMeta::add(&mut self.label.routes, &route);
                }
                // The route is a fact of the label too, as the HTML rendering
                // prints it ("Route of Administration: SUBCUTANEOUS"): a block
                // of its own, quoting the attribute's bytes. Not a kit part's
                // (the alcohol swab's TOPICAL is not the drug's route).
                let part = self.names.iter().any(|n| n == "part" || n == "partProduct");
                if !part && let Some(span) = attr_span(self.src, e, "displayName") {
                    self.push_block(markup_text(self.src, span), None);
                }
            }
            "ingredient" | "activeIngredient" => {
                let class = attr(e, "classCode").unwrap_or_default();
                self.ingredient = Some(Ingredient {
                    active: name == "activeIngredient" || class.starts_with("ACTI"),
                    inactive: class == "IACT",
                    ..Ingredient::default()
                });
            }
            "numerator" | "denominator" => {
                if let Some(ing) = &mut self.ingredient {
                    let value = attr(e, "value").unwrap_or_default();
                    let unit = attr(e, "unit").unwrap_or_default();
                    let trivial = name == "denominator" && value == "1" && (unit.is_empty() || unit == "1");
                    if !trivial && !value.is_empty() {
                        let unit = if unit == "1" { String::new() } else { unit };
                        ing.strength.push(format!("{value} {unit}").trim().to_string());
                    }
                }
            }
            _ => {}
        }
    }

    /// An element closes; `at` is the offset just after its end tag.
    fn close(&mut self, at: usize) {
        let depth = self.names.len();
        let Some(name) = self.names.pop() else { return };
        if self.collectors.last().is_some_and(|c| c.depth == depth) {
            let c = self.collectors.pop().expect("checked");
            self.finish(c);
        }
        match name.as_str() {
            "section" if self.sections.last().is_some_and(|s| s.depth == depth) => {
                self.end_implied();
                self.sections.pop();
            }
            "text" if matches!(self.parent(0), Some("section" | "highlight")) => {
                self.end_implied();
                self.in_text = self.in_text.saturating_sub(1);
                self.flush_footnotes();
            }
            "list" if self.in_text > 0 => {
                self.end_implied();
                self.list_level = self.list_level.saturating_sub(1);
            }
            "tr" if self.own_table(depth) => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(row) = t.row.take()
                {
                    if t.in_head { t.header_rows.push(row) } else { t.rows.push(row) }
                }
            }
            "table" if self.tables.last().is_some_and(|t| t.depth == depth) => {
                let t = self.tables.pop().expect("checked");
                let span = Span::new(t.start, at.clamp(t.start, self.src.len()));
                let line = self.lines.line(t.start);
                let block = super::table::block(t.header_rows, t.rows, span, line);
                self.out.nodes.push(Node::Block(block));
                self.flush_footnotes();
            }
            "name" if self.meta_text.is_some() => self.end_name(),
            "ingredient" | "activeIngredient" => match self.ingredient.take() {
                Some(ing) if ing.active && !ing.name.is_empty() => {
                    let strength = ing.strength.join("/");
                    let entry = if strength.is_empty() { ing.name } else { format!("{} {strength}", ing.name) };
                    LabelMeta::add(&mut self.label.active_ingredients, &entry);
                }
                Some(ing) if ing.inactive => LabelMeta::add(&mut self.label.inactive_ingredients, &ing.name),
                _ => {}
            },
            _ => {}
        }
        if self.collectors.is_empty() && self.tables.is_empty() && !self.footnotes.is_empty() {
            self.flush_footnotes();
        }
    }

    fn end_name(&mut self) {
        let Some(name) = self.meta_text.take() else { return };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let substance = self.path_ends(&["ingredientSubstance"]) || self.path_ends(&["activeIngredientSubstance"]);
        if self.path_ends(LABELER) {
            self.label.labeler.get_or_insert(name);
        } else if let Some(ing) = &mut self.ingredient {
            if substance {
                ing.name = name;
            }
        } else if self.names.iter().any(|n| n == "partProduct") {
            // The parts of a kit (an alcohol swab beside the syringe) do not
            // name the label's drug.
        } else if self.path_ends(&["genericMedicine"]) {
            LabelMeta::add(&mut self.label.generic_names, &name);
        } else if self.path_ends(&["manufacturedProduct"]) || self.path_ends(&["partProduct"]) {
            LabelMeta::add(&mut self.label.brand_names, &name);
        }
    }

    fn start(&mut self, what: Collect, depth: usize) {
        self.collectors.push(Collector { what, text: TextBuilder::default(), depth });
    }

    /// Ends loose text collected directly inside `<text>`.
    fn end_implied(&mut self) {
        if self.collectors.last().is_some_and(|c| matches!(c.what, Collect::Paragraph { implied: true })) {
            let c = self.collectors.pop().expect("checked");
            self.finish(c);
        }
    }

    /// Emits what the innermost item or paragraph holds so far, and goes on
    /// collecting the rest of it afresh.
    fn emit_partial(&mut self) {
        let Some(c) = self.collectors.last_mut() else { return };
        let text = std::mem::take(&mut c.text).finish(self.src).into_trimmed();
        let level = match c.what {
            Collect::Item(level) => Some(level),
            _ => None,
        };
        self.push_block(text, level);
    }

    fn push_block(&mut self, text: Text, item_level: Option<u8>) {
        // A "Drug Facts" list is often bullets inside one paragraph or item
        // ("temporarily relieves • sneezing • itchy nose or throat"): each
        // bullet is an item under what precedes the first.
        let s = text.as_str();
        let bullets = s.matches(BULLET).count();
        if bullets >= 2 || (bullets == 1 && s.starts_with(BULLET)) {
            let starts: Vec<usize> = s.match_indices(BULLET).map(|(i, _)| i + BULLET.len_utf8()).collect();
            self.push_one(text.slice(0..starts[0] - BULLET.len_utf8()).into_trimmed(), item_level);
            let level = item_level.map_or(1, |l| l.saturating_add(1));
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).map_or(s.len(), |&next| next - BULLET.len_utf8());
                self.push_one(text.slice(start..end).into_trimmed(), Some(level));
            }
            return;
        }
        self.push_one(text, item_level);
    }

    fn push_one(&mut self, text: Text, item_level: Option<u8>) {
        if text.as_str().trim().is_empty() {
            return;
        }
        let span = text.span();
        let line = self.lines.line(span.start);
        self.out.nodes.push(Node::Block(match item_level {
            Some(level) => Block::ListItem { text, span, line, level },
            None => Block::Paragraph { text, span, line },
        }));
    }

    fn finish(&mut self, c: Collector) {
        let text = c.text.finish(self.src).into_trimmed();
        match c.what {
            Collect::Paragraph { .. } | Collect::Caption => self.push_block(text, None),
            Collect::Item(level) => self.push_block(text, Some(level)),
            Collect::Footnote => {
                if !text.is_empty() {
                    self.footnotes.push(text);
                }
            }
            Collect::Cell(colspan) => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    let span = if text.is_empty() { Span::default() } else { text.span() };
                    let end = span.end;
                    row.push(Cell { text, span });
                    for _ in 1..colspan {
                        row.push(Cell { text: Text::new(), span: Span::new(end, end) });
                    }
                }
            }
            Collect::Title => self.heading(text),
            Collect::DocTitle => {
                let title = text.as_str().trim();
                if !title.is_empty() {
                    self.out.meta.title = Some(title.to_string());
                }
            }
        }
    }

    /// A section without a title whose code the data table knows gets the
    /// code's display name as its heading, so that its text does not run
    /// on in the section before it.
    fn head_untitled(&mut self) {
        let Some(s) = self.sections.last() else { return };
        if s.headed || self.in_text > 0 {
            return;
        }
        let known = s.code.as_deref().is_some_and(|c| label_section(self.lx, c).is_some());
        if let (true, Some(span)) = (known, s.code_name) {
            let text = markup_text(self.src, span);
            self.heading(text);
        }
    }

    /// Emits the heading of the innermost section.
    fn heading(&mut self, text: Text) {
        {
            if text.is_empty() {
                return;
            }
            if let Some(s) = self.sections.last_mut() {
                s.headed = true;
            }
            let code = self.sections.last().and_then(|s| s.code.clone());
            let row = code.as_deref().and_then(|c| label_section(self.lx, c));
            let kind = row.and_then(label_kind);
            if let Some(flag) = row.and_then(|r| r.attr("flag")) {
                self.flags.push(flag.to_string());
            }
            let level = u8::try_from(self.sections.len() + 1).unwrap_or(u8::MAX);
            let span = text.span();
            let line = self.lines.line(span.start);
            self.out.nodes.push(Node::Heading(Heading { level, text, span, line, kind }));
        }
    }

    fn flush_footnotes(&mut self) {
        for text in std::mem::take(&mut self.footnotes) {
            self.push_block(text, None);
        }
    }

    /// A run of raw text at `span`.
    fn text(&mut self, span: Span) {
        if let Some(buf) = &mut self.meta_text {
            buf.push_str(&self.src[span.start..span.end]);
            return;
        }
        let raw = &self.src[span.start..span.end];
        let in_table = self.tables.last().is_some_and(|t| self.collectors.last().is_none_or(|c| c.depth < t.depth));
        if in_table {
            // Text between rows and cells.
            return;
        }
        if self.collectors.is_empty() {
            if self.in_text == 0 || raw.chars().all(is_blank) {
                return;
            }
            let depth = self.names.len();
            self.start(Collect::Paragraph { implied: true }, depth);
        }
        let Some(c) = self.collectors.last_mut() else { return };
        let mut run_start = span.start;
        let mut blank_run: Option<bool> = None;
        for (i, ch) in raw.char_indices() {
            let blank = is_blank(ch);
            if blank_run.is_some_and(|b| b != blank) {
                push_run(&mut c.text, self.src, Span::new(run_start, span.start + i), blank_run == Some(true));
                run_start = span.start + i;
            }
            blank_run = Some(blank);
        }
        if let Some(b) = blank_run {
            push_run(&mut c.text, self.src, Span::new(run_start, span.end), b);
        }
    }

    /// A character or entity reference at `span` (`&amp;`, `&#8217;`).
    fn reference(&mut self, span: Span) {
        let raw = &self.src[span.start..span.end];
        let decoded = decode_ref(raw.as_bytes()).filter(|(len, _)| *len == raw.len()).map(|(_, ch)| ch);
        if let Some(buf) = &mut self.meta_text {
            match decoded {
                Some(ch) => buf.push(ch),
                None => buf.push_str(raw),
            }
            return;
        }
        let in_table = self.tables.last().is_some_and(|t| self.collectors.last().is_none_or(|c| c.depth < t.depth));
        let Some(c) = self.collectors.last_mut().filter(|_| !in_table) else { return };
        match decoded {
            Some(ch) if is_blank(ch) => c.text.blank(Some(span)),
            Some(ch) => c.text.decoded(self.src, ch.encode_utf8(&mut [0; 4]), span),
            None => c.text.verbatim(self.src, span),
        }
    }
}

/// The raw span of attribute `name`'s value, when it is borrowed from `src`.
fn attr_span(src: &str, e: &BytesStart<'_>, name: &str) -> Option<Span> {
    let a = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name.as_bytes())?;
    let start = offset_in(src, &a.value)?;
    Some(Span::new(start, start + a.value.len()))
}

/// The text of raw markup at `span` (no tags): references decoded, white
/// space collapsed, every piece mapped to its bytes.
fn markup_text(src: &str, span: Span) -> Text {
    let mut tb = TextBuilder::default();
    let raw = &src[span.start..span.end];
    let mut i = 0;
    let mut run = 0;
    let flush = |tb: &mut TextBuilder, from: usize, to: usize| {
        let mut at = from;
        for (k, ch) in raw[from..to].char_indices() {
            let k = from + k;
            let next = k + ch.len_utf8();
            push_run(tb, src, Span::new(span.start + at.min(k), span.start + next), is_blank(ch));
            at = next;
        }
    };
    while i < raw.len() {
        if raw.as_bytes()[i] == b'&'
            && let Some((len, ch)) = decode_ref(&raw.as_bytes()[i..])
        {
            flush(&mut tb, run, i);
            let r = Span::new(span.start + i, span.start + i + len);
            if is_blank(ch) {
                tb.blank(Some(r))
            } else {
                tb.decoded(src, ch.encode_utf8(&mut [0; 4]), r)
            }
            i += len;
            run = i;
        } else {
            i += 1;
        }
    }
    flush(&mut tb, run, raw.len());
    tb.finish(src).into_trimmed()
}

fn push_run(text: &mut TextBuilder, src: &str, span: Span, blank: bool) {
    if blank { text.blank(Some(span)) } else { text.verbatim(src, span) }
}

/// The code system of NDC product and package codes.
const NDC_SYSTEM: &str = "2.16.840.1.113883.6.69";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionKind;

    fn lx() -> Lexicon {
        Lexicon::builtin().expect("lexicon")
    }

    const DOC: &str = r#"<?xml version="1.0"?>
<document xmlns="urn:hl7-org:v3"><title>Drug Facts</title><setId root="abc"/><versionNumber value="3"/>
<author><assignedEntity><representedOrganization><name>Acme Labs, Inc.</name><assignedEntity><assignedOrganization><name>Acme Plant</name></assignedOrganization></assignedEntity></representedOrganization></assignedEntity></author>
<component><structuredBody><component><section><code code="48780-1"/>
<subject><manufacturedProduct><manufacturedProduct><code code="0001-0002" codeSystem="2.16.840.1.113883.6.69"/>
<name>Brandol</name><formCode displayName="TABLET"/><asEntityWithGeneric><genericMedicine><name>genericol</name></genericMedicine></asEntityWithGeneric>
<ingredient classCode="ACTIB"><quantity><numerator value="5" unit="mg"/><denominator value="1" unit="1"/></quantity><ingredientSubstance><name>GENERICOL HCl</name></ingredientSubstance></ingredient>
<ingredient classCode="IACT"><ingredientSubstance><name>TALC</name></ingredientSubstance></ingredient>
</manufacturedProduct><consumedIn><substanceAdministration><routeCode displayName="ORAL"/></substanceAdministration></consumedIn></manufacturedProduct></subject></section></component>
<component><section><code code="34067-9"/><title>1 INDICATIONS</title><text><paragraph>For <content styleCode="bold">pain</content> &amp; fever&#8217;s<br/>relief.</paragraph>
<list><item>headache<list><item>mild</item></list></item></list>
<table><tbody><tr><td> </td><td>Drug</td><td>Placebo</td></tr><tr><td>Nausea</td><td>3%</td><td>1%</td></tr></tbody></table>
</text></section></component></structuredBody></component></document>"#;

    fn outline(p: &Parsed) -> Vec<String> {
        p.nodes
            .iter()
            .map(|n| match n {
                Node::Heading(h) => format!("h{} {:?}: {}", h.level, h.kind, h.text.as_str()),
                Node::Block(Block::Paragraph { text, .. }) => format!("p: {}", text.as_str()),
                Node::Block(Block::ListItem { text, level, .. }) => format!("li{level}: {}", text.as_str()),
                Node::Block(Block::Table { header, rows, .. }) => format!(
                    "table {:?} {:?}",
                    header.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
                    rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()).collect::<Vec<_>>()
                ),
            })
            .collect()
    }

    /// Bullets printed inside one item or paragraph are items of their own,
    /// each quoting its exact bytes.
    #[test]
    fn inline_bullets_are_items() {
        let doc = r#"<document xmlns="urn:hl7-org:v3"><component><structuredBody><component><section>
<code code="34067-9" codeSystem="2.16.840.1.113883.6.1"/><title>Uses</title><text><list><item>temporarily relieves
<paragraph>• sneezing   • runny nose</paragraph><paragraph>• itchy eyes</paragraph></item></list>
<paragraph>• cough</paragraph></text></section></component></structuredBody></component></document>"#;
        let p = parse(doc, &lx()).expect("parses");
        assert_eq!(
            outline(&p),
            [
                "h2 Some(Uses): Uses",
                "li1: temporarily relieves",
                "li2: sneezing",
                "li2: runny nose",
                "li2: itchy eyes",
                "li1: cough"
            ]
        );
        for node in &p.nodes {
            if let Node::Block(Block::ListItem { text, .. }) = node {
                text.for_each_verbatim(|plain, raw| assert_eq!(&doc[raw.start..raw.end], plain));
            }
        }
    }

    #[test]
    fn reads_sections_blocks_and_product_data() {
        let p = parse(DOC, &lx()).expect("parses");
        assert_eq!(
            outline(&p),
            [
                "p: ORAL",
                "h2 Some(Uses): 1 INDICATIONS",
                "p: For pain & fever’s relief.",
                "li1: headache",
                "li2: mild",
                r#"table ["", "Drug", "Placebo"] [["Nausea", "3%", "1%"]]"#,
            ]
        );
        assert_eq!(p.meta.title.as_deref(), Some("Drug Facts"));
        let label = p.meta.label.as_ref().expect("label");
        assert_eq!(label.set_id.as_deref(), Some("abc"));
        assert_eq!(label.version.as_deref(), Some("3"));
        assert_eq!(label.brand_names, ["Brandol"]);
        assert_eq!(label.generic_names, ["genericol"]);
        assert_eq!(label.active_ingredients, ["GENERICOL HCl 5 mg"]);
        assert_eq!(label.inactive_ingredients, ["TALC"]);
        // The organization the author represents, not its plant.
        assert_eq!(label.labeler.as_deref(), Some("Acme Labs, Inc."));
        assert_eq!(label.routes, ["ORAL"]);
        assert_eq!(label.dosage_forms, ["TABLET"]);
        assert_eq!(label.ndcs, ["0001-0002"]);
        let Node::Block(Block::Paragraph { text, .. }) = &p.nodes[2] else { panic!() };
        let mut ok = true;
        text.for_each_verbatim(|plain, raw| ok &= &DOC[raw.start..raw.end] == plain);
        assert!(ok);
        let amp = text.as_str().find('&').expect("amp");
        assert_eq!(&DOC[text.raw_span(amp..amp + 1).start..text.raw_span(amp..amp + 1).end], "&amp;");
        let _ = SectionKind::Uses;
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let err = parse("<document xmlns=\"urn:hl7-org:v3\">\n<title>x</titel></document>", &lx()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("malformed XML at line 2, column "), "{msg}");
        let err = parse("<document xmlns=\"urn:hl7-org:v3\">\n<title>x", &lx()).unwrap_err();
        assert!(err.to_string().contains("not closed"), "{err}");
    }
}
