#!/usr/bin/env python3
"""Score an extract run over a generated corpus against its planted facts.

    python3 ../shared/bench/gen_corpus.py /tmp/ref20k --docs 20000   # writes /tmp/ref20k.truth.jsonl
    monograph extract /tmp/ref20k --out /tmp/r20 --jobs 2 -q
    python3 dev/truth_score.py /tmp/ref20k.truth.jsonl /tmp/r20

Prints, per kind, recall and precision of affirmed claims against the facts the
generator planted (uses, routes, side effects, contraindications, interactions),
the share of documents whose drug is identified correctly, and the most frequent
misses and extras. Planted names are mapped to the tool's canonical terms through
the lexicons (lexicons/*.tsv), so a synonym is not counted as a miss. The
generator plants distractor sentences too, so precision here measures how often
the tool mistakes them (or its own over-reach) for facts; granularity differences
("severe asthma" planted, `asthma` extracted) count against both figures.
"""
import collections
import json
import os
import sys

FIELDS = {"uses": "use", "routes": "route", "side_effects": "side_effect",
          "contraindications": "contraindication", "interactions": "interaction"}
VALUE_KEY = {"use": "condition", "route": "route", "side_effect": "term",
             "contraindication": "condition", "interaction": "agent"}
TABLES = {"use": ["conditions", "icd10cm"], "route": ["routes"],
          "side_effect": ["side_effects", "conditions", "icd10cm"],
          "contraindication": ["conditions", "icd10cm"], "interaction": ["drugs"]}


def canonical_forms(lexicons):
    forms = {}
    for table in {t for ts in TABLES.values() for t in ts}:
        with open(os.path.join(lexicons, table + ".tsv"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cells = [c for c in line.rstrip("\n").split("\t") if "=" not in c]
                for c in cells:
                    forms.setdefault((table, c.lower()), cells[0].lower())
    return forms


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    truth_path, out = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    forms = canonical_forms(os.path.join(here, "..", "lexicons"))

    def norm(kind, name):
        for table in TABLES[kind]:
            if (table, name) in forms:
                return forms[(table, name)]
        return name

    truth = {}
    with open(truth_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            truth[d["doc"]] = d
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        doc_of = {i["id"]: os.path.basename(i["path"]) for i in json.load(f)["inputs"]}
    got = collections.defaultdict(lambda: collections.defaultdict(set))
    with open(os.path.join(out, "claims.jsonl"), encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            key = VALUE_KEY.get(c["kind"])
            if key and not c["negated"]:
                got[doc_of[c["evidence"]["source"]]][c["kind"]].add(c["value"][key].lower())
    right_drug = 0
    for name in os.listdir(os.path.join(out, "sources")):
        with open(os.path.join(out, "sources", name), encoding="utf-8") as f:
            s = json.load(f)
        t = truth.get(os.path.basename(s["path"]))
        right_drug += bool(t) and s["drug"]["name"] == t["drug"].lower()
    tp, fn, fp = collections.Counter(), collections.Counter(), collections.Counter()
    missed, extra = collections.defaultdict(collections.Counter), collections.defaultdict(collections.Counter)
    for doc, t in truth.items():
        for field, kind in FIELDS.items():
            want = set()
            for x in t.get(field, []):
                if isinstance(x, dict):
                    if x.get("negated"):
                        continue
                    x = x.get("name") or x.get("drug") or ""
                want.add(norm(kind, x.lower()))
            have = got[doc][kind]
            for w in want:
                if w in have:
                    tp[kind] += 1
                else:
                    fn[kind] += 1
                    missed[kind][w] += 1
            for h in have - want:
                fp[kind] += 1
                extra[kind][h] += 1
    print(f"documents: {len(truth)}; drug identified correctly: {right_drug} ({right_drug / max(len(truth), 1):.3f})")
    print(f"{'kind':18} {'recall':>7} {'precision':>9}  most missed / most extra")
    for kind in FIELDS.values():
        r = tp[kind] / max(tp[kind] + fn[kind], 1)
        p = tp[kind] / max(tp[kind] + fp[kind], 1)
        top = lambda c: ", ".join(f"{k} {n}" for k, n in c.most_common(3))
        print(f"{kind:18} {r:7.3f} {p:9.3f}  {top(missed[kind])} / {top(extra[kind])}")


if __name__ == "__main__":
    main()
