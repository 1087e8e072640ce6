"""What the browser tests look for on a page, in one place."""

import re

# Desktop, and a phone 375 CSS pixels wide (an iPhone SE/mini class device).
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "mobile": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
}
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, heading order,
# one main, unique landmark names).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def is_mobile(page):
    return page.viewport_size["width"] < 600


def assert_fits(page):
    """No sideways scrolling: the document is no wider than the window."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], (
        f"{page.url} scrolls sideways at {widths[1]} px: the page is {widths[0]} px wide; "
        f"widest: {widest_elements(page)}"
    )


def widest_elements(page):
    return page.evaluate(
        """() => {
            const limit = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
                .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
        }"""
    )


def visit(page, path):
    """Open ``path`` as a visitor would and check it fits the screen."""
    response = page.goto(path)
    assert_fits(page)
    return response


def shoot(page, folder, name):
    """A full-page screenshot, named by screen size, for the CI artifact."""
    size = "mobile" if is_mobile(page) else "desktop"
    page.screenshot(path=folder / f"{name}-{size}.png", full_page=True)


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA and best-practice violations, one line per element."""
    result = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = re.sub(r"\s+", " ", node.get("failureSummary") or "")
            lines.append(f"{violation['id']} ({violation['impact']}) {node['target']}: {summary}")
    return lines


def log_in(page, account):
    """Fill the portal's login form that is on the screen and send it."""
    page.get_by_label(re.compile("användarnamn|username", re.I)).fill(account.username)
    page.get_by_label(re.compile("lösenord|password", re.I)).fill(account.password)
    page.locator("form.form").get_by_role("button").click()


def effective_language(locator):
    """The language a screen reader uses for the element: its nearest ``lang``."""
    return locator.evaluate("(el) => el.closest('[lang]').getAttribute('lang')")
