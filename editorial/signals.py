"""Signals editorial work sends, and translation statuses kept in step with publishing."""

from django.dispatch import Signal
from wagtail.signals import page_published

from .translation_status import record_publication

# Sent with ``instance`` when a page was marked reviewed: its review date
# changed without a new revision, so whatever copies the page must refresh it.
page_reviewed = Signal()


def _published(sender, instance, **kwargs):
    record_publication(instance)


def connect():
    page_published.connect(_published, dispatch_uid="editorial-translation-status")
