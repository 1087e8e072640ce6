"""The shared cache: Django's Redis backend that degrades to no caching when Redis is down.

With ``CACHE_URL`` set, the page cache, its content generation, the rate-limit
counters and login throttling live in one Redis that every worker shares.
Redis going away must not take the portal with it: every operation that
cannot reach the server answers as an empty cache would (a miss, nothing
stored, nothing counted) and logs a warning. After a failure the process
leaves Redis alone for ``RETRY_SECONDS``, so that an unreachable server costs
one connection timeout per interval, not one per request.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class SharedRedisCache(RedisCache):
    # Every worker sees what this cache holds (core.pagecache keys its
    # content generation on this instead of on the database row).
    shared = True

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        # Fail fast instead of redis-py's retries with back-off: a visitor
        # should get a freshly rendered page, not wait for the cache.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("retry", None)
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _guarded(self, default, operation, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return operation(*args, **kwargs)
        except RedisError:
            with self._lock:
                if time.monotonic() >= self._down_until:
                    logger.warning(
                        "Shared cache unavailable; not caching for %s s",
                        RETRY_SECONDS,
                        exc_info=True,
                    )
                self._down_until = time.monotonic() + RETRY_SECONDS
            return default

    @property
    def available(self):
        """False while a recent failure keeps this process from asking Redis."""
        return time.monotonic() >= self._down_until

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store ``value``; unlike Django's backends, says whether Redis took it."""

        def store():
            super(SharedRedisCache, self).set(key, value, timeout, version)
            return True

        return self._guarded(False, store)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # Nothing counted: a rate limit or login throttle lets the request through.
        return self._guarded(0, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guarded(None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(False, super().clear)
