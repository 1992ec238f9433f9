//! Extraction: turns a document's sections, items, table rows and sentences
//! into typed claims with exact evidence.
//!
//! The document is cut into [`units`] once and every unit is scanned once
//! against the whole lexicon; each claim kind then has its own file that
//! reads those units. [`EXTRACTORS`] lists them in output order. Extractors
//! only read the document and the lexicon; no drug name or page wording
//! appears in this code.

mod claim;
mod drug;
mod phrase;
mod polarity;
mod units;

mod citation;
mod contraindication;
mod dosage;
mod interaction;
mod legal;
mod mechanism;
mod pharmacokinetics;
mod route;
mod side_effect;
mod uses;

use std::cell::Cell;
use std::ops::Range;

pub(crate) use claim::value_from_json;
pub use claim::{Amount, Claim, Code, Evidence, Frequency, ICD10CM, Kind, Value};
pub use drug::{DrugIdentity, identify_drug};
pub use pharmacokinetics::ONSET_REPEATED;

use crate::lexicon::{Lexicon, TableId, TermMatch};
use crate::model::{Document, LineIndex, SectionKind};
use polarity::Triggers;
use units::Unit;

/// Most words between a generic quantifier and the drug noun it counts
/// ("many centrally acting drugs").
const MAX_WORDS_TO_DRUG_NOUN: usize = 2;
/// Most words between "people with" and the condition it names ("people
/// with severe kidney disease").
const MAX_WORDS_TO_CONDITION: usize = 3;

/// What an extractor sees: the document, its raw text and its identity.
pub struct Source<'a> {
    /// Source id.
    pub id: &'a str,
    /// The decoded file (byte offsets equal file offsets).
    pub src: &'a str,
    /// The parsed document.
    pub doc: &'a Document,
    /// The drug the document is about.
    pub drug: &'a DrugIdentity,
}

/// Shared state of one document's extraction.
pub(crate) struct Ctx<'a> {
    pub(crate) source: &'a Source<'a>,
    pub(crate) lx: &'a Lexicon,
    pub(crate) units: Vec<Unit>,
    lines: LineIndex,
    pub(crate) tables: Tables,
    /// Work left for this document, in bytes of text looked through.
    budget: Cell<u64>,
}

/// Work allowed per document, in bytes of text looked through by lexicon
/// lookups and regex searches: this many times the document's size, plus
/// [`BUDGET_BASE`]. Real documents use a few times their size (the seed
/// pages and the benchmark corpus at most 3.4×); what goes far beyond is
/// a pathological file (thousands of amounts in one sentence, each sending
/// the dose extractor through the whole sentence again).
pub const BUDGET_PER_BYTE: u64 = 32;

/// Work allowed per document whatever its size.
pub const BUDGET_BASE: u64 = 4 * 1024 * 1024;

/// Table ids looked up once per document.
pub(crate) struct Tables {
    pub(crate) actions: TableId,
    pub(crate) conditions: TableId,
    pub(crate) contexts: TableId,
    pub(crate) cues: TableId,
    pub(crate) drugs: TableId,
    pub(crate) frequencies: TableId,
    pub(crate) jurisdictions: TableId,
    pub(crate) legal_statuses: TableId,
    pub(crate) metabolizers: TableId,
    pub(crate) negation: TableId,
    pub(crate) phases: TableId,
    pub(crate) pk_parameters: TableId,
    pub(crate) populations: TableId,
    pub(crate) preserved_functions: TableId,
    pub(crate) qualifiers: TableId,
    pub(crate) routes: TableId,
    pub(crate) side_effects: TableId,
    pub(crate) statuses: TableId,
    pub(crate) targets: TableId,
    /// ICD-10-CM (`icd10cm.tsv`), generated from the terminology.
    pub(crate) terminology: TableId,
    /// Bounds of a noun phrase captured after a strong cue.
    pub(crate) phrase_bounds: TableId,
}

impl Tables {
    fn new(lx: &Lexicon) -> Tables {
        Tables {
            actions: lx.id("actions"),
            conditions: lx.id("conditions"),
            contexts: lx.id("contexts"),
            cues: lx.id("cues"),
            drugs: lx.id("drugs"),
            frequencies: lx.id("frequencies"),
            jurisdictions: lx.id("jurisdictions"),
            legal_statuses: lx.id("legal_statuses"),
            metabolizers: lx.id("metabolizers"),
            negation: lx.id("negation"),
            phases: lx.id("phases"),
            pk_parameters: lx.id("pk_parameters"),
            populations: lx.id("populations"),
            preserved_functions: lx.id("preserved_functions"),
            qualifiers: lx.id("qualifiers"),
            routes: lx.id("routes"),
            side_effects: lx.id("side_effects"),
            statuses: lx.id("statuses"),
            targets: lx.id("targets"),
            terminology: lx.id(crate::lexicon::TERMINOLOGY_TABLE),
            phrase_bounds: lx.id("phrase_bounds"),
        }
    }
}

impl Ctx<'_> {
    /// Matches of `table` in a unit.
    pub(crate) fn hits<'u>(&self, unit: &'u Unit, table: TableId) -> impl Iterator<Item = &'u TermMatch> {
        unit.scan.of(table)
    }

    /// Canonical terms of `table` found in `text` (any string, e.g. a heading).
    pub(crate) fn terms_in(&self, text: &str, table: TableId) -> Vec<String> {
        if !self.charge(text.len()) {
            return Vec::new();
        }
        self.lx.find_in(table, text).iter().map(|m| self.lx.canonical(m).to_string()).collect()
    }

    /// Takes `bytes` of work from the document's budget; false once it is
    /// spent, and from then on every lookup comes back empty, so the
    /// extractors run out quickly and [`extract`] drops what they found.
    pub(crate) fn charge(&self, bytes: usize) -> bool {
        let left = self.budget.get();
        self.budget.set(left.saturating_sub(bytes as u64));
        left >= bytes as u64
    }

    fn exhausted(&self) -> bool {
        self.budget.get() == 0
    }

    /// True when the unit holds a cue of `category` (`cues.tsv`).
    pub(crate) fn has_cue(&self, unit: &Unit, category: &str) -> bool {
        self.hits(unit, self.tables.cues).any(|m| self.lx.canonical(m) == category)
    }

    /// Whether a unit speaks of drugs in general ("many centrally acting
    /// drugs", "some medicines") and never of the document's drug: neither
    /// its name nor an `own_reference` ("it", "this medicine") is in it.
    pub(crate) fn about_drugs_in_general(&self, unit: &Unit) -> bool {
        let nouns = self.cue_ranges(unit, "drug_class_tail");
        if nouns.is_empty() {
            return false;
        }
        let text = unit.text.as_str();
        // Not "other": "especially when combined with other serotonergic
        // drugs" counts the drug among them.
        let quantifiers = self.cue_ranges(unit, "generic_quantifier");
        let general = quantifiers.iter().any(|q| {
            nouns
                .iter()
                .any(|n| q.end <= n.start && text[q.end..n.start].split_whitespace().count() <= MAX_WORDS_TO_DRUG_NOUN)
        });
        general
            && !self.has_cue(unit, "own_reference")
            && !self.hits(unit, self.tables.drugs).any(|m| self.is_own_drug(self.lx.canonical(m)))
    }

    /// Whether the term at `range` is inside a condition ("if … occurs"): a
    /// `conditional` trigger of `negation.tsv` opens its clause before it.
    pub(crate) fn in_condition(&self, unit: &Unit, range: &Range<usize>) -> bool {
        let text = unit.text.as_str();
        self.hits(unit, self.tables.negation).any(|m| {
            self.lx.canonical(m) == "conditional"
                && m.end <= range.start
                && !text[m.end..range.start].contains([',', ';', ':', '.'])
        })
    }

    /// Whether the term at `range` names the patients a statement is about
    /// ("people with kidney disease may need …"): a `population_with` cue
    /// ends just before it, at most a few words away, in the same clause.
    pub(crate) fn names_patients(&self, unit: &Unit, range: &Range<usize>) -> bool {
        let text = unit.text.as_str();
        self.cue_ranges(unit, "population_with").iter().any(|p| {
            p.end <= range.start && {
                let gap = &text[p.end..range.start];
                !gap.contains([',', ';', ':', '.', '(']) && gap.split_whitespace().count() <= MAX_WORDS_TO_CONDITION
            }
        })
    }

    /// Whether the term at `term` is the head of a drug's name: a
    /// `drug_class_tail` cue follows it ("hepatitis C protease inhibitor",
    /// "cough suppressants").
    pub(crate) fn names_a_drug(&self, unit: &Unit, term: &Range<usize>) -> bool {
        let rest = &unit.text.as_str()[term.end..];
        let next = term.end + (rest.len() - rest.trim_start().len());
        self.cue_ranges(unit, "drug_class_tail").iter().any(|t| t.start == next)
    }

    /// The `cause` and `cause_after` cues of a unit, in text order: both
    /// state an effect that follows them ("can cause nausea", "nausea has
    /// been reported"); a `cause_after` cue also one before it.
    pub(crate) fn cause_ranges(&self, unit: &Unit) -> Vec<Range<usize>> {
        let mut out = self.cue_ranges(unit, "cause");
        out.extend(self.cause_after_ranges(unit));
        out.sort_by_key(|r| (r.start, r.end));
        out
    }

    /// The `cause_after` cues of a unit ("may occur", "occurs"), except
    /// those followed by "with": "… or occurs with a fever", "a cough that
    /// occurs with phlegm" name what comes along, not an effect.
    pub(crate) fn cause_after_ranges(&self, unit: &Unit) -> Vec<Range<usize>> {
        let text = unit.text.as_str();
        let mut out = self.cue_ranges(unit, "cause_after");
        out.retain(|r| !text[r.end..].trim_start().starts_with("with "));
        out
    }

    /// Positions of the cues of `category` in a unit.
    pub(crate) fn cue_ranges(&self, unit: &Unit, category: &str) -> Vec<Range<usize>> {
        self.hits(unit, self.tables.cues).filter(|m| self.lx.canonical(m) == category).map(|m| m.start..m.end).collect()
    }

    /// Whether the term at `range` of a unit is negated.
    pub(crate) fn negated(&self, unit: &Unit, range: &Range<usize>) -> bool {
        Triggers::find(self.lx, self.hits(unit, self.tables.negation)).negates(unit.text.as_str(), range)
    }

    /// Whether a unit states something with uncertainty.
    pub(crate) fn hedged(&self, unit: &Unit) -> bool {
        self.has_cue(unit, "hedge")
    }

    /// Extends a claim's quote to end at byte `end` of the input.
    pub(crate) fn widen(&self, claim: &mut Claim, end: usize) {
        if end > claim.evidence.end
            && let Some(text) = self.source.src.get(claim.evidence.start..end)
        {
            claim.evidence.end = end;
            claim.evidence.text = text.to_string();
        }
    }

    /// True when a `stop` phrase of `phrase_bounds.tsv` ("in patients
    /// with", "such as") lies in `range` of the unit: a condition after
    /// it is the patients' or an example, not what the cue governs.
    pub(crate) fn stop_between(&self, unit: &Unit, range: Range<usize>) -> bool {
        self.hits(unit, self.tables.phrase_bounds)
            .any(|m| range.start <= m.start && m.end <= range.end && self.is_bound(m))
    }

    /// Whether a hit of `phrase_bounds` ends the object of a cue: a `stop`
    /// phrase, or an `underlying` one ("caused by"), which names a cause.
    pub(crate) fn is_bound(&self, m: &TermMatch) -> bool {
        matches!(self.lx.canonical(m), "stop" | "underlying")
    }

    /// Where an object running from `from` to at most `end` ends: at the
    /// first bound among `bounds` (hits of `phrase_bounds`) that starts in
    /// between, else at `end`.
    pub(crate) fn bounded_end(&self, bounds: &[&TermMatch], from: usize, end: usize) -> usize {
        bounds.iter().find(|m| m.start >= from && m.start < end && self.is_bound(m)).map_or(end, |m| m.start)
    }

    /// True for a condition that names a group of people (`children`,
    /// `pregnancy`): a contraindication or population, never a use.
    pub(crate) fn is_population(&self, canonical: &str) -> bool {
        self.lx.table(self.tables.conditions).get(canonical).and_then(|r| r.attr("type")) == Some("population")
    }

    /// True for the drug the document is about, its aliases and related
    /// products: they are never an interaction.
    pub(crate) fn is_own_drug(&self, canonical: &str) -> bool {
        let drug = self.source.drug;
        canonical == drug.name
            || drug.related.iter().any(|r| r == canonical)
            || drug.components.iter().any(|c| c == canonical)
            || self.lx.table(self.tables.drugs).get(canonical).and_then(|r| r.attr("parent"))
                == Some(drug.name.as_str())
    }

    /// Whether `canonical` is the class of the document's drug (`class=` of
    /// `drugs.tsv`): "TNF blockers" on a TNF blocker's label.
    pub(crate) fn is_own_class(&self, canonical: &str) -> bool {
        let drugs = self.lx.table(self.tables.drugs);
        drugs.get(&self.source.drug.name).and_then(|r| r.attr("class")) == Some(canonical)
    }

    /// The related product (`parent` = this drug) named in a unit before
    /// byte `before`, if any.
    pub(crate) fn product_before(&self, unit: &Unit, before: usize) -> Option<String> {
        self.hits(unit, self.tables.drugs)
            .filter(|m| m.end <= before)
            .map(|m| self.lx.row(m))
            .filter(|r| r.attr("parent") == Some(self.source.drug.name.as_str()))
            .map(|r| r.canonical.clone())
            .last()
    }

    /// The related product named anywhere in a unit.
    pub(crate) fn product_in(&self, unit: &Unit) -> Option<String> {
        self.product_before(unit, usize::MAX)
    }

    /// Builds a claim about the term at `term` of the unit's text, quoting
    /// the term's clause (see [`clause_range`]).
    pub(crate) fn claim(&self, unit: &Unit, term: Range<usize>, kind: Kind, value: Value) -> Claim {
        let evidence = clause_range(unit, &term);
        self.claim_at(unit, term, evidence, kind, value)
    }

    /// Builds a claim about the term at `term`, quoting `evidence` (both
    /// ranges of the unit's text). Negation is judged on the term.
    pub(crate) fn claim_at(
        &self,
        unit: &Unit,
        term: Range<usize>,
        evidence: Range<usize>,
        kind: Kind,
        value: Value,
    ) -> Claim {
        let span = unit.text.raw_span(evidence);
        let negated = self.negated(unit, &term);
        Claim {
            id: String::new(),
            drug: self.source.drug.name.clone(),
            kind,
            value,
            negated,
            hedged: self.hedged(unit),
            evidence: Evidence {
                source: self.source.id.to_string(),
                section: unit.section,
                heading: unit.heading.as_deref().map(str::to_string),
                start: span.start,
                end: span.end,
                line: self.lines.line(span.start),
                text: self.source.src.get(span.start..span.end).unwrap_or_default().to_string(),
            },
        }
    }
}

/// True when the unit sits in one of `kinds` of section.
pub(crate) fn in_section(unit: &Unit, kinds: &[SectionKind]) -> bool {
    kinds.contains(&unit.section)
}

type Extractor = fn(&Ctx<'_>) -> Vec<Claim>;

/// Extractors in output order.
const EXTRACTORS: &[(Kind, Extractor)] = &[
    (Kind::Use, uses::uses),
    (Kind::Route, route::routes),
    (Kind::Dosage, dosage::dosages),
    (Kind::SideEffect, side_effect::side_effects),
    (Kind::Contraindication, contraindication::contraindications),
    (Kind::Interaction, interaction::interactions),
    (Kind::Mechanism, mechanism::mechanisms),
    (Kind::Pharmacokinetics, pharmacokinetics::pharmacokinetics),
    (Kind::LegalStatus, legal::legal_statuses),
    (Kind::Citation, citation::citations),
];

/// Runs every extractor and numbers the claims `<source>#<n>`.
///
/// Within a kind, claims are ordered by position; a claim repeated with the
/// same value and the same evidence is kept once.
pub fn extract(source: &Source<'_>, lx: &Lexicon) -> Vec<Claim> {
    extract_within_budget(source, lx).0
}

/// [`extract`] within the document's work budget ([`BUDGET_PER_BYTE`]):
/// when the budget runs out, the claims of the kind being extracted and of
/// every later kind are dropped, and the second value says so (a warning
/// for the manifest). A pathological file then costs a bounded time, and
/// no claim is ever made from a lookup that was cut short.
pub fn extract_within_budget(source: &Source<'_>, lx: &Lexicon) -> (Vec<Claim>, Option<String>) {
    extract_units(source, lx, units::units(source.doc, lx))
}

/// [`identify_drug`] then [`extract_within_budget`], cutting the document
/// into units (and scanning them) once for both.
pub fn identify_and_extract(
    id: &str,
    src: &str,
    doc: &Document,
    lx: &Lexicon,
) -> (DrugIdentity, Vec<Claim>, Option<String>) {
    let units = units::units(doc, lx);
    let drug = drug::identify_drug_in_units(doc, &units, lx);
    let source = Source { id, src, doc, drug: &drug };
    let (claims, warning) = extract_units(&source, lx, units);
    (drug, claims, warning)
}

/// [`extract_within_budget`] over `units`, which are `units::units(source.doc, lx)`.
fn extract_units(source: &Source<'_>, lx: &Lexicon, units: Vec<Unit>) -> (Vec<Claim>, Option<String>) {
    let budget = BUDGET_BASE.saturating_add(BUDGET_PER_BYTE.saturating_mul(source.src.len() as u64));
    let ctx = Ctx {
        source,
        lx,
        units,
        lines: LineIndex::new(source.src.as_bytes()),
        tables: Tables::new(lx),
        budget: Cell::new(budget),
    };
    ctx.charge(ctx.units.iter().map(|u| u.text.as_str().len()).sum());
    let mut claims = Vec::new();
    let mut warning = None;
    for (kind, extractor) in EXTRACTORS {
        let mut found = extractor(&ctx);
        if ctx.exhausted() {
            warning = Some(format!(
                "limit: extraction took more than its work budget ({budget} bytes looked through) while \
                 extracting {} claims; claims of that kind and later kinds were dropped",
                kind.as_str()
            ));
            break;
        }
        // A question states no stance: "Is it addictive?" is neither a side
        // effect nor its denial (the answer that follows is the claim).
        found.retain(|c| {
            c.evidence.end > c.evidence.start
                && !(matches!(c.kind, Kind::SideEffect | Kind::Interaction | Kind::Contraindication)
                    && polarity::asks(&c.evidence.text))
        });
        found.sort_by_key(|c| (c.evidence.start, c.evidence.end));
        let mut kept: Vec<Claim> = Vec::with_capacity(found.len());
        for c in found {
            // `found` is sorted by start, so only the tail of `kept` that
            // shares this start can hold a duplicate: scanning all of `kept`
            // made a list of n identical items cost n² comparisons.
            if !kept
                .iter()
                .rev()
                .take_while(|k| k.evidence.start == c.evidence.start)
                .any(|k| k.value == c.value && k.negated == c.negated)
            {
                kept.push(c);
            }
        }
        claims.extend(kept);
    }
    for (n, c) in claims.iter_mut().enumerate() {
        c.id = format!("{}#{}", source.id, n + 1);
    }
    (claims, warning)
}

/// A term found in a unit: canonical name and where it is.
pub(crate) struct Found {
    pub(crate) canonical: String,
    pub(crate) range: Range<usize>,
    /// Terminology codes of the row (none for a row without a code).
    pub(crate) codes: Vec<Code>,
    /// Not from the kind's own curated table: a term of the terminology,
    /// of the other curated table, or a phrase captured open. Such a term
    /// must sit closer to its cue (see `extract::uses`).
    pub(crate) uncurated: bool,
}

static COORD_RIGHT: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^\s*,?\s*(?:and|or|&|/)\s+((?:[\w-]+\s*){1,3})").unwrap());
static COORD_LEFT: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"((?:[\w-]+\s+){1,2})(?:and|or|&)\s+$").unwrap());

impl Ctx<'_> {
    /// Terms of `table` in a unit, with coordinated phrases expanded:
    /// "Increased blood pressure and heart rate" also gives "increased heart
    /// rate", "liver or kidney impairment" also gives "liver impairment".
    /// One entry per canonical term, first occurrence kept.
    pub(crate) fn terms(&self, unit: &Unit, table: TableId) -> Vec<Found> {
        let text = unit.text.as_str();
        let mut out: Vec<Found> = Vec::new();
        let push = |(canonical, codes): (String, Vec<Code>), range: Range<usize>, out: &mut Vec<Found>| {
            if !out.iter().any(|f| f.canonical == canonical) {
                out.push(Found { canonical, range, codes, uncurated: false });
            }
        };
        for m in self.hits(unit, table) {
            if self.inside_other_entity(unit, m) {
                continue;
            }
            push(self.concept_of(m), m.start..m.end, &mut out);
            let surface = &text[m.start..m.end];
            let words: Vec<&str> = surface.split_whitespace().collect();
            if words.len() >= 2 {
                // Right: keep the first word (the modifier), swap the rest.
                if let Some(c) =
                    may_coordinate_right(&text[m.end..]).then(|| COORD_RIGHT.captures(&text[m.end..])).flatten()
                {
                    let cand_words: Vec<&str> = c[1].split_whitespace().collect();
                    'found: for modifier in 1..words.len() {
                        for k in (1..=cand_words.len()).rev() {
                            let phrase = format!("{} {}", words[..modifier].join(" "), cand_words[..k].join(" "));
                            if let Some(canon) = self.exact(&phrase, table) {
                                let end = m.end + c.get(1).map_or(0, |g| g.start()) + nth_word_end(&c[1], k);
                                push(canon, m.start..end, &mut out);
                                break 'found;
                            }
                        }
                    }
                }
                // Left: keep the head (last words), swap the first.
                if let Some(c) =
                    may_coordinate_left(&text[..m.start]).then(|| COORD_LEFT.captures(&text[..m.start])).flatten()
                {
                    let head = words[1..].join(" ");
                    let left: Vec<&str> = c[1].split_whitespace().collect();
                    for k in (1..=left.len()).rev() {
                        let phrase = format!("{} {head}", left[left.len() - k..].join(" "));
                        if let Some(canon) = self.exact(&phrase, table) {
                            let start = c.get(1).map_or(m.start, |g| g.start());
                            push(canon, start..m.end, &mut out);
                            break;
                        }
                    }
                }
            }
        }
        out
    }

    /// True when a longer term of another entity table covers `m`: the
    /// condition "depression" inside the side effect "respiratory
    /// depression", the target "serotonin" inside "serotonin syndrome".
    fn inside_other_entity(&self, unit: &Unit, m: &TermMatch) -> bool {
        let t = &self.tables;
        let entities = [t.conditions, t.side_effects, t.drugs, t.targets, t.routes];
        // Matches are sorted by start, and one that covers `m` starts at
        // most the longest form's length before `m` ends: look only there,
        // not through every match of a long unit for every match.
        let all = unit.scan.all();
        let from = all.partition_point(|o| o.start + self.lx.longest_form() < m.end);
        let to = all.partition_point(|o| o.start <= m.start);
        all[from..to.max(from)].iter().any(|o| {
            o.table != m.table
                && entities.contains(&o.table)
                && o.start <= m.start
                && m.end <= o.end
                && o.end - o.start > m.end - m.start
                // A coordinated form ("nausea and vomiting") names both.
                && !unit.text.as_str()[o.start..o.end].contains([',', '&'])
                && !unit.text.as_str()[o.start..o.end].split_whitespace().any(|w| w == "and" || w == "or")
        })
    }

    /// The canonical term of `table` whose surface form is exactly `phrase`.
    fn exact(&self, phrase: &str, table: TableId) -> Option<(String, Vec<Code>)> {
        if !self.charge(phrase.len()) {
            return None;
        }
        self.lx
            .find_in(table, phrase)
            .iter()
            .find(|m| m.start == 0 && m.end == phrase.len())
            .map(|m| self.concept_of(m))
    }

    /// The canonical term and codes of a match.
    fn concept_of(&self, m: &TermMatch) -> (String, Vec<Code>) {
        let codes = self.lx.codes(m).map(|code| Code { system: ICD10CM.to_string(), code: code.to_string() }).collect();
        (self.lx.canonical(m).to_string(), codes)
    }

    /// [`Ctx::terms`] of `table` (`conditions` or `side_effects`), then the
    /// terms of the terminology table (ICD-10-CM) where no term of the
    /// table lies: a hand-curated row wins over the terminology, and
    /// "respiratory depression" is never the code of "depression".
    pub(crate) fn concepts(&self, unit: &Unit, table: TableId) -> Vec<Found> {
        let mut out = self.terms(unit, table);
        let t = &self.tables;
        // The table's own rows win where they overlap, and a drug, target
        // or route is never a condition. A curated side effect blocks a
        // condition only when it is longer (`inside_other_entity`):
        // "used to treat thrombocytopenia". A curated condition blocks a
        // side effect: in a side-effect context it is mostly the disease
        // treated ("pain associated with shingles"), measured on the seeds.
        let also = if table == t.side_effects { t.conditions } else { table };
        let blockers = [table, also, t.drugs, t.targets, t.routes];
        let taken: Vec<Range<usize>> =
            unit.scan.all().iter().filter(|o| blockers.contains(&o.table)).map(|o| o.start..o.end).collect();
        for f in self.terms(unit, t.terminology) {
            let overlaps = |r: &Range<usize>| r.start < f.range.end && f.range.start < r.end;
            if taken.iter().any(overlaps) || out.iter().any(|o| overlaps(&o.range) || o.canonical == f.canonical) {
                continue;
            }
            out.push(Found { uncurated: true, ..f });
        }
        out
    }

    /// The units of one block (an item's label and sentences, or a table
    /// row's cells), in order. Units are made block by block, so they are
    /// sorted by block and a block is found by binary search, not by
    /// filtering every unit of the document for every unit.
    pub(crate) fn block(&self, block: usize) -> &[Unit] {
        let start = self.units.partition_point(|u| u.block < block);
        let end = start + self.units[start..].partition_point(|u| u.block == block);
        &self.units[start..end]
    }

    /// Canonical terms of `table` in the units of one block.
    pub(crate) fn block_terms(&self, block: usize, table: TableId) -> Vec<String> {
        self.block(block).iter().flat_map(|u| self.hits(u, table).map(|m| self.lx.canonical(m).to_string())).collect()
    }

    /// The first canonical term of `table` in the unit, then the rest of its
    /// block (for a label), then the lead-in, then the headings.
    pub(crate) fn inherited(&self, unit: &Unit, table: TableId) -> Option<String> {
        self.hits(unit, table)
            .next()
            .map(|m| self.lx.canonical(m).to_string())
            .or_else(|| match unit.role {
                units::Role::Label | units::Role::Cell => self.block_terms(unit.block, table).into_iter().next(),
                _ => None,
            })
            .or_else(|| unit.label.as_deref().and_then(|l| self.terms_in(l, table).into_iter().next()))
            .or_else(|| unit.lead_in.as_deref().and_then(|l| self.terms_in(l, table).into_iter().next()))
            .or_else(|| self.terms_in(&unit.context, table).into_iter().last())
    }
}

/// Whether a term that starts where `before` ends follows one of `cues` in
/// the same clause: what another drug treats ("an MAOI (certain drugs for
/// depression, psychiatric conditions, or Parkinson's disease)"), a symptom
/// met on the drug ("if you experience dizziness"), an allergy ("an allergic
/// reaction to aspirin").
pub(crate) fn follows_in_clause(before: &str, cues: &[std::ops::Range<usize>]) -> bool {
    cues.iter().any(|cue| cue.end <= before.len() && !before[cue.end..].contains(['.', ';', ')', ':']))
}

/// Whether `after` may match [`COORD_RIGHT`]: it must open with a
/// conjunction, after optional white space and a comma. Nearly every term
/// fails this, and the check costs far less than the regex.
fn may_coordinate_right(after: &str) -> bool {
    let rest = after.trim_start();
    let rest = rest.strip_prefix(',').map_or(rest, str::trim_start);
    ["and", "or", "&", "/"].iter().any(|c| rest.starts_with(c))
}

/// Whether `before` may match [`COORD_LEFT`]: it must end with a
/// conjunction followed by white space.
fn may_coordinate_left(before: &str) -> bool {
    let rest = before.trim_end();
    rest.len() < before.len() && ["and", "or", "&"].iter().any(|c| rest.ends_with(c))
}

/// Byte offset just past the `k`-th word of `s`.
fn nth_word_end(s: &str, k: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == k {
                    return i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    s.trim_end().len()
}

/// The clause around `term`: from the previous to the next `,` `;` `:` or
/// bracket (or the unit's ends). Labels, cells and headings are quoted whole.
pub(crate) fn clause_range(unit: &Unit, term: &Range<usize>) -> Range<usize> {
    let text = unit.text.as_str();
    match unit.role {
        units::Role::Label | units::Role::Cell | units::Role::Heading => return 0..text.len(),
        _ => {}
    }
    const STOPS: [char; 6] = [',', ';', ':', '(', ')', '—'];
    let mut start =
        text[..term.start].char_indices().rev().find(|(_, c)| STOPS.contains(c)).map_or(0, |(i, c)| i + c.len_utf8());
    // A quote right after the stop closes a quotation that holds the comma
    // (`“club drug,” there are …`): it belongs to the clause before.
    if start > 0 {
        let closing = text[start..term.start].len() - text[start..term.start].trim_start_matches(['”', '’', '"']).len();
        start += closing;
    }
    let end = text[term.end..].find(STOPS).map_or(text.len(), |i| term.end + i);
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (start + lead)..(end - trail).max(start + lead)
}

#[cfg(test)]
mod tests;
