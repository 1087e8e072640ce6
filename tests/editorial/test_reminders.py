"""The weekly reminder e-mail: each partner's editors hear what of theirs is overdue."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from tests.factories import OrganisationPageFactory, RoutinePageFactory, UserFactory


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def overdue(tree, police, shelter):
    """Police: one overdue routine, one current. Shelter: nothing overdue. One unowned contact."""
    return {
        "police": RoutinePageFactory(
            parent=tree.routines,
            title="Polisens gamla rutin",
            partner=police,
            last_reviewed=days_ago(500),
        ),
        "current": RoutinePageFactory(
            parent=tree.routines,
            title="Polisens nya rutin",
            partner=police,
            last_reviewed=days_ago(10),
        ),
        "shelter": OrganisationPageFactory(
            parent=tree.directory, title="Boendet", partner=shelter, verified_on=days_ago(5)
        ),
        "unowned": OrganisationPageFactory(
            parent=tree.directory, title="Föreningen utan ägare", verified_on=None
        ),
    }


def send(*args):
    out = StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_partners_editors_get_their_overdue_pages(
    overdue, police_editor, shelter_editor, moderator
):
    """Police editors hear of the police routine, moderators of the unowned contact, no one else."""
    colleague = UserFactory(username="colleague", groups=["Editors", "Editors: Polisen"])
    output = send()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {police_editor.email, colleague.email, moderator.email}
    police_mail = by_recipient[police_editor.email]
    assert "Polisens gamla rutin" in police_mail.body
    assert "Polisens nya rutin" not in police_mail.body
    assert "Föreningen utan ägare" not in police_mail.body
    assert f"/admin/pages/{overdue['police'].pk}/edit/" in police_mail.body
    assert days_ago(500).isoformat() in police_mail.body
    assert "Föreningen utan ägare" in by_recipient[moderator.email].body
    assert "Sent 3 reminder(s) about 2 overdue page(s)." in output


def test_reminder_is_in_the_editors_admin_language(overdue, police_editor):
    """Subject and text follow the editor's preferred admin language."""
    profile = UserProfile.get_for_user(police_editor)
    profile.preferred_language = "it"
    profile.save()
    send()
    (message,) = [m for m in mail.outbox if m.to == [police_editor.email]]
    with translation.override("it"):
        expected = translation.ngettext(
            "E-portal: %(counter)s page needs review",
            "E-portal: %(counter)s pages need review",
            1,
        ) % {"counter": 1}
    assert message.subject == expected
    assert message.subject != "E-portal: 1 page needs review"


def test_partner_without_editors_goes_to_the_moderators(tree, police, moderator):
    """Nobody edits for the partner yet: its overdue pages are not forgotten."""
    RoutinePageFactory(
        parent=tree.routines, title="Ingen läser detta", partner=police, last_reviewed=days_ago(800)
    )
    send()
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert "Ingen läser detta" in mail.outbox[0].body


def test_dry_run_sends_nothing(overdue, police_editor):
    """--dry-run lists the recipients and sends no mail."""
    output = send("--dry-run")
    assert f"Would send to {police_editor.email}: 1 page(s)" in output
    assert mail.outbox == []


def test_nothing_overdue_nothing_sent(tree, police_editor):
    """With everything current nobody is e-mailed."""
    assert "no reminders sent" in send()
    assert mail.outbox == []


def test_mail_server_failure_exits_non_zero(overdue, police_editor, settings, monkeypatch):
    """A refused message makes the command fail with a clear message, for cron to report."""

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({police_editor.email: (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with pytest.raises(CommandError, match="could not be sent"):
        send()
