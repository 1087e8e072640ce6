"""Search against the real engine: language, permissions, facets, changes, rebuild."""

import pytest
from django.core.management import call_command

from core.access import set_restricted
from core.i18n import language_codes
from resources.models import RoutinePage
from search import engine as engine_module
from search import engine_query, indexing
from search.index import alias_name
from tests.factories import publish
from tests.search.content import load

pytestmark = pytest.mark.engine


@pytest.fixture
def corpus(search_engine, committed, tmp_path):
    with committed():
        load(tmp_path)
    return search_engine


def keys(client, **params):
    answer = client.get("/api/search/", params).json()
    assert answer["engine"] == "opensearch", answer
    return [result["key"] for result in answer["results"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("tolkar vid förhören", "tolk-vid-forhor"),  # inflections
        ("förhöret", "tolk-vid-forhor"),
        ("uppehållstillståndet", "reflektionsperiod"),
        ("behandling", "kodad-text"),  # a part of the compound traumabehandling
        ("skyddsboende", "placering"),  # compound written together
        ("trafficking", "jouren"),  # synonym of människohandel
        ("manniskohandel", "jouren"),  # typed without å/ä/ö
        ("reflektionsperod", "reflektionsperiod"),  # typo
    ],
)
def test_swedish_word_forms_find_the_item(client, corpus, q, expected):
    """Inflections, compounds, synonyms, folded letters and typos find the item."""
    assert expected in keys(client, q=q, lang="sv")[:3]


def test_english_query_finds_english_and_swedish_items(client, corpus):
    """An English reader finds the English routine, labelled English."""
    answer = client.get("/api/search/", {"q": "interpreter", "lang": "en"}).json()
    assert answer["results"][0]["key"] == "tolk-vid-forhor"
    assert answer["results"][0]["lang"] == "en"
    assert answer["results"][0]["url"] == "/en/routines/interpreter-at-interviews/"


def test_function_words_alone_match_nothing(client, corpus):
    """Words like "och", "i", "vid", "and", "at" do not drag in items that share only them."""
    assert keys(client, q="och i vid", lang="sv") == []
    assert keys(client, q="tolk och i", lang="sv") == ["tolk-vid-forhor"]
    assert keys(client, q="and at the", lang="en") == []
    assert "tolk-vid-forhor" in keys(client, q="interpreter and at", lang="en")


def test_translated_text_ranks_before_fallback_text(client, corpus):
    """An English visitor sees items written in English before equal Swedish fallbacks."""
    answer = client.get("/api/search/", {"q": "tolk boende", "lang": "en"}).json()
    languages = [result["lang"] for result in answer["results"]]
    assert languages == sorted(languages, key=lambda lang: lang != "en")


def test_feedback_reorders_without_changing_matches_or_counts(client, corpus, monkeypatch):
    """Ranking by the best hit's subject keeps the same items, total and facet counts."""
    params = {"q": "boende", "lang": "sv"}
    with_feedback = client.get("/api/search/", params).json()
    monkeypatch.setattr(engine_query, "with_feedback", lambda body, hit: body)
    without = client.get("/api/search/", params).json()
    assert with_feedback["total"] == without["total"] > 1
    assert with_feedback["facets"] == without["facets"]
    assert {r["key"] for r in with_feedback["results"]} == {r["key"] for r in without["results"]}


def test_typo_gets_a_suggestion(client, corpus):
    """A misspelt word answers with a corrected query; a correct one with none."""
    answer = client.get("/api/search/", {"q": "reflektionsperod", "lang": "sv"}).json()
    assert answer["suggestion"] == "reflektionsperiod"
    correct = client.get("/api/search/", {"q": "reflektionsperiod", "lang": "sv"}).json()
    assert correct["suggestion"] is None


def test_a_search_with_a_checked_suggestion_takes_two_round_trips(client, corpus, monkeypatch):
    """The best hit and the suggestions come first; the search and the check go together."""
    calls = []

    def counted(name):
        original = getattr(engine_module.Engine, name)

        def call(self, index, body, *args, **kwargs):
            calls.append((name, len(body) if name == "msearch" else 1))
            return original(self, index, body, *args, **kwargs)

        return call

    for name in ("search", "msearch"):
        monkeypatch.setattr(engine_module.Engine, name, counted(name))
    answer = client.get("/api/search/", {"q": "reflektionsperod", "lang": "sv"}).json()
    assert answer["suggestion"] == "reflektionsperiod"
    assert answer["results"], "the search itself was answered"
    # An anonymous visitor's suggestion is checked against what they may see.
    assert calls == [("search", 1), ("msearch", 2)]


def test_facets_count_with_the_other_filters(client, corpus):
    """Facet counts reflect the other active filters, not their own."""
    answer = client.get("/api/search/", {"q": "skyddat boende offret", "lang": "sv"}).json()
    assert answer["facets"]["type"]["routine"] >= 2
    narrowed = client.get(
        "/api/search/", {"q": "skyddat boende offret", "lang": "sv", "region": "skane"}
    ).json()
    assert all(
        r["key"] in ("placering", "reflektionsperiod", "boendet") for r in narrowed["results"]
    )
    assert narrowed["facets"]["region"]["stockholm"] >= 1  # the region facet ignores its own filter
    assert "organisation" in narrowed["facets"]["type"]
    routines = client.get(
        "/api/search/",
        {"q": "skyddat boende offret", "lang": "sv", "region": "skane", "type": "routine"},
    ).json()
    assert {r["type"] for r in routines["results"]} == {"routine"}
    assert routines["total"] == routines["facets"]["type"]["routine"]


def test_snippet_escapes_html_and_marks_words(client, corpus):
    """Snippets are escaped text in which only <mark> is markup."""
    answer = client.get("/api/search/", {"q": "traumabehandling", "lang": "sv"}).json()
    result = next(r for r in answer["results"] if r["key"] == "kodad-text")
    assert "<mark>" in result["snippet"]
    assert "<script>" not in result["snippet"]
    assert "&lt;script&gt;" in result["snippet"]
    assert result["snippet"].replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_restricted_never_reaches_anonymous(client, corpus, professional):
    """Anonymous visitors get no restricted item, title or count; professionals do."""
    answer = client.get("/api/search/", {"q": "hotbedömning", "lang": "sv"}).json()
    assert "hemlig-rutin" not in [r["key"] for r in answer["results"]]
    assert "Hotbedömning" not in str(answer)
    routines = client.get("/api/search/", {"q": "skyddat boende", "lang": "sv"}).json()
    anonymous_count = routines["facets"]["type"].get("routine", 0)
    client.force_login(professional)
    answer = client.get("/api/search/", {"q": "hotbedömning", "lang": "sv"}).json()
    assert answer["results"][0]["key"] == "hemlig-rutin"
    routines = client.get("/api/search/", {"q": "skyddat boende", "lang": "sv"}).json()
    assert routines["facets"]["type"]["routine"] == anonymous_count + 1


def test_autocomplete_answers_titles(client, corpus):
    """Autocomplete offers titles from the first letters, never restricted ones."""
    answer = client.get("/api/search/autocomplete/", {"q": "refl", "lang": "sv"}).json()
    assert answer["results"][0]["key"] == "reflektionsperiod"
    hidden = client.get("/api/search/autocomplete/", {"q": "hotbed", "lang": "sv"}).json()
    assert hidden["results"] == []


def test_publish_unpublish_delete_move_and_privacy(client, corpus, committed):
    """Every kind of change shows in results once its transaction commits."""
    routine = RoutinePage.objects.get(key="tolk-vid-forhor")
    with committed():
        publish(routine, title_sv="Tolk vid förhör med barn")
    assert (
        client.get("/api/search/", {"q": "barn tolk", "lang": "sv"}).json()["results"][0]["title"]
        == "Tolk vid förhör med barn"
    )
    with committed():
        set_restricted(routine, True)
    assert "tolk-vid-forhor" not in keys(client, q="tolk", lang="sv")
    with committed():
        set_restricted(routine, False)
    assert "tolk-vid-forhor" in keys(client, q="tolk", lang="sv")
    with committed():
        routine.unpublish()
    assert "tolk-vid-forhor" not in keys(client, q="tolk", lang="sv")
    with committed():
        publish(routine)
    assert "tolk-vid-forhor" in keys(client, q="tolk", lang="sv")
    with committed():
        routine.delete()
    assert "tolk-vid-forhor" not in keys(client, q="tolk", lang="sv")


def test_slug_change_and_move_update_urls(client, corpus, committed):
    """A renamed slug changes the URL the search returns."""
    routine = RoutinePage.objects.get(key="placering")
    with committed():
        publish(routine, slug_sv="placering-skyddat-boende")
    result = client.get("/api/search/", {"q": "placering", "lang": "sv"}).json()["results"][0]
    assert result["url"] == "/sv/rutiner/placering-skyddat-boende/"


def test_rolled_back_change_is_not_indexed(client, corpus):
    """A publish whose transaction rolls back never reaches the index."""
    from django.db import transaction

    routine = RoutinePage.objects.get(key="placering")
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(routine, title_sv="Spökrutin")
        raise RuntimeError("rollback")
    indexing.drain()
    assert keys(client, q="spökrutin", lang="sv") == []


def test_rebuild_swaps_aliases_and_keeps_answering(client, corpus):
    """A rebuild writes fresh indices, searches answer throughout, then aliases swap."""
    engine = corpus
    before = {language: set(engine.aliases(alias_name(language))) for language in language_codes()}
    answers = []

    def search_meanwhile(done, total):
        answers.append(keys(client, q="tolk", lang="sv"))

    counts = indexing.rebuild(progress=search_meanwhile)
    assert answers and all("tolk-vid-forhor" in answer for answer in answers)
    after = {language: set(engine.aliases(alias_name(language))) for language in language_codes()}
    for language in language_codes():
        assert after[language] and after[language].isdisjoint(before[language])
        assert not any(engine.index_exists(index) for index in before[language])
    assert counts["sv"] == 8  # every public and restricted item, one document each
    assert "tolk-vid-forhor" in keys(client, q="tolk", lang="sv")


def test_rebuild_in_many_batches_leaves_searchable_indices(client, corpus):
    """Batches sent while the next is built all arrive; the indices refresh and are on disk."""
    engine = corpus
    counts = indexing.rebuild(batch_size=2)
    assert counts["sv"] == 8
    assert "tolk-vid-forhor" in keys(client, q="tolk", lang="sv")
    for language in language_codes():
        (index,) = engine.aliases(alias_name(language))
        settings = engine.client.indices.get_settings(index=index)[index]["settings"]["index"]
        assert settings["refresh_interval"] == "1s"
        stats = engine.client.indices.stats(index=index, metric="translog")
        assert stats["indices"][index]["primaries"]["translog"]["uncommitted_operations"] == 0


def test_failed_batch_keeps_the_old_indices(client, corpus, monkeypatch):
    """A batch the engine refuses mid-rebuild: the error surfaces, searches use the old indices."""
    engine = corpus
    before = {language: set(engine.aliases(alias_name(language))) for language in language_codes()}
    created = []
    original_create, original_bulk = engine.create_index, engine.bulk
    calls = []

    def recording_create(name, body):
        created.append(name)
        return original_create(name, body)

    def failing_bulk(operations, refresh=False):
        calls.append(len(operations))
        if len(calls) == 2:
            raise engine_module.EngineError("bulk failed: simulated")
        return original_bulk(operations, refresh)

    monkeypatch.setattr(engine, "create_index", recording_create)
    monkeypatch.setattr(engine, "bulk", failing_bulk)
    with pytest.raises(engine_module.EngineError, match="simulated"):
        indexing.rebuild(batch_size=2)
    after = {language: set(engine.aliases(alias_name(language))) for language in language_codes()}
    assert after == before
    assert created and not any(engine.index_exists(name) for name in created)
    assert "tolk-vid-forhor" in keys(client, q="tolk", lang="sv")


def test_status_command_reports_counts(corpus, capsys):
    """`search_index status` shows documents per language against the database."""
    call_command("search_index", "status")
    output = capsys.readouterr().out
    assert "sv" in output and "8" in output
