"""What the e-mails say, to whom, in which language; unsubscribing; one's alerts page."""

import pytest
from django.core import mail

from alerts.models import Subscriber, Subscription
from resources.models import GuidanceChangeNote
from tests.factories import (
    GuidancePageFactory,
    NewsPageFactory,
    RoutinePageFactory,
    ThemeFactory,
    ThemePageFactory,
    UserFactory,
    publish,
    restrict,
)

from .helpers import add_note, follow, links, send_alerts

pytestmark = pytest.mark.django_db


def test_several_changes_in_a_day_go_out_as_one_digest(client, tree):
    """Two pages followed, three notes: one e-mail with title, note, date and link of each."""
    routine = RoutinePageFactory(title="Identifiera offer")
    guidance = GuidancePageFactory(title="Handbok")
    follow(client, routine)
    follow(client, guidance)
    add_note(routine, "Steg 2 är nytt")
    add_note(routine, "Ny kontakt i steg 3")
    add_note(guidance, "Ny upplaga", note_model=GuidanceChangeNote)
    output = send_alerts()
    assert "3 change(s) announced in 1 e-mail(s)" in output
    (message,) = mail.outbox
    assert "3 uppdateringar" in message.subject
    for text in ("Identifiera offer", "Handbok", "Steg 2 är nytt", "Ny kontakt i steg 3"):
        assert text in message.body
    assert routine.get_full_url() in message.body
    assert len(links(message, "unsubscribe")) == 4  # one per change, one for everything
    send_alerts()
    assert len(mail.outbox) == 1, "a change is announced once"


def test_each_subscriber_reads_in_their_own_language(client, tree):
    """The note, title, link and the e-mail's own words come in the subscriber's language."""
    routine = RoutinePageFactory(title="Remiss", title_it="Rinvio")
    follow(client, routine, email="giulia@example.it", language="it")
    follow(client, routine, email="janis@example.lv", language="lv")
    add_note(routine, "Nytt nummer", text_it="Nuovo numero")
    send_alerts()
    italian = next(m for m in mail.outbox if m.to == ["giulia@example.it"])
    assert "Rinvio" in italian.subject and "Nuovo numero" in italian.body
    assert "/it/" in italian.body and "Le tue notifiche e-mail" in italian.body
    assert italian.extra_headers["Content-Language"] == "it"
    latvian = next(m for m in mail.outbox if m.to == ["janis@example.lv"])
    # Latvian readers fall back to English, then Swedish, as on the site.
    assert "Nytt nummer" in latvian.body and "Jūsu e-pasta paziņojumi" in latvian.body


def test_a_theme_subscription_covers_tagged_news_routines_and_guidance(client, tree):
    """A news item tagged with a followed theme is announced; untagged ones are not."""
    theme = ThemeFactory()
    follow(client, ThemePageFactory(theme=theme))
    NewsPageFactory(title="Ny lag om tvångsarbete", themes=[theme], published=True)
    NewsPageFactory(title="Annat", published=True)
    routine = RoutinePageFactory(themes=[theme])
    add_note(routine, "Ny rutin för tvångsarbete")
    send_alerts()
    (message,) = mail.outbox
    assert "Ny lag om tvångsarbete" in message.body and "Annat" not in message.body
    assert "Ny rutin för tvångsarbete" in message.body


def test_following_the_news_announces_every_new_item_once(client, tree):
    """The news section's followers hear of each new item, not of its later edits."""
    follow(client, tree.news)
    item = NewsPageFactory(title="Konferens i Riga", published=True)
    publish(item, title="Konferens i Riga i maj")
    send_alerts()
    (message,) = mail.outbox
    assert message.body.count("Konferens i Riga") == 1


def test_restricted_text_never_reaches_who_may_not_read_it(client, tree, professional):
    """A restricted routine under a followed theme: professionals get it, others get nothing."""
    theme = ThemeFactory()
    theme_page = ThemePageFactory(theme=theme)
    follow(client, theme_page, email="public@example.se")
    client.force_login(professional)
    follow(client, theme_page, email=professional.email)
    client.logout()
    secret = restrict(RoutinePageFactory(title="Skyddat boende", themes=[theme]))
    add_note(secret, "Ny adress till boendet")
    send_alerts()
    (message,) = mail.outbox
    assert message.to == [professional.email]
    assert "Ny adress till boendet" in message.body


def test_alerts_stop_when_a_page_becomes_restricted(
    client, tree, professional, django_capture_on_commit_callbacks
):
    """Restricting a page ends the alerts of everyone who may no longer read it."""
    routine = RoutinePageFactory()
    follow(client, routine, email="public@example.se")
    client.force_login(professional)
    follow(client, routine, email=professional.email)
    with django_capture_on_commit_callbacks(execute=True):
        restrict(routine)
    assert list(Subscription.objects.values_list("subscriber__email", flat=True)) == [
        professional.email
    ]
    add_note(routine, "Bara för yrkesverksamma")
    send_alerts()
    assert [m.to for m in mail.outbox] == [[professional.email]]


def test_a_professional_who_leaves_the_group_gets_no_more_restricted_news(client, tree):
    """Access is checked at every sending, not only when signing up."""
    user = UserFactory(groups=["Professionals"])
    routine = restrict(RoutinePageFactory())
    client.force_login(user)
    follow(client, routine, email=user.email)
    user.groups.clear()
    add_note(routine, "Hemlig ändring")
    send_alerts()
    assert mail.outbox == []


def test_one_click_unsubscribe_from_the_email(client, tree):
    """The link in the e-mail opens a page with one button; pressing it ends that alert."""
    routine, guidance = RoutinePageFactory(), GuidancePageFactory()
    follow(client, routine)
    follow(client, guidance)
    add_note(routine, "Ändrad")
    send_alerts()
    path = links(mail.outbox[0], "unsubscribe")[0]
    page = client.get(path).content.decode()
    assert "Avsluta prenumerationen" in page
    assert Subscription.objects.count() == 2, "opening the link alone changes nothing"
    client.post(path)
    assert list(Subscription.objects.values_list("page_id", flat=True)) == [guidance.pk]


def test_the_alerts_page_is_reached_only_by_its_signed_link(client, tree):
    """The link lists what is followed and changes the language; a forged one shows nothing."""
    routine = RoutinePageFactory(title="Rutin för tolk")
    follow(client, routine)
    add_note(routine, "Ändrad")
    send_alerts()
    (path,) = links(mail.outbox[0], "manage")
    page = client.get(path).content.decode()
    assert "Rutin för tolk" in page and "anna@example.se" in page
    forged = path.replace(path.split("/")[-2][:6], "AAAAAA")
    response = client.get(forged)
    assert response.status_code == 404 and "anna@example.se" not in response.content.decode()
    client.post(path, {"action": "language", "language": "el"})
    assert Subscriber.objects.get().language == "el"


def test_delete_everything_removes_the_address_and_voids_its_links(client, tree):
    """One button deletes address, language and subscriptions; old links stop working."""
    routine = RoutinePageFactory()
    follow(client, routine)
    add_note(routine, "Ändrad")
    send_alerts()
    message = mail.outbox[0]
    (path,) = links(message, "manage")
    response = client.post(path, {"action": "delete"})
    assert "Allt är raderat" in response.content.decode()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    assert client.get(path).status_code == 404
    assert client.get(links(message, "unsubscribe")[0]).status_code == 404


def test_email_strings_are_translated_in_every_language(client, tree):
    """The confirmation e-mail's subject is in each of the five languages."""
    routine = RoutinePageFactory(title="Rutin")
    subjects = set()
    for language in ("sv", "en", "it", "el", "lv"):
        client.post(
            "/sv/alerts/subscribe/",
            {"email": f"{language}@example.se", "language": language, "page": routine.pk},
        )
        subjects.add(mail.outbox[-1].subject.replace("Rutin", ""))
        assert mail.outbox[-1].extra_headers["Content-Language"] == language
    assert len(subjects) == 5
