"""Promoted results (best bets): the pages editors attach to a query, shown first.

Editors manage them with Wagtail's own ``wagtail.contrib.search_promotions``
(Settings → Promoted search results). A visitor's query matches a promoted
query after the normalisation the search applies (:func:`search.querytext.normalise`:
case, accents, white space), whatever language it is typed in; the page is
shown in the visitor's language where it has one, else in its fallback, as
any result is, and only to visitors who may see it. Promotions come on the
first page of an answer without facet filters, before the search's own
results and marked ``"promoted": true``; the search's own entry for a
promoted page is left out there. ``total`` stays the count of the search's
own matches.
"""

import html
from collections import defaultdict
from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from core.access import visible_pages

from . import database, tuning
from .querytext import normalise
from .registry import searchable_models

EXTERNAL = "link"


@dataclass(frozen=True)
class Promotion:
    page_id: int | None
    url: str
    text: str
    description: str


def _index() -> dict[str, tuple[Promotion, ...]]:
    """``{normalised query: promotions in the editors' order}``."""
    found: dict[str, list[tuple]] = defaultdict(list)
    rows = SearchPromotion.objects.select_related("query").order_by("sort_order", "pk")
    for row in rows:
        promotion = Promotion(
            row.page_id, row.external_link_url, row.external_link_text or "", row.description
        )
        found[normalise(row.query.query_string)].append(promotion)
    return {query: tuple(dict.fromkeys(items)) for query, items in found.items()}


def for_query(q: str, lang: str, user) -> list[dict]:
    """The promoted results for ``q`` that ``user`` may see, as answer entries."""
    promotions = tuning.cached("promotions", _index).get(normalise(q), ())
    if not promotions:
        return []
    ids = [p.page_id for p in promotions if p.page_id]
    models = tuple(searchable_models())
    pages = {
        page.pk: page
        for page in visible_pages(Page.objects.filter(pk__in=ids), user).specific()
        if isinstance(page, models)
    }
    results = []
    for promotion in promotions:
        if promotion.page_id:
            page = pages.get(promotion.page_id)
            if page is None:
                continue
            entry = database.result(page, lang, q)
        else:
            entry = {
                "key": None,
                "type": EXTERNAL,
                "title": promotion.text,
                "url": promotion.url,
                "lang": lang,
                "snippet": "",
            }
        if promotion.description:
            entry["snippet"] = html.escape(promotion.description)
        results.append({**entry, "promoted": True})
    return results


def apply(params, user, answer: dict) -> dict:
    """``answer`` with the promoted results first, every result marked promoted or not."""
    own = [{**result, "promoted": False} for result in answer.get("results", [])]
    if not params.q or params.page != 1 or params.filters:
        return {**answer, "results": own}
    promoted = for_query(params.q, params.lang, user)
    shown = {result["url"] for result in promoted}
    return {**answer, "results": promoted + [r for r in own if r["url"] not in shown]}
