"""E-mail each partner's editors what of theirs is overdue for review (weekly, from cron)."""

import smtplib

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError

from editorial.reminders import reminders


class Command(BaseCommand):
    help = (
        "E-mail the editors of each partner the routines and contacts it owns that are "
        "overdue for review; pages without an owner go to the moderators. Run weekly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would be e-mailed, send nothing"
        )

    def handle(self, *args, **options):
        pending = reminders()
        if not pending:
            self.stdout.write("Nothing is overdue; no reminders sent.")
            return
        if options["dry_run"]:
            for reminder in pending:
                self.stdout.write(f"Would send to {self._line(reminder)}")
        else:
            failures = self._send(pending)
            if failures:
                raise CommandError(
                    f"{len(failures)} of {len(pending)} reminder(s) could not be sent: "
                    + "; ".join(failures)
                )
        pages = len({item.pk for reminder in pending for item in reminder.items})
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(pending)} reminder(s) about {pages} overdue page(s).")
        )

    def _line(self, reminder):
        return f"{reminder.user.email}: {len(reminder.items)} page(s)"

    def _send(self, pending):
        connection = get_connection()
        try:
            connection.open()
        except (smtplib.SMTPException, OSError) as exc:
            raise CommandError(f"Could not connect to the mail server: {exc}") from exc
        failures = []
        try:
            for reminder in pending:
                message = reminder.message()
                message.connection = connection
                try:
                    message.send()
                except (smtplib.SMTPException, OSError) as exc:
                    failures.append(f"{reminder.user.email} ({exc})")
                    continue
                self.stdout.write(f"Sent to {self._line(reminder)}")
        finally:
            connection.close()
        return failures
