"""Fixtures shared by every test area."""

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from django.core.cache import caches
from django.utils import translation

from core.pagecache import generation
from resources.site_tree import ensure_site_tree
from search import service, tuning
from tests.factories import UserFactory
from tests.redis_server import redis_url, shared_caches  # noqa: F401 - redis_url is a fixture


@pytest.fixture(autouse=True)
def swedish_by_default():
    """Code outside a request runs in the default language, as management commands do."""
    with translation.override("sv"):
        yield


@pytest.fixture(autouse=True)
def closed_search_breaker():
    """No test inherits an open circuit from a test that made the engine fail."""
    service.breaker.success()
    yield
    service.breaker.success()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """No test meets pages cached by another: the cache outlives each test's database."""
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def fresh_search_tuning():
    """No test meets synonyms or promotions cached by another: every test's database starts anew."""
    tuning.clear()


@pytest.fixture
def tree(db):
    return ensure_site_tree()


@pytest.fixture
def professional(db):
    return UserFactory(groups=["Professionals"])


@pytest.fixture
def plain_user(db):
    return UserFactory()


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"])


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True)


def pytest_terminal_summary(terminalreporter):
    """Say plainly which tests were skipped and why, one line per reason (`make test`)."""
    reasons = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    if reasons:
        terminalreporter.section("skipped, by reason")
        for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
            terminalreporter.write_line(f"{count:5d} skipped: {reason}")


@pytest.fixture
def shared_cache(settings, redis_url):  # noqa: F811 - the imported fixture
    """CACHE_URL pointed at a real, emptied Redis: pages, counters and login throttling there."""
    settings.CACHES = shared_caches(redis_url)
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    settings.AXES_CACHE = "default"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    AxesProxyHandler.get_implementation(force=True)
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    generation._unsent["bump"] = False
    yield redis_url
    server.flushdb()
    generation._unsent["bump"] = False
    # Rebuilt from the restored settings on next use.
    AxesProxyHandler.implementation = None
