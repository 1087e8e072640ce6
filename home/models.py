"""The start page: the theme areas, the latest news and the urgent contacts."""

from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.access import mark_restricted, visible_pages
from resources.models import (
    DirectoryPage,
    IndexPage,
    NewsPage,
    OrganisationKind,
    OrganisationPage,
    Region,
    ThemePage,
)

# The urgent box sits above the theme areas on a phone: a few contacts, then a link.
URGENT_CONTACTS_SHOWN = 5


class HomePage(IndexPage):
    """The root of the portal in every language."""

    content_panels = [*IndexPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "resources.ThemePage",
        "resources.RoutineIndexPage",
        "resources.GuidanceIndexPage",
        "resources.DirectoryPage",
        "resources.NewsIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["themes"] = visible_pages(ThemePage.objects.child_of(self), user)
        news = mark_restricted(visible_pages(NewsPage.objects.descendant_of(self), user), user)
        context["latest_news"] = news.order_by("-date", "title")[:4]
        context.update(self.urgent_contacts(request))
        return context

    def search_help(self, request):
        """What the search page offers when nothing matched: theme areas and 24/7 contacts."""
        themes = visible_pages(ThemePage.objects.child_of(self), request.user)
        return {"themes": themes, **self.urgent_contacts(request)}

    def urgent_contacts(self, request):
        """The first 24/7 contacts, hotlines first, and the filtered directory's address.

        ``?region=KEY`` narrows them to the organisations covering that region,
        national ones included.
        """
        hotlines_first = Case(When(kind=OrganisationKind.HOTLINE, then=0), default=1)
        contacts = OrganisationPage.objects.descendant_of(self).filter(open_24h=True)
        regions = list(Region.objects.all())
        region = next((r for r in regions if r.key == request.GET.get("region", "")), None)
        query = "open_24h=1"
        if region is not None:
            contacts = contacts.covering(region)
            query = f"region={region.key}&{query}"
        contacts = visible_pages(contacts, request.user).order_by(hotlines_first, "title", "pk")
        # One row more than shown tells whether there are more, without a count.
        contacts = list(contacts[: URGENT_CONTACTS_SHOWN + 1])
        all_url = ""
        if len(contacts) > URGENT_CONTACTS_SHOWN or region is not None:
            directory = DirectoryPage.objects.child_of(self).live().first()
            if directory is not None:
                all_url = f"{directory.get_url(request)}?{query}"
        return {
            "urgent_contacts": contacts[:URGENT_CONTACTS_SHOWN],
            "all_urgent_contacts_url": all_url,
            "urgent_region": region,
            "regions": regions,
        }
