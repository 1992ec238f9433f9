"""Diphenhydramine: RxHive page, our harm-reduction and sick-bay pages, an FDA OTC SPL label
(Triaminic Night Time, diphenhydramine + phenylephrine; CC0). Read by hand."""
from gold_common import Gold

R, T, S, P = ("rxhive-diphenhydramine", "own-tripsit-diphenhydramine", "own-sickbay-diphenhydramine",
              "fda-triaminic-night.spl")
g = Gold("diphenhydramine", [R, T, S, P])
ALLERGY = ["allergy", "allergic reactions", "allergy symptoms", "allergic symptoms", "allergic rhinitis",
           "hay fever", "allergy-related symptoms", "symptoms associated with allergies", "allergic reaction"]
g.f("use", "allergies", [R, T, S, P], ALLERGY)
g.f("use", "common cold", [R], ["cold", "upper airway symptoms", "cold symptoms", "the common cold"])
g.ok("use", "common cold", ["cold", "cough", "nasal congestion", "sinus congestion", "cold symptoms"], sources=[P])
g.f("use", "cough", [P], ["cough due to minor throat and bronchial irritation"])
g.ok("use", "nasal congestion", ["sinus congestion", "nasal and sinus congestion"], sources=[P])
for sym in ("sneezing", "runny nose", "itchy nose or throat", "itchy, watery eyes", "watery eyes", "itching"):
    g.ok("use", sym, ["itchy watery eyes", "pruritus"])
g.f("use", "insomnia", [R, T], ["sleep aid", "occasional sleeplessness", "short-term sleep aid"])
g.f("use", "motion sickness", [R, T, S], ["seasickness"])
g.f("use", "acute dystonic reactions", [R, S], ["dystonia", "dystonic reactions", "muscle spasms"])
g.f("use", "anaphylaxis", [R, S], ["adjunct in anaphylaxis", "severe allergic reactions"])
g.f("use", "urticaria", [R], ["hives"], status="off_label")
g.f("use", "urticaria", [S], ["hives"])
g.ok("use", "poisoning", ["certain types of poisoning"], sources=[R])
g.ok("use", "infusion reactions", sources=[R])
g.ok("use", "itching", ["pruritus"], sources=[S])
g.ok("use", "Parkinson's disease", sources=[T])
g.f("route", "oral", [R, T, S, P], ["PO"])
g.f("route", "intramuscular", [R, S], ["IM"])
g.f("route", "intravenous", [R, S], ["IV"])
g.f("route", "topical", [R])
# doses
g.dose([R, S], 25, 50, "mg", route="oral", population="adult")
g.dose([R, S], None, 300, "mg", route="oral", population="adult")
g.dose([R], 10, 50, "mg", route="intravenous", population="adult")
g.dose([R, S], None, 400, "mg", route="intravenous", population="adult")
g.dose([T, S], 50, 50, "mg")
g.dose([P], 10, 10, "mL", route="oral", population="pediatric")
for s in (R, S):
    for v in (300, 400):
        g.ok("dosage", None, sources=[s], amount={"min": v, "max": v, "unit": "mg"})
for lo, hi in ((150, 300), (250, 500), (450, 700)):
    g.ok("dosage", None, sources=[T], amount={"min": lo, "max": hi, "unit": "mg"})
for amt in ({"min": 6.25, "max": 6.25, "unit": "mg"}, {"min": 2.5, "max": 2.5, "unit": "mg"},
            {"min": 6, "max": 6, "unit": "mg"}, None):
    g.ok("dosage", None, sources=[P], amount=amt)
g.ok("dosage", None, sources=[S], amount={"min": 25, "max": 25, "unit": "mg"})
g.ok("dosage", None, sources=[S], amount={"min": 50, "max": 50, "unit": "mg/mL"})
# side effects
g.f("side_effect", "drowsiness", [R, S, P], ["sedation", "sleepiness", "marked drowsiness", "somnolence"])
g.ok("side_effect", "sedation", ["drowsiness", "sedative effects", "increased sedation"], sources=[T, S])
g.f("side_effect", "dry mouth", [R, T, S])
g.f("side_effect", "dizziness", [R, P])
g.f("side_effect", "blurred vision", [R, T])
g.f("side_effect", "constipation", [R])
g.f("side_effect", "nausea", [R])
g.f("side_effect", "upset stomach", [R], ["stomach upset"])
g.f("side_effect", "urinary retention", [R, T, S], ["difficulty urinating"])
g.f("side_effect", "tachycardia", [R, T], ["fast heartbeat", "rapid heartbeat"])
g.f("side_effect", "hypotension", [R], ["low blood pressure"])
g.f("side_effect", "allergic reactions", [R], ["allergic reaction"])
for s in ("rash", "itching", "swelling"):
    g.ok("side_effect", s, sources=[R])
g.f("side_effect", "seizures", [R], ["seizure"])
g.ok("side_effect", "seizures", ["seizure", "coma"], sources=[T])
g.ok("side_effect", "abnormal heart rhythm", ["arrhythmia"], sources=[T])
g.f("side_effect", "confusion", [T], ["delirium"])
g.f("side_effect", "hallucinations", [T], ["vivid hallucinations"], context="recreational")
g.ok("side_effect", "delirium", ["deliriant"], sources=[T])
g.f("side_effect", "tolerance", [T])
g.f("side_effect", "rebound insomnia", [T], ["insomnia"])
g.f("side_effect", "dependence", [T], ["habit-forming", "addiction", "physical dependence", "habit forming"],
    context="long_term")
g.f("side_effect", "dependence", [R], ["habit-forming", "addiction", "physical dependence", "habit forming"],
    negated=True)
g.ok("side_effect", "respiratory depression", sources=[T])
g.ok("side_effect", "overheating", ["hyperthermia"], sources=[T])
g.f("side_effect", "paradoxical excitation", [S, P], ["excitability", "excitation", "paradoxical excitement"])
g.f("side_effect", "nervousness", [P])
g.f("side_effect", "sleeplessness", [P], ["insomnia"])
# contraindications
g.f("contraindication", "breastfeeding", [R, S], ["lactation", "breast-feeding"])
g.f("contraindication", "neonates", [S], ["premature infants", "newborns", "neonates and premature infants"])
g.f("contraindication", "children under 4 years", [P], ["child under 4 years of age", "children under 4",
    "children under 4 years of age", "children"])
for c in ("glaucoma", "narrow-angle glaucoma", "prostatic hypertrophy", "urinary retention", "pregnancy",
          "children under 6 years", "heart disease", "high blood pressure", "thyroid disease", "diabetes",
          "asthma", "chronic bronchitis", "chronic cough", "breathing problem", "cough with too much phlegm",
          "older adults", "children", "elderly", "MAOI", "conditions exacerbated by anticholinergic effects"):
    g.ok("contraindication", c)
# interactions
g.f("interaction", "sedatives", [R, P], ["other sedatives", "sedatives or tranquilizers", "CNS depressants"])
g.f("interaction", "alcohol", [R, T, S])
g.f("interaction", "antidepressants", [R], ["certain antidepressants"])
g.f("interaction", "anticholinergic drugs", [T], ["other anticholinergic drugs", "anticholinergics"])
g.f("interaction", "MAOIs", [T, P], ["MAOI", "monoamine oxidase inhibitor", "monoamine oxidase inhibitors",
    "prescription monoamine oxidase inhibitor"])
g.f("interaction", "tranquilizers", [P], ["tranquilizer"])
g.ok("interaction", "diphenhydramine", ["other products containing diphenhydramine"], sources=[P])
g.ok("interaction", "epinephrine", sources=[R, S])
g.ok("interaction", "antipsychotics", sources=[R])
g.f("mechanism", "histamine H1 receptor", [R], ["histamine receptor", "histamine receptors", "H1 receptor",
    "histamine", "H1"], action="antagonist")
g.ok("mechanism", "histamine H1 receptor", ["histamine receptor", "histamine", "H1 receptor"], sources=[T, P])
g.ok("mechanism", "muscarinic receptor", ["acetylcholine receptor", "muscarinic", "cholinergic"])
g.ok("mechanism", "serotonin reuptake", ["serotonin transporter"])
g.f("pharmacokinetics", "onset", [T])
g.f("pharmacokinetics", "duration_of_action", [T])
g.ok("legal_status", "OTC", ["over the counter", "over-the-counter"])
g.conflict("polarity", "dependence", [R, T], ["habit-forming", "addiction", "physical dependence", "habit forming"],
    note="RxHive: 'not typically considered habit-forming'; harm-reduction page: daily use leads to tolerance and "
         "chronic users can develop dependence")
g.trap("drowsiness", ["polarity"], "every page that names it affirms it; the OTC label's 'Do not use ... for the "
       "purpose of making your child sleepy' forbids a use, it does not deny the effect",
       ["sedation", "sleepiness", "sleepy", "marked drowsiness"])
g.trap("allergies", ["range"], "oral 25-50 mg (max 300 mg/day) and IV/IM 10-50 mg (max 400 mg/day) differ by "
       "route; 10 mL is a children's dose of a combination syrup", ALLERGY)
g.trap("insomnia", ["range", "polarity"], "50 mg is the therapeutic dose on both pages; 150-700 mg are recreational "
       "doses; rebound insomnia after stopping is not a denied use", ["sleep aid", "sleeplessness"])
g.trap("high blood pressure", ["polarity"], "'Ask a doctor before use if the child has high blood pressure' is a "
       "caution, not a denied side effect", ["hypertension", "heart disease", "glaucoma", "diabetes"])
g.trap("urinary retention", ["polarity"], "listed as a side effect and as a caution; no page denies it",
       ["difficulty urinating"])
g.write()
