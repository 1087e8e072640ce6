"""Both backends analyse words alike: stems, folds, splits, corrects, expands.

The items use general Swedish words that are in the Hunspell lexicon but in
no curated list of the portal (thesaurus aside, where a test says so). The
tests that search run against the database search (no engine) and against
the real engine, which indexes the same analysis (``analysed_*`` fields).
"""

import pytest
from django.test import override_settings

from search.lexicon import lexicon
from search.textanalysis import analyzer
from tests.search.content import load

BUNDLE = {
    "format": "portal-bundle/1",
    "taxonomy": {
        "themes": [{"key": "vardag", "name": {"sv": "Vardag och fritid", "en": "Everyday life"}}],
        "regions": [],
        "audiences": [],
    },
    "organisations": [
        {
            "key": "nattjour",
            "name": {"sv": "Nattjouren för föräldrar"},
            "kind": "hotline",
            "open_24h": True,
            "phone": "+46 8 555 020 20",
            "description": {"sv": "<p>Svarar dygnet runt.</p>"},
        },
        {
            "key": "intern-jour",
            "name": {"sv": "Intern beredskapslinje"},
            "kind": "hotline",
            "open_24h": True,
            "restricted": True,
            "description": {"sv": "<p>Endast för personal.</p>"},
        },
    ],
    "routines": [
        {
            "key": "verkstad",
            "title": {"sv": "Cykelverkstaden öppnar i höst"},
            "summary": {"sv": "Verkstaden lagar cyklar åt barnfamiljer utan kostnad."},
            "steps": [],
            "themes": ["vardag"],
        },
        {
            "key": "klader",
            "title": {"sv": "Vinterkläder till familjer"},
            "summary": {"sv": "Kommunen delar ut varma jackor och stövlar."},
            "steps": [],
            "themes": ["vardag"],
        },
        {
            "key": "tolkning",
            "title": {"sv": "Beställa tolk till samtal"},
            "summary": {"sv": "Så bokas en tolk före samtalet."},
            "steps": [],
        },
        {
            "key": "lvu-rutin",
            "title": {"sv": "Vård av unga enligt lagen med särskilda bestämmelser om vård av unga"},
            "summary": {"sv": "När socialnämnden ansöker om vård."},
            "steps": [],
        },
        {
            "key": "stod-exakt",
            "title": {"sv": "Stöd till anhöriga"},
            "summary": {"sv": "Samtal för den som står nära."},
            "steps": [],
        },
        {
            "key": "stod-mycket",
            "title": {"sv": "Anhöriga i vardagen"},
            "summary": {"sv": "Stöd till anhöriga: stöd, stöd och åter stöd för anhöriga."},
            "steps": [],
        },
    ],
    "guidance": [],
    "news": [],
}


ANSWERED_BY = {"database": "database", "engine": "opensearch"}


@pytest.fixture
def corpus(tree, tmp_path, settings):
    settings.SEARCH_URL = None
    load(tmp_path, BUNDLE)
    return "database"


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def backend(request, tree, tmp_path, settings):
    """The corpus loaded for one backend; the name of the backend that must answer."""
    if request.param == "database":
        return request.getfixturevalue("corpus")
    request.getfixturevalue("search_engine")
    with request.getfixturevalue("committed")():
        load(tmp_path, BUNDLE)
    return "engine"


def answer(client, backend, q, lang="sv"):
    found = client.get("/api/search/", {"q": q, "lang": lang}).json()
    assert found["engine"] == ANSWERED_BY[backend], found
    return found


def keys(client, q, lang="sv", backend="database"):
    return [result["key"] for result in answer(client, backend, q, lang)["results"]]


# Compounds of general Swedish that split, and words that are no compound.
COMPOUNDS = {
    "reflektionstid": ["reflektion", "tid"],
    "tvångsarbete": ["tvångs", "arbete"],
    "uppehållstillstånd": ["uppehåll", "tillstånd"],
    "skyddsboende": ["skydd", "boende"],
    "sexköpslagen": ["sexköp", "lagen"],
    "bostadsbidrag": ["bostad", "bidrag"],
    "busshållplats": ["buss", "hållplats"],
    "sjuksköterska": ["sjuk", "sköterska"],
    "kontaktperson": ["kontakt", "person"],
}
NOT_COMPOUNDS = [
    "telefon",
    "information",
    "exploatering",
    "ansökan",
    "kommunen",
    "polisen",
    "restaurang",
    "situation",
    "verksamhet",
    "försörjning",
    "kommunikation",
    "medarbetare",
]


@pytest.mark.parametrize(("word", "parts"), COMPOUNDS.items())
def test_compounds_split_with_the_lexicon(settings, word, parts):
    assert swedish_lexicon(settings).split(word) == parts


@pytest.mark.parametrize("word", NOT_COMPOUNDS)
def test_words_that_are_no_compounds_stay_whole(settings, word):
    assert swedish_lexicon(settings).split(word) == []


def swedish_lexicon(settings):
    """The lexicon of the pinned hunspell-sv package: missing is a broken install, not a skip."""
    found = lexicon(settings.LANGUAGE_CODE)
    assert found is not None, "hunspell-sv (requirements.txt) is not installed"
    return found


def test_inflected_and_folded_forms_share_a_stem(settings):
    swedish = analyzer(settings.LANGUAGE_CODE)
    stems = {token.stem for word in ("verkstaden", "verkstad") for token in swedish.tokens(word)}
    assert len(stems) == 1
    assert [t.stem for t in swedish.tokens("vinterklader")] == [
        t.stem for t in swedish.tokens("Vinterkläder")
    ]
    assert [t.stem for t in swedish.tokens("och")] == []  # a stopword


@pytest.mark.parametrize(
    ("q", "key"),
    [
        ("cykelverkstad", "verkstad"),  # inflected: the title says "Cykelverkstaden"
        ("verkstäder", "verkstad"),  # a plural of a compound's part
        ("cykel", "verkstad"),  # a compound's first part
        ("vinterklader", "klader"),  # folded
        ("famlijer", "klader"),  # misspelt (one transposition)
        ("jackorna", "klader"),  # inflected, in the summary
    ],
)
def test_forms_of_words_find_the_item(client, backend, q, key):
    """Inflected, compounded, folded and misspelt forms no curated list holds find the item."""
    assert key in keys(client, q, backend=backend)[:3]


def test_a_misspelling_is_corrected_and_suggested(client, backend):
    found = answer(client, backend, "famlijer")
    assert found["results"][0]["key"] == "klader"
    assert found["suggestion"] == "familjer"


def test_thesaurus_synonyms_and_abbreviations(client, backend):
    """ "tolkning" is a synonym of "tolk" in the thesaurus; "LVU" abbreviates the act."""
    assert keys(client, "tolkning", backend=backend)[0] == "tolkning"
    assert keys(client, "lvu", backend=backend)[0] == "lvu-rutin"


def test_an_english_query_finds_a_swedish_only_item(client, backend):
    """No English text, no English synonym list: the thesaurus carries "interpreter" to "tolk"."""
    assert keys(client, "interpreter", lang="en", backend=backend)[0] == "tolkning"
    assert keys(client, "interprete", lang="it", backend=backend)[0] == "tolkning"


def test_an_exact_title_comes_first(client, backend):
    """The title that is the query beats a page repeating its words in the text."""
    assert keys(client, "stöd till anhöriga", backend=backend)[0] == "stod-exakt"


def test_no_outage_notice_without_an_engine(client, corpus):
    page = client.get("/sv/search/", {"q": "vinterkläder"})
    assert page.status_code == 200
    assert "Vinterkläder till familjer" in page.text
    assert "Söktjänsten är begränsad" not in page.text


@override_settings(SEARCH_URL="http://127.0.0.1:9")
def test_the_outage_notice_stays_for_a_failing_engine(client, corpus):
    page = client.get("/sv/search/", {"q": "vinterkläder"})
    assert "Söktjänsten är begränsad" in page.text


def test_a_page_without_results_helps(client, corpus, professional):
    """A suggestion from the titles, the theme areas, the 24/7 contacts: only visible ones."""
    answer = client.get("/api/search/", {"q": "vintrkladr", "lang": "sv"}).json()
    assert answer["total"] == 0
    assert answer["suggestion"] == "vinterkläder"
    page = client.get("/sv/search/", {"q": "vintrkladr"})
    assert "Inget hittades" in page.text
    assert "vinterkläder</a>" in page.text
    assert "Vardag och fritid" in page.text
    assert "Nattjouren för föräldrar" in page.text
    assert "Intern beredskapslinje" not in page.text
    hidden = client.get("/api/search/", {"q": "beredskapslinj", "lang": "sv"}).json()
    assert hidden["total"] == 0 and hidden["suggestion"] is None
    client.force_login(professional)
    page = client.get("/sv/search/", {"q": "vintrkladr"})
    assert "Intern beredskapslinje" in page.text


def test_update_index_rebuilds_the_term_rows(client, corpus):
    """``manage.py update_index`` writes the database search's rows as it writes Wagtail's."""
    import io

    from django.core.management import call_command

    from search.models import SearchTerm

    SearchTerm.objects.all().delete()
    assert keys(client, "verkstäder") == []
    call_command("update_index", stdout=io.StringIO())
    assert keys(client, "verkstäder")[0] == "verkstad"
