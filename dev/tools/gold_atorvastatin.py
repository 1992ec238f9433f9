"""Atorvastatin: RxHive page, an excerpt of the Lipitor label (CC0, plain text), our patient page. Read by hand."""
from gold_common import Gold

R, L, M = "rxhive-atorvastatin", "fda-lipitor-excerpt", "own-mayo-atorvastatin"
g = Gold("atorvastatin", [R, L, M])
CHOL = ["high cholesterol", "hyperlipidemia", "primary hyperlipidemia", "primary hypercholesterolemia",
        "cholesterol", "LDL cholesterol", "LDL-C", "lower cholesterol", "high cholesterol levels",
        "elevated LDL-C", "hypercholesterolemia (high cholesterol)"]
HEFH = ["HeFH", "familial hypercholesterolemia", "heterozygous familial hypercholesterolemia in pediatric patients"]
g.f("use", "hypercholesterolemia", [R, L, M], CHOL)
g.f("use", "atherosclerotic cardiovascular disease", [R], ["ASCVD", "cardiovascular disease",
    "prevention of atherosclerotic cardiovascular disease"])
g.f("use", "heterozygous familial hypercholesterolemia", [R, L], HEFH)
g.f("use", "homozygous familial hypercholesterolemia", [R], ["HoFH"])
g.f("use", "myocardial infarction", [L, M], ["MI", "heart attack"])
g.f("use", "stroke", [L, M])
g.f("use", "angina", [L, M], ["chest pain"])
g.f("use", "mixed dyslipidemia", [L], ["dyslipidemia"])
g.ok("use", "hypertriglyceridemia", ["triglycerides", "high triglycerides", "elevated TG"])
g.ok("use", "revascularization procedures", sources=[L])
g.ok("use", "post-transplant hyperlipidemia", ["post-transplant care", "transplant"], sources=[R])
for t in ("heart attack", "stroke", "peripheral artery disease", "myocardial infarction"):
    g.ok("use", t, sources=[R])
g.ok("use", "coronary heart disease", ["CHD"], sources=[L, M])
g.f("route", "oral", [M])
g.ok("route", "oral", sources=[R, L])
g.dose([R, L], 10, 80, "mg", population="adult")
g.dose([R], 40, 80, "mg", population="adult")
g.dose([R], 5, 10, "mg", population="pediatric")
g.dose([R], None, 80, "mg", population="pediatric")
g.dose([L, M], 10, 20, "mg", population="adult")
g.dose([L, M], 10, 10, "mg", population="pediatric")
g.dose([L, M], None, 20, "mg", population="pediatric")
g.dose([M], None, 80, "mg", population="adult")
for s in (R, L, M):
    for v in (80, 20, 40):
        g.ok("dosage", None, sources=[s], amount={"min": v, "max": v, "unit": "mg"})
# side effects
for t, srcs, alt in (("diarrhea", [R, L, M], []),
                     ("myalgia", [R, M], ["muscle aches", "muscle pain"]),
                     ("nasopharyngitis", [R, L, M], ["nasal congestion", "stuffy nose"]),
                     ("headache", [R], []), ("nausea", [R], []), ("abdominal pain", [R], []),
                     ("hepatotoxicity", [R], ["liver problems", "elevated liver enzymes"]),
                     ("myopathy", [R], ["muscle damage"]), ("rhabdomyolysis", [R, M], []),
                     ("hyperglycemia", [R], ["increased blood sugar levels", "new-onset diabetes mellitus",
                                             "new-onset diabetes", "increased blood sugar"]),
                     ("allergic reactions", [R], []),
                     ("arthralgia", [L, M], ["joint pain"]), ("pain in extremity", [L], []),
                     ("urinary tract infection", [L], ["UTI"])):
    g.f("side_effect", t, srcs, alt)
for s in ("rash", "itching", "swelling", "muscle pain", "weakness", "dark urine", "muscle weakness"):
    g.ok("side_effect", s, sources=[R])
g.ok("side_effect", "jaundice", ["yellow eyes or skin", "yellow eyes", "dark urine"], sources=[M])
g.ok("side_effect", "drowsiness", sources=[M], negated=True)
g.ok("side_effect", "liver damage", sources=[R])
g.ok("side_effect", "muscle weakness", ["muscle pain or weakness", "muscle pain"])
# contraindications
g.f("contraindication", "active liver disease", [R, L, M], ["liver disease",
    "unexplained persistent elevations of liver enzymes", "unexplained persistent elevations in hepatic transaminase levels"])
g.f("contraindication", "pregnancy", [R, L, M], ["women who are pregnant or may become pregnant", "pregnant"])
g.f("contraindication", "breastfeeding", [R, L, M], ["nursing mothers", "lactation"])
g.f("contraindication", "hypersensitivity", [L], ["hypersensitivity to any component of this medication"])
for c in ("diabetes", "kidney disease", "muscle pain or weakness", "muscle pain", "heavy alcohol use",
          "hypothyroidism", "kidney impairment", "alcohol use"):
    g.ok("contraindication", c)
g.f("interaction", "grapefruit juice", [R, L, M], ["grapefruit"])
g.f("interaction", "alcohol", [R], ["excessive alcohol consumption"])
g.ok("interaction", "CYP3A4 inhibitors", ["CYP 3A4"], sources=[L])
g.ok("interaction", "cholesterol-lowering medications", sources=[R])
g.f("mechanism", "HMG-CoA reductase", [R, L], ["HMG-CoA reductase inhibitor", "3-hydroxy-3-methylglutaryl-coenzyme A reductase"],
    action="inhibitor")
g.ok("pharmacokinetics", "metabolism", sources=[L])
g.conflict("range", "heterozygous familial hypercholesterolemia", [R, L, M], HEFH + CHOL + ["pediatric maximum dose"],
    note="children: RxHive says the maximum is typically 80 mg daily; the Lipitor label and the patient page say "
         "the maximum is 20 mg/day for 10-17-year-olds (doses above 20 mg not studied): 4x apart, same "
         "population and phase (maximum). Adult 10-80 mg agrees across all three.")
g.trap("angina", ["polarity", "status", "qualifier"], "'in patients without CHD' qualifies the population; the "
       "label and the patient page both name angina as a use", ["chest pain", "CHD", "coronary heart disease"])
g.trap("stroke", ["polarity"], "'did not reach a pre-defined significance level' is a trial statistic, not a "
       "denial; stroke prevention is a use on two pages", ["strokes", "fatal and non-fatal strokes"])
g.trap("cardiovascular death", ["polarity"], "'no significant difference between the treatment groups' is a trial "
       "result", ["death", "death due to cardiovascular causes", "noncardiovascular causes"])
g.trap("hyperglycemia", ["polarity"], "'Tell your doctor if you have diabetes' is a caution, not a denial of "
       "new-onset diabetes", ["diabetes", "new-onset diabetes", "increased blood sugar"])
g.trap("myalgia", ["polarity"], "'Tell your doctor if you have muscle pain or weakness' is a caution; all pages "
       "affirm muscle aches", ["muscle pain", "muscle aches", "muscle weakness"])
g.trap("kidney disease", ["polarity"], "no dose adjustment in kidney impairment vs a caution: no disagreement",
       ["kidney impairment"])
g.write()
