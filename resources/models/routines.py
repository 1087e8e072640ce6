"""Routines: step-by-step procedures with a responsible organisation per step."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.access import is_editor, visible_pages
from core.i18n import localized_value, translated
from core.pages import RICH_TEXT_FEATURES, KeyedPageMixin, PortalPage
from core.searchable import SearchablePage, other_languages, plain
from editorial.forms import OwnedPageForm
from editorial.freshness import ReviewPolicy
from editorial.models import OwnedPageMixin

from .change_notes import ChangeNote, ChangeNotesMixin
from .directory import OrganisationPage
from .header import PageHeaderMixin
from .sections import SectionPage
from .tagging import TaggedPageMixin


class Requirement(models.TextChoices):
    MUST = "must", _("Legal requirement")
    SHOULD = "should", _("Good practice")


class RoutineIndexPage(SectionPage):
    """The section that holds every routine, A to Z."""

    subpage_types = ["resources.RoutinePage"]

    class Meta:
        verbose_name = _("routine section")


# A routine longer than this gets a contents list at the top.
CONTENTS_AFTER_STEPS = 5


class RoutinePage(
    SearchablePage, OwnedPageMixin, PageHeaderMixin, KeyedPageMixin, TaggedPageMixin, PortalPage
):
    """A procedure professionals follow, reviewed at least once a year."""

    summary = models.TextField(_("summary"), blank=True)
    organisations = ParentalManyToManyField(
        "resources.OrganisationPage",
        blank=True,
        related_name="related_routines",
        verbose_name=_("related organisations"),
    )
    last_reviewed = models.DateField(_("last reviewed"), default=datetime.date.today)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last reviewed by"),
    )

    language_fields = ("title", "summary")
    base_form_class = OwnedPageForm
    review_policy = ReviewPolicy(
        kind="routine",
        label=_("Routine"),
        date_field="last_reviewed",
        by_field="last_reviewed_by",
        days_setting="PORTAL_ROUTINE_REVIEW_DAYS",
    )
    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("summary"),
        InlinePanel("steps", heading=_("Steps"), label=_("Step"), min_num=0),
        FieldPanel("organisations"),
        TaggedPageMixin.taxonomy_panel,
        MultiFieldPanel(
            [FieldPanel("partner"), FieldPanel("last_reviewed")], heading=_("Owner and review")
        ),
        ChangeNotesMixin.change_notes_panel,
    ]
    promote_panels = [*PortalPage.promote_panels, FieldPanel("key")]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("steps", [index.SearchField("title"), index.SearchField("body")]),
    ]
    parent_page_types = ["resources.RoutineIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("routine")

    search_type = "routine"
    search_label = _("Routine")
    search_order = 10
    search_facets = ("themes", "regions", "audiences")
    search_prefetch = ("steps",)

    @property
    def search_date(self):
        return self.last_reviewed

    def search_body_parts(self, language):
        parts = super().search_body_parts(language)
        for step in self.steps.all():
            parts.append(translated(step, "title", language)[0])
            parts.append(plain(translated(step, "body", language)[0]))
        return parts

    def search_other_text(self, shown):
        parts = super().search_other_text(shown)
        for step in self.steps.all():
            parts.extend(
                localized_value(step, "title", code) or "" for code in other_languages(shown)
            )
        return parts

    @property
    def review_due(self):
        return self.last_reviewed + self.review_policy.interval

    @property
    def review_overdue(self):
        return timezone.localdate() > self.review_due

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        steps = list(self.steps.select_related("responsible"))
        contacts, owner_page = self.contacts_and_owner(request.user)
        context.update(
            self.header_context(request, owner_page=owner_page),
            steps=steps,
            show_contents=len(steps) > CONTENTS_AFTER_STEPS,
            contacts=contacts,
            show_review_flag=self.review_overdue and is_editor(request.user),
        )
        return context

    def contacts_and_owner(self, user):
        """``(contacts, the owner's page or None)`` that ``user`` may see, in one query.

        The contacts say whom to call: the routine's organisations and the
        24/7 ones covering its regions, open 24/7 first (on a phone the first
        card is the one to ring now). The owner's directory page (the
        header's "From: ...") is an organisation too: read with them and told
        apart.
        """
        chosen = self._contact_condition()
        owner_key = self.partner.key if self.partner_id else None
        condition = chosen | Q(key=owner_key) if owner_key else chosen
        rows = list(
            self._visible_organisations(condition, user).annotate(
                is_contact=ExpressionWrapper(chosen, output_field=BooleanField())
            )
        )
        owners = [row for row in rows if owner_key and row.key == owner_key]
        owner = min(owners, key=lambda row: row.path) if owners else None
        return [row for row in rows if row.is_contact], owner

    def _visible_organisations(self, condition, user):
        return (
            visible_pages(OrganisationPage.objects.filter(condition), user)
            .prefetch_related("opening_hours")
            .order_by("-open_24h", "title", "pk")
        )

    def _contact_condition(self):
        organisations = self.organisations.all()
        if isinstance(organisations, QuerySet):
            chosen = Q(pk__in=organisations.values("pk"))
        else:
            # A preview's relations live in memory, not in the database.
            chosen = Q(pk__in=[organisation.pk for organisation in organisations])
        region_ids = [region.pk for region in self.taxonomy()["regions"]]
        if region_ids:
            covering = OrganisationPage.objects.covering(*region_ids).filter(open_24h=True)
            chosen |= Q(pk__in=covering.values("pk"))
        return chosen


class RoutineStep(Orderable):
    """One step of a routine; ``must`` marks a legal requirement."""

    page = ParentalKey(RoutinePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("title"), max_length=255)
    body = RichTextField(_("what to do"), blank=True, features=RICH_TEXT_FEATURES)
    responsible = models.ForeignKey(
        "resources.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    requirement = models.CharField(
        _("requirement"), max_length=10, choices=Requirement.choices, default=Requirement.SHOULD
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("responsible"),
        FieldPanel("requirement"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("step")

    def __str__(self):
        return self.title


class RoutineChangeNote(ChangeNote):
    page = ParentalKey(RoutinePage, on_delete=models.CASCADE, related_name="change_notes")
