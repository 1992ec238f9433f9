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
//! Statuses in references, and a status that names another product ("if
//! the child's prescription drug contains an MAOI", "your prescription
//! medicines").

use super::{Claim, Ctx, Kind, Value};
use crate::model::SectionKind;

pub(crate) fn legal_statuses(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    for unit in &ctx.units {
        if unit.section == SectionKind::References {
            continue;
        }
        let text = unit.text.as_str();
        for f in ctx.terms(unit, t.legal_statuses) {
            if names_another_product(&text[..f.range.start]) {
                continue;
            }
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

/// Words before a status that make it another product's: a possessive
/// ("your prescription drug") or a quantifier ("any prescription drug",
/// "other prescription medicines"). Language, not domain knowledge.
const OTHER_PRODUCT: &[&str] = &["your", "my", "his", "her", "their", "any", "other", "another", "all"];

/// Whether the text before a status ends in a word of [`OTHER_PRODUCT`] or
/// a possessive ("the child's").
fn names_another_product(before: &str) -> bool {
    let word = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or_default().to_lowercase();
    OTHER_PRODUCT.contains(&word.as_str()) || word.ends_with("'s") || word.ends_with("\u{2019}s")
}

#[cfg(test)]
mod tests {
    use super::names_another_product;

    #[test]
    fn a_status_after_a_possessive_or_quantifier_is_another_products() {
        assert!(names_another_product("If you do not know if the child\u{2019}s "));
        assert!(names_another_product("Tell your doctor about your "));
        assert!(names_another_product("Do not take with any "));
        assert!(!names_another_product("Ketamine is a "));
        assert!(!names_another_product("It is available only as a "));
    }
}
