//! Contraindications.
//!
//! ## What it extracts
//! Conditions named in a contraindications or precautions section (or an
//! item labelled so, such as `Contraindications:` or "Who shouldn't take
//! it?"), and elsewhere conditions after a `contraindication` cue
//! ("contraindicated in", "should avoid").
//!
//! ## Example input
//! "contraindicated in individuals hypersensitive to it, … infants under 3
//! months old" → `hypersensitivity`, `infants under 3 months`.
//!
//! ## Not extracted
//! Conditions in a sentence that states a use ("used to treat").

use super::units::Role;
use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn contraindications(ctx: &Ctx<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for unit in &ctx.units {
        let in_section = matches!(unit.section, SectionKind::Contraindications | SectionKind::Precautions)
            && unit.role != Role::Heading;
        let cue_at = ctx.cue_ranges(unit, "contraindication").first().map(|r| r.start);
        if !in_section && cue_at.is_none() {
            continue;
        }
        // A sentence about what the drug uses or causes is not about who
        // must avoid it, unless it says so.
        if cue_at.is_none() && (ctx.has_cue(unit, "use") || ctx.has_cue(unit, "cause")) {
            continue;
        }
        for f in ctx.terms(unit, ctx.tables.conditions) {
            if !in_section && cue_at.is_some_and(|at| f.range.start < at) {
                continue;
            }
            claims.push(ctx.claim(
                unit,
                f.range.clone(),
                Kind::Contraindication,
                Value::Contraindication { condition: f.canonical },
            ));
        }
    }
    claims
}
