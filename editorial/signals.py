"""Signals editorial work sends; translation statuses and restricted files kept in step."""

from django.db.models.signals import post_save
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published

from .files import misplaced_documents, secure_documents
from .translation_status import record_publication

# Sent with ``instance`` when a page was marked reviewed: its review date
# changed without a new revision, so whatever copies the page must refresh it.
page_reviewed = Signal()


def _published(sender, instance, **kwargs):
    record_publication(instance)


def _guard_published(sender, instance, **kwargs):
    """A restricted page's files are published into the restricted collection."""
    secure_documents(misplaced_documents([instance.pk]))


def _guard_restricted(sender, instance, **kwargs):
    """Restricting a page guards the files it and its descendants use."""
    pages = Page.objects.descendant_of(instance.page, inclusive=True).values("pk")
    secure_documents(misplaced_documents(pages))


def connect():
    page_published.connect(_published, dispatch_uid="editorial-translation-status")
    page_published.connect(_guard_published, dispatch_uid="editorial-restricted-files")
    post_save.connect(
        _guard_restricted, sender=PageViewRestriction, dispatch_uid="editorial-restricted-files"
    )
