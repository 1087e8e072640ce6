#!/usr/bin/env python3
"""Validate the multilingual anti-trafficking thesaurus (concepts.tsv).

Checks:
  * the header line (after any leading '#' comment lines) is exactly
    concept, domain, sv, en, it, el, lv, abbr (tab-separated);
  * every row has exactly 8 tab-separated columns;
  * concept ids are unique and look like lower-case-hyphenated ids;
  * domain is one of the known domains;
  * sv and en cells are non-empty;
  * no stray whitespace: no leading/trailing spaces in cells, no double
    spaces, no tabs or newlines inside terms, terms separated by exactly
    ' | ', no empty terms;
  * no term appears twice within one cell, and no term (compared
    case-insensitively) occurs in two different concepts of the same
    language column (abbr is checked as its own column).

Prints counts per domain and per language, and exits non-zero on errors.

Usage: python3 check_thesaurus.py [path/to/concepts.tsv]
"""

import os
import re
import sys
import unicodedata
from collections import Counter

HEADER = ["concept", "domain", "sv", "en", "it", "el", "lv", "abbr"]
LANGS = ["sv", "en", "it", "el", "lv"]
TERM_COLS = LANGS + ["abbr"]
DOMAINS = [
    "trafficking",
    "victims",
    "social",
    "migration",
    "criminal",
    "health",
    "housing",
    "labour",
    "return",
    "cooperation",
    "procedure",
]
SEP = " | "
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def split_terms(cell):
    return cell.split(SEP) if cell else []


def main(argv):
    path = (
        argv[1]
        if len(argv) > 1
        else os.path.join(os.path.dirname(os.path.abspath(__file__)), "concepts.tsv")
    )
    errors = []

    def err(lineno, msg):
        errors.append(f"line {lineno}: {msg}")

    with open(path, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    if raw.startswith("\ufeff"):
        errors.append("file starts with a BOM")
        raw = raw[1:]
    if "\r" in raw:
        errors.append("file contains carriage returns (use LF line endings)")
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()

    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    if i >= len(lines):
        print("ERROR: no header line", file=sys.stderr)
        return 1
    if lines[i].split("\t") != HEADER:
        err(i + 1, "header must be {!r}, got {!r}".format("\t".join(HEADER), lines[i]))
    body_start = i + 1

    ids = {}
    seen = {col: {} for col in TERM_COLS}  # col -> folded term -> concept id
    per_domain = Counter()
    per_lang = Counter()
    terms_per_lang = Counter()
    complete = 0
    complete_by_domain = Counter()
    rows = 0

    for n in range(body_start, len(lines)):
        lineno = n + 1
        line = lines[n]
        if not line.strip():
            err(lineno, "blank line")
            continue
        if line.startswith("#"):
            err(lineno, "comment lines are only allowed before the header")
            continue
        cols = line.split("\t")
        if len(cols) != len(HEADER):
            err(lineno, f"expected {len(HEADER)} columns, got {len(cols)}")
            continue
        rows += 1
        row = dict(zip(HEADER, cols, strict=False))
        cid = row["concept"]
        for name, cell in row.items():
            if cell != cell.strip():
                err(lineno, f"{name}: leading/trailing whitespace in {cell!r}")
            if "  " in cell:
                err(lineno, f"{name}: double space in {cell!r}")
            if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in cell):
                err(lineno, f"{name}: control character in {cell!r}")
            if "\u00a0" in cell:
                err(lineno, f"{name}: non-breaking space in {cell!r}")
        if not ID_RE.match(cid):
            err(lineno, f"bad concept id {cid!r} (lower-case, digits, hyphens)")
        if cid in ids:
            err(lineno, f"duplicate concept id {cid!r} (first on line {ids[cid]})")
        else:
            ids[cid] = lineno
        if row["domain"] not in DOMAINS:
            err(lineno, "unknown domain {!r}".format(row["domain"]))
        for col in ("sv", "en"):
            if not row[col]:
                err(lineno, f"{cid}: {col} is empty")
        for col in TERM_COLS:
            cell = row[col]
            if not cell:
                continue
            # separators must be exactly ' | '
            if re.search(r"\s\|(?! )|(?<! )\|\s|(?<!\s)\|(?!\s)", cell):
                err(lineno, f"{cid}/{col}: separator must be ' | ' in {cell!r}")
            terms = split_terms(cell)
            local = set()
            for t in terms:
                if not t or t != t.strip():
                    err(lineno, f"{cid}/{col}: empty or padded term in {cell!r}")
                    continue
                if "|" in t:
                    err(lineno, f"{cid}/{col}: malformed separator in {t!r}")
                key = unicodedata.normalize("NFC", t).casefold()
                if key in local:
                    err(lineno, f"{cid}/{col}: term {t!r} repeated in the cell")
                local.add(key)
                other = seen[col].get(key)
                if other and other != cid:
                    err(lineno, f"{cid}/{col}: term {t!r} also in concept {other!r}")
                else:
                    seen[col][key] = cid
                if col in LANGS:
                    terms_per_lang[col] += 1
        per_domain[row["domain"]] += 1
        filled = [code for code in LANGS if row[code]]
        for code in filled:
            per_lang[code] += 1
        if len(filled) == len(LANGS):
            complete += 1
            complete_by_domain[row["domain"]] += 1

    print(f"file: {path}")
    print(f"concepts: {rows}")
    print(f"all five languages filled: {complete} ({100.0 * complete / max(rows, 1):.1f}%)")
    print()
    print(f"{'domain':<12} {'concepts':>8} {'all-5-lang':>10}")
    for d in DOMAINS:
        print(f"{d:<12} {per_domain[d]:>8} {complete_by_domain[d]:>10}")
    print()
    print(f"{'lang':<6} {'concepts':>8} {'terms':>7}")
    for code in LANGS:
        print(f"{code:<6} {per_lang[code]:>8} {terms_per_lang[code]:>7}")
    abbr_concepts, abbr_terms = len(set(seen["abbr"].values())), len(seen["abbr"])
    print(f"{'abbr':<6} {abbr_concepts:>8} {abbr_terms:>7}")
    print()
    if errors:
        for e in errors:
            print("ERROR " + e, file=sys.stderr)
        print(f"FAILED: {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
