"""A visitor's query as editors and statistics see it: normalised, and checked for personal data.

Promotions, synonyms and the search statistics all compare queries after
the normalisation the search itself applies to text (:func:`search.textanalysis.fold`:
case and accents, so "Människohandel" and "manniskohandel" are one query)
with runs of white space made one space.
"""

import re

from .textanalysis import fold

MAX_LENGTH = 255

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# Digits with the separators people type in numbers: "070-123 45 67",
# "+46 (0)8 123 456", "19800101-1234".
DIGIT_RUN = re.compile(r"\+?\d[\d\s\-/().]*\d")
# A Swedish personal identity or coordination number has 10 or 12 digits,
# a phone number 7 or more: any run that long is treated as personal.
PERSONAL_DIGITS = 7


def normalise(text: str) -> str:
    """``text`` folded (case, accents) with single spaces, cut to :data:`MAX_LENGTH`."""
    return " ".join(fold(text).split())[:MAX_LENGTH].strip()


def looks_personal(text: str) -> bool:
    """True when ``text`` holds what looks like an e-mail address, identity or phone number."""
    if EMAIL.search(text):
        return True
    return any(sum(c.isdigit() for c in run) >= PERSONAL_DIGITS for run in DIGIT_RUN.findall(text))
