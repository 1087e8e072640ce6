"""Search statistics: what is recorded, what never is, the "Search terms" report and retention."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.users.models import UserProfile

from search.analytics import cutoff
from search.models import SearchClickDay, SearchDay
from tests.factories import RoutinePageFactory, UserFactory

REPORT = "search_admin:search_terms"


@pytest.fixture
def routine(answering, committed):
    with committed():
        return RoutinePageFactory(
            key="tolk",
            title="Tolk vid förhör",
            summary="Boka en auktoriserad tolk före förhöret.",
            published=True,
        )


def rows():
    return list(SearchDay.objects.values())


def test_a_search_records_query_language_engine_count_and_day(client, routine, answering):
    """The page and the API count the normalised query per day, language and engine."""
    client.get("/sv/search/", {"q": "  TOLK  vid Förhör "})
    client.get("/api/search/", {"q": "tolk vid förhör", "lang": "sv"})
    client.get("/api/search/", {"q": "zqxwv", "lang": "en"})
    client.get("/api/search/", {"q": "tolk vid förhör", "lang": "sv", "page": 2})  # not counted
    found = {row["query"]: row for row in rows()}
    assert set(found) == {"tolk vid forhor", "zqxwv"}
    row = found["tolk vid forhor"]
    assert (row["language"], row["engine"], row["searches"], row["empty"]) == (
        "sv",
        answering,
        2,
        0,
    )
    assert row["results"] >= 1
    assert row["day"] == timezone.localdate()
    assert (found["zqxwv"]["language"], found["zqxwv"]["empty"]) == ("en", 1)


def test_nothing_that_identifies_a_visitor_is_stored(db, client, tree, settings):
    """No address, user, session or time of day in any row; personal-looking queries not at all."""
    settings.SEARCH_URL = None
    user = UserFactory(username="anna.svensson", email="anna@example.se")
    client.force_login(user)
    for q in (
        "anna@example.se",
        "19800101-1234",
        "800101 1234",
        "070-123 45 67",
        "+46 8 123 456 78",
        "skyddat boende",
    ):
        client.get("/api/search/", {"q": q}, REMOTE_ADDR="203.0.113.7")
    client.post(reverse("search_click") + "?q=skyddat+boende&lang=sv&position=1")
    stored = rows() + list(SearchClickDay.objects.values())
    assert [row["query"] for row in rows()] == ["skyddat boende"]
    columns = {name for row in stored for name in row}
    assert columns == {
        "id",
        "day",
        "language",
        "engine",
        "query",
        "searches",
        "empty",
        "results",
        "position",
        "clicks",
    }
    text = repr(stored)
    for secret in ("203.0.113.7", "anna", client.session.session_key):
        assert secret not in text
    assert all(isinstance(row["day"], datetime.date) for row in stored)
    assert not any(isinstance(row["day"], datetime.datetime) for row in stored)


def test_a_click_records_its_position_without_changing_the_link(client, routine):
    """Result links go straight to the page and ping the click endpoint with their position."""
    page = client.get("/sv/search/", {"q": "tolk"}).content.decode()
    assert (
        f'<a href="{routine.url}" ping="/api/search/click/?q=tolk&amp;lang=sv&amp;position=1"'
        in page
    )
    assert client.post("/api/search/click/?q=tolk&lang=sv&position=1").status_code == 204
    assert client.post("/api/search/click/?q=TOLK&lang=sv&position=1").status_code == 204
    assert list(SearchClickDay.objects.values_list("query", "position", "clicks")) == [
        ("tolk", 1, 2)
    ]
    # Clicks for a query nobody searched are not recorded.
    client.post("/api/search/click/?q=never+searched&lang=sv&position=1")
    assert SearchClickDay.objects.count() == 1


@pytest.mark.parametrize(
    "query",
    ["q=tolk&lang=xx&position=1", "q=tolk&lang=sv&position=0", "q=tolk&lang=sv&position=abc"],
)
def test_bad_click_is_refused_with_a_message(db, client, query):
    """A click with a bad language or position answers 400 and records nothing."""
    response = client.post(f"/api/search/click/?{query}")
    assert response.status_code == 400
    assert response.json()["error"]
    assert client.get(f"/api/search/click/?{query}").status_code == 405
    assert not SearchClickDay.objects.exists()


@pytest.fixture
def statistics(db):
    today = timezone.localdate()
    SearchDay.objects.create(
        day=today, language="sv", engine="database", query="tolk", searches=9, results=3
    )
    SearchDay.objects.create(
        day=today, language="sv", engine="database", query="plomberat rum", searches=4, empty=4
    )
    SearchDay.objects.create(
        day=today - datetime.timedelta(days=1),
        language="en",
        engine="opensearch",
        query="interpreter",
        searches=2,
        results=5,
    )
    SearchClickDay.objects.create(day=today, language="sv", query="tolk", position=1, clicks=3)


def report(client, user, admin_language="en", **params):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = admin_language
    profile.save()
    client.force_login(user)
    return client.get(reverse(REPORT), params)


def section(page, table_id):
    start = page.index(f'id="{table_id}"')
    end = page.find("<h2", start + 1)
    return page[start : end if end > 0 else None]


def test_report_lists_top_zero_result_and_unclicked_queries(client, statistics):
    """Editors see what was searched, what found nothing and what nobody clicked."""
    editor = UserFactory(groups=["Editors"])
    page = report(client, editor).content.decode()
    top = section(page, "top-queries")
    assert top.index("tolk") < top.index("plomberat rum") < top.index("interpreter")
    assert "plomberat rum" in section(page, "zero-result-queries")
    assert "tolk" not in section(page, "zero-result-queries")
    unclicked = section(page, "unclicked-queries")
    assert "interpreter" in unclicked and "tolk" not in unclicked
    # Partner editors read the report; improving search is for moderators.
    assert "Promote a result" not in page and "Add a synonym" not in page
    english_only = report(client, editor, admin_language="sv", language="en")
    content = english_only.content.decode()
    assert "Vanligaste sökfrågorna" in content
    assert "interpreter" in content and "plomberat rum" not in content


def test_report_draws_a_bar_per_day_without_script(client, statistics):
    """The daily chart is inline SVG: one bar per day of the period, the busiest full height."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    # In Swedish, numbers on the page have a decimal comma; coordinates must not.
    page = report(client, admin, admin_language="sv", days=7).content.decode()
    start = page.index('aria-labelledby="search-chart-title"')
    chart = page[start : page.index("</svg>", start)]
    assert chart.count("<rect") == 7
    assert "<script" not in chart and "style=" not in chart
    coordinates = re.findall(r' (?:x|y|width|height)="([^"]*)"', chart)
    assert len(coordinates) >= 4 * 7
    assert all(re.fullmatch(r"[0-9.]+", value) for value in coordinates), coordinates
    assert 'height="140"' in chart  # today's 13 searches: the peak


def test_one_click_promotion_and_synonym_from_the_report(client, statistics):
    """A moderator opens Wagtail's promotion form for a reported query, or a prefilled synonym."""
    moderator = UserFactory(groups=["Moderators"])
    page = report(client, moderator).content.decode()
    assert "Promote a result" in page and "Add a synonym" in page
    response = client.post(reverse("search_admin:promote"), {"query": "plomberat rum"})
    query = Query.objects.get(query_string="plomberat rum")
    assert response.url == reverse("wagtailsearchpromotions:edit", args=[query.pk])
    assert client.get(response.url).status_code == 200
    form = client.get(
        reverse("wagtailsnippets_search_synonym:add"), {"term": "plomberat rum", "language": "sv"}
    ).content.decode()
    assert 'value="plomberat rum"' in form
    assert 'value="one_way" checked' in form or '<option value="one_way" selected' in form


def test_report_is_closed_to_visitors_and_professionals(client, statistics, professional):
    """Only editors, moderators and administrators read the report."""
    assert client.get(reverse(REPORT)).status_code == 302
    client.force_login(professional)
    assert client.get(reverse(REPORT)).status_code in (302, 403)
    assert client.post(reverse("search_admin:promote"), {"query": "x"}).status_code in (302, 403)
    assert not Query.objects.exists()


def test_retention_deletes_rows_older_than_thirteen_months(db, settings):
    """The purge command keeps 13 months by default, or what the setting says."""
    today = timezone.localdate()
    kept = cutoff(13)
    for day in (kept - datetime.timedelta(days=1), kept, today):
        SearchDay.objects.create(day=day, language="sv", engine="database", query="q", searches=1)
        SearchClickDay.objects.create(day=day, language="sv", query="q", position=1, clicks=1)
    call_command("purge_search_analytics")
    assert sorted(SearchDay.objects.values_list("day", flat=True)) == [kept, today]
    assert sorted(SearchClickDay.objects.values_list("day", flat=True)) == [kept, today]
    settings.SEARCH_ANALYTICS_RETENTION_MONTHS = 0
    with pytest.raises(Exception, match="at least one month"):
        call_command("purge_search_analytics")


def test_retention_cutoff_handles_short_months():
    """Thirteen months before 31 March 2027 is the last day of February 2026."""
    assert cutoff(13, datetime.date(2027, 3, 31)) == datetime.date(2026, 2, 28)
    assert cutoff(13, datetime.date(2026, 12, 2)) == datetime.date(2025, 11, 2)
