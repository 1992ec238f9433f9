//! Dosages.
//!
//! ## What it extracts
//! Every amount with a dose unit (`0.5-2 mg/kg`, `0.5–2 mg/kg`, `1 to 2.5
//! mg/kg`, `up to 2 mg/kg`, `0.05-0.25 mg/kg/h`, `28-84 mg`, `5 µg/kg/min`),
//! with its unit normalised, and the attributes around it: indication (a
//! parenthesis right after the amount, the item label, the table's use cell,
//! the clause), route (label, route cell, clause), phase (a phase word right
//! after the amount, a `Phase:` label in the same segment, else the nearest
//! one before it), population (headings, label), duration (`over 40
//! minutes`), frequency (`1-3 times weekly`, `twice daily`) and a related
//! product (`Nasal Spray (Esketamine)`). An infusion duration stated without
//! an amount ("each infusion lasting for about an hour") gives a dosage with
//! `amount: null`.
//!
//! ## Example input
//! `* **General Anesthesia (IV):** Induction: 0.5-2 mg/kg` →
//! `{amount: {min: 0.5, max: 2, unit: mg/kg}, route: intravenous,
//! indication: general anesthesia, phase: induction}`.
//!
//! ## Not extracted
//! Percentages and times (pharmacokinetics), amounts in references.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::units::{Role, Unit};
use super::{Amount, Claim, Ctx, Frequency, Kind, Value};
use crate::lexicon::Lexicon;
use crate::model::SectionKind;

/// `over 40 minutes`, `lasting for about an hour`, `runs for 40-60 minutes`; a
/// length followed by `before` or `after` (group 5) is a wait, not a dose's length.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:over|lasting(?:\s+for)?|lasts?(?:\s+for)?|runs?\s+for|infused\s+for|given\s+for)\s+(?:about|approximately|around|roughly|~)?\s*(?:(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?|(an?|one))\s+(minutes?|mins?|hours?|hrs?|h)\b(?:\s+(before|after|prior))?").unwrap()
});
/// `1-3 times weekly`, `twice daily`, `once a week`, `every 8 hours`.
static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s+times|(once|twice|thrice))\s+(?:a\s+|per\s+|each\s+)?(daily|day|weekly|week|monthly|month)\b").unwrap()
});

/// A dose given once a week or month with no count: `monthly`,
/// `once-weekly`, `every month` (bare `daily` is left out: "2-10 mg daily"
/// is a total a day, however divided).
/// Most words between an amount and the interval it is given at ("40 mg
/// SC once weekly").
const MAX_WORDS_TO_INTERVAL: usize = 4;
static ONCE_PER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:once[-\s])?(weekly|monthly)\b|\bevery\s+(week|month)\b").unwrap());

pub(crate) fn dosages(ctx: &Ctx<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    let mut last_population = None;
    for unit in &ctx.units {
        // "… in a female dog treated for 3 months at 120 mg/kg/day": an
        // animal study's dose is no dose of the drug for people.
        if matches!(unit.section, SectionKind::References) || unit.role == Role::Heading || ctx.has_cue(unit, "animal")
        {
            continue;
        }
        let text = unit.text.as_str();
        let mut found_amount = false;
        // Every amount has a digit; most sentences have none, and the
        // amounts regex has no literal to skip ahead with.
        let amounts = text.bytes().any(|b| b.is_ascii_digit()).then(|| ctx.lx.amounts_in(text));
        for caps in amounts.into_iter().flatten() {
            let Some(m) = caps.get(0) else { continue };
            if !ctx.lx.is_dose_boundary(text, m.start(), m.end()) {
                continue;
            }
            let Some(unit_row) = caps.name("unit").and_then(|u| ctx.lx.unit(u.as_str())) else { continue };
            // "from 10 mg to 80 mg" is one range; "2 mg/kg to 4 mg" is not.
            if let Some(first) = caps.name("unit1")
                && ctx.lx.unit(first.as_str()).map(|r| &r.canonical) != Some(&unit_row.canonical)
            {
                continue;
            }
            if !matches!(unit_row.attr("dim"), Some("dose" | "rate" | "volume")) {
                continue;
            }
            let num = |name: &str| caps.name(name).and_then(|v| Lexicon::number(v.as_str()));
            let upto = caps.name("upto").is_some();
            let (min, max) = match (num("min"), num("max")) {
                (Some(a), Some(b)) => (Some(a), Some(b)),
                (Some(a), None) if upto => (None, Some(a)),
                (Some(a), None) => (Some(a), Some(a)),
                _ => continue,
            };
            found_amount = true;
            // A dose claim may read the whole unit again (duration and
            // frequency searches), for every amount in it.
            if !ctx.charge(2 * text.len()) {
                return claims;
            }
            let amount = Amount { min, max, unit: unit_row.canonical.clone() };
            let mut claim = dose_claim(ctx, unit, m.range(), Some(amount));
            inherit_population(&mut claim, unit.block, &mut last_population);
            claims.push(claim);
        }
        // An infusion length without an amount.
        if !found_amount
            && unit.cell.is_none()
            && let Some(d) = DURATION.captures(text).filter(|c| c.get(5).is_none()).and_then(|c| c.get(0))
            && (ctx.hits(unit, ctx.tables.phases).any(|p| ctx.lx.canonical(p) == "infusion")
                || ctx.terms_in(&unit.context, ctx.tables.phases).iter().any(|p| p == "infusion"))
        {
            claims.push(dose_claim(ctx, unit, d.range(), None));
        }
    }
    claims
}

/// A dose with no population of its own takes the one named by the dose
/// before it in the same block: "Children 10 to 17 years: at first, 10 mg
/// once a day. The dose is usually not more than 20 mg per day." are both
/// children's doses.
fn inherit_population(claim: &mut Claim, block: usize, last: &mut Option<(usize, String)>) {
    let Value::Dosage { population, .. } = &mut claim.value else { return };
    match (population.as_ref(), last.as_ref()) {
        (Some(p), _) => *last = Some((block, p.clone())),
        (None, Some((b, p))) if *b == block => *population = Some(p.clone()),
        (None, _) => *last = None,
    }
}

fn dose_claim(ctx: &Ctx<'_>, unit: &Unit, at: Range<usize>, amount: Option<Amount>) -> Claim {
    let t = &ctx.tables;
    let text = unit.text.as_str();
    let segment = segment(text, &at);
    let after = &text[at.end..segment.end];
    let row = row_cells(ctx, unit);

    // Indication: "(depression)" right after, else label, use cell, clause.
    let paren = after.trim_start().strip_prefix('(').and_then(|s| s.split(')').next());
    let use_cell = row.iter().find(|u| is_column(ctx, u, "use"));
    let first_condition = |s: &str| ctx.terms_in(s, t.conditions).into_iter().find(|c| !ctx.is_population(c));
    let indication = paren
        .and_then(first_condition)
        .or_else(|| unit.label.as_deref().and_then(first_condition))
        .or_else(|| use_cell.and_then(|u| first_condition(u.text.as_str())))
        .or_else(|| first_condition(&text[segment.clone()]))
        .or_else(|| (unit.role == Role::ItemSentence).then(|| first_condition(text)).flatten())
        // The list's lead-in ("Higher-dose protocol (complex regional pain
        // syndrome):"), then the nearest heading ("IV dosing for chronic pain").
        .or_else(|| unit.lead_in.as_deref().and_then(first_condition))
        .or_else(|| ctx.terms_in(&unit.context, t.conditions).into_iter().filter(|c| !ctx.is_population(c)).last());

    let route_cell = row.iter().find(|u| is_column(ctx, u, "route"));
    let route = route_cell
        .and_then(|u| ctx.terms(u, t.routes).into_iter().next().map(|f| f.canonical))
        .or_else(|| unit.label.as_deref().and_then(|l| ctx.terms_in(l, t.routes).into_iter().next()))
        .or_else(|| ctx.terms_in(&text[segment.clone()], t.routes).into_iter().next());

    // Phase: a word right after the amount, a "Phase:" label in the
    // segment or the item's label, the use cell part naming the indication,
    // else the nearest phase before the amount in its sentence.
    let right_after: String = after.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    // A phase word of an earlier sentence is not this amount's, even where
    // the sentences run together ("5 mg IM … controlled.maximum: 20 mg/day.
    // Vomiting: 5 mg IM" gives the second 5 mg none); within one sentence
    // it is ("not exceeding 1200 mg/day OTC or 3200 mg/day").
    let before = &text[segment.start..at.start];
    let before = &before[last_sentence_end(before)..];
    // A ceiling word after an amount ("500-1000 mg q4-6h (max 4 g)")
    // belongs to the amount that follows it.
    let phase = ctx
        .terms_in(&right_after, t.phases)
        .into_iter()
        .find(|p| p != "maximum")
        .or_else(|| {
            before
                .split_inclusive(':')
                .filter(|p| p.ends_with(':'))
                .find_map(|p| ctx.terms_in(p, t.phases).into_iter().next())
        })
        // The item's label ("Maximum: 400 mg/day").
        .or_else(|| unit.label.as_deref().and_then(|l| ctx.terms_in(l, t.phases).into_iter().next()))
        .or_else(|| {
            let cell = use_cell?;
            let ind = indication.as_deref()?;
            cell.text
                .as_str()
                .split([';', ','])
                .find(|part| ctx.terms_in(part, t.conditions).iter().any(|c| c == ind))
                .and_then(|part| ctx.terms_in(part, t.phases).into_iter().next())
        })
        .or_else(|| ctx.terms_in(before, t.phases).into_iter().last());
    let duration = DURATION.captures(&text[at.start..]).or_else(|| DURATION.captures(text)).and_then(|c| {
        // "fast for 4-6 hours before treatment" is a wait, not how long a
        // dose is given.
        if c.get(5).is_some() {
            return None;
        }
        let n = |i: usize| c.get(i).and_then(|v| v.as_str().parse::<f64>().ok());
        let one = c.get(3).map(|_| 1.0);
        let min = n(1).or(one)?;
        let max = n(2).unwrap_or(min);
        let unit = c.get(4)?.as_str().to_ascii_lowercase();
        let unit = if unit.starts_with('h') { "h" } else { "min" };
        Some(Amount { min: Some(min), max: Some(max), unit: unit.to_string() })
    });
    let phase = phase.or_else(|| duration.as_ref().map(|_| "infusion".to_string()));
    // The frequency after the amount in its segment ("500 mg twice daily
    // or 850 mg once daily"), else anywhere in the unit.
    let frequency = FREQUENCY.captures(&text[at.end..segment.end]).or_else(|| FREQUENCY.captures(text)).and_then(|c| {
        let word = c.get(3).map(|w| match w.as_str().to_ascii_lowercase().as_str() {
            "once" => 1.0,
            "twice" => 2.0,
            _ => 3.0,
        });
        let min = c.get(1).and_then(|v| v.as_str().parse().ok()).or(word)?;
        let max = c.get(2).and_then(|v| v.as_str().parse().ok()).unwrap_or(min);
        let per = match c.get(4)?.as_str().to_ascii_lowercase().as_str() {
            "daily" | "day" => "day",
            "weekly" | "week" => "week",
            _ => "month",
        };
        Some(Frequency { min, max, per: per.to_string() })
    });
    let frequency = frequency.or_else(|| {
        // Only right after the amount: "40 mg every other week or weekly"
        // says weekly of the second dose alone.
        let after: usize = text[at.end..segment.end]
            .split_inclusive(char::is_whitespace)
            .take(MAX_WORDS_TO_INTERVAL)
            .map(str::len)
            .sum();
        let c = ONCE_PER.captures(&text[at.end..at.end + after])?;
        let word = c.get(1).or_else(|| c.get(2))?.as_str().to_ascii_lowercase();
        let per = if word.starts_with("week") { "week" } else { "month" };
        Some(Frequency { min: 1.0, max: 1.0, per: per.to_string() })
    });
    let population = ctx
        .terms_in(&text[segment.clone()], t.populations)
        .into_iter()
        .next()
        .or_else(|| unit.lead_in.as_deref().and_then(|l| ctx.terms_in(l, t.populations).into_iter().next()))
        .or_else(|| ctx.terms_in(&unit.context, t.populations).into_iter().last());
    let product = ctx.product_before(unit, at.start).or_else(|| row.iter().find_map(|u| ctx.product_in(u)));
    // A ceiling ("the maximum dose is 2000 mg a day") is an "up to": SPEC
    // writes it `{min: null, max}`.
    let amount = match amount {
        Some(a) if phase.as_deref() == Some("maximum") && a.min.is_some() && a.min == a.max => {
            Some(Amount { min: None, ..a })
        }
        a => a,
    };
    let range = if unit.role == Role::Cell { 0..text.len() } else { segment };
    let mut claim = ctx.claim_at(
        unit,
        at,
        range,
        Kind::Dosage,
        Value::Dosage { amount, route, indication, phase, population, duration, frequency, product },
    );
    // A dose has no stance: "do not exceed 1200 mg" states a maximum.
    claim.negated = false;
    claim
}

/// The part of the unit around `at` between `;` separators.
fn segment(text: &str, at: &Range<usize>) -> Range<usize> {
    let start = text[..at.start].rfind(';').map_or(0, |i| i + 1);
    let end = text[at.end..].find(';').map_or(text.len(), |i| at.end + i);
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    start + lead..end.max(start + lead)
}

/// Where the last sentence of `text` starts: after its last `.`, `!` or
/// `?` that is no decimal point (0 when there is none).
fn last_sentence_end(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .rev()
        .find(|&i| {
            matches!(b[i], b'.' | b'!' | b'?')
                && !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        })
        .map_or(0, |i| i + 1)
}

/// The other cells of the unit's table row (empty outside tables).
fn row_cells<'a>(ctx: &'a Ctx<'_>, unit: &Unit) -> Vec<&'a Unit> {
    if unit.cell.is_none() {
        return Vec::new();
    }
    ctx.block(unit.block).iter().filter(|u| u.cell.is_some()).collect()
}

fn is_column(ctx: &Ctx<'_>, unit: &Unit, kind: &str) -> bool {
    unit.cell.as_ref().is_some_and(|(_, col)| {
        ctx.charge(col.len()) && ctx.lx.find("table_columns", col).iter().any(|m| ctx.lx.canonical(m) == kind)
    })
}
