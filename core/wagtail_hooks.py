"""Admin registrations: the two-step verification pages and their account menu entry."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.security import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return two_factor.urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("portal_2fa_manage"),
        "label": _("Two-step verification"),
        "help_text": _("Ask for a code from an authenticator app after the password."),
    }
