//! Drug interactions.
//!
//! ## What it extracts
//! Drugs and drug classes named in an interactions section (or an item
//! labelled `Interactions:`), and elsewhere after an `interaction` cue. The
//! effect is a side-effect term in the same sentence ("may be at greater
//! risk for developing seizures"). A `safe_with` cue ("can be used safely
//! with", "do not have to stop") makes the claims negated.
//!
//! ## Example input
//! "Patients taking aminophylline … may be at greater risk for developing
//! seizures" → `{agent: aminophylline, effect: seizures}`.
//!
//! ## Not extracted
//! The document's own drug and its related products.

use super::units::Role;
use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn interactions(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    for unit in &ctx.units {
        let in_section = unit.section == SectionKind::Interactions && unit.role != Role::Heading;
        let cue = ctx.has_cue(unit, "interaction");
        if !in_section && !cue {
            continue;
        }
        let safe_with = ctx.cue_ranges(unit, "safe_with");
        let effect = ctx.terms(unit, t.side_effects).into_iter().map(|f| f.canonical).next();
        for f in ctx.terms(unit, t.drugs) {
            if ctx.is_own_drug(&f.canonical) {
                continue;
            }
            let safe = safe_with.iter().any(|s| s.start <= f.range.start);
            let mut claim = ctx.claim(
                unit,
                f.range.clone(),
                Kind::Interaction,
                Value::Interaction { agent: f.canonical, effect: if safe { None } else { effect.clone() } },
            );
            claim.negated = safe || ctx.negated(unit, &f.range);
            claims.push(claim);
        }
    }
    claims
}
