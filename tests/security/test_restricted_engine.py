"""Restricted material through the real search engine: the index holds it, the
outsider's answers (results, counts, facets, suggestions, autocomplete) never show it."""

import json

import pytest

from tests.search.conftest import committed, search_engine  # noqa: F401 - fixtures
from tests.search.content import load

pytestmark = pytest.mark.engine

# The restricted routine of tests/search/content.py; no public item uses these words.
SECRET = ["hotbedömning", "Hotbedömning vid skyddat boende", "hemlig-rutin"]


@pytest.fixture
def corpus(search_engine, committed, tmp_path):  # noqa: F811 - fixtures
    with committed():
        load(tmp_path)
    return search_engine


def outsider_answer(client, **params):
    response = client.get("/api/search/", {"lang": "sv", **params})
    assert response.status_code == 200
    answer = response.json()
    assert answer["engine"] == "opensearch", answer
    answer.pop("query")
    return answer


def assert_no_secret(answer):
    text = json.dumps(answer, ensure_ascii=False).lower()
    for word in SECRET:
        assert word.lower() not in text, f"{word!r} leaked"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "hotbedömning"},
        {"q": "hotbedömning skyddat boende"},
        {"q": "människohandelsoffer intern rutin"},
        {"q": "boende", "theme": "protection"},
        {"q": "rutin", "type": "routine"},
    ],
)
def test_engine_answers_hold_nothing_restricted(outsider, corpus, params):
    """Results, snippets and facet counts leave the restricted routine out."""
    assert_no_secret(outsider_answer(outsider, **params))


def test_engine_facets_count_public_items_only(outsider, corpus, client, professional):
    """The theme facet counts two public routines for outsiders, three for a professional."""
    outside = outsider_answer(outsider, q="boende skydd offret rutin", type="routine")
    client.force_login(professional)
    inside = client.get(
        "/api/search/", {"q": "boende skydd offret rutin", "type": "routine", "lang": "sv"}
    ).json()
    assert inside["facets"]["theme"]["protection"] == outside["facets"]["theme"]["protection"] + 1


def test_did_you_mean_does_not_reveal_restricted_words(outsider, corpus, client, professional):
    """A misspelt restricted word gets no correction to it; a professional gets one."""
    assert_no_secret(outsider_answer(outsider, q="hotbedömnig"))
    assert_no_secret(outsider_answer(outsider, q="hotbedömnig skyddat"))
    client.force_login(professional)
    inside = client.get("/api/search/", {"q": "hotbedömnig", "lang": "sv"}).json()
    assert inside["suggestion"] == "hotbedömning"


def test_engine_autocomplete_holds_nothing_restricted(outsider, corpus):
    """Autocomplete from the engine offers no restricted title."""
    for q in ("hotb", "Hotbedömning vid", "skyddat"):
        answer = outsider.get("/api/search/autocomplete/", {"q": q, "lang": "sv"}).json()
        assert answer["engine"] == "opensearch"
        answer.pop("query")
        assert_no_secret(answer)


def test_engine_search_page_holds_nothing_restricted(outsider, corpus):
    """The HTML search page on the engine shows no restricted result or suggestion."""
    html = outsider.get("/sv/search/", {"q": "hotbedömnig boende"}).text.lower()
    assert "hotbedömning" not in html
    assert "hemlig-rutin" not in html
