"""Search, its API and autocomplete answer 429 to a client that asks too often,
with Retry-After, while other clients go on searching."""

import pytest
from django.core.cache import caches
from django.core.management import call_command

from core.security import ratelimit

pytestmark = pytest.mark.django_db

NOW = 1_800_000_030.0  # 30 seconds into a minute


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """One fixed instant, so that no test straddles a window boundary."""
    monkeypatch.setattr(ratelimit.time, "time", lambda: NOW)


@pytest.fixture
def limits(settings):
    settings.SEARCH_RATE_LIMIT = (3, 60)
    settings.AUTOCOMPLETE_RATE_LIMIT = (5, 60)
    return settings


def search(client, ip="198.51.100.7", **headers):
    return client.get("/api/search/", {"q": "rutin"}, REMOTE_ADDR=ip, **headers)


def test_api_answers_429_with_retry_after_over_the_limit(client, tree, limits):
    """The fourth search in a minute is refused with JSON and the seconds to wait."""
    for _ in range(3):
        assert search(client).status_code == 200
    response = search(client)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "error": "too many requests; try again in 30 seconds",
        "retry_after": 30,
    }


def test_search_page_shares_the_budget_and_says_so_kindly(client, tree, limits):
    """The HTML search page counts with the API and explains the wait in the visitor's language."""
    for _ in range(3):
        assert search(client).status_code == 200
    response = client.get("/sv/search/", {"q": "rutin"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert "Försök igen om 30 sekunder" in response.text
    english = client.get("/en/search/", {"q": "rutin"}, REMOTE_ADDR="198.51.100.7")
    assert "Try again in 30 seconds" in english.text


def test_autocomplete_has_its_own_limit(client, tree, limits):
    """Autocomplete allows more requests than search, counted apart from it."""
    for _ in range(3):
        search(client)
    for _ in range(5):
        response = client.get("/api/search/autocomplete/", {"q": "ru"}, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 200
    refused = client.get("/api/search/autocomplete/", {"q": "ru"}, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert refused.json()["retry_after"] == 30


def test_other_clients_are_not_affected(client, tree, limits):
    """One client over its limit leaves another address free to search."""
    for _ in range(4):
        search(client)
    assert search(client).status_code == 429
    assert search(client, ip="203.0.113.9").status_code == 200


def test_a_new_window_starts_afresh(client, tree, limits, monkeypatch):
    """After Retry-After seconds the client may search again."""
    for _ in range(4):
        search(client)
    monkeypatch.setattr(ratelimit.time, "time", lambda: NOW + 30)
    assert search(client).status_code == 200


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client, tree, limits):
    """A client cannot dodge the limit by sending its own X-Forwarded-For."""
    for n in range(3):
        search(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert search(client, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_trusted_proxy_header_names_the_client(client, tree, limits):
    """Behind a configured proxy, the address it appended is the client."""
    limits.PORTAL_CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = "10.0.0.2"
    for _ in range(3):
        search(client, ip=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.10")
    # The left-most entry is the client's own claim; the proxy's entry decides.
    assert search(client, ip=proxy, HTTP_X_FORWARDED_FOR="9.9.9.9, 192.0.2.10").status_code == 429
    assert search(client, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.11").status_code == 200


def test_ipv6_clients_count_by_their_64_prefix(client, tree, limits):
    """Addresses in one IPv6 /64 share a budget; another /64 has its own."""
    for n in range(3):
        search(client, ip=f"2001:db8:1:2::{n + 1}")
    assert search(client, ip="2001:db8:1:2::ffff").status_code == 429
    assert search(client, ip="2001:db8:1:3::1").status_code == 200


def test_off_means_no_limit(client, tree, settings):
    """SEARCH_RATE_LIMIT=off lets every request through."""
    settings.SEARCH_RATE_LIMIT = None
    for _ in range(20):
        assert search(client).status_code == 200


def test_database_store_counts_across_processes(client, tree, limits):
    """RATE_LIMIT_CACHE=database keeps the counts in a table every worker shares."""
    limits.CACHES = {
        **limits.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_rate_limit",
        },
    }
    call_command("createcachetable", "portal_rate_limit", verbosity=0)
    for _ in range(3):
        assert search(client).status_code == 200
    assert search(client).status_code == 429
    caches["ratelimit"].clear()


def test_a_broken_store_does_not_break_search(client, tree, limits):
    """A missing counter table lets searches through rather than failing them."""
    limits.CACHES = {
        **limits.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_table",
        },
    }
    for _ in range(5):
        response = search(client)
        assert response.status_code == 200
        assert response.json()["engine"] == "database"
