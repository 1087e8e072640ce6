"""Admin registrations: the taxonomy snippets, a partner's export; the restricted-page guard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.access import can_see_restricted
from editorial.models import Partner
from editorial.permissions import manages_all_partners

from .bundle.download import export_partner_view, partner_exports_view
from .models import Audience, Region, Theme
from .restrictions import hide_restricted_page


class TaxonomyViewSet(SnippetViewSet):
    """Terms are listed by name and found by their key."""

    list_display = ["name", "key"]
    search_fields = ["key"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"


class RegionViewSet(TaxonomyViewSet):
    model = Region
    icon = "site"


class AudienceViewSet(TaxonomyViewSet):
    model = Audience
    icon = "group"


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, RegionViewSet, AudienceViewSet)
    menu_icon = "tag"
    menu_label = "Taxonomy"
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


hooks.register("before_serve_page", hide_restricted_page, order=-1)


@hooks.register("register_admin_urls")
def register_export_url():
    return [
        path("export-bundle/", partner_exports_view, name="partner_exports"),
        path("export-bundle/<slug:key>/", export_partner_view, name="export_partner_bundle"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return manages_all_partners(request.user)


@hooks.register("register_reports_menu_item")
def partner_exports_menu_item():
    return ModeratorMenuItem(
        _("Partner exports"), reverse("partner_exports"), icon_name="download", order=60
    )


@hooks.register("register_snippet_listing_buttons")
def partner_export_buttons(snippet, user, next_url=None):
    """ "Download export" on each partner in the Partners listing, for moderators."""
    if not isinstance(snippet, Partner) or not manages_all_partners(user):
        return []
    url = reverse("export_partner_bundle", args=[snippet.key])
    buttons = [Button(_("Download export"), url, icon_name="download", priority=50)]
    if can_see_restricted(user):
        buttons.append(
            Button(
                _("Download export with restricted items"),
                f"{url}?restricted=1",
                icon_name="download",
                priority=51,
            )
        )
    return buttons
