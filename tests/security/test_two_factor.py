"""Two-step verification in the admin: optional for editors, required for
moderators when PORTAL_REQUIRE_2FA_GROUPS says so; a code from the app is
needed once per session, and a wrong or reused code is refused."""

import io
from base64 import b32decode

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.security.two_factor import SESSION_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENROL = "/admin/two-step/set-up/"
VERIFY = "/admin/two-step/verify/"
MANAGE = "/admin/two-step/"


@pytest.fixture
def moderator(tree):
    return UserFactory(groups=["Moderators"])


@pytest.fixture
def required(settings):
    settings.PORTAL_REQUIRE_2FA_GROUPS = ["Moderators"]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def device_for(user):
    return TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)


def code(device):
    return f"{totp(device.bin_key):06d}"


def test_moderator_without_device_is_sent_to_set_up_when_required(moderator, required):
    """With the setting, a moderator's first admin page is the set-up page."""
    client = logged_in(moderator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == f"{ENROL}?next=/admin/"
    assert client.get("/admin/pages/").url.startswith(ENROL)


def test_two_step_is_optional_without_the_setting(moderator, editor):
    """Without the setting, moderators and editors use the admin with a password."""
    assert logged_in(moderator).get("/admin/").status_code == 200
    assert logged_in(editor).get("/admin/").status_code == 200


def test_set_up_with_the_app_turns_it_on(moderator, required):
    """Scanning the QR code and entering the app's code turns verification on."""
    client = logged_in(moderator)
    page = client.get(ENROL, {"next": "/admin/pages/"})
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.text
    key = client.session[SESSION_KEY]
    secret = b32decode(page.context["secret"].replace(" ", ""))
    assert secret.hex() == key
    wrong = client.post(ENROL, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    right = f"{totp(bytes.fromhex(key)):06d}"
    response = client.post(ENROL, {"code": right, "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response.url == "/admin/pages/"
    assert TOTPDevice.objects.get(user=moderator).confirmed
    assert client.get("/admin/").status_code == 200


def test_device_owner_must_give_a_valid_code(moderator):
    """A user with a device reaches the admin only after a valid code."""
    device = device_for(moderator)
    client = logged_in(moderator)
    response = client.get("/admin/pages/")
    assert response.url == f"{VERIFY}?next=/admin/pages/"
    answer = client.post(VERIFY, {"code": code(device), "next": "/admin/pages/"})
    assert answer.status_code == 302
    assert answer.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_wrong_code_is_refused(moderator):
    """A wrong code leaves the user at the code page, and the admin stays closed."""
    device = device_for(moderator)
    client = logged_in(moderator)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert client.get("/admin/").status_code == 302
    again = client.post(VERIFY, {"code": code(device)})
    assert again.status_code == 200
    assert "För många felaktiga koder" in again.text


def test_a_code_cannot_be_used_twice(moderator):
    """A code that already let someone in is refused the second time."""
    device = device_for(moderator)
    token = code(device)
    first = logged_in(moderator)
    assert first.post(VERIFY, {"code": token}).status_code == 302
    second = logged_in(moderator)
    assert second.post(VERIFY, {"code": token}).status_code == 200
    assert second.get("/admin/").status_code == 302


def test_letters_are_not_a_code(moderator):
    """Non-digits are a form error, not a server error."""
    device_for(moderator)
    response = logged_in(moderator).post(VERIFY, {"code": "abcdef"})
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("typed", ["\u00b2" * 6, "\u2460" * 6, "\u0661" * 6])
def test_non_ascii_digits_are_not_a_code(moderator, typed):
    """Superscript, circled or Arabic-Indic digits are a form error on both code pages."""
    device_for(moderator)
    response = logged_in(moderator).post(VERIFY, {"code": typed})
    assert response.status_code == 200
    assert response.context["form"].errors
    client = logged_in(UserFactory(groups=["Editors"]))
    client.get(ENROL)
    response = client.post(ENROL, {"code": typed})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_next_cannot_lead_off_site(moderator):
    """After the code, a foreign next address is replaced by the admin start page."""
    device = device_for(moderator)
    client = logged_in(moderator)
    response = client.post(VERIFY, {"code": code(device), "next": "https://evil.example/"})
    assert response.url == "/admin/"


def test_code_page_lets_the_user_log_out(moderator):
    """Someone without their phone can log out from the code page."""
    device_for(moderator)
    client = logged_in(moderator)
    page = client.get(VERIFY)
    assert 'action="/admin/logout/"' in page.text
    client.post("/admin/logout/")
    assert "_auth_user_id" not in client.session


def test_public_pages_do_not_ask_for_the_code(moderator):
    """The code guards the admin; the portal's pages stay as they are."""
    device_for(moderator)
    assert logged_in(moderator).get("/sv/").status_code == 200


def test_editor_can_turn_it_on_and_off(editor):
    """Optional users manage it from their account; off means password only again."""
    client = logged_in(editor)
    assert MANAGE in client.get("/admin/account/").text
    assert client.get(MANAGE).status_code == 200
    client.get(ENROL)
    key = client.session[SESSION_KEY]
    client.post(ENROL, {"code": f"{totp(bytes.fromhex(key)):06d}"})
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert client.post(MANAGE).url == MANAGE
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert logged_in(editor).get("/admin/").status_code == 200


def test_required_user_removing_the_device_must_set_up_again(moderator, required):
    """A moderator who replaces a phone goes straight to a new set-up."""
    device = device_for(moderator)
    client = logged_in(moderator)
    client.post(VERIFY, {"code": code(device)})
    response = client.post(MANAGE)
    assert response.url == ENROL
    assert client.get("/admin/").url.startswith(ENROL)


def test_users_without_admin_access_are_left_alone(professional, settings):
    """A professional who never uses the admin is not asked to set anything up."""
    settings.PORTAL_REQUIRE_2FA_GROUPS = ["Professionals"]
    client = logged_in(professional)
    assert client.get("/sv/").status_code == 200
    assert not client.get("/admin/").url.startswith(ENROL)


def test_reset_command_removes_the_device(moderator):
    """`reset_two_factor USER` removes a lost phone; an unknown user is an error."""
    device_for(moderator)
    out = io.StringIO()
    call_command("reset_two_factor", moderator.username, stdout=out)
    assert "Removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    with pytest.raises(CommandError, match="No user named"):
        call_command("reset_two_factor", "nobody", stdout=io.StringIO())
