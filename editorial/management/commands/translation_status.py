"""Recompute the translation status of every page from its publish history."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.progress import progress_writer
from editorial.translation_status import rebuild


class Command(BaseCommand):
    help = (
        "Recompute which translations are missing, current or outdated by replaying each "
        "page's publish history. Publishing keeps the status up to date; run this once on "
        "a database that has pages published before status tracking existed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="only pages that have no status yet (what setup_portal runs)",
        )

    def handle(self, *args, **options):
        progress = progress_writer(self.stdout, unit="pages")
        with transaction.atomic():
            written = rebuild(only_missing=options["missing_only"], progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Translation status recorded for {written} page(s)."))
