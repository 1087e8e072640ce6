""" "Did you mean" corrects misspellings, never a word the search understood.

A word that a thesaurus concept names, or that the Swedish lexicon spells so,
is no typo even when no page holds it: offering a near word of the index in
its place ("slavarbete" → "samarbete") would send the reader elsewhere.
"""

import pytest

from tests.search.content import load

BUNDLE = {
    "format": "portal-bundle/1",
    "taxonomy": {"themes": [], "regions": [], "audiences": []},
    "organisations": [],
    "routines": [
        {
            "key": "samverkan",
            "title": {"sv": "Samarbete mellan kommunerna"},
            "summary": {"sv": "Så fördelas en stor massa ärenden mellan kontoren."},
            "steps": [],
        },
        {
            "key": "odlingar",
            "title": {"sv": "Tvångsarbete i odlingar"},
            "summary": {"sv": "Arbetare som hålls kvar utan lön under skörden."},
            "steps": [],
        },
    ],
    "guidance": [],
    "news": [],
}
ANSWERED_BY = {"database": "database", "engine": "opensearch"}


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def backend(request, tree, tmp_path, settings):
    """The items loaded for one backend; the name of the backend that must answer."""
    if request.param == "database":
        settings.SEARCH_URL = None
        load(tmp_path, BUNDLE)
        return "database"
    request.getfixturevalue("search_engine")
    with request.getfixturevalue("committed")():
        load(tmp_path, BUNDLE)
    return "engine"


def answer(client, backend, q):
    found = client.get("/api/search/", {"q": q, "lang": "sv"}).json()
    assert found["engine"] == ANSWERED_BY[backend], found
    return found


def test_a_thesaurus_synonym_finds_its_concept_without_a_suggestion(client, backend):
    """ "slavarbete" is the thesaurus's colloquial "tvångsarbete": found, and not "samarbete"."""
    found = answer(client, backend, "slavarbete")
    assert [result["key"] for result in found["results"]][:1] == ["odlingar"]
    assert found["suggestion"] is None


def test_a_word_the_lexicon_spells_is_not_corrected_into_another(client, backend):
    """ "mössa" is in no page, but it is a word: no "did you mean massa"."""
    assert answer(client, backend, "mössa")["suggestion"] is None
    assert answer(client, backend, "samarbete mössa")["suggestion"] is None


def test_a_misspelling_is_still_corrected(client, backend):
    found = answer(client, backend, "odlngar")
    assert found["suggestion"] == "odlingar"
    assert found["results"][0]["key"] == "odlingar"


@pytest.mark.engine
def test_a_word_typed_without_its_dots_gets_them_back(
    client, search_engine, committed, tree, tmp_path
):
    """A thesaurus word typed as "tvangsarbete" is understood, and shown as it is written."""
    with committed():
        load(tmp_path, BUNDLE)
    found = answer(client, "engine", "tvangsarbete")
    assert found["results"][0]["key"] == "odlingar"
    assert found["suggestion"] == "tvångsarbete"
