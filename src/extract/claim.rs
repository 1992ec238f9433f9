//! The claim: one atomic fact with its evidence (SPEC §3).

use serde::{Deserialize, Serialize};

use crate::model::SectionKind;

/// Claim kinds, in output order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A use or indication.
    Use,
    /// A route of administration.
    Route,
    /// A dose.
    Dosage,
    /// A side effect.
    SideEffect,
    /// A contraindication.
    Contraindication,
    /// A drug interaction.
    Interaction,
    /// A mechanism of action.
    Mechanism,
    /// A pharmacokinetic parameter.
    Pharmacokinetics,
    /// A legal or regulatory status.
    LegalStatus,
    /// A literature reference.
    Citation,
}

impl Kind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Use => "use",
            Kind::Route => "route",
            Kind::Dosage => "dosage",
            Kind::SideEffect => "side_effect",
            Kind::Contraindication => "contraindication",
            Kind::Interaction => "interaction",
            Kind::Mechanism => "mechanism",
            Kind::Pharmacokinetics => "pharmacokinetics",
            Kind::LegalStatus => "legal_status",
            Kind::Citation => "citation",
        }
    }
}

/// A numeric range with a unit; `min == max` for a single value, `min: None`
/// for "up to".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// Lower bound.
    pub min: Option<f64>,
    /// Upper bound.
    pub max: Option<f64>,
    /// Canonical unit.
    pub unit: String,
}

/// How often: `min`–`max` times per `per`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frequency {
    /// Fewest times.
    pub min: f64,
    /// Most times.
    pub max: f64,
    /// Period: `day`, `week`, `month`.
    pub per: String,
}

/// The kind-specific payload of a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// `use`.
    Use {
        /// Canonical condition.
        condition: String,
        /// `approved`, `off_label`, `investigational`.
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String>,
        /// What narrows the use.
        #[serde(skip_serializing_if = "Option::is_none")]
        qualifier: Option<String>,
        /// A related product the use belongs to.
        #[serde(skip_serializing_if = "Option::is_none")]
        product: Option<String>,
        /// Terminology codes of the concept (empty when it has none).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        codes: Vec<Code>,
        /// False when the term was captured from the wording after a
        /// strong cue and matches no lexicon row; written only when false.
        #[serde(skip_serializing_if = "is_true")]
        normalized: bool,
    },
    /// `route`.
    Route {
        /// Canonical route.
        route: String,
        /// A related product the route belongs to.
        #[serde(skip_serializing_if = "Option::is_none")]
        product: Option<String>,
    },
    /// `dosage`.
    Dosage {
        /// The amount; `None` for a dosing statement without one ("each
        /// infusion lasts about an hour").
        amount: Option<Amount>,
        /// Route.
        #[serde(skip_serializing_if = "Option::is_none")]
        route: Option<String>,
        /// Indication (a canonical condition).
        #[serde(skip_serializing_if = "Option::is_none")]
        indication: Option<String>,
        /// `induction`, `maintenance`, `bolus`, `infusion`.
        #[serde(skip_serializing_if = "Option::is_none")]
        phase: Option<String>,
        /// `adult`, `pediatric`, `elderly`.
        #[serde(skip_serializing_if = "Option::is_none")]
        population: Option<String>,
        /// How long one administration lasts.
        #[serde(skip_serializing_if = "Option::is_none")]
        duration: Option<Amount>,
        /// How often.
        #[serde(skip_serializing_if = "Option::is_none")]
        frequency: Option<Frequency>,
        /// A related product the dose belongs to.
        #[serde(skip_serializing_if = "Option::is_none")]
        product: Option<String>,
    },
    /// `side_effect`.
    SideEffect {
        /// Canonical effect.
        term: String,
        /// `common`, `uncommon`, `rare`.
        #[serde(skip_serializing_if = "Option::is_none")]
        frequency: Option<String>,
        /// The drug's incidence as an incidence table states it (`3%`,
        /// `≥1/100`); never a comparator (placebo) column's.
        #[serde(skip_serializing_if = "Option::is_none")]
        incidence: Option<String>,
        /// Stated as serious.
        #[serde(skip_serializing_if = "Option::is_none")]
        serious: Option<bool>,
        /// `therapeutic`, `long_term`, `recreational`.
        #[serde(skip_serializing_if = "Option::is_none")]
        context: Option<String>,
        /// Terminology codes of the concept (empty when it has none).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        codes: Vec<Code>,
        /// False when the term was captured from the wording after a
        /// strong cue and matches no lexicon row; written only when false.
        #[serde(skip_serializing_if = "is_true")]
        normalized: bool,
    },
    /// `contraindication`.
    Contraindication {
        /// Canonical condition.
        condition: String,
        /// Terminology codes of the concept (empty when it has none).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        codes: Vec<Code>,
        /// False when the term was captured from the wording after a
        /// strong cue and matches no lexicon row; written only when false.
        #[serde(skip_serializing_if = "is_true")]
        normalized: bool,
    },
    /// `interaction`.
    Interaction {
        /// Canonical drug or class.
        agent: String,
        /// What the combination does.
        #[serde(skip_serializing_if = "Option::is_none")]
        effect: Option<String>,
    },
    /// `mechanism`.
    Mechanism {
        /// Canonical target.
        target: String,
        /// Canonical action.
        action: String,
    },
    /// `pharmacokinetics`.
    Pharmacokinetics {
        /// Canonical parameter.
        parameter: String,
        /// A measured value.
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<Amount>,
        /// A named value (`norketamine`, `urine`).
        #[serde(skip_serializing_if = "Option::is_none")]
        term: Option<String>,
        /// The route the value holds for.
        #[serde(skip_serializing_if = "Option::is_none")]
        route: Option<String>,
    },
    /// `legal_status`.
    LegalStatus {
        /// Canonical jurisdiction, when stated.
        #[serde(skip_serializing_if = "Option::is_none")]
        jurisdiction: Option<String>,
        /// Canonical status.
        status: String,
    },
    /// `citation`.
    Citation {
        /// Authors as written (`Li, L.`).
        authors: Vec<String>,
        /// Title.
        title: String,
        /// Journal abbreviation.
        #[serde(skip_serializing_if = "Option::is_none")]
        journal: Option<String>,
        /// Year.
        #[serde(skip_serializing_if = "Option::is_none")]
        year: Option<u32>,
        /// Volume.
        #[serde(skip_serializing_if = "Option::is_none")]
        volume: Option<String>,
        /// Issue.
        #[serde(skip_serializing_if = "Option::is_none")]
        issue: Option<String>,
        /// Pages.
        #[serde(skip_serializing_if = "Option::is_none")]
        pages: Option<String>,
        /// DOI, validated and lower-cased.
        #[serde(skip_serializing_if = "Option::is_none")]
        doi: Option<String>,
        /// URL.
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
}

impl Value {
    /// The canonical key that merge groups by and the scorer matches on.
    pub fn key(&self) -> String {
        match self {
            Value::Use { condition, .. } | Value::Contraindication { condition, .. } => condition.clone(),
            Value::Route { route, .. } => route.clone(),
            Value::SideEffect { term, .. } => term.clone(),
            Value::Interaction { agent, .. } => agent.clone(),
            Value::Mechanism { target, .. } => target.clone(),
            Value::Pharmacokinetics { parameter, .. } => parameter.clone(),
            Value::LegalStatus { status, .. } => status.clone(),
            Value::Citation { doi, title, .. } => doi.clone().unwrap_or_else(|| title.clone()),
            Value::Dosage { amount: Some(amount), .. } => {
                format!("{}-{} {}", fmt_bound(amount.min), fmt_bound(amount.max), amount.unit)
            }
            Value::Dosage { amount: None, .. } => "unspecified".to_string(),
        }
    }

    /// The concept a value is about, which merge and conflict detection
    /// group by: its terminology codes when it has any, so that two
    /// surface forms of one concept ("heart attack", "myocardial
    /// infarction") are one subject; else [`Value::key`].
    pub fn concept(&self) -> String {
        match self.codes() {
            [] => self.key(),
            codes => codes.iter().map(|c| format!("{}:{}", c.system, c.code)).collect::<Vec<_>>().join("+"),
        }
    }

    /// The terminology codes of a condition or an effect.
    pub fn codes(&self) -> &[Code] {
        match self {
            Value::Use { codes, .. } | Value::SideEffect { codes, .. } | Value::Contraindication { codes, .. } => codes,
            _ => &[],
        }
    }

    /// The related product this value belongs to, if any.
    pub fn product(&self) -> Option<&str> {
        match self {
            Value::Use { product, .. } | Value::Route { product, .. } | Value::Dosage { product, .. } => {
                product.as_deref()
            }
            _ => None,
        }
    }
}

/// A code of the concept a condition or an effect names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Code {
    /// The terminology: `ICD-10-CM`.
    pub system: String,
    /// The code as the terminology writes it (`D59.5`).
    pub code: String,
}

/// The terminology of the `icd10cm=` attribute of lexicon rows.
pub const ICD10CM: &str = "ICD-10-CM";

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn fmt_bound(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// Where a claim comes from: the exact bytes of the input (SPEC §3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Source id.
    pub source: String,
    /// Canonical section the text sits in.
    pub section: SectionKind,
    /// The heading of that section, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// Exactly the bytes `start..end` of the input.
    pub text: String,
}

/// One atomic fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// `<source>#<n>`, numbered in output order.
    pub id: String,
    /// Canonical drug name.
    pub drug: String,
    /// Kind.
    pub kind: Kind,
    /// Kind-specific value.
    pub value: Value,
    /// The source says the drug does NOT do this.
    pub negated: bool,
    /// The source is uncertain.
    pub hedged: bool,
    /// Provenance.
    pub evidence: Evidence,
}

impl Claim {
    /// Reads back one line of `claims.jsonl`, as `monograph merge` does with
    /// a shard's claims. `value` is untagged in JSON and several kinds share
    /// a shape (a contraindication's `{"condition"}` is also a valid use),
    /// so its variant is chosen by the line's `kind`, never guessed.
    pub fn from_json(line: &[u8]) -> Result<Claim, serde_json::Error> {
        let ClaimLine { id, drug, kind, value, negated, hedged, evidence } = serde_json::from_slice(line)?;
        let tagged = serde_json::Value::Object(std::iter::once((kind.as_str().to_string(), value)).collect());
        let value = TaggedValue::deserialize(tagged)?;
        Ok(Claim { id, drug, kind, value, negated, hedged, evidence })
    }
}

/// A value of `kind` from its JSON text (a claim line's `value`), its
/// variant chosen by the kind as [`Claim::from_json`] does.
pub(crate) fn value_from_json(kind: Kind, json: &str) -> Result<Value, serde_json::Error> {
    let tagged = format!("{{{}:{json}}}", serde_json::to_string(kind.as_str())?);
    TaggedValue::deserialize(&mut serde_json::Deserializer::from_str(&tagged))
}

/// A claim line with its value not yet typed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimLine {
    id: String,
    drug: String,
    kind: Kind,
    value: serde_json::Value,
    negated: bool,
    hedged: bool,
    evidence: Evidence,
}

/// [`Value`] read as an externally tagged enum, `{"<kind>": {…}}`. serde's
/// `remote` derive builds `Value`'s own variants from it, so a field added
/// to `Value` and not here fails to compile instead of being dropped.
#[derive(Deserialize)]
#[serde(remote = "Value", rename_all = "snake_case", deny_unknown_fields)]
#[allow(dead_code)]
enum TaggedValue {
    Use {
        condition: String,
        status: Option<String>,
        qualifier: Option<String>,
        product: Option<String>,
        #[serde(default)]
        codes: Vec<Code>,
        #[serde(default = "yes")]
        normalized: bool,
    },
    Route {
        route: String,
        product: Option<String>,
    },
    Dosage {
        amount: Option<Amount>,
        route: Option<String>,
        indication: Option<String>,
        phase: Option<String>,
        population: Option<String>,
        duration: Option<Amount>,
        frequency: Option<Frequency>,
        product: Option<String>,
    },
    SideEffect {
        term: String,
        frequency: Option<String>,
        incidence: Option<String>,
        serious: Option<bool>,
        context: Option<String>,
        #[serde(default)]
        codes: Vec<Code>,
        #[serde(default = "yes")]
        normalized: bool,
    },
    Contraindication {
        condition: String,
        #[serde(default)]
        codes: Vec<Code>,
        #[serde(default = "yes")]
        normalized: bool,
    },
    Interaction {
        agent: String,
        effect: Option<String>,
    },
    Mechanism {
        target: String,
        action: String,
    },
    Pharmacokinetics {
        parameter: String,
        value: Option<Amount>,
        term: Option<String>,
        route: Option<String>,
    },
    LegalStatus {
        jurisdiction: Option<String>,
        status: String,
    },
    Citation {
        authors: Vec<String>,
        title: String,
        journal: Option<String>,
        volume: Option<String>,
        year: Option<u32>,
        issue: Option<String>,
        pages: Option<String>,
        doi: Option<String>,
        url: Option<String>,
    },
}
