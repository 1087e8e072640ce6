"""Bump the content generation on every change that can alter a public page.

Covered: publishing, unpublishing, moving and renaming pages, and any save,
delete or many-to-many change of a model in ``PAGE_CACHE_CONTENT_APPS``
(pages, their revisions and logs, view restrictions, sites, collections,
documents, snippets, redirects, tags, translation statuses, partners).
Bumping too often only costs cache misses; missing a change would serve
stale, possibly restricted, material.

Users, groups and their memberships are left out on purpose: logged-in users
are never served from the cache, and what an anonymous visitor sees does not
depend on who is in which group (any view restriction keeps a page from them).
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import generation

DISPATCH_UID = "pagecache-content-changed"


def _content_changed(sender, **kwargs):
    generation.bump()


def _relation_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        generation.bump()


def content_models() -> list[type]:
    """Every model of the content apps, the automatic many-to-many tables included."""
    labels = set(settings.PAGE_CACHE_CONTENT_APPS)
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels
    ]


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_content_changed, dispatch_uid=DISPATCH_UID)
    # Connected per model, not for every sender: a model with delete receivers
    # loses Django's fast bulk delete, which other apps (the search outbox) keep.
    for model in content_models():
        post_save.connect(_content_changed, sender=model, dispatch_uid=DISPATCH_UID)
        post_delete.connect(_content_changed, sender=model, dispatch_uid=DISPATCH_UID)
        m2m_changed.connect(_relation_changed, sender=model, dispatch_uid=DISPATCH_UID)
