"""An editor's Italian translation goes through moderation to the public site.

Wagtail's standard workflow ("Moderators approval"): an editor of the partner
that owns the routine submits, a moderator approves from the dashboard, and
the page is published. The admin is used in English, as a partner editor
abroad would. This module runs last (it changes content); each screen size
translates a different routine.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_fits, effective_language

pytestmark = pytest.mark.e2e

# Per screen size: the routine's Swedish address, its Swedish and English titles
# (the admin shows either), and the Italian text the editor writes. Both belong
# to the editor's partner (users.EDITED_ROUTINES).
ROUTINES = {
    "desktop": (
        "/sv/rutiner/rutin-ensamkommande-barn-hvb/",
        "Ensamkommande barn som kan vara utsatta för människohandel – skydd och placering",
        "Unaccompanied children who may be trafficked – protection and placement",
        "Minori stranieri non accompagnati che possono essere vittime di tratta",
        "Come i servizi sociali proteggono e collocano un minore non accompagnato.",
    ),
    "mobile": (
        "/sv/rutiner/rutin-atervandande-och-aterintegrering/",
        "Tryggt återvändande och återintegrering med partnerorganisation i Riga eller Aten",
        "Safe return and reintegration with a partner organisation in Riga or Athens",
        "Rientro sicuro e reintegrazione con un'organizzazione partner a Riga o Atene",
        "Come si prepara un rientro volontario in Lettonia o in Grecia.",
    ),
}


def _admin_login(page, account):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_editor_translates_and_moderator_publishes(new_tab, portal, viewport):
    """The editor's Italian title and summary are live only after a moderator approves them."""
    swedish_url, title_sv, title_en, title_it, summary_it = ROUTINES[viewport]
    either_title = re.compile(f"{re.escape(title_sv)}|{re.escape(title_en)}")

    editor = new_tab(locale="en-GB")
    _admin_login(editor, portal.people.editor)
    editor.get_by_placeholder("Search all pages…").fill(title_sv.split()[0])
    editor.keyboard.press("Enter")
    editor.get_by_role("link", name=either_title).first.click()
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    editor.locator(".locale-picker").get_by_role("button", name=re.compile("^it$", re.I)).click()
    editor.get_by_label(re.compile(r"^Title \[it\]")).fill(title_it)
    editor.get_by_label(re.compile(r"^Summary \[it\]")).fill(summary_it)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Moderators approval").click()
    expect(editor.locator(".messages")).to_contain_text("has been submitted for moderation")

    # Submitted is not published: Italian readers still get the English fallback.
    visitor = new_tab()
    visitor.goto(swedish_url)
    visitor.get_by_role("navigation", name="Språk").get_by_role("link", name="italiano").click()
    expect(visitor).to_have_url(re.compile(r"/it/procedure/"))
    italian_url = visitor.url
    heading = visitor.get_by_role("heading", level=1)
    expect(heading).to_have_text(title_en)

    moderator = new_tab(locale="en-GB")
    _admin_login(moderator, portal.people.moderator)
    task = moderator.get_by_role("row").filter(has_text=either_title)
    expect(task).to_have_count(1)
    task.get_by_role("button", name="Actions").click()
    moderator.get_by_role("button", name="Approve", exact=True).click()
    # Approving the only task publishes the page; the dashboard reloads without it.
    expect(moderator.get_by_role("row").filter(has_text=either_title)).to_have_count(0)

    visitor.goto(italian_url)
    expect(heading).to_have_text(title_it)
    expect(visitor.locator(".lead")).to_have_text(summary_it)
    # Italian now: no fallback notice and no language mark on the title; the steps stay English.
    expect(visitor.locator(".notice--language")).to_have_count(0)
    assert effective_language(heading) == "it"
    assert effective_language(visitor.locator(".step__title").first) == "en"
    assert_fits(visitor)
