"""Admin registrations: synonyms, the "Search terms" report, and who sees them."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import REPORT_PERMISSION, SearchTermsView, SynonymCreateView, promote
from .models import Synonym

urlpatterns = [
    path("search-terms/", SearchTermsView.as_view(), name="search_terms"),
    path("search-terms/promote/", promote, name="promote"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("search/", include((urlpatterns, "search_admin"), namespace="search_admin"))]


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synonyms")
    menu_name = "synonyms"
    add_to_settings_menu = True
    add_view_class = SynonymCreateView
    list_display = ["__str__", "kind", "language", "updated_at"]
    list_filter = ["kind", "language"]
    search_fields = ["term", "terms"]
    search_backend_name = None


register_snippet(SynonymViewSet)


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"),
        reverse("search_admin:search_terms"),
        name="portal-search-terms",
        icon_name="search",
        order=52,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms(request, menu_items):
    # Wagtail's own report counts Query.add_hit(), which the portal's search
    # never calls: its statistics are the report above.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
