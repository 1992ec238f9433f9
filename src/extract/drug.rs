//! Drug identity of a document: which drug it is about, what else it calls
//! it, and which related products it mentions.
//!
//! ## What it extracts
//! The canonical name from the `drugs` table: the first drug named in the
//! title, else in the first heading, else the drug named most often.
//! Aliases are the row's other surface forms found in the text; related
//! products are rows whose `parent` is the drug.
//!
//! ## Example input
//! Front matter `title: Ketamine` → `ketamine`; "often referred to as
//! “Special K”" → alias `Special K`.
//!
//! ## Not extracted
//! Drug classes (`benzodiazepines`) never identify a document.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::lexicon::Lexicon;
use crate::model::{Block, Document, Text};

/// The drug a document is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DrugIdentity {
    /// Canonical name.
    pub name: String,
    /// Other names found in the document, as written.
    pub aliases: Vec<String>,
    /// Related products mentioned (canonical names).
    pub related: Vec<String>,
}

/// Every text of a document in order: headings, paragraphs, items, cells.
pub(crate) fn texts(doc: &Document) -> impl Iterator<Item = &Text> {
    doc.sections.iter().flat_map(|s| {
        s.heading.iter().map(|h| &h.text).chain(s.blocks.iter().flat_map(|b| -> Box<dyn Iterator<Item = &Text>> {
            match b {
                Block::Paragraph { text, .. } | Block::ListItem { text, .. } => Box::new(std::iter::once(text)),
                Block::Table { header, rows, .. } => {
                    Box::new(header.iter().chain(rows.iter().flatten()).map(|c| &c.text))
                }
            }
        }))
    })
}

/// Identifies the drug of `doc`.
pub fn identify_drug(doc: &Document, _src: &str, lx: &Lexicon) -> DrugIdentity {
    let drugs = lx.id("drugs");
    let is_main = |row: &crate::lexicon::Row| row.attr("type") != Some("class") && row.attr("parent").is_none();
    let first_in = |text: &str| -> Option<String> {
        lx.find_in(drugs, text).iter().map(|m| lx.row(m)).find(|r| is_main(r)).map(|r| r.canonical.clone())
    };
    // Per row of `drugs` named at all: how often it is named as a main
    // drug; and every surface form found, as written and in text order.
    // Canonical names are copied once per named row at the end, not once
    // per match.
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    let mut surfaces: Vec<(usize, &str)> = Vec::new();
    for text in texts(doc) {
        let t = text.as_str();
        for m in &lx.find_in(drugs, t) {
            *counts.entry(m.row).or_default() += usize::from(is_main(lx.row(m)));
            surfaces.push((m.row, &t[m.start..m.end]));
        }
    }
    // By canonical name, as the choice of the most named drug and the
    // order of related products require.
    let mut counts: Vec<(&str, usize)> =
        counts.into_iter().map(|(r, n)| (lx.table(drugs).rows()[r].canonical.as_str(), n)).collect();
    counts.sort_unstable_by_key(|&(name, _)| name);
    let first_heading = doc.sections.iter().find_map(|s| s.heading.as_ref()).map(|h| h.text.as_str().to_string());
    let name = doc
        .meta
        .title
        .as_deref()
        .and_then(first_in)
        .or_else(|| first_heading.as_deref().and_then(first_in))
        .or_else(|| {
            counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .max_by_key(|(name, n)| (*n, std::cmp::Reverse(*name)))
                .map(|(k, _)| k.to_string())
        })
        .or_else(|| doc.meta.title.as_deref().map(|t| t.trim().to_lowercase()))
        .unwrap_or_else(|| "unknown".to_string());

    // The first surface form as written of each lowercase form of the
    // drug's own rows (a surface form is only found for the row that has it).
    let lower_name = name.to_lowercase();
    let mut firsts: BTreeMap<String, &str> = BTreeMap::new();
    for &(row, surface) in &surfaces {
        if lx.table(drugs).rows()[row].canonical == name {
            let lower = surface.to_lowercase();
            if lower != lower_name {
                firsts.entry(lower).or_insert(surface);
            }
        }
    }
    let mut aliases: Vec<String> = firsts.into_values().map(str::to_string).collect();
    aliases.sort();
    aliases.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let related: Vec<String> = counts
        .iter()
        .filter(|(k, _)| lx.table(drugs).get(k).and_then(|r| r.attr("parent")) == Some(name.as_str()))
        .map(|(k, _)| k.to_string())
        .collect();
    DrugIdentity { name, aliases, related }
}
