"""Theme pages: one per theme area, listing what is tagged with it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from resources.access import visible_pages

from .base import IndexPage
from .guidance import GuidancePage
from .news import NewsPage
from .routines import RoutinePage
from .taxonomy import Theme


class ThemePage(IndexPage):
    """One of the theme areas: its routines, guidance and news."""

    theme = models.OneToOneField(
        Theme, on_delete=models.PROTECT, related_name="page", verbose_name=_("theme")
    )

    content_panels = [*IndexPage.content_panels, FieldPanel("theme"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("theme page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["routines"] = visible_pages(
            RoutinePage.objects.filter(themes=self.theme_id), user
        ).order_by("title")
        context["guidance"] = visible_pages(
            GuidancePage.objects.filter(themes=self.theme_id), user
        ).order_by("-publication_date")
        context["news"] = visible_pages(
            NewsPage.objects.filter(themes=self.theme_id), user
        ).order_by("-date")[:5]
        return context
