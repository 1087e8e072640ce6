"""Manage the search indices: rebuild, status, drain."""

from django.core.management.base import BaseCommand, CommandError

from portal.progress import progress_writer
from search import indexing
from search.engine import EngineError


class Command(BaseCommand):
    help = "Manage the search indices (rebuild, status, drain)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="index everything into fresh indices and swap the aliases")
        sub.add_parser("status", help="documents per language against the database")
        sub.add_parser("drain", help="send waiting index changes to the engine")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")()
        except EngineError as exc:
            raise CommandError(str(exc)) from exc

    def _rebuild(self):
        counts = indexing.rebuild(progress=progress_writer(self.stdout, unit="pages"))
        for language, count in counts.items():
            self.stdout.write(f"  {language}: {count} documents")
        self.stdout.write(self.style.SUCCESS("Rebuilt; aliases swapped."))

    def _status(self):
        rows, waiting = indexing.status()
        self.stdout.write(f"{'lang':<5} {'alias':<30} {'indexed':>8} {'database':>9}")
        for language, alias, indexed, expected in rows:
            shown = "-" if indexed is None else indexed
            self.stdout.write(f"{language:<5} {alias:<30} {shown:>8} {expected:>9}")
        self.stdout.write(f"waiting in the outbox: {waiting}")

    def _drain(self):
        sent = indexing.drain()
        self.stdout.write(f"Sent {sent} page(s); {indexing.IndexChange.objects.count()} waiting.")
