//! Pharmacokinetics.
//!
//! ## What it extracts
//! Each parameter of `pk_parameters.tsv` named outside reference lists:
//! half-life with its range and time unit ("half-life ranges between 2-3
//! hours" → 2–3 h), bioavailability with its percentage and route, onset,
//! duration of action, metabolism (with the organs and enzymes of
//! `metabolizers.tsv` named), metabolites
//! (the related product with `relation=metabolite`), excretion (with the
//! route, e.g. urine) and distribution.
//!
//! ## Example input
//! "poor bioavailability (~20%)" in the oral row of a table →
//! `{parameter: bioavailability, value: {min: 20, max: 20, unit: %}, route: oral}`.
//!
//! ## Not extracted
//! Parameters of other drugs named in the sentence are not told apart.

use std::sync::LazyLock;

use regex::Regex;

use super::units::{Role, Unit};
use super::{Amount, Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

/// How long until an effect shows: `within hours`, or only after `a series
/// of infusions` / `several sessions`.
static ONSET_SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwithin\s+(?:a\s+few\s+|several\s+|\d+\s+)?(minutes?|hours?|days?|weeks?)\b|\b(?:a\s+)?(?:series|course|number)\s+of\s+(?:infusions|sessions|treatments|doses)\b|\b(?:several|multiple|repeated)\s+(?:sessions|infusions|treatments|doses)\b").unwrap()
});

/// The term for an onset stated as needing repeated administration.
pub const ONSET_REPEATED: &str = "after several administrations";

/// Where excreted drug goes.
const EXCRETION_ROUTES: &[&str] = &["urine", "feces", "faeces", "bile", "breath", "sweat"];

pub(crate) fn pharmacokinetics(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    for unit in &ctx.units {
        if unit.section == SectionKind::References || unit.role == Role::Heading {
            continue;
        }
        let text = unit.text.as_str();
        for f in ctx.terms(unit, t.pk_parameters) {
            let parameter = f.canonical;
            let mut value = None;
            let mut term = None;
            match parameter.as_str() {
                "half_life" | "bioavailability" | "onset" | "duration_of_action" => {
                    let want: &[&str] = if parameter == "bioavailability" { &["percent"] } else { &["time"] };
                    value = amount_after(ctx, text, f.range.start, want);
                    if parameter == "onset" {
                        term = onset_scale(ctx, unit);
                    }
                }
                "metabolite" => {
                    term = ctx
                        .hits(unit, t.drugs)
                        .map(|m| ctx.lx.row(m))
                        .find(|r| r.attr("relation") == Some("metabolite"))
                        .map(|r| r.canonical.clone());
                }
                "excretion" => {
                    let lower = text.to_ascii_lowercase();
                    term = EXCRETION_ROUTES.iter().find(|r| lower.contains(*r)).map(|r| r.to_string());
                }
                "metabolism" => term = metabolizers(ctx, unit),
                _ => {}
            }
            let route = if parameter == "bioavailability" {
                super::uses::nearest(ctx, unit, t.routes, f.range.start).or_else(|| {
                    unit.cell.as_ref()?;
                    ctx.block(unit.block)
                        .iter()
                        .find_map(|u| ctx.terms(u, t.routes).into_iter().next().map(|f| f.canonical))
                })
            } else {
                None
            };
            claims.push(ctx.claim(
                unit,
                f.range.clone(),
                Kind::Pharmacokinetics,
                Value::Pharmacokinetics { parameter, value, term, route },
            ));
        }
    }
    claims
}

/// Where and by what the unit says the drug is metabolized, sites first,
/// in the order named: "hepatic metabolism primarily by cytochrome P450
/// enzymes" → `hepatic, cytochrome P450`.
fn metabolizers(ctx: &Ctx<'_>, unit: &Unit) -> Option<String> {
    let mut named: Vec<(bool, &str)> = Vec::new();
    for m in ctx.hits(unit, ctx.tables.metabolizers) {
        let row = ctx.lx.row(m);
        let entry = (row.attr("type") != Some("site"), row.canonical.as_str());
        if !named.contains(&entry) {
            named.push(entry);
        }
    }
    named.sort_by_key(|&(enzyme, _)| enzyme);
    (!named.is_empty()).then(|| named.iter().map(|&(_, name)| name).collect::<Vec<_>>().join(", "))
}

/// The first amount with a unit of dimension `dims` after byte `from`.
fn amount_after(ctx: &Ctx<'_>, text: &str, from: usize, dims: &[&str]) -> Option<Amount> {
    ctx.lx.amounts_in(&text[from..]).find_map(|c| {
        let row = ctx.lx.unit(c.name("unit")?.as_str())?;
        if !dims.contains(&row.attr("dim")?) {
            return None;
        }
        let m = c.get(0)?;
        if !crate::lexicon::Lexicon::is_amount_boundary(&text[from..], m.start(), m.end()) {
            return None;
        }
        let min = crate::lexicon::Lexicon::number(c.name("min")?.as_str())?;
        let max = c.name("max").and_then(|m| crate::lexicon::Lexicon::number(m.as_str())).unwrap_or(min);
        let upto = c.name("upto").is_some() && c.name("max").is_none();
        Some(Amount { min: (!upto).then_some(min), max: Some(max), unit: row.canonical.clone() })
    })
}

/// The time scale of an onset: in the unit, or for an item label in the
/// item's sentences.
fn onset_scale(ctx: &Ctx<'_>, unit: &Unit) -> Option<String> {
    let scale = |text: &str| {
        ONSET_SCALE.captures(text).map(|c| match c.get(1) {
            Some(u) => format!("within {}s", u.as_str().to_ascii_lowercase().trim_end_matches('s')),
            None => ONSET_REPEATED.to_string(),
        })
    };
    scale(unit.text.as_str()).or_else(|| {
        (unit.role == Role::Label).then(|| ctx.block(unit.block).iter().find_map(|u| scale(u.text.as_str()))).flatten()
    })
}
