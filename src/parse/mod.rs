//! Parsing: turns decoded input text into a flat outline of headings and
//! blocks, each with spans into the original bytes.
//!
//! One parser per format, chosen with a `match` over the closed [`Format`]
//! set. Parsers do not classify headings or drop debris by vocabulary; the
//! sections stage does that, so every format is treated alike.

pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod text;

use crate::lexicon::Lexicon;
use crate::model::{Block, Debris, DocMeta, Format, Heading};

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
}

/// Parses `src` (the whole decoded file; offsets are byte offsets into it),
/// then applies the structural limits of [`crate::limits`].
pub fn parse(src: &str, format: Format, lx: &Lexicon) -> Result<Parsed, ParseError> {
    let mut parsed = match format {
        Format::Markdown => markdown::parse(src)?,
        Format::Html => html::parse(src),
        Format::Text => text::parse(src, lx),
    };
    crate::limits::bound(&mut parsed);
    Ok(parsed)
}
