"""Public change notes, "Updates to this page", at the foot of routines and guidance."""

import datetime

from django.utils import translation

from resources.models import GuidanceChangeNote, RoutineChangeNote, RoutinePage
from tests.factories import GuidancePageFactory, publish

from .helpers import routine_form


def heading(language):
    with translation.override(language):
        return translation.gettext("Updates to this page")


def foot(html, language):
    """The part of the page from the change notes' heading on."""
    start = html.index(heading(language))
    return html[start:]


def test_notes_appear_at_the_foot_newest_first(client, police_routine):
    """Readers see each update's date and line, the newest first, after the routine itself."""
    police_routine.change_notes.add(
        RoutineChangeNote(
            date=datetime.date(2026, 3, 3), text_sv="Nytt telefonnummer till socialjouren."
        ),
        RoutineChangeNote(date=datetime.date(2026, 9, 1), text_sv="Steg 2 gäller även barn."),
    )
    publish(police_routine)
    html = client.get("/sv/rutiner/polisens-rutin/").text
    notes = foot(html, "sv")
    assert notes.index("Steg 2 gäller även barn.") < notes.index("Nytt telefonnummer")
    assert '<time datetime="2026-09-01">' in notes
    assert html.index(heading("sv")) > html.index("Så gör du.")


def test_translated_notes_and_their_language(client, police_routine):
    """An English reader gets the English line, and the Swedish one marked lang="sv"."""
    police_routine.title_en = "Police routine"
    police_routine.slug_en = "police-routine"
    police_routine.summary_en = "How to."
    police_routine.change_notes.add(
        RoutineChangeNote(
            date=datetime.date(2026, 9, 1), text_sv="Steg 2 ändrat.", text_en="Step 2 changed."
        ),
        RoutineChangeNote(date=datetime.date(2026, 8, 1), text_sv="Endast på svenska."),
    )
    publish(police_routine)
    notes = foot(client.get("/en/routines/police-routine/").text, "en")
    assert "Step 2 changed." in notes and "Steg 2 ändrat." not in notes
    assert '<span lang="sv">Endast på svenska.</span>' in notes


def test_no_notes_no_section(client, police_routine):
    """Without notes the page has no empty "Updates" section."""
    assert heading("sv") not in client.get("/sv/rutiner/polisens-rutin/").text


def test_guidance_pages_have_notes_too(client, tree, police):
    """Guidance shows its updates the same way."""
    guidance = GuidancePageFactory(parent=tree.guidance, partner=police, slug="handbok")
    guidance.change_notes.add(
        GuidanceChangeNote(date=datetime.date(2026, 5, 5), text_sv="Ny upplaga av handboken.")
    )
    publish(guidance)
    assert "Ny upplaga av handboken." in foot(client.get("/sv/vagledning/handbok/").text, "sv")


def test_note_entered_when_publishing_in_the_admin(client, moderator, police_routine):
    """The note is part of the page's form: entered with the change, published with it."""
    client.force_login(moderator)
    client.post(
        f"/admin/pages/{police_routine.pk}/edit/",
        routine_form(
            police_routine,
            action="publish",
            summary_sv="Ny ordning för anmälan.",
            notes=[("2026-11-20", "Anmälan görs nu direkt till polisen.")],
        ),
    )
    routine = RoutinePage.objects.get(pk=police_routine.pk)
    assert [note.text_sv for note in routine.change_notes.all()] == [
        "Anmälan görs nu direkt till polisen."
    ]
    assert "Anmälan görs nu direkt till polisen." in client.get("/sv/rutiner/polisens-rutin/").text
