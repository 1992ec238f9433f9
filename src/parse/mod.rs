//! Parsing: turns decoded input text into a flat outline of headings and
//! blocks, each with spans into the original bytes.
//!
//! One parser per format, chosen with a `match` over the closed [`Format`]
//! set. Parsers do not classify headings or drop debris by vocabulary; the
//! sections stage does that, so every format is treated alike.

mod align;
mod bounds;
pub(crate) mod html;
pub(crate) mod markdown;
mod openfda;
mod spl;
mod table;
pub(crate) mod text;

use crate::lexicon::{Lexicon, Row};
use crate::model::{Block, Debris, DocMeta, Format, Heading, SectionKind};

/// One element of a document outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A heading or pseudo-heading.
    Heading(Heading),
    /// A body block.
    Block(Block),
}

/// What a parser returns: metadata, the outline, and what it dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Metadata found in the document (title, front matter).
    pub meta: DocMeta,
    /// Headings and blocks in document order.
    pub nodes: Vec<Node>,
    /// Markup dropped by the parser (scripts, navigation, banners).
    pub debris: Vec<Debris>,
    /// Non-fatal problems.
    pub warnings: Vec<String>,
}

/// A document that cannot be parsed at all.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The YAML front matter is malformed.
    #[error("malformed front matter at line {line}: {msg}")]
    FrontMatter {
        /// 1-based line in the file.
        line: usize,
        /// What the YAML parser said.
        msg: String,
    },
    /// An SPL file that is not well-formed XML.
    #[error("malformed XML at line {line}, column {column}: {msg}")]
    Xml {
        /// 1-based line in the file.
        line: usize,
        /// 1-based column (in characters) in that line.
        column: usize,
        /// What is wrong.
        msg: String,
    },
    /// An openFDA file that is not valid JSON (or JSON Lines).
    #[error("malformed JSON at line {line}, column {column}: {msg}")]
    Json {
        /// 1-based line in the file.
        line: usize,
        /// 1-based column (in characters) in that line.
        column: usize,
        /// What the JSON parser said.
        msg: String,
    },
    /// Well-formed JSON that holds no openFDA label record.
    #[error("JSON holds no openFDA drug label record (an object with `openfda` or label section keys)")]
    NotALabel,
}

/// The row of `label_sections.tsv` for an openFDA section key or an SPL
/// LOINC section code, compared whole (ASCII case ignored).
pub(crate) fn label_section<'l>(lx: &'l Lexicon, key: &str) -> Option<&'l Row> {
    let key = key.trim();
    lx.table(lx.id("label_sections"))
        .rows()
        .iter()
        .find(|r| r.canonical.eq_ignore_ascii_case(key) || r.synonyms.iter().any(|s| s.eq_ignore_ascii_case(key)))
}

/// The section kind a label section row declares (`kind=`).
pub(crate) fn label_kind(row: &Row) -> Option<SectionKind> {
    row.attr("kind").and_then(SectionKind::from_name)
}

/// The JSON string content `raw` decoded: what a quote's text is when its
/// span lies inside a JSON string literal (format `openfda`); `None` when
/// `raw` is not valid string content.
pub fn decode_json_literal(raw: &str) -> Option<String> {
    openfda::decode_literal(raw)
}

/// The 1-based line and column (in characters) of byte `at` of `src`.
pub(crate) fn line_column(src: &str, at: usize) -> (usize, usize) {
    let at = src.floor_char_boundary(at.min(src.len()));
    let before = &src[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// Parses `src` (the whole decoded file; offsets are byte offsets into it),
/// then applies the structural limits of [`crate::limits`] ([`bounds::bound`]).
pub fn parse(src: &str, format: Format, lx: &Lexicon) -> Result<Parsed, ParseError> {
    let mut parsed = match format {
        Format::Markdown => markdown::parse(src)?,
        Format::Html => html::parse(src),
        Format::Text => text::parse(src, lx),
        Format::Spl => spl::parse(src, lx)?,
        Format::Openfda => openfda::parse(src, lx)?,
    };
    if format == Format::Html {
        // A table without a marked header may carry it in its first rows.
        for node in &mut parsed.nodes {
            if let Node::Block(Block::Table { header, rows, span, line }) = node
                && header.is_empty()
            {
                *node = Node::Block(table::block(Vec::new(), std::mem::take(rows), *span, *line));
            }
        }
    }
    bounds::bound(&mut parsed);
    Ok(parsed)
}
