"""Serve Wagtail pages to anonymous visitors from a cache, per process or in Redis (CACHE_URL).

Last in MIDDLEWARE: what it stores is the page view's own response, and a
stored copy takes the view's place, so every other middleware (security
headers, the Content-Security-Policy, Vary, cookies) still runs on a hit.
Only anonymous GETs of Wagtail pages without a session or messages cookie
take part; only a plain 200 that set no cookie, used no CSRF token and did
not ask to stay private is stored. Keys carry the content generation, which
every content change bumps (``generation.bump``).
"""

import hashlib
import json

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language
from wagtail.views import serve

from . import generation

CACHE_ALIAS = "pages"
# Says "hit" or "miss" on requests that could be served from the cache.
STATUS_HEADER = "X-Page-Cache"
NOT_SHARED = {"private", "no-cache", "no-store"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        lookup = getattr(request, "_page_cache_lookup", None)
        if lookup is None:
            return response
        key, hit = lookup
        if not hit and _storable(request, response):
            entry = {
                "status": response.status_code,
                "headers": dict(response.items()),
                "content": response.content,
            }
            caches[CACHE_ALIAS].set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        response[STATUS_HEADER] = "hit" if hit else "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _eligible(request, view_func):
            return None
        key = _key(request)
        entry = caches[CACHE_ALIAS].get(key)
        request._page_cache_lookup = (key, entry is not None)
        if entry is None:
            return None
        return HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])


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
    """The page's address and language under the current content generation."""
    parts = [
        generation.current(),
        request.scheme,
        request.get_host(),
        get_language(),
        request.get_full_path(),
    ]
    digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    return f"page:{digest}"
