//! Conflict detection: where sources (or one source) make incompatible
//! claims about the same subject (SPEC §5).
//!
//! Most apparent contradictions are context differences, so claims are
//! first aligned: on the product (a related product such as an enantiomer
//! is never compared with the drug), on the use context (recreational or
//! long-term abuse is not therapeutic use), and for doses on indication,
//! route, phase, population and unit. Only then are stances compared.
//! Tolerances and severities come from `lexicons/conflict_rules.tsv`.
//! "Mentioned by A, absent from B" is never a conflict.

use std::collections::BTreeMap;

use crate::extract::{Amount, Kind, Value};

use crate::lexicon::Lexicon;
use crate::merge::{COMPARED_STATUSES, Fact, Monograph};

// The conflict types are defined with the monograph that holds them, so
// merge (the earlier stage) need not import this one.
pub use crate::merge::{Conflict, Position};

/// Claims on each side of a would-be conflict, keyed by stance.
type Sides<'c> = BTreeMap<String, Vec<&'c Fact>>;

/// Contexts that are not therapeutic use of the drug.
const ABUSE_CONTEXTS: &[&str] = &["recreational", "long_term"];

/// Tunable numbers and severities, read from `conflict_rules.tsv`.
struct Rules<'a> {
    lx: &'a Lexicon,
    duration_tolerance: f64,
    range_factor: f64,
    range_gap: f64,
    /// Two ceilings disagree when the larger is more than this times the
    /// smaller: a maximum is a precise number (3 g and 4 g a day differ).
    ceiling_ratio: f64,
}

impl<'a> Rules<'a> {
    fn load(lx: &'a Lexicon) -> Rules<'a> {
        let table = lx.table(lx.id("conflict_rules"));
        let num = |row: &str, key: &str, default: f64| {
            table.get(row).and_then(|r| r.attr(key)).and_then(|v| v.parse().ok()).unwrap_or(default)
        };
        Rules {
            lx,
            duration_tolerance: num("duration", "tolerance", 0.25),
            range_factor: num("range", "factor", 3.0),
            range_gap: num("range", "gap", 1.5),
            ceiling_ratio: num("range", "ceiling", 1.25),
        }
    }

    /// `high` when the subject or the field is listed as high, and so on.
    fn severity(&self, field: Kind, subject: &str) -> String {
        let table = self.lx.table(self.lx.id("conflict_rules"));
        for level in ["high", "medium", "low"] {
            if let Some(row) = table.get(level)
                && row.synonyms.iter().any(|s| s.eq_ignore_ascii_case(subject))
            {
                return level.to_string();
            }
        }
        for level in ["high", "medium", "low"] {
            if let Some(row) = table.get(level)
                && row.attr("fields").is_some_and(|f| f.split(',').any(|f| f.trim() == field.as_str()))
            {
                return level.to_string();
            }
        }
        "medium".to_string()
    }
}

/// Finds the conflicts of one monograph, sorted by id.
pub fn detect(mono: &Monograph, lx: &Lexicon) -> Vec<Conflict> {
    let rules = Rules::load(lx);
    let mut out = Vec::new();
    out.extend(polarity(mono, &rules));
    out.extend(qualifier(mono, &rules));
    out.extend(range(mono, &rules));
    out.extend(duration(mono, &rules));
    out.extend(status(mono, &rules));
    out.extend(onset(mono, &rules));
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

fn context_of(c: &Fact) -> Option<&str> {
    match &*c.value {
        Value::SideEffect { context, .. } => context.as_deref(),
        _ => None,
    }
}

fn is_abuse(c: &Fact) -> bool {
    context_of(c).is_some_and(|x| ABUSE_CONTEXTS.contains(&x))
}

/// Affirmed vs negated for the same kind, key and product. Claims made in an
/// abuse context are only compared with claims in one; a denial scoped to
/// one way of taking the drug is not compared ([`scoped_denial`]).
fn polarity(mono: &Monograph, rules: &Rules<'_>) -> Vec<Conflict> {
    let mut groups: BTreeMap<(Kind, String, Option<String>), Vec<&Fact>> = BTreeMap::new();
    for c in &mono.facts {
        // Pharmacokinetic parameters have no stance ("not metabolised" is a
        // value, and a mention of metabolism elsewhere does not contradict it).
        if matches!(c.kind, Kind::Dosage | Kind::Citation | Kind::Route | Kind::Pharmacokinetics) {
            continue;
        }
        groups.entry((c.kind, c.value.concept(), c.value.product().map(str::to_string))).or_default().push(c);
    }
    let mut out = Vec::new();
    for ((kind, _concept, product), claims) in groups {
        // Grouped by concept (code), named by the first claim's term.
        let key = claims.first().map(|c| c.value.key()).unwrap_or_default();
        for abuse in [false, true] {
            let aligned: Vec<&Fact> = claims.iter().copied().filter(|c| is_abuse(c) == abuse).collect();
            let affirmed: Vec<&Fact> = aligned.iter().copied().filter(|c| !c.negated).collect();
            let negated: Vec<&Fact> =
                aligned.iter().copied().filter(|c| c.negated && !scoped_denial(c, rules.lx)).collect();
            if affirmed.is_empty() || negated.is_empty() || !across_or_same_context(&affirmed, &negated) {
                continue;
            }
            let context = format!(
                "{}{}",
                product.as_deref().unwrap_or(&mono.drug.name),
                if abuse { ", recreational or long-term use" } else { ", therapeutic use" }
            );
            let positions = vec![position(mono, "affirmed", &affirmed), position(mono, "negated", &negated)];
            let summary = format!(
                "{} source(s) state {key} ({}); {} source(s) say {} does not ({})",
                positions[0].sources.len(),
                positions[0].sources.join(", "),
                positions[1].sources.len(),
                product.as_deref().unwrap_or(&mono.drug.name),
                positions[1].sources.join(", ")
            );
            out.push(conflict(mono, rules, "polarity", kind, &key, summary, context, positions));
        }
    }
    out
}

/// Whether the denials disagree with the affirmations. A page that says both
/// holds a mixed stance, and contradicts itself only when it says both in the
/// same context (section and heading): "Antipsychotic-induced weight gain" in a list of
/// uses does not contradict "does not cause weight gain" in its FAQ, and
/// "no cases of rhabdomyolysis were reported" in one trial does not undo a
/// label's warning. Across pages, a denial counts only from a page that never
/// affirms: two labels that each warn and each mention one trial without the
/// effect agree with each other.
fn across_or_same_context(affirmed: &[&Fact], negated: &[&Fact]) -> bool {
    affirmed.iter().any(|a| {
        negated.iter().any(|n| {
            // A page's "if jaundice occurs, stop" is no stance against its
            // own "was not associated with jaundice".
            if n.source == a.source {
                n.context == a.context && !a.hedged
            } else {
                !affirmed.iter().any(|other| other.source == n.source)
            }
        })
    })
}

/// Two qualifiers of one use on the same axis with different sides
/// (`acute manic episodes` vs `depressive episodes`).
fn qualifier(mono: &Monograph, rules: &Rules<'_>) -> Vec<Conflict> {
    let table = rules.lx.table(rules.lx.id("qualifiers"));
    // (condition, product, axis) -> side -> claims
    let mut groups: BTreeMap<(String, Option<String>, String), Sides<'_>> = BTreeMap::new();
    for c in mono.facts.iter().filter(|c| !c.negated) {
        let Value::Use { condition, qualifier: Some(q), product, .. } = &*c.value else { continue };
        let Some(row) = table.get(q) else { continue };
        let (Some(axis), Some(side)) = (row.attr("axis"), row.attr("side")) else { continue };
        groups
            .entry((condition.clone(), product.clone(), axis.to_string()))
            .or_default()
            .entry(side.to_string())
            .or_default()
            .push(c);
    }
    let mut out = Vec::new();
    for ((condition, product, axis), sides) in groups {
        let context = format!("{}, use for {condition}, {axis}", product.as_deref().unwrap_or(&mono.drug.name));
        out.extend(opposed(mono, rules, "qualifier", Kind::Use, &condition, context, &sides));
    }
    out
}

/// True for a ceiling ("maximum 120 mg per day", "up to 2 mg/kg", "not more
/// than 80 mg"): it is compared with other ceilings only, never with a dose.
fn is_ceiling(phase: Option<&str>, amount: &Amount) -> bool {
    // "usual maintenance dose ≤ 10 mg" is a maintenance range, not a ceiling.
    phase == Some(MAXIMUM) || (amount.min.is_none() && phase.is_none())
}

/// The phase of a ceiling (`phases.tsv`).
const MAXIMUM: &str = "maximum";

/// The attributes two doses must share to be compared: product, indication,
/// route, phase, population, unit and a weekly or monthly interval. A ceiling is a property of the route
/// and population rather than of one indication, so ceilings are compared
/// across indications, and a ceiling that names no population is an adult's
/// (what a page means when it names none).
fn dose_context<'c>(c: &'c Fact, lx: &Lexicon) -> Option<(String, &'c Amount, bool)> {
    let Value::Dosage { amount: Some(amount), route, indication, phase, population, product, frequency, .. } =
        &*c.value
    else {
        return None;
    };
    let ceiling = is_ceiling(phase.as_deref(), amount);
    // A weekly or monthly dose (a depot injection) is another regimen than
    // a daily one: "100 mg monthly" is not "20 mg a day" exceeded.
    let interval = frequency.as_ref().map(|f| f.per.as_str()).filter(|per| *per != "day").unwrap_or("");
    // ... except a ceiling for an organ impairment ("renal impairment:
    // maximum 200 mg/day"), which is that impairment's.
    let conditions = lx.table(lx.id("conditions"));
    let adjusted = indication
        .as_deref()
        .filter(|i| conditions.get(i).and_then(|r| r.attr("adjusts_dose")) == Some("yes"))
        .unwrap_or("");
    let (indication, phase, population) = if ceiling {
        (adjusted, MAXIMUM, population.as_deref().unwrap_or("adult"))
    } else {
        (indication.as_deref().unwrap_or(""), phase.as_deref().unwrap_or(""), population.as_deref().unwrap_or(""))
    };
    Some((
        format!(
            "{}|{}|{}|{}|{}|{}|{}",
            product.as_deref().unwrap_or(""),
            indication,
            route.as_deref().unwrap_or(""),
            phase,
            population,
            amount.unit,
            interval
        ),
        amount,
        ceiling,
    ))
}

/// A dose claim and its range, `min` taken as 0 for "up to".
type DoseRange<'c> = (&'c Fact, (f64, f64));

/// Doses that disagree, for the same product, indication, route, phase,
/// population and unit: ranges that do not overlap, or whose midpoints
/// differ by more than the configured factor; ceilings (any indication)
/// that differ by more than the configured ceiling ratio.
fn range(mono: &Monograph, rules: &Rules<'_>) -> Vec<Conflict> {
    let mut groups: BTreeMap<String, (bool, Vec<DoseRange<'_>>)> = BTreeMap::new();
    for c in &mono.facts {
        let Some((key, amount, ceiling)) = dose_context(c, rules.lx) else { continue };
        let Some(hi) = amount.max.or(amount.min) else { continue };
        let lo = amount.min.unwrap_or(0.0);
        groups.entry(key).or_insert((ceiling, Vec::new())).1.push((c, (lo, hi)));
    }
    let mut out = Vec::new();
    for (key, (ceiling, doses)) in groups {
        let parts: Vec<&str> = key.split('|').collect();
        // Doses are compared within one indication; ceilings name the
        // indication their claims share, if they share one.
        let subject = if ceiling {
            let mut named: Vec<&str> = doses.iter().filter_map(|(c, _)| indication_of(c)).collect();
            named.sort();
            named.dedup();
            match named.as_slice() {
                [one] => one.to_string(),
                _ => "maximum dose".to_string(),
            }
        } else {
            match parts.get(1).filter(|s| !s.is_empty()) {
                Some(ind) => ind.to_string(),
                None => continue,
            }
        };
        // Apart: no overlap and a real gap between the nearest ends, or
        // midpoints more than the configured factor apart. Ceilings: the
        // larger more than the configured gap times the smaller.
        let disagree = |a: (f64, f64), b: (f64, f64)| {
            if ceiling {
                return a.1.max(b.1) > rules.ceiling_ratio * a.1.min(b.1).max(f64::MIN_POSITIVE);
            }
            let (lo, hi) = if a.1 < b.0 { (a.1, b.0) } else { (b.1, a.0) };
            let apart = hi > lo && hi > rules.range_gap * lo.max(f64::MIN_POSITIVE);
            let (ma, mb) = ((a.0 + a.1) / 2.0, (b.0 + b.1) / 2.0);
            apart || ma.max(mb) > rules.range_factor * ma.min(mb).max(f64::MIN_POSITIVE)
        };
        let mut sides: Sides<'_> = BTreeMap::new();
        // Alternatives within one source ("500 mg or 850 mg") and the steps
        // of one schedule ("160 mg on day 1, 80 mg on day 15, then 40 mg")
        // are a regimen, not a disagreement: only doses of different
        // sources are compared, and a dose that some dose of the other
        // source agrees with is not in dispute with that source.
        // Two sources are in dispute when each states a dose that no dose
        // of the other agrees with; one that only adds steps is not.
        let disputes = Disputes::new(&doses, disagree);
        let mut on_side = vec![false; doses.len()];
        for (i, (c, r)) in doses.iter().enumerate() {
            if disputes.differs(i) {
                on_side[i] = true;
                let stance = if ceiling { format!("up to {}", fmt_num(r.1)) + " " + parts[5] } else { c.value.key() };
                sides.entry(stance).or_default().push(c);
            }
        }
        let labels = ["product", "indication", "route", "phase", "population", "unit", "given once a"];
        let mut context = non_empty(parts[0], &mono.drug.name).to_string();
        for (label, value) in labels.iter().zip(&parts).skip(1).filter(|(_, v)| !v.is_empty()) {
            context.push_str(&format!("; {label} {value}"));
        }
        let what = if ceiling { "maximum dose" } else { "dose" };
        if let Some(mut conflict) = opposed(mono, rules, "range", Kind::Dosage, &subject, context, &sides) {
            let spread = spread(&doses, &on_side);
            if spread >= 2.0 {
                conflict.severity = "high".to_string();
            }
            conflict.summary = format!("{what} differs {}x between sources: {}", fmt_num(spread), conflict.summary);
            out.push(conflict);
        }
    }
    out
}

/// The indication a dose names, if any.
fn indication_of(c: &Fact) -> Option<&str> {
    match &*c.value {
        Value::Dosage { indication, .. } => indication.as_deref(),
        _ => None,
    }
}

/// Largest over smallest of the upper ends of the doses on the sides
/// (`on_side[i]` for `doses[i]`).
fn spread(doses: &[DoseRange<'_>], on_side: &[bool]) -> f64 {
    let his: Vec<f64> = doses.iter().zip(on_side).filter(|(_, on)| **on).map(|((_, r), _)| r.1).collect();
    let max = his.iter().copied().fold(f64::MIN, f64::max);
    let min = his.iter().copied().fold(f64::MAX, f64::min).max(f64::MIN_POSITIVE);
    (max / min * 10.0).round() / 10.0
}

/// Which doses of one group are in dispute with another source (see
/// [`range`]), worked out once per dose and source.
///
/// Asking "does some dose of that source agree with this one?" afresh for
/// every pair of doses made the rule quartic in the doses of a group: a
/// drug's usual dose, stated by most of 450 pages, took seconds.
struct Disputes {
    /// Source of each dose, as an index into the group's sources.
    source: Vec<usize>,
    /// Number of distinct sources in the group.
    sources: usize,
    /// `unmatched[i * sources + s]`: dose `i` is from another source than
    /// `s`, and no dose of source `s` agrees with it.
    unmatched: Vec<bool>,
    /// `against[a * sources + b]`: some dose of source `a` is unmatched by
    /// source `b`.
    against: Vec<bool>,
}

impl Disputes {
    fn new(doses: &[DoseRange<'_>], disagree: impl Fn((f64, f64), (f64, f64)) -> bool) -> Disputes {
        let mut ids: Vec<u32> = doses.iter().map(|(c, _)| c.source).collect();
        ids.sort_unstable();
        ids.dedup();
        let sources = ids.len();
        let source: Vec<usize> =
            doses.iter().map(|(c, _)| ids.binary_search(&c.source).expect("every source is listed")).collect();
        let mut by_source: Vec<Vec<(f64, f64)>> = vec![Vec::new(); sources];
        for (s, (_, r)) in source.iter().zip(doses) {
            by_source[*s].push(*r);
        }
        let mut unmatched = vec![false; doses.len() * sources];
        let mut against = vec![false; sources * sources];
        for (i, (_, r)) in doses.iter().enumerate() {
            for (s, others) in by_source.iter().enumerate() {
                if s != source[i] && others.iter().all(|o| disagree(*r, *o)) {
                    unmatched[i * sources + s] = true;
                    against[source[i] * sources + s] = true;
                }
            }
        }
        Disputes { source, sources, unmatched, against }
    }

    /// Whether dose `i` differs: some other source leaves it unmatched, and
    /// that source and dose `i`'s are in dispute (each states a dose the
    /// other does not agree with).
    fn differs(&self, i: usize) -> bool {
        let (a, n) = (self.source[i], self.sources);
        (0..n).any(|b| self.unmatched[i * n + b] && self.against[a * n + b] && self.against[b * n + a])
    }
}

/// A number as people write it: `40`, `2.5`.
fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") }
}

fn non_empty<'a>(s: &'a str, default: &'a str) -> &'a str {
    if s.is_empty() { default } else { s }
}

/// Minutes in a duration.
fn minutes(a: &Amount) -> Option<f64> {
    let v = (a.min? + a.max?) / 2.0;
    Some(if a.unit == "h" { v * 60.0 } else { v })
}

/// Administration lengths (per infusion) for the same product, route and
/// phase that differ beyond the tolerance. A duration stated without an
/// indication is compared with every indication of the same phase that its
/// page states as a use.
fn duration(mono: &Monograph, rules: &Rules<'_>) -> Vec<Conflict> {
    struct D<'c> {
        claim: &'c Fact,
        indication: Option<String>,
        phase: String,
        product: String,
        minutes: f64,
        shown: String,
    }
    let mut all = Vec::new();
    for c in &mono.facts {
        let Value::Dosage { duration: Some(d), indication, phase, product, .. } = &*c.value else { continue };
        let Some(m) = minutes(d) else { continue };
        let shown = format!("{} {}", d.max.unwrap_or(0.0), d.unit);
        all.push(D {
            claim: c,
            indication: indication.clone(),
            phase: phase.clone().unwrap_or_default(),
            product: product.clone().unwrap_or_default(),
            minutes: m,
            shown,
        });
    }
    // A length a page gives without an indication is one of the uses the
    // page states: a clinic's page on depression infusions is not about
    // complex regional pain syndrome it never names.
    let stated: std::collections::BTreeSet<(u32, &str)> = mono
        .facts
        .iter()
        .filter(|c| !c.negated)
        .filter_map(|c| match &*c.value {
            Value::Use { condition, .. } => Some((c.source, condition.as_str())),
            _ => None,
        })
        .collect();
    let mut indications: Vec<&str> = all.iter().filter_map(|d| d.indication.as_deref()).collect();
    indications.sort();
    indications.dedup();
    let mut out = Vec::new();
    for ind in indications {
        let anchor: Vec<&D> = all.iter().filter(|d| d.indication.as_deref() == Some(ind)).collect();
        let group: Vec<&D> = all
            .iter()
            .filter(|d| {
                d.indication.as_deref() == Some(ind)
                    || (d.indication.is_none()
                        && stated.contains(&(d.claim.source, ind))
                        && anchor.iter().any(|a| a.phase == d.phase && a.product == d.product))
            })
            .collect();
        let mut sides: Sides<'_> = BTreeMap::new();
        // Lengths on one page ("5 to 10 minutes of anesthesia", "25 minutes
        // after a second dose") are that page's details: only lengths of
        // different sources are compared.
        for d in &group {
            let differs = group.iter().any(|o| {
                o.product == d.product
                    && o.claim.source != d.claim.source
                    && (o.minutes - d.minutes).abs() > rules.duration_tolerance * o.minutes.max(d.minutes)
            });
            if differs {
                sides.entry(d.shown.clone()).or_default().push(d.claim);
            }
        }
        let context = format!("{}, {ind}, length of one administration", mono.drug.name);
        out.extend(opposed(mono, rules, "duration", Kind::Dosage, ind, context, &sides));
    }
    out
}

/// Whether a denial is narrowed to one way of taking the drug by a `scoped`
/// phrase of `negation.tsv` ("does not cause low blood sugar when it is used
/// alone"): no stance on the drug as such, so no polarity conflict with a
/// source that names the effect in combination.
fn scoped_denial(fact: &Fact, lx: &Lexicon) -> bool {
    fact.quote.as_deref().is_some_and(|q| lx.find("negation", q).iter().any(|m| lx.canonical(m) == "scoped"))
}

/// Approved in one source, off-label in another, for the same use and
/// product. Only statuses stated in the quoted clause itself count: a
/// status inherited from a list's lead-in is too weak to accuse a source.
fn status(mono: &Monograph, rules: &Rules<'_>) -> Vec<Conflict> {
    let statuses = rules.lx.id("statuses");
    let mut groups: BTreeMap<(String, Option<String>), Sides<'_>> = BTreeMap::new();
    for c in mono.facts.iter().filter(|c| !c.negated) {
        let Value::Use { condition, status: Some(s), product, .. } = &*c.value else { continue };
        if !COMPARED_STATUSES.contains(&s.as_str()) {
            continue;
        }
        let quote = c.quote.as_deref().unwrap_or_default();
        let explicit = rules.lx.find_in(statuses, quote).iter().any(|m| rules.lx.canonical(m) == s);
        if explicit {
            groups.entry((condition.clone(), product.clone())).or_default().entry(s.clone()).or_default().push(c);
        }
    }
    let mut out = Vec::new();
    for ((condition, product), sides) in groups {
        let context = format!("{}, use for {condition}", product.as_deref().unwrap_or(&mono.drug.name));
        out.extend(opposed(mono, rules, "status", Kind::Use, &condition, context, &sides));
    }
    out
}

/// Time to effect: "within hours" in one source, only "after several
/// administrations" in another.
fn onset(mono: &Monograph, rules: &Rules<'_>) -> Vec<Conflict> {
    let mut sides: Sides<'_> = BTreeMap::new();
    for c in mono.facts.iter().filter(|c| !c.negated) {
        let Value::Pharmacokinetics { parameter, term: Some(term), .. } = &*c.value else { continue };
        if parameter != "onset" {
            continue;
        }
        let side =
            if term == crate::extract::ONSET_REPEATED { term.clone() } else { "rapid (within minutes to days)".into() };
        sides.entry(side).or_default().push(c);
    }
    let context = format!("{}, time until the effect shows", mono.drug.name);
    opposed(mono, rules, "duration", Kind::Pharmacokinetics, "onset", context, &sides).into_iter().collect()
}

/// A conflict between the `sides` (stance → claims), when there are two or
/// more, summarised as "N source(s): stance; …".
fn opposed(
    mono: &Monograph,
    rules: &Rules<'_>,
    kind: &str,
    field: Kind,
    subject: &str,
    context: String,
    sides: &Sides<'_>,
) -> Option<Conflict> {
    if sides.len() < 2 {
        return None;
    }
    let positions: Vec<Position> = sides.iter().map(|(stance, claims)| position(mono, stance, claims)).collect();
    let summary =
        positions.iter().map(|p| format!("{} ({})", p.stance, p.sources.join(", "))).collect::<Vec<_>>().join(" vs ");
    Some(conflict(mono, rules, kind, field, subject, summary, context, positions))
}

fn position(mono: &Monograph, stance: &str, claims: &[&Fact]) -> Position {
    let mut sources: Vec<String> = claims.iter().map(|c| mono.source_id(c).to_string()).collect();
    sources.sort();
    sources.dedup();
    Position { stance: stance.to_string(), sources, claims: claims.iter().map(|c| mono.claim_id(c)).collect() }
}

#[allow(clippy::too_many_arguments)]
fn conflict(
    mono: &Monograph,
    rules: &Rules<'_>,
    kind: &str,
    field: Kind,
    subject: &str,
    summary: String,
    context: String,
    positions: Vec<Position>,
) -> Conflict {
    Conflict {
        id: format!("{}/{}/{}/{}", mono.drug.name, field.as_str(), crate::model::drug_slug(subject), kind),
        drug: mono.drug.name.clone(),
        kind: kind.to_string(),
        field: field.as_str().to_string(),
        subject: subject.to_string(),
        severity: rules.severity(field, subject),
        summary,
        context,
        positions,
    }
}

/// Why a conflict was raised, in words a reviewer can check against the
/// quotes (`monograph conflicts --explain ID`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Why the claims on the sides were judged to be about the same thing.
    pub comparable: String,
    /// Why their stances or values cannot both hold.
    pub disagree: String,
    /// Why the conflict has its severity.
    pub severity: String,
}

/// Explains `conflict` with the rules of `lx` (`conflict_rules.tsv`).
pub fn explain(conflict: &Conflict, lx: &Lexicon) -> Explanation {
    let rules = Rules::load(lx);
    let sides: Vec<String> =
        conflict.positions.iter().map(|p| format!("{} ({})", p.stance, p.sources.join(", "))).collect();
    let sources: Vec<&str> = {
        let mut all: Vec<&str> = conflict.positions.iter().flat_map(|p| p.sources.iter().map(String::as_str)).collect();
        all.sort();
        all.dedup();
        all
    };
    let who = if sources.len() == 1 {
        format!("one source, {}, in one section, states both", sources[0])
    } else {
        format!("{} sources: {}", sources.len(), sources.join(", "))
    };
    let (comparable, disagree) = match conflict.kind.as_str() {
        "polarity" => (
            format!(
                "every claim is a {} claim of {} whose term is \"{}\", about the same product and use context ({}); {who}",
                conflict.field, conflict.drug, conflict.subject, conflict.context
            ),
            format!(
                "the {} side says {} does this and the {} side says it does not: {}",
                conflict.positions.first().map_or("", |p| p.stance.as_str()),
                conflict.drug,
                conflict.positions.get(1).map_or("", |p| p.stance.as_str()),
                sides.join(" vs ")
            ),
        ),
        "range" => (
            format!(
                "the doses share product, indication, route, phase, population, unit and interval ({}); a ceiling is compared \
                 only with ceilings; doses of one source are one regimen and are never compared with each other; {who}",
                conflict.context
            ),
            format!(
                "{}: ceilings differ when the larger is more than {}x the smaller; doses when their ranges do not \
                 overlap with the nearer ends more than {}x apart, or their midpoints are more than {}x apart; \
                 a dose that some dose of the other source agrees with is left out",
                sides.join(" vs "),
                fmt_num(rules.ceiling_ratio),
                fmt_num(rules.range_gap),
                fmt_num(rules.range_factor)
            ),
        ),
        "duration" => (
            format!("the durations belong to the same use and phase ({}); {who}", conflict.context),
            format!(
                "{}: they differ by more than {}% of the longer",
                sides.join(" vs "),
                fmt_num(rules.duration_tolerance * 100.0)
            ),
        ),
        "status" => (
            format!(
                "the same use and product ({}), with the status stated in the quoted clause itself; {who}",
                conflict.context
            ),
            format!("{}: a use cannot be both approved and off-label for one product", sides.join(" vs ")),
        ),
        _ => (
            format!("the qualifiers narrow the same use on the same axis ({}); {who}", conflict.context),
            format!("{}: they name opposite sides of that axis", sides.join(" vs ")),
        ),
    };
    let severity = severity_reason(conflict, &rules);
    Explanation { comparable, disagree, severity }
}

/// Why a conflict has its severity: the spread of a dose conflict, a
/// subject or field listed in `conflict_rules.tsv`, or the default.
fn severity_reason(conflict: &Conflict, rules: &Rules<'_>) -> String {
    let table = rules.lx.table(rules.lx.id("conflict_rules"));
    let level = conflict.severity.as_str();
    if conflict.kind == "range"
        && level == "high"
        && let Some(x) = conflict.summary.split("differs ").nth(1).and_then(|r| r.split('x').next())
        && x.parse::<f64>().is_ok_and(|v| v >= 2.0)
    {
        return format!("high: the doses differ {x}x (2x or more is high)");
    }
    if let Some(row) = table.get(level)
        && row.synonyms.iter().any(|s| s.eq_ignore_ascii_case(&conflict.subject))
    {
        return format!("{level}: conflict_rules.tsv lists \"{}\" as {level}", conflict.subject);
    }
    if let Some(row) = table.get(level)
        && row.attr("fields").is_some_and(|f| f.split(',').any(|f| f.trim() == conflict.field))
    {
        return format!("{level}: conflicts about a {} are {level} (conflict_rules.tsv fields=)", conflict.field);
    }
    format!("{level}: the default")
}
