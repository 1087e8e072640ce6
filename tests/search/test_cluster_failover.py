"""A three-node cluster loses the node that holds the primaries, under search load.

The test runs the local cluster of tools/opensearch/cluster.sh (127.0.0.1:9201-9203;
started here when it is not running, and stopped again afterwards), loads the
held-out relevance collection (bench/relevance, 161 items) and asks every
fourth of its 173 queries (all kinds, all five languages) over and over while
a node is stopped and started again. It takes a few
minutes, so CI runs it once, in the PostgreSQL pass (marker ``cluster``).
"""

import io
import json
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from core.i18n import language_codes
from search import cluster, indexing, service
from search import engine as engine_module
from search.index import alias_name
from search.models import IndexChange
from tests.components import unavailable
from tests.factories import RoutinePageFactory

pytestmark = [pytest.mark.engine, pytest.mark.cluster]

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = ROOT / "tools" / "opensearch" / "cluster.sh"
CORPUS = ROOT / "bench" / "relevance"
PUBLISHED_DURING_OUTAGE = 25
DEADLINE = 600  # seconds for a node to go or to come back, under load
# Long enough that only a failover, not a busy CI machine, makes a search wait
# that long; the slowest answer is reported.
SEARCH_TIMEOUT = 10.0
# A round of 44 queries takes seconds on an idle machine: the load keeps going
# through the stop and the rejoin, and the test stays within a few minutes.
QUERY_STEP = 4


def _cluster(*args, timeout=600):
    return subprocess.run(  # noqa: S603 - the project's own script
        [str(CLUSTER), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def _node(action, number):
    """Stop or start one node; the test fails at once if the script does."""
    result = _cluster(action, number)
    assert result.returncode == 0, f"{action} {number}:\n{result.stdout}\n{result.stderr}"
    return time.monotonic()


def _answers(url):
    try:
        engine_module.detect_product(url, 2)
        return True
    except engine_module.EngineError:
        return False


@pytest.fixture
def three_nodes(tree):
    """SEARCH_URL naming all three nodes of a green cluster, with fresh index names."""
    urls = _cluster("urls").stdout.strip()
    was_running = _answers(urls)
    started = _cluster("start")
    if started.returncode != 0:
        message = f"the three-node cluster did not start:\n{started.stdout}\n{started.stderr}"
        unavailable(message)
    previous = (settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_INDEX_REPLICAS)
    settings.SEARCH_URL = None
    settings.SEARCH_INDEX_PREFIX = f"failover-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_REPLICAS = None
    previous_timeout, settings.SEARCH_TIMEOUT = settings.SEARCH_TIMEOUT, SEARCH_TIMEOUT
    engine_module.reset_engine()
    indexing._ready.clear()
    service.breaker.success()
    yield urls
    _cluster("start")
    engine = engine_module.Engine(urls, 60)
    for language in language_codes():
        for index in engine.aliases(alias_name(language)):
            engine.delete_index(index)
    settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_INDEX_REPLICAS = previous
    settings.SEARCH_TIMEOUT = previous_timeout
    engine_module.reset_engine()
    indexing._ready.clear()
    service.breaker.success()
    if not was_running:
        _cluster("stop")


class Load:
    """Ask the collection's queries again and again; count what a visitor would notice."""

    def __init__(self, client, queries):
        self.client = client
        self.queries = queries
        self.asked = self.errors = self.fallbacks = 0
        self.slowest = 0.0
        self.differences = []

    def ask(self, query):
        params = {"q": query["q"], "lang": query["lang"], **query.get("filters", {})}
        started = time.monotonic()
        response = self.client.get("/api/search/", params)
        self.slowest = max(self.slowest, time.monotonic() - started)
        self.asked += 1
        if response.status_code != 200:
            self.errors += 1
            return None
        answer = response.json()
        if answer["engine"] == "database":
            self.fallbacks += 1
        return answer["total"], [result["key"] for result in answer["results"]]

    def snapshot(self):
        return {query["id"]: self.ask(query) for query in self.queries}

    def during(self, action, until, expected):
        """Keep asking while ``action`` runs in a thread, then until ``until()`` holds
        and one more full round has been asked; compare every answer with ``expected``."""
        outcome = {}

        def run():
            try:
                outcome["result"] = action()
            except BaseException as exc:  # handed to the test's thread below
                outcome["error"] = exc

        worker = threading.Thread(target=run)
        worker.start()
        rounds_after = 0
        deadline = time.monotonic() + DEADLINE
        while worker.is_alive() or not until() or rounds_after < 1:
            if "error" in outcome:
                raise outcome["error"]
            assert time.monotonic() < deadline, f"nothing changed within {DEADLINE} s"
            done = not worker.is_alive() and until()
            for query in self.queries:
                answer = self.ask(query)
                if answer != expected[query["id"]]:
                    self.differences.append((query["id"], answer, expected[query["id"]]))
            rounds_after += done
        worker.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]


def _primaries(engine, prefix):
    """``{node name: primaries of our indices on it}``."""
    shards = engine.client.cat.shards(index=f"{prefix}-*", format="json", h="index,prirep,node")
    counts = {}
    for shard in shards:
        if shard["prirep"] == "p":
            counts[shard["node"]] = counts.get(shard["node"], 0) + 1
    return counts


class Moment:
    """A condition on the cluster, and when it first held."""

    def __init__(self, condition):
        self.condition = condition
        self.at = None

    def __call__(self):
        if self.at is None and self.condition():
            self.at = time.monotonic()
        return self.at is not None


def test_losing_the_primary_node_keeps_search_on_the_engine(
    three_nodes, tree, client, committed, capsys
):
    """Stop the node with the primaries under load: the engine answers every search, the same.

    Pages published while the node is down are all searchable, the cluster is
    green again once the node is back, and the index matches the database.
    """
    call_command("import_bundle", str(CORPUS / "corpus-bundle.json"), stdout=io.StringIO())
    settings.SEARCH_URL = three_nodes
    engine_module.reset_engine()
    call_command("search_index", "rebuild", stdout=io.StringIO())
    engine = engine_module.get_engine()

    # Three data nodes and SEARCH_INDEX_REPLICAS unset: one replica, all placed.
    layouts = cluster.live_layouts(engine)
    assert len(layouts) == len(language_codes())
    assert {(row.replicas, row.health) for row in layouts} == {(1, "green")}

    queries = json.loads((CORPUS / "corpus-queries.json").read_text(encoding="utf-8"))
    queries = queries[::QUERY_STEP]
    load = Load(client, queries)
    before = load.snapshot()
    assert (load.errors, load.fallbacks) == (0, 0)
    load.asked, load.slowest = 0, 0.0

    primaries = _primaries(engine, settings.SEARCH_INDEX_PREFIX)
    victim_name = max(primaries, key=primaries.get)
    victim = victim_name.rsplit("-", 1)[1]

    node_gone = Moment(lambda: engine.health()["number_of_nodes"] == 2)
    stopped_at = time.monotonic()
    load.during(lambda: _node("stop-node", victim), node_gone, before)
    outage = {
        "asked": load.asked,
        "errors": load.errors,
        "fallbacks": load.fallbacks,
        "slowest": load.slowest,
    }
    assert load.differences == []
    assert (load.errors, load.fallbacks) == (0, 0)
    assert engine.health()["status"] == "yellow"

    # Publishes while the node is down reach the index, from the outbox at once.
    with committed():
        for number in range(PUBLISHED_DURING_OUTAGE):
            RoutinePageFactory(
                parent=tree.routines,
                title=f"Kvazonium {number}",
                slug=f"reservnod-{number}",
                key=f"reservnod-{number}",
                published=True,
            )
    assert not IndexChange.objects.exists()
    for language in language_codes():
        found = engine.count(alias_name(language), {"prefix": {"key": "reservnod-"}})
        assert found == PUBLISHED_DURING_OUTAGE
    answer = client.get("/api/search/", {"q": "kvazonium", "lang": "sv"}).json()
    assert (answer["engine"], answer["total"]) == ("opensearch", PUBLISHED_DURING_OUTAGE)

    during_outage = load.snapshot()
    load.asked = load.errors = load.fallbacks = 0
    load.slowest = 0.0
    green = Moment(lambda: engine.health()["status"] == "green")
    started_at = time.monotonic()
    joined = load.during(lambda: _node("start-node", victim), green, during_outage)
    assert load.differences == []
    assert (load.errors, load.fallbacks) == (0, 0)
    assert engine.health(wait_for_status="green", timeout="5s")["number_of_nodes"] == 3

    call_command("search_index", "check", stdout=io.StringIO())

    with capsys.disabled():
        print(
            f"\n[failover] node {victim_name} ({primaries[victim_name]} of "
            f"{sum(primaries.values())} primaries) stopped under load: "
            f"{outage['asked']} searches, {outage['errors']} errors, "
            f"{outage['fallbacks']} database answers, 0 different, slowest "
            f"{outage['slowest']:.2f} s; "
            f"{PUBLISHED_DURING_OUTAGE} publishes while down all searchable; "
            f"restart: {load.asked} searches, {load.errors} errors, {load.fallbacks} database "
            f"answers, slowest {load.slowest:.2f} s; "
            f"node gone {node_gone.at - stopped_at:.1f} s after the stop; node back "
            f"{joined - started_at:.1f} s after the start, green {green.at - started_at:.1f} s "
            "after the start"
        )
