"""Signed links: confirm a subscription, unsubscribe, reach one's own alerts page.

A token names the action, the subscriber and its secret (and the subscription
where one is meant); the secret dies with the subscriber, so a link never
outlives the data it points at. Only confirmation links expire.
"""

from django.conf import settings
from django.core import signing

from .models import Subscriber, Subscription

SALT = "alerts.links"
CONFIRM, UNSUBSCRIBE, MANAGE = "confirm", "unsubscribe", "manage"


class BadToken(Exception):
    """The link is forged, expired or points at something deleted."""


def make(action, subscriber, subscription=None):
    payload = [action, subscriber.pk, subscriber.secret, subscription.pk if subscription else None]
    return signing.dumps(payload, salt=SALT, compress=True)


def read(token, action):
    """``(subscriber, subscription or None)`` for a valid ``token`` of ``action``."""
    max_age = settings.ALERTS_CONFIRM_DAYS * 86400 if action == CONFIRM else None
    try:
        kind, subscriber_pk, secret, subscription_pk = signing.loads(
            token, salt=SALT, max_age=max_age
        )
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadToken from exc
    if kind != action:
        raise BadToken
    subscriber = Subscriber.objects.filter(pk=subscriber_pk, secret=secret).first()
    if subscriber is None:
        raise BadToken
    subscription = None
    if subscription_pk is not None:
        subscription = Subscription.objects.filter(
            pk=subscription_pk, subscriber=subscriber
        ).first()
        if subscription is None:
            raise BadToken
    return subscriber, subscription
