"""Create the start page and its sections on a fresh database."""

from django.core.management.base import BaseCommand

from resources.site_tree import ensure_site_tree


class Command(BaseCommand):
    help = "Create the portal's start page and sections where they are missing."

    def handle(self, *args, **options):
        tree = ensure_site_tree()
        self.stdout.write(self.style.SUCCESS(f"Start page: {tree.home.title} (id {tree.home.pk})"))
