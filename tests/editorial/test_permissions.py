"""Partner editors change only their own partner's pages, and publish only through approval."""

import datetime

from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page
from wagtail.permissions import policy_registry

from editorial.forms import NO_PARTNER
from resources.models import RoutinePage
from tests.factories import NewsPageFactory, UserFactory

from .helpers import routine_form


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_editor_edits_own_partners_page_but_not_anothers(
    client, police_editor, police_routine, shelter_routine
):
    """The edit view opens for the editor's own routine and is refused for another partner's."""
    client.force_login(police_editor)
    assert client.get(edit_url(police_routine)).status_code == 200
    refused = client.get(edit_url(shelter_routine))
    assert refused.status_code in (302, 403)
    assert client.post(
        edit_url(shelter_routine), routine_form(shelter_routine, summary_sv="Ändrat")
    ).status_code in (302, 403)
    assert RoutinePage.objects.get(pk=shelter_routine.pk).latest_revision == (
        shelter_routine.latest_revision
    )


def test_editor_cannot_edit_pages_without_an_owner(client, tree, police_editor):
    """News, sections and the start page are the moderators' to change."""
    news = NewsPageFactory(parent=tree.news, published=True)
    client.force_login(police_editor)
    for page in (news, tree.routines, tree.home):
        assert client.get(edit_url(page)).status_code in (302, 403)


def test_editor_cannot_publish_without_approval(client, police_editor, police_routine):
    """ "Publish" from a partner editor saves a draft; visitors still see the old text."""
    client.force_login(police_editor)
    response = client.post(
        edit_url(police_routine),
        routine_form(police_routine, action="publish", summary_sv="Opublicerad ändring"),
    )
    assert response.status_code in (200, 302)
    routine = RoutinePage.objects.get(pk=police_routine.pk)
    assert routine.summary_sv == "Så gör du."
    assert routine.has_unpublished_changes
    assert "Opublicerad ändring" not in client.get("/sv/rutiner/polisens-rutin/").text
    perms = routine.permissions_for_user(police_editor)
    assert not perms.can_publish() and not perms.can_unpublish()
    assert perms.can_submit_for_moderation()


def test_moderator_edits_and_publishes_any_partners_page(client, moderator, shelter_routine):
    """A moderator may change every partner's page and publish it directly."""
    client.force_login(moderator)
    response = client.post(
        edit_url(shelter_routine),
        routine_form(shelter_routine, action="publish", summary_sv="Ny version"),
    )
    assert response.status_code == 302
    assert RoutinePage.objects.get(pk=shelter_routine.pk).summary_sv == "Ny version"
    assert "Ny version" in client.get("/sv/rutiner/boendets-rutin/").text


def test_explorer_offers_editing_only_own_pages(
    client, police_editor, police_routine, shelter_routine
):
    """The explorer lists every routine but links to the editor only for the editor's own."""
    client.force_login(police_editor)
    html = client.get(f"/admin/pages/{police_routine.get_parent().pk}/").text
    assert "Polisens rutin" in html and "Boendets rutin" in html
    assert edit_url(police_routine) in html
    assert edit_url(shelter_routine) not in html


def test_bulk_actions_follow_the_owner_rule(client, police, police_routine, shelter_routine):
    """Even with publish rights, a partner editor's bulk unpublish skips other partners' pages."""
    seniors = Group.objects.create(name="Senior editors")
    GroupPagePermission.objects.create(
        group=seniors, page=Page.get_first_root_node(), permission_type="publish"
    )
    seniors.permissions.add(*Group.objects.get(name="Editors").permissions.all())
    senior = UserFactory(groups=["Editors", "Senior editors", police.group.name])
    client.force_login(senior)
    url = (
        "/admin/bulk/wagtailcore/page/unpublish/"
        f"?id={police_routine.pk}&id={shelter_routine.pk}&next=/admin/pages/"
    )
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Boendets rutin" in confirm.text  # listed under "you don't have permission"
    client.post(url, {"include_descendants": ""})
    assert not RoutinePage.objects.get(pk=police_routine.pk).live
    assert RoutinePage.objects.get(pk=shelter_routine.pk).live


def test_delete_move_copy_and_privacy_refused_for_another_partners_page(
    client, police_editor, shelter_routine
):
    """Every other change view is closed too, not only the edit view."""
    client.force_login(police_editor)
    pk = shelter_routine.pk
    for url in (
        f"/admin/pages/{pk}/delete/",
        f"/admin/pages/{pk}/move/",
        f"/admin/pages/{pk}/copy/",
        f"/admin/pages/{pk}/privacy/",
        f"/admin/pages/{pk}/unpublish/",
    ):
        assert client.get(url).status_code in (302, 403), url
    assert RoutinePage.objects.filter(pk=pk, live=True).exists()


def test_new_page_belongs_to_one_of_the_editors_partners(
    client, tree, police, shelter, police_editor
):
    """Creating a routine, an editor may pick only an own partner as owner, preset when single."""
    client.force_login(police_editor)
    url = f"/admin/pages/add/resources/routinepage/{tree.routines.pk}/"
    form = client.get(url).context["form"]
    assert list(form.fields["partner"].queryset) == [police]
    assert form.initial["partner"] == police.pk

    page = RoutinePage(
        title_sv="Ny rutin", slug_sv="ny-rutin", last_reviewed=datetime.date(2026, 1, 1)
    )
    refused = client.post(url, routine_form(page, action="submit", partner=shelter.pk))
    assert refused.status_code == 200
    assert "partner" in refused.context["form"].errors
    client.post(url, routine_form(page, action="submit", partner=police.pk))
    assert RoutinePage.objects.get(slug_sv="ny-rutin").partner == police


def test_editor_without_a_partner_is_told_why(client, tree, editor):
    """An editor who belongs to no partner gets a clear error instead of an ownerless page."""
    client.force_login(editor)
    url = f"/admin/pages/add/resources/routinepage/{tree.routines.pk}/"
    page = RoutinePage(
        title_sv="Ny rutin", slug_sv="ny-rutin", last_reviewed=datetime.date(2026, 1, 1)
    )
    response = client.post(url, routine_form(page, action="submit"))
    assert response.status_code == 200
    assert response.context["form"].errors["partner"] == [str(NO_PARTNER)]
    assert not RoutinePage.objects.filter(slug_sv="ny-rutin").exists()


def test_lists_of_editable_pages_apply_the_owner_rule(
    police_editor, moderator, police_routine, shelter_routine
):
    """Dashboard panels and reports that ask "which pages can this user change" agree."""
    policy = policy_registry.get_by_type(Page)
    editable = set(policy.instances_user_has_permission_for(police_editor, "change"))
    assert police_routine.page_ptr in editable
    assert shelter_routine.page_ptr not in editable
    assert policy.user_has_permission_for_instance(police_editor, "change", police_routine)
    assert not policy.user_has_permission_for_instance(police_editor, "change", shelter_routine)
    assert shelter_routine.page_ptr in set(
        policy.instances_user_has_permission_for(moderator, "change")
    )


def test_admin_opens_for_every_role(
    client, tree, police_editor, moderator, admin_user, police_routine, shelter_routine
):
    """Dashboard, explorer and both reports open for editors, moderators and administrators."""
    for user in (police_editor, moderator, admin_user):
        client.force_login(user)
        for url in (
            "/admin/",
            f"/admin/pages/{tree.routines.pk}/",
            "/admin/editorial/needs-review/",
            "/admin/editorial/translations/",
        ):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
        menu = client.get("/admin/").text
        assert "/admin/editorial/needs-review/" in menu
    assert client.get("/admin/snippets/editorial/partner/").status_code == 200
