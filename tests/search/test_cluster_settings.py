"""Shards, replicas and several nodes in SEARCH_URL, on the real test engine."""

import io
import json
import os
import re
import socket
import urllib.request

import pytest
from django.core.management import call_command

from core.i18n import language_codes
from search import cluster, service
from search import engine as engine_module
from search.checks import layout_errors
from search.engine import EngineError, node_urls
from search.index import alias_name
from tests.factories import RoutinePageFactory
from tests.search.conftest import SEARCH_URL

pytestmark = pytest.mark.engine


def closed_port_url():
    """The URL of a port on this machine where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(("nodes", "replicas"), [(1, 0), (2, 1), (3, 1), (5, 1)])
def test_default_replicas_follow_the_number_of_data_nodes(nodes, replicas):
    """Unset, SEARCH_INDEX_REPLICAS means a copy on another node when there is one."""
    assert cluster.default_replicas(nodes) == replicas


def test_a_single_node_gets_indices_without_replicas(search_engine):
    """On one node a replica could never be placed: the indices have none and are green."""
    layouts = cluster.live_layouts(search_engine)
    assert [row.language for row in layouts] == list(language_codes())
    assert {(row.shards, row.replicas, row.health) for row in layouts} == {(1, 0, "green")}


def test_settings_command_applies_replicas_to_live_indices(
    search_engine, settings, committed, tree
):
    """`search_index settings` changes live replicas: no rebuild, nothing lost."""
    with committed():
        RoutinePageFactory(parent=tree.routines, title="Replikrutin", published=True)
    before = {row.language: row.index for row in cluster.live_layouts(search_engine)}

    settings.SEARCH_INDEX_REPLICAS = 1
    out = io.StringIO()
    call_command("search_index", "settings", stdout=out)
    assert "1 replica(s) need 2 data nodes" in out.getvalue()
    after = cluster.live_layouts(search_engine)
    assert {row.language: row.index for row in after} == before
    assert {row.replicas for row in after} == {1}
    assert search_engine.count(alias_name("sv")) == 1

    settings.SEARCH_INDEX_REPLICAS = None
    out = io.StringIO()
    call_command("search_index", "settings", stdout=out)
    assert f"{len(before)} index(es) changed." in out.getvalue()
    assert {(row.replicas, row.health) for row in cluster.live_layouts(search_engine)} == {
        (0, "green")
    }


def test_rebuild_takes_the_configured_shards(search_engine, settings, committed, tree, client):
    """SEARCH_INDEX_SHARDS applies to the fresh indices of a rebuild; `settings` says so before."""
    with committed():
        RoutinePageFactory(parent=tree.routines, title="Skärvrutin", published=True)
    settings.SEARCH_INDEX_SHARDS = 2
    out = io.StringIO()
    call_command("search_index", "settings", stdout=out)
    assert "SEARCH_INDEX_SHARDS=2 takes effect on rebuild" in out.getvalue()

    call_command("search_index", "rebuild", stdout=io.StringIO())
    layouts = cluster.live_layouts(search_engine)
    assert {(row.shards, row.replicas) for row in layouts} == {(2, 0)}
    answer = client.get("/api/search/", {"q": "skärvrutin", "lang": "sv"}).json()
    assert (answer["engine"], answer["total"]) == ("opensearch", 1)


def test_status_names_the_engine_and_its_nodes(search_engine):
    """`search_index status` tells which product and version answer, and how many data nodes.

    CI sets TEST_SEARCH_MAJOR for each engine pass, so a pass cannot run on the wrong major.
    """
    with urllib.request.urlopen(SEARCH_URL, timeout=5) as response:  # noqa: S310 - test engine
        number = json.load(response)["version"]["number"]
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    # Green, or yellow when another index on a shared single node asks for replicas.
    status = (
        re.escape(f"OpenSearch {number}, cluster ")
        + r"(green|yellow)"
        + re.escape(", 1 data node(s)")
    )
    assert re.search(status, out.getvalue())
    assert search_engine.major == int(number.split(".")[0])
    assert search_engine.major == int(os.environ.get("TEST_SEARCH_MAJOR", search_engine.major))
    assert search_engine.major in (2, 3)


def test_node_urls_are_read_from_a_comma_separated_list():
    """SEARCH_URL may name several nodes; spaces around them do not matter."""
    assert node_urls("http://a:9200, http://b:9200") == ["http://a:9200", "http://b:9200"]
    with pytest.raises(EngineError, match="empty entry"):
        node_urls("http://a:9200,,http://b:9200")
    with pytest.raises(EngineError, match="not an http"):
        node_urls("http://a:9200,b:9200")


def test_system_check_reports_a_bad_layout():
    """A broken node list or an impossible shard or replica count is a clear check error."""
    ids = {error.id for error in layout_errors("http://a:9200,", 0, -1)}
    assert ids == {"search.E007", "search.E008", "search.E009"}
    assert layout_errors("http://a:9200,http://b:9200", 1, None) == []


@pytest.mark.parametrize("dead_first", [True, False])
def test_a_dead_node_in_search_url_costs_no_search(
    search_engine, settings, client, committed, tree, dead_first
):
    """With one of two listed nodes down, every search and publish goes to the live one."""
    dead = closed_port_url()
    settings.SEARCH_URL = f"{dead},{SEARCH_URL}" if dead_first else f"{SEARCH_URL},{dead}"
    engine_module.reset_engine()
    service.breaker.success()
    with committed():
        RoutinePageFactory(parent=tree.routines, title="Nodrutin", key="nodrutin", published=True)
    answers = [
        client.get("/api/search/", {"q": "nodrutin", "lang": "sv"}).json() for _ in range(12)
    ]
    assert {answer["engine"] for answer in answers} == {"opensearch"}
    assert all([r["key"] for r in answer["results"]] == ["nodrutin"] for answer in answers)
    assert engine_module.get_engine().nodes == settings.SEARCH_URL.split(",")


def test_no_node_answering_falls_back_to_the_database(search_engine, settings, client):
    """When no listed node answers, search answers from the database, as with one node."""
    settings.SEARCH_URL = f"{closed_port_url()},{closed_port_url()}"
    engine_module.reset_engine()
    answer = client.get("/api/search/", {"q": "rutin", "lang": "sv"}).json()
    assert answer["engine"] == "database"
