"""Record every change that affects what the index may show.

Publish, review, unpublish, delete, move (descendants too), slug change (descendants'
URLs change) and privacy change (the page and its descendants) each enqueue
an :class:`~search.models.IndexChange` in the current transaction.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from editorial.signals import page_reviewed

from . import indexing


def _subtree(page):
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def _published(sender, instance, **kwargs):
    indexing.enqueue([instance.pk])


def _unpublished(sender, instance, **kwargs):
    indexing.enqueue([instance.pk], urgent=True)


def _deleting(sender, instance, **kwargs):
    indexing.enqueue(_subtree(instance), urgent=True)


def _moved_or_renamed(sender, instance, **kwargs):
    indexing.enqueue(_subtree(instance))


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.enqueue(_subtree(page), urgent=True)


def _restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _restriction_changed(sender, instance)


def connect():
    page_published.connect(_published, dispatch_uid="search-published")
    # A review changes the date the documents carry, without a publish.
    page_reviewed.connect(_published, dispatch_uid="search-reviewed")
    page_unpublished.connect(_unpublished, dispatch_uid="search-unpublished")
    pre_delete.connect(_deleting, sender=Page, dispatch_uid="search-deleting")
    post_page_move.connect(_moved_or_renamed, dispatch_uid="search-moved")
    page_slug_changed.connect(_moved_or_renamed, dispatch_uid="search-slug")
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-privacy"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-privacy-removed"
    )
    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="search-privacy-groups",
    )
