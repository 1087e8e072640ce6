"""An editor creates, translates, edits and publishes a routine in the admin."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from resources.models import RoutinePage
from tests.factories import OrganisationPageFactory, ThemeFactory


def routine_form(organisation, theme, **overrides):
    data = {
        "title_sv": "Identifiera offer",
        "slug_sv": "identifiera-offer",
        "title_en": "Identify victims",
        "slug_en": "identify-victims",
        "summary_sv": "Så känner du igen ett presumtivt offer.",
        "summary_en": "How to recognise a presumed victim.",
        "last_reviewed": "2026-10-01",
        "themes": [theme.pk],
        "steps": inline_formset(
            [
                {
                    "title_sv": "Ring polisen",
                    "title_en": "Call the police",
                    "body_sv": rich_text("<p>Ring direkt.</p>"),
                    "body_en": rich_text("<p>Call at once.</p>"),
                    "responsible": organisation.pk,
                    "requirement": "must",
                }
            ]
        ),
        "change_notes": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_create_and_publish_routine_with_translation(client, tree, admin_user):
    """A routine published from the admin is live in Swedish and English."""
    organisation = OrganisationPageFactory(parent=tree.directory, title="Polisen")
    theme = ThemeFactory()
    client.force_login(admin_user)

    response = client.post(
        f"/admin/pages/add/resources/routinepage/{tree.routines.pk}/",
        routine_form(organisation, theme),
    )

    assert response.status_code == 302, response.content[:2000]
    routine = RoutinePage.objects.get(slug_sv="identifiera-offer")
    assert routine.live
    assert routine.key == "identifiera-offer"
    swedish = client.get("/sv/rutiner/identifiera-offer/")
    assert "Ring polisen" in swedish.text
    english = client.get("/en/routines/identify-victims/")
    assert "Call the police" in english.text
    assert "Polisen" in english.text


def test_edit_publishes_a_new_revision(client, tree, admin_user):
    """Editing the English summary and publishing changes what visitors read."""
    organisation = OrganisationPageFactory(parent=tree.directory)
    theme = ThemeFactory()
    client.force_login(admin_user)
    client.post(
        f"/admin/pages/add/resources/routinepage/{tree.routines.pk}/",
        routine_form(organisation, theme),
    )
    routine = RoutinePage.objects.get(slug_sv="identifiera-offer")
    revisions = routine.revisions.count()

    response = client.post(
        f"/admin/pages/{routine.pk}/edit/",
        routine_form(organisation, theme, summary_en="Updated guidance for the first meeting."),
    )

    assert response.status_code == 302
    assert routine.revisions.count() == revisions + 1
    assert (
        "Updated guidance for the first meeting."
        in client.get("/en/routines/identify-victims/").text
    )


def test_preview_renders_the_draft(client, tree, admin_user):
    """The admin preview shows the unsaved text."""
    organisation = OrganisationPageFactory(parent=tree.directory)
    theme = ThemeFactory()
    client.force_login(admin_user)
    url = f"/admin/pages/add/resources/routinepage/{tree.routines.pk}/preview/"
    form = routine_form(organisation, theme, summary_sv="Ett utkast i förhandsvisning.")
    posted = client.post(url, form)
    assert posted.json()["is_valid"]
    assert "Ett utkast i förhandsvisning." in client.get(url).text
