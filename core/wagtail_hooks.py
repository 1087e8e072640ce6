"""Admin registrations: two-step verification, the language switch of the edit form, compare."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, json_script
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import compare
from core.i18n import language_codes, source_language
from core.security import two_factor

compare.register()


@hooks.register("insert_editor_js")
def language_switch():
    """One language at a time in the edit form, the source language first (see the script)."""
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "source": code == source_language(),
        }
        for code in language_codes()
    ]
    labels = {"legend": str(_("Language of the fields")), "source": str(_("original"))}
    return format_html(
        '{}{}<script src="{}" defer></script>',
        json_script(languages, "portal-languages"),
        json_script(labels, "portal-language-labels"),
        static("core/js/language_switch.js"),
    )


@hooks.register("insert_global_admin_css")
def language_switch_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))


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
