"""The real engine for search tests: its own index prefix, cleaned up after."""

import os
import urllib.request
import uuid

import pytest
from django.conf import settings

from core.i18n import language_codes
from search import engine as engine_module
from search import indexing
from search.index import alias_name
from tests.components import unavailable

SEARCH_URL = os.environ.get("TEST_SEARCH_URL", "http://127.0.0.1:9200")


def _engine_answers():
    try:
        with urllib.request.urlopen(SEARCH_URL, timeout=2):  # noqa: S310 - loopback test engine
            return True
    except OSError:
        return False


@pytest.fixture
def search_engine(db, tree):
    """SEARCH_URL pointed at the test engine, with fresh, empty language indices."""
    if not _engine_answers():
        message = f"no search engine at {SEARCH_URL} (start one with `make engine`)"
        unavailable(message)
    previous = (settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    settings.SEARCH_URL = SEARCH_URL
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    engine_module.reset_engine()
    indexing._ready.clear()
    engine = engine_module.get_engine()
    indexing.ensure_indices()
    yield engine
    for language in language_codes():
        for index in engine.aliases(alias_name(language)):
            engine.delete_index(index)
    settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX = previous
    engine_module.reset_engine()
    indexing._ready.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed: the outbox drains."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def answering(request, tree, committed, settings):
    """Each test twice: answered by the real engine, then by the database search.

    Returns the engine name the API must report. Content made inside
    ``committed()`` reaches whichever answers.
    """
    if request.param == "engine":
        request.getfixturevalue("search_engine")
        return "opensearch"
    settings.SEARCH_URL = None
    return "database"
