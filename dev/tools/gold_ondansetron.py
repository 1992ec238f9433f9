"""Ondansetron: RxHive page and our sick-bay page (read by hand)."""
from gold_common import Gold

R, S = "rxhive-ondansetron", "own-sickbay-ondansetron"
g = Gold("ondansetron", [R, S])
NV = ["nausea", "vomiting", "nausea/vomiting", "prevention of nausea and vomiting",
      "acute, severe nausea and vomiting", "severe nausea and vomiting", "acute severe nausea and vomiting"]
g.f("use", "nausea and vomiting", [R, S], NV)
g.f("use", "chemotherapy-induced nausea and vomiting", [R], ["cancer chemotherapy", "chemotherapy", "CINV",
    "chemotherapy-induced nausea", "nausea and vomiting caused by chemotherapy"])
g.f("use", "radiation-induced nausea and vomiting", [R], ["radiation therapy", "radiotherapy",
    "radiation treatments", "radiation-induced nausea"])
g.f("use", "postoperative nausea and vomiting", [R, S], ["PONV", "surgery", "post-operative nausea and vomiting",
    "prevention of postoperative nausea and vomiting"])
g.f("use", "carcinoid syndrome diarrhea", [R], ["carcinoid syndrome", "carcinoid syndrome-associated diarrhea",
    "severe, refractory carcinoid syndrome-associated diarrhea", "diarrhea"], status="off_label")
g.f("use", "hyperemesis gravidarum", [R], ["pregnancy-associated nausea and vomiting",
    "nausea and vomiting of pregnancy", "severe or refractory pregnancy-associated nausea and vomiting"],
    status="off_label")
g.ok("use", "gastroenteritis", sources=[S])
g.ok("use", "motion sickness", ["seasickness"], sources=[S])
g.f("route", "intravenous", [R, S], ["IV"])
g.f("route", "intramuscular", [R, S], ["IM"])
g.f("route", "oral", [R, S], ["PO", "tablets"])
g.dose([R], 4, 16, "mg", population="adult")
g.dose([S], 4, 4, "mg", population="adult")
g.dose([S], None, 16, "mg", population="adult")
g.ok("dosage", None, sources=[S], amount={"min": 16, "max": 16, "unit": "mg"})
for s in (R, S):
    g.ok("dosage", None, sources=[s], amount={"min": 2, "max": 2, "unit": "mg/mL"})
# side effects
g.f("side_effect", "headache", [R, S])
g.f("side_effect", "fatigue", [R, S], ["tiredness"])
g.f("side_effect", "malaise", [R], ["general discomfort"])
g.f("side_effect", "constipation", [R, S])
g.f("side_effect", "dizziness", [R])
g.f("side_effect", "drowsiness", [R], ["sedation", "somnolence", "sleepiness"])
g.f("side_effect", "drowsiness", [S], ["sedation", "somnolence", "sleepiness"], negated=True)
g.f("side_effect", "diarrhea", [R])
g.f("side_effect", "skin rash", [R], ["rash"])
g.f("side_effect", "itching", [R], ["pruritus"])
g.f("side_effect", "allergic reactions", [R], ["allergic reaction", "hypersensitivity"])
g.f("side_effect", "QT prolongation", [R, S], ["changes in heart rhythm", "heart rhythm changes",
    "QT interval prolongation", "prolonged QT", "arrhythmia"])
g.f("side_effect", "serotonin syndrome", [R])
g.ok("side_effect", "addiction", ["addictive", "addictive substance"], sources=[R], negated=True)
g.ok("side_effect", "heart rhythm disturbances", ["dangerous heart rhythm disturbances", "arrhythmia"], sources=[R])
g.ok("side_effect", "hypotension", ["severe hypotension"], sources=[S])
# contraindications
g.f("contraindication", "hypersensitivity", [R], ["allergy", "known hypersensitivity",
    "hypersensitivity to ondansetron"])
g.f("contraindication", "apomorphine", [R, S], ["concomitant apomorphine", "apomorphine use"])
g.f("contraindication", "congenital long QT syndrome", [S], ["long QT syndrome", "long QT"])
g.ok("contraindication", "QT prolongation", ["long QT", "pre-existing heart conditions", "heart conditions",
    "electrolyte abnormalities", "severe liver disease", "hepatic impairment"])
g.ok("contraindication", "pregnancy", ["breastfeeding"], sources=[R])
g.f("interaction", "apomorphine", [R, S])
g.f("interaction", "QT-prolonging drugs", [R, S], ["QT-prolonging medications", "other QT-prolonging drugs",
    "medications that prolong the QT interval", "other medications that prolong the QT interval"])
g.ok("interaction", "antihistamines", sources=[S])
g.f("mechanism", "5-HT3 receptor", [R], ["5-HT3", "serotonin 5-HT3 receptor", "5-HT3 receptors",
    "serotonin receptor"], action="antagonist")
g.conflict("polarity", "drowsiness", [R, S], ["sedation", "somnolence", "sleepiness"],
    note="RxHive lists drowsiness among its less common side effects; the sick-bay page says ondansetron "
         "does not cause drowsiness")
g.trap("nausea and vomiting", ["range"], "4 mg (sick bay) lies inside 4-16 mg per dose (RxHive); 16 mg is a "
       "24-hour maximum, not a dose", NV)
g.trap("QT prolongation", ["polarity"], "both pages list it; cautions about QT-prolonging drugs are no denial",
       ["long QT", "long QT syndrome"])
g.trap("addiction", ["polarity"], "only RxHive speaks of it (not addictive)")
g.write()
