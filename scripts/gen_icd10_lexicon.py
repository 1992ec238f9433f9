#!/usr/bin/env python3
"""Regenerates lexicons/icd10cm.tsv from the ICD-10-CM tabular list.

Source: the PyPI package simple-icd-10-cm (pinned below), which ships the
CMS/NCHS "ICD-10-CM Tabular List of Diseases and Injuries" XML unchanged.
ICD-10-CM is a work of the US government (NCHS/CDC) and in the public
domain; the package's own code is MIT-licensed and none of it is copied,
only the data file it carries is read.

    python3 scripts/gen_icd10_lexicon.py            # rewrites lexicons/icd10cm.tsv
    python3 scripts/gen_icd10_lexicon.py --check    # exits 1 if the file would change

What it writes: one row per code kept, `canonical<TAB>synonyms…<TAB>icd10cm=CODE`,
where the canonical term is the code's title rewritten into the words a web page
uses (see `surface_forms`) and the synonyms are the code's inclusion terms
rewritten the same way. A surface form that several codes yield goes to one
code only: the code whose own title gives it before a tail was cut, then the
shortest (most general) code. Which chapters and forms are kept is data below
(`CHAPTERS`, `scripts/icd10cm_exclude.txt`), chosen by measurement on real
pages (see README, "Vocabulary").
"""

import argparse
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

PACKAGE = "simple-icd-10-cm"
VERSION = "1.5.0"
WHEEL_SHA256 = "6d461d71dc26aedc530ae65f02cfb578a154e49507c32e8241e75f701d4b7e42"
DATA = "simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "lexicons", "icd10cm.tsv")
EXCLUDE = os.path.join(ROOT, "scripts", "icd10cm_exclude.txt")

# Chapters kept (ICD-10-CM chapter numbers). Left out: 15 pregnancy and 16
# perinatal conditions (their terms name the mother's or the newborn's
# condition: "brain damage" is a birth injury there), 19 injuries and
# poisonings (fractures by bone and side, "initial encounter"), 20 external
# causes (accidents), 21 health-service contacts ("encounter for …"), 22
# special purposes. Injuries a drug page names as effects or uses (burns,
# anaphylaxis, angioedema) are in the hand-curated lexicons.
CHAPTERS = {str(n) for n in range(1, 19)} - {"15", "16"}

# Chapter 18: symptoms, signs and abnormal findings (R00-R99).
SYMPTOMS = "18"

# Longest form kept, in words: pages name conditions in a few words, and a
# title longer than this ("… with involvement of other specified sites") is
# never written on one.
MAX_WORDS = 6

# Tails cut off a title to get the form a page uses; the cut form is a
# weaker claim on the words than a title that is the form itself.
# A tail naming a subtype ("… with polymyalgia rheumatica"): the head is
# the broader concept, coded one level up. A tail naming a cause ("due
# to", "following") is not cut: the code is about that cause ("Cognitive
# deficits following subarachnoid hemorrhage").
TAILS = re.compile(r"\s+(?:and other|with|without)\s.*$")
# A qualifier listed after a comma ("Anemia, unspecified") and one inside
# the title ("Unspecified lump in unspecified breast").
LISTED_QUALIFIERS = re.compile(
    r",\s*(?:unspecified(?: site| type| part)?|not otherwise specified|nos|nec|"
    r"initial encounter|subsequent encounter|sequela)\b"
)
INLINE_QUALIFIERS = re.compile(r"\b(?:unspecified|nos|nec)\b")
DROP = re.compile(r"\b(?:other|classified elsewhere|specified|unspecified|elsewhere)\b|[;:]")


def fetch_xml():
    """The tabular XML from the pinned wheel, downloaded with pip."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             f"{PACKAGE}=={VERSION}", "-d", tmp],
            check=True,
        )
        (wheel,) = [f for f in os.listdir(tmp) if f.endswith(".whl")]
        blob = open(os.path.join(tmp, wheel), "rb").read()
    digest = hashlib.sha256(blob).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {digest}, expected 6d461d71dc26aedc530ae65f02cfb578a154e49507c32e8241e75f701d4b7e42")
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return z.read(DATA)


def codes(root):
    """(chapter, code, title, inclusion terms) of every diag element."""
    for chapter in root.iter("chapter"):
        name = chapter.findtext("name").strip()
        for diag in chapter.iter("diag"):
            code = diag.findtext("name").strip()
            title = diag.findtext("desc").strip()
            # Inclusion terms name the code's concept in other words; an
            # `includes` note of a code (not of a chapter or block) does too
            # ("high blood pressure" under I10).
            terms = [
                n.text.strip()
                for tag in ("inclusionTerm", "includes")
                for inc in diag.findall(tag)
                for n in inc.findall("note")
                if n.text
            ]
            yield name, code, title, terms


def clean(text):
    """Lowercase, no brackets (eponyms, glosses), no "unspecified"/"NOS"."""
    s = text.replace("\u2019", "'")
    s = re.sub(r"\[[^\]]*\]", " ", s)
    s = re.sub(r"\([^)]*\)", " ", s)
    s = s.lower()
    s = LISTED_QUALIFIERS.sub(",", s)
    # "Neoplasms of unspecified behavior": without the word the rest is
    # not a name.
    if re.search(r"\b(?:of|in|on|to|with|and|or)\s+(?:unspecified|nos|nec)\b", s):
        return ""
    s = INLINE_QUALIFIERS.sub(" ", s)
    s = s.replace("'", " ").replace('"', " ") if re.search(r"(^|\s)'|'(\s|$)", s) else s
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\s*,(\s*,)*", ",", s).strip(" ,-")
    s = s.replace(",", ", ")
    return s


# How a form was derived, best first: the text itself, its head before a
# comma or one of a pair (same code), its head before a subtype tail
# (parent code).
EXACT, HEAD, SUBTYPE = 0, 1, 2


def surface_forms(text, chapter, is_term):
    """(form, how) pairs a title or inclusion term yields: the cleaned text,
    and for a title its head before a comma ("Chronic pain, not elsewhere
    classified") or before a subtype tail ("… with polymyalgia
    rheumatica"). A cut form keeps two words at least: one word cut out of
    a title ("individual" of "Individual with autosomal fragile site") is
    rarely the concept."""
    s = clean(text)
    out = []
    if s and "," not in s:
        out.append((s, EXACT))
    if is_term:
        return [(f, c) for f, c in out if keep(f)]
    head = s.split(",")[0].strip()
    cut = TAILS.sub("", head).strip()
    if head != s and len(head.split()) >= 2:
        out.append((head, HEAD))
    if cut != head and len(cut.split()) >= 2:
        out.append((cut, SUBTYPE))
    # "Dizziness and giddiness": a one-word symptom named with its twin.
    pair = re.fullmatch(r"([a-z]+) and [a-z]+", cut)
    if pair and chapter == SYMPTOMS:
        out.append((pair.group(1), HEAD))
    return [(f, c) for f, c in out if keep(f)]


def keep(form):
    words = form.split()
    return (
        1 <= len(words) <= MAX_WORDS
        and len(form) >= 4
        and re.search(r"[a-z]", form)
        and not DROP.search(form)
        and not form.endswith((" and", " or", " of", " with", " to"))
    )


def parent(code):
    """The code one level up: D59.31 → D59.3, M31.5 → M31, I10 → I10."""
    if "." not in code:
        return code
    return code[:-1].rstrip(".")


def load_exclude():
    out = set()
    for line in open(EXCLUDE, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line.lower())
    return out


def build(xml):
    root = ET.fromstring(xml)
    exclude = load_exclude()
    best = {}  # form -> (rank, code)
    titles = {}
    for chapter, code, title, terms in codes(root):
        if chapter not in CHAPTERS:
            continue
        titles[code] = title
        # A bracket of two words or more is another name ("Acute
        # nasopharyngitis [common cold]"); one word is an eponym
        # ("[Marchiafava-Micheli]"), dropped.
        brackets = [b for t in [title] + terms for b in re.findall(r"\[([^\]]+)\]", t) if len(b.split()) >= 2]
        for text, is_term in [(title, False)] + [(t, True) for t in terms + brackets]:
            for form, cut in surface_forms(text, chapter, is_term):
                if form in exclude:
                    continue
                # A title that is the form beats an inclusion term that is,
                # which beats a cut; then the more general code.
                rank = (cut, is_term, len(code), code)
                if form not in best or rank < best[form][0]:
                    best[form] = (rank, code)
    # One row per code whose title gives a form, holding its inclusion
    # terms; a code whose title gives none ("Other disorders of lung")
    # is a list of narrower concepts, so each of its terms is a row of
    # its own, with the code. A form cut out of a title ("giant cell
    # arteritis" of "Giant cell arteritis with polymyalgia rheumatica") is
    # broader than the code: a row of its own, with the parent code.
    titled = {code for form, ((how, is_term, *_), code) in best.items() if not is_term and how == EXACT}
    groups = {}
    for form, (rank, code) in best.items():
        if rank[0] == SUBTYPE:
            key = (parent(code), form)
        elif rank[0] == HEAD:
            key = (code, form)
        else:
            key = (code, None) if code in titled else (code, form)
        groups.setdefault(key, []).append((rank, form))
    rows = []
    for (code, _), forms in groups.items():
        forms.sort()
        canonical = forms[0][1]
        synonyms = sorted(f for _, f in forms[1:])
        rows.append((canonical, synonyms, code))
    rows.sort(key=lambda r: r[0].encode())
    header = [
        "# icd10cm.tsv — conditions and symptoms of ICD-10-CM (public domain, US NCHS/CDC),",
        f"# generated by scripts/gen_icd10_lexicon.py from {PACKAGE} {VERSION} ({DATA.rsplit('/', 1)[1]}).",
        "# Do not edit: change the script or scripts/icd10cm_exclude.txt and rerun it.",
        "# canonical (the code's title as a page writes it) <TAB> inclusion terms <TAB> icd10cm=CODE.",
    ]
    lines = header + ["\t".join([c] + s + [f"icd10cm={code}"]) for c, s, code in rows]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the committed file differs")
    ap.add_argument("--xml", help="read this tabular XML instead of downloading the pinned wheel")
    args = ap.parse_args()
    xml = open(args.xml, "rb").read() if args.xml else fetch_xml()
    text = build(xml)
    if args.check:
        same = os.path.exists(OUT) and open(OUT, encoding="utf-8").read() == text
        print("lexicons/icd10cm.tsv is up to date" if same else "lexicons/icd10cm.tsv would change")
        sys.exit(0 if same else 1)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}: {text.count(chr(10)) - 4} rows")


if __name__ == "__main__":
    main()
