"""Admin registrations: the taxonomy snippets; the restricted-page guard."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Region, Theme
from .restrictions import hide_restricted_page


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "key"]
    search_fields = ["key"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "key"]
    search_fields = ["key"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "key"]
    search_fields = ["key"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, RegionViewSet, AudienceViewSet)
    menu_icon = "tag"
    menu_label = "Taxonomy"
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


hooks.register("before_serve_page", hide_restricted_page, order=-1)
