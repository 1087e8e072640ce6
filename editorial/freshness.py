"""Keeping material current: what is due for review, and marking it reviewed.

A routine is due 12 months (``PORTAL_ROUTINE_REVIEW_DAYS``) after its last
review; an organisation's contact details 6 months
(``PORTAL_ORGANISATION_VERIFY_DAYS``) after they were verified, and at once
when they never were.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision

ROUTINE, ORGANISATION = "routine", "organisation"
KIND_LABELS = {ROUTINE: _("Routine"), ORGANISATION: _("Organisation")}
REVIEWED_ACTION = "editorial.reviewed"


def _models():
    from resources.models import OrganisationPage, RoutinePage

    return {
        RoutinePage: (ROUTINE, "last_reviewed", "last_reviewed_by"),
        OrganisationPage: (ORGANISATION, "verified_on", "verified_by"),
    }


def review_fields(page):
    """``(kind, date field, by field)`` for a page that is reviewed, else None."""
    return _models().get(type(page))


def interval(kind):
    days = (
        settings.PORTAL_ROUTINE_REVIEW_DAYS
        if kind == ROUTINE
        else settings.PORTAL_ORGANISATION_VERIFY_DAYS
    )
    return datetime.timedelta(days=days)


@dataclass
class DueItem:
    """One overdue page, as the report, its CSV and the reminder show it."""

    pk: int
    title: str
    kind: str
    checked_on: datetime.date | None
    checked_by: str
    partner_pk: int | None
    partner_name: str

    @classmethod
    def from_page(cls, page):
        """From a page of :func:`overdue_pages`, which carries the annotations."""
        return cls(
            pk=page.pk,
            title=page.title,
            kind=ROUTINE if page.routine_pk else ORGANISATION,
            checked_on=page.checked_on,
            checked_by=page.checked_by_name,
            partner_pk=page.partner_pk,
            partner_name=page.partner_name,
        )

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def due_on(self):
        return self.checked_on + interval(self.kind) if self.checked_on else None

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.pk])

    @property
    def absolute_edit_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.edit_url


def overdue_pages(today=None):
    """Live routines and organisations past their review date, oldest first.

    One query: the page rows joined with their routine or organisation row,
    owner and reviewer, annotated with what the report shows.
    """
    today = today or timezone.localdate()
    routines = Q(routinepage__last_reviewed__lt=today - interval(ROUTINE))
    organisations = Q(organisationpage__isnull=False) & (
        Q(organisationpage__verified_on__isnull=True)
        | Q(organisationpage__verified_on__lt=today - interval(ORGANISATION))
    )
    return (
        Page.objects.live()
        .filter(routines | organisations)
        .annotate(
            routine_pk=F("routinepage"),
            checked_on=Coalesce("routinepage__last_reviewed", "organisationpage__verified_on"),
            checked_by_name=Coalesce(
                "routinepage__last_reviewed_by__username",
                "organisationpage__verified_by__username",
                Value(""),
                output_field=CharField(),
            ),
            partner_pk=Coalesce("routinepage__partner", "organisationpage__partner"),
            partner_name=Coalesce(
                "routinepage__partner__name",
                "organisationpage__partner__name",
                Value(""),
                output_field=CharField(),
            ),
        )
        # Never verified comes first: nothing is older than that.
        .order_by(F("checked_on").asc(nulls_first=True), "pk")
    )


def due_items(queryset):
    """:class:`DueItem` rows of an :func:`overdue_pages` queryset, in its order."""
    return [DueItem.from_page(page) for page in queryset]


@transaction.atomic
def mark_reviewed(page, user, on=None):
    """Record that ``user`` checked ``page`` today: its date and reviewer, and a log entry.

    A review confirms what is published and changes no content, so it is not
    a new revision and needs no approval. The live row, the live revision and
    the latest draft all get the new date, so that publishing a draft or
    approving a submission later does not put the old date back.
    """
    _kind, date_field, by_field = review_fields(page)
    on = on or timezone.localdate()
    type(page).objects.filter(pk=page.pk).update(**{date_field: on, by_field: user})
    setattr(page, date_field, on)
    setattr(page, by_field, user)
    revisions = {page.live_revision_id, page.latest_revision_id} - {None}
    for revision in Revision.objects.filter(pk__in=revisions):
        revision.content[date_field] = on.isoformat()
        revision.content[by_field] = user.pk
        revision.save(update_fields=["content"])
    log(
        instance=page,
        action=REVIEWED_ACTION,
        user=user,
        data={"field": date_field, "date": on.isoformat()},
    )
    _reindex(page)
    return page


def _reindex(page):
    # The search documents carry the review date; re-send this page.
    from search.indexing import enqueue

    enqueue([page.pk])
