//! Merge: groups claims of the same drug, kind and canonical key across
//! sources into one monograph per drug (SPEC §4).
//!
//! Every entry lists its supporting sources and claim ids, so any statement
//! in a monograph can be traced to a quote. Negated claims form their own
//! entries; nothing is dropped. Merge does not judge disagreements; the
//! conflict stage does.
//!
//! Sources are added one at a time, in input order, to a [`Merger`], which
//! keeps of each claim only a [`Fact`]: a few words plus a value shared by
//! every claim of the drug that has the same one. A run can hand a source
//! to the merger and drop its document and quotes right away, so memory
//! grows with the number of claims, not with the text read.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;

use crate::extract::{Claim, Kind, Value};
use crate::{SCHEMA_VERSION, SourceResult};

/// The drug a monograph is about.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DrugInfo {
    /// Canonical name.
    pub name: String,
    /// Other names the sources use.
    pub aliases: Vec<String>,
    /// Related products the sources mention.
    pub related: Vec<String>,
}

/// A source as a monograph cites it.
#[derive(Clone, Debug, Serialize)]
pub struct SourceRef {
    /// Source id.
    pub id: String,
    /// Input path.
    pub path: String,
    /// Detected format.
    pub format: String,
    /// Document title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// SHA-256 of the input.
    pub sha256: String,
    /// Flags such as `ai_generated`.
    pub flags: Vec<String>,
}

/// One merged fact.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// Canonical key (condition, term, agent …; for dosages the amount).
    pub key: String,
    /// The related product the entry is about, if not the drug itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// True for "the drug does NOT do this".
    pub negated: bool,
    /// The value of the first supporting claim.
    pub value: Value,
    /// Every distinct value of each other field across the claims
    /// (`status`, `qualifier`, `frequency`, `context`, `route` …).
    pub attributes: BTreeMap<String, Vec<String>>,
    /// Number of supporting sources.
    pub support: usize,
    /// Supporting source ids, sorted.
    pub sources: Vec<String>,
    /// Supporting claim ids, in source order.
    pub claims: Vec<String>,
}

/// One merged record per drug.
#[derive(Clone, Debug, Serialize)]
pub struct Monograph {
    /// Output schema version.
    pub schema_version: &'static str,
    /// The drug.
    pub drug: DrugInfo,
    /// Sources that contributed.
    pub sources: Vec<SourceRef>,
    /// Uses.
    pub uses: Vec<Entry>,
    /// Routes.
    pub routes: Vec<Entry>,
    /// Dosages.
    pub dosages: Vec<Entry>,
    /// Side effects.
    pub side_effects: Vec<Entry>,
    /// Contraindications.
    pub contraindications: Vec<Entry>,
    /// Interactions.
    pub interactions: Vec<Entry>,
    /// Mechanisms.
    pub mechanisms: Vec<Entry>,
    /// Pharmacokinetics.
    pub pharmacokinetics: Vec<Entry>,
    /// Legal status.
    pub legal_status: Vec<Entry>,
    /// Citations.
    pub citations: Vec<Entry>,
    /// Conflicts between (or within) sources.
    pub conflicts: Vec<Conflict>,
    /// The drug's claims in source order, for conflict detection; not written.
    #[serde(skip)]
    pub facts: Vec<Fact>,
}

/// One side of a conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// `affirmed`, `negated`, or the value this side holds.
    pub stance: String,
    /// Sources on this side, sorted.
    pub sources: Vec<String>,
    /// Claims on this side.
    pub claims: Vec<String>,
}

/// Incompatible claims about one subject, as the conflict stage
/// ([`crate::conflict::detect`]) finds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// `<drug>/<field>/<subject-slug>/<kind>`.
    pub id: String,
    /// Drug.
    pub drug: String,
    /// `polarity`, `qualifier`, `range`, `duration`, `status`.
    pub kind: String,
    /// Claim kind the subject belongs to.
    pub field: String,
    /// What the sources disagree about.
    pub subject: String,
    /// `high`, `medium`, `low`.
    pub severity: String,
    /// One line naming how many sources stand on each side.
    pub summary: String,
    /// The context both sides were aligned on.
    pub context: String,
    /// The sides.
    pub positions: Vec<Position>,
}

/// A claim as merge and conflict detection keep it: where it comes from,
/// what it says, and nothing of its quote.
#[derive(Clone, Debug)]
pub struct Fact {
    /// Index of the claim's source in [`Monograph::sources`].
    pub source: u32,
    /// The claim's number: its id is `<source id>#<n>`.
    pub n: u32,
    /// Kind.
    pub kind: Kind,
    /// The source says the drug does NOT do this.
    pub negated: bool,
    /// The source is uncertain, or states it as a condition ("if … occurs").
    pub hedged: bool,
    /// The value, shared with the drug's other facts of equal value.
    pub value: Arc<Value>,
    /// The quoted text, kept only where a conflict rule reads the wording
    /// ([`reads_quote`]).
    pub quote: Option<Box<str>>,
    /// The context the claim was made in (a hash of its section kind and
    /// heading): a page contradicts itself only within one context.
    pub context: u64,
}

/// The statuses the conflict stage compares (approved against off-label):
/// only these make a conflict rule read a quote. Kept here, not with the
/// rule, because merge decides what a [`Fact`] keeps and must not depend on
/// the later stage that reads it.
pub(crate) const COMPARED_STATUSES: &[&str] = &["approved", "off_label"];

/// True when a conflict rule reads the claim's quoted text, so merge must
/// keep it ([`Fact::quote`]); every other quote can be dropped.
pub(crate) fn reads_quote(claim: &Claim) -> bool {
    // A negated side effect: polarity reads whether the denial is scoped.
    if claim.negated {
        return claim.kind == Kind::SideEffect;
    }
    matches!(&claim.value, Value::Use { status: Some(s), .. } if COMPARED_STATUSES.contains(&s.as_str()))
}

impl Monograph {
    /// The id of the source a fact comes from.
    pub fn source_id(&self, fact: &Fact) -> &str {
        self.sources.get(fact.source as usize).map_or("", |s| s.id.as_str())
    }

    /// The id of the claim a fact was made from.
    pub fn claim_id(&self, fact: &Fact) -> String {
        format!("{}#{}", self.source_id(fact), fact.n)
    }

    fn entries_mut(&mut self, kind: Kind) -> &mut Vec<Entry> {
        match kind {
            Kind::Use => &mut self.uses,
            Kind::Route => &mut self.routes,
            Kind::Dosage => &mut self.dosages,
            Kind::SideEffect => &mut self.side_effects,
            Kind::Contraindication => &mut self.contraindications,
            Kind::Interaction => &mut self.interactions,
            Kind::Mechanism => &mut self.mechanisms,
            Kind::Pharmacokinetics => &mut self.pharmacokinetics,
            Kind::LegalStatus => &mut self.legal_status,
            Kind::Citation => &mut self.citations,
        }
    }
}

/// The grouping key of a claim: dosages merge only when every attribute
/// that changes their meaning agrees.
pub fn merge_key(value: &Value) -> String {
    match value {
        Value::Dosage { route, indication, phase, population, .. } => format!(
            "{}|{}|{}|{}|{}",
            value.concept(),
            route.as_deref().unwrap_or(""),
            indication.as_deref().unwrap_or(""),
            phase.as_deref().unwrap_or(""),
            population.as_deref().unwrap_or("")
        ),
        // Conditions and effects merge by concept: two surface forms of
        // one code are one entry.
        _ => value.concept(),
    }
}

/// Builds one monograph per drug from all sources, sorted by drug name.
pub fn merge(sources: &[SourceResult]) -> Vec<Monograph> {
    let mut merger = Merger::default();
    for s in sources {
        merger.add(s);
    }
    merger.into_pending().into_iter().map(PendingDrug::merge).collect()
}

/// Collects sources, in input order, for [`merge`]; [`Merger::into_pending`]
/// then hands out the drugs, each to be merged alone.
#[derive(Debug, Default)]
pub struct Merger {
    drugs: BTreeMap<String, Pending>,
    claims: usize,
}

/// What a drug's monograph is built from.
#[derive(Debug, Default)]
struct Pending {
    sources: Vec<SourceRef>,
    aliases: BTreeSet<String>,
    related: BTreeSet<String>,
    facts: Vec<Fact>,
    /// Distinct values by a hash of their JSON; only looked up, never
    /// iterated, so its order cannot reach the output.
    values: FxHashMap<u64, Vec<Arc<Value>>>,
}

impl Merger {
    /// Adds one source; a skipped source (no drug) adds nothing.
    pub fn add(&mut self, s: &SourceResult) {
        if let Some(c) = Merger::contribution(s) {
            self.add_contribution(c);
        }
    }

    /// What `s` will add, worked out without the merger so that a worker
    /// thread can do it; `None` for a skipped source.
    pub fn contribution(s: &SourceResult) -> Option<Contribution> {
        let drug = s.drug.clone()?;
        let source = SourceRef {
            id: s.input.id.clone(),
            path: s.input.path.clone(),
            format: s.input.format.map(|f| f.as_str().to_string()).unwrap_or_default(),
            title: s.doc.as_ref().and_then(|d| d.meta.title.clone()),
            sha256: s.input.sha256.clone(),
            flags: s.doc.as_ref().map(|d| d.meta.flags.clone()).unwrap_or_default(),
        };
        Some(Contribution::new(drug, source, &s.claims))
    }

    /// Adds what [`Merger::contribution`] worked out for a source.
    pub fn add_contribution(&mut self, c: Contribution) {
        let Contribution { drug, source, facts } = c;
        self.claims += facts.len();
        let pending = self.drugs.entry(drug.name).or_default();
        let index = u32::try_from(pending.sources.len()).unwrap_or(u32::MAX);
        pending.sources.push(source);
        pending.aliases.extend(drug.aliases);
        pending.related.extend(drug.related);
        for f in facts {
            let value = pending.intern(f.hash, f.value);
            pending.facts.push(Fact {
                source: index,
                n: f.n,
                kind: f.kind,
                negated: f.negated,
                hedged: f.hedged,
                value,
                quote: f.quote,
                context: f.context,
            });
        }
    }

    /// Number of claims added so far.
    pub fn claims(&self) -> usize {
        self.claims
    }

    /// Number of drugs so far.
    pub fn drugs(&self) -> usize {
        self.drugs.len()
    }

    /// The drugs still to be merged, sorted by name: each builds its
    /// monograph alone, so they can be merged on several threads.
    pub fn into_pending(self) -> Vec<PendingDrug> {
        self.drugs.into_iter().map(|(name, pending)| PendingDrug { name, pending }).collect()
    }
}

/// One drug's sources and facts, before they are merged into its monograph.
#[derive(Debug)]
pub struct PendingDrug {
    name: String,
    pending: Pending,
}

impl PendingDrug {
    /// The canonical drug name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Builds the drug's monograph (without conflicts).
    pub fn merge(self) -> Monograph {
        merge_drug(self.name, self.pending)
    }
}

/// What one source adds to a [`Merger`].
#[derive(Debug)]
pub struct Contribution {
    drug: crate::extract::DrugIdentity,
    source: SourceRef,
    facts: Vec<NewFact>,
}

impl Contribution {
    /// What a source adds: its drug, how monographs cite it, and its
    /// claims (in output order), of which only the facts are kept.
    pub fn new(drug: crate::extract::DrugIdentity, source: SourceRef, claims: &[Claim]) -> Contribution {
        let facts = claims
            .iter()
            .map(|claim| {
                let mut hasher = HashWriter(FxHasher::default());
                let _ = serde_json::to_writer(&mut hasher, &claim.value);
                NewFact {
                    hash: hasher.0.finish(),
                    n: claim_number(&claim.id),
                    kind: claim.kind,
                    negated: claim.negated,
                    hedged: claim.hedged,
                    value: claim.value.clone(),
                    quote: reads_quote(claim).then(|| claim.evidence.text.as_str().into()),
                    context: context_hash(claim),
                }
            })
            .collect();
        Contribution { drug, source, facts }
    }

    /// The name of the drug the source is filed under.
    pub fn drug_name(&self) -> &str {
        &self.drug.name
    }
}

/// A fact before its value is shared.
#[derive(Debug)]
struct NewFact {
    /// Hash of the value's JSON.
    hash: u64,
    n: u32,
    kind: Kind,
    negated: bool,
    hedged: bool,
    value: Value,
    quote: Option<Box<str>>,
    context: u64,
}

/// [`Fact::context`] of a claim: its section kind and the heading it sits
/// under, so "6.1 Clinical Trials" and "6.2 Postmarketing" are two contexts.
fn context_hash(claim: &Claim) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    claim.evidence.section.hash(&mut hasher);
    claim.evidence.heading.hash(&mut hasher);
    hasher.finish()
}

impl Pending {
    /// The shared copy of `value`, whose JSON hashes to `hash`.
    fn intern(&mut self, hash: u64, value: Value) -> Arc<Value> {
        let same = self.values.entry(hash).or_default();
        if let Some(v) = same.iter().find(|v| ***v == value) {
            return Arc::clone(v);
        }
        let v = Arc::new(value);
        same.push(Arc::clone(&v));
        v
    }
}

/// Feeds serialized bytes to a hasher. The hash only finds candidates
/// that are then compared whole ([`Pending::intern`]), so a fast hasher
/// does: a collision costs a comparison, never a wrong merge.
struct HashWriter(FxHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The `n` of a claim id `<source>#<n>` (source ids never hold `#`).
fn claim_number(id: &str) -> u32 {
    id.rsplit_once('#').and_then(|(_, n)| n.parse().ok()).unwrap_or(0)
}

/// What merge works out from a value: merge key, key and attributes.
type Derived = (String, String, Vec<(String, String)>);

fn merge_drug(name: String, pending: Pending) -> Monograph {
    let Pending { sources, aliases, related, facts, values } = pending;
    drop(values);
    let mut mono = Monograph {
        schema_version: SCHEMA_VERSION,
        drug: DrugInfo { name, aliases: aliases.into_iter().collect(), related: related.into_iter().collect() },
        sources,
        uses: Vec::new(),
        routes: Vec::new(),
        dosages: Vec::new(),
        side_effects: Vec::new(),
        contraindications: Vec::new(),
        interactions: Vec::new(),
        mechanisms: Vec::new(),
        pharmacokinetics: Vec::new(),
        legal_status: Vec::new(),
        citations: Vec::new(),
        conflicts: Vec::new(),
        facts: Vec::new(),
    };
    type GroupKey = (Kind, String, Option<String>, bool);
    let mut groups: BTreeMap<GroupKey, Entry> = BTreeMap::new();
    // Keys and attributes depend on the value only: work them out once per
    // distinct value (facts of equal value share one `Arc`).
    let mut derived: FxHashMap<*const Value, Derived> = FxHashMap::default();
    for fact in &facts {
        let (merge_key, key, attributes) = derived
            .entry(Arc::as_ptr(&fact.value))
            .or_insert_with(|| (merge_key(&fact.value), fact.value.key(), attributes_of(&fact.value)));
        let product = fact.value.product().map(str::to_string);
        let group = (fact.kind, merge_key.clone(), product.clone(), fact.negated);
        let entry = groups.entry(group).or_insert_with(|| Entry {
            key: key.clone(),
            product,
            negated: fact.negated,
            value: (*fact.value).clone(),
            attributes: BTreeMap::new(),
            support: 0,
            sources: Vec::new(),
            claims: Vec::new(),
        });
        // Facts come in source order, so a source already listed is the last.
        let source = mono.source_id(fact);
        if entry.sources.last().is_none_or(|s| s != source) {
            entry.sources.push(source.to_string());
        }
        entry.claims.push(mono.claim_id(fact));
        for (field, value) in attributes.iter() {
            let values = entry.attributes.entry(field.clone()).or_default();
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
    }
    for ((kind, ..), mut entry) in groups {
        entry.sources.sort();
        entry.support = entry.sources.len();
        for values in entry.attributes.values_mut() {
            values.sort();
        }
        mono.entries_mut(kind).push(entry);
    }
    mono.facts = facts;
    mono
}

/// Scalar fields of a value other than its key, as strings.
fn attributes_of(value: &Value) -> Vec<(String, String)> {
    let key = value.key();
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(value) else { return Vec::new() };
    map.into_iter()
        .filter_map(|(k, v)| {
            let s = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return None,
            };
            (s != key).then_some((k, s))
        })
        .collect()
}
