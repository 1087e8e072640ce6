"""Signals editorial work sends; translation statuses and restricted files kept in step."""

from django.db.models.signals import post_save
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published

from core.access import is_restricted

from .files import secure_documents, unguarded_documents
from .translation_status import record_publication

# Sent with ``instance`` when a page was marked reviewed: its review date
# changed without a new revision, so whatever copies the page must refresh it.
page_reviewed = Signal()


def _published(sender, instance, **kwargs):
    record_publication(instance)


def _guard_published(sender, instance, **kwargs):
    """A restricted page's files are published into the restricted collection.

    Whether the page is restricted is one query over its ancestors, whatever
    the number of restrictions on the site.
    """
    if is_restricted(instance):
        secure_documents(unguarded_documents({instance.pk}))


def _guard_restricted(sender, instance, **kwargs):
    """Restricting a page guards the files it and its descendants use (all restricted now)."""
    pages = Page.objects.descendant_of(instance.page, inclusive=True)
    secure_documents(unguarded_documents(set(pages.values_list("pk", flat=True))))


def connect():
    page_published.connect(_published, dispatch_uid="editorial-translation-status")
    page_published.connect(_guard_published, dispatch_uid="editorial-restricted-files")
    post_save.connect(
        _guard_restricted, sender=PageViewRestriction, dispatch_uid="editorial-restricted-files"
    )
