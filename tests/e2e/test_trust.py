"""Pages a professional can trust and act on: contacts first, labels, notices, logout language."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_context
from tests.e2e.helpers import assert_fits, axe_violations, log_in, shoot, visit

pytestmark = pytest.mark.e2e

LANGUAGES = ["sv", "en", "it", "el", "lv"]
IDENTIFY = "/sv/rutiner/rutin-identifiering-presumtivt-offer/"
RESTRICTED = "/sv/rutiner/rutin-hotbedomning-skyddat-boende/"
ALTERNATE = 'link[rel="alternate"][hreflang="{}"]'


def _in(page, language):
    """The address of the open page in ``language``, from its hreflang link."""
    return page.locator(ALTERNATE.format(language)).get_attribute("href")


def test_national_line_is_listed_for_a_worker_in_skane(page, screenshots):
    """Skåne and 24/7: the national support line is there to call, with its number."""
    visit(page, "/sv/kontakter/?region=skane&open_24h=1")
    expect(page.locator(".result-count")).to_have_text("1 organisation")
    card = page.locator(".directory .contact-card").first
    expect(
        card.get_by_role("link", name="Nationella stödlinjen mot människohandel")
    ).to_be_visible()
    expect(card.locator("a.contact-card__phone")).to_have_attribute("href", re.compile("^tel:"))
    expect(card.locator(".verified")).to_contain_text("Kontrollerad")
    shoot(page, screenshots, "directory-skane-24h")


def test_contacts_come_before_the_steps(page, screenshots):
    """On a phone the contacts are right under the summary; on a desktop beside the steps."""
    visit(page, IDENTIFY)
    aside = page.get_by_role("complementary", name="Kontakter")
    expect(aside).to_be_visible()
    first_step = page.locator("ol.steps > li").first
    aside_box, step_box = aside.bounding_box(), first_step.bounding_box()
    if page.viewport_size["width"] < 600:
        assert aside_box["y"] < step_box["y"], "the contacts come after the first step"
    else:
        assert aside_box["x"] > step_box["x"] + step_box["width"] - 1, "not beside the steps"
        assert aside_box["y"] < step_box["y"] + step_box["height"]
    expect(aside.locator(".contact-card").first).to_have_class(re.compile("contact-card--24h"))
    expect(page.get_by_role("navigation", name="Brödsmulor").locator("ol li")).to_have_count(2)
    expect(page.get_by_role("navigation", name="Innehåll")).to_be_visible()
    expect(page.get_by_role("button", name="Skriv ut den här sidan")).to_be_visible()
    expect(page.locator(".step--must .step__requirement").first).to_contain_text("Ska")
    page.get_by_role("link", name="vägledningen om tecken på människohandel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Tecken på"))
    shoot(page, screenshots, "guidance-header")


def test_links_between_items_work_in_english(page):
    """A link in a routine's text leads to the linked guidance in the reader's language."""
    visit(page, IDENTIFY)
    visit(page, _in(page, "en"))
    page.get_by_role("link", name="guidance on signs of trafficking").click()
    expect(page).to_have_url(re.compile("/en/guidance/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.fixture
def professional_tab(browser, portal, viewport, axe_source):
    context = new_context(browser, portal, viewport)
    context.add_init_script(axe_source)
    tab = context.new_page()
    tab.goto("/sv/login/")
    log_in(tab, portal.people.professional)
    expect(tab.get_by_role("button", name="Logga ut")).to_be_visible()
    yield tab
    context.close()


def test_restricted_label_in_every_language_and_on_paper(professional_tab, screenshots):
    """A professional sees the label in the list, on the page and printed; axe finds nothing."""
    page = professional_tab
    for language in LANGUAGES:
        page.goto(RESTRICTED)
        page.goto(_in(page, language))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1 ~ .page-header__restricted .badge--restricted")).to_be_visible()
        assert_fits(page)
        violations = axe_violations(page)
        assert not violations, f"{language}: " + "\n".join(violations)
        page.emulate_media(media="print")
        expect(page.locator(".badge--restricted").first).to_be_visible()
        page.emulate_media(media="screen")
        page.locator(".breadcrumbs a").last.click()
        listed = page.locator(".item-list__item", has=page.locator(".badge--restricted"))
        expect(listed).to_have_count(1)
        violations = axe_violations(page)
        assert not violations, f"{language} list: " + "\n".join(violations)
    shoot(page, screenshots, "restricted-list")


def test_anonymous_visitors_see_no_restricted_label(page):
    """No label where nothing restricted is shown."""
    visit(page, "/sv/rutiner/")
    expect(page.locator(".badge--restricted")).to_have_count(0)


@pytest.mark.parametrize(
    ("language", "confirmation"),
    [("en", "You are logged out."), ("it", "Sei uscito."), ("el", "Αποσυνδεθήκατε.")],
)
def test_logout_stays_in_the_language_being_read(new_tab, portal, language, confirmation):
    """A Swedish browser logging out of an English page lands on the English start page."""
    page = new_tab(locale="sv-SE")
    page.goto("/sv/login/")
    log_in(page, portal.people.professional)
    page.goto(IDENTIFY)
    page.goto(_in(page, language))
    page.locator(".account").get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/{language}/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("status").filter(has_text=confirmation)).to_be_visible()
