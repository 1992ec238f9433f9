//! Uses and indications.
//!
//! ## What it extracts
//! Conditions named in a uses section (headings, items, sentences, table
//! "use" cells) and, elsewhere, conditions after a `use` cue ("used to
//! treat", "for treating"; in side-effect, precaution, contraindication and
//! interaction sections only a strong cue of `phrase_bounds.tsv`), after a
//! `class_examples` phrase such a cue governs ("treating conditions such
//! as …"), or after a regulatory status cue ("approved by the FDA for use
//! as an anesthetic"). What a cause cue governs or a negation spares ("does
//! not cause X", "relief without X") is no use. Status comes from the nearest status
//! cue in the unit ("FDA-approved", "off-label", "has shown promise"), else
//! from the item label, the list's lead-in ("prescribed off-label for:") or
//! the headings. A qualifier (`acute manic episodes`) comes from the same item.
//! A use stated for a related product (`esketamine nasal spray for
//! depression`) carries it as `product`.
//!
//! Conditions come from the hand-curated `conditions` table, then from
//! the ICD-10-CM table where no curated term lies; a term of the latter
//! must not be cut off from its cue by a bound ("in patients with"). After
//! a strong cue of `phrase_bounds.tsv`, a phrase no table names is a use
//! too, with `normalized: false` (see [`super::phrase`]). Where a use's
//! object names no condition, the patients it is for or the cause of what
//! it acts on name it ("to control blood sugar levels in patients with
//! type 2 diabetes"; see `named_beyond_object`).
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
use super::{Claim, Ctx, Found, Kind, Value};
use crate::model::SectionKind;

const NOT_USES: &[SectionKind] = &[
    SectionKind::SideEffects,
    SectionKind::Contraindications,
    SectionKind::Interactions,
    SectionKind::References,
    SectionKind::Precautions,
    SectionKind::Legal,
];

/// Sections where a term no curated condition row names may be a use.
const UNCURATED_SECTIONS: &[SectionKind] = &[SectionKind::Overview, SectionKind::Uses];

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
        // In a section about harms or other drugs, "treatment for latent TB",
        // "patients treated with the drug" or "expertise in the treatment
        // of fungal infections" are about another treatment or the trial's
        // patients: only a strong cue states a use there.
        let mut cues = if NOT_USES.contains(&unit.section) { Vec::new() } else { ctx.cue_ranges(unit, "use") };
        // The strong cues of `phrase_bounds.tsv` ("is used to treat", "used
        // to prevent") are use cues too, and the only ones that govern a
        // term no curated condition row names.
        let mut strong = super::phrase::strong_cues(ctx, unit, "use");
        strong.extend(class_examples(ctx, unit, &cues));
        // "is used to raise blood pressure", "is used to cleanse the colon":
        // in the overview or uses, the `used` phrase of a purpose governs a
        // curated term as a strong cue does, bounds included.
        let used = if UNCURATED_SECTIONS.contains(&unit.section) { used_phrases(ctx, unit) } else { Vec::new() };
        strong.extend(used.iter().cloned());
        strong.sort_by_key(|r| (r.start, r.end));
        cues.extend(strong.iter().cloned());
        cues.sort_by_key(|r| (r.start, r.end));
        let cue_at = cues.first().map(|r| r.start);
        let regulatory_at = match unit.cell {
            Some(_) => None,
            None => ctx.hits(unit, t.statuses).find(|m| REGULATORY.contains(&ctx.lx.canonical(m))).map(|m| m.start),
        };
        if NOT_USES.contains(&unit.section) && cue_at.is_none() && regulatory_at.is_none() {
            continue;
        }
        if unit.section == SectionKind::References {
            continue;
        }
        let mut found = ctx.concepts(unit, t.conditions);
        // A curated side effect after a strong cue is what is treated
        // ("used to treat euvolemic hyponatremia"), where no condition
        // names it.
        // A row marked `treated=no` ("increased mortality": "to reduce the
        // risk of death") names an outcome, never what is treated.
        let side_effects = ctx.lx.table(t.side_effects);
        for f in ctx.terms(unit, t.side_effects) {
            let outcome = side_effects.get(&f.canonical).and_then(|r| r.attr("treated")) == Some("no");
            if !outcome && !found.iter().any(|o| o.range.start < f.range.end && f.range.start < o.range.end) {
                found.push(Found { uncurated: true, ..f });
            }
        }
        let phrases = super::phrase::open_phrases(ctx, unit, "use", t.conditions);
        found.retain(|f| !phrases.iter().any(|p| p.replaces.contains(&f.range)));
        let open: Vec<_> = phrases.into_iter().map(|p| p.range).collect();
        for range in &open {
            let condition = unit.text.as_str()[range.clone()].to_lowercase();
            found.push(Found { canonical: condition, range: range.clone(), codes: Vec::new(), uncurated: true });
        }
        // "Tetanus toxoid is used to prevent tetanus", "an MRI (magnetic
        // resonance imaging) agent used to help during MRI scans": a concept
        // is found once per unit, at its first mention; where that is
        // before the first cue of the overview, a later mention after it
        // is the use.
        if unit.section == SectionKind::Overview
            && let Some(at) = cue_at
        {
            let curated: Vec<_> = ctx.hits(unit, t.conditions).map(|m| m.start..m.end).collect();
            for f in &mut found {
                // A terminology hit inside a curated term is not a mention
                // ("cancer" of "breast cancer").
                if f.range.end <= at
                    && let Some(later) = ctx.hits(unit, t.conditions).chain(ctx.hits(unit, t.terminology)).find(|m| {
                        m.start >= at
                            && ctx.lx.canonical(m) == f.canonical
                            && (m.table == t.conditions || !curated.iter().any(|c| c.start < m.end && m.start < c.end))
                    })
                {
                    f.range = later.start..later.end;
                }
            }
        }
        let beyond_object = if UNCURATED_SECTIONS.contains(&unit.section) {
            named_beyond_object(ctx, unit, &strong, &found)
        } else {
            Vec::new()
        };
        let causes = ctx.cause_ranges(unit);
        // "… have not been proven": a sentence that denies a use, or says
        // who must not use the drug, states no use of an uncurated term.
        let contraindicated = ctx.has_cue(unit, "contraindication")
            || ctx.hits(unit, t.phrase_bounds).any(|m| ctx.lx.canonical(m) == "void");
        let describes_label = unit.role == Role::ItemSentence
            && unit.label.as_deref().is_some_and(|l| {
                !ctx.terms_in(l, t.conditions).is_empty() || !ctx.terms_in(l, t.terminology).is_empty()
            });
        for f in found {
            if ctx.is_population(&f.canonical) {
                continue;
            }
            // "does not cause respiratory depression", "can cause nausea":
            // what a cause cue governs is an effect, even in a uses section,
            // in a sentence with no use cue before it ("reduce the risk of
            // stroke" is a use) ...
            let caused = causes.iter().any(|c| c.end <= f.range.start) && !cues.iter().any(|u| u.end <= f.range.start);
            // ... and "relief for renal colic without the respiratory
            // depression of opioids" spares the patient an effect.
            let spared = ctx.negated(unit, &f.range) && !cues.iter().any(|cue| ctx.negated(unit, cue));
            // "is used together with other cancer medicines to treat …": a
            // term inside a `used` phrase's reach names what it is used with.
            let inside_cue = used.iter().any(|c| c.start <= f.range.start && f.range.end <= c.end);
            if caused || spared || inside_cue {
                continue;
            }
            let after_cue = [cue_at, regulatory_at].into_iter().flatten().any(|at| at <= f.range.start);
            let named_beyond = beyond_object.contains(&f.range) && !contraindicated;
            if !(in_uses || use_cell || after_cue) {
                continue;
            }
            // Without a cue, "People with kidney disease may need longer
            // intervals" names the patients a dose remark is about.
            if !after_cue && unit.role != Role::Label && ctx.names_patients(unit, &f.range) {
                continue;
            }
            // "**Uveitis:** Inflammation of the uvea. It helps reduce
            // inflammation in the eye": the body describes the condition its
            // label names; only a cue there states another use.
            if !after_cue && describes_label {
                continue;
            }
            // An uncurated term is a use only in the overview or uses, where
            // a page says what the drug is for (elsewhere "to treat an
            // overdose" or "to prevent the dizziness from returning" is about
            // something else), never in a sentence that denies a use or says
            // who must not use the drug, …
            if f.uncurated && (!UNCURATED_SECTIONS.contains(&unit.section) || contraindicated) {
                continue;
            }
            // A curated term after a strong cue obeys its bounds too ("used
            // to prevent infections in patients with blood cancers").
            let nearest_cue = cues.iter().rfind(|c| c.end <= f.range.start);
            if !f.uncurated
                && !named_beyond
                && let Some(cue) = nearest_cue.filter(|c| strong.contains(c))
                && ctx.stop_between(unit, cue.end..f.range.start)
            {
                continue;
            }
            // … and only after a strong cue with no bound or cause cue
            // between: "to treat anemia in patients with chronic kidney
            // disease" is about anemia, "used to treat pain but can cause
            // nausea" not about nausea. Even in a uses section: a list there
            // may be of anything the headings did not separate (the side
            // effects of a flattened table).
            if f.uncurated && !named_beyond && !names_the_item(unit, &f) && !listed_after_use(ctx, unit, &f) {
                let governed =
                    strong.iter().filter(|c| c.end <= f.range.start).map(|c| c.end).next_back().is_some_and(|at| {
                        !causes.iter().any(|c| at <= c.start && c.end <= f.range.start)
                            && !ctx.stop_between(unit, at..f.range.start)
                    });
                if !governed {
                    continue;
                }
            }
            let normalized = !open.contains(&f.range);
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
                Value::Use { condition: f.canonical, status, qualifier, product, codes: f.codes, normalized },
            );
            // "they don't feel pain" describes the effect; a use is denied
            // only when the use itself is ("is not used to treat"), by a cue
            // that governs it: "… breast cancer in women who have not been
            // treated with other medicines" denies nothing of the use.
            claim.negated &= cues.iter().any(|cue| cue.end <= f.range.start && ctx.negated(unit, cue));
            claims.push(claim);
        }
    }
    claims
}

/// Words that open the purpose or the patients of a `used` phrase.
/// Language, not domain knowledge.
const PURPOSE_MARKERS: &[&str] = &["to", "for", "in", "as", "by", "during", "on"];

/// Most words between a `used` phrase and the marker of its purpose ("is
/// used alone or together with other medicines to").
const MAX_WORDS_TO_PURPOSE: usize = 8;

/// The `used` phrases of `phrase_bounds.tsv` in a unit that open a purpose
/// or the patients ("is used to", "are used for", "is used in", "is used by
/// people with diabetes", "is used together with a support program to"),
/// each up to the end of its marker, so the words between do not bound its
/// object. "Is used with caution" states none.
fn used_phrases(ctx: &Ctx<'_>, unit: &Unit) -> Vec<std::ops::Range<usize>> {
    let text = unit.text.as_str();
    let mut out = Vec::new();
    for m in ctx.hits(unit, ctx.tables.phrase_bounds).filter(|m| ctx.lx.canonical(m) == "used") {
        let mut at = m.end;
        for word in text[m.end..].split_inclusive(char::is_whitespace).take(MAX_WORDS_TO_PURPOSE + 1) {
            let bare = word.trim_end();
            if bare == "caution" || bare.ends_with([',', ';', ':', '.', '(', ')']) {
                break;
            }
            at += word.len();
            if PURPOSE_MARKERS.contains(&bare) {
                out.push(m.start..at - (word.len() - bare.len()));
                break;
            }
        }
    }
    out
}

/// Most words between a `population_with` cue or `underlying` bound and
/// the first condition it names ("in patients with severe, acute
/// hypotension").
const MAX_WORDS_TO_NAMED_CONDITION: usize = 4;

/// The conditions a use names beyond its object, after a use cue or
/// `used` phrase of the same clause, where its object names no condition:
/// - the patients it is for: "is used to control blood sugar levels in
///   patients with type 2 diabetes", "is used to treat patients with acute
///   hepatic porphyria" (a `population_with` cue);
/// - what causes what it acts on: "to lower pressure inside the eye that is
///   caused by open-angle glaucoma" (an `underlying` bound of
///   `phrase_bounds.tsv`).
///
/// Where the object names a condition, that is the use: "used to prevent
/// infections in patients with blood cancers", "to treat agitation that
/// may happen with dementia caused by Alzheimer's disease". The conditions
/// named run from the cue or bound to the next bound or clause end.
fn named_beyond_object(
    ctx: &Ctx<'_>,
    unit: &Unit,
    anchors: &[std::ops::Range<usize>],
    found: &[Found],
) -> Vec<std::ops::Range<usize>> {
    let text = unit.text.as_str();
    let bounds: Vec<_> = ctx.hits(unit, ctx.tables.phrase_bounds).collect();
    let populations = ctx.cue_ranges(unit, "population_with").into_iter();
    let causes = bounds.iter().filter(|m| ctx.lx.canonical(m) == "underlying").map(|m| m.start..m.end);
    let mut out = Vec::new();
    for at in populations.chain(causes) {
        let Some(anchor) = anchors.iter().filter(|a| a.end <= at.start).max_by_key(|a| a.end) else {
            continue;
        };
        let between = anchor.end..at.start;
        if text[between.clone()].contains([';', ':', '.'])
            || found.iter().any(|f| between.start <= f.range.start && f.range.end <= between.end)
        {
            continue;
        }
        let rest = &text[at.end..];
        let end = ctx.bounded_end(&bounds, at.end, at.end + rest.find([';', ':', '.']).unwrap_or(rest.len()));
        let mut named: Vec<&Found> = found.iter().filter(|f| at.end <= f.range.start && f.range.end <= end).collect();
        named.sort_by_key(|f| f.range.start);
        // The first condition close to the cue or bound, then those
        // coordinated with it ("ovarian cancer, fallopian tube cancer, or
        // …"), not one further on ("… with a certain type of abnormal BRCA
        // gene or a positive tumor test").
        let mut last = at.end;
        for f in named {
            if text[last..f.range.start.max(last)].split_whitespace().count() > MAX_WORDS_TO_NAMED_CONDITION {
                break;
            }
            out.push(f.range.clone());
            last = f.range.end;
        }
    }
    out
}

/// Most words between a use cue and the class whose examples it governs
/// ("treating other inflammatory conditions such as …").
const MAX_WORDS_TO_CLASS: usize = 5;

/// The `class_examples` phrases of `phrase_bounds.tsv` ("conditions such
/// as", "diseases including") a use cue governs: the examples listed after
/// one are uses as certainly as after a strong cue ("has off-label uses in
/// treating other inflammatory conditions such as hidradenitis
/// suppurativa, pyoderma gangrenosum …"), where a bare "such as" would
/// stop the cue.
fn class_examples(ctx: &Ctx<'_>, unit: &Unit, cues: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let text = unit.text.as_str();
    ctx.hits(unit, ctx.tables.phrase_bounds)
        .filter(|m| ctx.lx.canonical(m) == "class_examples")
        .filter(|m| {
            cues.iter().any(|c| {
                c.end <= m.start
                    && !text[c.end..m.start].contains(['.', ';', ':', '(', ')'])
                    && text[c.end..m.start].split_whitespace().count() <= MAX_WORDS_TO_CLASS
                    && !ctx.stop_between(unit, c.end..m.start)
            })
        })
        .map(|m| m.start..m.end)
        .collect()
}

/// Whether a term is the whole of an item label or heading in a uses
/// section ("**Uveitis:** Inflammation of the uvea …", "1.4 Ankylosing
/// Spondylitis"): naming the item is as strong as a use cue.
fn names_the_item(unit: &Unit, f: &Found) -> bool {
    unit.section == SectionKind::Uses && matches!(unit.role, Role::Label | Role::Heading) && is_all_of(unit, f)
}

/// Whether the term is all of an item of a uses section whose lead-in or
/// parent item states a use: "temporarily relieves • sneezing • runny nose".
fn listed_after_use(ctx: &Ctx<'_>, unit: &Unit, f: &Found) -> bool {
    unit.section == SectionKind::Uses
        && unit.role == Role::ItemSentence
        && is_all_of(unit, f)
        && [&unit.lead_in, &unit.parent_item]
            .into_iter()
            .flatten()
            .any(|l| ctx.terms_in(l, ctx.tables.cues).iter().any(|c| c == "use"))
}

/// Whether the term is all the unit says, but for a few letters.
fn is_all_of(unit: &Unit, f: &Found) -> bool {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let text = unit.text.as_str();
    letters(&text[..f.range.start]) + letters(&text[f.range.end..]) <= MAX_UNNAMED_LETTERS
}

/// Letters an item label may hold beside the term it names ("Other", "the").
const MAX_UNNAMED_LETTERS: usize = 5;

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
