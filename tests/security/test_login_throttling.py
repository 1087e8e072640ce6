"""Login throttling: after a few wrong passwords the login pauses, and the pause
looks the same whether or not the username exists."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from core.security.client import client_ip

pytestmark = pytest.mark.django_db

PORTAL = "/sv/login/"
ADMIN = "/admin/login/"


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    return 3


WRONG = "wrong-password"


def attempt(client, url, username, password=WRONG, ip="198.51.100.20"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_portal_login_pauses_after_the_limit(client, tree, professional, limit):
    """Three wrong passwords, then even the right one meets the pause page (429)."""
    for _ in range(limit - 1):
        response = attempt(client, PORTAL, professional.username)
        assert response.status_code == 200
        assert "Fel användarnamn eller lösenord." in response.text
    locked = attempt(client, PORTAL, professional.username)
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"
    assert "Inloggningen är pausad i 15 minuter" in locked.text
    right = attempt(client, PORTAL, professional.username, password="secret-pass-123")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def _page(response, username):
    # The form shows the typed username back and a fresh CSRF token each time.
    text = response.text.replace(username, "USERNAME")
    return response.status_code, re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_lockout_reveals_nothing_about_the_account(tree, professional, limit):
    """An existing and an unknown username get the same answers, word for word."""
    answers = {}
    for username in (professional.username, "nobody-by-this-name"):
        client = Client()
        answers[username] = [
            _page(attempt(client, PORTAL, username), username) for _ in range(limit + 1)
        ]
    known, unknown = answers.values()
    assert [status for status, _ in known] == [200, 200, 429, 429]
    assert known == unknown


def test_admin_login_is_throttled_too(client, tree, admin_user, limit):
    """The Wagtail admin login pauses the same way, in the admin's own look."""
    for _ in range(limit):
        response = attempt(client, ADMIN, admin_user.username)
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.text
    assert "Inloggningen är pausad i 15 minuter" in response.text
    right = attempt(client, ADMIN, admin_user.username, password="secret-pass-123")
    assert right.status_code == 429


def test_pause_is_per_username_and_address(tree, professional, limit):
    """Guessing from one address does not lock the owner out from another."""
    attacker = Client()
    for _ in range(limit):
        attempt(attacker, PORTAL, professional.username, ip="203.0.113.66")
    owner = Client()
    response = attempt(owner, PORTAL, professional.username, "secret-pass-123", ip="198.51.100.5")
    assert response.status_code == 302


def test_success_clears_the_count(client, tree, professional, limit):
    """A successful login forgets earlier mistakes."""
    for _ in range(limit - 1):
        attempt(client, PORTAL, professional.username)
    assert attempt(client, PORTAL, professional.username, "secret-pass-123").status_code == 302
    client.logout()
    for _ in range(limit - 1):
        assert attempt(client, PORTAL, professional.username).status_code == 200


def test_login_opens_again_after_the_cooloff(client, tree, professional, limit):
    """Once the cool-off has passed, the right password works again."""
    for _ in range(limit):
        attempt(client, PORTAL, professional.username)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = attempt(client, PORTAL, professional.username, "secret-pass-123")
    assert response.status_code == 302


def test_client_ip_trusts_a_proxy_header_only_when_configured(rf, settings):
    """REMOTE_ADDR by default; the configured header's proxy-added entry when set."""
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1")
    assert client_ip(request) == "10.0.0.2"
    settings.PORTAL_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_ip(request) == "192.0.2.1"
    settings.PORTAL_CLIENT_IP_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    garbled = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    settings.PORTAL_CLIENT_IP_PROXY_COUNT = 1
    assert client_ip(garbled) == "10.0.0.2"
    nowhere = rf.get("/", REMOTE_ADDR="")
    assert client_ip(nowhere) is None
