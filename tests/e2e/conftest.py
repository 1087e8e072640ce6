"""Browser tests: one portal server and one Chromium for the whole e2e package.

Chromium is Debian's (``/usr/bin/chromium``, never ``playwright install``),
axe-core comes from npm (``node_modules/``), the engine is the real one at
``TEST_SEARCH_URL``. Without any of them the tests are skipped locally and fail
under ``CI=true``.

The fixtures are package-scoped on purpose: Playwright's sync API keeps an
event loop running while it is alive, and Django refuses ORM calls from a
thread with a running loop, so Playwright must stop before the other test
packages run.
"""

import os
from pathlib import Path

import pytest

from tests.components import unavailable
from tests.e2e.helpers import VIEWPORTS
from tests.e2e.server import ROOT, PortalServer, ServerError
from tests.search.conftest import SEARCH_URL, _engine_answers

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", ROOT / "artifacts"))


def _missing():
    reasons = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reasons.append("playwright is not installed (pip install -r requirements-dev.txt)")
    if not os.access(CHROMIUM, os.X_OK):
        reasons.append(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not AXE.is_file():
        reasons.append("no node_modules/axe-core (run `npm ci`)")
    if not _engine_answers():
        reasons.append(f"no search engine at {SEARCH_URL} (start one with `make engine`)")
    return reasons


@pytest.fixture(scope="package")
def portal():
    """The portal served by gunicorn on loopback, with the demo content and three users."""
    reasons = _missing()
    if reasons:
        message = "browser tests need: " + "; ".join(reasons)
        unavailable(message)
    server = PortalServer(SEARCH_URL, ARTIFACTS / "e2e")
    try:
        server.start()
    except ServerError as exc:
        server.stop()
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser(portal):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def axe_source():
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def screenshots():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_context(browser, portal, viewport, locale="sv-SE"):
    """A fresh visitor: no cookies, the given screen and browser language."""
    return browser.new_context(base_url=portal.base_url, locale=locale, **VIEWPORTS[viewport])


class PageProblems:
    """What a visitor may not notice but must not happen.

    Script errors, server errors, missing style sheets, scripts or images, and
    anything the Content-Security-Policy blocks.
    """

    def __init__(self, page):
        self.errors = []
        page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        page.on("response", self._response)
        page.on("console", self._console)

    def _response(self, response):
        kind = response.request.resource_type
        if response.status >= 500 or (
            kind in {"stylesheet", "script", "image", "font", "fetch"} and response.status >= 400
        ):
            self.errors.append(f"{kind} {response.url} answered {response.status}")

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"blocked on {message.location.get('url')}: {message.text}")


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def new_tab(browser, portal, viewport):
    """Open a tab in a fresh browser (its own cookies) that speaks ``locale``."""
    opened = []

    def open_tab(locale="sv-SE"):
        context = new_context(browser, portal, viewport, locale=locale)
        page = context.new_page()
        opened.append((context, PageProblems(page)))
        return page

    yield open_tab
    errors = []
    for context, problems in opened:
        context.close()
        errors.extend(problems.errors)
    assert not errors, "\n".join(errors)


@pytest.fixture
def page(new_tab):
    """A tab in a fresh Swedish-speaking browser at the test's screen size."""
    return new_tab()
