"""A committed content change is seen on the very next visit; a rolled-back one changes nothing."""

import pytest
from django.db import transaction

from core.pagecache import generation
from tests.factories import RoutinePageFactory, publish, restrict

pytestmark = pytest.mark.usefixtures("either_cache")

CACHE = "X-Page-Cache"
LISTING = "/sv/rutiner/"


class Abandon(Exception):
    pass


def cached(client, url):
    """Visit ``url`` until its page is in the cache; return that page."""
    client.get(url)
    response = client.get(url)
    assert response[CACHE] == "hit"
    return response


def test_a_published_edit_is_shown_at_once(client, routine, committed):
    """The next anonymous visit after a publish shows the new title, on the page and in lists."""
    cached(client, routine.url)
    cached(client, LISTING)
    with committed():
        publish(routine, title="Ny titel")
    for url in (routine.url, LISTING):
        response = client.get(url)
        assert response[CACHE] == "miss"
        assert "Ny titel" in response.text


def test_a_rolled_back_edit_keeps_the_cached_page(client, routine):
    """A change whose transaction rolls back leaves the generation and the cached page alone."""
    cached(client, routine.url)
    before = generation.current()
    with pytest.raises(Abandon), transaction.atomic():
        publish(routine, title="Ny titel")
        raise Abandon
    assert generation.current() == before
    response = client.get(routine.url)
    assert response[CACHE] == "hit"
    assert "Öppen rutin" in response.text
    assert "Ny titel" not in response.text


def test_a_page_made_private_is_no_longer_served(client, routine, committed):
    """Restricted after it was cached: the page redirects to the login, lists leave it out."""
    cached(client, routine.url)
    assert "Öppen rutin" in cached(client, LISTING).text
    with committed():
        restrict(routine)
    response = client.get(routine.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert "Öppen rutin" not in response.text
    assert "Öppen rutin" not in client.get(LISTING).text


def test_a_new_page_appears_in_a_cached_list(client, tree, routine, committed):
    """A page added after the list was cached is listed on the next visit."""
    cached(client, LISTING)
    with committed():
        RoutinePageFactory(parent=tree.routines, title="Helt ny rutin")
    assert "Helt ny rutin" in client.get(LISTING).text


def test_an_unpublished_page_is_gone(client, routine, committed):
    """Unpublished after it was cached: 404."""
    cached(client, routine.url)
    with committed():
        routine.unpublish()
    assert client.get(routine.url).status_code == 404


def test_a_deleted_page_is_gone(client, routine, committed):
    """Deleted after it was cached: 404, and the list no longer shows it."""
    url = routine.url
    cached(client, url)
    cached(client, LISTING)
    with committed():
        routine.delete()
    assert client.get(url).status_code == 404
    assert "Öppen rutin" not in client.get(LISTING).text
