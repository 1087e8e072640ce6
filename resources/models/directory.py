"""The contact directory: organisations by region, kind and availability."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.access import visible_pages
from core.pages import RICH_TEXT_FEATURES, KeyedPageMixin, PortalPage
from core.searchable import SearchablePage
from editorial.forms import OwnedPageForm
from editorial.freshness import ReviewPolicy
from editorial.models import OwnedPageMixin
from resources.contact_map import contact_map

from .sections import SectionPage
from .taxonomy import Region


class OrganisationKind(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution")
    SOCIAL_SERVICES = "social-services", _("Social services")
    MIGRATION = "migration", _("Migration")
    HEALTH = "health", _("Health care")
    NGO = "ngo", _("NGO")
    SHELTER = "shelter", _("Shelter")
    HOTLINE = "hotline", _("Hotline")
    EMBASSY = "embassy", _("Embassy")
    RESEARCH = "research", _("Research")
    OTHER = "other", _("Other")


class DirectoryPage(SectionPage):
    """Lists organisations, filtered by region, kind and 24/7 availability."""

    subpage_types = ["resources.OrganisationPage"]
    listing_template = "resources/directory_page.html"

    class Meta:
        verbose_name = _("contact directory")

    def listing(self, request):
        """The visible organisations, with the filters that were applied and their choices."""
        visible = visible_pages(OrganisationPage.objects.child_of(self), request.user)
        organisations = visible.prefetch_related("regions")
        regions = Region.objects.all()
        filters = {"region": "", "kind": "", "open_24h": False}
        region = request.GET.get("region", "")
        if region and Region.objects.filter(key=region).exists():
            organisations = organisations.filter(regions__key=region)
            filters["region"] = region
        kind = request.GET.get("kind", "")
        if kind in OrganisationKind.values:
            organisations = organisations.filter(kind=kind)
            filters["kind"] = kind
        if request.GET.get("open_24h") in ("1", "on", "true"):
            organisations = organisations.filter(open_24h=True)
            filters["open_24h"] = True
        return organisations.distinct(), {
            "filters": filters,
            "regions": regions,
            "kinds": OrganisationKind.choices,
            "contact_map": contact_map(regions, visible),
        }


class OrganisationPage(SearchablePage, OwnedPageMixin, KeyedPageMixin, PortalPage):
    """An authority, NGO, shelter or hotline: who to call, where, and when."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    regions = ParentalManyToManyField(Region, blank=True, verbose_name=_("regions"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    open_24h = models.BooleanField(_("open 24/7"), default=False)
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("ISO language codes separated by commas, e.g. sv, en, ro"),
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    verified_on = models.DateField(_("contact details verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )

    base_form_class = OwnedPageForm
    review_policy = ReviewPolicy(
        kind="organisation",
        label=_("Organisation"),
        date_field="verified_on",
        by_field="verified_by",
        days_setting="PORTAL_ORGANISATION_VERIFY_DAYS",
    )
    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("open_24h")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("address"),
                FieldPanel("languages"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("partner"), FieldPanel("verified_on")], heading=_("Owner and review")
        ),
    ]
    promote_panels = [*PortalPage.promote_panels, FieldPanel("key")]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("description"),
        index.SearchField("phone"),
        index.SearchField("address"),
        index.FilterField("kind"),
        index.FilterField("open_24h"),
    ]
    parent_page_types = ["resources.DirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("organisation")

    search_type = "organisation"
    search_label = _("Contact")
    search_order = 30
    search_facets = ("regions",)

    @property
    def search_date(self):
        return self.verified_on

    def search_body_parts(self, language):
        parts = super().search_body_parts(language)
        return [*parts, self.phone, self.email, self.address, self.website]

    def search_filters(self):
        return {"kind": self.kind, "open_24h": bool(self.open_24h)}

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""

    @property
    def language_list(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]
