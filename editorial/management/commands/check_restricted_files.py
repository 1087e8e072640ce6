"""Find restricted pages' files stored outside the restricted collection; --fix moves them."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.files import misplaced_documents, secure_documents


class Command(BaseCommand):
    help = (
        "List documents that a restricted page uses but that are stored outside the "
        "restricted collection, where anyone could download them. Exits non-zero when "
        "there are any; --fix moves them into the restricted collection."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="move them into the restricted collection"
        )

    def handle(self, *args, **options):
        documents = list(misplaced_documents().select_related("collection").order_by("pk"))
        for document in documents:
            self.stdout.write(
                f"Document {document.pk} {document.title!r} is in {document.collection.name!r}"
            )
        if not documents:
            self.stdout.write(self.style.SUCCESS("Every restricted page's file is guarded."))
            return
        if not options["fix"]:
            raise CommandError(
                f"{len(documents)} restricted file(s) outside the restricted collection; "
                "run with --fix to move them."
            )
        with transaction.atomic():
            moved = secure_documents(documents)
        self.stdout.write(
            self.style.SUCCESS(f"Moved {moved} file(s) into the restricted collection.")
        )
