//! Drug identity of a document: which drug it is about, what else it calls
//! it, and which related products it mentions.
//!
//! ## What it extracts
//! The canonical name from the `drugs` table: the first drug named in the
//! title, else in the first heading, else the drug named most often outside
//! interactions sections, else the title without its bracket.
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

use serde::{Deserialize, Serialize};

use super::units::Unit;
use crate::lexicon::{Lexicon, TableId, TermMatch};
use crate::model::{Block, Document, Section, SectionKind, Text};

/// The drug a document is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrugIdentity {
    /// Canonical name.
    pub name: String,
    /// Other names found in the document, as written.
    pub aliases: Vec<String>,
    /// Related products mentioned (canonical names).
    pub related: Vec<String>,
    /// For a combination product, its components (canonical names where
    /// the lexicon knows them), sorted; empty for a single drug.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
}

/// Every text of a section in order: heading, paragraphs, items, cells.
fn section_texts(s: &Section) -> impl Iterator<Item = &Text> {
    s.heading.iter().map(|h| &h.text).chain(s.blocks.iter().flat_map(block_texts))
}

/// The texts of a block: a paragraph's or item's, a table's cells.
fn block_texts(b: &Block) -> Box<dyn Iterator<Item = &Text> + '_> {
    match b {
        Block::Paragraph { text, .. } | Block::ListItem { text, .. } => Box::new(std::iter::once(text)),
        Block::Table { header, rows, .. } => Box::new(header.iter().chain(rows.iter().flatten()).map(|c| &c.text)),
    }
}

/// Whether drugs named in a section of `kind` count towards which drug the
/// page is about: an interactions section names other drugs ("using
/// alcohol or tobacco with certain medicines" on every page of a site).
fn counts_mentions(kind: SectionKind) -> bool {
    kind != SectionKind::Interactions
}

/// Identifies the drug of `doc`.
pub fn identify_drug(doc: &Document, _src: &str, lx: &Lexicon) -> DrugIdentity {
    let drugs = lx.id("drugs");
    let mut named = Vec::new();
    for section in &doc.sections {
        let counted = counts_mentions(section.kind);
        for text in section_texts(section) {
            name_found(text.as_str(), &lx.find_in(drugs, text.as_str()), counted, &mut named);
        }
    }
    decide(doc, lx, &named)
}

/// [`identify_drug`] from the document's units, whose scans already hold
/// the drugs named in nearly every text: a text is looked through again
/// only when no unit holds it whole (a table header) or when it holds a
/// drug's form that cutting it into units may break (see
/// [`Lexicon::has_cuttable_form`]). The units must be `units(doc, lx)`.
pub(crate) fn identify_drug_in_units(doc: &Document, units: &[Unit], lx: &Lexicon) -> DrugIdentity {
    let drugs = lx.id("drugs");
    let mut named = Vec::new();
    let from_units = |pieces, counted, named: &mut _| named_in_units(pieces, drugs, counted, named);
    // Walks the document in the order of `texts` and numbers blocks the
    // way `units::units` does, so each text meets its own units.
    let mut next = 0;
    let mut block_no = 0;
    for section in &doc.sections {
        let counted = counts_mentions(section.kind);
        if section.heading.is_some() {
            from_units(units_of(units, &mut next, block_no), counted, &mut named);
            block_no += 1;
        }
        for block in &section.blocks {
            match block {
                Block::Paragraph { text, .. } | Block::ListItem { text, .. } => {
                    let pieces = units_of(units, &mut next, block_no);
                    // One unit as long as the trimmed text is the trimmed
                    // text: nothing was cut, nothing needs checking.
                    let whole = matches!(pieces, [u] if u.text.as_str().len() == text.as_str().trim().len());
                    if !whole && lx.has_cuttable_form(drugs, text.as_str()) {
                        name_found(text.as_str(), &lx.find_in(drugs, text.as_str()), counted, &mut named);
                    } else {
                        from_units(pieces, counted, &mut named);
                    }
                }
                Block::Table { header, rows, .. } => {
                    for cell in header {
                        name_found(cell.text.as_str(), &lx.find_in(drugs, cell.text.as_str()), counted, &mut named);
                    }
                    for _ in rows {
                        from_units(units_of(units, &mut next, block_no), counted, &mut named);
                        block_no += 1;
                    }
                }
            }
            block_no += 1;
        }
    }
    decide(doc, lx, &named)
}

/// The units of block `block` from `*next` on; moves `*next` past them.
fn units_of<'u>(units: &'u [Unit], next: &mut usize, block: usize) -> &'u [Unit] {
    let count = units[*next..].iter().take_while(|u| u.block == block).count();
    let pieces = &units[*next..*next + count];
    *next += count;
    pieces
}

/// A drug named in a document: its row of `drugs`, the surface form as
/// written, and whether the mention counts towards the page's drug (see
/// [`counts_mentions`]).
type Named<'a> = (usize, &'a str, bool);

/// Adds the drugs `found` in `text` to `named`, in text order.
fn name_found<'a>(text: &'a str, found: &[TermMatch], counted: bool, named: &mut Vec<Named<'a>>) {
    named.extend(found.iter().map(|m| (m.row, &text[m.start..m.end], counted)));
}

/// [`name_found`] for the drugs in the scans of `pieces`.
fn named_in_units<'a>(pieces: &'a [Unit], drugs: TableId, counted: bool, named: &mut Vec<Named<'a>>) {
    for u in pieces {
        let text = u.text.as_str();
        named.extend(u.scan.of(drugs).map(|m| (m.row, &text[m.start..m.end], counted)));
    }
}

/// The name a title gives when it names no known drug: the title without
/// a bracket ("Cholera vaccine (oral route)" → `cholera vaccine`).
fn title_name(title: &str) -> Option<String> {
    let head = title.split(['(', '[']).next().unwrap_or_default().trim();
    (!head.is_empty()).then(|| head.to_lowercase())
}

/// Most words of a title that names a drug: a longer one is a headline.
const MAX_TITLE_NAME_WORDS: usize = 6;

/// Fewest times the page repeats a title for it to name the drug.
const MIN_TITLE_REPEATS: usize = 2;

/// [`title_name`] of `title` when the page's texts repeat it.
fn repeated_title(doc: &Document, title: &str) -> Option<String> {
    let name = title_name(title).filter(|n| n.split_whitespace().count() <= MAX_TITLE_NAME_WORDS)?;
    let mut repeats = 0;
    for text in doc.sections.iter().flat_map(|s| s.blocks.iter().flat_map(block_texts)) {
        repeats += text.as_str().to_lowercase().matches(name.as_str()).count();
        if repeats >= MIN_TITLE_REPEATS {
            return Some(name);
        }
    }
    None
}

/// The identity from every drug named in the document, in text order.
fn decide(doc: &Document, lx: &Lexicon, named: &[Named<'_>]) -> DrugIdentity {
    let drugs = lx.id("drugs");
    let is_drug = |row: &crate::lexicon::Row| row.attr("type") != Some("class");
    let is_main = |row: &crate::lexicon::Row| is_drug(row) && row.attr("parent").is_none();
    // A title or first heading names what the page is about, a related
    // product ("Esketamine drug monograph") included; counted mentions
    // prefer main drugs, since pages about a drug name its relatives too.
    let first_in = |text: &str| -> Option<String> {
        lx.find_in(drugs, text).iter().map(|m| lx.row(m)).find(|r| is_drug(r)).map(|r| r.canonical.clone())
    };
    // Per row of `drugs` named at all: how often it is named as a main
    // drug. Canonical names are copied once per named row, not per match.
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    let mut related_only: BTreeMap<&str, usize> = BTreeMap::new();
    for &(row, _, counted) in named {
        if !counted {
            continue;
        }
        let row_data = &lx.table(drugs).rows()[row];
        *counts.entry(row).or_default() += usize::from(is_main(row_data));
        if is_drug(row_data) && !is_main(row_data) {
            *related_only.entry(row_data.canonical.as_str()).or_default() += 1;
        }
    }
    let surfaces = named;
    // By canonical name, as the choice of the most named drug and the
    // order of related products require.
    let mut counts: Vec<(&str, usize)> =
        counts.into_iter().map(|(r, n)| (lx.table(drugs).rows()[r].canonical.as_str(), n)).collect();
    counts.sort_unstable_by_key(|&(name, _)| name);
    let first_heading = doc.sections.iter().find_map(|s| s.heading.as_ref()).map(|h| h.text.as_str().to_string());
    let label = doc.meta.label.as_ref();
    // A label's structured data names its drug: the generic names, then the
    // active ingredients (a combination product is named by its first).
    let declared = label.and_then(|l| l.generic_names.iter().chain(&l.active_ingredients).find_map(|n| first_in(n)));
    // "Hydrocodone and acetaminophen (oral route)" is a product of its own:
    // filed under its first component, its doses would dispute the
    // single drug's.
    let title = doc.meta.title.as_deref().or(first_heading.as_deref());
    // The title first: reading the page for "combination" costs a pass
    // over its text, worth it only for a title that names one.
    let components = match (&declared, title) {
        (None, Some(t)) => {
            Some(combination(lx, t)).filter(|c| !c.is_empty() && says_combination(doc)).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let combined = (!components.is_empty()).then(|| join_components(&components));
    let name = declared
        .or(combined)
        .or_else(|| doc.meta.title.as_deref().and_then(first_in))
        .or_else(|| first_heading.as_deref().and_then(first_in))
        // A title naming a drug the lexicon does not know, which the page
        // repeats ("Cholera vaccine (oral route)" over "Cholera vaccine is
        // used …"), wins over drugs its warnings name more often.
        .or_else(|| title.and_then(|t| repeated_title(doc, t)))
        .or_else(|| {
            counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .max_by_key(|(name, n)| (*n, std::cmp::Reverse(*name)))
                .map(|(k, _)| k.to_string())
        })
        // Only related products named: the most named of them.
        .or_else(|| {
            related_only.iter().max_by_key(|(name, n)| (**n, std::cmp::Reverse(**name))).map(|(k, _)| k.to_string())
        })
        .or_else(|| title.and_then(title_name))
        .unwrap_or_else(|| "unknown".to_string());

    // The first surface form as written of each lowercase form of the
    // drug's own rows (a surface form is only found for the row that has it).
    let lower_name = name.to_lowercase();
    let mut firsts: BTreeMap<String, &str> = BTreeMap::new();
    for &(row, surface, _) in surfaces {
        if lx.table(drugs).rows()[row].canonical == name {
            let lower = surface.to_lowercase();
            if lower != lower_name {
                firsts.entry(lower).or_insert(surface);
            }
        }
    }
    let mut aliases: Vec<String> = firsts.into_values().map(str::to_string).collect();
    // A label's brand names are aliases of its drug even when the lexicon
    // does not know them.
    if let Some(l) = label {
        aliases.extend(l.brand_names.iter().filter(|b| !b.eq_ignore_ascii_case(&name)).cloned());
    }
    aliases.sort();
    aliases.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let related: Vec<String> = counts
        .iter()
        .filter(|(k, _)| lx.table(drugs).get(k).and_then(|r| r.attr("parent")) == Some(name.as_str()))
        .map(|(k, _)| k.to_string())
        .collect();
    DrugIdentity { name, aliases, related, components }
}

/// Whether the page calls its product a combination ("Hydrocodone and
/// acetaminophen combination is used …"): a title naming two drugs may
/// compare them or warn about mixing them ("Ketamine and alcohol").
fn says_combination(doc: &Document) -> bool {
    doc.sections
        .iter()
        .flat_map(|s| s.blocks.iter().flat_map(block_texts))
        .any(|t| t.as_str().to_ascii_lowercase().contains("combination"))
}

/// Words and marks that join the components of a combination's name.
/// Language, not domain knowledge.
const COMBINATION_JOINS: &[&str] = &[",", " and ", " with ", " plus ", " & ", "/", " + "];

/// Tables whose terms are never a component of a combination's name.
const NOT_COMPONENTS: &[&str] = &["conditions", "side_effects", "routes", crate::lexicon::TERMINOLOGY_TABLE];

/// The components of a combination product a title names ("Hydrocodone
/// and acetaminophen (oral route)", "Butalbital, aspirin, caffeine, and
/// codeine"): the title without its bracket, cut at [`COMBINATION_JOINS`],
/// where at least one part is wholly a drug of the lexicon and none is a
/// class, a related product ("Ketamine and esketamine" compares two
/// products) or a term of another table ("Ketamine and depression"). Parts
/// the lexicon does not know keep their words. Empty when the title names
/// no combination; the caller asks the page to call it one.
fn combination(lx: &Lexicon, title: &str) -> Vec<String> {
    let Some(head) = title_name(title) else { return Vec::new() };
    let drugs = lx.id("drugs");
    let mut parts = vec![head.as_str()];
    for join in COMBINATION_JOINS {
        parts = parts.iter().flat_map(|p| p.split(join)).collect();
    }
    let parts: Vec<&str> = parts.into_iter().map(str::trim).filter(|p| !p.is_empty() && *p != "and").collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let mut known = 0;
    let mut components = Vec::new();
    for part in &parts {
        let whole = |table| lx.find_in(table, part).into_iter().find(|m| m.start == 0 && m.end == part.len());
        match whole(drugs).map(|m| lx.row(&m)) {
            Some(row) if row.attr("type") != Some("class") && row.attr("parent").is_none() => {
                known += 1;
                components.push(row.canonical.clone());
            }
            Some(_) => return Vec::new(),
            None if NOT_COMPONENTS.iter().any(|t| whole(lx.id(t)).is_some()) => return Vec::new(),
            None => components.push((*part).to_string()),
        }
    }
    // "Nirmatrelvir and ritonavir": the lexicon's row for the first is the
    // combination itself (`nirmatrelvir/ritonavir`), which holds the second.
    let whole: Vec<String> = components.iter().filter(|c| c.contains('/')).cloned().collect();
    components.retain(|c| !whole.iter().any(|w| w != c && w.split('/').any(|part| part == c)));
    components.sort();
    components.dedup();
    if known < 1 || components.len() < 2 {
        return Vec::new();
    }
    components
}

/// The name of a combination from its sorted components: "a and b", "a, b
/// and c".
fn join_components(components: &[String]) -> String {
    match components {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
