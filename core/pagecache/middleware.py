"""Serve Wagtail pages to anonymous visitors from a cache, per process or in Redis (CACHE_URL).

Two middleware share the work. ``PageCacheMiddleware``, last in MIDDLEWARE,
decides: only anonymous GETs of Wagtail pages without a session or messages
cookie take part, and only a plain 200 that set no cookie, used no CSRF token
and did not ask to stay private may be stored. ``PageCacheHitMiddleware``,
right below the security middleware, keeps: it stores the response as the
middleware between the two left it (language and Vary headers included),
and answers the next request for that page itself, before sessions,
language, CSRF, authentication, two-step, messages, redirects and
django-axes run, none of which has anything to do for such a visitor. The
security headers and the Content-Security-Policy, above it, still run on a
hit. Keys carry the content generation, which every content change bumps
(``generation.bump``).
"""

import hashlib
import json

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.views import serve

from . import generation

CACHE_ALIAS = "pages"
# Says "hit" or "miss" on requests that could be served from the cache.
STATUS_HEADER = "X-Page-Cache"
NOT_SHARED = {"private", "no-cache", "no-store"}


class PageCacheHitMiddleware:
    """Answers a stored page before the rest of the stack; stores what the stack answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request) if _may_be_cached(request) else None
        if key is not None:
            entry = caches[CACHE_ALIAS].get(key)
            if entry is not None:
                response = HttpResponse(
                    entry["content"], status=entry["status"], headers=entry["headers"]
                )
                response[STATUS_HEADER] = "hit"
                return response
        response = self.get_response(request)
        if getattr(request, "_page_cache_eligible", False):
            if key is not None and request._page_cache_storable and not response.cookies:
                entry = {
                    "status": response.status_code,
                    "headers": dict(response.items()),
                    "content": response.content,
                }
                caches[CACHE_ALIAS].set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        return response


class PageCacheMiddleware:
    """Marks the requests whose page may be cached, and the responses that may be stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_page_cache_eligible", False):
            request._page_cache_storable = _storable(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _eligible(request, view_func):
            request._page_cache_eligible = True
            request._page_cache_storable = False
        return None


def _may_be_cached(request):
    """What is known before the stack runs: a GET (or HEAD) of a page, no cookie that matters.

    The URL is resolved in the language of its prefix, as the language
    middleware would activate it.
    """
    if not (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    ):
        return False
    language = translation.get_language_from_path(request.path_info)
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
    return match.func is serve


def _eligible(request, view_func):
    """An anonymous GET (or HEAD) of a Wagtail page, with the cache turned on.

    Asking whether the user is anonymous reads the (empty) session, as
    rendering the page does, so a hit gets the same ``Vary: Cookie`` as a miss.
    """
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and view_func is serve
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and _anonymous(request)
    )


def _storable(request, response):
    """A page any anonymous visitor may get: nothing in it is this visitor's own.

    The CSRF and session cookies are added later, by the middleware around
    this one, so whether they will be is read from the request.
    """
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not _cache_control(response) & NOT_SHARED
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and _anonymous(request)
    )


def _anonymous(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_anonymous


def _cache_control(response):
    directives = response.get("Cache-Control", "").split(",")
    return {directive.split("=", 1)[0].strip().lower() for directive in directives}


def _key(request):
    """The page's address and language (from its prefix) under the current content generation."""
    parts = [
        generation.current(),
        request.scheme,
        request.get_host(),
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE,
        request.get_full_path(),
    ]
    digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    return f"page:{digest}"
