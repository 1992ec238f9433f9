"""Sum score.py --json reports of several gold files into one table (used by dev/score.sh).

Per kind: expected / found / output / matched over all drugs, micro recall, precision, F1.
Conflicts: gold conflicts found, false alarms (traps flagged), other (unscored) conflicts on
dev pages, and a strict precision that counts every unscored conflict as wrong.
"""
import json
import os
import sys

KINDS = ["use", "route", "dosage", "side_effect", "contraindication", "interaction", "mechanism",
         "pharmacokinetics", "legal_status", "citation"]


def ratio(a, b):
    return a / b if b else None


def fmt(x):
    return "  -  " if x is None else "%.3f" % x


def f1(r, p):
    return 2 * r * p / (r + p) if r and p else (0.0 if r is not None and p is not None else None)


def main():
    json_dir, out_dir = sys.argv[1], sys.argv[2]
    reports = []
    for name in sorted(os.listdir(json_dir)):
        with open(os.path.join(json_dir, name)) as fh:
            reports.append(json.load(fh))
    sums = {k: {"expected": 0, "found": 0, "output": 0, "matched": 0} for k in KINDS}
    for rep in reports:
        for k in KINDS:
            got = rep["kinds"].get(k)
            if got:
                for f in sums[k]:
                    sums[k][f] += got[f]
    print("development set: %d drugs, %d gold files (%s)" % (len(reports), len(reports),
          ", ".join(r["drug"] for r in reports)))
    print("%-18s %8s %6s %7s %7s %9s %7s" % ("kind", "expected", "found", "recall", "output", "precision", "F1"))
    tot = {"expected": 0, "found": 0, "output": 0, "matched": 0}
    for k in KINDS:
        s = sums[k]
        for f in tot:
            tot[f] += s[f]
        r, p = ratio(s["found"], s["expected"]), ratio(s["matched"], s["output"])
        print("%-18s %8d %6d %7s %7d %9s %7s" % (k, s["expected"], s["found"], fmt(r), s["output"], fmt(p), fmt(f1(r, p))))
    r, p = ratio(tot["found"], tot["expected"]), ratio(tot["matched"], tot["output"])
    print("%-18s %8d %6d %7s %7d %9s %7s" % ("TOTAL (micro)", tot["expected"], tot["found"], fmt(r), tot["output"],
                                               fmt(p), fmt(f1(r, p))))
    exp = sum(r["conflicts"]["expected"] for r in reports)
    found = sum(r["conflicts"]["found"] for r in reports)
    matched = sum(r["conflicts"]["matched_outputs"] for r in reports)
    alarms = [a for r in reports for a in r["conflicts"]["false_alarms"]]
    others = [o for r in reports for o in r["conflicts"]["other"]]
    misses = [m for r in reports for m in r["conflicts"]["misses"]]
    in_scope = sum(r["conflicts"]["output_in_scope"] for r in reports)
    print()
    print("conflicts: %d/%d gold conflicts found (recall %s); %d trap alarms; precision %s "
          "(matched / matched + trap alarms); strict precision %s (matched / all %d conflicts on dev pages)"
          % (found, exp, fmt(ratio(found, exp)), len(alarms), fmt(ratio(matched, matched + len(alarms))),
             fmt(ratio(matched, in_scope)), in_scope))
    for m in misses:
        print("  missed       " + m)
    for a in alarms:
        print("  trap alarm   " + a)
    for o in others:
        print("  unscored     " + o)
    violations = sum(r["evidence"]["violations"] for r in reports if r.get("evidence"))
    print("evidence invariant violations: %d" % violations)


if __name__ == "__main__":
    main()
