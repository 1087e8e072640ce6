"""The "Needs review" report, its CSV export and the one-click "reviewed"."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from resources.models import OrganisationPage, RoutinePage
from tests.factories import OrganisationPageFactory, RoutinePageFactory, publish

from .helpers import routine_form

REPORT = "/admin/editorial/needs-review/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def pages(tree, police, shelter):
    """Overdue and current routines and organisations of both partners, and one without owner."""
    routine = RoutinePageFactory.create
    organisation = OrganisationPageFactory.create
    return {
        "old_routine": routine(
            parent=tree.routines, title="Gammal rutin", partner=police, last_reviewed=days_ago(400)
        ),
        "older_routine": routine(
            parent=tree.routines, title="Äldre rutin", partner=shelter, last_reviewed=days_ago(900)
        ),
        "fresh_routine": routine(
            parent=tree.routines, title="Ny rutin", partner=police, last_reviewed=days_ago(30)
        ),
        "old_contact": organisation(
            parent=tree.directory, title="Gammal kontakt", partner=police, verified_on=days_ago(200)
        ),
        "never_verified": organisation(
            parent=tree.directory, title="Aldrig kontrollerad", verified_on=None
        ),
        "fresh_contact": organisation(
            parent=tree.directory, title="Ny kontakt", partner=shelter, verified_on=days_ago(20)
        ),
    }


def titles(response):
    return [item.title for item in response.context["object_list"]]


def test_lists_overdue_routines_and_contacts_oldest_first(client, moderator, pages):
    """Routines over 12 months and contacts over 6 months (or never verified), oldest first."""
    client.force_login(moderator)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert titles(response) == [
        "Aldrig kontrollerad",
        "Äldre rutin",
        "Gammal rutin",
        "Gammal kontakt",
    ]
    assert "Skyddat boende" in response.text  # the owner column


def test_filters_by_owning_partner_and_type(client, moderator, pages, police):
    """The report narrows to one partner's pages, to pages without an owner, or to one type."""
    client.force_login(moderator)
    assert titles(client.get(REPORT, {"partner": police.pk})) == ["Gammal rutin", "Gammal kontakt"]
    assert titles(client.get(REPORT, {"partner": "null"})) == ["Aldrig kontrollerad"]
    assert titles(client.get(REPORT, {"kind": "organisation"})) == [
        "Aldrig kontrollerad",
        "Gammal kontakt",
    ]
    assert client.get(REPORT, {"partner": "not-a-partner"}).status_code == 200


def test_csv_export(client, moderator, pages, police):
    """The CSV has a row per overdue page with type, owner, dates and the edit link."""
    pages["old_routine"].title = "=HYPERLINK(1)"
    pages["old_routine"].save()
    client.force_login(moderator)
    response = client.get(REPORT, {"export": "csv", "partner": police.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(table[0]) == 7
    body = table[1:]
    assert [row[0] for row in body] == ["'=HYPERLINK(1)", "Gammal kontakt"]
    routine_row = body[0]
    assert routine_row[2] == "Polisen"
    assert routine_row[3] == days_ago(400).isoformat()
    assert routine_row[4] == (days_ago(400) + datetime.timedelta(days=365)).isoformat()
    assert routine_row[6].endswith(f"/admin/pages/{pages['old_routine'].pk}/edit/")


def test_one_click_marks_a_routine_reviewed(police_editor, pages):
    """The row's button sets today's date and the reviewer, logs it and clears the row."""
    routine = publish(pages["old_routine"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(police_editor)
    report = client.get(REPORT)
    action = f"/admin/editorial/reviewed/{routine.pk}/"
    assert action in report.text
    assert f"/admin/editorial/reviewed/{pages['older_routine'].pk}/" not in report.text
    form = report.text[report.text.index(action) :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    response = client.post(action, {"next": REPORT, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == REPORT
    routine = RoutinePage.objects.get(pk=routine.pk)
    assert routine.last_reviewed == timezone.localdate()
    assert routine.last_reviewed_by == police_editor
    entry = PageLogEntry.objects.get(page=routine, action="editorial.reviewed")
    assert entry.user == police_editor
    assert "Gammal rutin" not in titles(client.get(REPORT))
    public = client.get("/sv/rutiner/" + routine.slug + "/").text
    assert timezone.localdate().isoformat() in public


def test_marking_an_organisation_verified(client, police_editor, pages):
    """For a contact the one click records the verification date and who checked."""
    contact = publish(pages["old_contact"])
    client.force_login(police_editor)
    client.post(f"/admin/editorial/reviewed/{contact.pk}/")
    contact = OrganisationPage.objects.get(pk=contact.pk)
    assert contact.verified_on == timezone.localdate()
    assert contact.verified_by == police_editor


def test_review_survives_a_pending_submission(client, police_editor, moderator, pages):
    """Approving a draft submitted before the review does not bring the old date back."""
    routine = publish(pages["old_routine"])
    client.force_login(police_editor)
    client.post(
        f"/admin/pages/{routine.pk}/edit/",
        routine_form(routine, action="submit", summary_sv="Uppdaterad"),
    )
    client.post(f"/admin/editorial/reviewed/{routine.pk}/")
    client.force_login(moderator)
    state = RoutinePage.objects.get(pk=routine.pk).current_workflow_task_state
    client.post(f"/admin/pages/workflow/action/{routine.pk}/approve/{state.pk}/")
    routine = RoutinePage.objects.get(pk=routine.pk)
    assert routine.summary_sv == "Uppdaterad"
    assert routine.last_reviewed == timezone.localdate()
    assert routine.last_reviewed_by == police_editor


def test_cannot_mark_another_partners_page(client, police_editor, pages):
    """An editor cannot mark another partner's routine reviewed; GET changes nothing either."""
    routine = publish(pages["older_routine"])
    client.force_login(police_editor)
    assert client.post(f"/admin/editorial/reviewed/{routine.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/editorial/reviewed/{routine.pk}/").status_code == 405
    assert RoutinePage.objects.get(pk=routine.pk).last_reviewed == days_ago(900)
    assert not PageLogEntry.objects.filter(action="editorial.reviewed").exists()


def test_only_routines_and_organisations_are_reviewed(client, moderator, tree):
    """Marking a page that has no review date, or none at all, is "not found", not an error."""
    client.force_login(moderator)
    for pk in (tree.news.pk, 999999):
        response = client.post(f"/admin/editorial/reviewed/{pk}/", follow=True)
        assert response.status_code == 404
    assert not PageLogEntry.objects.filter(action="editorial.reviewed").exists()


def test_professionals_do_not_see_the_report(client, professional):
    """The report is for editors and moderators only."""
    client.force_login(professional)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
