//! Uses and indications.
//!
//! ## What it extracts
//! Conditions named in a uses section (headings, items, sentences, table
//! "use" cells) and, elsewhere, conditions after a `use` cue ("used to
//! treat", "for treating") or after a regulatory status cue ("approved by
//! the FDA for use as an anesthetic"). Status comes from the nearest status
//! cue in the unit ("FDA-approved", "off-label", "has shown promise"), else
//! from the item label, the list's lead-in ("prescribed off-label for:") or
//! the headings. A qualifier (`acute manic episodes`) comes from the same item.
//! A use stated for a related product (`esketamine nasal spray for
//! depression`) carries it as `product`.
//!
//! ## Example input
//! `* **Bipolar disorder:** In some cases, it may be used to treat acute
//! manic episodes.` under "prescribed off-label for:" →
//! `{condition: bipolar disorder, status: off_label, qualifier: acute manic episodes}`.
//!
//! ## Not extracted
//! Conditions in side-effect, contraindication, interaction or reference
//! sections; negated uses are kept with `negated: true`.

use super::units::{Role, Unit};
use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

const NOT_USES: &[SectionKind] = &[
    SectionKind::SideEffects,
    SectionKind::Contraindications,
    SectionKind::Interactions,
    SectionKind::References,
    SectionKind::Precautions,
    SectionKind::Legal,
];

/// Statuses whose cue, like a use cue, makes the conditions after it uses.
const REGULATORY: &[&str] = &["approved", "off_label"];

pub(crate) fn uses(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    for unit in &ctx.units {
        let use_cell = unit
            .cell
            .as_ref()
            .is_some_and(|(_, col)| ctx.terms_in(col, ctx.lx.id("table_columns")).iter().any(|c| c == "use"));
        let in_uses = unit.section == SectionKind::Uses && unit.cell.is_none();
        let cue_at = ctx.cue_ranges(unit, "use").first().map(|r| r.start);
        // A regulatory statement names the uses after its cue, like a use
        // cue: "approved by the FDA for use as an anesthetic". Research cues
        // ("in clinical trials") are too loose to do the same, and a
        // condition before the cue is as often the drug's property ("in
        // addition to its anesthetic properties, … off-label uses").
        let regulatory_at = match unit.cell {
            Some(_) => None,
            None => ctx.hits(unit, t.statuses).find(|m| REGULATORY.contains(&ctx.lx.canonical(m))).map(|m| m.start),
        };
        if NOT_USES.contains(&unit.section) && cue_at.is_none() {
            continue;
        }
        if unit.section == SectionKind::References {
            continue;
        }
        for f in ctx.terms(unit, t.conditions) {
            if ctx.is_population(&f.canonical) {
                continue;
            }
            let after_cue = [cue_at, regulatory_at].into_iter().flatten().any(|at| at <= f.range.start);
            if !(in_uses || use_cell || after_cue) {
                continue;
            }
            let status = nearest(ctx, unit, t.statuses, f.range.start)
                .or_else(|| match unit.role {
                    Role::Label => ctx.block_terms(unit.block, t.statuses).into_iter().next(),
                    _ => None,
                })
                .or_else(|| unit.label.as_deref().and_then(|l| ctx.terms_in(l, t.statuses).into_iter().next()))
                .or_else(|| unit.lead_in.as_deref().and_then(|l| ctx.terms_in(l, t.statuses).into_iter().next()))
                .or_else(|| ctx.terms_in(&unit.context, t.statuses).into_iter().last());
            let qualifier = nearest(ctx, unit, t.qualifiers, f.range.start).or_else(|| match unit.role {
                Role::Label => ctx.block_terms(unit.block, t.qualifiers).into_iter().next(),
                _ => None,
            });
            let product = ctx.product_before(unit, f.range.start).or_else(|| row_product(ctx, unit));
            let mut claim = ctx.claim(
                unit,
                f.range.clone(),
                Kind::Use,
                Value::Use { condition: f.canonical, status, qualifier, product },
            );
            // "they don't feel pain" describes the effect; a use is denied
            // only when the use itself is ("is not used to treat").
            claim.negated &= ctx.cue_ranges(unit, "use").iter().any(|cue| ctx.negated(unit, cue));
            claims.push(claim);
        }
    }
    claims
}

/// The term of `table` in the unit nearest to byte `at`.
pub(crate) fn nearest(ctx: &Ctx<'_>, unit: &Unit, table: crate::lexicon::TableId, at: usize) -> Option<String> {
    ctx.hits(unit, table)
        .min_by_key(|m| if m.end <= at { at - m.end } else { m.start.saturating_sub(at) })
        .map(|m| ctx.lx.canonical(m).to_string())
}

/// A related product named anywhere in the unit's table row.
pub(crate) fn row_product(ctx: &Ctx<'_>, unit: &Unit) -> Option<String> {
    unit.cell.as_ref()?;
    ctx.block(unit.block).iter().find_map(|u| ctx.product_in(u))
}
