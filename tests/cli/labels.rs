//! Drug labels (issue 13): SPL XML, openFDA JSON and DailyMed HTML.
//!
//! One run over a folder that mixes the label fixtures with broken and
//! foreign XML/JSON and an ordinary markdown page. Then, per label,
//! expectations written by hand from the label text (what the label says
//! and what it does not), the evidence invariant for the JSON escapes, and
//! the agreement of one label given in three formats.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::util::{Run, jsonl, monograph, root, temp};

/// Copies the label fixtures and the bad cases into `dir`.
fn mixed_folder(dir: &Path) {
    let fixtures = root().join("tests/fixtures");
    for (from, to) in [
        ("spl/otc_drug_facts_combination.spl.xml", "otc.xml"),
        ("spl/rx_highlights_loinc_tables.spl.xml", "statin.xml"),
        ("spl/rx_boxed_warning_medguide.spl.xml", "biologic_spl.xml"),
        ("openfda/rx_label_record_same_as_spl.openfda.json", "biologic_openfda.json"),
        ("html/dailymed_label_same_as_spl.html", "biologic_dailymed.html"),
        ("markdown/frontmatter_headings_pipe_table.md", "page.md"),
    ] {
        std::fs::copy(fixtures.join(from), dir.join(to)).expect("copying a fixture");
    }
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("writing a case");
    write(
        "broken.xml",
        "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:hl7-org:v3\">\n  <title>x</titel>\n</document>\n",
    );
    write("broken.json", "{\n  \"indications_and_usage\": [\n    \"1 INDICATIONS\",\n  ]\n}\n");
    write("feed.xml", "<?xml version=\"1.0\"?>\n<rss><channel><title>news</title></channel></rss>\n");
    write("config.json", "{\"name\": \"x\", \"version\": 2}\n");
}

/// Claims of the run, by source id.
fn claims_by_source(out: &Path) -> BTreeMap<String, Vec<Value>> {
    let mut by: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for c in jsonl(&out.join("claims.jsonl")) {
        let source = c["evidence"]["source"].as_str().expect("source").to_string();
        by.entry(source).or_default().push(c);
    }
    by
}

/// The key a claim is matched on: the value field that names it, or a
/// dose's `min-max unit`.
fn key(c: &Value) -> String {
    let v = &c["value"];
    let field = match c["kind"].as_str().unwrap_or_default() {
        "use" | "contraindication" => "condition",
        "route" => "route",
        "side_effect" => "term",
        "interaction" => "agent",
        "mechanism" => "target",
        "pharmacokinetics" => "parameter",
        "legal_status" => "status",
        _ => {
            let a = &v["amount"];
            let n = |x: &Value| x.as_f64().map(|f| f.to_string()).unwrap_or_default();
            return format!("{}-{} {}", n(&a["min"]), n(&a["max"]), a["unit"].as_str().unwrap_or_default());
        }
    };
    v[field].as_str().unwrap_or_default().to_string()
}

/// Whether an expectation holds: `label FIELD VALUE` asks the source's
/// label data (product data of SPL, `openfda` of a record) for VALUE in
/// FIELD; otherwise it is a claim, `[neg ]kind key[ | field=value]`, where
/// `neg` asks for a negated claim and the claim must else be affirmed.
fn holds_in(source: &Value, claims: &[Value], item: &str) -> bool {
    let Some(data) = item.strip_prefix("label ") else { return holds(claims, item) };
    let (field, want) = data.split_once(' ').expect("`label FIELD VALUE`");
    match &source["label"][field] {
        Value::Array(values) => values.iter().any(|v| v == want),
        value => value == want,
    }
}

/// Whether a claim expectation holds (see [`holds_in`]).
fn holds(claims: &[Value], item: &str) -> bool {
    let (negated, item) = match item.strip_prefix("neg ") {
        Some(rest) => (true, rest),
        None => (false, item),
    };
    let (head, attr) = match item.split_once(" | ") {
        Some((h, a)) => (h, a.split_once('=')),
        None => (item, None),
    };
    let (kind, want) = head.split_once(' ').expect("`kind key`");
    claims.iter().any(|c| {
        c["kind"] == kind
            && key(c) == want
            && c["negated"] == negated
            && attr.is_none_or(|(field, value)| c["value"][field].as_str() == Some(value))
    })
}

/// One label's hand-written expectations. `expected` must all be found and
/// `traps` must all be absent, except the items listed in `not_yet`: known
/// misses of today's extractors, which must still miss (so fixing one
/// fails here until it moves to the list it belongs in).
struct Label {
    source: &'static str,
    expected: &'static [&'static str],
    traps: &'static [&'static str],
    not_yet: &'static [&'static str],
}

/// The biologic's label (TNF blocker with a boxed warning), read from the
/// SPL file; its openFDA and HTML forms must agree with it (below).
const BIOLOGIC: Label = Label {
    source: "biologic_spl",
    expected: &[
        // 1 Indications and usage.
        "use rheumatoid arthritis",
        "use psoriatic arthritis",
        "use ankylosing spondylitis",
        "use crohn's disease",
        "use ulcerative colitis",
        "use psoriasis",
        "use juvenile idiopathic arthritis",
        // 2 Dosage and administration, 3 forms and strengths.
        "route subcutaneous",
        "dosage 40-40 mg",
        "dosage 80-80 mg",
        "dosage 160-160 mg",
        "dosage 20-20 mg",
        "dosage 0.8-0.8 mL",
        "dosage 0.4-0.4 mL",
        // 6.1 Table 1: the drug's column, not placebo's.
        "side_effect upper respiratory tract infections | incidence=17%",
        "side_effect sinusitis | incidence=11%",
        "side_effect nausea | incidence=9%",
        "side_effect abdominal pain | incidence=7%",
        "side_effect headache | incidence=12%",
        "side_effect rash | incidence=12%",
        "side_effect injection site reactions | incidence=8%",
        "side_effect back pain | incidence=6%",
        "side_effect urinary tract infections | incidence=8%",
        "side_effect increased blood pressure | incidence=5%",
        // 5 Warnings and 6 adverse reactions in prose.
        "side_effect lupus-like syndrome",
        "side_effect anaphylaxis",
        "side_effect thrombocytopenia",
        "side_effect interstitial lung disease",
        "side_effect vasculitis",
        "side_effect liver injury",
        "side_effect tuberculosis",
        "side_effect lymphoma",
        // 7 Drug interactions, 12.3 (CYP450 substrates).
        "interaction methotrexate",
        "interaction warfarin",
        "interaction theophylline",
        "interaction cyclosporine",
        "interaction anakinra",
        "interaction abatacept",
        // 12 Clinical pharmacology.
        "mechanism TNF-alpha",
        "pharmacokinetics half_life",
        "pharmacokinetics bioavailability",
        "legal_status prescription-only",
    ],
    traps: &[
        // Placebo rates of Table 1 are not the drug's.
        "side_effect upper respiratory tract infections | incidence=13%",
        "side_effect sinusitis | incidence=9%",
        "side_effect nausea | incidence=8%",
        "side_effect abdominal pain | incidence=4%",
        "side_effect headache | incidence=8%",
        "side_effect rash | incidence=6%",
        "side_effect injection site reactions | incidence=1%",
        "side_effect back pain | incidence=4%",
        "side_effect urinary tract infections | incidence=5%",
        "side_effect increased blood pressure | incidence=3%",
        // 4 Contraindications: "None"; infections and cancers are risks.
        "contraindication rheumatoid arthritis",
        "contraindication tuberculosis",
        "contraindication lymphoma",
        // Warned-of infections are not uses.
        "use tuberculosis",
        "use fungal infections",
        "use hepatitis b",
        // "has not been formally studied in patients with CHF": not a use.
        "use heart failure",
        // Injected, never taken by mouth or through the skin.
        "route oral",
        "route transdermal",
        "neg mechanism TNF-alpha",
    ],
    not_yet: &[
        "side_effect tuberculosis",
        "side_effect lymphoma",
        "interaction anakinra",
        "interaction abatacept",
        // "taking injections or pills", "red scaly patches" in the leaflet.
        "route oral",
        "route transdermal",
    ],
};

/// The statin's label: highlights, LOINC-coded sections, Table 2 whose rates
/// are bare numbers with placebo in the last column.
const STATIN: Label = Label {
    source: "statin",
    expected: &[
        "use hyperlipidemia",
        "use myocardial infarction",
        "use stroke",
        "use angina",
        "use coronary artery disease",
        "use type 2 diabetes",
        "use hypertriglyceridemia",
        "route oral",
        "dosage 10-80 mg",
        "dosage 10-10 mg",
        "dosage 20-20 mg",
        "dosage 40-40 mg",
        "dosage 80-80 mg",
        "dosage 10-20 mg",
        // Table 2, "Any dose" column.
        "side_effect joint pain | incidence=6.9",
        "side_effect diarrhea | incidence=6.8",
        "side_effect urinary tract infections | incidence=5.7",
        "side_effect dyspepsia | incidence=4.7",
        "side_effect nausea | incidence=4.0",
        "side_effect insomnia | incidence=3.0",
        "side_effect rhabdomyolysis",
        "side_effect muscle pain",
        "side_effect liver injury",
        "side_effect hyperglycemia",
        "side_effect memory loss",
        "side_effect cognitive impairment",
        "contraindication pregnancy",
        "contraindication breastfeeding",
        "contraindication hypersensitivity",
        "interaction cyclosporine",
        "interaction clarithromycin",
        "interaction itraconazole",
        "interaction gemfibrozil",
        "interaction niacin",
        "interaction colchicine",
        "interaction digoxin",
        "interaction rifampin",
        "interaction grapefruit juice",
        "interaction ritonavir",
        "interaction norethindrone",
        "mechanism HMG-CoA reductase",
        "pharmacokinetics half_life",
        "pharmacokinetics bioavailability",
        "pharmacokinetics metabolism",
        "legal_status prescription-only",
    ],
    traps: &[
        // Table 2's placebo column.
        "side_effect joint pain | incidence=6.5",
        "side_effect diarrhea | incidence=6.3",
        "side_effect urinary tract infections | incidence=5.6",
        "side_effect dyspepsia | incidence=4.3",
        "side_effect nausea | incidence=3.5",
        "side_effect insomnia | incidence=2.9",
        // Adverse reactions are not uses.
        "use diarrhea",
        "use urinary tract infections",
        "use nausea and vomiting",
        // A tablet: not injected.
        "route intravenous",
        // "HIV protease inhibitors" are interacting drugs, not its target.
        "mechanism HIV protease",
        "legal_status over-the-counter",
    ],
    not_yet: &["legal_status over-the-counter"],
};

/// The OTC "Drug Facts" label of a combination syrup: a short label, whose
/// claims and product data (with its labeler and excipients) come to 42
/// items.
const OTC: Label = Label {
    source: "otc",
    expected: &[
        "use cough",
        "use allergic rhinitis",
        "route oral",
        "dosage 6.25-6.25 mg",
        "dosage 10-10 mL",
        "dosage 5-5 mL",
        "interaction MAOIs",
        "interaction sedatives",
        "interaction tranquilizers",
        "side_effect sedation",
        "side_effect paradoxical excitation",
        "side_effect anxiety",
        "side_effect dizziness",
        "side_effect insomnia",
        "contraindication children",
        // "Uses temporarily relieves • sneezing • … • nasal and sinus
        // congestion • cough … as may occur with a cold": the bullets inside
        // one SPL item, led in by a use cue.
        "use sneezing",
        "use runny nose",
        "use nasal congestion",
        "use common cold",
        // Product data: the label's identity and provenance.
        "label set_id 00f66f25-3469-4c16-9baf-fba21e9628bd",
        "label version 1",
        "label effective_date 20110426",
        "label generic_names Diphenhydramine HCl, Phenylephrine HCl",
        "label brand_names TRIAMINIC Childrens Night Time Cold and Cough",
        "label active_ingredients DIPHENHYDRAMINE HYDROCHLORIDE 6.25 mg/5 mL",
        "label active_ingredients PHENYLEPHRINE HYDROCHLORIDE 2.5 mg/5 mL",
        "label routes ORAL",
        "label dosage_forms SYRUP",
        "label ndcs 0067-6344",
        "label ndcs 0067-6344-04",
        "label ndcs 0067-6344-08",
        "label labeler Novartis Consumer Health, Inc.",
        // The excipients a parent checks for an allergy.
        "label inactive_ingredients ACESULFAME POTASSIUM",
        "label inactive_ingredients ANHYDROUS CITRIC ACID",
        "label inactive_ingredients BENZOIC ACID",
        "label inactive_ingredients EDETATE DISODIUM",
        "label inactive_ingredients FD&C BLUE NO. 1",
        "label inactive_ingredients FD&C RED NO. 40",
        "label inactive_ingredients MALTITOL",
        "label inactive_ingredients PROPYLENE GLYCOL",
        "label inactive_ingredients SODIUM CITRATE",
        "label inactive_ingredients WATER",
    ],
    traps: &[
        // "Ask a doctor before use if the child has heart disease • high blood
        // pressure • …": a caution (a doctor decides), not a contraindication.
        "contraindication cardiovascular disease",
        "contraindication hypertension",
        "contraindication diabetes",
        "contraindication glaucoma",
        "contraindication copd",
        "contraindication asthma",
        "contraindication thyroid disease",
        // "Nasal decongestant" is what it does, not how it is taken.
        "route intranasal",
        // "symptoms … occur with a fever": a reason to stop, not a denial.
        "neg side_effect fever",
        // "If you do not know if the child's prescription drug contains an MAOI".
        "neg legal_status prescription-only",
        // Depression and Parkinson's disease name what the MAOI treats.
        "contraindication major depressive disorder",
        "contraindication parkinson's disease",
        "use headache",
        "use rash",
        "route intravenous",
        "legal_status prescription-only",
        "side_effect cough",
        // The MAOI's own uses ("certain drugs for depression") are not the
        // interaction's effect.
        "interaction MAOIs | effect=depression",
        // "each teaspoonful contains: sodium 6 mg": an excipient's content.
        "dosage 6-6 mg",
    ],
    not_yet: &[
        "dosage 5-5 mL",
        // "nasal and sinus congestion" names nasal congestion only
        // through a coordination.
        "use nasal congestion",
        "dosage 6-6 mg",
    ],
};

/// Claims only one format can make, left out of the agreement check: the
/// DailyMed HTML prints the product data of the kit's parts as text, and
/// its alcohol swab is TOPICAL; the SPL keeps parts' routes as data and the
/// openFDA record has none. Neither is the drug's route.
const KNOWN_DISAGREEMENTS: &[(&str, &str)] = &[("route", "topical")];

#[test]
fn a_mixed_folder_runs_file_by_file_and_labels_meet_their_expectations() {
    let dir = temp();
    let inputs = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir(&inputs).expect("mkdir");
    mixed_folder(&inputs);
    let run = monograph(&["extract".as_ref(), inputs.as_os_str(), "--out".as_ref(), out.as_os_str()], &Run::default());
    assert_eq!(run.code, 1, "bad inputs are skipped, so exit 1\n{}", run.stderr);

    // Every input has its status and format and, when skipped, a message
    // naming what is wrong.
    let manifest = crate::util::json(&out.join("manifest.json"));
    let inputs: BTreeMap<String, Value> = manifest["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|i| (i["id"].as_str().expect("id").to_string(), i.clone()))
        .collect();
    for (id, format) in [
        ("otc", "spl"),
        ("statin", "spl"),
        ("biologic_spl", "spl"),
        ("biologic_openfda", "openfda"),
        ("biologic_dailymed", "html"),
        ("page", "markdown"),
    ] {
        assert_eq!(inputs[id]["status"], "ok", "{id}: {}", inputs[id]);
        assert_eq!(inputs[id]["format"], format, "{id}");
    }
    for (id, message) in [
        ("broken", "malformed JSON at line 4, column "),
        ("broken-2", "malformed XML at line 3, column "),
        ("feed", "XML document with root element <rss>"),
        ("config", "JSON that is not an openFDA drug label"),
    ] {
        assert_eq!(inputs[id]["status"], "skipped", "{id}");
        let error = inputs[id]["error"].as_str().unwrap_or_default();
        assert!(error.contains(message), "{id}: {error:?} should say {message:?}");
        assert!(run.stderr.contains(message), "{id} on stderr");
    }

    let by = claims_by_source(&out);
    let mut report = Vec::new();
    for label in [&BIOLOGIC, &STATIN, &OTC] {
        let claims = &by[label.source];
        let source = crate::util::json(&out.join("sources").join(format!("{}.json", label.source)));
        for item in label.expected {
            let found = holds_in(&source, claims, item);
            if label.not_yet.contains(item) {
                assert!(!found, "{}: {item:?} is found now: move it out of `not_yet`", label.source);
            } else if !found {
                report.push(format!("{}: expected {item:?}", label.source));
            }
        }
        for trap in label.traps {
            let found = holds(claims, trap);
            if label.not_yet.contains(trap) {
                assert!(found, "{}: trap {trap:?} is avoided now: move it out of `not_yet`", label.source);
            } else if found {
                report.push(format!("{}: trap {trap:?} was extracted", label.source));
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));

    // The same label in three formats: the same facts, and no conflict
    // that one format raises against another.
    let formats = ["biologic_spl", "biologic_openfda", "biologic_dailymed"];
    for kind in
        ["use", "route", "dosage", "side_effect", "contraindication", "interaction", "mechanism", "pharmacokinetics"]
    {
        let sets: Vec<BTreeSet<String>> = formats
            .iter()
            .map(|f| {
                by[*f]
                    .iter()
                    .filter(|c| c["kind"] == kind && !KNOWN_DISAGREEMENTS.contains(&(kind, key(c).as_str())))
                    .map(|c| format!("{} {} {}", c["value"], c["negated"], key(c)))
                    .collect()
            })
            .collect();
        let union: BTreeSet<&String> = sets.iter().flatten().collect();
        let common = union.iter().filter(|x| sets.iter().all(|s| s.contains(**x))).count();
        let jaccard = if union.is_empty() { 1.0 } else { common as f64 / union.len() as f64 };
        assert!(jaccard >= 0.95, "{kind}: Jaccard {jaccard:.3} across the three formats");
    }
    for conflict in jsonl(&out.join("conflicts.jsonl")) {
        let positions = conflict["positions"].as_array().expect("positions");
        let per_position: Vec<BTreeSet<&str>> = positions
            .iter()
            .map(|p| {
                p["sources"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter(|s| formats.contains(s))
                    .collect()
            })
            .collect();
        let any: BTreeSet<&str> = per_position.iter().flatten().copied().collect();
        assert!(
            any.is_empty() || per_position.iter().all(|p| p.is_empty() || *p == any),
            "conflict between formats of one label: {conflict}"
        );
    }
}

/// openFDA evidence lies inside a JSON string literal: its text is the
/// literal's bytes decoded, and those bytes never cut an escape.
#[test]
fn openfda_quotes_decode_from_their_exact_bytes() {
    let dir = temp();
    let out = dir.path().join("out");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).expect("mkdir");
    let fixture = root().join("tests/fixtures/openfda/rx_label_record_same_as_spl.openfda.json");
    std::fs::copy(&fixture, inputs.join("label.json")).expect("copy");
    // The fixture's newlines are escapes but its quotes hold none; this
    // record's quotes do (a bullet, quotation marks, a tab).
    std::fs::write(
        inputs.join("escapes.json"),
        r#"{"adverse_reactions": ["6 ADVERSE REACTIONS\n\u2022 nausea and \"vomiting\"\n\u2022 headache\tand rash"]}"#,
    )
    .expect("write");
    monograph(&["extract".as_ref(), inputs.as_os_str(), "--out".as_ref(), out.as_os_str()], &Run::default())
        .expect_code(0);
    let claims = jsonl(&out.join("claims.jsonl"));
    assert!(claims.len() > 100);
    let mut escaped = 0;
    for c in &claims {
        let e = &c["evidence"];
        let file = if e["source"] == "escapes" { "escapes.json" } else { "label.json" };
        let src = std::fs::read_to_string(inputs.join(file)).expect("input");
        let (start, end) = (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
        let raw = &src[start..end];
        let decoded: String = serde_json::from_str(&format!("\"{raw}\"")).expect("raw bytes are JSON string content");
        assert_eq!(decoded, e["text"].as_str().expect("text"), "{}", c["id"]);
        escaped += usize::from(raw.contains('\\'));
    }
    assert!(escaped >= 2, "the quotes of `escapes.json` cross escapes");
}
