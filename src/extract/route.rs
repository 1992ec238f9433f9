//! Routes of administration.
//!
//! ## What it extracts
//! Every route term (`IV`, `intramuscular injection`, `nasal spray`,
//! `under the tongue`) outside reference lists, normalised to one of the
//! twelve SPEC routes. A route named for a related product carries it.
//!
//! ## Example input
//! "administered via IV, nasal spray, or oral routes" → `intravenous`,
//! `intranasal`, `oral`.
//!
//! ## Not extracted
//! Routes in references; Roman numerals that spell a route's abbreviation
//! ("Study RA-IV", "Schedule IV"). A route named only inside a negation is
//! kept with `negated: true`.

use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn routes(ctx: &Ctx<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for unit in &ctx.units {
        if unit.section == SectionKind::References {
            continue;
        }
        for f in ctx.terms(unit, ctx.tables.routes) {
            if is_numeral(ctx, &unit.text.as_str()[..f.range.start], &unit.text.as_str()[f.range.clone()], &f.canonical)
            {
                continue;
            }
            let product = ctx.product_before(unit, f.range.end + 32).or_else(|| super::uses::row_product(ctx, unit));
            claims.push(ctx.claim(unit, f.range.clone(), Kind::Route, Value::Route { route: f.canonical, product }));
        }
    }
    claims
}

/// Whether `term` (a route abbreviation in capitals, "IV") is a Roman
/// numeral in its place: after a hyphen ("Study RA-IV"), after a word of the
/// route's `numeral_after` attribute ("Phase IV", "Schedule IV") or after
/// another numeral ("Studies I through IV", "III and IV").
fn is_numeral(ctx: &Ctx<'_>, before: &str, term: &str, route: &str) -> bool {
    let roman = |w: &str| !w.is_empty() && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    if !roman(term) {
        return false;
    }
    if before.ends_with(['-', '/']) {
        return true;
    }
    let after: Vec<&str> = ctx
        .lx
        .table(ctx.tables.routes)
        .get(route)
        .and_then(|r| r.attr("numeral_after"))
        .map(|a| a.split('|').collect())
        .unwrap_or_default();
    let mut words = before.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).rev();
    match words.next() {
        Some(w) if roman(w) || after.iter().any(|a| a.eq_ignore_ascii_case(w)) => true,
        Some(w) if ["and", "or", "to", "through"].contains(&w) => {
            words.next().is_some_and(|w| roman(w.trim_end_matches('-')))
        }
        _ => false,
    }
}
