"""Admin registrations: the reports, the one-click review, the translate view, partners, logs."""

from django.urls import include, path, reverse
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .freshness import REVIEWED_ACTION
from .models import Partner
from .translate_views import translate_url, translate_view
from .translators import translatable_languages, translator_languages
from .views import NeedsReviewView, TranslationStatusView, mark_reviewed_view

urlpatterns = [
    path("needs-review/", NeedsReviewView.as_view(), name="needs_review"),
    path(
        "needs-review/results/",
        NeedsReviewView.as_view(results_only=True),
        name="needs_review_results",
    ),
    path("translations/", TranslationStatusView.as_view(), name="translation_status"),
    path(
        "translations/results/",
        TranslationStatusView.as_view(results_only=True),
        name="translation_status_results",
    ),
    path("reviewed/<int:page_id>/", mark_reviewed_view, name="mark_reviewed"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("editorial/", include((urlpatterns, "editorial"), namespace="editorial")),
        path("translate/<int:page_id>/<str:language>/", translate_view, name="editorial_translate"),
    ]


def _translate_label(language):
    return gettext("Translate into %(language)s") % {
        "language": get_language_info(language)["name_translated"]
    }


class TranslateMenuItem(ActionMenuItem):
    """A "Translate into …" item of the edit view's action menu, one per language."""

    icon_name = "globe"

    def __init__(self, language, order=None):
        super().__init__(order=order)
        self.language = language
        self.name = f"action-translate-{language}"
        self.label = _translate_label(language)

    def get_url(self, parent_context):
        return translate_url(parent_context["page"], self.language)


@hooks.register("construct_page_action_menu")
def add_translate_menu_items(menu_items, request, context):
    if context.get("view") != "edit":
        return
    page = context["page"]
    for order, language in enumerate(translatable_languages(request.user, page), start=900):
        menu_items.append(TranslateMenuItem(language, order=order))


@hooks.register("register_page_header_buttons")
def translate_header_buttons(page, user, view_name, next_url=None):
    for priority, language in enumerate(translatable_languages(user, page.specific), start=80):
        yield Button(
            _translate_label(language),
            translate_url(page, language),
            icon_name="globe",
            priority=priority,
        )


class ReportMenuItem(MenuItem):
    """Shown to everyone who may edit pages: editors and moderators."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or policy_registry.get_by_type(Page).user_has_any_permission(
            user, {"add", "change", "publish"}
        )


class TranslationReportMenuItem(ReportMenuItem):
    """Translators find their work here too."""

    def is_shown(self, request):
        return super().is_shown(request) or bool(translator_languages(request.user))


@hooks.register("register_reports_menu_item")
def needs_review_menu_item():
    return ReportMenuItem(
        _("Needs review"), reverse("editorial:needs_review"), icon_name="time", order=50
    )


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return TranslationReportMenuItem(
        _("Translation status"),
        reverse("editorial:translation_status"),
        icon_name="globe",
        order=51,
    )


class ReviewedFormatter(LogFormatter):
    label = _("Mark as reviewed")

    def format_message(self, log_entry):
        date = (log_entry.data or {}).get("date")
        if date:
            return gettext("Marked as reviewed on %(date)s") % {"date": date}
        return gettext("Marked as reviewed")


@hooks.register("register_log_actions")
def register_review_action(actions):
    actions.register_action(REVIEWED_ACTION)(ReviewedFormatter)


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    add_to_settings_menu = True
    list_display = ["name", "key"]


register_snippet(PartnerViewSet)
