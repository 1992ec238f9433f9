//! The output contract: every output file validates against the JSON
//! Schemas in `schema/`, read from disk here and compiled with the
//! `jsonschema` crate independently of the binary's own `validate`.

use std::path::Path;

use jsonschema::{Registry, Validator};
use serde_json::{Value, json};

use crate::util::{Run, json, jsonl, monograph, root, temp, tree};

const NAMES: [&str; 5] = ["manifest", "source", "claim", "conflict", "monograph"];

/// The schema named `name`, compiled with the others available for `$ref`.
fn validator(name: &str) -> Validator {
    let docs: Vec<(String, Value)> = NAMES
        .iter()
        .map(|n| (format!("{n}.schema.json"), json(&root().join(format!("schema/{n}.schema.json")))))
        .collect();
    let mut builder = Registry::new();
    for (uri, doc) in &docs {
        builder = builder.add(uri, doc).expect("adding a schema");
    }
    let registry = builder.prepare().expect("schemas resolve");
    let doc = &docs[NAMES.iter().position(|n| *n == name).expect("known schema")].1;
    jsonschema::options().offline().with_registry(&registry).build(doc).expect("schema compiles")
}

/// Problems of `value` against `v`, one line each.
fn problems(v: &Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// Validates every file of an output directory against the schema for it.
#[track_caller]
fn assert_valid_output(out: &Path) {
    let (manifest, source, claim, conflict, mono) =
        (validator("manifest"), validator("source"), validator("claim"), validator("conflict"), validator("monograph"));
    let mut bad = Vec::new();
    let mut check = |v: &Validator, what: String, value: &Value| {
        bad.extend(problems(v, value).into_iter().map(|p| format!("{what}: {p}")));
    };
    let files = tree(out);
    assert!(
        files.contains_key("manifest.json")
            && files.contains_key("claims.jsonl")
            && files.contains_key("conflicts.jsonl")
    );
    for rel in files.keys() {
        let path = out.join(rel);
        if rel == "manifest.json" {
            check(&manifest, rel.clone(), &json(&path));
        } else if rel.starts_with("sources/") {
            check(&source, rel.clone(), &json(&path));
        } else if rel.starts_with("monographs/") {
            check(&mono, rel.clone(), &json(&path));
        } else if rel == "claims.jsonl" || rel == "conflicts.jsonl" {
            let v = if rel == "claims.jsonl" { &claim } else { &conflict };
            for (n, line) in jsonl(&path).iter().enumerate() {
                check(v, format!("{rel}:{}", n + 1), line);
            }
        } else {
            panic!("unexpected output file {rel}");
        }
    }
    assert!(bad.is_empty(), "{} violates the schemas:\n{}", out.display(), bad.join("\n"));
}

fn extract(inputs: &str, out: &Path) {
    monograph(&["extract".as_ref(), inputs.as_ref(), "--out".as_ref(), out.as_os_str()], &Run::default())
        .expect_code_matching(out);
}

#[test]
fn seed_output_follows_the_schemas() {
    let tmp = temp();
    let out = tmp.path().join("out");
    extract("input", &out);
    assert_valid_output(&out);
    let run = monograph(&["validate".as_ref(), out.as_os_str()], &Run::default()).expect_code(0);
    assert_eq!(run.stdout, "");
}

#[test]
fn fixture_output_follows_the_schemas() {
    let tmp = temp();
    let out = tmp.path().join("out");
    extract("tests/fixtures", &out);
    assert_valid_output(&out);
    monograph(&["validate".as_ref(), out.as_os_str()], &Run::default()).expect_code(0);
}

/// The example claim of SPEC §3.
fn spec_claim() -> Value {
    json!({
        "id": "000_f02998dc7b20cd23#17",
        "drug": "ketamine",
        "kind": "side_effect",
        "value": {"term": "nausea", "frequency": "common", "serious": false},
        "negated": false,
        "hedged": false,
        "evidence": {
            "source": "000_f02998dc7b20cd23", "section": "side_effects", "heading": "Side Effects:",
            "start": 1210, "end": 1229, "line": 27, "text": "Nausea and vomiting"
        }
    })
}

#[test]
fn a_broken_claim_line_is_rejected() {
    let claim = validator("claim");
    assert_eq!(problems(&claim, &spec_claim()), Vec::<String>::new());
    let mut wrong_shape = spec_claim();
    wrong_shape["value"] = json!({"condition": "nausea"});
    assert!(!problems(&claim, &wrong_shape).is_empty(), "a side effect with a use's value");
    let mut versioned = spec_claim();
    versioned["schema_version"] = json!("1.0");
    assert!(!problems(&claim, &versioned).is_empty(), "claim lines carry no schema_version");

    let tmp = temp();
    let out = tmp.path().join("out");
    extract("input", &out);
    let claims = out.join("claims.jsonl");
    let lines = jsonl(&claims).len();
    let mut text = std::fs::read_to_string(&claims).unwrap();
    text.push_str(&format!("{wrong_shape}\n"));
    std::fs::write(&claims, text).unwrap();
    let run = monograph(&["validate".as_ref(), out.as_os_str()], &Run::default()).expect_code(1);
    let at = format!("claims.jsonl:{}: /value", lines + 1);
    assert!(run.stdout.lines().any(|l| l.starts_with(&at)), "expected a line starting {at:?}:\n{}", run.stdout);
    assert!(run.stderr.contains("problem"), "{}", run.stderr);
}

#[test]
fn validate_needs_an_existing_directory() {
    let tmp = temp();
    let missing = tmp.path().join("nothing-here");
    monograph(&["validate".as_ref(), missing.as_os_str()], &Run::default()).expect_code(2);
    let run = monograph(&["validate".as_ref(), tmp.path().as_os_str()], &Run::default()).expect_code(1);
    assert!(run.stdout.contains("manifest.json: missing"), "{}", run.stdout);
}

#[test]
fn schema_command_prints_the_committed_files() {
    let run = monograph(&["schema"], &Run::default()).expect_code(0);
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), NAMES);
    for name in NAMES {
        let printed = monograph(&["schema", name], &Run::default()).expect_code(0).stdout;
        let on_disk = std::fs::read_to_string(root().join(format!("schema/{name}.schema.json"))).unwrap();
        assert_eq!(printed, on_disk, "{name}");
    }
    monograph(&["schema", "nonsense"], &Run::default()).expect_code(2);
}
