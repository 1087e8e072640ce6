"""A followed search result is counted once, whether the browser sends pings or not.

Firefox sends no ``<a ping>`` unless its user turns pings on; Chromium started
with ``--no-pings`` behaves the same, so both kinds of browser are tried here.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, new_context
from tests.e2e.helpers import visit

pytestmark = pytest.mark.e2e

CLICK_API = "/api/search/click/"


@pytest.fixture(params=["pings", "no-pings"])
def visitor(request, browser, portal):
    """A tab in a browser that sends pings, or in one that does not (as Firefox).

    The screen size plays no part here: desktop only.
    """
    if request.param == "pings":
        context = new_context(browser, portal, "desktop")
        yield context.new_page()
        context.close()
        return
    quiet = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--no-pings"]
    )
    context = new_context(quiet, portal, "desktop")
    yield context.new_page()
    quiet.close()


def test_a_followed_result_is_counted_once(visitor):
    """Following the first result sends one click, with its query, language and position."""
    sent = []
    visitor.on(
        "request",
        lambda r: sent.append((r.method, r.url)) if CLICK_API in r.url else None,
    )
    visit(visitor, "/sv/search/?q=tolk")
    first = visitor.locator(".search-result a").first
    expect(first).to_be_visible()
    # The page leaves as the click goes out: its answer may reach no page, so
    # the request is what is watched (tests/search/test_search_analytics.py
    # shows the endpoint counting it).
    with visitor.expect_request(lambda r: CLICK_API in r.url):
        first.click()
    visitor.wait_for_load_state()
    # A second, duplicate count would come with the navigation: give it time to show.
    visitor.wait_for_timeout(1000)
    assert len(sent) == 1, sent
    method, url = sent[0]
    assert method == "POST"
    assert "q=tolk" in url and "lang=sv" in url and "position=1" in url
