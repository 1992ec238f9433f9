//! Unit tests of the extractors on small literal documents.

use super::*;
use crate::Config;

/// Runs the per-file pipeline on `text` (any format) and returns its claims.
fn claims_of(text: &str) -> Vec<Claim> {
    let config = Config::for_tests();
    crate::process_one("t", std::path::Path::new("t.txt"), text.as_bytes(), &config).claims
}

fn values(claims: &[Claim], kind: Kind) -> Vec<serde_json::Value> {
    claims.iter().filter(|c| c.kind == kind).map(|c| serde_json::to_value(&c.value).unwrap()).collect()
}

fn keys(claims: &[Claim], kind: Kind) -> Vec<(String, bool)> {
    claims.iter().filter(|c| c.kind == kind).map(|c| (c.value.key(), c.negated)).collect()
}

fn amounts(text: &str) -> Vec<(Option<f64>, Option<f64>, String)> {
    claims_of(text)
        .into_iter()
        .filter_map(|c| match c.value {
            Value::Dosage { amount: Some(a), .. } => Some((a.min, a.max, a.unit)),
            _ => None,
        })
        .collect()
}

#[test]
fn dose_patterns() {
    let doc = |s: &str| format!("Metformin\n\nDosage\n\n{s}\n");
    assert_eq!(amounts(&doc("Give 0.5-2 mg/kg slowly.")), [(Some(0.5), Some(2.0), "mg/kg".into())]);
    assert_eq!(amounts(&doc("Give 0.5–2 mg/kg slowly.")), [(Some(0.5), Some(2.0), "mg/kg".into())]);
    assert_eq!(amounts(&doc("Give 1 to 2.5 mg/kg slowly.")), [(Some(1.0), Some(2.5), "mg/kg".into())]);
    assert_eq!(amounts(&doc("Give up to 2 mg/kg slowly.")), [(None, Some(2.0), "mg/kg".into())]);
    assert_eq!(amounts(&doc("Give 4-10 mg/kg IM.")), [(Some(4.0), Some(10.0), "mg/kg".into())]);
    assert_eq!(amounts(&doc("Use 28-84 mg per session.")), [(Some(28.0), Some(84.0), "mg".into())]);
    assert_eq!(amounts(&doc("Infuse 0.05-0.25 mg/kg/h.")), [(Some(0.05), Some(0.25), "mg/kg/h".into())]);
    assert_eq!(amounts(&doc("Infuse 0.1-0.5 mg/min.")), [(Some(0.1), Some(0.5), "mg/min".into())]);
    assert_eq!(amounts(&doc("Infuse 2 mcg/kg/min.")), [(Some(2.0), Some(2.0), "mcg/kg/min".into())]);
    assert_eq!(amounts(&doc("Give 50 µg once.")), [(Some(50.0), Some(50.0), "mcg".into())]);
    assert_eq!(amounts(&doc("Give 500 mg/kg/hr.")), [(Some(500.0), Some(500.0), "mg/kg/h".into())]);
}

#[test]
fn dose_attributes_from_label_section_and_sentence() {
    let md = "# Ketorol\n\n## Dosage\n\n**Adult Dosage:**\n\n* **General Anesthesia (IV):** Induction: 0.5-2 mg/kg; Maintenance: continuous infusion (0.1-0.5 mg/min).\n* **Depression (IV):** 0.5 mg/kg administered over 40 minutes; repeated 1-3 times weekly.\n* **Pain (oral):** 50 mg twice daily.\n";
    let v = values(&claims_of(md), Kind::Dosage);
    assert_eq!(v[0]["indication"], "general anesthesia");
    assert_eq!(v[0]["route"], "intravenous");
    assert_eq!(v[0]["phase"], "induction");
    assert_eq!(v[0]["population"], "adult");
    assert_eq!(v[1]["phase"], "maintenance");
    assert_eq!(v[2]["duration"], serde_json::json!({"min": 40.0, "max": 40.0, "unit": "min"}));
    assert_eq!(v[2]["frequency"], serde_json::json!({"min": 1.0, "max": 3.0, "per": "week"}));
    assert_eq!(v[2]["phase"], "infusion");
    assert_eq!(v[3]["frequency"], serde_json::json!({"min": 2.0, "max": 2.0, "per": "day"}));
    assert_eq!(v[3]["route"], "oral");
}

#[test]
fn side_effects_one_claim_per_effect_with_tier() {
    let md = "# Drugname\n\n## Side Effects\n\n**Common Side Effects:**\n\n* Nausea and vomiting\n* Increased blood pressure and heart rate\n\n**Less Common but Serious Side Effects:**\n\n* Respiratory depression\n";
    let claims = claims_of(md);
    let v = values(&claims, Kind::SideEffect);
    let terms: Vec<_> = v.iter().map(|v| v["term"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        terms,
        ["nausea", "vomiting", "increased blood pressure", "increased heart rate", "respiratory depression"]
    );
    assert_eq!(v[0]["frequency"], "common");
    assert_eq!(v[4]["frequency"], "uncommon");
    assert_eq!(v[4]["serious"], true);
}

#[test]
fn negation_traps() {
    let text = "Propofol Facts\n\nSide Effects and Safety\n\nUnlike opioids, propofol does not cause respiratory depression at low doses. \
        Unlike many sedatives that depress respiratory function, it preserves airway reflexes. \
        Patients had no nausea but headache was reported as a side effect. \
        Its mechanism is not fully understood.\n";
    let claims = claims_of(text);
    let se = keys(&claims, Kind::SideEffect);
    assert!(se.contains(&("respiratory depression".into(), true)), "{se:?}");
    assert!(se.contains(&("nausea".into(), true)), "{se:?}");
    assert!(se.contains(&("headache".into(), false)), "{se:?}");
    assert!(!se.contains(&("respiratory depression".into(), false)), "{se:?}");
}

#[test]
fn uses_with_status_qualifier_and_product() {
    let md = "# Drugname\n\n**Usage:**\n\nIt is increasingly prescribed off-label for:\n\n* **Bipolar disorder:** In some cases, it may be used to treat acute manic episodes.\n* **Chronic pain:** relief.\n";
    let v = values(&claims_of(md), Kind::Use);
    assert_eq!(v[0]["condition"], "bipolar disorder");
    assert_eq!(v[0]["status"], "off_label");
    assert_eq!(v[0]["qualifier"], "acute manic episodes");
    let chronic = v.iter().find(|v| v["condition"] == "chronic pain").expect("chronic pain");
    assert_eq!(chronic["status"], "off_label");
}

#[test]
fn regulatory_statements_name_uses_after_their_cue() {
    let text = "Propofol Overview\n\nControversies\n\n\
        In addition to its anesthetic properties, propofol has gained attention for its off-label uses. \
        Propofol has been approved by the FDA for use as an anesthetic, while its use for other purposes, \
        such as migraine, is considered off-label.\n";
    let uses: Vec<_> = values(&claims_of(text), Kind::Use)
        .into_iter()
        .map(|v| (v["condition"].as_str().unwrap().to_string(), v["status"].as_str().map(str::to_string)))
        .collect();
    // The anesthesia named before the first cue is the drug's property, not an off-label use.
    assert_eq!(
        uses,
        [
            ("general anesthesia".to_string(), Some("approved".to_string())),
            ("migraine".to_string(), Some("off_label".to_string()))
        ]
    );
}

#[test]
fn interactions_with_effect_and_safe_with() {
    let text = "Zolpidem Guide\n\nWill zolpidem interact with my other medication?\n\n\
        Patients taking aminophylline may be at greater risk for developing seizures. \
        It can be used safely with most medications including SSRIs and lithium.\n";
    let claims = claims_of(text);
    let v: Vec<_> = claims.iter().filter(|c| c.kind == Kind::Interaction).collect();
    let amino = v.iter().find(|c| c.value.key() == "aminophylline").expect("aminophylline");
    assert!(!amino.negated);
    assert!(matches!(&amino.value, Value::Interaction { effect: Some(e), .. } if e == "seizures"));
    assert!(v.iter().any(|c| c.value.key() == "lithium" && c.negated));
}

#[test]
fn citations_and_legal_status() {
    let text = "Drugname\n\nLegal Status\n\nIn the United States, it is a Schedule IV controlled substance.\n\nReferences:\n\n- Smith, J. A., Doe, B., A Study of Things. Lancet, 2020; 395(3): 100-110. doi: 10.1016/S0140-6736(20)30001-X\n";
    let claims = claims_of(text);
    let legal = values(&claims, Kind::LegalStatus);
    assert!(legal.iter().any(|v| v["status"] == "Schedule IV" && v["jurisdiction"] == "US"), "{legal:?}");
    let cites = values(&claims, Kind::Citation);
    assert_eq!(cites.len(), 1, "{cites:?}");
    assert_eq!(cites[0]["doi"], "10.1016/s0140-6736(20)30001-x");
    assert_eq!(cites[0]["year"], 2020);
}

/// A file that makes extraction work far more than its size (here a
/// sentence of thousands of amounts, each of which sends the dose
/// extractor through the whole sentence again) runs out of its work
/// budget: the manifest says so, the kinds from dosage on are dropped,
/// and the claims of the kinds before it are kept. Before the budget this
/// 220 KB file took a minute.
#[test]
fn pathological_file_runs_out_of_its_work_budget() {
    let sentence = "Give 5 mg, ".repeat(20_000);
    let text = format!("Metformin\n\nUses\n\nMetformin treats type 2 diabetes.\n\nDosage\n\n{sentence}daily.\n");
    let config = Config::for_tests();
    let r = crate::process_one("t", std::path::Path::new("t.txt"), text.as_bytes(), &config);
    assert_eq!(r.input.status, crate::Status::Warning);
    assert!(
        r.input.warnings.iter().any(|w| w.contains("work budget") && w.contains("dosage")),
        "{:?}",
        r.input.warnings
    );
    assert!(r.claims.iter().any(|c| c.kind == Kind::Use), "uses come before dosage and are kept");
    assert!(r.claims.iter().all(|c| matches!(c.kind, Kind::Use | Kind::Route)), "nothing from dosage on");
}

#[test]
fn evidence_leaves_a_closing_quote_to_the_clause_before() {
    let text = "Zolpidem Guide\n\nSide Effects\n\n\
        Because it is sold as a \u{201c}sleep aid,\u{201d} many users experience nausea. \
        Others call it \"a pill,\" and report headache.\n";
    let claims = claims_of(text);
    let quotes: Vec<&str> =
        claims.iter().filter(|c| c.kind == Kind::SideEffect).map(|c| c.evidence.text.as_str()).collect();
    assert_eq!(quotes, ["many users experience nausea.", "and report headache."]);
}

/// A page titled with a related product (an enantiomer, whose row has a
/// `parent`) is about that product, even where another drug is named more
/// often in the text; a sentence-case first line is the title, not the
/// byline under it.
#[test]
fn a_title_naming_a_related_product_identifies_it() {
    let text = "Escitalopram drug monograph\n\nBy Ann Lee, MD | Updated May 1, 2020\n\n\
        Escitalopram treats depression. Do not combine it with linezolid; linezolid and other MAOIs \
        raise the risk of serotonin syndrome. Linezolid is an antibiotic.\n";
    let config = Config::for_tests();
    let r = crate::process_one("t", std::path::Path::new("t.txt"), text.as_bytes(), &config);
    assert_eq!(r.doc.expect("a document").meta.title.as_deref(), Some("Escitalopram drug monograph"));
    assert_eq!(r.drug.expect("a drug").name, "escitalopram");
}

/// The drug identified from the units' scans must be the one identified by
/// looking through every text again, including where a drug's form holds
/// sentence or label punctuation (`St. John's wort` after a bracket is cut
/// into two sentences) and where a table header is in no unit.
#[test]
fn drug_from_units_equals_drug_from_texts() {
    let config = Config::for_tests();
    let lx = &config.lexicon;
    let mut texts: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/input"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.push("# Herbs\n\nTaken with [St. John's wort. And (St. John’s wort. Often.\n".into());
    texts.push("# Herbs\n\n- Q: Is [St. John's wort? A: [St. John's wort. No.\n".into());
    texts.push("# Herbs\n\n| Lithium | Caffeine |\n|---|---|\n\n| Caffeine |\n|---|\n| x |\n".into());
    for text in &texts {
        let decoded = crate::ingest::decode(text.as_bytes()).unwrap();
        let format = crate::detect::detect(decoded.text.as_bytes()).unwrap();
        let parsed = crate::parse::parse(&decoded.text, format, lx).unwrap();
        let doc = crate::sections::build(parsed, lx);
        let units = units::units(&doc, lx);
        assert_eq!(drug::identify_drug_in_units(&doc, &units, lx), identify_drug(&doc, &decoded.text, lx));
    }
}

/// Issue 16: a strong cue's object no lexicon row names is a use with
/// `normalized: false`; its bounds stop at brackets and "in patients with",
/// and a term of the terminology after such a bound is not the use.
#[test]
fn open_capture_after_a_strong_cue_stops_at_bounds() {
    let md = "# Metformin\n\n## Description\n\nMetformin is used together with other medicines (eg, a or b) to treat \
              extravascular hemolysis (breakdown of red blood cells) in patients with paroxysmal nocturnal \
              hemoglobinuria (PNH).\n";
    let claims = claims_of(md);
    let uses = values(&claims, Kind::Use);
    assert_eq!(uses, [serde_json::json!({"condition": "extravascular hemolysis", "normalized": false})]);
    let c = claims.iter().find(|c| c.kind == Kind::Use).unwrap();
    assert_eq!(c.evidence.text, "to treat extravascular hemolysis");
    assert_eq!(&md[c.evidence.start..c.evidence.end], c.evidence.text);
}

/// Issue 16: a condition of the ICD-10-CM table carries its code, a
/// hand-curated row its linked code, and a phrase after a weak cue or in
/// another section is no open use.
#[test]
fn conditions_carry_icd10cm_codes() {
    let md = "# Metformin\n\n## Description\n\nMetformin is used to treat paroxysmal nocturnal hemoglobinuria \
              and high blood pressure.\n\n## Proper Use\n\nYour doctor may give another medicine to treat a \
              sudden loss of balance.\n";
    let uses = values(&claims_of(md), Kind::Use);
    let mut codes: Vec<_> = uses.iter().map(|v| (v["condition"].clone(), v["codes"][0]["code"].clone())).collect();
    codes.sort_by_key(|(c, _)| c.to_string());
    assert_eq!(
        codes,
        [
            (serde_json::json!("hypertension"), serde_json::json!("I10")),
            (serde_json::json!("paroxysmal nocturnal hemoglobinuria"), serde_json::json!("D59.5")),
        ]
    );
    assert!(uses.iter().all(|v| v["codes"][0]["system"] == "ICD-10-CM"));
}

/// Issue 16: "heart attack" and "myocardial infarction" are one concept:
/// merge keys on the code.
#[test]
fn surface_forms_of_one_code_share_a_concept() {
    let effect = |term: &str| Value::SideEffect {
        term: term.into(),
        frequency: None,
        incidence: None,
        serious: None,
        context: None,
        codes: vec![Code { system: ICD10CM.to_string(), code: "I21.9".into() }],
        normalized: true,
    };
    let (a, b) = (effect("heart attack"), effect("myocardial infarction"));
    assert_eq!(a.concept(), b.concept());
    assert_eq!(crate::merge::merge_key(&a), crate::merge::merge_key(&b));
    assert_ne!(a.key(), b.key());
}

#[test]
fn a_condition_in_the_clause_after_a_cue_is_not_the_patients() {
    let text = "taking an MAOI (certain drugs for depression, or Parkinson's disease) or with asthma";
    let cue = text.find("drugs for").unwrap();
    let cues: Vec<_> = std::iter::once(cue..cue + "drugs for".len()).collect();
    assert!(super::follows_in_clause(&text[..text.find("Parkinson").unwrap()], &cues));
    assert!(!super::follows_in_clause(&text[..text.find("asthma").unwrap()], &cues));
    assert!(!super::follows_in_clause(&text[..cue], &cues));
}

#[test]
fn roman_numerals_are_not_the_iv_route() {
    let text = "Propofol Facts\n\nClinical Studies\n\nIn Study RA-IV and in Studies I through IV, doses were given. \
        A Phase IV trial followed. It is a Schedule IV drug in some places.\n\n\
        Dosage\n\nGive 1 mg/kg IV or IM.\n";
    let routes = keys(&claims_of(text), Kind::Route);
    assert_eq!(routes.iter().filter(|(r, _)| r == "intravenous").count(), 1, "{routes:?}");
    assert!(routes.contains(&("intramuscular".into(), false)), "{routes:?}");
}

#[test]
fn a_skin_condition_is_not_the_topical_route() {
    let routes =
        keys(&claims_of("Propofol Facts\n\nSide Effects\n\nCutaneous vasculitis was reported.\n"), Kind::Route);
    assert!(routes.is_empty(), "{routes:?}");
}

#[test]
fn a_use_cue_governs_the_examples_of_a_class() {
    let text = "Propofol Facts\n\nOther Uses\n\nIt is also used off-label in treating other inflammatory conditions such as \
        hidradenitis suppurativa (a skin condition) and pyoderma gangrenosum.\n";
    let uses = keys(&claims_of(text), Kind::Use);
    assert!(uses.contains(&("hidradenitis suppurativa".into(), false)), "{uses:?}");
    assert!(uses.contains(&("pyoderma gangrenosum".into(), false)), "{uses:?}");
}

#[test]
fn an_effect_before_may_occur_is_stated_and_one_it_occurs_with_is_not() {
    let text = "Propofol Facts\n\nWhen using this product\n\nMarked drowsiness may occur. \
        Stop use if nervousness, dizziness or sleeplessness occurs. \
        Ask a doctor if a cough that occurs with too much phlegm lasts or occurs with a fever.\n";
    let effects = keys(&claims_of(text), Kind::SideEffect);
    for want in ["sedation", "anxiety", "dizziness", "insomnia"] {
        assert!(effects.contains(&(want.into(), false)), "{want}: {effects:?}");
    }
    assert!(!effects.iter().any(|(t, _)| t == "fever" || t == "cough"), "{effects:?}");
}

#[test]
fn a_request_to_list_all_medicines_names_no_class_interaction() {
    let text = "Propofol Facts\n\nInteractions\n\nTell your doctor about all medications you take, including \
        herbal supplements. Propofol interacts with midazolam.\n";
    let agents = keys(&claims_of(text), Kind::Interaction);
    assert!(!agents.iter().any(|(a, _)| a == "supplements"), "{agents:?}");
    assert!(agents.contains(&("midazolam".into(), false)), "{agents:?}");
}

#[test]
fn a_maximum_dose_is_an_up_to() {
    let v = values(&claims_of("Propofol Facts\n\nDosage\n\nThe maximum dose is 2000 mg per day.\n"), Kind::Dosage);
    assert_eq!(v[0]["amount"]["min"], serde_json::Value::Null, "{v:?}");
    assert_eq!(v[0]["amount"]["max"], 2000.0, "{v:?}");
}

#[test]
fn what_a_use_sentence_spares_or_causes_is_no_use() {
    let text = "Propofol Facts\n\nUses\n\nIt gives relief for migraine without the respiratory depression of opioids. \
        Unlike other anesthetics, it does not cause respiratory depression.\n";
    let uses = keys(&claims_of(text), Kind::Use);
    assert!(uses.contains(&("migraine".into(), false)), "{uses:?}");
    assert!(!uses.iter().any(|(u, _)| u == "respiratory depression"), "{uses:?}");
}

#[test]
fn smoke_set_false_alarms_stay_quiet() {
    // A denied use is no denied effect, and a class of drugs names no effect.
    let text = "Propofol Facts\n\nUses\n\nUsed for cough. Not indicated for productive cough.\n\n\
        Side Effects\n\nIncreased sweating or lack of sweating. Cough suppressants generally not recommended.\n\n\
        Contraindications\n\nNot to be used within 14 days after coronary artery bypass graft surgery.\n\n\
        Warnings\n\nDo not take propofol with a monoamine oxidase inhibitor.\n";
    let claims = claims_of(text);
    let effects = keys(&claims, Kind::SideEffect);
    assert!(!effects.iter().any(|(t, _)| t == "cough"), "{effects:?}");
    assert!(effects.contains(&("decreased sweating".into(), false)), "{effects:?}");
    assert!(!effects.contains(&("sweating".into(), true)), "{effects:?}");
    let uses = keys(&claims, Kind::Use);
    assert!(uses.contains(&("productive cough".into(), true)), "{uses:?}");
    assert!(uses.contains(&("cough".into(), false)), "{uses:?}");
    let contra = keys(&claims, Kind::Contraindication);
    assert!(contra.contains(&("coronary artery bypass graft surgery".into(), false)), "{contra:?}");
    assert!(keys(&claims, Kind::Mechanism).is_empty(), "{:?}", keys(&claims, Kind::Mechanism));
}

#[test]
fn may_be_used_for_states_a_use_even_among_precautions() {
    let text = "Propofol Facts\n\nPrecautions\n\nThis medicine may be used for birth control in teenage females.\n\n\
        Overview\n\nPropofol may also be used for the following problems.\n";
    let uses = keys(&claims_of(text), Kind::Use);
    assert_eq!(uses, [("contraception".to_string(), false)], "{uses:?}");
}

/// A remark on drugs in general names no effect of the drug; a condition
/// after "people with" and no use cue names the patients, not a use.
#[test]
fn general_remarks_and_patient_groups_are_not_the_drugs_facts() {
    let text = "Metformin\n\nSide Effects\n\n\
        Frail patients are more likely to experience falls and confusion with many centrally acting drugs.\n\n\
        Stopping some medicines abruptly can cause withdrawal effects.\n\n\
        It may cause nausea, like other medicines.\n\n\
        Serotonin syndrome, especially when combined with other serotonergic drugs.\n\n\
        Uses\n\nPeople with kidney disease may need longer intervals between doses.\n\n\
        Metformin treats type 2 diabetes.\n";
    let claims = claims_of(text);
    assert_eq!(
        keys(&claims, Kind::SideEffect),
        [("nausea".to_string(), false), ("serotonin syndrome".to_string(), false)]
    );
    assert_eq!(keys(&claims, Kind::Use), [("type 2 diabetes".to_string(), false)]);
}

/// "20 mg/day" is a daily total in mg; a ceiling word of an earlier
/// sentence is not the next amount's, though the sentences run together.
#[test]
fn daily_totals_and_ceilings_by_sentence() {
    let doc = |s: &str| format!("Haloperidol\n\nDosage\n\n{s}\n");
    assert_eq!(amounts(&doc("Give 20mg/day.")), [(Some(20.0), Some(20.0), "mg".to_string())]);
    assert_eq!(amounts(&doc("Infuse 30 mL/min.")), []);
    let claims = claims_of(&doc("Psychosis: 5mg IM. Repeat until controlled.maximum:20mg/day. Vomiting: 5mg IM."));
    let phases: Vec<Option<String>> = claims
        .iter()
        .filter_map(|c| match &c.value {
            Value::Dosage { phase, .. } => Some(phase.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(phases, [None, Some("maximum".to_string()), None]);
}

/// Items under an item that states a use ("temporarily relieves") are
/// uses even when only the side-effect vocabulary names them; the same
/// items under a plain lead are not.
#[test]
fn items_led_in_by_a_use_are_uses() {
    let md =
        "# Loratadine\n\n## Uses\n\n- temporarily relieves\n  - sneezing\n  - runny nose\n- also\n  - drowsiness\n";
    let uses = keys(&claims_of(md), Kind::Use);
    assert_eq!(uses, [("sneezing".to_string(), false), ("runny nose".to_string(), false)], "{uses:?}");
}

/// Issue 16: where a use's object names no condition, the patients it is
/// for name it ("… blood sugar levels in patients with type 2 diabetes");
/// where the object names one, the patients are only whom it is for.
#[test]
fn the_patients_a_use_is_for_name_it_when_its_object_names_none() {
    let doc = |s: &str| format!("# Foo (oral route)\n\n## Description\n\n{s}\n");
    let uses = |s: &str| keys(&claims_of(&doc(s)), Kind::Use).into_iter().map(|(k, _)| k).collect::<Vec<_>>();
    assert_eq!(
        uses("Foo is used to control blood sugar levels in patients with type 2 diabetes."),
        ["type 2 diabetes"]
    );
    assert_eq!(uses("Foo is used to treat patients with schizophrenia."), ["schizophrenia"]);
    assert_eq!(uses("Foo is used to prevent infections in patients with leukemia."), ["infections"]);
    assert!(uses("Foo should not be used in patients with asthma.").is_empty());
    // A cue after the use that a denial governs denies nothing of it.
    let later =
        claims_of(&doc("Foo is used to treat breast cancer in women who have not been treated with other medicines."));
    assert_eq!(keys(&later, Kind::Use), [("breast cancer".to_string(), false)]);
    // What causes the treated symptom is a use too.
    assert_eq!(
        uses("Foo is used to lower pressure inside the eye that is caused by open-angle glaucoma."),
        ["glaucoma"]
    );
}

/// Issue 16: a condition named before a strong cue and again after it is a
/// use ("Tetanus toxoid is used to prevent tetanus"), and one word the page
/// glosses in a bracket after a strong cue is captured open.
#[test]
fn a_term_repeated_after_its_cue_and_a_glossed_word_are_uses() {
    let doc = |s: &str| format!("# Foo (oral route)\n\n## Description\n\n{s}\n");
    let uses = |s: &str| values(&claims_of(&doc(s)), Kind::Use);
    assert_eq!(uses("Tetanus toxoid is used to prevent tetanus (lockjaw).")[0]["condition"], "tetanus");
    assert_eq!(
        uses("Foo is used to treat glorbitis (a disease of the glorb)."),
        [serde_json::json!({"condition": "glorbitis", "normalized": false})]
    );
    // A capitalised word there is a name, a short one a fragment.
    assert!(uses("Foo is used to treat Glorbitis (a disease of the glorb).").is_empty());
    assert!(uses("Foo is used to treat glorb (a disease).").is_empty());
}

/// A page about a drug the lexicon does not know is named by its title when
/// the page repeats it, not by the drugs its warnings name more often.
#[test]
fn an_unknown_drug_is_named_by_its_repeated_title() {
    let text = "# Glorbamab (intravenous route)\n\n## Description\n\nGlorbamab injection is used to treat \
        glorbitis (a disease of the glorb). Glorbamab is a monoclonal antibody.\n\n## Drug Interactions\n\n\
        Using alcohol or tobacco with certain medicines may cause interactions. Alcohol and aspirin \
        may interact with it.\n\n## Precautions\n\nDo not drink alcohol.\n";
    let config = Config::for_tests();
    let r = crate::process_one("t", std::path::Path::new("t.md"), text.as_bytes(), &config);
    assert_eq!(r.drug.expect("a drug").name, "glorbamab");
}

/// A title naming a combination product the page calls one names a drug of
/// its own, its components sorted; a title comparing two products does not.
#[test]
fn a_combination_product_is_a_drug_of_its_own() {
    let drug = |text: &str| {
        let config = Config::for_tests();
        crate::process_one("t", std::path::Path::new("t.md"), text.as_bytes(), &config).drug.expect("a drug")
    };
    let combo = drug(
        "# Hydrocodone and acetaminophen (oral route)\n\nHydrocodone and acetaminophen combination is used to relieve pain.\n",
    );
    assert_eq!(combo.name, "acetaminophen and hydrocodone");
    assert_eq!(combo.components, ["acetaminophen", "hydrocodone"]);
    // Parts the lexicon does not know keep their words.
    let three =
        drug("# Codeine, aspirin, and glorbine (oral route)\n\nThis combination is used to relieve headache.\n");
    assert_eq!(three.components, ["aspirin", "codeine", "glorbine"]);
    assert_eq!(three.name, "aspirin, codeine and glorbine");
    // A related product is compared, a condition is a topic, and two drugs
    // the page does not call a combination are mixed, not combined.
    assert_eq!(drug("# Ketamine and esketamine\n\nThe combination of ketamine with …\n").name, "ketamine");
    assert_eq!(drug("# Ketamine and depression\n\nThe combination of ketamine with …\n").name, "ketamine");
    assert_eq!(drug("# Ketamine and alcohol\n\nDo not mix ketamine and alcohol.\n").name, "ketamine");
    assert!(drug("# Metformin\n\nMetformin lowers blood sugar.\n").components.is_empty());
}

/// "Will not cure your high blood pressure" is a caveat about a use, not
/// the denial of an effect; "does not cause" still denies one.
#[test]
fn a_denied_cure_denies_no_effect() {
    let doc = |s: &str| format!("# Foo (oral route)\n\n## Proper Use\n\n{s}\n");
    for caveat in [
        "Remember that this medicine will not cure your high blood pressure.",
        "This medicine will not work for colds.",
        "It is not effective against syphilis infections.",
    ] {
        assert!(keys(&claims_of(&doc(caveat)), Kind::SideEffect).is_empty(), "{caveat}");
    }
    let denial = claims_of(&doc("This medicine does not cause high blood pressure."));
    assert_eq!(keys(&denial, Kind::SideEffect), [("increased blood pressure".to_string(), true)]);
}
