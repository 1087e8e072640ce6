"""The contact directory: organisations by region, kind and availability."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.access import is_editor, mark_restricted, visible_pages
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


def _enclosing_regions_sql(region_ids):
    """``region_ids`` and the regions they lie within, as a subquery: no query of its own.

    A recursive common table expression (SQLite and PostgreSQL both have
    them) climbs ``within``; UNION drops repeats, so a cycle ends too.
    """
    region_ids = [int(pk) for pk in region_ids]
    if not region_ids:
        return []
    table = Region._meta.db_table
    within = Region._meta.get_field("within").column
    # Names from the model, values as parameters; the start rows come from the
    # table, so both terms have the column's type (PostgreSQL insists).
    marks = ", ".join(["%s"] * len(region_ids))
    return RawSQL(  # noqa: S611
        f'WITH RECURSIVE enclosing(id) AS (SELECT id FROM "{table}" WHERE id IN ({marks}) '  # noqa: S608
        f'UNION SELECT r."{within}" FROM "{table}" r '
        f'JOIN enclosing ON r.id = enclosing.id WHERE r."{within}" IS NOT NULL) '
        "SELECT id FROM enclosing",
        region_ids,
    )


class OrganisationQuerySet(PageQuerySet):
    def covering(self, *regions):
        """Organisations that cover any of ``regions``: listed in one or in a region it lies in.

        The one answer to "who covers region R" for the directory, the start
        page's urgent box, routine contacts and anything else (maps, exports).
        Each region is a :class:`Region` or its primary key. No query of its
        own: the enclosing regions are a subquery.
        """
        enclosing = _enclosing_regions_sql([getattr(region, "pk", region) for region in regions])
        links = OrganisationPage.regions.through.objects.filter(region_id__in=enclosing)
        return self.filter(pk__in=links.values("organisationpage_id"))


class DirectoryPage(SectionPage):
    """Lists organisations, filtered by region, kind and 24/7 availability."""

    subpage_types = ["resources.OrganisationPage"]
    listing_template = "resources/directory_page.html"

    class Meta:
        verbose_name = _("contact directory")

    def listing(self, request):
        """The visible organisations, with the filters that were applied and their choices."""
        visible = visible_pages(OrganisationPage.objects.child_of(self), request.user)
        organisations = mark_restricted(visible, request.user).prefetch_related(
            "regions", "opening_hours"
        )
        # Read once: the filter's choices, the chosen region, the covering rule and the map.
        regions = list(Region.objects.all())
        filters = {"region": "", "kind": "", "open_24h": False}
        region = next((r for r in regions if r.key == request.GET.get("region", "")), None)
        if region is not None:
            organisations = organisations.covering(region)
            filters["region"] = region.key
        kind = request.GET.get("kind", "")
        if kind in OrganisationKind.values:
            organisations = organisations.filter(kind=kind)
            filters["kind"] = kind
        if request.GET.get("open_24h") in ("1", "on", "true"):
            organisations = organisations.filter(open_24h=True)
            filters["open_24h"] = True
        return organisations, {
            "filters": filters,
            "regions": regions,
            "kinds": OrganisationKind.choices,
            "editor_view": is_editor(request.user),
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

    objects = PageManager.from_queryset(OrganisationQuerySet)()

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
        InlinePanel(
            "opening_hours",
            heading=_("Opening hours"),
            label=_("Opening hours"),
            help_text=_("Leave empty when the organisation is open 24/7."),
        ),
        FieldPanel(
            "regions",
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "Every region the organisation serves. A region that contains others "
                "(the whole country) covers them all."
            ),
        ),
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editor_view"] = is_editor(request.user)
        return context

    @property
    def verification_due(self):
        """When the contact details must be checked again (None: never verified)."""
        if self.verified_on is None:
            return None
        return self.verified_on + self.review_policy.interval

    @property
    def verification_overdue(self):
        """True when the details were never verified, or verified too long ago."""
        due = self.verification_due
        return due is None or timezone.localdate() > due

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""

    @property
    def language_list(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class Weekday(models.IntegerChoices):
    """Days as Django numbers them in ``WEEKDAYS`` (translated in Django's catalogues)."""

    MONDAY = 0, WEEKDAYS[0]
    TUESDAY = 1, WEEKDAYS[1]
    WEDNESDAY = 2, WEEKDAYS[2]
    THURSDAY = 3, WEEKDAYS[3]
    FRIDAY = 4, WEEKDAYS[4]
    SATURDAY = 5, WEEKDAYS[5]
    SUNDAY = 6, WEEKDAYS[6]


class OpeningHours(Orderable):
    """Days and hours an organisation that is not open 24/7 answers, e.g. Mon–Fri 8–16."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="opening_hours")
    first_day = models.PositiveSmallIntegerField(_("from"), choices=Weekday.choices)
    last_day = models.PositiveSmallIntegerField(
        _("to"),
        choices=Weekday.choices,
        null=True,
        blank=True,
        help_text=_("Empty for a single day."),
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [
        FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.days} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        errors = {}
        if self.last_day is not None and self.last_day < self.first_day:
            errors["last_day"] = _("The last day comes after the first (Monday to Sunday).")
        if self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = _("Closing time comes after opening time.")
        if errors:
            raise ValidationError(errors)

    @property
    def days(self):
        """The days in the visitor's language: "Monday–Friday", or one day."""
        first = Weekday(self.first_day).label
        if self.last_day is None or self.last_day == self.first_day:
            return str(first)
        return f"{first}–{Weekday(self.last_day).label}"
