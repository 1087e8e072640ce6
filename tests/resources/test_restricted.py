"""Restricted pages: invisible to anyone outside the allowed groups."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from core.access import visible_pages
from tests.factories import (
    NewsPageFactory,
    OrganisationPageFactory,
    RoutinePageFactory,
    ThemePageFactory,
    restrict,
)

SECRET = "Hemlig sambandsrutin"


@pytest.fixture
def content(tree):
    theme_page = ThemePageFactory(parent=tree.home, title="Samverkan", slug="samverkan")
    public = RoutinePageFactory(parent=tree.routines, title="Öppen rutin", slug="oppen")
    public.themes.add(theme_page.theme)
    public.save()
    secret = RoutinePageFactory(parent=tree.routines, title=SECRET, slug="hemlig", restricted=True)
    secret.themes.add(theme_page.theme)
    secret.save()
    hotline = OrganisationPageFactory(
        parent=tree.directory,
        title="Hemlig jourlinje",
        slug="hemlig-jour",
        open_24h=True,
        restricted=True,
    )
    OrganisationPageFactory(parent=tree.directory, title="Öppen jour", slug="jour", open_24h=True)
    news = NewsPageFactory(
        parent=tree.news, title="Hemlig nyhet", slug="hemlig-nyhet", restricted=True
    )
    return {"theme": theme_page, "secret": secret, "hotline": hotline, "news": news}


SECRET_TITLES = [SECRET, "Hemlig jourlinje", "Hemlig nyhet"]
LISTINGS = ["/sv/", "/sv/rutiner/", "/sv/samverkan/", "/sv/kontakter/", "/sv/nyheter/"]


def assert_no_secret(text):
    for title in SECRET_TITLES:
        assert title not in text


def test_anonymous_is_sent_to_login(client, content):
    """Opening a restricted page asks for a login and shows nothing of it."""
    response = client.get("/sv/rutiner/hemlig/")
    assert response.status_code == 302
    assert response.url.startswith("/sv/login/")
    assert_no_secret(client.get(response.url).text)


@pytest.mark.parametrize("url", LISTINGS)
def test_anonymous_listings_hide_restricted(client, content, url):
    """Home box, sections, theme page and directory never name a restricted page."""
    response = client.get(url)
    assert response.status_code == 200
    assert_no_secret(response.text)


def test_directory_count_excludes_restricted(client, content):
    """The directory's count says 1 organisation open 24/7, not 2."""
    html = client.get("/sv/kontakter/?open_24h=1").text
    assert "1 organisation" in html or "1 organisationer" in html or ">1 " in html


def test_sitemap_and_feed_hide_restricted(client, content):
    """The sitemap and the news feed list public pages only."""
    sitemap = client.get("/sitemap.xml").text
    assert "/sv/rutiner/oppen/" in sitemap
    assert "/en/routines/oppen/" in sitemap
    assert "hemlig" not in sitemap
    feed = client.get("/sv/feed/").text
    assert "Hemlig nyhet" not in feed


def test_logged_in_non_professional_sees_nothing(client, content, plain_user):
    """Being logged in is not enough: the group decides."""
    client.force_login(plain_user)
    assert client.get("/sv/rutiner/hemlig/").status_code == 302
    for url in LISTINGS:
        assert_no_secret(client.get(url).text)


def test_professional_sees_restricted(client, content, professional):
    """A Professionals member reads the page and finds it in listings and the home box."""
    client.force_login(professional)
    assert SECRET in client.get("/sv/rutiner/hemlig/").text
    assert SECRET in client.get("/sv/rutiner/").text
    assert SECRET in client.get("/sv/samverkan/").text
    assert "Hemlig jourlinje" in client.get("/sv/").text


def test_restriction_uses_the_configured_groups(content):
    """The restriction admits Professionals, Editors and Moderators."""
    restriction = content["secret"].get_view_restrictions()[0]
    names = set(restriction.groups.values_list("name", flat=True))
    assert names == {"Professionals", "Editors", "Moderators"}
    assert Group.objects.filter(name="Professionals").exists()


def test_professional_login_page(client, content, professional):
    """The portal's own login page logs a professional in and back to the page."""
    with translation.override("sv"):
        response = client.post(
            "/sv/login/?next=/sv/rutiner/hemlig/",
            {
                "username": professional.username,
                "password": "secret-pass-123",
                "next": "/sv/rutiner/hemlig/",
            },
        )
    assert response.status_code == 302
    assert response.url == "/sv/rutiner/hemlig/"
    assert SECRET in client.get(response.url).text


def test_wrong_password_reveals_nothing(client, content, professional):
    """A failed login says the same for an unknown user and a wrong password."""
    unknown = client.post("/en/login/", {"username": "nobody", "password": "x"}).text
    wrong = client.post("/en/login/", {"username": professional.username, "password": "x"}).text
    assert "Wrong username or password." in unknown
    assert "Wrong username or password." in wrong


def test_listings_hold_with_thousands_of_restrictions(client, content, plain_user):
    """A site with more restrictions than SQLite's expression depth still lists its pages."""
    PageViewRestriction.objects.bulk_create(
        PageViewRestriction(page=content["secret"], restriction_type=PageViewRestriction.LOGIN)
        for _ in range(1200)
    )
    for user in (None, plain_user):
        if user:
            client.force_login(user)
        page = client.get("/sv/rutiner/")
        assert page.status_code == 200
        assert "Öppen rutin" in page.text
        assert SECRET not in page.text


def test_a_restricted_section_hides_what_lies_below(client, tree, plain_user, professional):
    """A restriction on a section hides its pages from listings, for whoever fails it."""
    below = RoutinePageFactory(parent=tree.routines, title="Under sektionen", slug="under")
    restrict(tree.routines)
    for user in (None, plain_user):
        assert not visible_pages(Page.objects.filter(pk=below.pk), user).exists()
    assert visible_pages(Page.objects.filter(pk=below.pk), professional).exists()
