"""The search page, the search API and autocomplete."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from core.i18n import current_language, language_codes
from core.security.ratelimit import rate_limited
from core.security.responses import EscapedJsonResponse as JsonResponse

from . import analytics, service
from .params import FACETS, MAX_RESULT_WINDOW, PAGE_NUMBER, BadRequest, parse
from .registry import search_types

AUTOCOMPLETE_MIN = 2
AUTOCOMPLETE_MAX = 100


def _bad_request(error):
    return JsonResponse({"error": str(error)}, status=400)


def _too_many_json(request, seconds):
    return JsonResponse(
        {"error": f"too many requests; try again in {seconds} seconds", "retry_after": seconds}
    )


def _too_many_page(request, seconds):
    message = ngettext(
        "You have searched very often in a short time. Try again in %(seconds)s second.",
        "You have searched very often in a short time. Try again in %(seconds)s seconds.",
        seconds,
    ) % {"seconds": seconds}
    return render(request, "search/search.html", {"error": message})


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT", _too_many_json)
def search_api(request: HttpRequest) -> HttpResponse:
    """GET /api/search/: the JSON contract of shared/content-bundle.md."""
    try:
        params = parse(request.GET, current_language())
    except BadRequest as error:
        return _bad_request(error)
    if not params.q and not params.filters:
        return JsonResponse(_empty(params))
    answer = service.search(params, request.user)
    analytics.record_search(params, answer)
    return JsonResponse(answer)


@require_GET
@rate_limited("autocomplete", "AUTOCOMPLETE_RATE_LIMIT", _too_many_json)
def autocomplete_api(request: HttpRequest) -> HttpResponse:
    """GET /api/search/autocomplete/?q=: titles as the visitor types."""
    q = " ".join((request.GET.get("q") or "").split())
    lang = request.GET.get("lang") or current_language()
    if lang not in language_codes():
        return _bad_request(f"unknown lang {lang!r}; one of {', '.join(language_codes())}")
    if len(q) > AUTOCOMPLETE_MAX:
        return _bad_request(f"q is longer than {AUTOCOMPLETE_MAX} characters")
    if len(q) < AUTOCOMPLETE_MIN:
        return JsonResponse({"query": q, "engine": None, "results": []})
    engine, results = service.autocomplete(q, lang, request.user)
    return JsonResponse({"query": q, "engine": engine, "results": results})


def _empty(params):
    return {
        "query": params.q,
        "lang": params.lang,
        "engine": None,
        "total": 0,
        "page": params.page,
        "page_size": params.page_size,
        "results": [],
        "facets": {name: {} for name in FACETS},
        "suggestion": None,
    }


def _nothing_found_help(request):
    """The site root's help for an empty answer (the theme areas, the 24/7 contacts), if any.

    The root page decides what it offers (``search_help``), as the visitor may
    see it: search names no page type.
    """
    site = Site.find_for_request(request)
    root = site.root_page.specific if site is not None else None
    offer = getattr(root, "search_help", None)
    return offer(request) if offer is not None else {}


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT", _too_many_page)
def search_page(request: HttpRequest) -> HttpResponse:
    """/<lang>/search/: the same search as HTML."""
    language = current_language()
    query = request.GET.copy()
    query["lang"] = language
    try:
        params = parse(query, language)
    except BadRequest as error:
        return render(request, "search/search.html", {"error": str(error)}, status=400)
    answer = service.search(params, request.user) if params.q or params.filters else _empty(params)
    analytics.record_search(params, answer)
    pages = max(1, -(-answer["total"] // params.page_size))
    # The notice is for an engine that failed: without one configured, the
    # database search is the search.
    limited = answer.get("engine") == "database" and bool(settings.SEARCH_URL)
    help_offer = _nothing_found_help(request) if params.q and not answer["total"] else {}
    return render(
        request,
        "search/search.html",
        {
            "params": params,
            "answer": answer,
            "types": search_types(),
            "pages": pages,
            "has_previous": params.page > 1,
            "has_next": params.page < pages,
            "limited": limited,
            "nothing_found": help_offer,
        },
    )


# A ping (<a ping>, navigator.sendBeacon) carries no CSRF token; the endpoint
# only counts, for a query searched today, and changes nothing else.
@csrf_exempt
@require_POST
@rate_limited("search-click", "SEARCH_RATE_LIMIT", _too_many_json)
def click_api(request: HttpRequest) -> HttpResponse:
    """POST /api/search/click/?q=&lang=&position=: a visitor followed the result at ``position``."""
    q = " ".join((request.GET.get("q") or "").split())
    lang = request.GET.get("lang") or ""
    raw = request.GET.get("position") or ""
    if lang not in language_codes():
        return _bad_request(f"unknown lang {lang!r}; one of {', '.join(language_codes())}")
    if not PAGE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= MAX_RESULT_WINDOW:
        return _bad_request(f"position must be an integer from 1 to {MAX_RESULT_WINDOW}")
    analytics.record_click(q, lang, int(raw))
    return HttpResponse(status=204)
