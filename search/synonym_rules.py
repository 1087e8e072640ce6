"""What an editor's synonym entry may hold, checked in the admin form and again at search time.

A term is words of letters and digits joined by single spaces, hyphens or
apostrophes: nothing an engine's synonym or query syntax would read as an
operator (``=>``, ``,``, ``|``, quotes, brackets, wildcards).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_TERMS = 20
MAX_TERM_LENGTH = 50
SEPARATORS = re.compile(r"[,\n]")
TERM = re.compile(r"[^\W_]+(?:[ \-'’][^\W_]+)*")


def language_choices():
    """Every language, and the empty choice for a rule that holds in all of them."""
    return [("", gettext_lazy("All languages")), *settings.LANGUAGES]


def split_terms(text: str) -> list[str]:
    """The terms of a comma- or line-separated list, spaces tidied, empty items dropped."""
    return [" ".join(item.split()) for item in SEPARATORS.split(text or "") if item.strip()]


def term_problem(term: str) -> str | None:
    """Why ``term`` cannot be a synonym, or None."""
    if len(term) > MAX_TERM_LENGTH:
        return _("“%(term)s” is longer than %(max)s characters.") % {
            "term": term[:MAX_TERM_LENGTH] + "…",
            "max": MAX_TERM_LENGTH,
        }
    if not TERM.fullmatch(term):
        odd = "".join(dict.fromkeys(c for c in term if not (c.isalnum() or c in " -'’")))
        return _(
            "“%(term)s” contains characters a term cannot have (%(characters)s): use letters "
            "and digits, with spaces, hyphens or apostrophes between words."
        ) % {"term": term, "characters": odd or _("a separator at the start or end")}
    return None


def problems(one_way: bool, term: str, terms_text: str) -> dict[str, list[str]]:
    """``{field: [messages]}`` for an entry; empty when it is sound."""
    found: dict[str, list[str]] = {}
    terms = split_terms(terms_text)
    term = " ".join((term or "").split())
    if not one_way and term:
        found["term"] = [_("Equivalent terms have no separate term: list them all under Terms.")]
    if one_way:
        if not term:
            found["term"] = [_("A one-way rule needs the term a visitor types.")]
        elif problem := term_problem(term):
            found["term"] = [problem]
    if not terms:
        found.setdefault("terms", []).append(_("Enter at least one term."))
    elif not one_way and len(terms) < 2:
        found.setdefault("terms", []).append(_("Equivalent terms need at least two terms."))
    if len(terms) > MAX_TERMS:
        found.setdefault("terms", []).append(
            _("At most %(max)s terms in one entry; this one has %(count)s.")
            % {"max": MAX_TERMS, "count": len(terms)}
        )
    for item in terms:
        if problem := term_problem(item):
            found.setdefault("terms", []).append(problem)
    keys = [item.casefold() for item in terms]
    if len(set(keys)) != len(keys):
        found.setdefault("terms", []).append(_("A term is repeated."))
    if one_way and term and term.casefold() in keys:
        found.setdefault("terms", []).append(_("The term cannot also search itself."))
    return found


def validate(one_way: bool, term: str, terms_text: str) -> None:
    found = problems(one_way, term, terms_text)
    if found:
        raise ValidationError(found)
