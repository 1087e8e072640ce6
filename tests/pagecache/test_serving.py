"""Which requests the page cache answers, and which responses it keeps."""

import pytest
from django.conf import settings
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail import hooks
from wagtail.models import PageViewRestriction

from tests.factories import restrict

pytestmark = pytest.mark.usefixtures("either_cache")

CACHE = "X-Page-Cache"


def test_second_visit_is_served_from_the_cache(client, routine, django_assert_max_num_queries):
    """The first anonymous visit renders the page; the next is a hit with one query."""
    first = client.get(routine.url)
    assert first.status_code == 200
    assert first[CACHE] == "miss"
    with django_assert_max_num_queries(2):
        second = client.get(routine.url)
    assert second[CACHE] == "hit"
    assert second.content == first.content


def test_a_hit_carries_the_same_headers_as_a_miss(client, routine):
    """The CSP and the other security headers are added on a hit as on a miss."""
    miss = client.get(routine.url)
    hit = client.get(routine.url)
    assert hit[CACHE] == "hit"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    for header in ("X-Frame-Options", "Permissions-Policy", "Referrer-Policy", "Vary"):
        assert hit.has_header(header), header
    without_status = {name: value for name, value in miss.items() if name != CACHE}
    assert {name: value for name, value in hit.items() if name != CACHE} == without_status


def test_head_is_served_from_a_cached_get(client, routine):
    """A HEAD after a GET is a hit; a HEAD alone stores nothing."""
    assert client.head(routine.url)[CACHE] == "miss"
    assert client.head(routine.url)[CACHE] == "miss"
    client.get(routine.url)
    head = client.head(routine.url)
    assert head[CACHE] == "hit"
    assert head.content == b""


def test_every_language_and_query_string_is_its_own_entry(client, routine):
    """/sv/ and /en/ and different query strings never share a cached page."""
    client.get(routine.url)
    assert client.get(f"{routine.url}?utm=1")[CACHE] == "miss"
    assert client.get("/en/routines/")[CACHE] == "miss"
    assert client.get("/sv/rutiner/")[CACHE] == "miss"
    assert client.get("/en/routines/")[CACHE] == "hit"


@pytest.mark.parametrize(
    "url",
    [
        "/sv/search/?q=rutin",
        "/api/search/?q=rutin",
        "/api/search/autocomplete/?q=ru",
        "/sv/feed/",
        "/sitemap.xml",
        "/sv/login/",
        "/admin/login/",
    ],
)
def test_other_views_are_never_cached(client, routine, url):
    """Search, the APIs, the feed, the sitemap and the logins are not Wagtail pages."""
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.has_header(CACHE)


def test_a_logged_in_users_page_is_neither_stored_nor_served_from_the_cache(
    routine, plain_user, client
):
    """A logged-in user gets a page of their own, and it is not kept for anyone else."""
    member = Client()
    member.force_login(plain_user)
    logout = f'action="{reverse("logout")}"'
    own = member.get(routine.url)
    assert not own.has_header(CACHE)
    assert logout in own.text
    assert client.get(routine.url)[CACHE] == "miss"
    assert client.get(routine.url)[CACHE] == "hit"
    again = member.get(routine.url)
    assert not again.has_header(CACHE)
    assert logout in again.text


@pytest.mark.parametrize("cookie", [settings.SESSION_COOKIE_NAME, "messages"])
def test_a_visitor_with_a_session_or_messages_cookie_is_not_served_from_the_cache(
    client, routine, cookie
):
    """Such a visitor may be logged in, have passed a page password or have messages waiting."""
    client.get(routine.url)
    visitor = Client()
    visitor.cookies[cookie] = "x"
    assert not visitor.get(routine.url).has_header(CACHE)


def _setting_a_cookie(request, response):
    response.set_cookie("seen", "1")


def _using_a_csrf_token(request, response):
    get_token(request)


def _writing_the_session(request, response):
    request.session["seen"] = True


def _varying(request, response):
    patch_vary_headers(response, ["User-Agent"])


def _private(request, response):
    patch_cache_control(response, private=True)


@pytest.mark.parametrize(
    "personal",
    [_setting_a_cookie, _using_a_csrf_token, _writing_the_session, _varying, _private],
)
def test_a_page_with_anything_personal_is_not_stored(routine, personal):
    """A cookie, a CSRF token, a session write, a Vary or a private Cache-Control keep it out."""

    def serve_personally(serve):
        def inner(page, request, args, kwargs):
            response = serve(page, request, args, kwargs)
            personal(request, response)
            return response

        return inner

    with hooks.register_temporarily("on_serve_page", serve_personally):
        for _ in range(2):
            assert Client().get(routine.url)[CACHE] == "miss"


def test_a_page_restricted_to_a_group_is_never_stored(client, routine, committed):
    """Anonymous visitors get Wagtail's redirect to the login, every time."""
    with committed():
        restrict(routine)
    for _ in range(2):
        response = client.get(routine.url)
        assert response.status_code == 302
        assert response[CACHE] == "miss"
        assert "/login/" in response["Location"]


def test_a_password_form_is_never_stored(client, routine, committed):
    """A page behind a password answers with its form (a CSRF token), every time."""
    with committed():
        PageViewRestriction.objects.create(
            page=routine, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )
    for _ in range(2):
        response = client.get(routine.url)
        assert response.status_code == 200
        assert response[CACHE] == "miss"
        assert 'name="password"' in response.text
        assert "Så gör du." not in response.text


def test_a_professionals_restricted_page_is_never_stored(client, routine, committed, professional):
    """A professional reads the page; the anonymous visitor after them gets the login."""
    with committed():
        restrict(routine)
    insider = Client()
    insider.force_login(professional)
    shown = insider.get(routine.url)
    assert "Öppen rutin" in shown.text
    assert not shown.has_header(CACHE)
    for _ in range(2):
        response = client.get(routine.url)
        assert response.status_code == 302
        assert "Öppen rutin" not in response.text


def test_zero_seconds_turns_the_cache_off(client, routine, settings):
    """PAGE_CACHE_SECONDS=0: every visit renders the page and none is marked."""
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        response = client.get(routine.url)
        assert response.status_code == 200
        assert not response.has_header(CACHE)
