//! Drug interactions.
//!
//! ## What it extracts
//! Drugs and drug classes named in an interactions section (or an item
//! labelled `Interactions:`), and elsewhere in a sentence with an
//! `interaction`, `caution` or `contraindication` cue ("avoid alcohol"). The
//! effect is a side-effect term in the same sentence ("may be at greater risk
//! for developing seizures"). A `safe_with` cue ("can be used safely
//! with", "do not have to stop") makes the claims negated.
//!
//! ## Example input
//! "Patients taking aminophylline … may be at greater risk for developing
//! seizures" → `{agent: aminophylline, effect: seizures}`.
//!
//! ## Not extracted
//! The document's own drug, its related products and its class (unless
//! "other NSAIDs"); a drug named as an
//! allergy ("an allergic reaction to aspirin or another NSAID"); a class of
//! products in a request to disclose them ("all medicines you take,
//! including herbal supplements").

use super::units::Role;
use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn interactions(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    for unit in &ctx.units {
        let in_section = unit.section == SectionKind::Interactions && unit.role != Role::Heading;
        // A caution or a warning that names a drug is about taking it with
        // this one ("caution with opioids and alcohol", "avoid alcohol").
        let cue = ["interaction", "caution", "contraindication"].iter().any(|c| ctx.has_cue(unit, c));
        if !in_section && !cue {
            continue;
        }
        let safe_with = ctx.cue_ranges(unit, "safe_with");
        let allergies = ctx.cue_ranges(unit, "allergy");
        // "tell your doctor about all medicines you take, including herbal
        // supplements": a request to disclose, where only a named drug
        // is an interaction, not a class of products.
        let disclosure = ctx.has_cue(unit, "disclosure");
        // "(certain drugs for depression, psychiatric or emotional
        // conditions)" names what another drug treats, not the effect.
        let other_use_at = ctx.cue_ranges(unit, "other_drug_use").first().map(|r| r.start);
        let effect = ctx
            .terms(unit, t.side_effects)
            .into_iter()
            .find(|f| other_use_at.is_none_or(|at| f.range.start < at))
            .map(|f| f.canonical);
        for f in ctx.terms(unit, t.drugs) {
            if ctx.is_own_drug(&f.canonical) {
                continue;
            }
            // Its own class is a warning against doubling up only as "other
            // NSAIDs"; "TNF blockers" on a TNF blocker's label is the drug.
            let other = ctx
                .cue_ranges(unit, "other_of_class")
                .iter()
                .any(|c| f.range.start.checked_sub(c.end).is_some_and(|gap| gap <= 1));
            if ctx.is_own_class(&f.canonical) && !other {
                continue;
            }
            // "if you have had an allergic reaction to aspirin": a
            // cross-allergy, not a drug taken with this one.
            if super::follows_in_clause(&unit.text.as_str()[..f.range.start], &allergies) {
                continue;
            }
            if disclosure && ctx.lx.table(t.drugs).get(&f.canonical).and_then(|r| r.attr("type")) == Some("class") {
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
