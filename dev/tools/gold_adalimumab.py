"""Adalimumab: RxHive page and an excerpt of the Humira openFDA label record (CC0). Read by hand."""
from gold_common import Gold

R, J = "rxhive-adalimumab", "fda-humira-excerpt.openfda"
g = Gold("adalimumab", [R, J])
CD = ["Crohn disease", "Crohns disease", "Crohn's", "CD"]
UC = ["UC", "colitis"]
RA = ["RA", "rheumatoid arthritis"]
g.f("use", "rheumatoid arthritis", [R, J], ["RA"])
g.f("use", "juvenile idiopathic arthritis", [R, J], ["JIA", "polyarticular juvenile idiopathic arthritis"])
g.f("use", "psoriatic arthritis", [R, J], ["PsA"])
g.f("use", "ankylosing spondylitis", [R, J], ["AS"])
g.f("use", "Crohn's disease", [R, J], CD)
g.f("use", "plaque psoriasis", [R], ["psoriasis", "Ps"])
g.ok("use", "plaque psoriasis", ["psoriasis", "Ps"], sources=[J])
g.f("use", "uveitis", [R])
g.f("use", "ulcerative colitis", [J], UC)
for t, alt in (("hidradenitis suppurativa", []), ("pyoderma gangrenosum", []),
               ("Behçet's syndrome", ["Behcet's syndrome", "Behcet syndrome", "Behçet syndrome"]),
               ("non-radiographic axial spondyloarthritis", ["axial spondyloarthritis"])):
    g.f("use", t, [R], alt, status="off_label")
g.ok("use", "inflammatory conditions", ["inflammation"], sources=[R])
g.f("route", "subcutaneous", [R, J], ["subcutaneous injection", "under the skin"])
g.dose([R, J], 40, 40, "mg", route="subcutaneous")
g.dose([R, J], 160, 160, "mg", route="subcutaneous", phase="induction")
g.ok("dosage", None, sources=[R], amount={"min": 40, "max": 160, "unit": "mg"})
g.dose([R], 10, 160, "mg", population="pediatric")
g.dose([J], 80, 80, "mg", route="subcutaneous")
g.dose([J], 20, 20, "mg", route="subcutaneous", population="pediatric", indication="juvenile idiopathic arthritis")
# side effects
g.f("side_effect", "headache", [R])
g.f("side_effect", "rash", [R, J], ["skin rash"])
g.f("side_effect", "injection site reactions", [R, J], ["injection site reaction"])
g.f("side_effect", "upper respiratory tract infections", [R], ["upper respiratory infections"])
g.f("side_effect", "infections", [R, J], ["serious infections", "increased susceptibility to infections",
    "infection"], serious=True)
g.f("side_effect", "allergic reactions", [R], ["anaphylaxis"])
g.f("side_effect", "heart failure", [R], ["worsening of existing heart failure"])
g.f("side_effect", "blood disorders", [R])
g.f("side_effect", "liver problems", [R])
g.f("side_effect", "neurological problems", [R])
g.f("side_effect", "tuberculosis", [R, J], ["reactivation of latent tuberculosis", "latent tuberculosis", "TB",
    "active tuberculosis"])
g.f("side_effect", "malignancies", [R, J], ["cancer", "lymphoma", "certain types of cancer", "malignancy"])
g.f("side_effect", "opportunistic infections", [J], ["serious opportunistic infections"])
g.f("side_effect", "pneumonia", [J])
for s in ("clinical flare reaction", "septic arthritis", "prosthetic and post-surgical infections", "erysipelas",
          "cellulitis", "diverticulitis", "pyelonephritis", "erythema", "itching", "hemorrhage", "pain",
          "swelling", "positive PPD conversion", "miliary TB"):
    g.ok("side_effect", s, sources=[J])
g.ok("side_effect", "lymphoma", sources=[R])
g.f("contraindication", "severe infections", [R], ["infections", "active infection"])
g.f("contraindication", "severe heart failure", [R], ["heart failure"])
g.f("contraindication", "hypersensitivity", [R], ["known hypersensitivity to adalimumab"])
g.ok("contraindication", "pregnancy", ["breastfeeding"], sources=[R])
g.f("interaction", "immunosuppressants", [R])
for a in ("methotrexate", "MTX", "DMARDs", "non-biologic DMARDs", "glucocorticoids", "NSAIDs", "analgesics",
          "azathioprine", "6-mercaptopurine", "aminosalicylates", "corticosteroids", "infliximab", "TNF blockers"):
    g.ok("interaction", a, sources=[J])
g.f("mechanism", "TNF-alpha", [R, J], ["tumor necrosis factor-alpha", "TNF", "tumor necrosis factor", "TNF-α",
    "TNF alpha"])
g.ok("mechanism", "lymphotoxin", ["TNF-beta"], sources=[J])
g.ok("mechanism", "TNF receptors", ["p55", "p75"], sources=[J])
g.trap("Crohn's disease", ["range"], "160 mg on day 1, 80 mg on day 15, then 40 mg every other week is one "
       "induction-then-maintenance schedule, and RxHive's 40-160 mg spans it", CD)
g.trap("ulcerative colitis", ["range"], "160/80/40 mg is one schedule (day 1, day 15, day 29 on)", UC)
g.trap("rheumatoid arthritis", ["range"], "40 mg every other week on both; 40 mg every week is the same dose "
       "more often; 160 mg belongs to Crohn's disease and ulcerative colitis induction", RA)
g.trap("juvenile idiopathic arthritis", ["range"], "label 20 or 40 mg by weight sits inside RxHive's 10-160 mg",
       ["JIA"])
g.trap("plaque psoriasis", ["range"], "80 mg initial then 40 mg every other week is one schedule", ["psoriasis"])
g.trap("injection site reactions", ["polarity"], "'20% on HUMIRA compared to 14% on placebo' is an affirmed "
       "frequency", ["injection site reaction"])
g.trap("infections", ["polarity"], "both list infections; a rate against control is an affirmed frequency",
       ["serious infections"])
g.write()
