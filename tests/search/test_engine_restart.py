"""A real engine stopped and started by the test: nothing is lost, nothing leaks.

The test runs its own OpenSearch node on another port (tools/opensearch), so
stopping it does not disturb the other search tests.
"""

import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from core.i18n import language_codes
from resources.models import RoutinePage
from search import engine as engine_module
from search import indexing, service
from search.index import alias_name
from search.models import IndexChange
from tests.components import unavailable
from tests.factories import RoutinePageFactory
from tests.search.conftest import _engine_answers

pytestmark = pytest.mark.engine

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "opensearch"
PORT = os.environ.get("TEST_RESTART_PORT", "9311")
URL = f"http://127.0.0.1:{PORT}"
# 1,000 publishes while the node is down; CI's second engine version repeats
# the restart with fewer (TEST_OUTAGE_CHANGES), the catch-up at scale measured once.
CHANGES = int(os.environ.get("TEST_OUTAGE_CHANGES", "1000"))


def _node(script):
    subprocess.run(  # noqa: S603 - the project's own scripts
        [str(TOOLS / script)],
        env={**os.environ, "SEARCH_PORT": PORT, "OPENSEARCH_HEAP": "512m"},
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture
def own_engine(tree):
    if not _engine_answers():
        message = "no search engine for the test suite (start one with `make engine`)"
        unavailable(message)
    _node("start.sh")
    previous = (settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    settings.SEARCH_URL = URL
    settings.SEARCH_INDEX_PREFIX = f"restart-{uuid.uuid4().hex[:8]}"
    engine_module.reset_engine()
    indexing._ready.clear()
    service.breaker.success()
    indexing.ensure_indices()
    yield
    _node("start.sh")
    engine = engine_module.get_engine()
    for language in language_codes():
        for index in engine.aliases(alias_name(language)):
            engine.delete_index(index)
    settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX = previous
    engine_module.reset_engine()
    indexing._ready.clear()
    service.breaker.success()
    _node("stop.sh")


def test_publishes_during_an_outage_all_arrive(client, tree, own_engine, committed, capsys):
    """Publishes (1,000) while the engine is down: the site answers, then the index catches up."""
    _node("stop.sh")
    engine_module.reset_engine()
    with committed():
        for number in range(CHANGES):
            RoutinePageFactory(
                parent=tree.routines,
                title=f"Avbrottsrutin {number}",
                slug=f"avbrott-{number}",
                key=f"avbrott-{number}",
                published=True,
            )
    assert IndexChange.objects.count() >= CHANGES

    answer = client.get("/api/search/", {"q": "avbrottsrutin", "lang": "sv"}).json()
    assert answer["engine"] == "database"
    assert answer["total"] == CHANGES
    page = client.get("/sv/search/", {"q": "avbrottsrutin"})
    assert page.status_code == 200

    hidden = RoutinePage.objects.get(key="avbrott-7")
    with committed():
        hidden.unpublish()
    keys = [
        r["key"] for r in client.get("/api/search/", {"q": "avbrottsrutin 7"}).json()["results"]
    ]
    assert "avbrott-7" not in keys

    _node("start.sh")
    engine_module.reset_engine()
    service.breaker.success()
    started = time.monotonic()
    while IndexChange.objects.exists() and time.monotonic() - started < 120:
        try:
            indexing.drain()
        except engine_module.EngineError:
            time.sleep(0.5)
    catch_up = time.monotonic() - started
    assert not IndexChange.objects.exists()

    engine = engine_module.get_engine()
    assert engine.count(alias_name("sv"), {"prefix": {"key": "avbrott-"}}) == CHANGES - 1
    answer = client.get("/api/search/", {"q": "avbrottsrutin 7", "lang": "sv"}).json()
    assert answer["engine"] == "opensearch"
    assert "avbrott-7" not in [r["key"] for r in answer["results"]]
    with capsys.disabled():
        print(f"\n[outage] {CHANGES} changes caught up in {catch_up:.1f} s after the restart")
