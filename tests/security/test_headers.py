"""Browsers get a strict Content-Security-Policy and the other security headers
on every public page, and no page of the portal needs inline script or style."""

import json
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection

from portal.env import env_choice, env_rate
from tests.portal.test_settings import manage


def policy(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split("; ")
    )


class InlineFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts, styles and handlers."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in attrs
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.found.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag} {name}={value!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"inline script {data.strip()[:40]!r}")


def inline_code(html):
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def test_public_pages_get_a_strict_policy(client, tree):
    """Scripts and styles only from the portal itself; no framing, plugins or foreign forms."""
    response = client.get("/sv/")
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_other_security_headers(client, tree):
    """Framing denied, no MIME sniffing, a same-origin referrer, unused features off."""
    response = client.get("/sv/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_gets_its_wider_policy_only_under_admin(client, tree):
    """Wagtail's admin may run its inline scripts; the public login page may not."""
    admin = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == "'self'"
    assert admin["object-src"] == "'none'"
    assert "unsafe-inline" not in client.get("/sv/login/")["Content-Security-Policy"]


def test_page_preview_keeps_the_strict_policy_inside_the_admin(client, tree, admin_user):
    """A draft shown in the admin runs under the public policy, and the admin may frame it."""
    client.force_login(admin_user)
    tree.home.save_revision()
    response = client.get(f"/admin/pages/{tree.home.pk}/view_draft/")
    assert response.status_code == 200
    assert "E-portal" in response.text
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"


def test_no_public_page_needs_inline_code(restricted_content, professional):
    """Every kind of public page, logged in or not, works under the strict policy."""
    anonymous = Client()
    insider = Client()
    insider.force_login(professional)
    urls = [
        "/sv/",
        "/en/",
        "/sv/rutiner/",
        restricted_content.public_routine.url,
        "/sv/samverkan/",
        "/sv/kontakter/",
        "/sv/kontakter/?open_24h=1",
        "/sv/nyheter/",
        "/sv/vagledning/",
        "/sv/search/?q=rutin",
        "/sv/search/?q=rutin&type=nonsense",
        "/sv/login/",
        "/sv/no-such-page/",
    ]
    for client in (anonymous, insider):
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 400, 404), url
            assert "Content-Security-Policy" in response, url
            assert inline_code(response.text) == [], url
    for url in (restricted_content.routine.url, restricted_content.guidance.url):
        assert inline_code(insider.get(url).text) == [], url


def test_documents_keep_wagtails_own_policy(client, tree):
    """Served documents keep Wagtail's default-src 'none' rather than the page policy."""
    document = get_document_model()(title="Plan", collection=Collection.get_first_root_node())
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_production_settings_are_https_only():
    """Production: secure cookies, HSTS with preload, HTTPS redirect, strict policy."""
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) "
        "for k in ('SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_PRELOAD', "
        "'SECURE_SSL_REDIRECT', 'X_FRAME_OPTIONS', 'CONTENT_SECURITY_POLICY')}))"
    )
    result = manage(
        "shell",
        "-c",
        script,
        SECRET_KEY="x" * 20 + "production-secret-key-from-the-environment-0123456789",
        ALLOWED_HOSTS="eportal.example.se",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["LANGUAGE_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("60/minute", (60, 60)), ("5/second", (5, 1)), ("1000/hour", (1000, 3600)), ("off", None)],
)
def test_rates_read_from_the_environment(monkeypatch, value, expected):
    """SEARCH_RATE_LIMIT and friends read as count/period, or off."""
    monkeypatch.setenv("SOME_RATE", value)
    assert env_rate("SOME_RATE", "1/minute") == expected


@pytest.mark.parametrize("value", ["lots", "60", "60/fortnight", "-1/minute", "0/minute"])
def test_a_bad_rate_stops_the_start_with_its_name(monkeypatch, value):
    """A mistyped rate is refused at start-up, naming the variable and the format."""
    monkeypatch.setenv("SOME_RATE", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_RATE=.*60/minute"):
        env_rate("SOME_RATE", "1/minute")


def test_choices_read_from_the_environment(monkeypatch):
    """LOGIN_LOCKOUT_BY and RATE_LIMIT_CACHE accept their listed values only."""
    monkeypatch.setenv("SOME_CHOICE", "IP")
    assert env_choice("SOME_CHOICE", {"ip": 1, "username": 2}, "username") == "ip"
    monkeypatch.setenv("SOME_CHOICE", "everyone")
    with pytest.raises(ImproperlyConfigured, match="one of ip, username"):
        env_choice("SOME_CHOICE", {"ip": 1, "username": 2}, "username")


def assert_security_headers(response):
    """The headers docs/SECURITY.md promises on every response."""
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert policy(response)["frame-ancestors"] == "'none'"


def test_https_redirect_carries_the_security_headers(db):
    """SecurityMiddleware's HTTP to HTTPS redirect answers before the rest: it gets them too."""
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = Client().get("/sv/", HTTP_HOST="eportal.example.se")
    assert response.status_code == 301
    assert response["Location"] == "https://eportal.example.se/sv/"
    assert_security_headers(response)


def test_static_files_from_whitenoise_carry_the_security_headers(db):
    """WhiteNoise (production) answers static files before the middleware below it runs."""
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    with override_settings(
        MIDDLEWARE=middleware, WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True
    ):
        response = Client().get("/static/css/print.css")
    assert response.status_code == 200
    assert "whitenoise" in type(response).__module__
    assert_security_headers(response)
