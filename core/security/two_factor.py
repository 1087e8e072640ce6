"""Two-step verification (TOTP) for the Wagtail admin, on django-otp.

Anyone with admin access may turn it on; members of the groups in
``PORTAL_REQUIRE_2FA_GROUPS`` must. Once a user has a device, every admin
page first asks for the six-digit code from it (once per login session).
The public pages are untouched: what a professional may read there depends
on the groups alone.
"""

import time
from base64 import b32encode

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, path, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django_otp.middleware import OTPMiddleware
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .headers import admin_prefix

SESSION_KEY = "portal_2fa_new_key"
# Admin URLs a user who still has to verify (or enrol) may open.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "portal_2fa_verify",
}


def device_for(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_required_for(user):
    """True when one of the user's groups is in PORTAL_REQUIRE_2FA_GROUPS."""
    groups = settings.PORTAL_REQUIRE_2FA_GROUPS
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def _url_name(path_info):
    try:
        return resolve(path_info).url_name
    except Resolver404:
        return None


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, plus: admin pages wait for the code.

    A user with a device who has not given its code this session is sent to
    the code page; a user who must have a device and has none is sent to set
    one up. Everything outside /admin/ passes.
    """

    sync_capable = True
    async_capable = False

    def __call__(self, request):
        self._install_lazy_accessors(request)
        return self._detour(request) or self.get_response(request)

    def _detour(self, request):
        if not request.path_info.startswith(admin_prefix()):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        name = _url_name(request.path_info)
        if name in OPEN_URL_NAMES or not user.has_perm("wagtailadmin.access_admin"):
            return None
        if device_for(user) is not None:
            return redirect_to_login(request.get_full_path(), reverse("portal_2fa_verify"))
        if is_required_for(user) and name != "portal_2fa_enrol":
            return redirect_to_login(request.get_full_path(), reverse("portal_2fa_enrol"))
        return None


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        # ASCII only: isdigit() also passes "²²²²²²", which int() then refused (a 500).
        if not (code.isascii() and code.isdigit()):
            raise forms.ValidationError(_("The code is six digits."), code="format")
        return code


class VerifyView(FormView):
    """The code page after the password: one code per session."""

    form_class = CodeForm
    template_name = "core/two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        self.device = device_for(request.user)
        if self.device is None or request.user.is_verified():
            return redirect(_safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": _safe_next(self.request)}

    def form_valid(self, form):
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code", _("Too many wrong codes. Wait a moment, then enter the newest code.")
            )
            return self.form_invalid(form)
        verified = django_otp.verify_token(
            self.request.user, self.device.persistent_id, form.cleaned_data["code"]
        )
        if verified is None:
            form.add_error("code", _("That code is not right. Enter the newest code from the app."))
            return self.form_invalid(form)
        django_otp.login(self.request, verified)
        return redirect(_safe_next(self.request))


class EnrolView(FormView):
    """Set up an authenticator app: scan the QR code, then prove it with a code."""

    form_class = CodeForm
    template_name = "core/two_factor/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if device_for(request.user) is not None:
            return redirect("portal_2fa_manage")
        return super().dispatch(request, *args, **kwargs)

    def _device(self):
        # The secret waits in the session until a code proves the app has it.
        session = self.request.session
        if self.request.method == "GET" or SESSION_KEY not in session:
            session[SESSION_KEY] = random_hex(20)
        return TOTPDevice(
            user=self.request.user, key=session[SESSION_KEY], name=str(_("Authenticator app"))
        )

    def get_context_data(self, **kwargs):
        device = self._device()
        secret = b32encode(device.bin_key).decode()
        return {
            **super().get_context_data(**kwargs),
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": is_required_for(self.request.user),
            "next": _safe_next(self.request),
        }

    def form_valid(self, form):
        device = self._device()
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        if not totp.verify(int(form.cleaned_data["code"]), device.tolerance):
            form.add_error("code", _("That code is not right. Enter the newest code from the app."))
            return self.form_invalid(form)
        device.last_t = totp.t()
        device.confirmed = True
        with transaction.atomic():
            TOTPDevice.objects.filter(user=self.request.user).delete()
            device.save()
        del self.request.session[SESSION_KEY]
        django_otp.login(self.request, device)
        messages.success(self.request, _("Two-step verification is on."))
        return redirect(_safe_next(self.request))


class ManageView(WagtailAdminTemplateMixin, TemplateView):
    """On or off, and a way to change or remove the device."""

    template_name = "core/two_factor/manage.html"
    page_title = _("Two-step verification")
    header_icon = "key"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "device": device_for(self.request.user),
            "required": is_required_for(self.request.user),
        }

    def post(self, request):
        TOTPDevice.objects.filter(user=request.user).delete()
        if is_required_for(request.user):
            return redirect("portal_2fa_enrol")
        messages.success(request, _("Two-step verification is off."))
        return redirect("portal_2fa_manage")


urlpatterns = [
    path("two-step/", ManageView.as_view(), name="portal_2fa_manage"),
    path("two-step/verify/", VerifyView.as_view(), name="portal_2fa_verify"),
    path("two-step/set-up/", EnrolView.as_view(), name="portal_2fa_enrol"),
]
