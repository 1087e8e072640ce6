"""WCAG 2.1 AA in every language: axe-core, the keyboard, language marking, zoom.

axe-core (from npm) is added to each page by the browser itself, before the
page's own scripts, so the portal's Content-Security-Policy needs no exception.
"""

import re
import urllib.request
from html import unescape
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_context
from tests.e2e.helpers import assert_fits, axe_violations, effective_language

pytestmark = pytest.mark.e2e

LANGUAGES = ["sv", "en", "it", "el", "lv"]
# The Swedish address of each page; the other languages' come from its hreflang links.
PAGES = {
    "home": "/sv/",
    "theme": None,  # the first theme on the start page
    "routine": "/sv/rutiner/rutin-identifiering-presumtivt-offer/",
    "guidance": "/sv/vagledning/overenskommelse-stod-stockholms-lan/",
    "directory": "/sv/kontakter/?region=stockholm&kind=&open_24h=1",
    "organisation": "/sv/kontakter/stodlinjen-manniskohandel/",
    # The pages issue's elements: the urgent box by region, opening hours and
    # verification notices in the directory, an overdue organisation.
    "home-region": "/sv/?region=skane",
    "directory-region": "/sv/kontakter/?region=skane",
    "organisation-overdue": "/sv/kontakter/manliga-natverket/",
    "search": "/sv/search/?q=m%C3%A4nniskohandel",
    "login": "/sv/login/",
}
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"')
THEME_LINK = re.compile(r'<ul class="theme-list">\s*<li><a href="([^"]+)"')
# Controls in the tab order: an element taken out with tabindex="-1" (the contact
# map's counties, whose links the list beside it repeats) is not one.
FOCUSABLE = (
    ":is(a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex='0'])"
    ":not([tabindex='-1'])"
)


def _html(portal, path):
    with urllib.request.urlopen(portal.base_url + path, timeout=30) as response:  # noqa: S310
        return response.read().decode()


@pytest.fixture(scope="module")
def urls(portal):
    """``{page: {language: path}}``, the way the language switcher links them."""
    swedish = dict(PAGES, theme=THEME_LINK.search(_html(portal, "/sv/")).group(1))
    found = {}
    for name, path in swedish.items():
        query = urlsplit(path).query
        found[name] = {}
        for language, href in ALTERNATE.findall(_html(portal, path)):
            address = urlsplit(unescape(href))
            found[name][language] = address.path + "?" + (address.query or query)
        assert sorted(found[name]) == sorted(LANGUAGES), f"{name}: {found[name]}"
    found["not-found"] = {language: f"/{language}/finns-inte/" for language in LANGUAGES}
    return found


@pytest.fixture(scope="module")
def checked_page(browser, portal, axe_source):
    """One desktop tab for every axe check, with axe-core loaded into each page."""
    context = new_context(browser, portal, "desktop")
    context.add_init_script(axe_source)
    page = context.new_page()
    yield page
    context.close()


def _open(page, path, language):
    response = page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    return response


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [*PAGES, "not-found"])
def test_no_wcag_violations(checked_page, urls, name, language):
    """Each main page, in each language, passes axe-core's WCAG 2.1 A/AA and best-practice rules."""
    response = _open(checked_page, urls[name][language], language)
    assert response.status == (404 if name == "not-found" else 200)
    violations = axe_violations(checked_page)
    assert not violations, "\n".join(violations)


@pytest.fixture(scope="module")
def phone_page(browser, portal, axe_source):
    """One 375 px wide tab, axe-core loaded into each page."""
    context = new_context(browser, portal, "mobile")
    context.add_init_script(axe_source)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [*PAGES, "not-found"])
def test_no_wcag_violations_on_a_phone(phone_page, urls, name, language):
    """The same rules hold at 375 px, where the layout is one column that never scrolls sideways."""
    _open(phone_page, urls[name][language], language)
    assert_fits(phone_page)
    violations = axe_violations(phone_page)
    assert not violations, "\n".join(violations)


def test_open_autocomplete_list_is_accessible(checked_page):
    """The suggestion list that opens while typing is a labelled, valid list box."""
    _open(checked_page, "/sv/", "sv")
    box = checked_page.get_by_role("search").get_by_role("combobox")
    box.press_sequentially("tolk", delay=50)
    expect(checked_page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
    violations = axe_violations(checked_page)
    assert not violations, "\n".join(violations)


def _focus_ring(page):
    """The focused element and whether it shows a focus indicator."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
                ring: ring,
                visible: box.width > 0 && box.height > 0,
            };
        }"""
    )


@pytest.mark.parametrize("path", [PAGES["home"], PAGES["routine"], PAGES["directory"]])
def test_keyboard_reaches_every_control_with_visible_focus(checked_page, path):
    """Tab starts at the skip link, reaches every link and control once, each with a focus ring."""
    _open(checked_page, path, "sv")
    checked_page.keyboard.press("Tab")
    skip = checked_page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    checked_page.keyboard.press("Enter")
    expect(checked_page.locator("main")).to_be_focused()

    expected = checked_page.locator(FOCUSABLE).evaluate_all(
        "(els) => els.filter((el) => el.getClientRects().length && !el.closest('[hidden]')).length"
    )
    _open(checked_page, path, "sv")
    reached = []
    for _ in range(expected + 5):
        checked_page.keyboard.press("Tab")
        focus = _focus_ring(checked_page)
        if focus["tag"] == "body" or (reached and focus == reached[0]):
            break
        assert focus["visible"], f"focus went to an invisible {focus}"
        assert focus["ring"], f"no visible focus indicator on {focus}"
        reached.append(focus)
    assert len(reached) == expected, f"Tab reached {len(reached)} of {expected} controls"


def test_language_of_fallback_text_is_marked(checked_page, urls):
    """Untranslated text on a Greek or Latvian page is marked with the language it is in."""
    _open(checked_page, "/el/", "el")
    assert effective_language(checked_page.get_by_role("heading", level=1)) == "el"
    cards = checked_page.locator(".urgent .contact-card__name")
    languages = cards.evaluate_all("(els) => els.map((el) => el.closest('[lang]').lang)")
    # The national support line is translated into Greek; the others fall back to English.
    assert set(languages) == {"el", "en"}
    news = checked_page.locator(".item-list a").first
    assert effective_language(news) == "en"
    assert effective_language(checked_page.locator(".item-list time").first) == "el"

    _open(checked_page, urls["routine"]["lv"], "lv")
    assert effective_language(checked_page.get_by_role("heading", level=1)) == "en"
    assert effective_language(checked_page.locator(".notice--language")) == "lv"
    assert effective_language(checked_page.locator(".step__requirement").first) == "lv"
    assert effective_language(checked_page.locator(".taxonomy dt").first) == "lv"
    # Region names exist in Swedish and English only.
    regions = checked_page.locator(".taxonomy dd").nth(1).locator("span")
    assert effective_language(regions.first) == "en"

    _open(checked_page, urls["search"]["lv"], "lv")
    facets = checked_page.locator(".facets")
    assert effective_language(facets.get_by_role("heading", level=2).first) == "lv"
    # Theme names are translated into Latvian, region names fall back to English.
    theme = facets.get_by_role("link", name=re.compile("^Zināšanas un attieksme"))
    region = facets.get_by_role("link", name=re.compile("^Stockholm County"))
    assert effective_language(theme.get_by_text("Zināšanas un attieksme")) == "lv"
    assert effective_language(region.get_by_text("Stockholm County")) == "en"


def test_directory_filters_by_keyboard_alone(checked_page):
    """Region, 24/7 and the Filter button work from the keyboard, without a mouse."""
    _open(checked_page, "/sv/kontakter/", "sv")
    region = checked_page.get_by_label("Region", exact=True)
    region.focus()
    checked_page.keyboard.type("Stockholm")  # a closed list picks by typing, as with a mouse
    expect(region).to_have_value("stockholm")
    checked_page.keyboard.press("Tab")
    expect(checked_page.get_by_label("Typ")).to_be_focused()
    checked_page.keyboard.press("Tab")
    open_24h = checked_page.get_by_label("Endast öppet dygnet runt")
    expect(open_24h).to_be_focused()
    checked_page.keyboard.press("Space")
    expect(open_24h).to_be_checked()
    checked_page.keyboard.press("Tab")
    expect(checked_page.get_by_role("button", name="Filtrera")).to_be_focused()
    checked_page.keyboard.press("Enter")
    expect(checked_page).to_have_url(re.compile(r"region=stockholm.*open_24h=1"))
    cards = checked_page.locator(".directory > li")
    expect(cards.first).to_be_visible()
    expect(cards).to_have_count(checked_page.locator(".directory .contact-card--24h").count())


@pytest.mark.parametrize(("width", "language"), [(640, "it"), (320, "sv"), (320, "el")])
def test_reflows_at_200_and_400_percent_zoom(browser, portal, urls, width, language):
    """At 200 % (640 px) and 400 % zoom (320 px, WCAG 1.4.10) nothing scrolls sideways."""
    context = new_context(browser, portal, "desktop")
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 512})
    for name in [*PAGES, "not-found"]:
        page.goto(urls[name][language])
        assert_fits(page)
    context.close()
