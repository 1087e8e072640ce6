"""Without an engine the same page and API answer from the database."""

import io
import json

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
    assert set(answer["results"][0]) == {
        "key",
        "type",
        "title",
        "url",
        "lang",
        "snippet",
        "promoted",
    }
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


@pytest.fixture
def many_restricted(tree, tmp_path):
    """1,500 restricted news items matching "kvartalsrapport", loaded first, then 3 public.

    The bench's bulk loader writes them (import_bundle would take minutes); it
    writes no full-text entries, so the fallback finds them by title, as it
    finds words the database backend does not stem.
    """
    from bench.load_corpus import load as bulk_load

    def news(number, restricted):
        theme = "hemligt" if restricted else "oppet"
        return {
            "key": f"{theme}-{number}",
            "title": {"sv": f"Kvartalsrapport {theme} {number}"},
            "summary": {"sv": "Rapporten."},
            "body": {"sv": "<p>Rapporten.</p>"},
            "date": "2026-05-01",
            "themes": [theme],
            "restricted": restricted,
        }

    terms = {"themes": [{"key": k, "name": {"sv": k}} for k in ("hemligt", "oppet")]}
    empty = {"regions": [], "audiences": [], "organisations": [], "routines": [], "guidance": []}
    for items in ([news(n, True) for n in range(1500)], [news(n, False) for n in range(3)]):
        path = tmp_path / f"bundle-{len(items)}.json"
        bundle = {
            "format": "portal-bundle/1",
            "taxonomy": {**terms, "regions": [], "audiences": []},
            **{k: v for k, v in empty.items() if k not in ("regions", "audiences")},
            "news": items,
        }
        path.write_text(json.dumps(bundle), encoding="utf-8")
        bulk_load(path, stdout=io.StringIO(), translation_status=False)


@override_settings(SEARCH_URL=None)
def test_permissions_apply_before_counting_and_the_cap(client, many_restricted, professional):
    """1,500 restricted matches no longer crowd out the public ones, nor skew counts.

    Anonymous: exactly the three public items, in the total and in every facet.
    A professional: all 1,503, more than the old cap of 1,000 per type.
    """
    query = {"q": "kvartalsrapport", "lang": "sv"}
    answer = client.get("/api/search/", query).json()
    assert answer["engine"] == "database"
    assert answer["total"] == 3
    assert answer["facets"]["type"] == {"news": 3}
    assert answer["facets"]["theme"] == {"oppet": 3}
    assert {r["key"] for r in answer["results"]} == {"oppet-0", "oppet-1", "oppet-2"}
    assert "hemligt" not in json.dumps(answer)
    filtered = client.get("/api/search/", {**query, "theme": "hemligt"}).json()
    assert filtered["total"] == 0 and filtered["results"] == []
    assert client.get("/api/search/", {"type": "news", "lang": "sv"}).json()["total"] == 3

    client.force_login(professional)
    answer = client.get("/api/search/", query).json()
    assert answer["total"] == 1503
    assert answer["facets"]["type"] == {"news": 1503}
    assert answer["facets"]["theme"] == {"hemligt": 1500, "oppet": 3}
    assert len(answer["results"]) == 10
    last = client.get("/api/search/", {**query, "page": "151"}).json()
    assert len(last["results"]) == 3
