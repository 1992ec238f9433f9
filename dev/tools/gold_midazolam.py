"""Midazolam: RxHive page and our sick-bay page. Read by hand."""
from gold_common import Gold

R, S = "rxhive-midazolam", "own-sickbay-midazolam"
g = Gold("midazolam", [R, S])
g.f("use", "general anesthesia", [R], ["anesthesia", "induction of anesthesia", "induction and maintenance of anesthesia",
    "maintenance of anesthesia", "anaesthesia"])
g.f("use", "sedation of intubated patients", [R], ["ICU sedation", "mechanical ventilation",
    "sedation of mechanically ventilated patients", "intubated patients"])
g.f("use", "procedural sedation", [R, S], ["pre-procedure sedation", "sedation", "preoperative sedation",
    "conscious sedation"])
g.f("use", "seizures", [R, S], ["seizure management", "status epilepticus", "prolonged seizure",
    "seizures lasting more than 5 minutes"])
g.f("use", "insomnia", [R])
g.f("use", "agitation", [S], ["severe agitation"])
g.ok("use", "anxiety", ["anxiety reduction", "amnesia"], sources=[R])
g.f("route", "intravenous", [R, S], ["IV"])
g.f("route", "intramuscular", [R, S], ["IM"])
g.f("route", "oral", [R])
g.f("route", "intranasal", [R, S])
g.f("route", "rectal", [R])
g.dose([S], 10, 10, "mg", route="intramuscular", indication="seizures")
g.dose([S], 5, 5, "mg", route="intramuscular", indication="seizures")
g.dose([S], 0.2, 0.2, "mg/kg", route="intranasal", indication="seizures")
g.dose([S], None, 10, "mg", route="intranasal", indication="seizures")
g.dose([S], 1, 2.5, "mg", route="intravenous", indication="procedural sedation")
g.dose([S], None, 5, "mg", route="intravenous", indication="procedural sedation")
g.ok("dosage", None, sources=[S], amount={"min": 1, "max": 1, "unit": "mg"})
g.ok("dosage", None, sources=[S], amount={"min": 5, "max": 5, "unit": "mg/mL"})
g.ok("dosage", None, sources=[R], amount=None)
for t, srcs, alt in (("apnea", [R, S], ["cessation of breathing"]), ("bradypnea", [R], ["slow breathing"]),
                     ("decreased tidal volume", [R], ["shallow breaths"]), ("vomiting", [R], []),
                     ("nausea", [R], []), ("drowsiness", [R], ["sedation"]), ("dizziness", [R], []),
                     ("confusion", [R], []), ("amnesia", [R], []), ("headache", [R], []),
                     ("hypotension", [R, S], ["low blood pressure"]), ("bradycardia", [R], ["slow heart rate"]),
                     ("respiratory depression", [R, S], ["severe respiratory depression"]),
                     ("paradoxical reactions", [R, S], ["paradoxical agitation", "agitation", "increased anxiety"]),
                     ("anaphylaxis", [R], ["allergic reactions"]),
                     ("dependence", [R], ["physical dependence", "psychological dependence", "abuse", "addiction"]),
                     ("withdrawal symptoms", [R], ["withdrawal"])):
    g.f("side_effect", t, srcs, alt)
g.ok("side_effect", "sedation", ["muscle relaxation", "anxiety reduction"], sources=[R])
g.ok("side_effect", "impaired judgment", ["impaired coordination"], sources=[R])
for t, srcs, alt in (("benzodiazepine hypersensitivity", [R], ["hypersensitivity", "hypersensitivity to benzodiazepines"]),
                     ("acute narrow-angle glaucoma", [R, S], ["narrow-angle glaucoma", "glaucoma"]),
                     ("severe respiratory insufficiency", [R], ["respiratory insufficiency"]),
                     ("severe hepatic impairment", [R], ["hepatic impairment", "liver disease", "severe liver disease"]),
                     ("sleep apnea", [R], []), ("myasthenia gravis", [R], []),
                     ("shock", [S], []), ("respiratory depression", [S], [])):
    g.f("contraindication", t, srcs, alt)
for c in ("pregnancy", "breastfeeding", "children", "older adults", "renal impairment", "children and adolescents"):
    g.ok("contraindication", c)
g.f("interaction", "CYP3A4 inhibitors", [R], ["CYP3A4 inhibitors and inducers"])
g.f("interaction", "CYP3A4 inducers", [R])
g.f("interaction", "CNS depressants", [R], ["other CNS depressants"])
g.f("interaction", "opioids", [R, S])
g.f("interaction", "alcohol", [R, S])
g.f("interaction", "sedatives", [R], ["other sedatives"])
g.ok("interaction", "flumazenil", sources=[S])
g.ok("interaction", "respiratory depressants", sources=[R])
g.f("mechanism", "GABA-A receptor", [R], ["GABA", "GABA receptor", "gamma-aminobutyric acid",
    "GABA-A", "GABAA receptor"])
g.f("pharmacokinetics", "duration_of_action", [R, S])
g.ok("pharmacokinetics", "metabolism", sources=[R])
g.ok("pharmacokinetics", "excretion", sources=[R])
g.trap("respiratory depression", ["polarity"], "both pages affirm it; as a contraindication it is a condition",
       ["apnea"])
g.trap("procedural sedation", ["duration"], "RxHive: a few minutes to several hours depending on dose and route; "
       "sick bay: an IV dose lasts 1-2 hours: the second lies inside the first", ["sedation", "duration of action"])
g.trap("duration_of_action", ["duration"], "a few minutes to several hours contains 1-2 hours",
       ["duration of action", "duration"])
g.write()
