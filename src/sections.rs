//! Sections: removes scraping debris, then groups the parsed outline into
//! sections under their headings and gives each a canonical kind from the
//! heading lexicon.
//!
//! This stage only reads vocabulary (`sections`, `debris`); it never looks
//! inside sentences for facts.

use std::collections::HashMap;

use crate::lexicon::Lexicon;
use crate::model::{Block, Debris, DebrisKind, Document, Heading, Section, SectionKind, Text};
use crate::parse::{Node, Parsed};

/// The flag set on a source that declares itself AI-generated.
pub const FLAG_AI_GENERATED: &str = "ai_generated";

/// Longest text that can be an image file name left in the page.
const MAX_IMAGE_NAME_WORDS: usize = 8;

/// Builds the document: debris removed and recorded, sections classified.
pub fn build(parsed: Parsed, lx: &Lexicon) -> Document {
    let mut doc =
        Document { meta: parsed.meta, sections: Vec::new(), debris: parsed.debris, warnings: parsed.warnings };
    let mut current = Section { kind: SectionKind::Overview, heading: None, parents: Vec::new(), blocks: Vec::new() };
    // Enclosing headings as (level, text, kind), outermost first.
    let mut stack: Vec<(u8, String, SectionKind)> = Vec::new();
    let chapters = chapter_kinds(&parsed.nodes, lx);

    for node in parsed.nodes {
        match node {
            Node::Heading(h) => {
                if let Some(kind) = debris_kind(&h.text, lx) {
                    record(&mut doc, kind, &h.text, h.line);
                    continue;
                }
                if doc.meta.title.is_none() {
                    doc.meta.title = Some(h.text.as_str().trim().to_string());
                }
                while stack.last().is_some_and(|(level, ..)| *level >= h.level) {
                    stack.pop();
                }
                let chapter = section_number(h.text.as_str())
                    .and_then(|n| n.split_once('.'))
                    .and_then(|(c, _)| chapters.get(c).copied());
                let kind = classify(&h, &stack, current.kind, current.heading.is_none(), chapter, lx);
                let parents = stack.iter().map(|(_, t, _)| t.clone()).collect();
                stack.push((h.level, h.text.as_str().to_string(), kind));
                let previous =
                    std::mem::replace(&mut current, Section { kind, heading: Some(h), parents, blocks: Vec::new() });
                if previous.heading.is_some() || !previous.blocks.is_empty() {
                    doc.sections.push(previous);
                }
            }
            Node::Block(block) => {
                let text = match &block {
                    Block::Paragraph { text, .. } | Block::ListItem { text, .. } => Some(text),
                    Block::Table { .. } => None,
                };
                if let Some(kind) = text.and_then(|t| debris_kind(t, lx)) {
                    let t = text.cloned().unwrap_or_default();
                    let line = match &block {
                        Block::Paragraph { line, .. } | Block::ListItem { line, .. } | Block::Table { line, .. } => {
                            *line
                        }
                    };
                    record(&mut doc, kind, &t, line);
                    continue;
                }
                current.blocks.push(block);
            }
        }
    }
    if current.heading.is_some() || !current.blocks.is_empty() {
        doc.sections.push(current);
    }
    doc.debris.sort_by_key(|d| d.span);
    doc.meta.flags.sort();
    doc.meta.flags.dedup();
    doc
}

/// A heading's kind: the one the document declares (an SPL section code,
/// an openFDA key), else from its own words, else that of its numbered
/// chapter (`chapter`: "5.1 Serious Infections" under an earlier "5 WARNINGS
/// AND PRECAUTIONS", even where a label files the subsection as
/// unclassified), else a question in a FAQ page is a FAQ entry, else it
/// continues the enclosing (or, in flat text, the previous) section.
fn classify(
    h: &Heading,
    stack: &[(u8, String, SectionKind)],
    previous: SectionKind,
    first: bool,
    chapter: Option<SectionKind>,
    lx: &Lexicon,
) -> SectionKind {
    if let Some(kind) = h.kind.or_else(|| lx.classify_heading(h.text.as_str())).or(chapter) {
        return kind;
    }
    if first && h.level == 1 {
        return SectionKind::Overview;
    }
    if h.text.as_str().trim_end().ends_with('?') {
        return SectionKind::Faq;
    }
    match stack.last() {
        Some((_, _, kind)) if *kind != SectionKind::Overview || h.level > 2 => *kind,
        _ if previous == SectionKind::References => SectionKind::Other,
        _ => previous,
    }
}

fn record(doc: &mut Document, kind: DebrisKind, text: &Text, line: usize) {
    if kind == DebrisKind::Provenance && !doc.meta.flags.iter().any(|f| f == FLAG_AI_GENERATED) {
        doc.meta.flags.push(FLAG_AI_GENERATED.to_string());
    }
    doc.debris.push(Debris { kind, text: text.as_str().to_string(), span: text.span(), line });
}

/// Whether `text`, ASCII-lowercased, ends with `suffix`; without the
/// lowercased copy of every block.
fn ends_with_lower(text: &str, suffix: &str) -> bool {
    let (t, s) = (text.as_bytes(), suffix.as_bytes());
    t.len() >= s.len() && t[t.len() - s.len()..].iter().zip(s).all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// What kind of debris a whole block is, if it is debris: a navigation
/// phrase on its own, an image file name, or a block holding a disclaimer or
/// provenance note.
fn debris_kind(text: &Text, lx: &Lexicon) -> Option<DebrisKind> {
    let t = text.as_str().trim();
    let table = lx.table(lx.id("debris"));
    let mut found = None;
    for m in lx.find("debris", t) {
        match lx.canonical(&m) {
            "navigation" if t.len() == m.end - m.start => return Some(DebrisKind::Navigation),
            "provenance" => return Some(DebrisKind::Provenance),
            "disclaimer" => found = Some(DebrisKind::Disclaimer),
            _ => {}
        }
    }
    if found.is_some() {
        return found;
    }
    let is_image = table.get("image").is_some_and(|row| row.synonyms.iter().any(|ext| ends_with_lower(t, ext)))
        && t.split_whitespace().count() <= MAX_IMAGE_NAME_WORDS;
    is_image.then_some(DebrisKind::Image)
}

/// The kinds of a document's numbered chapters ("5 WARNINGS AND
/// PRECAUTIONS" → precautions), by number, wherever they stand: an openFDA
/// record may file its subsections before their chapter.
fn chapter_kinds(nodes: &[Node], lx: &Lexicon) -> HashMap<String, SectionKind> {
    let mut chapters = HashMap::new();
    for node in nodes {
        let Node::Heading(h) = node else { continue };
        let Some(number) = section_number(h.text.as_str()).filter(|n| !n.contains('.')) else { continue };
        if let Some(kind) = h.kind.or_else(|| lx.classify_heading(h.text.as_str())) {
            chapters.entry(number.to_string()).or_insert(kind);
        }
    }
    chapters
}

/// The section number a heading starts with ("5.1" of "5.1 Serious
/// Infections", "5" of "5 WARNINGS"), if any.
fn section_number(heading: &str) -> Option<&str> {
    let t = heading.trim_start();
    let len = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let number = t[..len].trim_end_matches('.');
    let spaced = t[len..].starts_with(char::is_whitespace);
    (!number.is_empty() && number.starts_with(|c: char| c.is_ascii_digit()) && spaced).then_some(number)
}
