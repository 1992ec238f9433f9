//! Merge: groups claims of the same drug, kind and canonical key across
//! sources into one monograph per drug (SPEC §4).
//!
//! Every entry lists its supporting sources and claim ids, so any statement
//! in a monograph can be traced to a quote. Negated claims form their own
//! entries; nothing is dropped. Merge does not judge disagreements; the
//! conflict stage does.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::conflict::Conflict;
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
    /// The drug's claims, for conflict detection; not written.
    #[serde(skip)]
    pub claims: Vec<Claim>,
}

impl Monograph {
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
            value.key(),
            route.as_deref().unwrap_or(""),
            indication.as_deref().unwrap_or(""),
            phase.as_deref().unwrap_or(""),
            population.as_deref().unwrap_or("")
        ),
        _ => value.key(),
    }
}

/// Builds one monograph per drug from all sources, sorted by drug name.
pub fn merge(sources: &[SourceResult]) -> Vec<Monograph> {
    let mut by_drug: BTreeMap<String, Vec<&SourceResult>> = BTreeMap::new();
    for s in sources {
        if let Some(drug) = &s.drug {
            by_drug.entry(drug.name.clone()).or_default().push(s);
        }
    }
    by_drug.into_iter().map(|(name, sources)| merge_drug(name, &sources)).collect()
}

fn merge_drug(name: String, sources: &[&SourceResult]) -> Monograph {
    let mut aliases = BTreeSet::new();
    let mut related = BTreeSet::new();
    for s in sources {
        if let Some(d) = &s.drug {
            aliases.extend(d.aliases.iter().cloned());
            related.extend(d.related.iter().cloned());
        }
    }
    let mut mono = Monograph {
        schema_version: SCHEMA_VERSION,
        drug: DrugInfo { name, aliases: aliases.into_iter().collect(), related: related.into_iter().collect() },
        sources: sources
            .iter()
            .map(|s| SourceRef {
                id: s.input.id.clone(),
                path: s.input.path.clone(),
                format: s.input.format.map(|f| f.as_str().to_string()).unwrap_or_default(),
                title: s.doc.as_ref().and_then(|d| d.meta.title.clone()),
                sha256: s.input.sha256.clone(),
                flags: s.doc.as_ref().map(|d| d.meta.flags.clone()).unwrap_or_default(),
            })
            .collect(),
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
        claims: sources.iter().flat_map(|s| s.claims.iter().cloned()).collect(),
    };
    type GroupKey = (Kind, String, Option<String>, bool);
    let mut groups: BTreeMap<GroupKey, Entry> = BTreeMap::new();
    for claim in &mono.claims {
        let product = claim.value.product().map(str::to_string);
        let key = (claim.kind, merge_key(&claim.value), product.clone(), claim.negated);
        let entry = groups.entry(key).or_insert_with(|| Entry {
            key: claim.value.key(),
            product,
            negated: claim.negated,
            value: claim.value.clone(),
            attributes: BTreeMap::new(),
            support: 0,
            sources: Vec::new(),
            claims: Vec::new(),
        });
        if !entry.sources.contains(&claim.evidence.source) {
            entry.sources.push(claim.evidence.source.clone());
        }
        entry.claims.push(claim.id.clone());
        for (field, value) in attributes_of(&claim.value) {
            let values = entry.attributes.entry(field).or_default();
            if !values.contains(&value) {
                values.push(value);
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
