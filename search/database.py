"""The database fallback: the same contract answered with Wagtail's database search.

Used when no engine is configured or the engine fails. Scores come from the
database backend; filters, facet counts and permissions are applied to the
matching pages here, with the same rules as the engine query.
"""

import html
import re
import unicodedata
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django.utils import translation

from core.access import visible_pages
from core.i18n import has_translations, localized, translated
from core.searchable import plain, squeeze

from .params import FACETS, MAX_RESULT_WINDOW, SearchParams
from .registry import searchable_models

# Matches counted per type: the engine's result window. Only pks, scores, titles
# and facet keys are read for them; pages are loaded for the results shown.
MAX_HITS_PER_TYPE = MAX_RESULT_WINDOW
SNIPPET_SIZE = 180
TAXONOMY = (("theme", "themes"), ("region", "regions"), ("audience", "audiences"))


def _fold(text):
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def _terms(q):
    return [term for term in re.findall(r"\w+", _fold(q)) if len(term) > 1]


def _scored(model, q, visible):
    """``{pk: score}`` of the pages in ``visible`` (pages of ``model``) matching ``q``.

    The permission filter comes first: a cap applied before it would let
    restricted matches crowd out public ones and skew totals and facets.
    """
    if not q:
        return dict.fromkeys(visible.values_list("pk", flat=True)[:MAX_HITS_PER_TYPE], 0.0)
    # Words only: the SQLite backend quotes the text for FTS5 without escaping
    # it, so a '"' in the query would be a syntax error (a 500).
    words = " ".join(re.findall(r"\w+", q))
    scores = {}
    if words:
        # The search backend takes only indexed fields as filters, but a page
        # model's own pk (page_ptr) passes, and the subquery runs in the database.
        results = (
            model.objects.filter(pk__in=visible.values("pk"))
            .only("pk")
            .search(words, operator="or")
            .annotate_score("_score")[:MAX_HITS_PER_TYPE]
        )
        scores = {page.pk: float(page._score or 0) for page in results}
    # The database backend does not stem or fold: also take title/summary substrings.
    for term in _terms(q):
        lookup = Q(title__icontains=term)
        if has_translations(model, "summary"):
            lookup |= Q(summary__icontains=term)
        for pk in visible.filter(lookup).values_list("pk", flat=True)[:MAX_HITS_PER_TYPE]:
            scores[pk] = scores.get(pk, 0.0) + 0.5
    return scores


def _facet_keys(model, pks):
    """``{pk: {facet: set of keys}}`` for ``pks``, one query per taxonomy, no page loaded."""
    facets = {
        pk: {"type": {model.search_type}, "theme": set(), "region": set(), "audience": set()}
        for pk in pks
    }
    for name, relation in TAXONOMY:
        if hasattr(model, relation):
            rows = model.objects.filter(pk__in=pks, **{f"{relation}__isnull": False})
            for pk, key in rows.values_list("pk", f"{relation}__key"):
                facets[pk][name].add(key)
    return facets


def _titles(model, pks, lang):
    """``{pk: title}`` in ``lang``, the source's where it has none: the order among equal scores."""
    columns = (localized("title", lang), localized("title"))
    rows = model.objects.filter(pk__in=pks).values_list("pk", *columns)
    return {pk: next((title for title in titles if title), "") for pk, *titles in rows}


def _snippet(text, q):
    folded = _fold(text)
    terms = _terms(q)
    positions = [folded.find(term) for term in terms if folded.find(term) >= 0]
    start = max(0, min(positions) - 40) if positions else 0
    window = text[start : start + SNIPPET_SIZE]
    escaped = html.escape(window)
    for term in sorted(set(terms), key=len, reverse=True):
        escaped = _mark(escaped, term)
    return escaped


def _mark(escaped, term):
    folded = _fold(escaped)
    if len(folded) != len(escaped):
        return escaped
    out, index = [], 0
    for match in re.finditer(re.escape(term), folded):
        if "<mark>" in escaped[max(0, match.start() - 6) : match.start()]:
            continue
        out.append(escaped[index : match.start()])
        out.append(f"<mark>{escaped[match.start() : match.end()]}</mark>")
        index = match.end()
    out.append(escaped[index:])
    return "".join(out)


def search(params: SearchParams, user: AbstractBaseUser | AnonymousUser) -> dict[str, Any]:
    """The search API's answer from the database."""
    candidates = []
    with translation.override(params.lang):
        for model in searchable_models():
            scores = _scored(model, params.q, visible_pages(model.objects.all(), user))
            if not scores:
                continue
            facets = _facet_keys(model, list(scores))
            titles = _titles(model, list(scores), params.lang)
            for pk, score in scores.items():
                candidates.append((score, titles.get(pk, ""), pk, model, facets[pk]))

    def matches(facets, skip=None):
        return all(
            facets[name] & set(values) for name, values in params.filters.items() if name != skip
        )

    counts = {name: {} for name in FACETS}
    for *_rest, facets in candidates:
        for name in FACETS:
            if matches(facets, skip=name):
                for value in facets[name]:
                    counts[name][value] = counts[name].get(value, 0) + 1
    hits = sorted((c for c in candidates if matches(c[4])), key=lambda c: (-c[0], c[1], c[2]))
    page_hits = hits[params.offset : params.offset + params.page_size]
    shown = {}
    for model in {hit[3] for hit in page_hits}:
        pks = [hit[2] for hit in page_hits if hit[3] is model]
        shown.update((page.pk, page) for page in model.objects.filter(pk__in=pks))
    results = []
    with translation.override(params.lang):
        for hit in page_hits:
            page = shown[hit[2]]
            title, language = translated(page, "title", params.lang)
            text = ""
            if has_translations(page, "summary"):
                text = squeeze(translated(page, "summary", params.lang)[0])
            if not text:
                field = "description" if has_translations(page, "description") else "body"
                if has_translations(page, field):
                    text = plain(translated(page, field, params.lang)[0])
            results.append(
                {
                    "key": page.key,
                    "type": page.search_type,
                    "title": title,
                    "url": page.get_url(),
                    "lang": language,
                    "snippet": _snippet(text, params.q),
                }
            )
    return {"total": len(hits), "results": results, "facets": counts, "suggestion": None}


def autocomplete(
    q: str, lang: str, user: AbstractBaseUser | AnonymousUser, size: int = 8
) -> list[dict[str, str]]:
    results = []
    folded_terms = _terms(q)
    if not folded_terms:
        return results
    with translation.override(lang):
        for model in searchable_models():
            lookup = Q(**{f"{localized('title', lang)}__icontains": q})
            lookup |= Q(**{f"{localized('title')}__icontains": q})
            for page in visible_pages(model.objects.filter(lookup), user)[:size]:
                title, shown = translated(page, "title", lang)
                results.append(
                    {
                        "key": page.key,
                        "type": page.search_type,
                        "title": title,
                        "url": page.get_url(),
                        "lang": shown,
                    }
                )
    results.sort(key=lambda r: (not _fold(r["title"]).startswith(folded_terms[0]), r["title"]))
    return results[:size]
