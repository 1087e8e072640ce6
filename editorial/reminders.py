"""The weekly reminder: each partner's editors hear what of theirs is overdue.

Pages without an owner, and those of a partner that has no editor with an
e-mail address, go to the moderators: nothing overdue is forgotten because
nobody would hear of it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from .freshness import due_items, overdue_pages
from .models import Partner
from .roles import MODERATORS


@dataclass
class Reminder:
    user: object
    items: list = field(default_factory=list)
    partners: list = field(default_factory=list)

    def language(self):
        """The recipient's admin language, else Swedish."""
        try:
            profile = self.user.wagtail_userprofile
        except UserProfile.DoesNotExist:
            return settings.LANGUAGE_CODE
        return profile.preferred_language or settings.LANGUAGE_CODE

    def report_url(self):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("editorial:needs_review")
        if len(self.partners) == 1:
            url += "?" + urlencode({"partner": self.partners[0].pk})
        return url

    def message(self):
        with translation.override(self.language()):
            context = {"user": self.user, "reminder": self, "items": self.items}
            subject = render_to_string("editorial/mail/review_reminder_subject.txt", context)
            body = render_to_string("editorial/mail/review_reminder.txt", context)
        return EmailMessage(" ".join(subject.split()), body.strip() + "\n", to=[self.user.email])


def reminders(today=None):
    """One :class:`Reminder` per recipient who has something overdue, by username."""
    by_partner = defaultdict(list)
    for item in due_items(overdue_pages(today)):
        by_partner[item.partner_pk].append(item)
    User = get_user_model()
    recipients = {}

    def remind(user, items, partner=None):
        reminder = recipients.setdefault(user.pk, Reminder(user))
        reminder.items.extend(items)
        if partner is not None:
            reminder.partners.append(partner)

    unclaimed = list(by_partner.pop(None, []))
    for partner in Partner.objects.filter(pk__in=list(by_partner)).select_related("group"):
        editors = list(partner.editors())
        if not editors:
            unclaimed.extend(by_partner[partner.pk])
        for user in editors:
            remind(user, by_partner[partner.pk], partner)
    if unclaimed:
        moderators = (
            User.objects.filter(is_active=True, groups__name=MODERATORS)
            .exclude(email="")
            .distinct()
        )
        for user in moderators:
            remind(user, unclaimed)
    result = sorted(recipients.values(), key=lambda reminder: reminder.user.get_username())
    for reminder in result:
        # Oldest first across the partners a user edits for; never verified first of all.
        reminder.items.sort(key=lambda item: item.checked_on or datetime.date.min)
    return result
