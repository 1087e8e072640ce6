"""Keep translation statuses in step with what is published."""

from wagtail.signals import page_published

from .translation_status import record_publication


def _published(sender, instance, **kwargs):
    record_publication(instance)


def connect():
    page_published.connect(_published, dispatch_uid="editorial-translation-status")
