"""The e-mails: the confirmation of a subscription and the digest of changes.

Each is written in the subscriber's language, plain text, with a one-click
unsubscribe (RFC 8058 ``List-Unsubscribe`` and ``List-Unsubscribe-Post``).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from modeltranslation.utils import resolution_order
from wagtail.models import Site

from . import tokens


def absolute(path):
    """``path`` on the portal's address (the default site's, as pages' own links)."""
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return f"{root.rstrip('/')}{path}"


def link(name, token, language):
    with translation.override(language):
        return absolute(reverse(f"alerts:{name}", args=[token]))


def _send(subscriber, subject, template, context):
    language = subscriber.language
    unsubscribe_all = link("unsubscribe", tokens.make(tokens.UNSUBSCRIBE, subscriber), language)
    with translation.override(language):
        body = render_to_string(
            template,
            {
                **context,
                "manage_url": link("manage", tokens.make(tokens.MANAGE, subscriber), language),
                "unsubscribe_all_url": unsubscribe_all,
            },
        )
        message = EmailMessage(
            subject=str(subject),
            body=body,
            to=[subscriber.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe_all}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": language,
            },
        )
    message.send()


def send_confirmation(subscription):
    """The double opt-in: nothing else is sent until this link is followed."""
    subscriber = subscription.subscriber
    language = subscriber.language
    page = subscription.page.specific
    with translation.override(language):
        title = page.title
        context = {
            "title": title,
            "page_url": page.get_full_url(),
            "confirm_url": link(
                "confirm", tokens.make(tokens.CONFIRM, subscriber, subscription), language
            ),
            "days": settings.ALERTS_CONFIRM_DAYS,
        }
        subject = translation.gettext("Confirm e-mails about “%(title)s”") % {"title": title}
    _send(subscriber, subject, "alerts/email/confirm.txt", context)


def note_text(note, language):
    """The change note as a reader of ``language`` sees it, with the portal's fallbacks."""
    for candidate in resolution_order(language):
        if note.get(candidate):
            return note[candidate]
    return ""


def send_digest(subscriber, entries):
    """One e-mail with every change for ``subscriber``: ``[(change, subscription), ...]``."""
    language = subscriber.language
    items = []
    with translation.override(language):
        for change, subscription in entries:
            page = change.page.specific
            items.append(
                {
                    "title": page.title,
                    "date": change.date,
                    "note": note_text(change.note, language),
                    "url": page.get_full_url(),
                    "followed": subscription.page.specific.title,
                    "unsubscribe_url": link(
                        "unsubscribe",
                        tokens.make(tokens.UNSUBSCRIBE, subscriber, subscription),
                        language,
                    ),
                }
            )
        if len(items) == 1:
            subject = translation.gettext("Updated on the E-portal: %(title)s") % {
                "title": items[0]["title"]
            }
        else:
            subject = translation.ngettext(
                "%(count)d update on the E-portal",
                "%(count)d updates on the E-portal",
                len(items),
            ) % {"count": len(items)}
    _send(subscriber, subject, "alerts/email/digest.txt", {"items": items})
