"""Italian translations go through moderation to the public site.

Wagtail's standard workflow ("Moderators approval"): an editor of the partner
that owns the routine (in the edit form), or an Italian translator of any
partner's routine (in the translate view), submits; a moderator approves from
the dashboard, and the page is published. The admin is used in English, as a partner editor
abroad would. This module runs last (it changes content); each screen size
translates a different routine.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_fits, effective_language, shoot

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


def test_editor_translates_and_moderator_publishes(new_tab, portal, viewport, screenshots):
    """The editor's Italian title and summary are live only after a moderator approves them."""
    swedish_url, title_sv, title_en, title_it, summary_it = ROUTINES[viewport]
    either_title = re.compile(f"{re.escape(title_sv)}|{re.escape(title_en)}")

    editor = new_tab(locale="en-GB")
    _admin_login(editor, portal.people.editor)
    editor.get_by_placeholder("Search all pages…").fill(title_sv.split()[0])
    editor.keyboard.press("Enter")
    editor.get_by_role("link", name=either_title).first.click()
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    # The form shows the Swedish fields first; the switch shows the Italian ones instead.
    expect(editor.get_by_label(re.compile(r"^Title \[it\]"))).to_be_hidden()
    editor.get_by_role("radio", name="italiano").check()
    expect(editor.get_by_label(re.compile(r"^Title \[sv\]"))).to_be_hidden()
    shoot(editor, screenshots, "edit-form-italian")
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


# Per screen size: a routine of a partner the translator does not belong to
# (nobody does), its Swedish address, Swedish and English titles (the report
# shows the admin's language, English here) and the Italian texts.
TRANSLATED = {
    "desktop": (
        "/sv/rutiner/rutin-kontakt-med-aklagare/",
        "Kontakt med åklagare i ärenden om människohandel",
        "Contacting the prosecutor in trafficking cases",
        "Contattare il pubblico ministero nei casi di tratta",
        "Chiamare il pubblico ministero di turno",
    ),
    "mobile": (
        "/sv/rutiner/rutin-remiss-halso-och-sjukvard/",
        "Remiss till hälso- och sjukvård",
        "Referral to health care",
        "Invio ai servizi sanitari",
        "Prenotare la prima visita",
    ),
}


def test_translator_translates_in_the_translate_view_and_moderator_publishes(
    new_tab, portal, viewport, screenshots
):
    """An Italian translator translates another partner's routine; it is live once approved."""
    swedish_url, title_sv, title_en, title_it, step_it = TRANSLATED[viewport]

    translator = new_tab(locale="en-GB")
    _admin_login(translator, portal.people.translator)
    translator.goto("/admin/editorial/translations/?language=it&state=missing")
    shoot(translator, screenshots, "translation-report-translator")
    row = translator.get_by_role("row").filter(has_text=title_en)
    row.get_by_role("link", name="Translate").click()
    expect(translator).to_have_url(re.compile(r"/admin/translate/\d+/it/$"))
    expect(translator.get_by_role("heading", level=1)).to_contain_text("Translate into Italian")
    # The Swedish source is on the screen, beside empty Italian fields.
    expect(translator.locator(".translate-row__source").first).to_contain_text(title_sv)
    translator.locator("[name='page-title_it']").fill(title_it)
    # "Copy source" puts the Swedish summary into the Italian field to translate it in place.
    summary_row = translator.locator("[data-field='page-summary_it']")
    summary_row.get_by_role("button", name="Copy source").click()
    expect(translator.locator("[name='page-summary_it']")).not_to_have_value("")
    translator.locator("[name='page-summary_it']").fill("Quando e come coinvolgere il PM.")
    translator.locator("[name='steps-0-title_it']").fill(step_it)
    shoot(translator, screenshots, "translate-view")
    translator.get_by_role("button", name="Submit to moderators").click()
    expect(translator.locator(".messages")).to_contain_text("submitted to the moderators")
    # Nothing else is theirs: the page's edit view sends them away.
    page_id = re.search(r"/translate/(\d+)/", translator.url).group(1)
    translator.goto(f"/admin/pages/{page_id}/edit/")
    expect(translator).to_have_url(re.compile(r"/admin/$"))

    moderator = new_tab(locale="en-GB")
    _admin_login(moderator, portal.people.moderator)
    # The dashboard lists the page under its Swedish title, whatever the admin language.
    task = moderator.get_by_role("row").filter(has_text=title_sv)
    expect(task).to_have_count(1)
    task.get_by_role("button", name="Actions").click()
    moderator.get_by_role("button", name="Approve", exact=True).click()
    expect(moderator.get_by_role("row").filter(has_text=title_sv)).to_have_count(0)

    visitor = new_tab()
    visitor.goto(swedish_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title_sv)
    visitor.get_by_role("navigation", name="Språk").get_by_role("link", name="italiano").click()
    expect(visitor).to_have_url(re.compile(r"/it/procedure/"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title_it)
    first_step = visitor.locator(".step__title").first
    expect(first_step).to_have_text(step_it)
    assert effective_language(first_step) == "it"
    # The steps not translated yet say so, in Italian, and carry their own language.
    second_step = visitor.locator(".step__title").nth(1)
    assert effective_language(second_step) == "en"
    expect(visitor.locator(".untranslated-label").first).to_be_visible()
    expect(visitor.locator(".notice--outdated")).to_have_attribute(
        "data-translation-state", "partial"
    )
    shoot(visitor, screenshots, "translated-routine-it")
    assert_fits(visitor)
