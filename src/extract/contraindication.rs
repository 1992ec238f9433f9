//! Contraindications.
//!
//! ## What it extracts
//! Conditions named in a contraindications section (or an item labelled so,
//! such as `Contraindications:` or "Who shouldn't take it?"), and elsewhere
//! conditions after a `contraindication` cue ("contraindicated in", "should
//! avoid").
//!
//! ## Example input
//! "contraindicated in individuals hypersensitive to it, … infants under 3
//! months old" → `hypersensitivity`, `infants under 3 months`.
//!
//! ## Not extracted
//! Conditions in a sentence that states a use ("used to treat"); conditions
//! in a precautions section without a contraindication cue (care, not
//! avoidance); a line of cautions ("caution with head injury"); what another
//! drug treats ("MAOI (certain drugs for depression)"); a symptom met on the
//! drug ("avoid driving if you experience dizziness"); a condition that names
//! a drug ("hepatitis C protease inhibitor").

use super::units::Role;
use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn contraindications(ctx: &Ctx<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for unit in &ctx.units {
        // A precautions section names conditions that call for care (dose
        // adjustment, monitoring, "tell your doctor if you have"), not for
        // avoiding the drug: there only a contraindication cue makes one.
        let in_section = unit.section == SectionKind::Contraindications && unit.role != Role::Heading;
        // A table row says it in another cell: "Lactation | Contraindicated".
        let row_cue = || {
            unit.role == Role::Cell
                && ctx
                    .block(unit.block)
                    .iter()
                    .any(|u| u.text.span() != unit.text.span() && ctx.has_cue(u, "contraindication"))
        };
        let cue_at =
            ctx.cue_ranges(unit, "contraindication").first().map(|r| r.start).or_else(|| row_cue().then_some(0));
        if !in_section && cue_at.is_none() {
            continue;
        }
        // A sentence about what the drug uses or causes is not about who
        // must avoid it, unless it says so.
        if cue_at.is_none() && (ctx.has_cue(unit, "use") || !ctx.cause_ranges(unit).is_empty()) {
            continue;
        }
        // "Caution with head injury" under "Contraindications / cautions".
        if cue_at.is_none() && ctx.has_cue(unit, "caution") {
            continue;
        }
        let not_the_patients: Vec<_> =
            ["other_drug_use", "while_experiencing"].iter().flat_map(|c| ctx.cue_ranges(unit, c)).collect();
        for f in ctx.concepts(unit, ctx.tables.conditions) {
            if !in_section && cue_at.is_some_and(|at| f.range.start < at) {
                continue;
            }
            if super::follows_in_clause(&unit.text.as_str()[..f.range.start], &not_the_patients) {
                continue;
            }
            if ctx.names_a_drug(unit, &f.range) {
                continue;
            }
            claims.push(ctx.claim(
                unit,
                f.range.clone(),
                Kind::Contraindication,
                Value::Contraindication { condition: f.canonical, codes: f.codes, normalized: true },
            ));
        }
    }
    claims
}
