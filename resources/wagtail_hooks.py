"""Admin registrations: the taxonomy snippets; the restricted-page guard."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
