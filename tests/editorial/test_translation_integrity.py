"""Editing one language in the admin never changes another language's texts.

modeltranslation's base columns (``title``, ``slug``, ``url_path``) and
Wagtail's ``draft_title`` follow the request's active language, which in the
admin is the user's interface language; the Swedish original must stay
Swedish whatever that language is.
"""

from importlib import import_module

import pytest
from django.db import connection
from wagtail.models import Revision
from wagtail.users.models import UserProfile

from resources.models import RoutinePage
from tests.factories import RoutinePageFactory

from .helpers import routine_form
from .test_workflow import workflow_action

ADMIN_LANGUAGES = ["en", "it", "sv"]


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def bilingual_routine(tree, police):
    return RoutinePageFactory(
        owned_by=police,
        title="Polisens rutin",
        slug="polisens-rutin",
        title_en="Police routine",
        slug_en="police-routine",
        summary_en="How to.",
        published=True,
    )


def base_columns(page_pk):
    """The base columns as stored (the ORM would read them in the active language)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title, draft_title, slug, url_path FROM wagtailcore_page WHERE id = %s",
            [page_pk],
        )
        names = ("title", "draft_title", "slug", "url_path")
        return dict(zip(names, cursor.fetchone(), strict=True))


def assert_swedish_intact(page_pk):
    page = RoutinePage.objects.get(pk=page_pk)
    assert base_columns(page_pk) == {
        "title": "Polisens rutin",
        "draft_title": "Polisens rutin",
        "slug": "polisens-rutin",
        "url_path": "/hem/rutiner/polisens-rutin/",
    }
    assert page.title_sv == "Polisens rutin"
    assert page.slug_sv == "polisens-rutin"
    assert page.title_en == "Police routine"
    assert page.slug_en == "police-routine"
    latest = Revision.page_revisions.filter(object_id=str(page_pk)).order_by("-pk").first()
    assert latest.content["title"] == "Polisens rutin"
    assert latest.content["slug"] == "polisens-rutin"
    return page


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("action", [None, "submit"])
def test_editor_adds_italian_without_changing_swedish(
    client, police_editor, bilingual_routine, language, action
):
    """An editor's Italian title, saved or submitted in any admin language, leaves Swedish alone."""
    client.force_login(speaks(police_editor, language))
    response = client.post(
        f"/admin/pages/{bilingual_routine.pk}/edit/",
        routine_form(bilingual_routine, action=action, title_it="Procedura", slug_it="procedura"),
    )
    assert response.status_code == 302, response.content[:3000]
    page = assert_swedish_intact(bilingual_routine.pk)
    assert page.get_latest_revision_as_object().title_it == "Procedura"


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_moderator_approves_italian_without_changing_swedish(
    client, police_editor, moderator, bilingual_routine, language
):
    """Approving a submitted Italian text publishes it; Swedish and English stay as they were."""
    client.force_login(speaks(police_editor, language))
    client.post(
        f"/admin/pages/{bilingual_routine.pk}/edit/",
        routine_form(bilingual_routine, action="submit", title_it="Procedura", slug_it="procedura"),
    )
    client.force_login(speaks(moderator, language))
    response = workflow_action(client, bilingual_routine, "approve")
    assert response.status_code in (200, 302)
    page = assert_swedish_intact(bilingual_routine.pk)
    assert page.title_it == "Procedura"
    assert not page.has_unpublished_changes
    assert client.get("/sv/rutiner/polisens-rutin/").status_code == 200
    assert client.get("/en/routines/police-routine/").status_code == 200
    assert "Procedura" in client.get("/it/procedure/procedura/").text


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_moderator_publishes_italian_without_changing_swedish(
    client, moderator, bilingual_routine, language
):
    """Publishing straight from the edit form in any admin language keeps every other language."""
    client.force_login(speaks(moderator, language))
    response = client.post(
        f"/admin/pages/{bilingual_routine.pk}/edit/",
        routine_form(
            bilingual_routine, action="publish", title_it="Procedura", slug_it="procedura"
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    page = assert_swedish_intact(bilingual_routine.pk)
    assert page.title_it == "Procedura"
    assert page.url_path_it.endswith("/procedure/procedura/")
    assert client.get("/sv/rutiner/polisens-rutin/").status_code == 200


def test_english_slug_changed_in_english_admin_moves_the_english_url(
    client, moderator, bilingual_routine
):
    """A new English slug, published from the English admin, gives the page its new English URL."""
    client.force_login(speaks(moderator, "en"))
    client.post(
        f"/admin/pages/{bilingual_routine.pk}/edit/",
        routine_form(bilingual_routine, action="publish", slug_en="police-procedure"),
    )
    page = RoutinePage.objects.get(pk=bilingual_routine.pk)
    assert page.url_path_en.endswith("/police-procedure/")
    assert base_columns(page.pk)["slug"] == "polisens-rutin"
    assert client.get("/en/routines/police-procedure/").status_code == 200
    assert client.get("/sv/rutiner/polisens-rutin/").status_code == 200


def test_migration_repairs_a_page_an_english_edit_overwrote(bilingual_routine):
    """Pages saved before the fix get their Swedish title, draft title, slug and URL back."""
    from django.apps import apps

    repair = import_module("editorial.migrations.0004_repair_source_language_fields").repair
    page = bilingual_routine
    revision = page.latest_revision
    revision.content.update(title="Police routine", slug="police-routine")
    revision.object_str = "Police routine"
    revision.save()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_page SET title = %s, draft_title = %s, slug = %s, url_path = %s "
            "WHERE id = %s",
            ["Police routine", "Police routine", "police-routine", page.url_path_en, page.pk],
        )

    repair(apps, connection.schema_editor())

    assert_swedish_intact(page.pk)
    revision.refresh_from_db()
    assert revision.object_str == "Polisens rutin"
