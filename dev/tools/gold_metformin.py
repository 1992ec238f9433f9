"""Metformin: RxHive page, our patient-information page (plain text), our sick-bay page. Read by hand."""
from gold_common import Gold

R, M, S = "rxhive-metformin", "own-mayo-metformin", "own-sickbay-metformin"
g = Gold("metformin", [R, M, S])
T2D = ["type 2 diabetes mellitus", "diabetes", "glycemic control", "high blood sugar", "type 2 diabetes",
       "high blood sugar levels", "diabetes mellitus", "hyperglycemia"]
g.f("use", "type 2 diabetes", [R, M, S], T2D)
g.f("use", "polycystic ovary syndrome", [R, S], ["PCOS"], status="off_label")
g.f("use", "gestational diabetes", [R], [], status="off_label")
g.f("use", "prevention of type 2 diabetes", [R], ["diabetes prevention", "prediabetes",
    "prevention of diabetes"], status="off_label")
g.f("use", "antipsychotic-induced weight gain", [R], ["weight gain"], status="off_label")
g.ok("use", "weight loss", sources=[R])
g.f("route", "oral", [M, S], ["PO"])
g.ok("route", "oral", sources=[R])
g.dose([R, M, S], 500, 500, "mg", population="adult")
g.dose([R], 850, 850, "mg", population="adult")
g.dose([M], None, 2550, "mg", population="adult")
g.dose([M], None, 2000, "mg")
g.dose([S], 500, 1000, "mg", population="adult")
g.dose([S], 2000, 2550, "mg", population="adult")
g.ok("dosage", None, sources=[M], amount={"min": 2550, "max": 2550, "unit": "mg"})
g.ok("dosage", None, sources=[M], amount={"min": 2000, "max": 2000, "unit": "mg"})
g.ok("dosage", None, sources=[S], amount={"min": None, "max": 2550, "unit": "mg"})
g.ok("dosage", None, sources=[S], amount={"min": 1000, "max": 1000, "unit": "mg"})
# side effects
g.f("side_effect", "nausea", [R, M, S])
g.f("side_effect", "vomiting", [R, M])
g.f("side_effect", "diarrhea", [R, M, S])
g.f("side_effect", "abdominal pain", [R, M, S], ["stomach pain", "abdominal discomfort"])
g.f("side_effect", "flatulence", [R, M], ["gas"])
g.f("side_effect", "bloating", [M])
g.f("side_effect", "metallic taste", [R, S], ["taste disturbance"])
g.f("side_effect", "lactic acidosis", [R, M, S])
g.f("side_effect", "vitamin B12 deficiency", [R, M], ["low vitamin B12", "vitamin B12", "B12 deficiency"])
g.f("side_effect", "liver problems", [R], ["liver damage", "hepatotoxicity"])
g.f("side_effect", "weight gain", [R], negated=True)
g.f("side_effect", "hypoglycemia", [M], ["low blood sugar"], negated=True)
g.f("side_effect", "hypoglycemia", [S], ["low blood sugar"])
for s in ("muscle pain", "trouble breathing", "unusual tiredness", "tiredness", "fatigue"):
    g.ok("side_effect", s, sources=[M])
g.ok("side_effect", "weight loss", sources=[R])
# contraindications
g.f("contraindication", "severe kidney disease", [R, S], ["kidney disease", "renal impairment",
    "severe renal impairment", "reduced kidney function"])
g.ok("contraindication", "liver disease", ["liver impairment", "hepatic impairment"], sources=[R, M])
g.ok("contraindication", "kidney disease", ["renal impairment"], sources=[M])
for c in ("heart failure", "alcohol abuse", "pregnancy", "breastfeeding", "surgery", "major surgery",
          "iodinated contrast", "iodinated contrast media"):
    g.ok("contraindication", c)
g.f("contraindication", "metabolic acidosis", [S])
g.f("contraindication", "heart failure", [S], ["acute or unstable heart failure", "unstable heart failure"])
# interactions
g.f("interaction", "alcohol", [R, M], ["excessive alcohol", "alcohol use"])
g.f("interaction", "iodinated contrast", [R, M, S], ["iodinated contrast media", "iodinated contrast dye",
    "contrast dye", "contrast dyes", "contrast media"])
g.f("interaction", "diuretics", [R], ["some diuretics"])
g.f("interaction", "corticosteroids", [R])
g.f("interaction", "insulin", [S])
g.f("interaction", "sulfonylureas", [S])
for m in ("hepatic glucose production", "intestinal glucose absorption", "insulin sensitivity", "insulin release",
          "glucose production", "insulin"):
    g.ok("mechanism", m)
g.ok("pharmacokinetics", "excretion", sources=[R])
g.trap("type 2 diabetes", ["range"], "500 mg starts agree; 2550 mg/day (immediate release, adults) and 2000 mg/day "
       "(extended release, or children) are maxima of different products or populations; 2000-2550 mg/day "
       "covers both", T2D)
g.trap("type 2 diabetes", ["duration"], "48 hours is how long to hold metformin after contrast, not a course or "
       "effect duration", T2D)
g.trap("vomiting", ["polarity"], "'nausea with or without vomiting' names vomiting as a side effect", ["nausea"])
g.trap("liver disease", ["polarity"], "'Tell your doctor if you have liver disease' is a caution; RxHive lists "
       "liver problems as a side effect: no disagreement", ["liver problems", "kidney disease", "heart failure"])
g.trap("hypoglycemia", ["polarity"], "'does not cause low blood sugar when used alone' and 'risk is low when used "
       "alone, but increases with insulin or sulfonylureas' say the same thing", ["low blood sugar"])
g.trap("weight gain", ["polarity"], "RxHive denies weight gain as a side effect and lists antipsychotic-induced "
       "weight gain as an off-label use: a use is not a side effect")
g.write()
