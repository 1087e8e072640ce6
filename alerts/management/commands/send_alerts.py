"""Send the day's digests of changes; forget sign-ups never confirmed. Run from cron."""

from django.core.management.base import BaseCommand, CommandError

from alerts.digest import purge_unconfirmed, send_alerts
from core.progress import progress_writer


class Command(BaseCommand):
    help = (
        "Send one e-mail per subscriber with every change not sent yet, then delete "
        "subscriptions not confirmed within ALERTS_CONFIRM_DAYS. Run daily from cron."
    )

    def handle(self, *args, **options):
        try:
            sent, changes = send_alerts(progress_writer(self.stdout, unit="e-mails"))
        except OSError as exc:  # SMTP refused or unreachable: the changes wait for the next run
            raise CommandError(f"could not send the alerts: {exc}") from exc
        expired, forgotten = purge_unconfirmed()
        self.stdout.write(f"{changes} change(s) announced in {sent} e-mail(s).")
        self.stdout.write(
            f"{expired} unconfirmed subscription(s) and {forgotten} address(es) deleted."
        )
        self.stdout.write(self.style.SUCCESS("Done."))
