"""Submit, reject with a comment, resubmit, approve: the round trip, and its audit trail."""

from django.core import mail
from wagtail.models import Page, PageLogEntry, PageViewRestriction, WorkflowState

from editorial.roles import MODERATORS
from resources.models import RoutinePage

from .helpers import routine_form


def workflow_action(client, page, action, comment=""):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )


def actions_by(page):
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )


def test_round_trip_submit_reject_resubmit_approve(
    client, police_editor, moderator, police_routine
):
    """An editor's Italian text goes live once approved; a rejection returns with its comment."""
    url = f"/admin/pages/{police_routine.pk}/edit/"
    client.force_login(police_editor)
    client.post(
        url,
        routine_form(
            police_routine,
            action="submit",
            title_it="Procedura",
            slug_it="procedura",
            summary_it="Bozza",
        ),
    )
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(police_routine.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == police_editor
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert "Bozza" not in client.get(police_routine.url).text

    client.force_login(moderator)
    mail.outbox.clear()
    workflow_action(client, police_routine, "reject", "Kontrollera telefonnumret i steg 2.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejection = mail.outbox[-1]
    assert rejection.to == [police_editor.email]
    assert "Kontrollera telefonnumret i steg 2." in rejection.body

    client.force_login(police_editor)
    history = client.get(f"/admin/pages/{police_routine.pk}/workflow_history/detail/{state.pk}/")
    assert "Kontrollera telefonnumret i steg 2." in history.text
    client.post(
        url,
        routine_form(
            police_routine,
            action="submit",
            title_it="Procedura",
            slug_it="procedura",
            summary_it="Così si fa.",
        ),
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    mail.outbox.clear()
    workflow_action(client, police_routine, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    routine = RoutinePage.objects.get(pk=police_routine.pk)
    assert routine.summary_it == "Così si fa."
    assert not routine.has_unpublished_changes
    assert mail.outbox[-1].to == [police_editor.email]
    assert "Così si fa." in client.get("/it/procedure/procedura/").text

    trail = actions_by(police_routine)
    assert ("wagtail.workflow.start", "police-editor") in trail
    assert ("wagtail.workflow.reject", "moderator") in trail
    assert ("wagtail.workflow.resume", "police-editor") in trail
    assert ("wagtail.workflow.approve", "moderator") in trail
    assert ("wagtail.publish", "moderator") in trail


def test_other_editors_cannot_approve(client, shelter_editor, police_editor, police_routine):
    """Approving is for moderators: an editor of another partner is refused."""
    client.force_login(police_editor)
    client.post(
        f"/admin/pages/{police_routine.pk}/edit/",
        routine_form(police_routine, action="submit", summary_sv="Förslag"),
    )
    client.force_login(shelter_editor)
    response = workflow_action(client, police_routine, "approve")
    assert response.status_code in (302, 403)
    assert RoutinePage.objects.get(pk=police_routine.pk).summary_sv == "Så gör du."


def test_publish_unpublish_and_privacy_changes_are_in_the_history(
    client, moderator, police_routine
):
    """Wagtail's history names who published, unpublished and restricted a page."""
    client.force_login(moderator)
    client.post(
        f"/admin/pages/{police_routine.pk}/edit/",
        routine_form(police_routine, action="publish", summary_sv="Ny text"),
    )
    professionals = moderator.groups.model.objects.get(name="Professionals")
    client.post(
        f"/admin/pages/{police_routine.pk}/privacy/",
        {"restriction_type": PageViewRestriction.GROUPS, "groups": [professionals.pk]},
    )
    assert PageViewRestriction.objects.filter(page=police_routine).exists()
    client.post(f"/admin/pages/{police_routine.pk}/unpublish/")
    assert not RoutinePage.objects.get(pk=police_routine.pk).live

    trail = actions_by(police_routine)
    for action in ("wagtail.publish", "wagtail.view_restriction.create", "wagtail.unpublish"):
        assert (action, "moderator") in trail, action


def test_moderators_group_approves_every_page(police_routine):
    """The approval workflow covers all pages and is assigned to the Moderators group."""
    workflow = police_routine.get_workflow()
    assert workflow is not None and workflow.active
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == [MODERATORS]
