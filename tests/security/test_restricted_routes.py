"""Every way to restricted material, tried by an anonymous visitor and by a
logged-in user outside the allowed groups: none of them shows any of it."""

import importlib
import itertools
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import clear_url_caches
from django.utils import translation
from wagtail.models import CollectionViewRestriction, PageViewRestriction

import portal.urls
from tests.factories import RoutinePageFactory
from tests.security.conftest import SECRET_WORDS, assert_nothing_secret

LISTINGS = [
    "/sv/",
    "/en/",
    "/sv/rutiner/",
    "/en/routines/",
    "/sv/samverkan/",
    "/sv/kontakter/",
    "/sv/kontakter/?open_24h=1",
    "/sv/nyheter/",
    "/sv/vagledning/",
]
QUERIES = ["sambandsrutin", "Zorroboendet", "jourlinje", "Hemlig", "hemlig vägledning", "intern"]


def page_urls(content):
    pages = [content.routine, content.hotline, content.news, content.guidance]
    urls = [page.url for page in pages]
    with translation.override("en"):
        urls += [page.get_url() for page in pages]
    return urls


def test_restricted_page_urls_ask_for_a_login(outsider, restricted_content):
    """Each restricted page answers with the login page and nothing of its own."""
    for url in page_urls(restricted_content):
        response = outsider.get(url, follow=True)
        assert response.redirect_chain, url
        assert "/login/" in response.redirect_chain[-1][0]
        assert_nothing_secret(response.text)


def test_listings_leave_restricted_pages_out(outsider, restricted_content):
    """Start page, sections, theme page, directory, news and guidance lists."""
    for url in LISTINGS:
        response = outsider.get(url)
        assert response.status_code == 200, url
        assert_nothing_secret(response.text)


def test_sitemap_and_feeds_leave_restricted_pages_out(outsider, restricted_content):
    """sitemap.xml and the Atom feed in every language list public pages only."""
    sitemap = outsider.get("/sitemap.xml")
    assert restricted_content.public_routine.url in sitemap.text
    for page in (restricted_content.routine, restricted_content.news, restricted_content.guidance):
        assert page.url not in sitemap.text
    for language in ("sv", "en", "it", "el", "lv"):
        assert_nothing_secret(outsider.get(f"/{language}/feed/").text)


def test_search_page_finds_nothing_restricted(outsider, restricted_content):
    """The HTML search, with and without facet filters, shows no restricted result."""
    for q in QUERIES:
        for params in (
            {"q": q},
            {"q": q, "theme": restricted_content.theme_page.theme.key},
            {"q": q, "region": "vastra", "type": "routine"},
            {"q": q, "type": "news"},
        ):
            response = outsider.get("/sv/search/", params)
            assert response.status_code == 200
            assert_nothing_secret(response.text, echo=q)


def test_search_api_and_autocomplete_find_nothing_restricted(outsider, restricted_content):
    """The JSON API and autocomplete return no restricted item, title or snippet."""
    for q, lang in itertools.product(QUERIES, ("sv", "en")):
        response = outsider.get("/api/search/", {"q": q, "lang": lang})
        assert response.status_code == 200
        answer = response.json()
        assert answer.pop("query") == q
        assert_nothing_secret(json.dumps(answer, ensure_ascii=False))
        suggestions = outsider.get("/api/search/autocomplete/", {"q": q, "lang": lang}).json()
        assert suggestions.pop("query") == q
        assert_nothing_secret(json.dumps(suggestions, ensure_ascii=False))


def test_facet_counts_leave_restricted_pages_out(outsider, restricted_content, professional):
    """Facet counts are those of the public pages; a professional's include the restricted."""
    params = {"q": "rutin", "theme": restricted_content.theme_page.theme.key}
    answer = outsider.get("/api/search/", params).json()
    assert answer["total"] == 1
    assert answer["facets"]["region"] == {"vastra": 1}
    assert answer["facets"]["type"].get("routine") == 1
    insider = Client()
    insider.force_login(professional)
    assert insider.get("/api/search/", params).json()["facets"]["region"] == {"vastra": 2}


def test_restricted_document_is_refused(outsider, restricted_content):
    """The guidance PDF's document URL asks for a login and sends no bytes of it."""
    response = outsider.get(restricted_content.document.url)
    assert response.status_code in (302, 403)
    body = b"".join(response) if response.streaming else response.content
    assert b"HEMLIGT" not in body
    followed = outsider.get(restricted_content.document.url, follow=True)
    assert_nothing_secret(followed.content.decode())


def test_media_folder_does_not_serve_documents(outsider, restricted_content, settings):
    """The uploaded file itself is not reachable under /media/ through the portal."""
    path = f"{settings.MEDIA_URL}{restricted_content.document.file.name}"
    response = outsider.get(path)
    assert response.status_code == 404
    assert b"HEMLIGT" not in response.content


def test_wagtail_api_is_not_enabled(outsider, restricted_content):
    """There is no public Wagtail API (/api/v2/) to list pages through."""
    for url in ("/api/v2/pages/", "/api/v2/pages/?search=Hemlig", "/api/v2/documents/"):
        response = outsider.get(url, follow=True)
        assert response.status_code == 404
        assert_nothing_secret(response.content.decode())


def test_admin_routes_show_nothing(outsider, restricted_content):
    """Admin previews, drafts, revisions, page API and search are closed to outsiders."""
    routine = restricted_content.routine
    revision = routine.save_revision()
    urls = [
        f"/admin/pages/{routine.pk}/",
        f"/admin/pages/{routine.pk}/edit/",
        f"/admin/pages/{routine.pk}/edit/preview/",
        f"/admin/pages/{routine.pk}/view_draft/",
        f"/admin/pages/{routine.pk}/revisions/{revision.pk}/view/",
        f"/admin/api/main/pages/{routine.pk}/",
        "/admin/api/main/pages/?search=Zorro",
        "/admin/pages/search/?q=Zorro",
        "/admin/choose-page/search/?q=Zorro",
        f"/admin/documents/edit/{restricted_content.document.pk}/",
        f"/admin/documents/delete/{restricted_content.document.pk}/",
        f"/admin/documents/usage/{restricted_content.document.pk}/",
        "/admin/documents/?q=Hemlig",
        "/admin/documents/chooser/?q=Hemlig",
    ]
    for url in urls:
        response = outsider.get(url, follow=True)
        assert response.status_code in (200, 403, 404), url
        assert_nothing_secret(response.content.decode())


def test_restricted_pages_are_not_cached_for_others(restricted_content, professional):
    """A professional's copy of a restricted page is private; the next visitor gets a login."""
    insider = Client()
    insider.force_login(professional)
    response = insider.get(restricted_content.routine.url)
    assert response.status_code == 200
    assert "Hemlig sambandsrutin" in response.text
    assert "private" in response["Cache-Control"]
    listing = insider.get("/sv/rutiner/")
    assert "private" in listing["Cache-Control"]
    assert "Cookie" in listing["Vary"]
    anonymous = Client().get(restricted_content.routine.url)
    assert anonymous.status_code == 302
    assert_nothing_secret(Client().get("/sv/rutiner/").text)


def test_secret_words_are_really_in_the_content(restricted_content, professional):
    """The check above is meaningful: a professional finds each restricted item."""
    insider = Client()
    insider.force_login(professional)
    seen = "".join(insider.get(url).text for url in page_urls(restricted_content)[:4])
    for word in SECRET_WORDS[:5]:
        assert word in seen
    document = insider.get(restricted_content.document.url)
    assert b"HEMLIGT" in b"".join(document.streaming_content)
    answer = insider.get("/api/search/", {"q": "Zorroboendet"}).json()
    assert answer["total"] == 1


def test_cached_pages_leak_nothing_restricted(outsider, restricted_content, professional, settings):
    """With the page cache on, what a professional was shown never reaches an outsider.

    The professional opens the restricted pages and every listing first; then
    the outsider asks for the same URLs twice (anonymous: a miss, then a hit).
    """
    settings.PAGE_CACHE_SECONDS = 300
    insider = Client()
    insider.force_login(professional)
    shown = "".join(insider.get(url).text for url in [*page_urls(restricted_content), *LISTINGS])
    for word in SECRET_WORDS[:5]:
        assert word in shown
    anonymous = settings.SESSION_COOKIE_NAME not in outsider.cookies
    for visit in ("first", "second"):
        for url in page_urls(restricted_content):
            response = outsider.get(url)
            assert response.status_code == 302, url
            assert "/login/" in response["Location"]
            assert_nothing_secret(response.text)
        for url in LISTINGS:
            response = outsider.get(url)
            assert response.status_code == 200, url
            assert_nothing_secret(response.text)
            if anonymous and visit == "second":
                assert response["X-Page-Cache"] == "hit", url


def test_partner_editor_cannot_make_a_restricted_document_public(restricted_content):
    """An editor (who may read restricted material) cannot open, move or delete its file."""
    from wagtail.models import Collection

    from tests.factories import PartnerFactory, UserFactory

    partner = PartnerFactory(key="polisen", name="Polisen")
    editor = Client()
    editor.force_login(UserFactory(groups=["Editors", partner.group.name]))
    document = restricted_content.document
    edit = f"/admin/documents/edit/{document.pk}/"
    assert editor.get(edit).status_code == 302
    root = Collection.get_first_root_node()
    editor.post(edit, {"title": document.title, "collection": root.pk, "tags": ""})
    editor.post(f"/admin/documents/delete/{document.pk}/")
    editor.post(
        f"/admin/bulk/wagtaildocs/document/add_to_collection/?id={document.pk}",
        {"collection": root.pk},
    )
    document.refresh_from_db()
    assert document.collection_id != root.pk
    assert Client().get(document.url).status_code in (302, 403)


@pytest.fixture
def debug_urlconf():
    """The URLconf as the development server builds it (DEBUG on), restored afterwards."""

    def reload_urls():
        clear_url_caches()
        importlib.reload(portal.urls)

    with override_settings(DEBUG=True):
        reload_urls()
        yield
    reload_urls()


def test_debug_media_does_not_serve_restricted_documents(
    outsider, restricted_content, debug_urlconf, settings
):
    """With DEBUG on, /media/ serves images but no document: those only go through Wagtail."""
    document = restricted_content.document
    media = settings.MEDIA_URL
    for path in (
        f"{media}{document.file.name}",
        f"{media}images/../{document.file.name}",
        f"{media}images/%2e%2e/{document.file.name}",
        f"{media}original_images/../../media/{document.file.name}",
    ):
        response = outsider.get(path)
        assert response.status_code == 404, path
        body = b"".join(response) if response.streaming else response.content
        assert b"HEMLIGT" not in body, path
    refused = outsider.get(document.url)
    assert refused.status_code == 302
    assert "/login/" in refused["Location"]
    default_storage.save("images/preview.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    assert outsider.get(f"{media}images/preview.png").status_code == 200


def test_password_routes_answer_alike_for_real_and_unknown_ids(outsider, restricted_content):
    """Wagtail's password forms cannot count restrictions or confirm page ids."""
    routine = restricted_content.routine
    restriction = PageViewRestriction.objects.get(page=routine)
    collection = CollectionViewRestriction.objects.get().pk
    unknown = 987654
    pairs = [
        (restriction.pk, routine.pk),
        (restriction.pk, restricted_content.public_routine.pk),
        (restriction.pk, unknown),
        (unknown, routine.pk),
        (unknown, unknown),
    ]
    urls = [
        f"/{lang}/_util/authenticate_with_password/{rid}/{pid}/"
        for lang in ("sv", "en")
        for rid, pid in pairs
    ]
    urls += [f"/documents/authenticate_with_password/{rid}/" for rid in (collection, unknown)]
    for url in urls:
        # A 404 outside /<lang>/ first redirects there (LocaleMiddleware).
        for response in (outsider.get(url, follow=True), outsider.post(url, {}, follow=True)):
            assert response.status_code == 404, url
            assert b'name="password"' not in response.content, url


def test_page_password_form_still_works_for_password_restrictions(client, tree):
    """A password restriction an editor sets in the admin keeps working, for its own pages only."""
    page = RoutinePageFactory(parent=tree.routines, title="Med lösenord", slug="med-losenord")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesam"
    )
    url = f"/sv/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    assert url in client.get(page.url).text
    assert client.get(url).status_code == 200
    other = f"/sv/_util/authenticate_with_password/{restriction.pk}/{tree.home.pk}/"
    assert client.get(other).status_code == 404
    response = client.post(url, {"password": "sesam", "return_url": page.url})
    assert response.status_code == 302
    assert client.get(page.url).status_code == 200


def test_other_methods_on_restricted_pages_answer_like_unknown_urls(outsider, restricted_content):
    """OPTIONS and TRACE answer as for an unknown URL; HEAD as GET does (the login)."""
    unknown = "/sv/rutiner/finns-inte/"
    for url in page_urls(restricted_content):
        for method in ("options", "trace"):
            response = getattr(outsider, method)(url)
            expected = getattr(outsider, method)(unknown)
            assert response.status_code == expected.status_code == 404, (method, url)
            assert "Allow" not in response
        head, get = outsider.head(url), outsider.get(url)
        assert head.status_code == get.status_code == 302, url
        assert head["Location"] == get["Location"]


def test_other_methods_still_work_for_readers(restricted_content, professional):
    """Whoever may read a page gets Wagtail's OPTIONS answer, as on public pages."""
    insider = Client()
    insider.force_login(professional)
    for url in (restricted_content.routine.url, restricted_content.public_routine.url):
        response = insider.options(url)
        assert response.status_code == 200, url
        assert "GET" in response["Allow"]
    assert Client().options(restricted_content.public_routine.url).status_code == 200
