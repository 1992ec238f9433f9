//! `--format csv`: `claims.csv` and `conflicts.csv`, flat tables for
//! spreadsheets and SQL loaders.
//!
//! Each table is one row struct whose field order is the column order (a
//! unit test keeps the header constant equal to it). A claim's `value` is
//! spread over one column per value field of every kind, and fields a kind
//! does not have stay empty. Fields shared by kinds share a column
//! (`condition`, `product`, `route`), except where the meaning differs:
//! a legal status goes to `legal_status`, not the use's `status`, and a
//! pharmacokinetic term to `pk_term`, not the side effect's `term`.
//!
//! Quoting follows RFC 4180 (fields holding a comma, a quote or a line break
//! are quoted, quotes doubled); lines end with `\n`. Numbers print as in the
//! JSON files, in shortest round-trip form.

use serde::Serialize;

use super::{Files, OutputError};
use crate::Run;
use crate::conflict::Conflict;
use crate::extract::{Amount, Claim, Code, Frequency, Value};

/// One row of `claims.csv`.
#[derive(Default, Serialize)]
struct ClaimRow<'a> {
    id: &'a str,
    drug: &'a str,
    kind: &'static str,
    negated: bool,
    hedged: bool,
    condition: Option<&'a str>,
    status: Option<&'a str>,
    qualifier: Option<&'a str>,
    product: Option<&'a str>,
    route: Option<&'a str>,
    amount_min: Option<f64>,
    amount_max: Option<f64>,
    amount_unit: Option<&'a str>,
    indication: Option<&'a str>,
    phase: Option<&'a str>,
    population: Option<&'a str>,
    duration_min: Option<f64>,
    duration_max: Option<f64>,
    duration_unit: Option<&'a str>,
    frequency_min: Option<f64>,
    frequency_max: Option<f64>,
    frequency_per: Option<&'a str>,
    term: Option<&'a str>,
    frequency: Option<&'a str>,
    /// The drug's rate from an incidence table (`3%`), not the comparator's.
    incidence: Option<&'a str>,
    serious: Option<bool>,
    context: Option<&'a str>,
    /// `SYSTEM:CODE`, joined with `"; "`.
    codes: Option<String>,
    /// Written only for a condition or effect: false when captured without
    /// a lexicon row.
    normalized: Option<bool>,
    agent: Option<&'a str>,
    effect: Option<&'a str>,
    target: Option<&'a str>,
    action: Option<&'a str>,
    parameter: Option<&'a str>,
    value_min: Option<f64>,
    value_max: Option<f64>,
    value_unit: Option<&'a str>,
    pk_term: Option<&'a str>,
    jurisdiction: Option<&'a str>,
    legal_status: Option<&'a str>,
    /// Joined with `"; "`.
    authors: Option<String>,
    title: Option<&'a str>,
    journal: Option<&'a str>,
    year: Option<u32>,
    volume: Option<&'a str>,
    issue: Option<&'a str>,
    pages: Option<&'a str>,
    doi: Option<&'a str>,
    url: Option<&'a str>,
    source: &'a str,
    section: &'static str,
    heading: Option<&'a str>,
    start: usize,
    end: usize,
    line: usize,
    text: &'a str,
}

/// The columns of `claims.csv`, in order; a unit test checks them against
/// [`ClaimRow`], and the header is written even when there are no claims.
const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "drug",
    "kind",
    "negated",
    "hedged",
    "condition",
    "status",
    "qualifier",
    "product",
    "route",
    "amount_min",
    "amount_max",
    "amount_unit",
    "indication",
    "phase",
    "population",
    "duration_min",
    "duration_max",
    "duration_unit",
    "frequency_min",
    "frequency_max",
    "frequency_per",
    "term",
    "frequency",
    "incidence",
    "serious",
    "context",
    "codes",
    "normalized",
    "agent",
    "effect",
    "target",
    "action",
    "parameter",
    "value_min",
    "value_max",
    "value_unit",
    "pk_term",
    "jurisdiction",
    "legal_status",
    "authors",
    "title",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "url",
    "source",
    "section",
    "heading",
    "start",
    "end",
    "line",
    "text",
];

/// One row of `conflicts.csv`.
#[derive(Serialize)]
struct ConflictRow<'a> {
    id: &'a str,
    drug: &'a str,
    kind: &'a str,
    field: &'a str,
    subject: &'a str,
    severity: &'a str,
    summary: &'a str,
    context: &'a str,
    /// `stance: source, source | stance: source`.
    positions: String,
}

/// The columns of `conflicts.csv`, in order.
const CONFLICT_COLUMNS: &[&str] =
    &["id", "drug", "kind", "field", "subject", "severity", "summary", "context", "positions"];

impl<'a> ClaimRow<'a> {
    fn new(c: &'a Claim) -> ClaimRow<'a> {
        let e = &c.evidence;
        let mut row = ClaimRow {
            id: &c.id,
            drug: &c.drug,
            kind: c.kind.as_str(),
            negated: c.negated,
            hedged: c.hedged,
            source: &e.source,
            section: e.section.as_str(),
            heading: e.heading.as_deref(),
            start: e.start,
            end: e.end,
            line: e.line,
            text: &e.text,
            ..ClaimRow::default()
        };
        row.spread(&c.value);
        row
    }

    /// The columns of a condition's or an effect's concept.
    fn concept(&mut self, codes: &[Code], normalized: bool) {
        if !codes.is_empty() {
            self.codes = Some(codes.iter().map(|c| format!("{}:{}", c.system, c.code)).collect::<Vec<_>>().join("; "));
        }
        self.normalized = Some(normalized);
    }

    /// Copies the value's fields into their columns. The patterns name every
    /// field, so a new field fails to compile here until it has a column
    /// (and a place in `schema/claim.schema.json`).
    fn spread(&mut self, value: &'a Value) {
        match value {
            Value::Use { condition, status, qualifier, product, codes, normalized } => {
                self.condition = Some(condition);
                self.status = status.as_deref();
                self.qualifier = qualifier.as_deref();
                self.product = product.as_deref();
                self.concept(codes, *normalized);
            }
            Value::Route { route, product } => {
                self.route = Some(route);
                self.product = product.as_deref();
            }
            Value::Dosage { amount, route, indication, phase, population, duration, frequency, product } => {
                (self.amount_min, self.amount_max, self.amount_unit) = bounds(amount.as_ref());
                self.route = route.as_deref();
                self.indication = indication.as_deref();
                self.phase = phase.as_deref();
                self.population = population.as_deref();
                (self.duration_min, self.duration_max, self.duration_unit) = bounds(duration.as_ref());
                if let Some(Frequency { min, max, per }) = frequency {
                    (self.frequency_min, self.frequency_max, self.frequency_per) =
                        (Some(*min), Some(*max), Some(per.as_str()));
                }
                self.product = product.as_deref();
            }
            Value::SideEffect { term, frequency, incidence, serious, context, codes, normalized } => {
                self.term = Some(term);
                self.frequency = frequency.as_deref();
                self.incidence = incidence.as_deref();
                self.serious = *serious;
                self.context = context.as_deref();
                self.concept(codes, *normalized);
            }
            Value::Contraindication { condition, codes, normalized } => {
                self.condition = Some(condition);
                self.concept(codes, *normalized);
            }
            Value::Interaction { agent, effect } => {
                self.agent = Some(agent);
                self.effect = effect.as_deref();
            }
            Value::Mechanism { target, action } => {
                self.target = Some(target);
                self.action = Some(action);
            }
            Value::Pharmacokinetics { parameter, value, term, route } => {
                self.parameter = Some(parameter);
                (self.value_min, self.value_max, self.value_unit) = bounds(value.as_ref());
                self.pk_term = term.as_deref();
                self.route = route.as_deref();
            }
            Value::LegalStatus { jurisdiction, status } => {
                self.jurisdiction = jurisdiction.as_deref();
                self.legal_status = Some(status);
            }
            Value::Citation { authors, title, journal, year, volume, issue, pages, doi, url } => {
                self.authors = Some(authors.join("; "));
                self.title = Some(title);
                self.journal = journal.as_deref();
                self.year = *year;
                self.volume = volume.as_deref();
                self.issue = issue.as_deref();
                self.pages = pages.as_deref();
                self.doi = doi.as_deref();
                self.url = url.as_deref();
            }
        }
    }
}

fn bounds(amount: Option<&Amount>) -> (Option<f64>, Option<f64>, Option<&str>) {
    amount.map_or((None, None, None), |a| (a.min, a.max, Some(a.unit.as_str())))
}

impl<'a> ConflictRow<'a> {
    fn new(c: &'a Conflict) -> ConflictRow<'a> {
        let positions: Vec<String> =
            c.positions.iter().map(|p| format!("{}: {}", p.stance, p.sources.join(", "))).collect();
        ConflictRow {
            id: &c.id,
            drug: &c.drug,
            kind: &c.kind,
            field: &c.field,
            subject: &c.subject,
            severity: &c.severity,
            summary: &c.summary,
            context: &c.context,
            positions: positions.join(" | "),
        }
    }
}

/// Renders a table: the header, then one row per item.
fn table<R: Serialize>(
    file: &'static str,
    columns: &[&str],
    rows: impl Iterator<Item = R>,
) -> Result<Vec<u8>, OutputError> {
    let err = |e: ::csv::Error| OutputError::Csv { file, msg: e.to_string() };
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(columns).map_err(err)?;
    for row in rows {
        w.serialize(row).map_err(err)?;
    }
    w.into_inner().map_err(|e| OutputError::Csv { file, msg: e.to_string() })
}

/// Adds `claims.csv` (one row per claim, in claims.jsonl order) and
/// `conflicts.csv` (one row per conflict, sorted by id).
pub fn add_csv(run: &Run, files: &mut Files) -> Result<(), OutputError> {
    let mut claims = claims_header()?;
    for s in &run.sources {
        claims.extend(claim_rows(&s.claims)?);
    }
    files.insert("claims.csv".into(), claims);
    files.insert("conflicts.csv".into(), conflicts_table(&run.conflicts)?);
    Ok(())
}

/// The header line of `claims.csv`.
pub(crate) fn claims_header() -> Result<Vec<u8>, OutputError> {
    table("claims.csv", CLAIM_COLUMNS, std::iter::empty::<ClaimRow<'_>>())
}

/// The rows of `claims.csv` for some claims, without the header: a table
/// can be written a source at a time.
pub(crate) fn claim_rows(claims: &[Claim]) -> Result<Vec<u8>, OutputError> {
    let err = |e: ::csv::Error| OutputError::Csv { file: "claims.csv", msg: e.to_string() };
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for c in claims {
        w.serialize(ClaimRow::new(c)).map_err(err)?;
    }
    w.into_inner().map_err(|e| OutputError::Csv { file: "claims.csv", msg: e.to_string() })
}

/// All of `conflicts.csv`.
pub(crate) fn conflicts_table(conflicts: &[Conflict]) -> Result<Vec<u8>, OutputError> {
    table("conflicts.csv", CONFLICT_COLUMNS, conflicts.iter().map(ConflictRow::new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conflict::Position;
    use crate::extract::{Evidence, Kind};
    use crate::model::SectionKind;

    /// The header [`ClaimRow`] would write itself.
    fn derived_header<R: Serialize>(row: R) -> String {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.serialize(row).unwrap();
        let bytes = w.into_inner().unwrap();
        String::from_utf8(bytes).unwrap().lines().next().unwrap().to_string()
    }

    #[test]
    fn columns_match_the_row_structs() {
        assert_eq!(derived_header(ClaimRow::default()), CLAIM_COLUMNS.join(","));
        let c = Conflict {
            id: String::new(),
            drug: String::new(),
            kind: String::new(),
            field: String::new(),
            subject: String::new(),
            severity: String::new(),
            summary: String::new(),
            context: String::new(),
            positions: Vec::new(),
        };
        assert_eq!(derived_header(ConflictRow::new(&c)), CONFLICT_COLUMNS.join(","));
    }

    fn claim(value: Value, text: &str) -> Claim {
        Claim {
            id: "doc#1".into(),
            drug: "amoxicillin".into(),
            kind: Kind::Dosage,
            value,
            negated: false,
            hedged: true,
            evidence: Evidence {
                source: "doc".into(),
                section: SectionKind::Dosage,
                heading: Some("Dosage".into()),
                start: 10,
                end: 10 + text.len(),
                line: 2,
                text: text.into(),
            },
        }
    }

    fn parse(bytes: &[u8]) -> Vec<::csv::StringRecord> {
        ::csv::ReaderBuilder::new().from_reader(bytes).records().map(Result::unwrap).collect()
    }

    #[test]
    fn spreads_values_and_quotes_per_rfc_4180() {
        let value = Value::Dosage {
            amount: Some(Amount { min: Some(0.5), max: Some(2.0), unit: "mg/kg".into() }),
            route: Some("oral".into()),
            indication: None,
            phase: None,
            population: Some("pediatric".into()),
            duration: None,
            frequency: Some(Frequency { min: 2.0, max: 3.0, per: "day".into() }),
            product: None,
        };
        let text = "0.5–2 mg/kg, \"divided\"\ntwice";
        let c = claim(value, text);
        let bytes = table("claims.csv", CLAIM_COLUMNS, std::iter::once(ClaimRow::new(&c))).unwrap();
        let s = String::from_utf8(bytes.clone()).unwrap();
        assert!(s.contains("\"0.5–2 mg/kg, \"\"divided\"\"\ntwice\""), "{s}");
        let rows = parse(&bytes);
        assert_eq!(rows.len(), 1);
        let get = |name: &str| rows[0].get(CLAIM_COLUMNS.iter().position(|c| *c == name).unwrap()).unwrap();
        assert_eq!(get("amount_min"), "0.5");
        assert_eq!(get("amount_max"), "2.0");
        assert_eq!(get("amount_unit"), "mg/kg");
        assert_eq!(get("frequency_per"), "day");
        assert_eq!(get("population"), "pediatric");
        assert_eq!(get("phase"), "");
        assert_eq!(get("hedged"), "true");
        assert_eq!(get("text"), text);
    }

    #[test]
    fn citation_authors_are_joined_and_positions_flattened() {
        let value = Value::Citation {
            authors: vec!["Li, L.".into(), "Vlisides, P. E.".into()],
            title: "The mechanism of action of ketamine".into(),
            journal: None,
            year: Some(2018),
            volume: None,
            issue: None,
            pages: None,
            doi: Some("10.3389/fnhum.2016.00612".into()),
            url: None,
        };
        let c = claim(value, "Li, L.");
        let row = ClaimRow::new(&c);
        assert_eq!(row.authors.as_deref(), Some("Li, L.; Vlisides, P. E."));
        let conflict = Conflict {
            id: "x/side_effect/y/polarity".into(),
            drug: "x".into(),
            kind: "polarity".into(),
            field: "side_effect".into(),
            subject: "y".into(),
            severity: "high".into(),
            summary: "s".into(),
            context: String::new(),
            positions: vec![
                Position { stance: "affirmed".into(), sources: vec!["a".into(), "b".into()], claims: vec![] },
                Position { stance: "negated".into(), sources: vec!["c".into()], claims: vec![] },
            ],
        };
        assert_eq!(ConflictRow::new(&conflict).positions, "affirmed: a, b | negated: c");
    }
}
