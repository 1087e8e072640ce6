"""Bundle values as the portal stores them: translated fields, dates, opening hours, keys."""

import datetime

from core.i18n import language_codes, localized
from resources.models import GuidancePage, NewsPage, OrganisationPage, RoutinePage

from . import schema
from .html import sanitize
from .validation import parse_days

# Pages a ``key:`` link may point to.
KEYED_PAGE_MODELS = (OrganisationPage, RoutinePage, GuidancePage, NewsPage)
CHUNK = 500  # keys or ids per IN (...) query, well below SQLite's variable limit


def chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def same(current, wanted):
    return (current or None) == (wanted or None)


def translated(field, value, html=False):
    """``{field}_{language}`` for every language; missing languages become empty."""
    value = value or {}
    result = {}
    for language in language_codes():
        text = value.get(language) or ""
        result[localized(field, language)] = (sanitize(text) if html else text.strip()) or None
    return result


def date(value, default=None):
    return datetime.date.fromisoformat(value) if value else default


def existing_page_ids(keys):
    """``{key: page id}`` for the pages of the portal that have one of ``keys``."""
    found = {}
    for model in KEYED_PAGE_MODELS:
        for chunk in chunks(keys):
            found.update(model.objects.filter(key__in=chunk).values_list("key", "pk"))
    return found


def html_texts(data):
    """Every HTML text of the bundle (for the keys its links name)."""
    for collection in schema.ITEMS:
        for item in data.get(collection, []):
            texts = [item.get("body"), item.get("description")]
            texts += [step.get("body") for step in item.get("steps", [])]
            for text in texts:
                yield from (text or {}).values()


def opening_hours(rows):
    hours = []
    for row in rows:
        first, last = parse_days(row["days"])
        hours.append(
            {
                "first_day": first,
                "last_day": last,
                "opens": datetime.time.fromisoformat(row["opens"]),
                "closes": datetime.time.fromisoformat(row["closes"]),
            }
        )
    return hours


def outer_first(terms):
    """Taxonomy terms, each region after the one it lies ``within`` (validated: no cycles)."""
    keys = {term["key"] for term in terms}
    placed, ordered, waiting = set(), [], list(terms)
    while waiting:
        ready = [t for t in waiting if t.get("within") not in keys or t["within"] in placed]
        for term in ready:
            placed.add(term["key"])
            ordered.append(term)
        waiting = [t for t in waiting if t["key"] not in placed]
    return ordered
