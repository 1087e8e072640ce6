"""Guidance: handbooks, agreements and background documents."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.pages import RICH_TEXT_FEATURES, KeyedPageMixin, PortalPage
from core.searchable import SearchablePage, pdf_text
from editorial.forms import OwnedPageForm
from editorial.models import OwnedPageMixin

from .change_notes import ChangeNote
from .header import PageHeaderMixin
from .sections import SectionPage
from .tagging import TaggedPageMixin


class GuidanceIndexPage(SectionPage):
    """The section that holds every guidance document, newest first."""

    listing_order = ("-publication_date", "title", "pk")
    subpage_types = ["resources.GuidancePage"]

    class Meta:
        verbose_name = _("guidance section")


class GuidancePage(
    SearchablePage, OwnedPageMixin, PageHeaderMixin, KeyedPageMixin, TaggedPageMixin, PortalPage
):
    """A guidance text, often with the original document attached."""

    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    publication_date = models.DateField(_("publication date"), default=datetime.date.today)

    language_fields = ("title", "summary")
    base_form_class = OwnedPageForm
    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("publication_date"),
        TaggedPageMixin.taxonomy_panel,
        FieldPanel("partner"),
        PageHeaderMixin.change_notes_panel,
    ]
    promote_panels = [*PortalPage.promote_panels, FieldPanel("key")]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["resources.GuidanceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guidance")

    search_type = "guidance"
    search_label = _("Guidance")
    search_order = 20
    search_facets = ("themes", "regions", "audiences")
    search_select = ("document",)

    @property
    def search_date(self):
        return self.publication_date

    @property
    def published_on(self):
        """The document's own date: guidance is often older than its page here."""
        return self.publication_date

    def search_body_parts(self, language):
        return [*super().search_body_parts(language), pdf_text(self.document)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.header_context(request))
        return context


class GuidanceChangeNote(ChangeNote):
    page = ParentalKey(GuidancePage, on_delete=models.CASCADE, related_name="change_notes")
