"""Shared steps of the alerts tests: sign up, read the links out of the e-mails."""

import io
import re

from django.core import mail
from django.core.management import call_command

from resources.models import RoutineChangeNote
from tests.factories import publish

LINK = re.compile(r"https?://[^/\s]+(/[a-z]+/alerts/(confirm|unsubscribe|manage)/[^/\s>]+/)")


def sign_up(client, page, email="anna@example.se", language="sv", prefix="sv"):
    return client.post(
        f"/{prefix}/alerts/subscribe/", {"email": email, "language": language, "page": page.pk}
    )


def links(message, kind):
    """The paths of the ``kind`` links in an e-mail, in order."""
    return [m.group(1) for m in LINK.finditer(message.body) if m.group(2) == kind]


def confirm(client, message):
    (path,) = links(message, "confirm")
    return client.get(path)


def follow(client, page, email="anna@example.se", language="sv"):
    """Sign up and confirm; returns nothing, leaves the outbox empty."""
    sign_up(client, page, email=email, language=language)
    confirm(client, mail.outbox[-1])
    mail.outbox.clear()


def add_note(page, text, note_model=RoutineChangeNote, **translations):
    page.change_notes.add(note_model(text=text, **translations))
    return publish(page)


def send_alerts():
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue()
