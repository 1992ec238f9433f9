"""Ketorolac: RxHive page, our sick-bay page, our formulary page (read by hand)."""
from gold_common import Gold

R, S, F = "rxhive-ketorolac", "own-sickbay-ketorolac", "own-formulary-ketorolac"
g = Gold("ketorolac", [R, S, F])
PAIN = ["pain", "moderate to severe pain", "moderate to severe acute pain", "acute pain management",
        "pain management", "pain relief", "short-term management of moderate to severe pain",
        "moderate-severe acute pain", "severe pain"]
g.f("use", "acute pain", [R, S, F], PAIN)
g.f("use", "postoperative pain", [R], ["post-operative pain", "post-operative pain relief",
    "postoperative pain relief", "pain after surgery", "surgery"])
g.ok("use", "postoperative pain", ["post-operative pain", "surgery", "pain after surgery"], sources=[F])
g.f("use", "renal colic", [S], ["kidney stones"])
g.ok("use", "chronic inflammatory conditions", ["inflammation", "inflammatory conditions"], sources=[R])
g.f("route", "oral", [R, S, F], ["tablets", "PO"])
g.f("route", "intravenous", [R, S, F], ["IV"])
g.f("route", "intramuscular", [S, F], ["IM"])
# doses
g.dose([R, S, F], 10, 10, "mg", route="oral", population="adult")
g.dose([R], 10, 30, "mg", route="intravenous", population="adult")
g.dose([R], 10, 15, "mg", route="intravenous", population="adult")
g.dose([R, S, F], None, 40, "mg", route="oral", population="adult")
g.ok("dosage", None, sources=[R], amount={"min": 40, "max": 40, "unit": "mg"})
g.dose([S, F], 30, 30, "mg", route="intravenous", population="adult")
g.dose([S, F], None, 120, "mg", route="intravenous", population="adult")
g.dose([S, F], 15, 15, "mg", route="intravenous", population="elderly")
g.dose([S, F], None, 60, "mg", route="intravenous", population="elderly")
g.dose([F], 60, 60, "mg", route="intramuscular", population="adult")
for s in [S, F]:
    for v in (120, 60):
        g.ok("dosage", None, sources=[s], amount={"min": v, "max": v, "unit": "mg"})
# side effects
g.f("side_effect", "nausea", [R, S, F])
g.f("side_effect", "vomiting", [R])
g.f("side_effect", "heartburn", [R], ["dyspepsia", "indigestion"])
g.f("side_effect", "dyspepsia", [S], ["heartburn", "indigestion"])
g.f("side_effect", "abdominal pain", [R, S, F], ["stomach pain"])
g.f("side_effect", "constipation", [R])
g.f("side_effect", "diarrhea", [R])
g.f("side_effect", "dizziness", [R, F])
g.f("side_effect", "drowsiness", [R, S], ["somnolence", "sleepiness"])
g.f("side_effect", "headache", [S, F])
g.f("side_effect", "kidney problems", [R, S, F], ["acute kidney failure", "kidney failure", "renal failure",
    "acute kidney injury", "kidney damage", "renal impairment", "kidney injury"])
g.f("side_effect", "stomach ulcers", [R], ["peptic ulcer", "ulcers", "gastric ulcer", "stomach ulcer"])
g.f("side_effect", "gastrointestinal bleeding", [R, S, F], ["GI bleeding", "bleeding in the stomach or intestines",
    "gastrointestinal hemorrhage", "stomach bleeding", "bleeding"])
g.f("side_effect", "heart attack", [R], ["myocardial infarction"])
g.f("side_effect", "stroke", [R])
g.f("side_effect", "allergic reactions", [R], ["allergic reaction", "hypersensitivity"])
g.ok("side_effect", "anaphylaxis", sources=[R])
g.ok("side_effect", "skin rash", ["rash", "skin rashes"], sources=[R])
g.f("side_effect", "fluid retention", [R], ["edema"])
g.f("side_effect", "high blood pressure", [R], ["hypertension"])
g.f("side_effect", "edema", [F], ["fluid retention"])
g.f("side_effect", "hypertension", [F], ["high blood pressure"])
g.f("side_effect", "Stevens-Johnson syndrome", [F])
g.f("side_effect", "respiratory depression", [S], negated=True)
g.ok("side_effect", "addiction", ["addictive", "addictive substance"], sources=[R], negated=True)
g.ok("side_effect", "bronchospasm", sources=[S])
g.ok("side_effect", "dehydration", sources=[S])
# contraindications
g.f("contraindication", "NSAID allergy", [R, F], ["allergy to ketorolac", "hypersensitivity", "allergy",
    "known allergy to ketorolac or other NSAIDs", "allergy to NSAIDs", "aspirin allergy", "NSAID hypersensitivity"])
g.f("contraindication", "severe kidney disease", [R], ["kidney disease", "renal impairment", "severe kidney or liver disease"])
g.f("contraindication", "severe liver disease", [R], ["liver disease", "hepatic impairment"])
g.f("contraindication", "active peptic ulcer", [R, S, F], ["peptic ulcer", "active peptic ulcers",
    "active peptic ulcer disease", "peptic ulcer disease"])
g.f("contraindication", "bleeding disorders", [R], ["history of bleeding disorders", "bleeding disorder"])
g.f("contraindication", "dehydration", [R], ["severe dehydration", "severely dehydrated", "hypovolemia"])
g.f("contraindication", "gastrointestinal bleeding", [S, F], ["GI bleeding", "recent GI bleeding"])
g.f("contraindication", "renal impairment", [S], ["advanced renal impairment", "kidney disease", "severe kidney disease"])
g.f("contraindication", "hypovolemia", [S], ["dehydration"])
g.f("contraindication", "CABG", [S, F], ["coronary artery bypass graft", "CABG surgery",
    "within 14 days after CABG surgery", "coronary artery bypass graft surgery"])
g.f("contraindication", "labor and delivery", [F], ["labor", "childbirth", "labour"])
g.f("contraindication", "breastfeeding", [F], ["lactation"])
g.ok("contraindication", "asthma", sources=[S])
g.ok("contraindication", "children", ["pediatric", "pediatric use"], sources=[R, F])
g.ok("contraindication", "pregnancy", ["third trimester"], sources=[R, F])
g.ok("contraindication", "elderly", ["cardiovascular disease", "older adults"], sources=[R])
g.ok("contraindication", "renal impairment", ["kidney disease", "severe kidney disease"], sources=[F])
# interactions
g.f("interaction", "anticoagulants", [R], ["blood thinners"])
g.f("interaction", "NSAIDs", [R], ["other NSAIDs"])
g.f("interaction", "aspirin", [R])
g.f("interaction", "diuretics", [R], ["certain diuretics"])
g.ok("interaction", "alcohol", sources=[R])
g.ok("interaction", "opioids", sources=[S])
g.ok("interaction", "aspirin", sources=[S, F])
g.f("mechanism", "prostaglandin synthesis", [R], ["prostaglandins", "prostaglandin", "cyclooxygenase",
    "COX", "COX enzymes", "prostaglandin production"])
g.conflict("range", "acute pain", [R, S, F], PAIN + ["postoperative pain", "intravenous maximum daily dose",
                                                        "maximum dose", "maximum daily dose"],
    note="RxHive: IV maximum daily dose 'should not exceed 40 mg'; sick-bay and formulary pages: IV/IM "
         "maximum 120 mg/day for adults under 65 (60 mg/day at 65 or older). Same drug, indication, route, "
         "population and phase (daily maximum), 3x apart. Oral 40 mg/day vs IV 120 mg/day and 15 mg "
         "(elderly) vs 30 mg (adult) are NOT part of it: different route or population.")
g.trap("acute pain", ["duration"], "all three pages limit the course to 5 days", PAIN)
g.trap("kidney problems", ["polarity"], "renal impairment appears as a side effect, a contraindication and a "
       "dosing note; no page denies it", ["renal failure", "acute kidney injury", "kidney failure", "renal impairment"])
g.trap("respiratory depression", ["polarity"], "only the sick-bay page mentions it (negated, comparing with opioids)")
g.write()
