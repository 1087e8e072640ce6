"""Promoted results (best bets) moderators add in Wagtail's admin: engine and database alike."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.users.models import UserProfile

from tests.factories import RoutinePageFactory, UserFactory


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def routines(answering, committed):
    """The interpreter routine, which "förhör" finds, and two it does not find."""
    with committed():
        interpreter = RoutinePageFactory(
            key="tolk",
            title="Tolk vid förhör",
            summary="Boka en auktoriserad tolk före förhöret.",
            published=True,
        )
        shelter = RoutinePageFactory(
            key="boende",
            title="Skyddat boende",
            summary="Placering i skyddat boende för vuxna.",
            title_en="Protected housing",
            summary_en="Placement in protected housing for adults.",
            published=True,
        )
        secret = RoutinePageFactory(
            key="hemlig",
            title="Hotbedömning",
            summary="Bedömning av hot mot den utsatta.",
            restricted=True,
            published=True,
        )
    return {"interpreter": interpreter, "shelter": shelter, "secret": secret}


@pytest.fixture
def promote_in_admin(client, committed):
    """Add promoted pages for a query through Wagtail's own admin form, as a user."""
    return lambda *args, **kwargs: _promote(client, committed, *args, **kwargs)


def _promote(client, committed, user, query, *pages, language="en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    data = {
        "query_string": query,
        "editors_picks-TOTAL_FORMS": len(pages),
        "editors_picks-INITIAL_FORMS": 0,
        "editors_picks-MAX_NUM_FORMS": 1000,
    }
    for number, page in enumerate(pages):
        data |= {
            f"editors_picks-{number}-DELETE": "",
            f"editors_picks-{number}-ORDER": number,
            f"editors_picks-{number}-page": page.pk,
            f"editors_picks-{number}-description": "",
        }
    with committed():
        response = client.post(reverse("wagtailsearchpromotions:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()


def api(client, q, lang="sv"):
    return client.get("/api/search/", {"q": q, "lang": lang}).json()


def test_promoted_page_comes_first_in_the_api_and_on_the_page(
    promote_in_admin, client, routines, answering, moderator
):
    """A page promoted for a query leads the answer, marked, typed in any case or accents."""
    before = api(client, "förhör")
    assert before["engine"] == answering
    assert before["results"][0]["key"] == "tolk"

    promote_in_admin(moderator, "Förhör", routines["shelter"], language="sv")

    answer = api(client, "  FORHOR ")
    assert answer["engine"] == answering
    assert [r["key"] for r in answer["results"][:2]] == ["boende", "tolk"]
    assert [r["promoted"] for r in answer["results"][:2]] == [True, False]
    assert answer["results"][0]["url"] == routines["shelter"].url

    page = client.get("/sv/search/", {"q": "förhör"}).content.decode()
    first = page.index('class="search-result search-result--promoted"')
    assert page.index("Rekommenderas", first) < page.index("Skyddat boende", first)
    assert page.index("Skyddat boende") < page.index("Tolk vid förhör")


def test_promotion_is_shown_even_when_the_search_finds_nothing(
    promote_in_admin, client, routines, moderator
):
    """A best bet answers a query the text never matches; nothing-found help gives way to it."""
    promote_in_admin(moderator, "zqxwv", routines["shelter"])
    answer = api(client, "zqxwv")
    assert answer["total"] == 0
    assert [(r["key"], r["promoted"]) for r in answer["results"]] == [("boende", True)]
    page = client.get("/sv/search/", {"q": "zqxwv"}).content.decode()
    assert "Skyddat boende" in page
    assert 'class="nothing-found"' not in page


def test_promoted_restricted_page_is_hidden_from_anonymous_visitors(
    promote_in_admin, client, routines, moderator, professional
):
    """A restricted page promoted for a query is shown only to those who may read it."""
    promote_in_admin(moderator, "hot", routines["secret"], routines["shelter"])
    anonymous = api(client, "hot")
    assert [r["key"] for r in anonymous["results"] if r["promoted"]] == ["boende"]
    assert "Hotbedömning" not in str(anonymous)
    assert "Hotbedömning" not in client.get("/sv/search/", {"q": "hot"}).content.decode()

    client.force_login(professional)
    allowed = api(client, "hot")
    assert [r["key"] for r in allowed["results"] if r["promoted"]] == ["hemlig", "boende"]


def test_promotion_follows_the_visitors_language_with_fallback(
    promote_in_admin, client, routines, moderator
):
    """A promoted page shows in English to English and Italian readers, else in Swedish."""
    promote_in_admin(moderator, "housing", routines["shelter"], routines["interpreter"])
    english = api(client, "housing", lang="en")["results"]
    assert (english[0]["title"], english[0]["lang"]) == ("Protected housing", "en")
    assert english[1]["lang"] == "sv"  # the interpreter routine has no English text
    italian = api(client, "housing", lang="it")["results"]
    assert (italian[0]["title"], italian[0]["lang"]) == ("Protected housing", "en")


def test_promotions_stay_off_later_pages_and_filtered_answers(
    promote_in_admin, client, routines, moderator
):
    """Best bets lead the first page of an unfiltered answer only."""
    promote_in_admin(moderator, "boende", routines["interpreter"])
    assert api(client, "boende")["results"][0]["key"] == "tolk"
    filtered = client.get(
        "/api/search/", {"q": "boende", "lang": "sv", "type": "organisation"}
    ).json()
    assert not any(r["promoted"] for r in filtered["results"])


def test_removing_a_promotion_takes_effect_on_the_next_search(
    promote_in_admin, client, routines, moderator, committed
):
    """Deleting the promoted results in the admin removes them from the next answer."""
    promote_in_admin(moderator, "förhör", routines["shelter"])
    assert api(client, "förhör")["results"][0]["promoted"] is True
    client.force_login(moderator)
    query = Query.objects.get(query_string="förhör")
    with committed():
        response = client.post(reverse("wagtailsearchpromotions:delete", args=[query.pk]))
    assert response.status_code == 302
    assert not SearchPromotion.objects.exists()
    client.logout()
    assert not any(r["promoted"] for r in api(client, "förhör")["results"])
