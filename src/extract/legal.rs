//! Legal and regulatory status.
//!
//! ## What it extracts
//! Every status of `legal_statuses.tsv` (`Schedule III`, `prescription-only`,
//! `controlled substance`, `FDA approved`, `illegal` …) outside reference
//! lists, with the jurisdiction named in the same unit or item label.
//!
//! ## Example input
//! "United States: Schedule III controlled substance" →
//! `{jurisdiction: US, status: Schedule III}`.
//!
//! ## Not extracted
//! Statuses in references.

use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn legal_statuses(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    for unit in &ctx.units {
        if unit.section == SectionKind::References {
            continue;
        }
        for f in ctx.terms(unit, t.legal_statuses) {
            let jurisdiction = super::uses::nearest(ctx, unit, t.jurisdictions, f.range.start)
                .or_else(|| unit.label.as_deref().and_then(|l| ctx.terms_in(l, t.jurisdictions).into_iter().next()));
            claims.push(ctx.claim(
                unit,
                f.range.clone(),
                Kind::LegalStatus,
                Value::LegalStatus { jurisdiction, status: f.canonical },
            ));
        }
    }
    claims
}
