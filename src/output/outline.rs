//! `sources/<id>.json` (schema 2.0): a document's outline and the ids of
//! its claims, and the layout the file is written in.
//!
//! A claim is written once, in `claims.jsonl`; the source file names it by
//! id. The outline keeps the structure of the document (metadata, sections,
//! headings, blocks, table cells, debris, warnings) with the byte span and
//! line of every part, but not the blocks' text: that is bytes `start..end`
//! of the input, so writing it again would only repeat the input. Headings
//! keep their text, as the labels of the outline that claims name in
//! `evidence.heading`; a section names the section it sits in by index
//! (`parent`), not by the texts of the headings above it again. Blocks are
//! tuples (`[kind, start, end, line, …]`): they are most of the file.
//!
//! The layout is chosen by measurement (README, "What changed in 2.0"): one
//! line per section, per debris item and per claim id, compact below that.
//! It is as small as compact JSON to within a few per cent, half the size
//! of pretty JSON, and a change to one section is a change to one line.

use std::collections::BTreeMap;
use std::io;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::extract::{Claim, DrugIdentity};
use crate::model::{Block, Cell, Debris, Heading, Section, Span};

/// How deep a source file is laid out one item per line: the top object's
/// fields (depth 1) and the items of its lists (depth 2); deeper values
/// are written compactly on their item's line.
const SOURCE_LINE_DEPTH: usize = 2;

/// A source file as written.
#[derive(Serialize)]
pub(crate) struct SourceFile<'a> {
    pub(crate) schema_version: &'static str,
    pub(crate) id: &'a str,
    pub(crate) path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) format: Option<&'static str>,
    pub(crate) sha256: &'a str,
    pub(crate) bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) drug: Option<&'a DrugIdentity>,
    pub(crate) flags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) front_matter: Option<&'a BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) label: Option<&'a crate::model::LabelMeta>,
    pub(crate) warnings: &'a [String],
    #[serde(serialize_with = "outline_debris")]
    pub(crate) debris: &'a [Debris],
    #[serde(serialize_with = "outline_sections")]
    pub(crate) sections: &'a [Section],
    #[serde(serialize_with = "claim_ids")]
    pub(crate) claims: &'a [Claim],
}

impl SourceFile<'_> {
    /// The file's bytes, appended to `out` (sized by the caller).
    pub(crate) fn render_into(&self, mut out: Vec<u8>) -> Vec<u8> {
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Lines::new(SOURCE_LINE_DEPTH));
        // Writing into a Vec cannot fail, and every value here serializes.
        let _ = self.serialize(&mut ser);
        out.push(b'\n');
        out
    }
}

fn outline_sections<S: Serializer>(sections: &&[Section], s: S) -> Result<S::Ok, S::Error> {
    // The enclosing section of each: the nearest earlier one whose heading
    // is of a lower level, as sections are built (`crate::sections`).
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut seq = s.serialize_seq(Some(sections.len()))?;
    for (i, sec) in sections.iter().enumerate() {
        let mut parent = None;
        if let Some(h) = &sec.heading {
            while open.last().is_some_and(|(level, _)| *level >= h.level) {
                open.pop();
            }
            parent = open.last().map(|(_, j)| *j);
            open.push((h.level, i));
        }
        seq.serialize_element(&OutlineSection { section: sec, parent })?;
    }
    seq.end()
}

fn outline_debris<S: Serializer>(debris: &&[Debris], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(debris.iter().map(OutlineDebris))
}

fn claim_ids<S: Serializer>(claims: &&[Claim], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(claims.iter().map(|c| c.id.as_str()))
}

/// A section without its blocks' text: its kind, heading, the index of the
/// section it sits in (the headings above it are theirs) and its blocks.
struct OutlineSection<'a> {
    section: &'a Section,
    parent: Option<usize>,
}

impl Serialize for OutlineSection<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sec = self.section;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", &sec.kind)?;
        m.serialize_entry("heading", &sec.heading.as_ref().map(OutlineHeading))?;
        if let Some(parent) = self.parent {
            m.serialize_entry("parent", &parent)?;
        }
        m.serialize_entry("blocks", &Blocks(&sec.blocks))?;
        m.end()
    }
}

/// A heading as `level`, `text`, `start`, `end`, `line`.
struct OutlineHeading<'a>(&'a Heading);

impl Serialize for OutlineHeading<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = self.0;
        labelled_span(s, ("level", &h.level), h.text.as_str(), h.span, h.line)
    }
}

/// Debris as `kind`, `text`, `start`, `end`, `line`, like a heading.
struct OutlineDebris<'a>(&'a Debris);

impl Serialize for OutlineDebris<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        labelled_span(s, ("kind", &d.kind), &d.text, d.span, d.line)
    }
}

/// `{label, "text", "start", "end", "line"}`: a piece of text where it is.
fn labelled_span<S: Serializer, L: Serialize>(
    s: S,
    (key, label): (&'static str, &L),
    text: &str,
    span: Span,
    line: usize,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(5))?;
    m.serialize_entry(key, label)?;
    m.serialize_entry("text", text)?;
    m.serialize_entry("start", &span.start)?;
    m.serialize_entry("end", &span.end)?;
    m.serialize_entry("line", &line)?;
    m.end()
}

struct Blocks<'a>(&'a [Block]);

impl Serialize for Blocks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(OutlineBlock))
    }
}

/// A block as a tuple, the smallest form of what is a third of a source
/// file: `[kind, start, end, line]`, a list item with its `level` after,
/// a table with the `[start, end]` of its header cells and of each row's.
struct OutlineBlock<'a>(&'a Block);

impl Serialize for OutlineBlock<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Block::Paragraph { span, line, .. } => ("paragraph", span.start, span.end, line).serialize(s),
            Block::ListItem { span, line, level, .. } => ("list_item", span.start, span.end, line, level).serialize(s),
            Block::Table { header, rows, span, line } => {
                ("table", span.start, span.end, line, CellSpans(header), Rows(rows)).serialize(s)
            }
        }
    }
}

struct CellSpans<'a>(&'a [Cell]);

impl Serialize for CellSpans<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|c| (c.span.start, c.span.end)))
    }
}

struct Rows<'a>(&'a [Vec<Cell>]);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for row in self.0 {
            seq.serialize_element(&CellSpans(row))?;
        }
        seq.end()
    }
}

/// A JSON layout: containers down to `depth` levels are written one item
/// per line, indented by two spaces as `serde_json`'s pretty printer does;
/// deeper containers are written compactly on their item's line. Depth 0 is
/// compact JSON; an unbounded depth is pretty JSON.
#[derive(Debug)]
pub(crate) struct Lines {
    depth: usize,
    level: usize,
    has_value: bool,
}

impl Lines {
    pub(crate) fn new(depth: usize) -> Lines {
        Lines { depth, level: 0, has_value: false }
    }

    fn expanded(&self) -> bool {
        self.level <= self.depth
    }

    fn item<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.expanded() {
            w.write_all(b"\n")?;
            indent(w, self.level)?;
        }
        Ok(())
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        let expanded = self.expanded();
        self.level -= 1;
        if expanded && self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.level)?;
        }
        w.write_all(bracket)
    }
}

fn indent<W: ?Sized + io::Write>(w: &mut W, level: usize) -> io::Result<()> {
    for _ in 0..level {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl serde_json::ser::Formatter for Lines {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.expanded() { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(value: &serde_json::Value, depth: usize) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Lines::new(depth));
        value.serialize(&mut ser).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Depth 0 is compact JSON, a depth past the nesting is pretty JSON, and
    /// in between every item down to the depth has a line of its own.
    #[test]
    fn lines_sits_between_compact_and_pretty() {
        let v = serde_json::json!({"a": 1, "b": [{"x": [1, 2], "y": {}}, []], "c": {"d": "e"}, "e": []});
        assert_eq!(render(&v, 0), serde_json::to_string(&v).unwrap());
        assert_eq!(render(&v, 9), serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(
            render(&v, 2),
            "{\n  \"a\": 1,\n  \"b\": [\n    {\"x\":[1,2],\"y\":{}},\n    []\n  ],\n  \"c\": {\n    \"d\": \"e\"\n  },\n  \"e\": []\n}"
        );
        for depth in 0..5 {
            let back: serde_json::Value = serde_json::from_str(&render(&v, depth)).unwrap();
            assert_eq!(back, v);
        }
    }
}
