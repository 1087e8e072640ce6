"""The field's thesaurus: concepts with their terms in every language.

``search/analysis/thesaurus/concepts.tsv`` holds one concept a row: an id, a
domain, the terms of each configured language (`` | ``-separated, the
preferred term first) and the abbreviations. The engine's synonym filters and
the database search's query expansion are both built from it, so that a
word a professional uses finds its equivalents in the same language and in
the source language, whichever the visitor reads.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.i18n import fallback_languages, language_codes

THESAURUS = Path(__file__).resolve().parent / "analysis" / "thesaurus" / "concepts.tsv"
SEPARATOR = " | "
ABBREVIATIONS = "abbr"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Concept:
    id: str
    domain: str
    terms: dict[str, tuple[str, ...]]
    abbreviations: tuple[str, ...]

    def all_terms(self, language: str) -> tuple[str, ...]:
        """The concept's terms in ``language`` and its abbreviations."""
        return (*self.terms.get(language, ()), *self.abbreviations)


def header() -> list[str]:
    return ["concept", "domain", *language_codes(), ABBREVIATIONS]


def _rows(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        yield number, line.split("\t")


def _terms(cell: str) -> tuple[str, ...]:
    return tuple(cell.split(SEPARATOR)) if cell else ()


@cache
def concepts(path: Path = THESAURUS) -> tuple[Concept, ...]:
    """Every concept of the thesaurus, in file order (checked by :func:`problems`)."""
    rows = _rows(path)
    _number, columns = next(rows)
    result = []
    for _number, cells in rows:
        row = dict(zip(columns, cells, strict=True))
        result.append(
            Concept(
                id=row["concept"],
                domain=row["domain"],
                terms={code: _terms(row.get(code, "")) for code in language_codes()},
                abbreviations=_terms(row[ABBREVIATIONS]),
            )
        )
    return tuple(result)


def _key(term: str) -> str:
    return unicodedata.normalize("NFC", term).casefold()


def problems(path: Path = THESAURUS) -> list[str]:
    """What is wrong with the file: its shape, ids, required terms and ambiguous terms."""
    found = []
    rows = _rows(path)
    number, columns = next(rows, (0, []))
    if columns != header():
        return [f"line {number}: the header must be {' '.join(header())}"]
    ids, owners = {}, {}
    for number, cells in rows:
        if len(cells) != len(columns):
            found.append(f"line {number}: {len(cells)} columns, not {len(columns)}")
            continue
        row = dict(zip(columns, cells, strict=True))
        concept = row["concept"]
        if not ID_PATTERN.match(concept):
            found.append(f"line {number}: bad concept id {concept!r}")
        if concept in ids:
            found.append(f"line {number}: {concept} repeats line {ids[concept]}")
        ids.setdefault(concept, number)
        # Text that readers fall back to must be findable in every language.
        for language in fallback_languages():
            if not row[language]:
                found.append(f"line {number}: {concept} has no {language} term")
        for column in (*language_codes(), ABBREVIATIONS):
            for term in _terms(row[column]):
                if not term or term != " ".join(term.split()) or "|" in term:
                    found.append(f"line {number}: {concept}/{column}: malformed {term!r}")
                    continue
                owner = owners.setdefault((column, _key(term)), concept)
                if owner != concept:
                    found.append(f"line {number}: {column} {term!r} is in {owner} and {concept}")
    return found
