"""E-mail alerts end to end: subscribe, confirm, a moderator's change note, the e-mail, unsubscribe.

The portal runs in its own process, so its e-mails go to files
(``PortalServer.mail_to``) instead of Django's in-memory outbox; the digest
is sent by ``manage.py send_alerts`` as cron would. Each screen size follows
a different routine, and neither is used by the other journeys.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_fits, shoot, visit

pytestmark = pytest.mark.e2e

ROUTINES = {
    "desktop": "/sv/rutiner/rutin-tolk-vid-samtal-och-forhor/",
    "mobile": "/sv/rutiner/rutin-reflektionsperiod-och-tut/",
}
LINK = re.compile(r"https?://\S+?(/[a-z]{2}/alerts/(?:confirm|unsubscribe|manage)/[^/\s]+/)")


def _body(message):
    return message.get_content()


def _link(message, kind):
    return next(path for path in LINK.findall(_body(message)) if f"/alerts/{kind}/" in path)


def _admin_login(page, account):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_subscribe_confirm_change_note_email_unsubscribe(new_tab, portal, viewport, screenshots):
    """A visitor follows a routine, a moderator publishes a change note, the e-mail tells them."""
    address = f"anna.{viewport}@example.se"
    note = f"Ny tolkförmedling från 1 mars ({viewport})"

    visitor = new_tab()
    visit(visitor, ROUTINES[viewport])
    signup = visitor.get_by_role("region", name="Få e-post om ändringar")
    signup.get_by_label("Din e-postadress").fill(address)
    signup.get_by_label("E-postens språk").select_option("sv")
    shoot(visitor, screenshots, "alerts-signup")
    page_id = signup.locator("input[name=page]").get_attribute("value")
    signup.get_by_role("button", name="Få e-post").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Kolla din inkorg")
    assert_fits(visitor)

    (confirmation,) = portal.mail_to(address)
    visit(visitor, _link(confirmation, "confirm"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Du får e-post")
    shoot(visitor, screenshots, "alerts-confirmed")

    moderator = new_tab(locale="en-GB")
    _admin_login(moderator, portal.people.moderator)
    moderator.goto(f"/admin/pages/{page_id}/edit/")
    moderator.get_by_role("button", name="Add Update").click()
    moderator.get_by_label(re.compile(r"What changed \[sv\]")).fill(note)
    # Let the editor's autosave finish first: on SQLite two writers wait for each other.
    moderator.wait_for_load_state("networkidle")
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Publish").click()
    expect(moderator.locator(".messages")).to_contain_text("published")

    portal.manage("send_alerts")
    digest = portal.mail_to(address)[-1]
    body = _body(digest)
    assert note in body
    assert urlsplit(ROUTINES[viewport]).path in body
    assert str(digest["List-Unsubscribe"]).strip().startswith("<http")

    visit(visitor, _link(digest, "unsubscribe"))
    visitor.get_by_role("button", name="Avsluta prenumerationen").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Du har avslutat prenumerationen")
    shoot(visitor, screenshots, "alerts-unsubscribed")

    portal.manage("send_alerts")
    assert len(portal.mail_to(address)) == 2, "nothing more after unsubscribing"
