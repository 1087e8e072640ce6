"""Write the portal's items as a ``portal-bundle/1`` bundle: a backup, a move, a share."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.progress import progress_writer
from editorial.models import Partner
from resources.bundle.exporter import BUNDLE_NAME, TYPES, BundleExporter


class Command(BaseCommand):
    help = (
        "Export items as a content bundle (format portal-bundle/1) with their PDFs. "
        "OUT is a folder (bundle.json and files/ are written in it) or a .json file. "
        "Restricted items are left out unless --include-restricted is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="folder to write into, or the path of the JSON file")
        parser.add_argument("--partner", metavar="KEY", help="only the items this partner owns")
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="include items only logged-in professionals may see",
        )
        parser.add_argument(
            "--type",
            action="append",
            choices=sorted(TYPES),
            dest="types",
            help="only items of this type (repeat for several); organisations that "
            "exported routines name come along",
        )

    def handle(self, *args, **options):
        out = Path(options["out"])
        directory, name = (out.parent, out.name) if out.suffix == ".json" else (out, BUNDLE_NAME)
        if (directory / name).exists():
            raise CommandError(f"{directory / name} exists already; choose a new place.")
        partner = None
        if options["partner"]:
            partner = Partner.objects.filter(key=options["partner"]).first()
            if partner is None:
                known = ", ".join(Partner.objects.values_list("key", flat=True)) or "none"
                raise CommandError(f"unknown partner {options['partner']!r} (known: {known})")
        exporter = BundleExporter(
            partner=partner,
            include_restricted=options["include_restricted"],
            types=options["types"],
            progress=progress_writer(self.stdout),
        )
        try:
            path = exporter.write(directory, name)
        except OSError as exc:
            raise CommandError(f"could not write the bundle: {exc}") from exc
        self._report(exporter.summary, path, options["include_restricted"])

    def _report(self, summary, path, include_restricted):
        self.stdout.write(f"Exported to {path}:")
        for name, count in summary.written.items():
            self.stdout.write(f"  {name:<14} {count:>5}")
        self.stdout.write(f"  documents      {summary.documents:>5}")
        if summary.added_for_references:
            self.stdout.write(
                f"{summary.added_for_references} organisation(s) included because "
                "exported routines name them."
            )
        if not include_restricted:
            self.stdout.write(
                f"{summary.restricted_left_out} restricted item(s) left out "
                "(--include-restricted exports them)."
            )
        if summary.references_dropped:
            self.stdout.write(
                self.style.WARNING(
                    f"{summary.references_dropped} reference(s) to left-out organisations "
                    "were not exported."
                )
            )
        self.stdout.write(self.style.SUCCESS("Done."))
