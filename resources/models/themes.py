"""Theme pages: one per theme area, listing what is tagged with it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.access import mark_restricted, visible_pages
from core.pages import IndexPage
from core.paging import paginate

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
        """Routines and guidance page separately, each link keeping the other list's page."""
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        routines = self._visible(RoutinePage, user)
        context["routines"] = paginate(
            request, routines.order_by("title", "pk"), "routines_page", "routines-heading"
        )
        guidance = self._visible(GuidancePage, user)
        guidance = guidance.order_by("-publication_date", "title", "pk")
        context["guidance"] = paginate(request, guidance, "guidance_page", "guidance-heading")
        context["news"] = self._visible(NewsPage, user).order_by("-date")[:5]
        return context

    def _visible(self, model, user):
        """The visitor's pages of ``model`` in this theme, restricted ones marked."""
        pages = visible_pages(model.objects.filter(themes=self.theme_id), user)
        return mark_restricted(pages, user)
