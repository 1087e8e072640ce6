"""Signing up for e-mail alerts: the form, double opt-in, restricted pages, privacy."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from alerts.models import Subscriber, Subscription
from tests.factories import (
    GuidancePageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    RoutinePageFactory,
    ThemePageFactory,
    UserFactory,
    restrict,
)

from .helpers import add_note, confirm, follow, links, send_alerts, sign_up

pytestmark = pytest.mark.django_db


def test_followable_pages_offer_the_form_in_the_visitors_language(client, tree):
    """Routines, guidance, contacts, themes and the news offer "Get e-mails"; the start page not."""
    pages = [
        RoutinePageFactory(),
        GuidancePageFactory(),
        OrganisationPageFactory(),
        ThemePageFactory(),
        tree.news,
    ]
    for page in pages:
        html = client.get(page.url).content.decode()
        assert 'action="/sv/alerts/subscribe/"' in html, page
        assert f'name="page" value="{page.pk}"' in html
    assert "/alerts/subscribe/" not in client.get(tree.home.url).content.decode()
    with translation.override("it"):
        italian = client.get(pages[0].url).content.decode()
    assert "Ricevi e-mail sulle modifiche" in italian


def test_nothing_is_sent_before_the_confirmation_link_is_followed(client, tree):
    """Double opt-in: the sign-up sends only a confirmation; changes wait for the click."""
    routine = RoutinePageFactory(title="Remiss till socialtjänsten")
    response = sign_up(client, routine)
    assert response.status_code == 200
    assert "Kolla din inkorg" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["anna@example.se"]
    assert "Remiss till socialtjänsten" in message.subject
    assert links(message, "confirm")

    mail.outbox.clear()
    add_note(routine, "Nytt telefonnummer")
    send_alerts()
    assert mail.outbox == []

    assert confirm(client, message).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None
    add_note(routine, "Ny blankett")
    send_alerts()
    (alert,) = mail.outbox
    assert "Ny blankett" in alert.body and "Nytt telefonnummer" not in alert.body


def test_a_forged_or_expired_confirmation_link_confirms_nothing(client, tree):
    """A changed token, or one older than the confirmation period, answers "link does not work"."""
    routine = RoutinePageFactory()
    sign_up(client, routine)
    (path,) = links(mail.outbox[0], "confirm")
    assert client.get(path[:-3] + "xx/").status_code == 404
    later = timezone.now() + datetime.timedelta(days=8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        assert client.get(path).status_code == 404
    assert Subscription.objects.get().confirmed_at is None


def test_signup_answers_the_same_for_known_and_unknown_addresses(client, tree):
    """The page never tells whether an address already follows something."""
    routine = RoutinePageFactory()
    follow(client, routine, email="known@example.se")
    known = sign_up(client, routine, email="known@example.se").content.decode()
    unknown = sign_up(client, routine, email="new@example.se").content.decode()
    assert known == unknown
    assert Subscriber.objects.count() == 2


def test_bad_signups_answer_400_and_store_nothing(client, tree):
    """An invalid address or a page that cannot be followed: a clear message, nothing stored."""
    routine = RoutinePageFactory()
    assert sign_up(client, routine, email="not-an-address").status_code == 400
    response = client.post("/sv/alerts/subscribe/", {"email": "a@example.se", "page": tree.home.pk})
    assert response.status_code == 400
    response = client.post(
        "/sv/alerts/subscribe/", {"email": "a@example.se", "language": "sv", "page": "x"}
    )
    assert response.status_code == 400
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_signup_is_rate_limited_per_client(client, tree, settings):
    """Past the limit a client is told to wait (429) and no e-mail goes out."""
    settings.ALERTS_SIGNUP_RATE_LIMIT = (2, 3600)
    routine = RoutinePageFactory()
    for number in range(2):
        assert sign_up(client, routine, email=f"a{number}@example.se").status_code == 200
    response = sign_up(client, routine, email="a3@example.se")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert len(mail.outbox) == 2


def test_restricted_pages_are_followed_only_by_who_may_read_them(client, tree, professional):
    """Anonymous visitors cannot follow a restricted page; a professional only with own address."""
    routine = restrict(RoutinePageFactory())
    assert sign_up(client, routine).status_code == 400
    client.force_login(professional)
    html = client.get(routine.url).content.decode()
    assert f'value="{professional.email}" readonly' in html
    assert sign_up(client, routine, email="someone.else@example.se").status_code == 400
    assert sign_up(client, routine, email=professional.email).status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.user == professional and mail.outbox[0].to == [professional.email]


def test_unconfirmed_signups_are_deleted_after_seven_days(client, tree):
    """send_alerts forgets sign-ups nobody confirmed within the confirmation period."""
    routine = RoutinePageFactory()
    sign_up(client, routine, email="late@example.se")
    follow(client, routine, email="kept@example.se")
    old = timezone.now() - datetime.timedelta(days=8)
    Subscription.objects.filter(subscriber__email="late@example.se").update(created_at=old)
    Subscriber.objects.filter(email="late@example.se").update(created_at=old)
    output = send_alerts()
    assert "1 unconfirmed subscription(s) and 1 address(es) deleted" in output
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.se"]


def test_only_address_language_and_followed_pages_are_stored(client, tree):
    """A subscriber row holds the address and language; the subscription the page, no more."""
    sign_up(client, NewsPageFactory().get_parent().specific, language="lv")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.user) == (
        "anna@example.se",
        "lv",
        None,
    )
    fields = {f.name for f in Subscriber._meta.concrete_fields}
    assert fields == {"id", "email", "language", "user", "secret", "created_at"}


def test_mail_clients_unsubscribe_with_a_bare_post(tree):
    """RFC 8058: the List-Unsubscribe address accepts a POST without a CSRF token."""
    client = Client(enforce_csrf_checks=True)
    routine = RoutinePageFactory()
    follow(client, routine)
    add_note(routine, "Ändrad")
    send_alerts()
    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = "/" + header.split("/", 3)[3]
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscription.objects.exists()


def test_a_logged_in_professional_follows_a_theme(client, tree):
    """Logged-in users sign up like anyone; their subscriber remembers the account."""
    theme_page = ThemePageFactory()
    user = UserFactory()
    client.force_login(user)
    follow(client, theme_page, email=user.email)
    assert Subscriber.objects.get().user == user
