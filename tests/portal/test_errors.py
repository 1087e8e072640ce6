"""Errors in the visitor's language, and no server errors for odd URLs."""

import pytest


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/sv/finns-inte/", "Sidan hittades inte"), ("/en/missing/", "Page not found")],
)
def test_404_in_the_visitors_language(client, tree, url, heading):
    """A missing page answers 404 with a message in the URL's language."""
    response = client.get(url)
    assert response.status_code == 404
    assert heading in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/xx/rutiner/",
        "/sv/%ff%fe/",
        "/sv/rutiner/%00/",
        "/en/" + "a" * 3000 + "/",
        "/sv//rutiner///",
        "/sv/rutiner/../../etc/passwd",
        "/sv/kontakter/?region=%00&kind=<script>&open_24h=maybe",
        "/sv/login/?next=javascript:alert(1)",
        "/sv/feed/?page=-1",
    ],
)
def test_malformed_urls_never_500(client, tree, url):
    """Unknown language prefixes and malformed paths answer 2xx, 3xx or 404, never 500."""
    response = client.get(url, follow=True)
    assert response.status_code in (200, 400, 404)


def test_nul_byte_is_a_bad_request(client, tree):
    """A NUL byte anywhere in the URL answers 400, on SQLite and PostgreSQL alike."""
    assert client.get("/sv/rutiner/%00/").status_code == 400
    assert client.get("/sv/kontakter/?region=%00").status_code == 400
