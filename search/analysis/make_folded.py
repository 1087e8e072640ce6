#!/usr/bin/env python3
"""Regenerate sv-compounds-folded.txt from sv-compounds.txt.

Same entries in the same order with å->a, ä->a, ö->o (the folded sub-field
runs the decompounder after asciifolding). A folded entry that already
occurs earlier is dropped, and so are the folded forms in SKIP: after
folding they turn into other common words and would split unrelated tokens
(vård->vard: utvärdering, värd; köp->kop: kopia, koppling; lön->lon: salong;
kök->kok: kokain; våld->vald: väldigt, vald; stöd->stod: förstod, återstod;
förvar->forvar: förvärv; ålder->alder: skalder; miljö->miljo: miljon;
fält->falt: asfalt; rätts->ratts: skratts; sömn->somn: somna).
Run from this folder:  python3 make_folded.py
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
SKIP = {
    "vard",
    "kop",
    "kopt",
    "lon",
    "kok",
    "vald",
    "stod",
    "forvar",
    "alder",
    "miljo",
    "falt",
    "ratts",
    "somn",
}

HEADER = """\
# GENERATED from sv-compounds.txt by make_folded.py - do not edit by hand.
# Same entries, same order, folded å->a, ä->a, ö->o, for the folded sub-field
# (its decompounder runs after asciifolding). Folded forms that would split
# common unrelated words are left out (see SKIP in make_folded.py).
"""


def main() -> None:
    out, seen = [HEADER], set()
    started = False
    for line in (HERE / "sv-compounds.txt").read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            if started:  # keep the section comments, not the long file header
                out.append(line + "\n")
            continue
        started = True
        folded = word.translate(FOLD)
        if folded in seen or folded in SKIP:
            continue
        seen.add(folded)
        out.append(folded + "\n")
    (HERE / "sv-compounds-folded.txt").write_text("".join(out), encoding="utf-8")
    print(f"sv-compounds-folded.txt: {len(seen)} entries")


if __name__ == "__main__":
    main()
