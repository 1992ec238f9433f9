//! The same extractor on documents about other drugs, in all three formats:
//! claims a careful reader expects, written out by hand. The seeds are
//! scored by `shared/eval/score.py`; these keep the tool honest elsewhere.

use std::path::{Path, PathBuf};

use monograph::Config;
use monograph::extract::{Claim, Kind, Value};

fn processed(fixture: &str) -> monograph::SourceResult {
    let path = crate::util::root().join("tests/fixtures").join(fixture);
    let bytes = std::fs::read(&path).unwrap();
    let id = Path::new(fixture).file_stem().unwrap().to_string_lossy().into_owned();
    monograph::process_one(&id, &PathBuf::from(fixture), &bytes, &Config::for_tests())
}

fn claims(fixture: &str) -> (String, Vec<Claim>) {
    let r = processed(fixture);
    (r.drug.expect("identified").name, r.claims)
}

/// True when some claim of `kind` has key `key`, polarity `negated`, and
/// a value whose JSON contains every `(field, value)` of `attrs`.
fn has(claims: &[Claim], kind: Kind, key: &str, negated: bool, attrs: &[(&str, &str)]) -> bool {
    claims.iter().any(|c| {
        let v = serde_json::to_value(&c.value).unwrap();
        c.kind == kind
            && c.value.key() == key
            && c.negated == negated
            && attrs
                .iter()
                .all(|(f, want)| v[*f].as_str() == Some(*want) || want.parse::<bool>().is_ok_and(|b| v[*f] == b))
    })
}

#[track_caller]
fn expect(claims: &[Claim], kind: Kind, key: &str, negated: bool, attrs: &[(&str, &str)]) {
    assert!(
        has(claims, kind, key, negated, attrs),
        "missing {kind:?} {key} negated={negated} {attrs:?}; got:\n{}",
        claims
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| format!("  {} {} {:?}", c.value.key(), c.negated, c.evidence.text))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn amount(claims: &[Claim], min: Option<f64>, max: f64, unit: &str) -> Option<Value> {
    claims.iter().find_map(|c| match &c.value {
        Value::Dosage { amount: Some(a), .. } if a.min == min && a.max == Some(max) && a.unit == unit => {
            Some(c.value.clone())
        }
        _ => None,
    })
}

#[test]
fn html_ibuprofen_page() {
    let (drug, c) = claims("html/html_full_page_ibuprofen.html");
    assert_eq!(drug, "ibuprofen");
    expect(&c, Kind::Use, "rheumatoid arthritis", false, &[("status", "approved")]);
    expect(&c, Kind::Use, "fever", false, &[]);
    expect(&c, Kind::Route, "intravenous", false, &[]);
    expect(&c, Kind::SideEffect, "gastrointestinal bleeding", false, &[("serious", "true")]);
    expect(&c, Kind::SideEffect, "respiratory depression", true, &[]);
    expect(&c, Kind::Contraindication, "peptic ulcer disease", false, &[]);
    expect(&c, Kind::Interaction, "warfarin", false, &[]);
    expect(&c, Kind::Mechanism, "COX-2", false, &[("action", "inhibitor")]);
    expect(&c, Kind::Pharmacokinetics, "bioavailability", false, &[("route", "oral")]);
    expect(&c, Kind::LegalStatus, "over-the-counter", false, &[("jurisdiction", "US")]);
    expect(&c, Kind::Citation, "10.5001/omj.2010.49", false, &[("journal", "Oman Med J")]);
    let Some(Value::Dosage { route, indication, .. }) = amount(&c, Some(400.0), 800.0, "mg") else {
        panic!("400-800 mg dose missing")
    };
    assert_eq!(route.as_deref(), Some("oral"));
    assert_eq!(indication.as_deref(), Some("rheumatoid arthritis"));
    // Scripts, navigation and the cookie banner yield nothing.
    assert!(c.iter().all(|c| !c.evidence.text.contains("cookie")));
}

#[test]
fn html_page_with_typographic_punctuation() {
    // Em dashes, curly quotes, ® and no-break spaces touch the terms.
    let (drug, c) = claims("html/html_smart_punctuation_lisinopril.html");
    assert_eq!(drug, "lisinopril");
    expect(&c, Kind::Use, "hypertension", false, &[("status", "approved")]);
    expect(&c, Kind::Use, "heart failure", false, &[("status", "approved")]);
    expect(&c, Kind::SideEffect, "cough", false, &[("frequency", "common")]);
    expect(&c, Kind::SideEffect, "dizziness", false, &[("frequency", "common")]);
    expect(&c, Kind::SideEffect, "angioedema", false, &[("serious", "true")]);
    expect(&c, Kind::Interaction, "potassium chloride", false, &[]);
    expect(&c, Kind::Interaction, "NSAIDs", false, &[]);
    expect(&c, Kind::Contraindication, "pregnancy", false, &[]);
    let Some(Value::Dosage { route, indication, .. }) = amount(&c, Some(10.0), 40.0, "mg") else {
        panic!("10-40 mg dose missing")
    };
    assert_eq!(route.as_deref(), Some("oral"));
    assert_eq!(indication.as_deref(), Some("hypertension"));
    let identity = processed("html/html_smart_punctuation_lisinopril.html").drug.expect("identified");
    assert_eq!(identity.aliases, ["Prinivil", "Zestril"]);
}

#[test]
fn html_metformin_page_with_thousands_and_entities() {
    let (drug, c) = claims("html/html_cookie_banner_metformin.html");
    assert_eq!(drug, "metformin");
    expect(&c, Kind::Use, "type 2 diabetes", false, &[]);
    expect(&c, Kind::SideEffect, "lactic acidosis", false, &[("frequency", "rare"), ("serious", "true")]);
    expect(&c, Kind::SideEffect, "hypoglycemia", true, &[]);
    expect(&c, Kind::Contraindication, "severe kidney disease", false, &[]);
    expect(&c, Kind::Pharmacokinetics, "half_life", false, &[]);
    // "max 2,000 mg/day" is never read as 000 mg.
    assert!(c.iter().all(|c| !matches!(&c.value, Value::Dosage { amount: Some(a), .. } if a.max == Some(0.0))));
}

#[test]
fn markdown_amoxicillin_monograph() {
    let (drug, c) = claims("markdown/frontmatter_headings_pipe_table.md");
    assert_eq!(drug, "amoxicillin");
    expect(&c, Kind::Use, "otitis media", false, &[("status", "approved")]);
    expect(&c, Kind::Use, "lyme disease", false, &[("status", "off_label")]);
    expect(&c, Kind::SideEffect, "diarrhea", false, &[("frequency", "common")]);
    expect(&c, Kind::SideEffect, "stevens-johnson syndrome", false, &[("frequency", "rare")]);
    expect(&c, Kind::Mechanism, "penicillin-binding proteins", false, &[]);
    expect(&c, Kind::LegalStatus, "prescription-only", false, &[("jurisdiction", "US")]);
    // "Do not take amoxicillin if you have had a serious allergic reaction"
    // is a contraindication, not a denied side effect.
    assert!(!has(&c, Kind::SideEffect, "anaphylaxis", true, &[]));
    let Some(Value::Dosage { indication, .. }) = amount(&c, Some(500.0), 1000.0, "mg") else { panic!("dose") };
    assert_eq!(indication.as_deref(), Some("pneumonia"));
}

#[test]
fn text_sertraline_with_flattened_table() {
    let (drug, c) = claims("text/unmarked_headings_flattened_table.txt");
    assert_eq!(drug, "sertraline");
    expect(&c, Kind::Use, "major depressive disorder", false, &[("status", "approved")]);
    expect(&c, Kind::Use, "panic disorder", false, &[]);
    expect(&c, Kind::Use, "premature ejaculation", false, &[("status", "off_label")]);
    expect(&c, Kind::Route, "oral", false, &[]);
    let Some(Value::Dosage { route, .. }) = amount(&c, Some(50.0), 200.0, "mg") else { panic!("50-200 mg dose") };
    assert_eq!(route.as_deref(), Some("oral"));
}

#[test]
fn text_negation_traps() {
    let (_, c) = claims("text/negation_traps.txt");
    expect(&c, Kind::SideEffect, "respiratory depression", true, &[]);
    expect(&c, Kind::SideEffect, "nausea", true, &[]); // "no nausea but headache"
    expect(&c, Kind::SideEffect, "headache", false, &[]); // … the "but" ends the scope
    expect(&c, Kind::SideEffect, "vomiting", false, &[]); // "not only nausea but also vomiting"
    expect(&c, Kind::Mechanism, "mu-opioid receptor", false, &[("action", "partial agonist")]);
    // "not fully understood" hedges, it does not negate.
    assert!(c.iter().filter(|c| c.kind == Kind::Mechanism).all(|c| !c.negated));
}

#[test]
fn text_faq_inline_numbered_items() {
    let (drug, c) = claims("text/faq_inline_numbered.txt");
    assert_eq!(drug, "ibuprofen");
    expect(&c, Kind::SideEffect, "dyspepsia", false, &[("frequency", "common")]);
    expect(&c, Kind::SideEffect, "rash", false, &[("frequency", "uncommon")]);
    expect(&c, Kind::Interaction, "warfarin", false, &[("effect", "bleeding")]);
    expect(&c, Kind::Pharmacokinetics, "half_life", false, &[]);
}
