"""Without an engine the same page and API answer from the database."""

import pytest
from django.test import override_settings

from tests.search.content import CONTRACT_KEYS, load


@pytest.fixture
def corpus(tree, tmp_path):
    with override_settings(SEARCH_URL=None):
        load(tmp_path)


@override_settings(SEARCH_URL=None)
def test_imported_items_are_found_right_after_the_import(client, corpus):
    """The API answers from the database, in the contract's shape, with imported items."""
    answer = client.get("/api/search/", {"q": "tolk", "lang": "sv"}).json()
    assert set(answer) == CONTRACT_KEYS
    assert answer["engine"] == "database"
    assert answer["results"][0]["key"] == "tolk-vid-forhor"
    assert set(answer["results"][0]) == {"key", "type", "title", "url", "lang", "snippet"}
    assert answer["results"][0]["url"] == "/sv/rutiner/tolk-vid-forhor/"


@override_settings(SEARCH_URL=None)
def test_filters_facets_and_permissions(client, corpus, professional):
    """Filters narrow, facets count with the other filters, restricted stays hidden."""
    answer = client.get("/api/search/", {"q": "boende", "lang": "sv"}).json()
    assert "hemlig-rutin" not in [r["key"] for r in answer["results"]]
    assert "Hotbedömning" not in str(answer)
    filtered = client.get(
        "/api/search/", {"q": "boende", "lang": "sv", "type": "organisation"}
    ).json()
    assert {r["type"] for r in filtered["results"]} == {"organisation"}
    assert filtered["facets"]["type"].get("routine", 0) >= 1
    client.force_login(professional)
    answer = client.get("/api/search/", {"q": "hotbedömning", "lang": "sv"}).json()
    assert "hemlig-rutin" in [r["key"] for r in answer["results"]]


@override_settings(SEARCH_URL=None)
def test_snippet_is_escaped(client, corpus):
    """Database snippets are escaped text with <mark> around the words."""
    answer = client.get("/api/search/", {"q": "traumabehandling", "lang": "sv"}).json()
    result = next(r for r in answer["results"] if r["key"] == "kodad-text")
    assert "<mark>traumabehandling</mark>" in result["snippet"]
    assert "&lt;script&gt;" in result["snippet"]


@override_settings(SEARCH_URL="http://127.0.0.1:9")
def test_unreachable_engine_falls_back(client, corpus):
    """An engine that does not answer never breaks the page: the database answers."""
    answer = client.get("/api/search/", {"q": "tolk", "lang": "sv"}).json()
    assert answer["engine"] == "database"
    assert answer["results"][0]["key"] == "tolk-vid-forhor"
    page = client.get("/sv/search/", {"q": "tolk"})
    assert page.status_code == 200
    assert "Tolk vid förhör" in page.text


@override_settings(SEARCH_URL=None)
def test_autocomplete_from_the_database(client, corpus):
    """Autocomplete answers titles from the database too, never restricted ones."""
    answer = client.get("/api/search/autocomplete/", {"q": "tolk", "lang": "sv"}).json()
    assert answer["results"][0]["key"] == "tolk-vid-forhor"
    hidden = client.get("/api/search/autocomplete/", {"q": "hotbed", "lang": "sv"}).json()
    assert hidden["results"] == []


@override_settings(SEARCH_URL=None)
def test_snippet_of_rich_text_has_no_tags(client, corpus):
    """A snippet taken from rich text shows its words, not its markup."""
    answer = client.get("/api/search/", {"q": "skyddsboendet", "lang": "sv"}).json()
    result = next(r for r in answer["results"] if r["key"] == "boendet")
    assert "Skyddat boende" in result["snippet"]
    assert "&lt;p&gt;" not in result["snippet"] and "<p>" not in result["snippet"]
