"""When the engine misses changes: removals stay hidden, the worker catches up."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.access import set_restricted
from resources.models import RoutinePage
from search import indexing, service
from search.engine import Engine, EngineError
from search.models import IndexChange
from tests.factories import publish
from tests.search.content import load

pytestmark = pytest.mark.engine


@pytest.fixture
def corpus(search_engine, committed, tmp_path):
    with committed():
        load(tmp_path)
    return search_engine


def refuse(self, operations, refresh=False):
    raise EngineError("bulk failed: connection refused")


@pytest.fixture
def refusing_bulk(monkeypatch):
    """The engine stops taking writes (searches still answer), as in a partial outage."""
    monkeypatch.setattr(Engine, "bulk", refuse)
    return monkeypatch


def keys(client, **params):
    return [r["key"] for r in client.get("/api/search/", params).json()["results"]]


def test_restricting_during_an_outage_hides_the_page_at_once(
    client, corpus, committed, refusing_bulk
):
    """A restriction that cannot reach the index still hides the page from anonymous search."""
    routine = RoutinePage.objects.get(key="tolk-vid-forhor")
    with committed():
        set_restricted(routine, True)
    assert IndexChange.objects.filter(page_id=routine.pk, urgent=True).exists()
    assert "tolk-vid-forhor" not in keys(client, q="tolk", lang="sv")
    autocomplete = client.get("/api/search/autocomplete/", {"q": "tolk", "lang": "sv"}).json()
    assert autocomplete["results"] == []


def test_unpublishing_during_an_outage_hides_the_page(client, corpus, committed, refusing_bulk):
    """An unpublished page disappears from results before the engine hears of it."""
    routine = RoutinePage.objects.get(key="placering")
    with committed():
        routine.unpublish()
    assert "placering" not in keys(client, q="placering", lang="sv")


def test_removals_go_before_waiting_updates(client, corpus, committed, monkeypatch):
    """After an outage the first batch sent carries the unpublishing, not the older edits."""
    original_bulk = Engine.bulk
    monkeypatch.setattr(Engine, "bulk", refuse)
    edited = list(RoutinePage.objects.exclude(key="placering"))
    with committed():
        for routine in edited:
            publish(routine)
    unpublished = RoutinePage.objects.get(key="placering")
    with committed():
        unpublished.unpublish()
    sent = []

    def recording_bulk(self, operations, refresh=False):
        sent.append(operations)
        return original_bulk(self, operations, refresh)

    monkeypatch.setattr(Engine, "bulk", recording_bulk)
    IndexChange.objects.update(next_attempt_at=None)
    indexing.drain(batch_size=1, max_batches=1)
    first_batch = [op for op in sent[0] if len(op) == 1 and set(op) <= {"index", "delete"}]
    assert {(action, meta["_id"]) for op in first_batch for action, meta in op.items()} == {
        ("delete", str(unpublished.pk))
    }
    assert IndexChange.objects.filter(page_id__in=[r.pk for r in edited]).count() == len(edited)
    monkeypatch.setattr(service, "pending_removals", set)
    assert "placering" not in keys(client, q="placering", lang="sv")


def test_failed_changes_wait_with_backoff(corpus, committed, refusing_bulk):
    """A failed delivery keeps its outbox row and schedules the next try later."""
    routine = RoutinePage.objects.get(key="placering")
    with committed():
        publish(routine)
    row = IndexChange.objects.get(page_id=routine.pk)
    assert row.attempts == 1
    assert row.next_attempt_at is not None
    assert "connection refused" in row.last_error


def test_worker_catches_up_when_the_engine_returns(client, corpus, committed, monkeypatch):
    """`search_index drain --follow` sends what waited once the engine takes writes again."""
    routine = RoutinePage.objects.get(key="placering")
    original_bulk = Engine.bulk
    monkeypatch.setattr(Engine, "bulk", refuse)
    with committed():
        publish(routine, title_sv="Placering efter avbrottet")
    assert IndexChange.objects.exists()
    monkeypatch.setattr(Engine, "bulk", original_bulk)
    IndexChange.objects.update(next_attempt_at=None)
    out = io.StringIO()
    call_command(
        "search_index", "drain", "--follow", "--interval", "0.2", "--max-seconds", "3", stdout=out
    )
    assert not IndexChange.objects.exists()
    result = client.get("/api/search/", {"q": "avbrottet", "lang": "sv"}).json()["results"][0]
    assert result["title"] == "Placering efter avbrottet"


def test_health_reports_database_and_engine(client, corpus):
    """/health/ says ok for both, and nothing more."""
    answer = client.get("/health/").json()
    assert answer == {"status": "ok", "database": "ok", "search": "ok"}


def test_health_degraded_when_the_engine_is_gone(client, tree):
    """An unreachable engine makes the portal degraded (200), not down."""
    from search import engine as engine_module

    engine_module.reset_engine()
    with override_settings(SEARCH_URL="http://127.0.0.1:9"):
        response = client.get("/health/")
    engine_module.reset_engine()
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "search": "down"}


@override_settings(SEARCH_URL=None)
def test_health_without_engine(client, tree):
    assert client.get("/health/").json() == {
        "status": "ok",
        "database": "ok",
        "search": "not-configured",
    }


def test_drain_once_reports(corpus):
    """`search_index drain` reports what it sent and what waits."""
    out = io.StringIO()
    call_command("search_index", "drain", stdout=out)
    assert "waiting" in out.getvalue()
    assert indexing.drain() == 0


def test_check_finds_and_fix_repairs_differences(corpus):
    """`search_index check` finds missing, stale and wrongly visible documents; --fix repairs."""
    from search.index import alias_name

    engine = corpus
    routine = RoutinePage.objects.get(key="tolk-vid-forhor")
    secret = RoutinePage.objects.get(key="hemlig-rutin")
    sv = engine.aliases(alias_name("sv"))
    index = next(iter(sv))
    engine.bulk([{"delete": {"_index": index, "_id": str(routine.pk)}}], refresh=True)
    engine.bulk(
        [
            {"update": {"_index": index, "_id": str(secret.pk)}},
            {"doc": {"restricted": False, "groups": []}},
        ],
        refresh=True,
    )
    engine.bulk(
        [{"index": {"_index": index, "_id": "999999"}}, {"page_id": 999999, "key": "ghost"}],
        refresh=True,
    )

    report = indexing.check()
    assert report["sv"].missing == {routine.pk}
    assert report["sv"].wrongly_visible == {secret.pk}
    assert report["sv"].extra == {999999}
    assert not report["en"]
    with pytest.raises(CommandError, match="differs"):
        call_command("search_index", "check", stdout=io.StringIO())

    out = io.StringIO()
    call_command("search_index", "check", "--fix", stdout=out)
    assert "matches the database" in out.getvalue()
    assert not any(indexing.check().values())


def test_check_finds_stale_documents(corpus):
    """A document whose text no longer matches the page is stale."""
    from search.index import alias_name

    engine = corpus
    routine = RoutinePage.objects.get(key="placering")
    index = next(iter(engine.aliases(alias_name("en"))))
    engine.bulk(
        [{"update": {"_index": index, "_id": str(routine.pk)}}, {"doc": {"fingerprint": "old"}}],
        refresh=True,
    )
    assert indexing.check()["en"].stale == {routine.pk}
