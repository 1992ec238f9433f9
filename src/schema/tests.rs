//! The schemas against the serde structs: a hand-built run that uses every
//! claim kind, every optional field and every block kind is rendered and
//! must validate; broken variants of it must not.

use serde_json::{Value as Json, json};

use super::*;
use crate::conflict::{Conflict, Position};
use crate::extract::{Amount, Claim, Code, DrugIdentity, Evidence, Frequency, ICD10CM, Kind, Value};
use crate::model::{
    Block, Cell, Debris, DebrisKind, DocMeta, Document, Format, Heading, Section, SectionKind, Span, Text,
};
use crate::{InputRecord, Run, SourceResult, Status};

const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// One value of every kind, every optional field set somewhere.
fn values() -> Vec<(Kind, Value)> {
    let amount = |min, max, unit: &str| Amount { min, max, unit: unit.into() };
    vec![
        (
            Kind::Use,
            Value::Use {
                condition: "type 2 diabetes".into(),
                status: some("approved"),
                qualifier: None,
                product: None,
                codes: vec![Code { system: ICD10CM.to_string(), code: "E11.9".into() }],
                normalized: true,
            },
        ),
        (
            Kind::Use,
            Value::Use {
                condition: "polycystic ovary syndrome".into(),
                status: some("off_label"),
                qualifier: some("insulin resistance"),
                product: some("metformin extended-release"),
                codes: Vec::new(),
                normalized: false,
            },
        ),
        (Kind::Route, Value::Route { route: "oral".into(), product: None }),
        (
            Kind::Dosage,
            Value::Dosage {
                amount: Some(amount(Some(500.0), Some(1000.0), "mg")),
                route: some("oral"),
                indication: some("type 2 diabetes"),
                phase: some("maintenance"),
                population: some("adult"),
                duration: Some(amount(None, Some(40.0), "min")),
                frequency: Some(Frequency { min: 1.0, max: 2.0, per: "day".into() }),
                product: some("metformin extended-release"),
            },
        ),
        (
            Kind::Dosage,
            Value::Dosage {
                amount: None,
                route: None,
                indication: None,
                phase: None,
                population: None,
                duration: None,
                frequency: None,
                product: None,
            },
        ),
        (
            Kind::SideEffect,
            Value::SideEffect {
                term: "lactic acidosis".into(),
                frequency: some("rare"),
                incidence: some("3%"),
                serious: Some(true),
                context: some("therapeutic"),
                codes: vec![Code { system: ICD10CM.to_string(), code: "E87.21".into() }],
                normalized: true,
            },
        ),
        (
            Kind::Contraindication,
            Value::Contraindication {
                condition: "severe renal impairment".into(),
                codes: Vec::new(),
                normalized: true,
            },
        ),
        (Kind::Interaction, Value::Interaction { agent: "iodinated contrast".into(), effect: some("lactic acidosis") }),
        (Kind::Mechanism, Value::Mechanism { target: "AMPK".into(), action: "activator".into() }),
        (
            Kind::Pharmacokinetics,
            Value::Pharmacokinetics {
                parameter: "half_life".into(),
                value: Some(amount(Some(4.0), Some(8.7), "h")),
                term: None,
                route: some("oral"),
            },
        ),
        (
            Kind::Pharmacokinetics,
            Value::Pharmacokinetics { parameter: "excretion".into(), value: None, term: some("urine"), route: None },
        ),
        (Kind::LegalStatus, Value::LegalStatus { jurisdiction: some("US"), status: "prescription-only".into() }),
        (Kind::LegalStatus, Value::LegalStatus { jurisdiction: None, status: "prescription-only".into() }),
        (
            Kind::Citation,
            Value::Citation {
                authors: vec!["Rena, G.".into(), "Hardie, D. G.".into()],
                title: "The mechanisms of action of metformin".into(),
                journal: some("Diabetologia"),
                year: Some(2017),
                volume: some("60"),
                issue: some("9"),
                pages: some("1577-1585"),
                doi: some("10.1007/s00125-017-4342-z"),
                url: some("https://doi.org/10.1007/s00125-017-4342-z"),
            },
        ),
        (
            Kind::Dosage,
            Value::Dosage {
                amount: Some(amount(None, Some(2550.0), "mg/day")),
                route: None,
                indication: None,
                phase: None,
                population: some("elderly"),
                duration: None,
                frequency: None,
                product: None,
            },
        ),
    ]
}

fn claims(source: &str) -> Vec<Claim> {
    values()
        .into_iter()
        .enumerate()
        .map(|(n, (kind, value))| Claim {
            id: format!("{source}#{}", n + 1),
            drug: "metformin".into(),
            kind,
            value,
            negated: n == 5,
            hedged: n == 1,
            evidence: Evidence {
                source: source.into(),
                section: SectionKind::Dosage,
                heading: (n % 2 == 0).then(|| "Dosage".to_string()),
                start: 10,
                end: 20,
                line: 2,
                text: "Metformin.".into(),
            },
        })
        .collect()
}

fn document() -> Document {
    let span = Span::new(0, 9);
    let cell = || Cell { text: Text::verbatim("Oral", 0), span };
    Document {
        meta: DocMeta {
            title: some("Metformin"),
            front_matter: [("title".to_string(), "Metformin".to_string())].into(),
            flags: vec!["ai_generated".into()],
            label: None,
        },
        sections: vec![
            Section {
                kind: SectionKind::Overview,
                heading: None,
                parents: Vec::new(),
                blocks: vec![Block::Paragraph { text: Text::verbatim("Metformin", 0), span, line: 1 }],
            },
            Section {
                kind: SectionKind::Dosage,
                heading: Some(Heading { level: 2, text: Text::verbatim("Dosage", 0), span, line: 3, kind: None }),
                parents: vec!["Metformin".into()],
                blocks: vec![
                    Block::ListItem { text: Text::verbatim("500 mg", 0), span, line: 4, level: 1 },
                    Block::Table { header: vec![cell()], rows: vec![vec![cell()]], span, line: 5 },
                ],
            },
        ],
        debris: vec![Debris { kind: DebrisKind::Navigation, text: "top of page".into(), span, line: 1 }],
        warnings: vec!["UTF-8 byte-order mark ignored".into()],
    }
}

fn record(id: &str, status: Status) -> InputRecord {
    InputRecord {
        id: id.into(),
        path: format!("input/{id}.md"),
        sha256: SHA.into(),
        bytes: 100,
        format: Some(Format::Markdown),
        status,
        error: None,
        warnings: if status == Status::Warning { vec!["UTF-8 byte-order mark ignored".into()] } else { Vec::new() },
    }
}

/// A run using every shape the output can take.
fn full_run() -> Run {
    let drug = DrugIdentity {
        name: "metformin".into(),
        aliases: vec!["Glucophage".into()],
        related: vec!["metformin extended-release".into()],
        components: Vec::new(),
    };
    let mut bare = document();
    bare.meta = DocMeta::default();
    let sources = vec![
        SourceResult {
            input: record("a", Status::Warning),
            doc: Some(document()),
            drug: Some(drug.clone()),
            claims: claims("a"),
        },
        SourceResult { input: record("b", Status::Ok), doc: Some(bare), drug: Some(drug), claims: claims("b") },
        SourceResult {
            input: InputRecord {
                sha256: String::new(),
                bytes: 0,
                format: None,
                error: some("empty file"),
                ..record("c", Status::Skipped)
            },
            doc: None,
            drug: None,
            claims: Vec::new(),
        },
    ];
    let conflict = Conflict {
        id: "metformin/side_effect/lactic-acidosis/polarity".into(),
        drug: "metformin".into(),
        kind: "polarity".into(),
        field: "side_effect".into(),
        subject: "lactic acidosis".into(),
        severity: "high".into(),
        summary: "1 source lists lactic acidosis; 1 says metformin does not cause it".into(),
        context: String::new(),
        positions: vec![
            Position { stance: "affirmed".into(), sources: vec!["a".into()], claims: vec!["a#6".into()] },
            Position { stance: "negated".into(), sources: vec!["b".into()], claims: vec!["b#6".into()] },
        ],
    };
    let mut monographs = crate::merge::merge(&sources);
    monographs[0].conflicts.push(conflict.clone());
    Run { sources, monographs, conflicts: vec![conflict], lexicons: "0".repeat(64) }
}

fn schemas() -> Schemas {
    Schemas::new().expect("built-in schemas compile")
}

#[test]
fn names_and_indices_agree() {
    let names: Vec<&str> = SCHEMAS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["manifest", "source", "claim", "conflict", "monograph"]);
    assert_eq!([MANIFEST, SOURCE, CLAIM, CONFLICT, MONOGRAPH], [0, 1, 2, 3, 4]);
    for (name, text) in SCHEMAS {
        let doc: Json = serde_json::from_str(text).unwrap();
        assert_eq!(doc["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
        assert_eq!(doc["$id"], format!("{name}.schema.json"), "{name}");
    }
}

#[test]
fn every_shape_of_real_output_validates() {
    let run = full_run();
    let mut files = crate::output::render(&run);
    crate::output::add_csv(&run, &mut files).unwrap();
    assert!(files.contains_key("sources/a.json") && files.contains_key("monographs/metformin.json"));
    let problems = schemas().validate_files(&files);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn claim_lines_and_top_level_files_differ_on_schema_version() {
    let s = schemas();
    let claim = serde_json::to_value(&claims("a")[0]).unwrap();
    assert_eq!(s.validate("claim", &claim), Some(Vec::new()));
    let mut versioned = claim.clone();
    versioned["schema_version"] = json!("1.0");
    assert!(!s.validate("claim", &versioned).unwrap().is_empty());
    let files = crate::output::render(&full_run());
    let mut manifest: Json = serde_json::from_slice(&files["manifest.json"]).unwrap();
    manifest.as_object_mut().unwrap().remove("schema_version");
    assert!(!s.validate("manifest", &manifest).unwrap().is_empty());
}

/// Each edit breaks a valid claim in one way the schema must catch.
#[test]
fn broken_claims_are_rejected() {
    let s = schemas();
    let base = serde_json::to_value(&claims("a")[3]).unwrap(); // a dosage
    type Edit = fn(&mut Json);
    let breaks: &[(&str, Edit)] = &[
        ("value of another kind", |c| c["value"] = json!({"term": "nausea"})),
        ("unknown value field", |c| c["value"]["dose"] = json!(1)),
        ("unknown unit", |c| c["value"]["amount"]["unit"] = json!("spoonfuls")),
        ("both bounds null", |c| c["value"]["amount"] = json!({"min": null, "max": null, "unit": "mg"})),
        ("unknown route", |c| c["value"]["route"] = json!("by mouth")),
        ("unknown kind", |c| c["kind"] = json!("dose")),
        ("unknown section", |c| c["evidence"]["section"] = json!("dosing")),
        ("zero line", |c| c["evidence"]["line"] = json!(0)),
        ("empty evidence", |c| c["evidence"]["text"] = json!("")),
        ("bad id", |c| c["id"] = json!("a-1")),
        ("missing negated", |c| _ = c.as_object_mut().unwrap().remove("negated")),
        ("padded term", |c| c["drug"] = json!(" metformin")),
    ];
    for (what, edit) in breaks {
        let mut claim = base.clone();
        edit(&mut claim);
        assert!(!s.validate("claim", &claim).unwrap().is_empty(), "{what} was accepted: {claim}");
    }
    let mut citation = serde_json::to_value(&claims("a")[13]).unwrap();
    citation["value"]["doi"] = json!("10.1007/S00125");
    assert!(!s.validate("claim", &citation).unwrap().is_empty(), "upper-case DOI was accepted");
}

#[test]
fn problems_name_file_line_and_pointer() {
    let mut files = crate::output::render(&full_run());
    let mut lines: Vec<Json> = files["claims.jsonl"]
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    lines[1]["evidence"]["line"] = json!(0);
    let mut jsonl = Vec::new();
    for l in &lines {
        jsonl.extend(serde_json::to_vec(l).unwrap());
        jsonl.push(b'\n');
    }
    files.insert("claims.jsonl".into(), jsonl);
    files.insert("conflicts.jsonl".into(), b"{not json\n".to_vec());
    files.remove("manifest.json");
    // A monograph's conflicts are checked with the conflict schema, and a
    // source file names its claims by id.
    let mut source: Json = serde_json::from_slice(&files["sources/a.json"]).unwrap();
    source["claims"][3] = json!("a#99");
    files.insert("sources/a.json".into(), serde_json::to_vec(&source).unwrap());
    let mut mono: Json = serde_json::from_slice(&files["monographs/metformin.json"]).unwrap();
    mono["conflicts"][0]["severity"] = json!("urgent");
    files.insert("monographs/metformin.json".into(), serde_json::to_vec(&mono).unwrap());
    let problems = schemas().validate_files(&files);
    assert_eq!(problems.len(), 6, "{problems:#?}");
    assert_eq!(problems[0], "manifest.json: missing");
    assert!(problems[1].starts_with("claims.jsonl:2: /evidence/line: "), "{}", problems[1]);
    assert!(problems[2].starts_with("conflicts.jsonl:1: /: not valid JSON"), "{}", problems[2]);
    assert!(problems[3].starts_with("monographs/metformin.json: /conflicts/0/severity: "), "{}", problems[3]);
    // Then the references: the conflict lines are gone, so the monograph's
    // conflict is unknown; without a manifest, nothing more can be checked.
    assert_eq!(problems[4], "sources/a.json: /claims/3: claim a#99 is not in claims.jsonl");
    assert_eq!(
        problems[5],
        "monographs/metformin.json: /conflicts/0/id: conflict metformin/side_effect/lactic-acidosis/polarity is not in conflicts.jsonl"
    );
}

/// Claims are written once and named by id everywhere else: each edit
/// breaks one reference between files, which `validate` must name.
#[test]
fn every_broken_reference_is_found() {
    let s = schemas();
    let valid = crate::output::render(&full_run());
    assert_eq!(s.validate_files(&valid), Vec::<String>::new());
    let json = |files: &Files, rel: &str| -> Json { serde_json::from_slice(&files[rel]).unwrap() };
    let put = |files: &mut Files, rel: &str, v: &Json| _ = files.insert(rel.into(), serde_json::to_vec(v).unwrap());
    let edit_claims = |files: &mut Files, f: &dyn Fn(&mut Vec<Json>)| {
        let mut lines: Vec<Json> = files["claims.jsonl"]
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        f(&mut lines);
        let mut out = Vec::new();
        for l in &lines {
            out.extend(serde_json::to_vec(l).unwrap());
            out.push(b'\n');
        }
        files.insert("claims.jsonl".into(), out);
    };
    type Edit = Box<dyn Fn(&mut Files)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "sources/a.json: /claims/2: claim a#99 is not in claims.jsonl",
            Box::new(move |f| {
                let mut v = json(f, "sources/a.json");
                v["claims"][2] = json!("a#99");
                put(f, "sources/a.json", &v);
            }),
        ),
        (
            "sources/a.json: /claims: claim a#3 of this source is not listed",
            Box::new(move |f| {
                let mut v = json(f, "sources/a.json");
                v["claims"].as_array_mut().unwrap().remove(2);
                put(f, "sources/a.json", &v);
            }),
        ),
        (
            "sources/a.json: /claims: claim b#1 is a claim of source b",
            Box::new(move |f| {
                let mut v = json(f, "sources/a.json");
                v["claims"].as_array_mut().unwrap().push(json!("b#1"));
                put(f, "sources/a.json", &v);
            }),
        ),
        (
            "sources/a.json: /claims: its claims are not in claims.jsonl order",
            Box::new(move |f| {
                let mut v = json(f, "sources/a.json");
                v["claims"].as_array_mut().unwrap().swap(0, 1);
                put(f, "sources/a.json", &v);
            }),
        ),
        (
            "sources/a.json: /sha256: manifest.json says",
            Box::new(move |f| {
                let mut v = json(f, "sources/a.json");
                v["sha256"] = json!("0".repeat(64));
                put(f, "sources/a.json", &v);
            }),
        ),
        ("manifest.json: /inputs/1: input b has no sources/b.json", Box::new(|f| _ = f.remove("sources/b.json"))),
        (
            "sources/c.json: /: input c was skipped and has no source file",
            Box::new(|f| {
                let b = f["sources/b.json"].clone();
                f.insert("sources/c.json".into(), b);
            }),
        ),
        (
            "sources/d.json: /: source d is not an input of manifest.json",
            Box::new(|f| {
                let b = f["sources/b.json"].clone();
                f.insert("sources/d.json".into(), b);
            }),
        ),
        (
            "monographs/metformin.json: /uses/0/claims/0: claim a#77 is not in claims.jsonl",
            Box::new(move |f| {
                let mut v = json(f, "monographs/metformin.json");
                v["uses"][0]["claims"][0] = json!("a#77");
                put(f, "monographs/metformin.json", &v);
            }),
        ),
        (
            "monographs/metformin.json: /uses/0/sources/0: source c is not a processed input",
            Box::new(move |f| {
                let mut v = json(f, "monographs/metformin.json");
                v["uses"][0]["sources"][0] = json!("c");
                put(f, "monographs/metformin.json", &v);
            }),
        ),
        (
            "conflicts.jsonl:1: /positions/1/claims/0: claim b#66 is not in claims.jsonl",
            Box::new(|f| {
                let line = String::from_utf8(f["conflicts.jsonl"].clone()).unwrap().replace("b#6", "b#66");
                f.insert("conflicts.jsonl".into(), line.into_bytes());
            }),
        ),
        (
            "claims.jsonl:2: /id: claim a#1 is also on line 1",
            Box::new(move |f| edit_claims(f, &|l| l[1]["id"] = json!("a#1"))),
        ),
        (
            "claims.jsonl:1: /evidence/source: c is not a processed input",
            Box::new(move |f| {
                edit_claims(f, &|l| {
                    l[0]["id"] = json!("c#1");
                    l[0]["evidence"]["source"] = json!("c");
                })
            }),
        ),
        (
            "claims.jsonl:1: /id: claim b#1 is not numbered under its evidence.source a",
            Box::new(move |f| edit_claims(f, &|l| l[0]["id"] = json!("b#1"))),
        ),
        (
            "manifest.json: /counts/claims: 30, but the output has 29",
            Box::new(move |f| edit_claims(f, &|l| _ = l.pop())),
        ),
    ];
    for (want, edit) in &cases {
        let mut files = valid.clone();
        edit(&mut files);
        let problems = s.validate_files(&files);
        assert!(problems.iter().any(|p| p.starts_with(want)), "{want}\nnot among {problems:#?}");
    }
}

#[test]
fn manifest_statuses_follow_their_rules() {
    let s = schemas();
    let files = crate::output::render(&full_run());
    let manifest: Json = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let with = |i: usize, field: &str, v: Json| {
        let mut m = manifest.clone();
        match v {
            Json::Null => _ = m["inputs"][i].as_object_mut().unwrap().remove(field),
            v => m["inputs"][i][field] = v,
        }
        s.validate("manifest", &m).unwrap()
    };
    assert!(!with(2, "error", Json::Null).is_empty(), "skipped needs an error");
    assert!(!with(0, "warnings", json!([])).is_empty(), "warning needs warnings");
    assert!(!with(1, "warnings", json!(["x"])).is_empty(), "ok has no warnings");
    assert!(!with(1, "status", json!("failed")).is_empty());
}
