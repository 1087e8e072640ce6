"""What visitors do on the portal, in a real browser, on a desktop and on a phone.

Every journey runs twice (``viewport``: 1280 px desktop, 375 px phone) and
every page it opens is checked for sideways scrolling.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_fits, effective_language, is_mobile, log_in, shoot, visit

pytestmark = pytest.mark.e2e

IDENTIFY = "/sv/rutiner/rutin-identifiering-presumtivt-offer/"
RESTRICTED = "/sv/rutiner/rutin-hotbedomning-skyddat-boende/"


@pytest.mark.parametrize(
    ("locale", "language"), [("it-IT", "it"), ("lv-LV", "lv"), ("de-DE", "sv")]
)
def test_visitor_lands_in_their_language(new_tab, portal, locale, language):
    """Opening / sends the visitor to the start page in their browser's language (else Swedish)."""
    page = new_tab(locale=locale)
    visit(page, "/")
    assert page.url == f"{portal.base_url}/{language}/"
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_switching_language_stays_on_the_routine(page, screenshots):
    """From a Swedish routine, English and Italian show the same routine, marked by language."""
    visit(page, "/sv/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Rutiner").click()
    routine = "Identifiering av ett presumtivt offer för människohandel"
    page.get_by_role("link", name=routine).click()
    expect(page).to_have_url(re.compile(re.escape(IDENTIFY) + "$"))
    assert_fits(page)
    shoot(page, screenshots, "routine")

    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/routines/[\w-]+/$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Identifying a presumed victim of human trafficking")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_fits(page)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="italiano").click()
    expect(page).to_have_url(re.compile(r"/it/procedure/[\w-]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "it")
    # Not translated into Italian: shown in English, said in Italian, marked as English.
    expect(heading).to_have_text("Identifying a presumed victim of human trafficking")
    notice = page.locator(".notice--language")
    expect(notice).to_contain_text(re.compile("inglese", re.I))
    assert effective_language(notice) == "it"
    assert effective_language(heading) == "en"
    assert effective_language(page.locator(".step__title").first) == "en"
    assert effective_language(page.locator(".step__requirement").first) == "it"
    assert_fits(page)


def test_search_with_a_typo_suggestion_facet_and_result(page, screenshots):
    """A misspelt Swedish query offers the right spelling; a facet narrows; a result opens."""
    visit(page, "/sv/")
    search = page.get_by_role("search").first
    search.get_by_role("combobox").fill("skydadt boende")
    search.get_by_role("button", name="Sök").click()
    expect(page).to_have_url(re.compile(r"/sv/search/\?q=skydadt"))
    assert_fits(page)

    suggestion = page.locator(".suggestion")
    expect(suggestion).to_contain_text("Menade du")
    suggestion.get_by_role("link", name="skyddat boende").click()
    expect(page).to_have_url(re.compile(r"q=skyddat\+boende"))
    count = page.locator(".result-count")
    expect(count).to_contain_text("resultat")
    total = int(re.search(r"\d+", count.inner_text()).group())
    assert_fits(page)
    shoot(page, screenshots, "search")

    facets = page.locator(".facets")
    if is_mobile(page):
        # On a phone the filters are folded away under one button.
        expect(facets.get_by_role("link", name=re.compile("^Rutin"))).to_be_hidden()
        facets.locator("summary").click()
    facets.get_by_role("link", name=re.compile(r"^Rutin \(\d+\)")).click()
    expect(page).to_have_url(re.compile(r"type=routine"))
    narrowed = int(re.search(r"\d+", count.inner_text()).group())
    assert 0 < narrowed < total
    types = page.locator(".search-result__type")
    expect(types).to_have_count(narrowed)
    for label in types.all_inner_texts():
        assert label.startswith("Rutin")
    assert_fits(page)

    page.get_by_role("link", name="Placering i skyddat boende").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Placering i skyddat boende")
    assert_fits(page)


def test_a_24_hour_hotline_is_two_clicks_from_the_start_page(page, screenshots):
    """The urgent box is in the first screenful; its hotline opens and can be called."""
    visit(page, "/sv/")
    shoot(page, screenshots, "home")
    urgent = page.get_by_role("complementary", name="Akuta kontakter, öppet dygnet runt")
    expect(urgent).to_be_visible()
    top = urgent.bounding_box()["y"]
    assert top < page.viewport_size["height"], f"the urgent box starts below the fold, at {top}px"

    urgent.get_by_role("link", name="Nationella stödlinjen mot människohandel").click()  # 1
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Nationella stödlinjen mot människohandel"
    )
    expect(page.locator(".badge")).to_contain_text("Öppet dygnet runt")
    phone = page.locator("a.phone")
    expect(phone).to_have_attribute("href", re.compile(r"^tel:\+46\d+$"))
    phone.click(trial=True)  # 2: visible, enabled and not covered, so a tap would call
    assert_fits(page)
    shoot(page, screenshots, "organisation")


def test_printing_a_routine(page, screenshots):
    """Printed, a routine has no navigation, numbered steps and every phone number in view."""
    visit(page, IDENTIFY)
    page.emulate_media(media="print")
    for chrome in [".main-nav", ".language-switcher", ".site-header form", ".skip-link"]:
        expect(page.locator(chrome).first).to_be_hidden()
    steps = page.locator("ol.steps > li")
    expect(steps).to_have_count(7)
    numbering = steps.first.evaluate(
        "(li) => [getComputedStyle(li).display, getComputedStyle(li).listStyleType]"
    )
    assert numbering == ["list-item", "decimal"]
    phones = page.locator("ol.steps a.phone")
    assert phones.count() >= 7
    for phone in phones.all():
        expect(phone).to_be_visible()
        expect(phone).to_have_text(re.compile(r"^\+46[\d ]+$"))
    shoot(page, screenshots, "routine-print")


def test_restricted_routine_only_for_professionals(page, portal):
    """Anonymous visitors never see the internal routine; a logged-in professional does."""
    visit(page, "/sv/search/?q=hotbedömning")
    results = page.locator(".search-results")
    expect(page.locator(".result-count")).to_be_visible()
    expect(results.get_by_text("Intern rutin")).to_have_count(0)
    visit(page, "/sv/rutiner/")
    expect(page.get_by_role("link", name=re.compile("Intern rutin"))).to_have_count(0)

    visit(page, RESTRICTED)
    expect(page).to_have_url(re.compile(r"/sv/login/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggning för yrkesverksamma")
    log_in(page, portal.people.professional)
    expect(page).to_have_url(re.compile(re.escape(RESTRICTED) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Intern rutin: hotbedömning vid skyddat boende"
    )
    assert_fits(page)

    visit(page, "/sv/search/?q=hotbedömning")
    expect(results.get_by_role("link", name=re.compile("Intern rutin"))).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()
    visit(page, RESTRICTED)
    expect(page).to_have_url(re.compile(r"/sv/login/"))


def test_autocomplete_answers_while_typing(page):
    """Typing a few letters lists matching titles; the keyboard (or a tap) opens one."""
    visit(page, "/sv/")
    box = page.get_by_role("search").first.get_by_role("combobox")
    box.press_sequentially("skydd", delay=80)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("option", name="Placering i skyddat boende")).to_be_visible()
    assert_fits(page)
    titles = options.all_inner_texts()
    if is_mobile(page):
        options.nth(1).tap()
        expect(page.get_by_role("heading", level=1)).to_have_text(titles[1])
    else:
        box.press("ArrowDown")
        expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-0$"))
        expect(options.first).to_have_attribute("aria-selected", "true")
        box.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(titles[0])
    assert_fits(page)
