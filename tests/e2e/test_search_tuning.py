"""A moderator adds a synonym in the admin; visitors find with it; editors read the search report.

The admin is used in English; the synonym works on the public search at
once, with no rebuild, and the report shows the query and its daily chart.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_fits, shoot, visit
from tests.e2e.test_workflow import _admin_login

pytestmark = pytest.mark.e2e

INTERPRETER = "Tolk vid samtal och förhör med brottsutsatta"


def test_synonym_from_the_admin_finds_on_the_next_search(new_tab, portal, viewport, screenshots):
    """ "gnurfel" finds nothing; a one-way rule to "tolk" makes it find the interpreter routine."""
    word = f"gnurfel{viewport}"
    visitor = new_tab()
    visit(visitor, f"/sv/search/?q={word}")
    expect(visitor.locator(".search-result")).to_have_count(0)

    moderator = new_tab(locale="en-GB")
    _admin_login(moderator, portal.people.moderator)
    moderator.goto("/admin/snippets/search/synonym/add/")
    # Wagtail's panels are labelled like their fields: the form controls by id.
    moderator.locator("#id_kind").select_option("one_way")
    moderator.locator("#id_term").fill(word)
    moderator.locator("#id_terms").fill("tolk")
    moderator.get_by_role("button", name="Save").first.click()
    expect(moderator.get_by_text(re.compile("created", re.I)).first).to_be_visible()

    visit(visitor, f"/sv/search/?q={word}")
    result = visitor.locator(".search-result").first
    expect(result.get_by_role("link", name=INTERPRETER)).to_be_visible()
    shoot(visitor, screenshots, "search-with-synonym")

    editor = new_tab(locale="en-GB")
    _admin_login(editor, portal.people.editor)
    editor.goto("/admin/search/search-terms/")
    expect(editor.get_by_role("heading", name="Top queries")).to_be_visible()
    expect(editor.get_by_role("region", name="Top queries")).to_contain_text(word)
    expect(editor.locator("svg[aria-labelledby='search-chart-title'] rect").first).to_be_attached()
    expect(editor.get_by_role("button", name="Promote a result")).to_have_count(0)
    shoot(editor, screenshots, "search-terms-report")

    # The moderator's tables carry a column of actions: on a phone they scroll
    # inside their own region, and the last column can be reached.
    moderator.goto("/admin/search/search-terms/")
    assert_fits(moderator)
    assert cut_off_cells(moderator) == []
    for name in ("Top queries", "Queries whose results nobody clicked"):
        region = moderator.get_by_role("region", name=name)
        expect(region).to_contain_text(word)
        assert region.bounding_box()["width"] <= moderator.viewport_size["width"]
        action = region.get_by_role("button", name="Promote a result").first
        action.scroll_into_view_if_needed()
        expect(action).to_be_in_viewport()
    shoot(moderator, screenshots, "search-terms-report-moderator")


def cut_off_cells(page):
    """Table cells reaching past the window outside a region the keyboard can scroll.

    Wagtail's main column hides what overflows it: such a cell cannot be seen at all.
    """
    return page.evaluate(
        """() => [...document.querySelectorAll('main td, main th')]
            .filter((cell) => cell.getBoundingClientRect().right > window.innerWidth + 0.5)
            .filter((cell) => {
                let el = cell.parentElement;
                for (; el && el.tagName !== 'MAIN'; el = el.parentElement) {
                    const style = getComputedStyle(el);
                    if (['auto', 'scroll'].includes(style.overflowX) && el.tabIndex >= 0) {
                        return false;
                    }
                }
                return true;
            })
            .map((cell) => cell.textContent.trim().slice(0, 40))"""
    )
