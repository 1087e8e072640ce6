"""Read and bump the content generation.

Cached pages are keyed by the generation number. A content change bumps it
as its transaction commits, so every worker reads the new number on its next
request, and a change rolled back leaves the cached pages valid. The UPDATE
runs right after the commit, not inside the transaction: there it would hold
the row's lock until the commit, and every editor's publish would wait for a
long import to finish. A visitor may meanwhile get the page as it was a
moment before, as a request begun just before the commit would.

With a shared cache (``CACHE_URL``) the generation lives in that cache, next
to the pages, so a hit costs no database query: a random token that each
bump replaces. Tokens never repeat, so two bumps racing cannot bring an old
generation back, and a token lost from the cache (evicted, Redis restarted)
is replaced by a new one, which only costs misses. A bump that cannot reach
the cache is retried on the process's next lookup; until then the pages
stored before it expire after ``PAGE_CACHE_SECONDS`` at the latest.
"""

import uuid
import weakref

from django.core.cache import caches
from django.db import IntegrityError, router, transaction
from django.db.models import F

from .models import ROW_ID, ContentGeneration

# Per database connection: the bump queued in the open transaction.
_markers = weakref.WeakKeyDictionary()

CACHE_ALIAS = "pages"
SHARED_KEY = "generation"
# This process has a bump the shared cache did not take yet.
_unsent = {"bump": False}


class _Bump:
    """Queued with ``on_commit``: counts the generation up once the transaction commits.

    Django drops queued callbacks when the transaction, or the savepoint they
    were queued in, rolls back, and runs them on commit. While this one is
    still queued where it was put and has not run, a further bump in the same
    transaction would add nothing.
    """

    def __init__(self, using, position):
        self.using = using
        self.position = position
        self.ran = False

    def __call__(self):
        self.ran = True
        _increment(self.using)


def current() -> int | str:
    """The generation: the shared cache's token, else the row's number (0 while it is missing)."""
    cache = caches[CACHE_ALIAS]
    if _is_shared(cache):
        return _shared_current(cache)
    number = ContentGeneration.objects.filter(pk=ROW_ID).values_list("number", flat=True).first()
    return number or 0


def _is_shared(cache):
    return getattr(cache, "shared", False)


def _shared_current(cache):
    if _unsent["bump"]:
        _renew(cache)
    token = cache.get(SHARED_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(SHARED_KEY, token, timeout=None):
            # Another worker set it first, or the cache is down (then this
            # fresh token matches no stored page: a miss, as it should be).
            token = cache.get(SHARED_KEY) or token
    return token


def _renew(cache):
    _unsent["bump"] = not cache.set(SHARED_KEY, uuid.uuid4().hex, timeout=None)


def bump() -> None:
    """Count the generation up when the current transaction commits, once per transaction.

    An import that changes thousands of rows in one transaction bumps once;
    outside a transaction every call updates at once.
    """
    using = router.db_for_write(ContentGeneration)
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _increment(using)
        return
    if _queued(connection):
        return
    queued = _Bump(using, position=len(connection.run_on_commit))
    transaction.on_commit(queued, using=using)
    _markers[connection] = queued


def _queued(connection):
    queued = _markers.get(connection)
    if queued is None or queued.ran:
        return False
    # A rollback empties or filters the queue: the bump is then gone from its
    # place. Callbacks queued before it cannot be dropped while it stays.
    waiting = connection.run_on_commit
    return queued.position < len(waiting) and waiting[queued.position][1] is queued


def _increment(using):
    cache = caches[CACHE_ALIAS]
    if _is_shared(cache):
        _renew(cache)
        return
    rows = ContentGeneration.objects.using(using).filter(pk=ROW_ID)
    if rows.update(number=F("number") + 1):
        return
    # The row is missing (a database emptied by hand): create it past 0.
    try:
        with transaction.atomic(using=using):
            ContentGeneration.objects.using(using).create(pk=ROW_ID, number=1)
    except IntegrityError:
        # Another transaction created it meanwhile.
        rows.update(number=F("number") + 1)
