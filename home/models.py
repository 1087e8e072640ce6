"""The start page: the theme areas, the latest news and the urgent contacts."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from resources.access import visible_pages
from resources.models import IndexPage, NewsPage, OrganisationPage, ThemePage


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
        context["latest_news"] = visible_pages(NewsPage.objects.descendant_of(self), user).order_by(
            "-date", "title"
        )[:4]
        context["urgent_contacts"] = visible_pages(
            OrganisationPage.objects.descendant_of(self).filter(open_24h=True), user
        ).order_by("title")
        return context
