"""The database fallback: the same contract answered with Wagtail's database search.

Used when no engine is configured or the engine fails. Scores come from the
database search's own analysed terms (:mod:`search.terms`, :mod:`search.dbquery`:
stemming, folding, compound parts, thesaurus synonyms, typo correction);
filters, facet counts and permissions are applied to the matching pages here,
with the same rules as the engine query.
"""

import difflib
import html
import re
import unicodedata
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django.utils import translation

from core.access import visible_pages
from core.i18n import has_translations, language_codes, localized, translated
from core.searchable import plain, squeeze

from . import dbquery, synonyms
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


EXACT_TITLE = 1000.0
SUBSTRING = 0.5
# Titles read per type for the suggestion of an empty answer.
TITLE_VOCABULARY = 20_000


def _scored_all(params, visible_by_model):
    """``({model: {pk: score}}, suggestion)`` of the visible pages matching ``params.q``.

    The permission filter comes first (every term lookup is limited to the
    visible pages): a cap applied before it would let restricted matches
    crowd out public ones and skew totals and facets, and a spelling
    suggestion never comes from a page the visitor may not see.
    """
    if not params.q:
        return {
            model: dict.fromkeys(visible.values_list("pk", flat=True)[:MAX_HITS_PER_TYPE], 0.0)
            for model, visible in visible_by_model.items()
        }, None
    query_groups = synonyms.expand_groups(
        dbquery.groups(params.q, params.lang), params.q, params.lang
    )
    if not query_groups:
        return {}, None
    total_pages = sum(visible.count() for visible in visible_by_model.values())
    found, owner = defaultdict(dict), {}

    def fetch(terms):
        for model, visible in visible_by_model.items():
            for term, pages in dbquery.postings(terms, visible).items():
                found[term].update(pages)
                owner.update(dict.fromkeys(pages, model))

    fetch({term for group in query_groups for term in group.terms()})
    suggestion_words, changed = [], False
    understood = None
    for position, group in enumerate(query_groups):
        if any(term in found for term in group.terms()):
            suggestion_words.append(group.word)
            continue
        if understood is None:
            understood = synonyms.understood_words(params.q, params.lang)
        if group.word in understood:
            # A word, not a typo: correcting it would search for another word.
            suggestion_words.append(group.word)
            continue
        term = dbquery.correction(group.word, visible_by_model.values())
        if term is None:
            suggestion_words.append(group.word)
            continue
        query_groups[position] = dbquery.corrected(group, term, params.lang)
        fetch(query_groups[position].terms())
        suggestion_words.append(term)
        changed = True
    scores = dbquery.score(found, query_groups, total_pages)
    by_model = defaultdict(dict)
    for pk, value in scores.items():
        by_model[owner[pk]][pk] = value
    # Pages written without term rows (bench/load_corpus.py's bulk loader) and
    # parts of words: title and summary substrings, a small score of their own.
    for model, visible in visible_by_model.items():
        for term in _terms(params.q):
            lookup = Q(title__icontains=term)
            if has_translations(model, "summary"):
                lookup |= Q(summary__icontains=term)
            rows = visible.filter(lookup).values_list("pk", flat=True)[:MAX_HITS_PER_TYPE]
            for pk in rows:
                by_model[model][pk] = by_model[model].get(pk, 0.0) + SUBSTRING
    wanted = " ".join(_fold_words(params.q))
    for model, model_scores in by_model.items():
        columns = [localized("title", code) for code in language_codes()]
        rows = model.objects.filter(pk__in=list(model_scores)).values_list("pk", *columns)
        for pk, *titles in rows:
            # An exact title (folded, punctuation aside) ranks first.
            if any(title and " ".join(_fold_words(title)) == wanted for title in titles):
                model_scores[pk] += EXACT_TITLE
        if len(model_scores) > MAX_HITS_PER_TYPE:
            kept = sorted(model_scores, key=model_scores.get, reverse=True)[:MAX_HITS_PER_TYPE]
            by_model[model] = {pk: model_scores[pk] for pk in kept}
    return by_model, (" ".join(suggestion_words) if changed else None)


def _closest_title_words(params, visible_by_model):
    """For an empty answer: the query with each word replaced by the closest title word.

    Only titles of pages the visitor may see are read (in the visitor's and
    the source language), so a suggestion never reveals a restricted page.
    """
    columns = list(dict.fromkeys((localized("title", params.lang), localized("title"))))
    vocabulary = {}
    for visible in visible_by_model.values():
        for titles in visible.values_list(*columns)[:TITLE_VOCABULARY]:
            for title in titles:
                for word in re.findall(r"\w+", title or ""):
                    if len(word) > 3 and not word.isdigit():
                        vocabulary.setdefault(_fold(word), word.casefold())
    words, changed = [], False
    for word in re.findall(r"\w+", params.q):
        folded = _fold(word)
        if folded in vocabulary or len(folded) <= 3:
            words.append(word)
            continue
        close = difflib.get_close_matches(folded, list(vocabulary), n=1, cutoff=0.75)
        words.append(vocabulary[close[0]] if close else word)
        changed = changed or bool(close)
    return " ".join(words) if changed else None


def _fold_words(text):
    return [_fold(word) for word in re.findall(r"\w+", text.casefold())]


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
    visible_by_model = {
        model: visible_pages(model.objects.all(), user) for model in searchable_models()
    }
    scored, suggestion = _scored_all(params, visible_by_model)
    with translation.override(params.lang):
        for model in searchable_models():
            scores = scored.get(model)
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
    if not hits and params.q and suggestion is None:
        suggestion = _closest_title_words(params, visible_by_model)
    page_hits = hits[params.offset : params.offset + params.page_size]
    shown = {}
    for model in {hit[3] for hit in page_hits}:
        pks = [hit[2] for hit in page_hits if hit[3] is model]
        shown.update((page.pk, page) for page in model.objects.filter(pk__in=pks))
    results = [result(shown[hit[2]], params.lang, params.q) for hit in page_hits]
    return {"total": len(hits), "results": results, "facets": counts, "suggestion": suggestion}


def result(page, lang: str, q: str) -> dict[str, str]:
    """The answer's entry for ``page`` (a searchable page) in ``lang``, or its fallback."""
    with translation.override(lang):
        title, language = translated(page, "title", lang)
        text = ""
        if has_translations(page, "summary"):
            text = squeeze(translated(page, "summary", lang)[0])
        if not text:
            field = "description" if has_translations(page, "description") else "body"
            if has_translations(page, field):
                text = plain(translated(page, field, lang)[0])
        return {
            "key": page.key,
            "type": page.search_type,
            "title": title,
            "url": page.get_url(),
            "lang": language,
            "snippet": _snippet(text, q),
        }


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
