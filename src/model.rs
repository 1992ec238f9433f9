//! The document model every stage shares: spans into the original bytes,
//! plain text with a map back to those bytes, sections and blocks.
//!
//! This module owns no behaviour beyond offset bookkeeping and the slug
//! that names a drug in file names and ids; parsers build these values and
//! later stages only read them.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A half-open byte range into the original input file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The bytes this span covers in `src`.
    pub fn slice<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        &src[self.start..self.end]
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One run of plain text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    plain: Range<usize>,
    raw: Span,
    /// The plain bytes equal the raw bytes one for one, so offsets inside
    /// the piece map linearly. Decoded entities and inserted separators do not.
    verbatim: bool,
}

/// Text as an extractor reads it (markup removed, entities decoded), with a
/// map from every plain byte back to the raw input.
///
/// Evidence offsets come from [`Text::raw_span`], so a claim always points at
/// the exact bytes of the original file even when the plain text differs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    plain: String,
    pieces: Vec<Piece>,
}

impl Text {
    /// An empty text.
    pub fn new() -> Text {
        Text::default()
    }

    /// A text that is exactly the raw bytes at `start`.
    pub fn verbatim(raw: &str, start: usize) -> Text {
        let mut text = Text::new();
        text.push_verbatim(raw, start);
        text
    }

    /// Appends text that appears byte for byte in the input at `start`.
    pub fn push_verbatim(&mut self, raw: &str, start: usize) {
        if raw.is_empty() {
            return;
        }
        let at = self.plain.len();
        self.plain.push_str(raw);
        self.pieces.push(Piece {
            plain: at..self.plain.len(),
            raw: Span::new(start, start + raw.len()),
            verbatim: true,
        });
    }

    /// Appends text decoded from `raw` (an entity, an escape): any part of it
    /// maps to the whole raw span.
    pub fn push_decoded(&mut self, decoded: &str, raw: Span) {
        if decoded.is_empty() {
            return;
        }
        let at = self.plain.len();
        self.plain.push_str(decoded);
        self.pieces.push(Piece { plain: at..self.plain.len(), raw, verbatim: false });
    }

    /// Appends a separator that has no bytes of its own in the input (a space
    /// between two text nodes). It maps to the end of the previous piece.
    pub fn push_separator(&mut self, sep: &str) {
        let at = self.raw_end();
        self.push_decoded(sep, Span::new(at, at));
    }

    /// Appends another text.
    pub fn append(&mut self, other: &Text) {
        let shift = self.plain.len();
        self.plain.push_str(&other.plain);
        self.pieces.extend(other.pieces.iter().map(|p| Piece {
            plain: p.plain.start + shift..p.plain.end + shift,
            raw: p.raw,
            verbatim: p.verbatim,
        }));
    }

    /// The plain text.
    pub fn as_str(&self) -> &str {
        &self.plain
    }

    /// True when there is no plain text.
    pub fn is_empty(&self) -> bool {
        self.plain.is_empty()
    }

    /// The raw span covering all of this text.
    pub fn span(&self) -> Span {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(first), Some(last)) => Span::new(first.raw.start, last.raw.end.max(first.raw.start)),
            _ => Span::default(),
        }
    }

    fn raw_end(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.raw.end)
    }

    /// Maps a byte range of the plain text to the smallest raw span holding it.
    ///
    /// The range is first shrunk to plain bytes that came from the input, so
    /// leading or trailing separators never widen the span.
    pub fn raw_span(&self, plain: Range<usize>) -> Span {
        let start = self.pieces.iter().find(|p| p.plain.end > plain.start && !p.raw.is_empty()).map(|p| {
            if p.verbatim && plain.start >= p.plain.start {
                p.raw.start + (plain.start - p.plain.start)
            } else {
                p.raw.start
            }
        });
        let end = self.pieces.iter().rev().find(|p| p.plain.start < plain.end && !p.raw.is_empty()).map(|p| {
            if p.verbatim && plain.end <= p.plain.end { p.raw.start + (plain.end - p.plain.start) } else { p.raw.end }
        });
        match (start, end) {
            (Some(s), Some(e)) if s <= e => Span::new(s, e),
            (Some(s), _) => Span::new(s, s),
            _ => Span::default(),
        }
    }

    /// Calls `f` with every verbatim run as `(plain text, raw span)`; used by
    /// tests to check that the plain text really comes from the input.
    pub fn for_each_verbatim(&self, mut f: impl FnMut(&str, Span)) {
        for p in self.pieces.iter().filter(|p| p.verbatim) {
            f(&self.plain[p.plain.clone()], p.raw);
        }
    }

    /// A copy of `range` of the plain text, keeping the map.
    pub fn slice(&self, range: Range<usize>) -> Text {
        let mut out = Text::new();
        // Sized once: the copy is exactly this long, and grown piece by
        // piece it was reallocated and copied again several times.
        out.plain.reserve(range.end.min(self.plain.len()).saturating_sub(range.start));
        for p in &self.pieces {
            let lo = p.plain.start.max(range.start);
            let hi = p.plain.end.min(range.end);
            if lo >= hi {
                continue;
            }
            let s = &self.plain[lo..hi];
            if p.verbatim {
                out.push_verbatim(s, p.raw.start + (lo - p.plain.start));
            } else {
                out.push_decoded(s, p.raw);
            }
        }
        out
    }

    /// This text without leading and trailing whitespace, reusing it when
    /// it has none (most lines and blocks), so nothing is copied.
    pub fn into_trimmed(self) -> Text {
        let s = &self.plain;
        if !s.starts_with(char::is_whitespace) && !s.ends_with(char::is_whitespace) {
            return self;
        }
        self.trimmed()
    }

    /// A copy without leading and trailing whitespace.
    pub fn trimmed(&self) -> Text {
        let s = &self.plain;
        let start = s.len() - s.trim_start().len();
        let end = s.trim_end().len();
        if start >= end {
            return Text::new();
        }
        self.slice(start..end)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.plain)
    }
}

/// Input format, detected from content (SPEC §1). A closed set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Markdown, usually with YAML front matter.
    Markdown,
    /// An HTML page.
    Html,
    /// Plain prose, as scraped web articles and FAQ pages are.
    Text,
    /// An HL7 SPL drug label (XML, root `document` in `urn:hl7-org:v3`).
    Spl,
    /// An openFDA drug/label JSON record (or an array, an API response or
    /// JSON Lines of records).
    Openfda,
}

impl Format {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Text => "text",
            Format::Spl => "spl",
            Format::Openfda => "openfda",
        }
    }
}

/// Canonical section kinds (SPEC §3 `evidence.section`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Introduction, summary, what the drug is.
    Overview,
    /// Indications and uses.
    Uses,
    /// Dosage and administration.
    Dosage,
    /// Side effects and risks.
    SideEffects,
    /// Mechanism of action.
    Mechanism,
    /// Warnings and precautions.
    Precautions,
    /// Contraindications.
    Contraindications,
    /// Drug interactions.
    Interactions,
    /// Pharmacokinetics.
    Pharmacokinetics,
    /// Legal and regulatory status.
    Legal,
    /// Frequently asked questions.
    Faq,
    /// Reference lists.
    References,
    /// Anything else.
    Other,
}

impl SectionKind {
    /// Every kind, in declaration order.
    pub const ALL: [SectionKind; 13] = [
        SectionKind::Overview,
        SectionKind::Uses,
        SectionKind::Dosage,
        SectionKind::SideEffects,
        SectionKind::Mechanism,
        SectionKind::Precautions,
        SectionKind::Contraindications,
        SectionKind::Interactions,
        SectionKind::Pharmacokinetics,
        SectionKind::Legal,
        SectionKind::Faq,
        SectionKind::References,
        SectionKind::Other,
    ];

    /// The snake_case name used in output and data files.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Overview => "overview",
            SectionKind::Uses => "uses",
            SectionKind::Dosage => "dosage",
            SectionKind::SideEffects => "side_effects",
            SectionKind::Mechanism => "mechanism",
            SectionKind::Precautions => "precautions",
            SectionKind::Contraindications => "contraindications",
            SectionKind::Interactions => "interactions",
            SectionKind::Pharmacokinetics => "pharmacokinetics",
            SectionKind::Legal => "legal",
            SectionKind::Faq => "faq",
            SectionKind::References => "references",
            SectionKind::Other => "other",
        }
    }

    /// Parses a snake_case name.
    pub fn from_name(name: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A heading: a real one (`#`, `<h2>`), a pseudo-heading (`**Label:**`) or an
/// unmarked heading line in prose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 for the page title, 2.. for nested headings; pseudo-headings sit
    /// one level below the heading they follow.
    pub level: u8,
    /// The heading text, markup removed.
    pub text: Text,
    /// Where the heading text is in the input.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// The section kind the document itself declares for this heading (an
    /// SPL LOINC section code, an openFDA section key); `None` leaves the
    /// kind to the heading's words.
    #[serde(skip)]
    pub kind: Option<SectionKind>,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Cell text.
    pub text: Text,
    /// Where the cell is in the input.
    pub span: Span,
}

/// A unit of body text inside a section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of prose.
    Paragraph {
        /// Paragraph text.
        text: Text,
        /// Where it is in the input.
        span: Span,
        /// 1-based line of `span.start`.
        line: usize,
    },
    /// One list item; nested lists give separate items with a deeper level.
    ListItem {
        /// Item text without the bullet or number.
        text: Text,
        /// Where it is in the input.
        span: Span,
        /// 1-based line of `span.start`.
        line: usize,
        /// Nesting depth, 1 for a top-level item.
        level: u8,
    },
    /// A table: header cells and rows of cells.
    Table {
        /// Header cells, empty when the table has none.
        header: Vec<Cell>,
        /// Data rows.
        rows: Vec<Vec<Cell>>,
        /// Where the whole table is in the input.
        span: Span,
        /// 1-based line of `span.start`.
        line: usize,
    },
}

impl Block {
    /// Where the block is in the input.
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph { span, .. } | Block::ListItem { span, .. } | Block::Table { span, .. } => *span,
        }
    }
}

/// A run of blocks under one heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Canonical kind of the section, from the heading lexicon.
    pub kind: SectionKind,
    /// The heading that opens the section; `None` for text before any heading.
    pub heading: Option<Heading>,
    /// Texts of the enclosing headings, outermost first (without this one).
    pub parents: Vec<String>,
    /// Body blocks in document order.
    pub blocks: Vec<Block>,
}

/// What kind of scraping debris was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DebrisKind {
    /// Page-builder navigation text (`top of page`).
    Navigation,
    /// An image file name left in the text.
    Image,
    /// A disclaimer ("for educational purposes only").
    Disclaimer,
    /// A provenance note ("AI-generated or crowd-sourced").
    Provenance,
    /// Markup that carries no content (script, style, nav, cookie banner).
    Markup,
}

/// Text removed from the document and not extracted from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Debris {
    /// What it is.
    pub kind: DebrisKind,
    /// The removed text (possibly shortened for markup).
    pub text: String,
    /// Where it was.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
}

/// Metadata a parser finds in the document itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocMeta {
    /// Title: front matter `title`, `<title>`/first `h1`, or the first line.
    pub title: Option<String>,
    /// Flat front-matter fields (scalars only), sorted by key.
    pub front_matter: BTreeMap<String, String>,
    /// Flags such as `ai_generated`, sorted.
    pub flags: Vec<String>,
    /// What a regulatory label (SPL, openFDA) says about itself and its
    /// products; `None` for other documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<LabelMeta>,
}

/// Identity and provenance a drug label declares in its structured data
/// (SPL `manufacturedProduct`, `setId`, `versionNumber`, `effectiveTime`;
/// openFDA `openfda`, `set_id`, `version`, `effective_time`). Lists keep
/// document order without duplicates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LabelMeta {
    /// The label's set id (stable across versions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_id: Option<String>,
    /// The label's version number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Effective date as written (`YYYYMMDD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<String>,
    /// Generic (non-proprietary) names, as written.
    pub generic_names: Vec<String>,
    /// Brand (proprietary) names, as written.
    pub brand_names: Vec<String>,
    /// Active ingredients with their strength (`ADALIMUMAB 40 mg/0.8 mL`).
    pub active_ingredients: Vec<String>,
    /// Routes of administration, as written.
    pub routes: Vec<String>,
    /// Dosage forms, as written.
    pub dosage_forms: Vec<String>,
    /// Product and package NDC codes.
    pub ndcs: Vec<String>,
    /// Inactive ingredients (excipients), as written.
    pub inactive_ingredients: Vec<String>,
    /// The labeler: the organization that publishes the label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labeler: Option<String>,
}

impl LabelMeta {
    /// Appends `value` to `list` unless it is empty or already there.
    pub fn add(list: &mut Vec<String>, value: &str) {
        let value = value.trim();
        if !value.is_empty() && !list.iter().any(|v| v == value) {
            list.push(value.to_string());
        }
    }
}

/// A parsed document: what one input says, as sections of blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Metadata found in the document.
    pub meta: DocMeta,
    /// Sections in document order.
    pub sections: Vec<Section>,
    /// Removed debris in document order.
    pub debris: Vec<Debris>,
    /// Non-fatal problems met while parsing.
    pub warnings: Vec<String>,
}

/// Maps byte offsets to 1-based line numbers.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `src`.
    pub fn new(src: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The file name of a drug's monograph: a lowercase ASCII slug. Conflict
/// ids use it too, for their subject.
pub fn drug_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let mut slug: String = slug.chars().take(80).collect();
    if slug.is_empty() {
        slug.push_str("unknown");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_span_maps_through_decoded_pieces() {
        // "a &amp; b" -> "a & b"
        let mut t = Text::new();
        t.push_verbatim("a ", 10);
        t.push_decoded("&", Span::new(12, 17));
        t.push_verbatim(" b", 17);
        assert_eq!(t.as_str(), "a & b");
        assert_eq!(t.raw_span(0..1), Span::new(10, 11));
        assert_eq!(t.raw_span(2..3), Span::new(12, 17));
        assert_eq!(t.raw_span(0..5), Span::new(10, 19));
        assert_eq!(t.raw_span(4..5), Span::new(18, 19));
    }

    #[test]
    fn separators_never_widen_a_span() {
        let mut t = Text::new();
        t.push_verbatim("one", 0);
        t.push_separator(" ");
        t.push_verbatim("two", 20);
        assert_eq!(t.as_str(), "one two");
        assert_eq!(t.raw_span(4..7), Span::new(20, 23));
        assert_eq!(t.raw_span(0..4), Span::new(0, 3));
    }

    #[test]
    fn slice_and_trim_keep_the_map() {
        let t = Text::verbatim("  hello world ", 100);
        let tt = t.trimmed();
        assert_eq!(tt.as_str(), "hello world");
        assert_eq!(tt.span(), Span::new(102, 113));
        let w = tt.slice(6..11);
        assert_eq!(w.span(), Span::new(108, 113));
        assert_eq!(t.clone().into_trimmed(), tt);
        assert_eq!(tt.clone().into_trimmed(), tt);
    }

    #[test]
    fn line_index_is_one_based() {
        let li = LineIndex::new(b"a\nb\nc");
        assert_eq!(li.line(0), 1);
        assert_eq!(li.line(1), 1);
        assert_eq!(li.line(2), 2);
        assert_eq!(li.line(4), 3);
    }
}
