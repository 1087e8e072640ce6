"""Validate a ``portal-bundle/1`` file and import it in one transaction."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.progress import progress_writer
from editorial.models import Partner
from resources.bundle import read_bundle
from resources.bundle.importer import BundleImporter
from resources.bundle.validation import validate
from resources.bundle.values import existing_page_ids


class _DryRunRollback(Exception):
    """Raised to roll back a dry run after it has computed its summary."""


class Command(BaseCommand):
    help = (
        "Import a content bundle (format portal-bundle/1). The whole bundle is "
        "validated first; any error changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the bundle's JSON file")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, change nothing"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="treat markup outside the HTML subset as an error instead of removing it",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        data = read_bundle(path)
        partners = Partner.objects.values_list("key", flat=True)
        report = validate(
            data,
            path.parent,
            strict=options["strict"],
            partners=partners,
            pages=lambda keys: set(existing_page_ids(keys)),
        )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"error: {error}")
            raise CommandError(f"{path}: {len(report.errors)} error(s); nothing was imported.")
        importer = BundleImporter(
            data, path.parent, options["dry_run"], progress_writer(self.stdout)
        )
        try:
            with transaction.atomic():
                summary = importer.run()
                if options["dry_run"]:
                    raise _DryRunRollback
        except _DryRunRollback:
            pass
        self._write_summary(summary, options["dry_run"])

    def _write_summary(self, summary, dry_run):
        kinds = [
            "themes",
            "regions",
            "audiences",
            "partners",
            "organisations",
            "routines",
            "guidance",
            "news",
        ]
        title = "Would import (dry run):" if dry_run else "Imported:"
        self.stdout.write(title)
        for kind in kinds:
            counts = {
                outcome: summary[(kind, outcome)] for outcome in ("created", "updated", "unchanged")
            }
            if any(counts.values()):
                self.stdout.write(
                    f"  {kind:<14} {counts['created']:>5} created  {counts['updated']:>5} updated"
                    f"  {counts['unchanged']:>5} unchanged"
                )
        if not dry_run:
            self.stdout.write(self.style.SUCCESS("Done."))
