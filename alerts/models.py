"""Who follows what by e-mail, and the changes waiting to be sent.

Privacy by design: a subscriber is an address and a language, and what it
follows. ``user`` is set only when a logged-in professional follows a
restricted page: the account already exists, and it is what proves, at every
sending, that the reader may still see the page.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


def _new_secret():
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """An e-mail address that follows pages; removed with everything when it asks."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("account"),
    )
    # Part of every signed link: deleting the subscriber voids its links for good.
    secret = models.CharField(max_length=64, default=_new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("alert subscriber")
        verbose_name_plural = _("alert subscribers")

    def __str__(self):
        return self.email


class Subscription(models.Model):
    """One followed page (a routine, guidance, organisation, theme or the news)."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("alert subscription")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "page"], name="one_subscription_per_page")
        ]

    def __str__(self):
        return f"{self.subscriber} → {self.page_id}"


class Change(models.Model):
    """A published change note or a new news item, waiting for the next digest."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    # The note in every language it was written in: {language: text}; empty for news.
    note = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("change to announce")

    def __str__(self):
        return f"{self.page_id} {self.date}"
