"""Requests per client address and time window, counted in the ``ratelimit`` cache."""

import logging
import math
import time
from contextlib import nullcontext
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, transaction

from .client import client_key

logger = logging.getLogger(__name__)


def retry_after(scope, limit, request):
    """None while ``request``'s client is within ``limit``, else seconds to wait.

    ``limit`` is ``(count, seconds)`` or None for no limit. A fixed window: at
    most ``count`` requests per client in each ``seconds``-long slot.
    """
    if limit is None:
        return None
    count, period = limit
    now = time.time()
    window = int(now // period)
    key = f"rate:{scope}:{client_key(request)}:{window}"
    cache = caches["ratelimit"]
    # A savepoint, so that a failing cache table cannot spoil a surrounding transaction.
    guard = transaction.atomic() if isinstance(cache, DatabaseCache) else nullcontext()
    try:
        with guard:
            used = _count(cache, key, period)
    except DatabaseError:
        # A broken counter store must not take the search down with it.
        logger.warning("Rate limit store unavailable; %s is not limited", scope, exc_info=True)
        return None
    if used <= count:
        return None
    return max(1, math.ceil((window + 1) * period - now))


def _count(cache, key, period):
    cache.add(key, 0, timeout=period + 1)
    try:
        return cache.incr(key)
    except ValueError:  # the slot expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        return 1


def rate_limited(scope, setting, respond):
    """Limit a view by the rate in ``settings.<setting>``.

    Over the limit the view is not run: ``respond(request, seconds)`` answers
    instead, with status 429 and ``Retry-After``.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            seconds = retry_after(scope, getattr(settings, setting), request)
            if seconds is None:
                return view(request, *args, **kwargs)
            response = respond(request, seconds)
            response.status_code = 429
            response["Retry-After"] = str(seconds)
            return response

        return wrapped

    return decorator
