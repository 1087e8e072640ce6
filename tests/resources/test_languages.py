"""Language URLs, the switcher, hreflang and the fallback notice."""

import re

import pytest
from django.utils import translation
from django.utils.translation import get_language_info, gettext

from tests.factories import (
    RegionFactory,
    RoutinePageFactory,
    RoutineStepFactory,
    ThemeFactory,
    publish,
)

NOTICE = "This page is not available in %(wanted)s. It is shown in %(shown)s."


def fallback_notice(language, shown):
    """The notice as the visitor's own catalogue words it."""
    with translation.override(language):
        return gettext(NOTICE) % {
            "wanted": get_language_info(language)["name_translated"],
            "shown": get_language_info(shown)["name_translated"],
        }


@pytest.fixture
def routine(tree):
    return RoutinePageFactory(
        parent=tree.routines,
        title="Tolk vid förhör",
        slug="tolk-vid-forhor",
        summary="Boka en auktoriserad tolk.",
        title_en="Interpreter at interviews",
        slug_en="interpreter-at-interviews",
        summary_en="Book an authorised interpreter.",
    )


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("it", "/it/"),
        ("lv,en;q=0.5", "/lv/"),
        ("de,fr", "/sv/"),
        ("", "/sv/"),
    ],
)
def test_root_redirects_by_accept_language(client, tree, accept, target):
    """/ sends the visitor to their browser's language, Swedish when none fits."""
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response.url == target


def test_switcher_leads_to_the_same_page(client, routine):
    """Every language link of a routine points at that routine in that language."""
    html = client.get("/en/routines/interpreter-at-interviews/").text
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    links = dict(re.findall(r'href="([^"]+)" lang="(\w+)"', switcher))
    assert links == {
        "/sv/rutiner/tolk-vid-forhor/": "sv",
        "/en/routines/interpreter-at-interviews/": "en",
        "/it/procedure/tolk-vid-forhor/": "it",
        "/el/diadikasies/tolk-vid-forhor/": "el",
        "/lv/proceduras/tolk-vid-forhor/": "lv",
    }


def test_hreflang_for_every_language(client, routine):
    """The head names the page's address in each of the five languages."""
    html = client.get("/sv/rutiner/tolk-vid-forhor/").text
    hreflangs = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))
    assert hreflangs == {
        "sv": "http://testserver/sv/rutiner/tolk-vid-forhor/",
        "en": "http://testserver/en/routines/interpreter-at-interviews/",
        "it": "http://testserver/it/procedure/tolk-vid-forhor/",
        "el": "http://testserver/el/diadikasies/tolk-vid-forhor/",
        "lv": "http://testserver/lv/proceduras/tolk-vid-forhor/",
    }


def test_translated_page_has_no_notice(client, routine):
    """A page read in a language it is written in shows no fallback notice."""
    html = client.get("/en/routines/interpreter-at-interviews/").text
    assert "notice--language" not in html
    assert "Book an authorised interpreter." in html


@pytest.mark.parametrize("language", ["it", "el", "lv"])
def test_partner_languages_fall_back_to_english(client, routine, language):
    """Italian, Greek and Latvian readers get English, marked as English."""
    html = client.get(_url(routine, language)).text
    notice = fallback_notice(language, "en")
    assert not notice.startswith("This page"), "the notice must be in the visitor's language"
    assert notice in html
    assert '<h1 lang="en">Interpreter at interviews</h1>' in html
    assert '<p class="lead" lang="en">Book an authorised interpreter.</p>' in html


def test_english_reader_of_swedish_only_page_gets_swedish(client, tree):
    """A page without English is shown in Swedish, with a notice in English."""
    routine = RoutinePageFactory(
        parent=tree.routines, title="Endast svenska", slug="endast-svenska"
    )
    html = client.get(_url(routine, "en")).text
    assert fallback_notice("en", "sv") in html
    assert '<h1 lang="sv">Endast svenska</h1>' in html


def test_text_in_the_visitors_language_has_no_language_mark(client, routine):
    """Only fallback text is marked: an English page's English title needs no lang of its own."""
    html = client.get("/en/routines/interpreter-at-interviews/").text
    assert '<html lang="en">' in html
    assert "<h1>Interpreter at interviews</h1>" in html
    assert '<p class="lead">Book an authorised interpreter.</p>' in html


def test_interface_text_on_a_fallback_page_keeps_the_visitors_language(client, routine):
    """On an Italian page shown in English, headings and labels stay Italian, steps say English."""
    RoutineStepFactory(page=routine, title="Boka tolk", title_en="Book the interpreter")
    RoutineStepFactory(page=routine, title="Endast svenska steget")
    html = client.get(_url(routine, "it")).text
    assert '<html lang="it">' in html
    with translation.override("it"):
        assert f'<h2 id="steps-heading">{gettext("Steps")}</h2>' in html
    assert '<h3 class="step__title" lang="en">Book the interpreter</h3>' in html
    assert '<h3 class="step__title" lang="sv">Endast svenska steget</h3>' in html


def test_taxonomy_terms_are_marked_with_their_language(client, routine):
    """A region named only in Swedish is marked Swedish on an English page."""
    routine.regions.add(RegionFactory(name_sv="Gotlands län", name_en=""))
    routine.themes.add(ThemeFactory(name_sv="Skydd", name_en="Protection"))
    publish(routine)
    html = client.get("/en/routines/interpreter-at-interviews/").text
    assert '<span lang="sv">Gotlands län</span>' in html
    assert "<span>Protection</span>" in html


def _url(page, language):
    with translation.override(language):
        return page.get_url()
