//! Mechanism of action.
//!
//! ## What it extracts
//! Targets (`NMDA receptor`, `BDNF`) named in a mechanism section, or in any
//! sentence that also states an action (`blocks`, `antagonist`, `increased
//! release of`) or a `mechanism` cue ("works by"). In a document that has a
//! mechanism section, an action elsewhere counts only in a sentence that says
//! what the drug is (`definition` cue: "is a TNF blocker"). The action is
//! the action term nearest the target; without one, `modulator`.
//!
//! ## Example input
//! "Ketamine is a non-competitive NMDA receptor antagonist." →
//! `{target: NMDA receptor, action: antagonist}`.
//!
//! ## Not extracted
//! Targets of other drugs in a comparison ("unlike most anesthetics that
//! target GABA receptors") are kept, negated.

use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

/// Action used when a sentence names a target but no action.
const DEFAULT_ACTION: &str = "modulator";

pub(crate) fn mechanisms(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    // A document with a mechanism section states its mechanism there;
    // elsewhere "TNF-blocker therapy" or "other NMDA antagonists" name a
    // class of drugs, so only an explicit cue ("works by") counts.
    let has_section = ctx.units.iter().any(|u| u.section == SectionKind::Mechanism);
    for unit in &ctx.units {
        if unit.section == SectionKind::References {
            continue;
        }
        let has_action = ctx.hits(unit, t.actions).next().is_some();
        let in_section = unit.section == SectionKind::Mechanism;
        let has_cue = ctx.has_cue(unit, "mechanism");
        let defines = has_action && ctx.has_cue(unit, "definition");
        if !(in_section || has_cue || defines || (has_action && !has_section)) {
            continue;
        }
        // "interacts with MAO inhibitors", "do not take it with a monoamine
        // oxidase inhibitor" name another drug's action.
        if !in_section && (ctx.has_cue(unit, "interaction") || ctx.has_cue(unit, "contraindication")) {
            continue;
        }
        for f in ctx.terms(unit, t.targets) {
            let action =
                super::uses::nearest(ctx, unit, t.actions, f.range.start).unwrap_or_else(|| DEFAULT_ACTION.to_string());
            claims.push(ctx.claim(
                unit,
                f.range.clone(),
                Kind::Mechanism,
                Value::Mechanism { target: f.canonical, action },
            ));
        }
    }
    claims
}
