"""Helpers for writing the development set's gold files by hand (see dev/README.md).

Each dev/tools/gold_<drug>.py states, by hand, what a careful reader finds in the pages;
running it writes dev/gold/<drug>.gold.json. Nothing here reads the tool's output.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Gold:
    def __init__(self, drug, sources):
        self.drug = drug
        self.sources = sources
        self.facts = []
        self.acceptable = []
        self.conflicts = []
        self.not_conflicts = []

    def f(self, kind, term, sources, alt=(), negated=False, **extra):
        fact = {"kind": kind, "term": term, "alt": list(alt), "sources": list(sources)}
        if negated:
            fact["negated"] = True
        fact.update(extra)
        self.facts.append(fact)

    def dose(self, sources, lo, hi, unit, **attrs):
        fact = {"kind": "dosage", "sources": list(sources),
                "amount": {"min": lo, "max": hi, "unit": unit}}
        fact.update(attrs)
        self.facts.append(fact)

    def ok(self, kind, term, alt=(), sources=None, negated=None, amount=None):
        entry = {"kind": kind, "alt": list(alt)}
        if kind == "dosage":
            entry["amount"] = amount
        else:
            entry["term"] = term
        if sources is not None:
            entry["sources"] = list(sources)
        if negated is not None:
            entry["negated"] = negated
        self.acceptable.append(entry)

    def conflict(self, kind, subject, sources, alt=(), note=""):
        self.conflicts.append({"kind": kind, "subject": subject, "alt": list(alt),
                               "sources": list(sources), "note": note})

    def trap(self, subject, kinds, why, alt=()):
        self.not_conflicts.append({"subject": subject, "alt": list(alt),
                                   "kinds": list(kinds), "why": why})

    def write(self):
        path = os.path.join(HERE, "..", "gold", f"{self.drug}.gold.json")
        data = {"drug": self.drug, "sources": self.sources, "facts": self.facts,
                "acceptable": self.acceptable, "conflicts": self.conflicts,
                "not_conflicts": self.not_conflicts}
        with open(path, "w") as out:
            json.dump(data, out, indent=1, ensure_ascii=False)
            out.write("\n")
