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
//! Routes in references; a route named only inside a negation is kept with
//! `negated: true`.

use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn routes(ctx: &Ctx<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for unit in &ctx.units {
        if unit.section == SectionKind::References {
            continue;
        }
        for f in ctx.terms(unit, ctx.tables.routes) {
            let product = ctx.product_before(unit, f.range.end + 32).or_else(|| super::uses::row_product(ctx, unit));
            claims.push(ctx.claim(unit, f.range.clone(), Kind::Route, Value::Route { route: f.canonical, product }));
        }
    }
    claims
}
