"""Delete search statistics older than the retention (run daily from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import analytics


class Command(BaseCommand):
    help = (
        "Delete daily search statistics older than SEARCH_ANALYTICS_RETENTION_MONTHS "
        "(default 13 months)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Months to keep instead of SEARCH_ANALYTICS_RETENTION_MONTHS.",
        )

    def handle(self, *args, months=None, **options):
        months = settings.SEARCH_ANALYTICS_RETENTION_MONTHS if months is None else months
        if months < 1:
            raise CommandError(f"The retention must be at least one month, not {months}.")
        first = analytics.cutoff(months)
        searches, clicks = analytics.purge(months)
        self.stdout.write(
            f"Deleted {searches} search and {clicks} click rows from before {first} "
            f"(keeping {months} months)."
        )
