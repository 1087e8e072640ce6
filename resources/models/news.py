"""Dated news from the cooperation."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.pages import RICH_TEXT_FEATURES, KeyedPageMixin, PortalPage
from core.searchable import SearchablePage

from .sections import SectionPage
from .tagging import TaggedPageMixin


class NewsIndexPage(SectionPage):
    """The news section, newest first; its Atom feed lives at ``<lang>/feed/``."""

    listing_order = ("-date", "title", "pk")
    subpage_types = ["resources.NewsPage"]

    class Meta:
        verbose_name = _("news section")


class NewsPage(SearchablePage, KeyedPageMixin, TaggedPageMixin, PortalPage):
    """A dated news item."""

    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    language_fields = ("title", "summary")
    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        TaggedPageMixin.taxonomy_panel,
    ]
    promote_panels = [*PortalPage.promote_panels, FieldPanel("key")]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["resources.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")

    search_type = "news"
    search_label = _("News")
    search_order = 40
    search_facets = ("themes", "regions", "audiences")

    @property
    def search_date(self):
        return self.date
