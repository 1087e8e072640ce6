"""Admin registrations: the reports, the one-click review, partners, log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .freshness import REVIEWED_ACTION
from .models import Partner
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
    return [path("editorial/", include((urlpatterns, "editorial"), namespace="editorial"))]


class ReportMenuItem(MenuItem):
    """Shown to everyone who may edit pages: editors and moderators."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or policy_registry.get_by_type(Page).user_has_any_permission(
            user, {"add", "change", "publish"}
        )


@hooks.register("register_reports_menu_item")
def needs_review_menu_item():
    return ReportMenuItem(
        _("Needs review"), reverse("editorial:needs_review"), icon_name="time", order=50
    )


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return ReportMenuItem(
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
