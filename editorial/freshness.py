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
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from .signals import page_reviewed

REVIEWED_ACTION = "editorial.reviewed"


@dataclass(frozen=True)
class ReviewPolicy:
    """How a page type is kept current, declared on the model as ``review_policy``.

    ``date_field`` holds when the page was last checked (empty: never, so due
    at once) and ``by_field`` who checked it; the page is due ``days_setting``
    days later.
    """

    kind: str
    label: str
    date_field: str
    by_field: str
    days_setting: str

    @property
    def interval(self):
        return datetime.timedelta(days=getattr(settings, self.days_setting))


def reviewed_models():
    """The live page models that declare a ``review_policy``, by kind."""
    from wagtail.models import get_page_models

    return {
        model.review_policy.kind: model
        for model in get_page_models()
        if getattr(model, "review_policy", None) is not None
    }


def review_policy(page_or_model):
    """The page's :class:`ReviewPolicy`, or None when it is not reviewed."""
    return getattr(page_or_model, "review_policy", None)


def kind_choices():
    return [(kind, model.review_policy.label) for kind, model in reviewed_models().items()]


def interval(kind):
    return reviewed_models()[kind].review_policy.interval


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
            kind=page.review_kind,
            checked_on=page.checked_on,
            checked_by=page.checked_by_name,
            partner_pk=page.partner_pk,
            partner_name=page.partner_name,
        )

    @property
    def kind_label(self):
        return reviewed_models()[self.kind].review_policy.label

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
    """Live pages of every reviewed type past their review date, oldest first.

    One query: the page rows joined with their specific row, owner and
    reviewer, annotated with what the report shows.
    """
    today = today or timezone.localdate()
    due = Q(pk__in=[])
    kinds, checked_on, checked_by, partner_pk, partner_name = [], [], [], [], []
    for kind, model in reviewed_models().items():
        policy, row = model.review_policy, model._meta.model_name
        date = f"{row}__{policy.date_field}"
        due |= Q(**{f"{row}__isnull": False}) & (
            Q(**{f"{date}__isnull": True}) | Q(**{f"{date}__lt": today - policy.interval})
        )
        kinds.append(When(**{f"{row}__isnull": False}, then=Value(kind)))
        checked_on.append(date)
        checked_by.append(f"{row}__{policy.by_field}__username")
        partner_pk.append(f"{row}__partner")
        partner_name.append(f"{row}__partner__name")
    return (
        Page.objects.live()
        .filter(due)
        .annotate(
            review_kind=Case(*kinds, output_field=CharField()),
            checked_on=_first(checked_on),
            checked_by_name=_first(checked_by, Value("")),
            partner_pk=_first(partner_pk),
            partner_name=_first(partner_name, Value("")),
        )
        # Never verified comes first: nothing is older than that.
        .order_by(F("checked_on").asc(nulls_first=True), "pk")
    )


def _first(fields, *default):
    """The first non-null of ``fields`` (Coalesce needs two: one model is its own answer)."""
    expressions = [*fields, *default]
    if len(expressions) == 1:
        return F(expressions[0])
    return Coalesce(*expressions, output_field=CharField() if default else None)


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
    policy = review_policy(page)
    date_field, by_field = policy.date_field, policy.by_field
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
    # The search documents carry the review date: the search app re-sends it.
    page_reviewed.send(sender=type(page), instance=page)
    return page
