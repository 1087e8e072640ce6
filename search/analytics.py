"""Search statistics that tell editors what people look for, and keep nothing about who.

Each search adds one to a daily counter of its normalised query, language
and engine (:class:`search.models.SearchDay`); a click on a result adds one to
the counter of its position (:class:`search.models.SearchClickDay`). No row
holds an address, a user, a session or a time finer than the day, a row is a
sum so the order of searches within a day is not kept either, and a query
that looks like personal data (:func:`search.querytext.looks_personal`) is
not recorded at all. Rows older than ``SEARCH_ANALYTICS_RETENTION_MONTHS``
are deleted by ``manage.py purge_search_analytics``.
"""

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Sum
from django.utils import timezone

from .models import SearchClickDay, SearchDay
from .params import MAX_RESULT_WINDOW
from .querytext import looks_personal, normalise

logger = logging.getLogger(__name__)


def _increment(model, keys: dict, counts: dict, values: dict | None = None) -> None:
    """Add ``counts`` to the row of ``keys``, creating it; never fails the visitor's request."""
    values = values or {}
    changes = {name: F(name) + amount for name, amount in counts.items()}
    try:
        with transaction.atomic():
            if model.objects.filter(**keys).update(**changes, **values):
                return
            try:
                with transaction.atomic():
                    model.objects.create(**keys, **counts, **values)
            except IntegrityError:
                # Created by a concurrent request meanwhile.
                model.objects.filter(**keys).update(**changes, **values)
    except DatabaseError as exc:
        logger.warning("Search statistics not recorded: %s", exc)


def recordable(q: str) -> str:
    """The query as stored, or "" when it is not to be stored."""
    if not q or looks_personal(q):
        return ""
    return normalise(q)


def record_search(params, answer: dict) -> None:
    """Count a visitor's search: the first page of a text query only."""
    query = recordable(params.q)
    if not query or params.page != 1 or not answer.get("engine"):
        return
    found = answer.get("total", 0) + sum(1 for r in answer.get("results", []) if r.get("promoted"))
    _increment(
        SearchDay,
        {
            "day": timezone.localdate(),
            "language": params.lang,
            "query": query,
            "engine": answer["engine"],
        },
        {"searches": 1, "empty": 0 if found else 1},
        {"results": found},
    )


def record_click(q: str, lang: str, position: int) -> bool:
    """Count a click on the result at ``position`` of a query searched today or yesterday.

    Clicks on queries nobody searched (or that were not recorded) are ignored,
    so the endpoint cannot be used to write arbitrary text into the statistics.
    """
    query = recordable(q)
    if not query or not 1 <= position <= MAX_RESULT_WINDOW:
        return False
    today = timezone.localdate()
    searched = SearchDay.objects.filter(
        language=lang, query=query, day__gte=today - datetime.timedelta(days=1)
    )
    if not searched.exists():
        return False
    _increment(
        SearchClickDay,
        {"day": today, "language": lang, "query": query, "position": position},
        {"clicks": 1},
    )
    return True


def cutoff(months: int, today: datetime.date | None = None) -> datetime.date:
    """The first day kept when ``months`` months are kept up to ``today``."""
    today = today or timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    day = today.day
    while True:
        try:
            return datetime.date(year, month + 1, day)
        except ValueError:
            day -= 1  # 31 March minus one month: the last day of February


def purge(months: int | None = None) -> tuple[int, int]:
    """Delete the rows older than the retention; the numbers of search and click rows deleted."""
    months = settings.SEARCH_ANALYTICS_RETENTION_MONTHS if months is None else months
    first = cutoff(months)
    searches, _ = SearchDay.objects.filter(day__lt=first).delete()
    clicks, _ = SearchClickDay.objects.filter(day__lt=first).delete()
    return searches, clicks


def _period(language: str | None, start: datetime.date, end: datetime.date):
    rows = SearchDay.objects.filter(day__gte=start, day__lte=end)
    return rows.filter(language=language) if language else rows


def _by_query(rows):
    return rows.values("query", "language").annotate(
        total=Sum("searches"), nothing=Sum("empty"), latest=Max("results")
    )


def top_queries(language, start, end, limit=20):
    return list(_by_query(_period(language, start, end)).order_by("-total", "query")[:limit])


def zero_result_queries(language, start, end, limit=20):
    rows = _by_query(_period(language, start, end)).filter(nothing__gt=0)
    return list(rows.order_by("-nothing", "query")[:limit])


def unclicked_queries(language, start, end, limit=20):
    """Queries that found something in the period and whose results nobody clicked."""
    clicked = SearchClickDay.objects.filter(
        query=OuterRef("query"), language=OuterRef("language"), day__gte=start, day__lte=end
    )
    rows = _by_query(_period(language, start, end).filter(results__gt=0))
    rows = rows.annotate(clicked=Exists(clicked)).filter(clicked=False)
    return list(rows.order_by("-total", "query")[:limit])


def daily_searches(language, start, end) -> list[tuple[datetime.date, int]]:
    """Searches per day, every day of the period included."""
    counts = dict(
        _period(language, start, end).values_list("day").annotate(n=Sum("searches")).order_by()
    )
    days = (end - start).days + 1
    return [
        (day, counts.get(day, 0))
        for day in (start + datetime.timedelta(days=n) for n in range(days))
    ]
