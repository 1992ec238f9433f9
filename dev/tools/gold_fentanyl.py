"""Fentanyl: RxHive page, our harm-reduction page, our sick-bay page. Read by hand."""
from gold_common import Gold

R, T, S = "rxhive-fentanyl", "own-tripsit-fentanyl", "own-sickbay-fentanyl"
g = Gold("fentanyl", [R, T, S])
PAIN = ["pain", "severe acute pain", "acute pain", "pain management", "managing severe pain", "analgesia"]
g.f("use", "severe pain", [R, T, S], PAIN)
g.f("use", "postoperative pain", [R], ["acute postoperative pain", "post-operative pain"])
g.f("use", "breakthrough cancer pain", [R], ["cancer pain", "breakthrough pain"])
g.f("use", "chronic pain", [R], ["chronic pain in opioid-tolerant patients"])
g.f("use", "anesthesia", [R, T], ["general anesthesia", "adjunct to anesthesia", "regional anesthesia",
    "anaesthesia", "adjunct to general or regional anesthesia"])
g.f("use", "procedural analgesia", [S], ["analgesia for painful procedures", "fracture reduction",
    "painful procedures"])
g.ok("use", "ICU analgesia", ["analgesia in ICU patients", "intensive care"], sources=[R])
g.ok("use", "sedation", sources=[R])
g.f("route", "intravenous", [R, T, S], ["IV"])
g.f("route", "transdermal", [R, T], ["patch", "transdermal patch"])
g.f("route", "buccal", [R])
g.f("route", "sublingual", [R])
g.f("route", "intranasal", [R, S], ["nasal"])
g.ok("route", "oral", sources=[R, T])
g.dose([R], 0.7, 10, "mcg/kg/h", route="intravenous", phase="infusion", indication="ICU analgesia")
g.dose([R], 0.35, 1.5, "mcg/kg", route="intravenous", phase="bolus", indication="ICU analgesia")
g.dose([R], 100, 200, "mcg", route="buccal", indication="breakthrough cancer pain")
g.dose([T], 12, 100, "mcg/h", route="transdermal")
g.dose([S], 1, 1, "mcg/kg", route="intravenous", indication="severe pain")
g.dose([S], 50, 100, "mcg", route="intravenous", indication="severe pain")
g.dose([S], 0.5, 0.5, "mcg/kg", route="intravenous", indication="severe pain")
g.dose([S], 1.5, 1.5, "mcg/kg", route="intranasal", indication="severe pain")
g.dose([S], None, 100, "mcg", route="intranasal", indication="severe pain")
g.ok("dosage", None, sources=[S], amount={"min": 100, "max": 100, "unit": "mcg"})
g.ok("dosage", None, sources=[S], amount={"min": 50, "max": 50, "unit": "mcg/mL"})
# side effects
for t, srcs, alt in (("drowsiness", [R], ["sedation", "somnolence"]), ("nausea", [R, T, S], []),
                     ("vomiting", [R], []), ("constipation", [R], []), ("dizziness", [R], []),
                     ("headache", [R], []), ("dry mouth", [R], []), ("sweating", [R], []),
                     ("respiratory depression", [R, T, S], ["slowed breathing", "shallow breathing",
                      "slowed or shallow breathing", "breathing problems", "respiratory difficulties"]),
                     ("bradycardia", [R], ["slow heart rate"]), ("hypotension", [R], ["low blood pressure"]),
                     ("seizures", [R], []), ("allergic reactions", [R], ["anaphylaxis"]),
                     ("serotonin syndrome", [R], []), ("addiction", [R, T], ["abuse", "addictive", "dependence"]),
                     ("euphoria", [T], []), ("sedation", [T], ["drowsiness"]),
                     ("pinpoint pupils", [T], ["miosis"]), ("itching", [T, S], ["pruritus"]),
                     ("tolerance", [T], []), ("withdrawal", [T], ["withdrawal symptoms"]),
                     ("chest wall rigidity", [S], ["muscle rigidity"])):
    g.f("side_effect", t, srcs, alt)
g.ok("side_effect", "hypotension", ["low blood pressure"], sources=[S])
g.ok("side_effect", "histamine release", sources=[S], negated=True)
g.ok("side_effect", "neonatal opioid withdrawal syndrome", ["neonatal withdrawal"], sources=[R])
for s in ("euphoria", "sedation", "pinpoint pupils", "blue-tinged skin", "loss of consciousness",
          "overdose", "death", "abuse"):
    g.ok("side_effect", s, sources=[R])
g.ok("side_effect", "overdose", ["death"], sources=[T])
# contraindications
g.f("contraindication", "respiratory depression", [S], ["hypoxia", "respiratory depression or hypoxia"])
g.f("contraindication", "opioid hypersensitivity", [S], ["hypersensitivity", "known opioid hypersensitivity"])
for c in ("head injury", "respiratory problems", "pre-existing respiratory problems", "pregnancy",
          "breastfeeding", "liver disease", "kidney disease", "hepatic impairment", "renal impairment",
          "older adults", "children", "elderly"):
    g.ok("contraindication", c)
# interactions
g.f("interaction", "benzodiazepines", [R, T, S])
g.f("interaction", "opioids", [R], ["other opioids"])
g.f("interaction", "CNS depressants", [R], ["central nervous system depressants"])
g.f("interaction", "SSRIs", [R], ["antidepressants", "certain antidepressants"])
g.f("interaction", "SNRIs", [R])
g.f("interaction", "MAOIs", [R, T], ["MAOI"])
g.f("interaction", "alcohol", [T])
g.ok("interaction", "naloxone", sources=[T, S])
g.ok("interaction", "antidepressants", sources=[R])
g.ok("interaction", "heroin", sources=[T])
g.ok("interaction", "morphine", sources=[T, S])
g.f("mechanism", "mu-opioid receptor", [R], ["opioid receptors", "mu receptor", "mu-receptors", "mu opioid receptor",
    "opioid receptor"], action="agonist")
g.f("pharmacokinetics", "onset", [T, S])
g.f("pharmacokinetics", "duration_of_action", [T, S])
g.ok("pharmacokinetics", "duration_of_action", sources=[R])
g.trap("hypotension", ["polarity"], "'Less hypotension than morphine' is a comparison, not a denial; RxHive lists it",
       ["low blood pressure"])
g.trap("severe pain", ["range"], "IV 1 mcg/kg (sick bay) and 0.35-1.5 mcg/kg every 30-60 minutes in the ICU "
       "(RxHive) overlap and differ in setting; 12-100 mcg/h is a patch rate and 100-200 mcg a buccal dose", PAIN)
g.trap("onset", ["duration"], "both pages give IV onset 1-2 minutes and effect 30-60 minutes; the 72-hour patch "
       "change is a dosing interval", ["duration of action", "duration", "severe pain", "intravenous"])
g.trap("respiratory depression", ["polarity"], "every page affirms it; as a contraindication it is a condition, "
       "not a denied effect", ["slowed breathing", "breathing problems"])
g.trap("addiction", ["polarity"], "both pages affirm it", ["abuse", "dependence"])
g.write()
