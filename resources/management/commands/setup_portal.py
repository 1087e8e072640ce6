"""Create the start page and its sections on a fresh database."""

from django.core.management.base import BaseCommand

from editorial import roles
from editorial.translation_status import rebuild
from editorial.translators import ensure_translator_groups
from resources.site_tree import ensure_site_tree


class Command(BaseCommand):
    help = "Create the portal's start page and sections where they are missing."

    def handle(self, *args, **options):
        tree = ensure_site_tree()
        ensure_translator_groups()
        self.stdout.write(self.style.SUCCESS(f"Start page: {tree.home.title} (id {tree.home.pk})"))
        # Pages published before translation tracking existed get their status once.
        tracked = rebuild(only_missing=True)
        if tracked:
            self.stdout.write(f"Translation status recorded for {tracked} page(s).")
        for line in roles.summary():
            self.stdout.write(line)
