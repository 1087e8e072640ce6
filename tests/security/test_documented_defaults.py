"""Defaults, headers and small behaviours docs/SECURITY.md promises that no
other test pinned down, checked as the document states them."""

import datetime
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import F
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.models import Collection

import portal.settings.base as base
from tests.security.test_headers import policy
from tests.security.test_login_throttling import PORTAL, attempt, limit  # noqa: F401 - fixture

MB = 1024 * 1024


def test_public_policy_is_the_documented_one(client, tree):
    """Every directive of the public Content-Security-Policy, as the table lists it."""
    assert policy(client.get("/sv/")) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": "'none'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_admin_policy_widens_only_what_the_table_says(client, tree):
    """The admin adds inline script and style, blob: images and framing by itself."""
    admin = policy(client.get("/admin/login/"))
    assert admin["script-src"] == "'self' 'unsafe-inline'"
    assert admin["style-src"] == "'self' 'unsafe-inline'"
    assert admin["img-src"] == "'self' data: blob:"
    assert admin["frame-src"] == "'self'"
    assert admin["frame-ancestors"] == "'self'"


def test_permissions_policy_turns_off_the_five_features(client, tree):
    """Camera, microphone, geolocation, payment and USB are off."""
    header = client.get("/sv/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header, feature


def test_admin_asks_no_third_party():
    """No Gravatar, no release check: the admin's policy needs no foreign host."""
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


def test_upload_limits_are_the_documented_ones():
    """No SVG or HTML documents, 50 MB documents, 10 MB and 40 million pixel images."""
    assert not {"svg", "html", "htm"} & set(settings.WAGTAILDOCS_EXTENSIONS)
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 50 * MB
    assert base.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * MB
    assert base.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert base.WAGTAILIMAGES_MAX_IMAGE_PIXELS < PILImage.MAX_IMAGE_PIXELS


def _document(name, content):
    document = get_document_model()(title=name, collection=Collection.get_first_root_node())
    document.file.save(name, ContentFile(content))
    document.save()
    return document


def test_only_pdf_and_text_open_in_the_browser(client, tree):
    """A PDF or a text file is shown inline; anything else downloads."""
    for name, content, disposition in (
        ("plan.pdf", b"%PDF-1.4\n%%EOF\n", "inline"),
        ("plan.txt", b"Vanlig text.", "inline"),
        ("plan.rtf", b"{\\rtf1 hej}", "attachment"),
    ):
        response = client.get(_document(name, content).url)
        assert response.status_code == 200, name
        assert response["Content-Disposition"].startswith(disposition), name
        assert response["X-Content-Type-Options"] == "nosniff", name


def test_login_throttling_defaults():
    """Axes comes first; five failures, fifteen minutes, a success clears the count."""
    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert base.AXES_FAILURE_LIMIT == 5
    assert base.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert base.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert base.AXES_RESET_ON_SUCCESS is True


def test_a_failure_during_the_pause_starts_it_again(client, tree, professional, limit):  # noqa: F811
    """Ten minutes into the pause, another wrong password: six minutes later it still holds."""
    from axes.models import AccessAttempt

    for _ in range(limit):
        attempt(client, PORTAL, professional.username)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=10))
    assert attempt(client, PORTAL, professional.username).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=6))
    right = attempt(client, PORTAL, professional.username, "secret-pass-123")
    assert right.status_code == 429


def test_reset_command_unlocks_a_username(client, tree, professional, limit):  # noqa: F811
    """`axes_reset_username USERNAME` ends the pause at once."""
    for _ in range(limit):
        attempt(client, PORTAL, professional.username)
    call_command("axes_reset_username", professional.username, stdout=io.StringIO())
    assert attempt(client, PORTAL, professional.username, "secret-pass-123").status_code == 302


def test_rate_limit_and_page_cache_defaults():
    """120 searches and 600 autocompletes a minute; pages kept 300 s, 1000 per worker."""
    assert base.SEARCH_RATE_LIMIT == (120, 60)
    assert base.AUTOCOMPLETE_RATE_LIMIT == (600, 60)
    assert base.CACHES["ratelimit"]["BACKEND"].endswith("LocMemCache")
    assert base.PAGE_CACHE_SECONDS == 300
    pages = base.CACHES["pages"]
    assert pages["BACKEND"].endswith("LocMemCache")
    assert pages["TIMEOUT"] == 300
    assert pages["OPTIONS"]["MAX_ENTRIES"] == 1000
    assert settings.MIDDLEWARE[-1] == "core.pagecache.middleware.PageCacheMiddleware"


def test_search_api_escapes_markup_inside_json(client, tree):
    """`<`, `>` and `&` travel as \\u003C, \\u003E and \\u0026; the data reads the same."""
    query = "<script>alert(1)</script>&"
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == 200
    assert b"<" not in response.content
    assert b">" not in response.content
    assert b"&" not in response.content
    assert b"\\u003Cscript\\u003E" in response.content
    assert response.json()["query"] == query
