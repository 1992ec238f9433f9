//! Side effects.
//!
//! ## What it extracts
//! Every side-effect term of a side-effects section (headings, items,
//! sentences), and elsewhere the terms that follow a `cause` cue ("can
//! cause", "side effects include") or come just before a `cause_after` cue
//! ("marked drowsiness may occur"), or that a negation trigger denies. One
//! claim per effect: "Nausea and vomiting" gives two. Frequency tier and
//! seriousness come from the item, its lead-in or the headings ("Less
//! Common but Serious Side Effects"); context from cues ("chronic abuse").
//! "Preserves breathing" gives a negated claim of the effect the preserved
//! function names (`preserved_functions.tsv`). In an incidence table (the
//! effect in a row's first cell), the incidence is the first rate of the
//! row in a column that is not a comparator's (`comparator` in
//! `table_columns.tsv`: placebo rates are not the drug's).
//!
//! ## Example input
//! `* **Breathing problems:** Rare but serious;` →
//! `{term: respiratory depression, frequency: rare, serious: true}`.
//!
//! ## Not extracted
//! Terms in reference lists; effects merely mentioned outside a side-effect
//! context with no cue.

use super::units::Role;
use super::{Claim, Ctx, Kind, Value, in_section};
use crate::model::SectionKind;

/// Most words between a "preserve" verb and the function it keeps.
const MAX_PRESERVE_GAP_WORDS: usize = 6;

pub(crate) fn side_effects(ctx: &Ctx<'_>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    for unit in &ctx.units {
        if in_section(unit, &[SectionKind::References]) {
            continue;
        }
        // Effects named with an interaction are the combination's effect.
        if unit.section == SectionKind::Interactions {
            continue;
        }
        let found = ctx.concepts(unit, t.side_effects);
        // "Frail patients are more likely to experience falls and confusion
        // with many centrally acting drugs": a remark on drugs in general.
        if !found.is_empty() && !ctx.about_drugs_in_general(unit) {
            claims.extend(effects(ctx, unit, found));
        }
        claims.extend(preserved(ctx, unit));
    }
    claims
}

/// Claims for the side effects `found` in a unit. Only units naming one
/// get here, so the cue and bracket positions are found for those alone.
fn effects(ctx: &Ctx<'_>, unit: &super::units::Unit, found: Vec<super::Found>) -> Vec<Claim> {
    let t = &ctx.tables;
    let mut claims = Vec::new();
    let in_se = unit.section == SectionKind::SideEffects && unit.role != Role::Heading;
    let cause_at = ctx.cause_ranges(unit).first().map(|r| r.start);
    let caused_before = ctx.cause_after_ranges(unit);
    let mut use_cues = ctx.cue_ranges(unit, "use");
    // "will not cure your high blood pressure" is a caveat about a use.
    use_cues.extend(ctx.cue_ranges(unit, "curative"));
    let denials = super::polarity::Triggers::find(ctx.lx, ctx.hits(unit, t.negation));
    let parens = Parens::of(unit.text.as_str());
    for f in found {
        let negated = ctx.negated(unit, &f.range);
        // "produces relief from depressive symptoms": what a use cue
        // governs is treated, not caused.
        let treated = use_cues.iter().any(|u| u.end <= f.range.start && cause_at.is_none_or(|c| c <= u.start));
        // ... and "not indicated for productive cough" denies a use, not an
        // effect (where "relief without the respiratory depression of
        // opioids" denies one).
        let use_denied = use_cues.iter().any(|u| {
            u.end <= f.range.start
                && (ctx.negated(unit, u) || negated && denials.denies_at(unit.text.as_str(), u.start))
        });
        if (treated && (!negated || use_denied)) || ctx.names_a_drug(unit, &f.range) {
            continue;
        }
        if is_gloss(ctx, unit, &parens, &f.range) {
            continue;
        }
        let after_cue = cause_at.is_some_and(|at| at <= f.range.start)
            || caused_before.iter().any(|c| in_clause_before(unit.text.as_str(), &f.range, c));
        if !(in_se || after_cue || negated) {
            continue;
        }
        let frequency = ctx.inherited(unit, t.frequencies);
        let serious = (ctx.has_cue(unit, "serious")
            || ctx.terms_in(&unit.context, t.cues).iter().any(|c| c == "serious")
            || (unit.role == Role::Label && ctx.block(unit.block).iter().any(|u| ctx.has_cue(u, "serious"))))
        .then_some(true);
        let context = ctx.inherited(unit, t.contexts);
        let incidence = if unit.role == Role::Cell { row_incidence(ctx, unit) } else { None };
        let mut claim = ctx.claim(
            unit,
            f.range.clone(),
            Kind::SideEffect,
            Value::SideEffect {
                term: f.canonical,
                frequency,
                incidence,
                serious,
                context,
                codes: f.codes,
                normalized: true,
            },
        );
        claim.negated = negated;
        // "If … jaundice occurs, promptly interrupt": a condition to act
        // on, not a statement that it happens.
        claim.hedged |= !negated && ctx.in_condition(unit, &f.range);
        claims.push(claim);
    }
    claims
}

/// Most words between an effect and a `cause_after` cue that states it.
const MAX_WORDS_TO_CAUSE_AFTER: usize = 8;

/// Whether the term at `term` comes before `cue` in one clause: a list
/// ("nervousness, dizziness or sleeplessness occurs") but no sentence or
/// clause break and only a few words between.
fn in_clause_before(text: &str, term: &std::ops::Range<usize>, cue: &std::ops::Range<usize>) -> bool {
    term.end <= cue.start && {
        let between = &text[term.end..cue.start];
        // "a cough that occurs …": the verb describes a condition.
        let describes = between.split_whitespace().next_back().is_some_and(|w| RELATIVES.contains(&w));
        !describes
            && !between.contains(['.', ';', ':', '!', '?', '(', ')'])
            && between.split_whitespace().count() <= MAX_WORDS_TO_CAUSE_AFTER
    }
}

/// Relative pronouns: an effect followed by one and a `cause_after` cue is
/// described, not stated ("cough that occurs …"). Language, not domain.
const RELATIVES: &[&str] = &["that", "which", "who"];

/// A rate as an incidence table writes it: `17%`, `<1%`, `≥ 0.5 %`,
/// `1/100`, `12 (3%)`, or a bare `8.3` in a table of percentages.
static INCIDENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:[<>≤≥]\s*)?\d+(?:\.\d+)?\s*(?:%|/\s*\d+(?:,\d{3})*)?$|^\d+\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)$")
        .expect("incidence regex")
});

/// For the first cell of a table row: the first rate in the row under a
/// column that is not a comparator's. Other cells state no incidence.
fn row_incidence(ctx: &Ctx<'_>, unit: &super::units::Unit) -> Option<String> {
    let row = ctx.block(unit.block);
    if !row.first().is_some_and(|first| std::ptr::eq(first, unit)) {
        return None;
    }
    row.iter().skip(1).find_map(|cell| {
        let (_, column) = cell.cell.as_ref()?;
        let comparator = ctx.lx.find("table_columns", column).iter().any(|m| ctx.lx.canonical(m) == "comparator");
        let rate = cell.text.as_str().trim();
        (!comparator && INCIDENCE.is_match(rate)).then(|| rate.to_string())
    })
}

/// "maintains airway reflexes" → respiratory depression, negated.
fn preserved(ctx: &Ctx<'_>, unit: &super::units::Unit) -> Vec<Claim> {
    let text = unit.text.as_str();
    let mut out = Vec::new();
    let triggers: Vec<_> = ctx
        .hits(unit, ctx.tables.negation)
        .filter(|m| ctx.lx.canonical(m) == "preserve")
        .map(|m| m.start..m.end)
        .collect();
    for trigger in triggers {
        for m in ctx.hits(unit, ctx.tables.preserved_functions) {
            if m.start < trigger.end {
                continue;
            }
            let gap = &text[trigger.end..m.start];
            if gap.contains(['.', ';', ':', '!', '?']) || gap.split_whitespace().count() > MAX_PRESERVE_GAP_WORDS {
                continue;
            }
            let term = ctx.lx.canonical(m).to_string();
            // The effect a preserved function names is a side-effect row.
            let codes = ctx
                .lx
                .table(ctx.tables.side_effects)
                .get(&term)
                .and_then(|r| r.attr(crate::lexicon::CODE_ATTR))
                .map(|c| vec![super::Code { system: super::ICD10CM.to_string(), code: c.to_string() }])
                .unwrap_or_default();
            let mut claim = ctx.claim_at(
                unit,
                m.start..m.end,
                trigger.start..m.end,
                Kind::SideEffect,
                Value::SideEffect {
                    term,
                    frequency: None,
                    incidence: None,
                    serious: None,
                    context: None,
                    codes,
                    normalized: true,
                },
            );
            claim.negated = true;
            out.push(claim);
        }
    }
    out
}

/// "anesthesia (loss of sensation and consciousness)": a term inside a
/// parenthesis that explains the condition before it is a definition, not
/// an effect.
fn is_gloss(ctx: &Ctx<'_>, unit: &super::units::Unit, parens: &Parens, term: &std::ops::Range<usize>) -> bool {
    let text = unit.text.as_str();
    let Some(open) = parens.last_open_before(term.start) else { return false };
    if parens.closes_between(open, term.start) {
        return false;
    }
    let before = text[..open].trim_end();
    ctx.hits(unit, ctx.tables.conditions).any(|m| m.end == before.len())
}

/// Where a unit's brackets are, found once per unit rather than searched
/// backwards from every term (which made a long unit quadratic).
struct Parens {
    open: Vec<usize>,
    close: Vec<usize>,
}

impl Parens {
    fn of(text: &str) -> Parens {
        let at = |b: u8| text.bytes().enumerate().filter(|(_, c)| *c == b).map(|(i, _)| i).collect();
        Parens { open: at(b'('), close: at(b')') }
    }

    /// The last `(` before byte `end`.
    fn last_open_before(&self, end: usize) -> Option<usize> {
        let n = self.open.partition_point(|&i| i < end);
        n.checked_sub(1).map(|k| self.open[k])
    }

    /// True when a `)` lies in `from..to`.
    fn closes_between(&self, from: usize, to: usize) -> bool {
        let k = self.close.partition_point(|&i| i < from);
        self.close.get(k).is_some_and(|&i| i < to)
    }
}
