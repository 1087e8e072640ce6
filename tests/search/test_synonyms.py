"""Synonyms moderators add in the admin work on the next search, engine and database alike."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision
from wagtail.users.models import UserProfile

from search import synonyms
from search.models import Synonym
from tests.factories import RoutinePageFactory, UserFactory

ADD = "wagtailsnippets_search_synonym:add"


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def routines(answering, committed):
    with committed():
        RoutinePageFactory(
            key="tolk",
            title="Tolk vid förhör",
            summary="Boka en auktoriserad tolk före förhöret.",
            published=True,
        )
        RoutinePageFactory(
            key="boende",
            title="Skyddat boende",
            summary="Placering i skyddat boende för vuxna.",
            published=True,
        )


@pytest.fixture
def admin_post(client, committed):
    """POST the synonym form as ``user`` in the admin language ``language``."""

    def post(user, data, language="en", url=None):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        with committed():
            response = client.post(url or reverse(ADD), data)
        client.logout()
        return response

    return post


def keys(client, q, lang="sv"):
    return [r["key"] for r in client.get("/api/search/", {"q": q, "lang": lang}).json()["results"]]


@pytest.mark.parametrize("admin_language", ["sv", "en"])
def test_one_way_synonym_finds_the_page_on_the_next_search(
    client, routines, moderator, admin_post, admin_language
):
    """ "gnurfel" finds nothing until a moderator says it also searches "tolk"; no rebuild."""
    assert keys(client, "gnurfel") == []
    response = admin_post(
        moderator,
        {"kind": "one_way", "term": "Gnurfel", "terms": "tolk", "language": ""},
        language=admin_language,
    )
    assert response.status_code == 302
    assert keys(client, "gnurfel")[0] == "tolk"
    assert keys(client, "GNURFEL", lang="en")[0] == "tolk"  # a rule for every language
    # One way: "tolk" does not search "gnurfel", and the rule is in Wagtail's history.
    entry = Synonym.objects.get()
    assert ModelLogEntry.objects.filter(object_id=str(entry.pk), action="wagtail.create").exists()
    assert Revision.objects.filter(object_id=str(entry.pk)).exists()


def test_equivalent_terms_find_each_other_in_their_language_only(
    client, routines, moderator, admin_post
):
    """A Swedish set of equivalent terms, one of them two words, works both ways in Swedish."""
    assert keys(client, "plomberat rum") == []
    response = admin_post(
        moderator,
        {"kind": "equivalent", "terms": "plomberat rum\nskyddat boende", "language": "sv"},
    )
    assert response.status_code == 302
    assert keys(client, "plomberat rum")[0] == "boende"
    assert keys(client, "plomberat rum", lang="en") == []
    # Edited in the admin: the next search uses the new terms.
    entry = Synonym.objects.get()
    response = admin_post(
        moderator,
        {"kind": "equivalent", "terms": "plomberat rum, tolk", "language": "sv"},
        url=reverse("wagtailsnippets_search_synonym:edit", args=[entry.pk]),
    )
    assert response.status_code == 302
    assert keys(client, "plomberat rum")[0] == "tolk"
    assert ModelLogEntry.objects.filter(object_id=str(entry.pk), action="wagtail.edit").exists()


@pytest.mark.parametrize(
    ("data", "message_sv", "message_en"),
    [
        (
            {"kind": "equivalent", "terms": " , \n"},
            "Ange minst en term.",
            "Enter at least one term.",
        ),
        (
            {"kind": "equivalent", "terms": ", ".join(f"ord{n}" for n in range(21))},
            "Högst 20 termer",
            "At most 20 terms",
        ),
        (
            {"kind": "one_way", "term": "a" * 51, "terms": "tolk"},
            "är längre än 50 tecken",
            "is longer than 50 characters",
        ),
        (
            {"kind": "equivalent", "terms": "tolk => förhör, boende"},
            "innehåller tecken",
            "contains characters",
        ),
        ({"kind": "one_way", "term": "", "terms": "tolk"}, "En envägsregel", "A one-way rule"),
    ],
)
def test_bad_synonym_is_refused_with_a_message(
    db, client, moderator, admin_post, data, message_sv, message_en
):
    """An empty entry, over 20 terms, a term over 50 characters or syntax characters: refused."""
    for language, message in (("sv", message_sv), ("en", message_en)):
        response = admin_post(moderator, {"language": "", "term": "", **data}, language=language)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Synonym.objects.exists()


def test_a_broken_entry_saved_past_the_form_never_breaks_searching(client, routines):
    """A row written around the admin's checks is skipped, and the search answers as before."""
    Synonym.objects.create(kind="equivalent", terms="tolk => (boende")
    Synonym.objects.create(kind="one_way", term="", terms="")
    assert synonyms.expansions("tolk", "sv") == []
    assert keys(client, "tolk")[0] == "tolk"


def test_partner_editors_cannot_manage_synonyms(db, client, admin_post):
    """Synonyms are for moderators and administrators."""
    editor = UserFactory(groups=["Editors"])
    response = admin_post(editor, {"kind": "equivalent", "terms": "a1, b2", "language": ""})
    assert response.status_code in (302, 403)
    assert not Synonym.objects.exists()
    client.force_login(editor)
    assert client.get(reverse("wagtailsnippets_search_synonym:list")).status_code in (302, 403)
