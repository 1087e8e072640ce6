"""Record changes worth an e-mail, and stop alerts that a new restriction forbids.

``resources`` knows nothing of alerts: Wagtail's ``page_published`` and the
view restrictions' own model signals are all this app listens to.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from core.i18n import language_codes, localized_value, source_language
from resources.models import NewsPage

from .follow import reader_of, visible_ids
from .models import Change, Subscription


def _published(sender, instance, **kwargs):
    page = instance.specific
    # Old news and old notes (an import of history, a first publish) are no news.
    oldest = timezone.localdate() - datetime.timedelta(days=settings.ALERTS_NOTE_MAX_AGE_DAYS)
    if isinstance(page, NewsPage):
        if page.date >= oldest and not Change.objects.filter(page=page).exists():
            Change.objects.create(page=page, date=page.date)
        return
    notes = getattr(page, "change_notes", None)
    if notes is None:
        return
    source = source_language()
    for note in notes.all():
        if note.date < oldest:
            continue
        texts = {
            code: text for code in language_codes() if (text := localized_value(note, "text", code))
        }
        lookup = {f"note__{source}": texts.get(source, "")}
        if Change.objects.filter(page=page, date=note.date, **lookup).exists():
            continue
        Change.objects.create(page=page, date=note.date, note=texts)


def prune(page_path):
    """Remove subscriptions to ``page_path`` and below whose reader may no longer see them."""
    subscriptions = Subscription.objects.filter(page__path__startswith=page_path).select_related(
        "subscriber"
    )
    by_subscriber = {}
    for subscription in subscriptions:
        by_subscriber.setdefault(subscription.subscriber, []).append(subscription)
    for subscriber, followed in by_subscriber.items():
        allowed = visible_ids([s.page_id for s in followed], reader_of(subscriber))
        gone = [s.pk for s in followed if s.page_id not in allowed]
        Subscription.objects.filter(pk__in=gone).delete()


def _restriction_saved(sender, instance, **kwargs):
    # The groups of a new restriction are set after it is saved: judge at commit.
    path = instance.page.path
    transaction.on_commit(lambda: prune(path))


def _restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        path = instance.page.path
        transaction.on_commit(lambda: prune(path))


def connect():
    page_published.connect(_published, dispatch_uid="alerts-published")
    post_save.connect(
        _restriction_saved, sender=PageViewRestriction, dispatch_uid="alerts-restriction"
    )
    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="alerts-restriction-groups",
    )
