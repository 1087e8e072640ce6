"""/health/: database and search engine status for a load balancer.

Says only "ok", "down" or "not-configured" per component: no versions, hosts,
counts or errors.
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search.engine import EngineError, EngineRejected, get_engine


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def _search():
    if not settings.SEARCH_URL:
        return "not-configured"
    try:
        get_engine().count(f"{settings.SEARCH_INDEX_PREFIX}-{settings.LANGUAGE_CODE}")
    except EngineRejected:
        return "ok"  # it answers; a missing index is created by the next drain
    except EngineError:
        return "down"
    return "ok"


@never_cache
@require_GET
def health(request):
    """200 while the database answers (search has a fallback), else 503."""
    database, search = _database(), _search()
    if database != "ok":
        status = "down"
    elif search == "down":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "search": search},
        status=200 if database == "ok" else 503,
    )
