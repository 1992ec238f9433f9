//! Markdown parser: YAML front matter, then the body through pulldown-cmark's
//! offset iterator, so every text run keeps its byte range.
//!
//! `**Label:**` paragraphs become pseudo-headings one level below the last
//! real heading. This parser does not decide what a heading means.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use yaml_rust2::parser::{Event as YamlEvent, Parser as YamlParser};

use super::{Node, ParseError, Parsed};
use crate::limits::MAX_FRONT_MATTER_EVENTS;
use crate::model::{Block, Cell, DocMeta, Heading, LineIndex, Span, Text};

/// Parses a markdown document.
pub(crate) fn parse(src: &str) -> Result<Parsed, ParseError> {
    let lines = LineIndex::new(src.as_bytes());
    let mut parsed = Parsed::default();
    // Bad front matter costs the metadata, not the document: the body is
    // still parsed and the problem becomes a warning.
    let body_start = match split_front_matter(src) {
        FrontMatter::None => 0,
        FrontMatter::Block { yaml, body_start } => {
            match parse_front_matter(yaml, src, &lines) {
                Ok(meta) => parsed.meta = meta,
                Err(e) => parsed.warnings.push(format!("{e}; front matter ignored")),
            }
            body_start
        }
        FrontMatter::Unclosed => {
            let e = ParseError::FrontMatter { line: 1, msg: "no closing `---` line".into() };
            parsed.warnings.push(format!("{e}; front matter ignored"));
            src.find('\n').map_or(src.len(), |i| i + 1)
        }
    };
    let mut builder = Builder { src, lines: &lines, nodes: Vec::new(), heading_level: 1, pending: Vec::new() };
    builder.run(body_start);
    parsed.nodes = builder.nodes;
    if parsed.meta.title.is_none() {
        parsed.meta.title = parsed.nodes.iter().find_map(|n| match n {
            Node::Heading(h) if h.level == 1 => Some(h.text.as_str().trim().to_string()),
            _ => None,
        });
    }
    Ok(parsed)
}

/// Configures the markdown parser; the one place its options are chosen.
pub(crate) fn new_parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
}

enum FrontMatter {
    None,
    Block { yaml: Range<usize>, body_start: usize },
    Unclosed,
}

/// Finds a `---` front-matter block at the very start of the file.
fn split_front_matter(src: &str) -> FrontMatter {
    let first_end = src.find('\n').unwrap_or(src.len());
    if src[..first_end].trim_end() != "---" {
        return FrontMatter::None;
    }
    let mut at = first_end + 1;
    while at < src.len() {
        let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
        let line = src[at..end].trim_end();
        if line == "---" || line == "..." {
            return FrontMatter::Block { yaml: first_end + 1..at, body_start: (end + 1).min(src.len()) };
        }
        at = end + 1;
    }
    FrontMatter::Unclosed
}

/// Reads flat `key: scalar` pairs from the front matter. Events are consumed
/// one by one and aliases are never expanded, so a "billion laughs" document
/// costs no more than its size.
fn parse_front_matter(yaml: Range<usize>, src: &str, lines: &LineIndex) -> Result<DocMeta, ParseError> {
    let first_line = lines.line(yaml.start);
    let mut parser = YamlParser::new_from_str(&src[yaml]);
    let mut meta = DocMeta::default();
    let mut depth = 0usize;
    let mut key: Option<String> = None;
    for _ in 0..MAX_FRONT_MATTER_EVENTS {
        let (event, mark) = parser.next_token().map_err(|e| ParseError::FrontMatter {
            line: first_line + e.marker().line().saturating_sub(1),
            msg: e.info().to_string(),
        })?;
        match event {
            YamlEvent::StreamEnd => {
                meta.title = meta.front_matter.get("title").cloned().filter(|t| !t.trim().is_empty());
                return Ok(meta);
            }
            YamlEvent::MappingStart(..) | YamlEvent::SequenceStart(..) => {
                depth += 1;
                if depth == 2 {
                    key = None; // nested values are not flat metadata
                }
            }
            YamlEvent::MappingEnd | YamlEvent::SequenceEnd => depth = depth.saturating_sub(1),
            YamlEvent::Scalar(value, ..) if depth == 1 => match key.take() {
                None => key = Some(value),
                Some(k) => {
                    meta.front_matter.insert(k, value);
                }
            },
            YamlEvent::Alias(_) if depth == 1 => {
                key = None;
            }
            _ => {}
        }
        let _ = mark;
    }
    Err(ParseError::FrontMatter { line: first_line, msg: "front matter is too large or too deeply nested".into() })
}

/// Whether an item is still collecting text or already emitted (because a
/// nested list started inside it).
struct OpenItem {
    text: Text,
    level: u8,
    emitted: bool,
}

struct Builder<'a> {
    src: &'a str,
    lines: &'a LineIndex,
    nodes: Vec<Node>,
    /// Level of the last real heading, for pseudo-headings.
    heading_level: u8,
    /// Open list items, innermost last.
    pending: Vec<OpenItem>,
}

impl Builder<'_> {
    fn run(&mut self, body_start: usize) {
        let body = &self.src[body_start..];
        let mut text = Text::new();
        let mut heading: Option<u8> = None;
        let mut list_depth = 0u8;
        // Paragraph state: whether the paragraph so far is only bold text.
        let mut strong_depth = 0u32;
        let mut para_all_strong = true;
        let mut table: Option<TableBuilder> = None;
        let mut in_code = false;

        for (event, range) in new_parser(body).into_offset_iter() {
            let range = range.start + body_start..range.end + body_start;
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some(heading_number(level));
                    text = Text::new();
                }
                Event::End(TagEnd::Heading(_)) => {
                    let level = heading.take().unwrap_or(2);
                    self.heading_level = level;
                    self.push_heading(std::mem::take(&mut text), level);
                }
                Event::Start(Tag::Paragraph) => {
                    if self.pending.is_empty() {
                        text = Text::new();
                    } else if let Some(item) = self.pending.last_mut()
                        && !item.text.is_empty()
                    {
                        item.text.push_separator(" ");
                    }
                    para_all_strong = true;
                }
                Event::End(TagEnd::Paragraph) if self.pending.is_empty() && table.is_none() => {
                    let t = std::mem::take(&mut text);
                    if para_all_strong && is_pseudo_heading(t.as_str()) {
                        let level = self.heading_level.saturating_add(1);
                        self.push_heading(t, level);
                    } else {
                        self.push_block(t, |text, span, line| Block::Paragraph { text, span, line });
                    }
                }
                Event::Start(Tag::List(_)) => {
                    if let Some(item) = self.pending.last_mut()
                        && !item.emitted
                    {
                        item.emitted = true;
                        let (t, level) = (item.text.clone(), item.level);
                        self.push_item(t, level);
                    }
                    list_depth += 1;
                }
                Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
                Event::Start(Tag::Item) => {
                    self.pending.push(OpenItem { text: Text::new(), level: list_depth.max(1), emitted: false });
                }
                Event::End(TagEnd::Item) => {
                    if let Some(item) = self.pending.pop()
                        && !item.emitted
                    {
                        self.push_item(item.text, item.level);
                    }
                }
                Event::Start(Tag::Strong) => strong_depth += 1,
                Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
                Event::Start(Tag::Table(_)) => table = Some(TableBuilder::default()),
                Event::End(TagEnd::Table) => {
                    if let Some(t) = table.take() {
                        self.push_table(t);
                    }
                }
                Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        t.row = Vec::new();
                    }
                }
                Event::End(TagEnd::TableHead) => {
                    if let Some(t) = table.as_mut() {
                        t.header = std::mem::take(&mut t.row);
                    }
                }
                Event::End(TagEnd::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                }
                Event::Start(Tag::TableCell) => text = Text::new(),
                Event::End(TagEnd::TableCell) => {
                    if let Some(t) = table.as_mut() {
                        let cell = std::mem::take(&mut text).into_trimmed();
                        t.row.push(Cell { span: cell.span(), text: cell });
                    }
                }
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(s) | Event::Code(s) if !in_code => {
                    if strong_depth == 0 && !s.trim().is_empty() && !s.trim().starts_with(':') {
                        para_all_strong = false;
                    }
                    let target = match self.pending.last_mut() {
                        Some(item) if heading.is_none() && table.is_none() => &mut item.text,
                        _ => &mut text,
                    };
                    push_run(target, self.src, &s, range);
                }
                Event::SoftBreak | Event::HardBreak => {
                    let target = match self.pending.last_mut() {
                        Some(item) if heading.is_none() && table.is_none() => &mut item.text,
                        _ => &mut text,
                    };
                    target.push_separator(" ");
                }
                _ => {}
            }
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    fn push_heading(&mut self, text: Text, level: u8) {
        let text = text.into_trimmed();
        if text.is_empty() {
            return;
        }
        let span = text.span();
        let line = self.line(span.start);
        self.nodes.push(Node::Heading(Heading { level, text, span, line, kind: None }));
    }

    fn push_block(&mut self, text: Text, make: impl FnOnce(Text, Span, usize) -> Block) {
        let text = text.into_trimmed();
        if text.is_empty() {
            return;
        }
        let span = text.span();
        let line = self.line(span.start);
        self.nodes.push(Node::Block(make(text, span, line)));
    }

    fn push_item(&mut self, text: Text, level: u8) {
        self.push_block(text, |text, span, line| Block::ListItem { text, span, line, level });
    }

    fn push_table(&mut self, t: TableBuilder) {
        let first = t.header.iter().chain(t.rows.iter().flatten()).map(|c| c.span).find(|s| !s.is_empty());
        let last = t.header.iter().chain(t.rows.iter().flatten()).map(|c| c.span).rfind(|s| !s.is_empty());
        let (Some(first), Some(last)) = (first, last) else { return };
        let span = Span::new(first.start, last.end.max(first.start));
        let line = self.line(span.start);
        self.nodes.push(Node::Block(Block::Table { header: t.header, rows: t.rows, span, line }));
    }
}

#[derive(Default)]
struct TableBuilder {
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
}

/// Adds a text event: verbatim when the source bytes equal the text,
/// otherwise (escapes, entities) decoded over the event's range.
fn push_run(target: &mut Text, src: &str, s: &str, range: Range<usize>) {
    let raw = &src[range.clone()];
    if raw == s {
        target.push_verbatim(s, range.start);
    } else if let Some(i) = raw.find(s) {
        target.push_verbatim(s, range.start + i);
    } else {
        target.push_decoded(s, Span::new(range.start, range.end));
    }
}

/// A bold-only paragraph such as `**Side Effects:**` or
/// `**Adult Dosage (Examples):**`: short, and not a sentence.
fn is_pseudo_heading(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 120 && !t.ends_with('.')
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(p: &Parsed) -> Vec<(u8, &str)> {
        p.nodes
            .iter()
            .filter_map(|n| match n {
                Node::Heading(h) => Some((h.level, h.text.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn front_matter_title_and_pseudo_headings() {
        let src = "---\nlayout: default\ntitle: Metformin\n---\n\n# Metformin\n\n**Side Effects:**\n\n* **Nausea:** often\n* Diarrhea\n";
        let p = parse(src).unwrap();
        assert_eq!(p.meta.title.as_deref(), Some("Metformin"));
        assert_eq!(p.meta.front_matter.get("layout").map(String::as_str), Some("default"));
        assert_eq!(headings(&p), [(1, "Metformin"), (2, "Side Effects:")]);
        let items: Vec<_> = p
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Block(Block::ListItem { text, span, .. }) => Some((text.as_str(), &src[span.start..span.end])),
                _ => None,
            })
            .collect();
        assert_eq!(items, [("Nausea: often", "Nausea:** often"), ("Diarrhea", "Diarrhea")]);
    }

    #[test]
    fn nested_items_keep_their_level_and_order() {
        let src = "* outer\n  * inner one\n  * inner two\n* next\n";
        let p = parse(src).unwrap();
        let items: Vec<_> = p
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Block(Block::ListItem { text, level, .. }) => Some((text.as_str(), *level)),
                _ => None,
            })
            .collect();
        assert_eq!(items, [("outer", 1), ("inner one", 2), ("inner two", 2), ("next", 1)]);
    }

    #[test]
    fn pipe_table_has_header_and_rows() {
        let src = "## Dosing\n\n| Route | Dose |\n|---|---|\n| Oral | 500 mg |\n| IV | 1 g |\n";
        let p = parse(src).unwrap();
        let Some(Node::Block(Block::Table { header, rows, .. })) = p.nodes.last() else { panic!("{:?}", p.nodes) };
        assert_eq!(header.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Route", "Dose"]);
        assert_eq!(rows.len(), 2);
        assert_eq!(&src[rows[1][1].span.start..rows[1][1].span.end], "1 g");
    }

    #[test]
    fn unclosed_front_matter_is_a_warning() {
        let p = parse("---\ntitle: x\n\n# body\n").unwrap();
        assert_eq!(p.warnings, ["malformed front matter at line 1: no closing `---` line; front matter ignored"]);
        assert!(matches!(p.nodes.last(), Some(Node::Heading(h)) if h.text.as_str() == "body"));
    }

    #[test]
    fn aliases_are_not_expanded() {
        let mut src = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..30 {
            src.push_str(&format!("b{i}: &b{i} [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"));
        }
        src.push_str("title: Laughs\n---\n# T\n");
        let p = parse(&src).unwrap();
        assert_eq!(p.meta.title.as_deref(), Some("Laughs"));
    }

    #[test]
    fn entities_map_to_their_raw_bytes() {
        let src = "Salt &amp; pepper\n";
        let p = parse(src).unwrap();
        let Some(Node::Block(Block::Paragraph { text, span, .. })) = p.nodes.first() else { panic!() };
        assert_eq!(text.as_str(), "Salt & pepper");
        assert_eq!(&src[span.start..span.end], "Salt &amp; pepper");
    }
}
