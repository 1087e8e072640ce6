"""The translate view: Swedish beside one language, stale fields marked, sent to moderators."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from resources.models import RoutinePage
from tests.factories import RoutinePageFactory, publish

from .test_translation_integrity import assert_swedish_intact, base_columns, speaks
from .test_workflow import workflow_action


def url(page, language="it"):
    return f"/admin/translate/{page.pk}/{language}/"


@pytest.fixture
def routine(tree, shelter):
    """Another partner's routine, in Swedish and English, with two steps."""
    return RoutinePageFactory(
        owned_by=shelter,
        title="Polisens rutin",
        slug="polisens-rutin",
        title_en="Police routine",
        slug_en="police-routine",
        summary="Så gör du.",
        summary_en="How to.",
        steps=[
            {"title": "Ring polisen", "title_en": "Call the police", "body": "<p>Ring 112.</p>"},
            {"title": "Skriv ner", "body": "<p>Anteckna allt.</p>"},
        ],
        published=True,
    )


def refused(response):
    """Wagtail answers a refused admin request with 403, 404 or a redirect to the dashboard."""
    if response.redirect_chain:
        return response.redirect_chain[0][0] == "/admin/" or response.status_code == 404
    return response.status_code in (403, 404)


def row(html, name):
    """The translate view's row of the field ``name``, up to the next row."""
    start = html.index(f'data-field="{name}"')
    end = html.find('data-field="', start + 1)
    return html[start : end if end > 0 else None]


def test_every_translation_language_has_a_translators_group(db):
    """Migrations create "Translators: en", "Translators: it", … and no group for Swedish."""
    names = set(
        Group.objects.filter(name__startswith="Translators: ").values_list("name", flat=True)
    )
    assert names == {"Translators: en", "Translators: it", "Translators: el", "Translators: lv"}


def test_shows_the_swedish_source_beside_the_italian_fields(client, italian_translator, routine):
    """The view shows each Swedish text, steps included, beside an empty Italian field."""
    client.force_login(italian_translator)
    response = client.get(url(routine))
    assert response.status_code == 200
    html = response.text
    for swedish in ("Polisens rutin", "Så gör du.", "Ring polisen", "Anteckna allt."):
        assert swedish in html
    for name in ("page-title_it", "page-summary_it", "steps-0-title_it", "steps-1-body_it"):
        assert f'name="{name}"' in html
    assert 'name="page-title_sv"' not in html
    assert 'name="page-title_en"' not in html


def test_translator_translates_another_partners_page_through_moderation(
    client, italian_translator, moderator, routine
):
    """An Italian translator's submission waits for a moderator, then goes live in Italian only."""
    client.force_login(speaks(italian_translator, "it"))
    response = client.post(
        url(routine),
        {
            "page-title_it": "Procedura della polizia",
            "page-summary_it": "Come fare.",
            "steps-0-title_it": "Chiamare la polizia",
            "action-submit": "submit",
        },
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(routine.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == italian_translator
    live = RoutinePage.objects.get(pk=routine.pk)
    assert live.title_it is None or live.title_it == ""

    client.force_login(speaks(moderator, "en"))
    workflow_action(client, routine, "approve")
    page = assert_swedish_intact(routine.pk)
    assert page.title_it == "Procedura della polizia"
    assert page.slug_it == "procedura-della-polizia"
    assert page.steps.first().title_it == "Chiamare la polizia"
    assert page.steps.first().title_en == "Call the police"
    assert page.summary_en == "How to."
    html = client.get("/it/procedure/procedura-della-polizia/").text
    assert "Chiamare la polizia" in html


def test_translator_cannot_change_swedish_or_another_language(client, italian_translator, routine):
    """Swedish and English fields posted to the Italian view are ignored; the others are refused."""
    client.force_login(italian_translator)
    client.post(
        url(routine),
        {
            "page-title_it": "Procedura",
            "page-title_sv": "Hackad",
            "page-title_en": "Hacked",
            "title_sv": "Hackad",
            "steps-0-title_sv": "Hackad",
            "steps-0-title_en": "Hacked",
            "action-save": "save",
        },
    )
    draft = RoutinePage.objects.get(pk=routine.pk).get_latest_revision_as_object()
    assert draft.title_it == "Procedura"
    assert (draft.title_sv, draft.title_en) == ("Polisens rutin", "Police routine")
    assert draft.steps.first().title_sv == "Ring polisen"
    assert draft.steps.first().title_en == "Call the police"
    for language in ("en", "el", "lv", "sv"):
        data = {"page-title_" + language: "Hacked", "action-save": "save"}
        assert refused(client.post(url(routine, language), data, follow=True))
    assert base_columns(routine.pk)["title"] == "Polisens rutin"


def test_translator_has_no_other_way_to_change_the_page(client, italian_translator, routine):
    """Edit, delete, move, copy, unpublish, revert, bulk actions and reports are closed to them."""
    client.force_login(italian_translator)
    pk = routine.pk
    revision = routine.latest_revision
    attempts = [
        ("get", f"/admin/pages/{pk}/edit/", {}),
        ("post", f"/admin/pages/{pk}/edit/", {"title_sv": "Hackad", "action-publish": "1"}),
        ("post", f"/admin/pages/{pk}/delete/", {}),
        ("post", f"/admin/pages/{pk}/move/{routine.get_parent().pk}/confirm/", {}),
        ("post", f"/admin/pages/{pk}/copy/", {"new_title_sv": "Kopia", "new_slug_sv": "kopia"}),
        ("post", f"/admin/pages/{pk}/unpublish/", {}),
        ("post", f"/admin/pages/{pk}/revisions/{revision.pk}/revert/", {}),
        ("post", f"/admin/pages/{pk}/lock/", {}),
        ("get", "/admin/editorial/needs-review/", {}),
    ]
    for method, path, data in attempts:
        assert refused(getattr(client, method)(path, data, follow=True)), path
    # Bulk actions leave out the pages the user may not act on.
    for action in ("delete", "unpublish", "move"):
        client.post(f"/admin/bulk/wagtailcore/page/{action}/?id={pk}", {"move_applicable": "on"})
    page = RoutinePage.objects.get(pk=pk)
    assert page.live and not page.locked
    assert RoutinePage.objects.count() == 1
    assert_swedish_intact(pk)


def test_editor_translates_own_pages_only(client, police_editor, shelter_editor, routine):
    """A partner editor may translate their partner's page but not another partner's."""
    client.force_login(police_editor)
    assert refused(client.get(url(routine), follow=True))
    client.force_login(shelter_editor)
    assert client.get(url(routine)).status_code == 200


def test_stale_fields_are_marked(client, italian_translator, moderator, routine):
    """A field whose Swedish text changed after its Italian text did is marked; others are not."""
    routine.steps.filter(sort_order=0).update(title_it="Chiamare la polizia")
    routine = publish(routine, title_it="Procedura", slug_it="procedura", summary_it="Come fare.")
    routine = publish(routine, summary_sv="Så gör du alltid.")
    client.force_login(italian_translator)
    html = client.get(url(routine)).text
    assert 'data-flag="stale"' in row(html, "page-summary_it")
    assert 'data-flag="stale"' not in row(html, "page-title_it")
    assert 'data-flag="stale"' not in row(html, "steps-0-title_it")
    assert 'data-flag="missing"' in row(html, "steps-1-title_it")

    client.post(url(routine), {"page-summary_it": "Si fa sempre così.", "action-save": "save"})
    html = client.get(url(routine)).text
    assert 'data-flag="stale"' not in row(html, "page-summary_it")


def test_copy_source_fills_one_field(client, italian_translator, routine):
    """ "Copy source" puts the Swedish text into that field only and saves nothing yet."""
    client.force_login(italian_translator)
    response = client.post(url(routine), {"page-title_it": "Procedura", "copy": "steps-1-body_it"})
    assert response.status_code == 200
    step = next(part for part in response.context["parts"] if part.form.prefix == "steps-1")
    body = next(row for row in step.rows if row.key[-1] == "body")
    assert "Anteckna allt." in str(body.bound_field.value())
    assert response.context["parts"][0].rows[0].bound_field.value() == "Procedura"
    assert not RoutinePage.objects.get(pk=routine.pk).has_unpublished_changes


def test_linked_from_the_action_menu_and_the_report(client, moderator, italian_translator, routine):
    """The edit view's action menu and the status report link to the translate view."""
    client.force_login(moderator)
    edit = client.get(f"/admin/pages/{routine.pk}/edit/").text
    assert f'href="{url(routine)}"' in edit
    client.force_login(italian_translator)
    report = client.get("/admin/editorial/translations/")
    assert report.status_code == 200
    assert f'href="{url(routine)}"' in report.text
    assert url(routine, "en") not in report.text
