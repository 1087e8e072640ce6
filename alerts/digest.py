"""The digest run (``send_alerts``): every waiting change, one e-mail per subscriber."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .follow import followed_through, reader_of, visible_ids
from .mail import send_digest
from .models import Change, Subscriber, Subscription


def purge_unconfirmed(now=None):
    """Forget subscriptions never confirmed in time, and subscribers left with none."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ALERTS_CONFIRM_DAYS)
    expired, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    empty, _ = Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).delete()
    return expired, empty


def pending():
    """``{subscriber: [(change, subscription), ...]}`` for the changes not sent yet.

    A change reaches a subscription confirmed before the change was recorded,
    and only a reader who may see the changed page now: restricted changes go
    to logged-in professionals' subscriptions only, and never as text to others.
    """
    by_subscriber = defaultdict(list)
    changes = list(Change.objects.filter(sent_at__isnull=True).select_related("page"))
    for change in changes:
        page = change.page.specific
        if not page.live:
            continue
        subscriptions = Subscription.objects.filter(
            page_id__in=followed_through(page),
            confirmed_at__isnull=False,
            confirmed_at__lte=change.created_at,
        ).select_related("subscriber", "page")
        seen = set()
        for subscription in subscriptions:
            if subscription.subscriber_id in seen:
                continue  # followed both the page and its theme: one entry
            seen.add(subscription.subscriber_id)
            by_subscriber[subscription.subscriber].append((change, subscription))
    for subscriber, entries in list(by_subscriber.items()):
        pages = {change.page_id for change, _ in entries}
        pages |= {subscription.page_id for _, subscription in entries}
        allowed = visible_ids(pages, reader_of(subscriber))
        entries = [
            (change, subscription)
            for change, subscription in entries
            if change.page_id in allowed and subscription.page_id in allowed
        ]
        if entries:
            by_subscriber[subscriber] = entries
        else:
            del by_subscriber[subscriber]
    return changes, by_subscriber


def send_alerts(progress=None):
    """Send every digest; returns ``(e-mails sent, changes announced)``."""
    progress = progress or (lambda done, total: None)
    changes, by_subscriber = pending()
    total = len(by_subscriber)
    sent = 0
    for subscriber, entries in by_subscriber.items():
        send_digest(subscriber, entries)
        sent += 1
        progress(sent, total)
    with transaction.atomic():
        Change.objects.filter(pk__in=[c.pk for c in changes]).update(sent_at=timezone.now())
    return sent, len(changes)
