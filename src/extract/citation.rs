//! Citations.
//!
//! ## What it extracts
//! Each item of a references section parsed into authors, title, journal,
//! year, volume, issue, pages and DOI (validated, lower-cased); elsewhere,
//! bare DOIs in the text.
//!
//! ## Example input
//! `Li, L., Vlisides, P. E., Ketamine: 50 Years of Modulating the Mind.
//! Front Hum Neurosci, 2016; 10: 612. doi: 10.3389/fnhum.2016.00612` →
//! authors `Li, L.` and `Vlisides, P. E.`, journal `Front Hum Neurosci`,
//! year 2016, volume 10, pages 612.
//!
//! ## Not extracted
//! URLs to ordinary web pages; references too short to hold a title.

use std::sync::LazyLock;

use regex::Regex;

use super::units::Role;
use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

static DOI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b10\.\d{4,9}/[^\s\x22<>]+").unwrap());
/// `Surname, I. J., ` — one author, with an optional particle (`De Gregorio`).
static AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*((?:\p{Lu}[\p{L}'’-]+\s)?\p{Lu}[\p{L}'’-]+,\s(?:\p{Lu}\.\s?-?)+),?\s*").unwrap());
static ET_AL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*et al\.?,?\s*").unwrap());
/// `. Journal, 2016; 10(3): 612-620` at the end of the title.
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\.\s+([^.;]+?),?\s+((?:19|20)\d{2})(?:;\s*([\w]+)(?:\((\w+)\))?(?::\s*([\w-]+))?)?").unwrap()
});
/// Vancouver style: `Rena G, Hardie DG, Pearson ER.` (initials without dots).
static VANCOUVER_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:\p{Lu}[\p{L}'’-]+\s)?\p{Lu}[\p{L}'’-]+\s\p{Lu}{1,3})(?:,\s*|\.\s+)").unwrap()
});
/// `Journal. 2017;60(9):1577-1585`.
static VANCOUVER_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?)\.\s*((?:19|20)\d{2})(?:\s+\w+)?;\s*(\w+)(?:\((\w+)\))?(?::\s*([\w–-]+))?").unwrap()
});
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s\x22<>)]+").unwrap());

pub(crate) fn citations(ctx: &Ctx<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for unit in &ctx.units {
        let text = unit.text.as_str();
        let in_refs = unit.section == SectionKind::References
            && matches!(unit.role, Role::ItemSentence | Role::Label | Role::Sentence);
        if in_refs && unit.role != Role::Label {
            // One claim per reference, from its first sentence: the other
            // sentences of the item would parse the same text again.
            let item = if unit_is_first_of_block(ctx, unit) { full_item(ctx, unit) } else { String::new() };
            if !item.is_empty()
                && ctx.charge(item.len())
                && let Some(value) = parse_reference(&item)
            {
                // The quote is the whole reference, which the sentence
                // splitter cut at its periods.
                let mut claim = ctx.claim_at(unit, 0..text.len(), 0..text.len(), Kind::Citation, value);
                let end = ctx.block(unit.block).iter().map(|u| u.text.span().end).max();
                let end = end.unwrap_or(claim.evidence.end);
                ctx.widen(&mut claim, end);
                claims.push(claim);
            }
            continue;
        }
        // Every DOI holds `10.`; most units have none, and a plain
        // substring search costs less than starting the regex.
        if unit.section != SectionKind::References && text.contains("10.") {
            for m in DOI.find_iter(text) {
                let value = bare_doi(clean_doi(m.as_str()));
                claims.push(ctx.claim_at(unit, m.range(), m.range(), Kind::Citation, value));
            }
        }
    }
    claims
}

fn unit_is_first_of_block(ctx: &Ctx<'_>, unit: &super::units::Unit) -> bool {
    ctx.block(unit.block).iter().find(|u| u.role != Role::Label).is_some_and(|u| std::ptr::eq(u, unit))
}

/// The whole text of the unit's item (labels and sentences), because a
/// reference is split into "sentences" at its periods.
fn full_item(ctx: &Ctx<'_>, unit: &super::units::Unit) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for u in ctx.block(unit.block) {
        parts.push(u.text.as_str());
    }
    parts.join(" ")
}

/// Parses `Authors, Title. Journal, Year; Volume(Issue): Pages. doi: X`.
pub(crate) fn parse_reference(text: &str) -> Option<Value> {
    parse_apa_like(text).or_else(|| parse_vancouver(text))
}

/// `Surname, I. J., Surname, K., Title. Journal, Year; Vol(Issue): Pages.`
fn parse_apa_like(text: &str) -> Option<Value> {
    let mut rest = text.trim();
    let mut authors = Vec::new();
    loop {
        if let Some(m) = ET_AL.find(rest) {
            rest = &rest[m.end()..];
            continue;
        }
        let Some(c) = AUTHOR.captures(rest) else { break };
        authors.push(c[1].trim().to_string());
        rest = &rest[c.get(0).map_or(0, |m| m.end())..];
    }
    let doi = DOI.find(rest).map(|m| clean_doi(m.as_str()));
    let body = match rest.to_ascii_lowercase().find("doi") {
        Some(i) => rest[..i].trim_end_matches([' ', '.']),
        None => rest,
    };
    let source = SOURCE.captures_iter(body).last();
    let (title, journal, year, volume, issue, pages) = match &source {
        Some(c) => {
            let start = c.get(0).map_or(body.len(), |m| m.start());
            (
                body[..start].trim().to_string(),
                Some(c[1].trim().to_string()),
                c[2].parse().ok(),
                c.get(3).map(|m| m.as_str().to_string()),
                c.get(4).map(|m| m.as_str().to_string()),
                c.get(5).map(|m| m.as_str().to_string()),
            )
        }
        None => (body.trim().trim_end_matches('.').to_string(), None, None, None, None, None),
    };
    if authors.is_empty() || title.split_whitespace().count() < 2 {
        return None;
    }
    let url = URL.find(text).map(|m| m.as_str().to_string()).filter(|u| !u.contains("doi.org"));
    Some(Value::Citation { authors, title, journal, year, volume, issue, pages, doi, url })
}

/// `Surname AB, Surname C. Title. Journal. Year;Vol(Issue):Pages. doi:X`
fn parse_vancouver(text: &str) -> Option<Value> {
    let mut rest = text.trim();
    let mut authors = Vec::new();
    while let Some(c) = VANCOUVER_AUTHOR.captures(rest) {
        authors.push(c[1].trim().to_string());
        let end = c.get(0).map_or(0, |m| m.end());
        let last = c.get(0).is_some_and(|m| m.as_str().trim_end().ends_with('.'));
        rest = &rest[end..];
        if last {
            break;
        }
        if let Some(m) = ET_AL.find(rest) {
            rest = &rest[m.end()..];
            break;
        }
    }
    let doi = DOI.find(rest).map(|m| clean_doi(m.as_str()));
    let Some(title_end) = rest.find(". ") else { return doi.map(bare_doi) };
    let title = rest[..title_end].trim().to_string();
    let after = &rest[title_end + 2..];
    let (journal, year, volume, issue, pages) = match VANCOUVER_SOURCE.captures(after) {
        Some(c) => (
            Some(c[1].trim().to_string()),
            c[2].parse().ok(),
            c.get(3).map(|m| m.as_str().to_string()),
            c.get(4).map(|m| m.as_str().to_string()),
            c.get(5).map(|m| m.as_str().to_string()),
        ),
        None => (None, None, None, None, None),
    };
    if authors.is_empty() || title.split_whitespace().count() < 2 {
        return doi.map(bare_doi);
    }
    let url = URL.find(text).map(|m| m.as_str().to_string()).filter(|u| !u.contains("doi.org"));
    Some(Value::Citation { authors, title, journal, year, volume, issue, pages, doi, url })
}

fn bare_doi(doi: String) -> Value {
    Value::Citation {
        authors: Vec::new(),
        title: doi.clone(),
        journal: None,
        year: None,
        volume: None,
        issue: None,
        pages: None,
        doi: Some(doi),
        url: None,
    }
}

/// A DOI without trailing punctuation, lower-cased.
fn clean_doi(doi: &str) -> String {
    doi.trim_end_matches(['.', ',', ';', ')', ']']).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_vancouver_style_reference() {
        let v = parse_reference(
            "Domino, E. F., Taming the ketamine tiger. 1965. Anesthesiology, 2010; 113(3): 678-684. doi: 10.1097/ALN.0b013e3181ed09a5",
        )
        .unwrap();
        let Value::Citation { authors, title, journal, year, volume, issue, pages, doi, .. } = v else { panic!() };
        assert_eq!(authors, ["Domino, E. F."]);
        assert_eq!(title, "Taming the ketamine tiger. 1965");
        assert_eq!(journal.as_deref(), Some("Anesthesiology"));
        assert_eq!(year, Some(2010));
        assert_eq!((volume.as_deref(), issue.as_deref(), pages.as_deref()), (Some("113"), Some("3"), Some("678-684")));
        assert_eq!(doi.as_deref(), Some("10.1097/aln.0b013e3181ed09a5"));
    }

    #[test]
    fn et_al_and_particles() {
        let v = parse_reference("De Gregorio, D., Enns, J. P., et al., A Trial of Things. Neuron, 2019").unwrap();
        let Value::Citation { authors, title, journal, year, doi, .. } = v else { panic!() };
        assert_eq!(authors, ["De Gregorio, D.", "Enns, J. P."]);
        assert_eq!(title, "A Trial of Things");
        assert_eq!((journal.as_deref(), year, doi), (Some("Neuron"), Some(2019), None));
    }
}
