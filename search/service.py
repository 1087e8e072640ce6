"""Answer a search: the engine when it can, the database when it cannot.

The page never fails because the engine does: any engine error or timeout
answers from the database, says ``engine: database``, and a circuit breaker
stops asking a dead engine for a while.
"""

import logging
import threading
import time

from django.conf import settings

from . import database, engine_query, promotions
from .engine import EngineError, EngineRejected, get_engine, reset_engine
from .models import IndexChange
from .params import PAGE_SIZE

logger = logging.getLogger(__name__)


class CircuitBreaker:
    """Skip a failing engine for a while, then let one request probe it.

    After ``threshold`` failures in a row the circuit opens for ``cooldown``
    seconds. Then one request at a time may try the engine (half-open): a
    success closes the circuit, a failure opens it again at once. A probe that
    never reports back frees the way for the next after another cooldown.
    """

    def __init__(self, threshold=3, cooldown=30.0):
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.open_until = 0.0
        self.probing = False
        self._lock = threading.Lock()

    def allow(self):
        with self._lock:
            now = time.monotonic()
            if not self.open_until:
                return True
            if now < self.open_until:
                return False
            if self.probing and now < self.open_until + self.cooldown:
                return False
            self.probing = True
            return True

    def success(self):
        with self._lock:
            self.failures = 0
            self.open_until = 0.0
            self.probing = False

    def failure(self):
        with self._lock:
            self.failures += 1
            if self.probing or self.failures >= self.threshold:
                self.open_until = time.monotonic() + self.cooldown
                self.failures = 0
                self.probing = False


breaker = CircuitBreaker(
    threshold=getattr(settings, "SEARCH_BREAKER_THRESHOLD", 3),
    cooldown=getattr(settings, "SEARCH_BREAKER_COOLDOWN", 30.0),
)


def _engine_or_none():
    if not settings.SEARCH_URL or not breaker.allow():
        return None
    try:
        return get_engine()
    except EngineError as exc:
        logger.warning("Search engine unavailable: %s", exc)
        breaker.failure()
        return None


def search(params, user):
    """The search API's answer (a dict) for ``params`` as ``user``, promoted results first."""
    return promotions.apply(params, user, _search(params, user))


def _search(params, user):
    answer = {
        "query": params.q,
        "lang": params.lang,
        "engine": "database",
        "page": params.page,
        "page_size": PAGE_SIZE,
    }
    engine = _engine_or_none()
    if engine is not None:
        try:
            result = _engine_search(engine, params, user)
            breaker.success()
            return {**answer, "engine": engine.product, **result}
        except EngineRejected as exc:
            # The engine is alive but refused this query: answer it from the database.
            breaker.success()
            logger.error("Search engine refused a query, answering from the database: %s", exc)
        except EngineError as exc:
            logger.warning("Search engine failed, answering from the database: %s", exc)
            breaker.failure()
            reset_engine()
    return {**answer, **database.search(params, user)}


def pending_removals():
    """Pages with a removal or permission change the engine has not taken yet.

    Until the outbox delivers it, the index may still show such a page to
    someone who may no longer see it, so every engine query leaves them out.
    """
    return set(IndexChange.objects.filter(urgent=True).values_list("page_id", flat=True))


def _engine_search(engine, params, user):
    hidden = pending_removals()
    if params.beyond_window:
        # Deeper than the engine pages: count only.
        shallow = type(params)(q=params.q, lang=params.lang, filters=params.filters, page=1)
        result = engine_query.parse_response(
            engine.search(
                engine_query.index_for(params.lang), engine_query.build(shallow, user, hidden)
            ),
            shallow,
        )
        suggestion = result["suggestion"]
        check = _suggestion_check(params, user, hidden, suggestion)
        if check is not None:
            response = engine.search(engine_query.index_for(params.lang), check)
            suggestion = _checked(suggestion, response)
        return {**result, "results": [], "suggestion": suggestion}
    index = engine_query.index_for(params.lang)
    body = engine_query.build(params, user, hidden)
    if not params.q:
        return engine_query.parse_response(engine.search(index, body), params)
    # Two round trips share one time budget: the visitor waits SEARCH_TIMEOUT at most.
    # The first finds the best hit and the suggestions; the second sends the
    # search (ranked with that hit's terms) and the suggestion's check together.
    started = time.monotonic()
    probe = engine.search(index, engine_query.feedback_probe(body))
    timeout = max(engine.timeout - (time.monotonic() - started), 0.05)
    hits = probe["hits"]["hits"]
    if hits:
        body = engine_query.with_feedback(body, hits[0])
    suggestion = engine_query.suggestion(probe.get("suggest", {}), params.q, params.lang)
    check = _suggestion_check(params, user, hidden, suggestion)
    bodies = [engine_query.without_suggestions(body)] + ([check] if check is not None else [])
    responses = engine.msearch(index, bodies, timeout=timeout)
    result = engine_query.parse_response(responses[0], params)
    if check is not None:
        suggestion = _checked(suggestion, responses[1])
    return {**result, "suggestion": suggestion}


def _suggestion_check(params, user, hidden, suggestion):
    """The search telling whether ``user`` may see the suggestion's new words, or None.

    The suggesters draw on every document, restricted ones included: a
    suggestion whose new words only pages ``user`` may not see hold is not
    shown. None when there is nothing to check.
    """
    if not suggestion or engine_query.permission_filter(user) is None:
        return None
    typed = {word.lower() for word in params.q.split()}
    new_words = [word for word in suggestion.split() if word.lower() not in typed]
    if not new_words:
        return None
    return engine_query.suggestion_check_body(new_words, user, hidden)


def _checked(suggestion, check_response):
    return suggestion if check_response["hits"]["total"]["value"] else None


def autocomplete(q, lang, user):
    engine = _engine_or_none()
    if engine is not None:
        try:
            response = engine.search(
                engine_query.index_for(lang),
                engine_query.autocomplete_body(q, user, pending_removals()),
            )
            breaker.success()
            return engine.product, [hit["_source"] for hit in response["hits"]["hits"]]
        except EngineError as exc:
            logger.warning("Autocomplete fell back to the database: %s", exc)
            breaker.failure()
    return "database", database.autocomplete(q, lang, user)
