"""Admin reports ("Needs review", "Translation status") and the one-click review."""

import django_filters
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, F, IntegerField, Prefetch, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_content_types

from .freshness import due_items, kind_choices, mark_reviewed, overdue_pages, review_policy
from .models import Partner, TranslationState, TranslationStatus
from .permissions import manages_all_partners, owned_by, owned_models, partner_ids
from .translate_views import translate_url
from .translators import translator_languages

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value):
    """Text a spreadsheet will not run as a formula (a title may start with "=")."""
    value = "" if value is None else str(value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(quote(page.pk),))


def _no_filter(queryset, name, value):
    return queryset


class EditorialReportView(ReportView):
    """What both reports share: page permissions to open, safe CSV cells."""

    model = Page
    any_permission_required = ["add", "change", "publish"]

    def get(self, request, *args, **kwargs):
        # ReportView decorates rows after it has built the table; here the
        # rows are decorated as they are paginated, so the table shows them.
        self.object_list = self.get_filtered_queryset()
        if self.is_export:
            rows = self.decorate_paginated_queryset(self.object_list)
            return self.as_spreadsheet(rows, request.GET.get("export"))
        return self.render_to_response(self.get_context_data())

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.decorate_paginated_queryset(object_list)
        return paginator, page, page.object_list, is_paginated

    def get_preprocess_function(self, field, value, export_format):
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return _csv_safe
        return super().get_preprocess_function(field, value, export_format)

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))


# Needs review


class NeedsReviewFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        queryset=Partner.objects.all(),
        null_label=_("No owner"),
        method="filter_partner",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=kind_choices,
        method="filter_kind",
    )

    class Meta:
        model = Page
        fields = []

    def filter_partner(self, queryset, name, value):
        if value is None:
            return queryset
        if value == "null":
            return queryset.filter(partner_pk__isnull=True)
        return queryset.filter(partner_pk=value.pk)

    def filter_kind(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(review_kind=value)


class ReviewButtonColumn(Column):
    """A one-click form per row (cells render without a RequestContext: add the CSRF token)."""

    cell_template_name = "editorial/reports/review_button_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(context["request"])
        return context


class NeedsReviewView(EditorialReportView):
    page_title = _("Needs review")
    header_icon = "time"
    index_url_name = "editorial:needs_review"
    index_results_url_name = "editorial:needs_review_results"
    filterset_class = NeedsReviewFilterSet
    export_filename = "needs-review"
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda item: item.edit_url),
        Column("kind_label", label=_("Type")),
        Column("partner_name", label=_("Owner")),
        DateColumn("checked_on", label=_("Last reviewed or verified")),
        DateColumn("due_on", label=_("Due since")),
        Column("checked_by", label=_("Reviewed by")),
        ReviewButtonColumn("review", label=""),
    ]
    list_export = [
        "title",
        "kind_label",
        "partner_name",
        "checked_on",
        "due_on",
        "checked_by",
        "absolute_edit_url",
    ]
    export_headings = {
        "title": _("Title"),
        "kind_label": _("Type"),
        "partner_name": _("Owner"),
        "checked_on": _("Last reviewed or verified"),
        "due_on": _("Due since"),
        "checked_by": _("Reviewed by"),
        "absolute_edit_url": _("Edit in the admin"),
    }

    def get_base_queryset(self):
        return overdue_pages()

    def decorate_paginated_queryset(self, object_list):
        items = due_items(object_list)
        user = self.request.user
        own = partner_ids(user)
        unbound = manages_all_partners(user)
        next_url = self.index_url
        if self.request.GET:
            next_url += "?" + self.request.GET.urlencode()
        for item in items:
            item.can_mark = unbound or item.partner_pk in own
            item.next_url = next_url
        return items


# Translation status


def _translations():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationStatusFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=_translations, method=_no_filter
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            (TranslationState.MISSING, TranslationState.MISSING.label),
            (TranslationState.PARTIAL, TranslationState.PARTIAL.label),
            (TranslationState.OUTDATED, TranslationState.OUTDATED.label),
            (TranslationState.CURRENT, TranslationState.CURRENT.label),
        ],
        method=_no_filter,
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        queryset=Partner.objects.all(),
        null_label=_("No owner"),
        method="filter_partner",
    )
    content_type = ContentTypeFilter(
        label=_("Type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
    )

    class Meta:
        model = Page
        fields = []

    def filter_partner(self, queryset, name, value):
        if value is None:
            return queryset
        if value == "null":
            return queryset.exclude(owned_by(Partner.objects.values("pk")))
        return queryset.filter(owned_by([value.pk]))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        state = self.form.cleaned_data.get("state")
        if state:
            statuses = TranslationStatus.objects.filter(state=state)
            language = self.form.cleaned_data.get("language")
            if language:
                statuses = statuses.filter(language=language)
            queryset = queryset.filter(pk__in=statuses.values("page_id"))
        return queryset


class TranslationStateColumn(Column):
    cell_template_name = "editorial/reports/translation_state_cell.html"

    def __init__(self, language, label):
        super().__init__(f"state_{language}", label=label)
        self.language = language

    def get_value(self, instance):
        return instance.statuses.get(self.language)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if self.language in instance.translatable:
            context["translate_url"] = translate_url(instance, self.language)
        return context


class TranslationStatusView(EditorialReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    index_url_name = "editorial:translation_status"
    index_results_url_name = "editorial:translation_status_results"
    filterset_class = TranslationStatusFilterSet
    export_filename = "translation-status"
    # Translators, who have no page permission, work from this report too.
    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        if not (
            translator_languages(request.user)
            or policy.user_has_any_permission(request.user, ["add", "change", "publish"])
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def translator_only(self):
        user = self.request.user
        return bool(
            translator_languages(user)
        ) and not self.permission_policy.user_has_any_permission(user, ["add", "change", "publish"])

    @property
    def languages(self):
        chosen = None
        if self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("language")
        own = translator_languages(self.request.user) if self.translator_only else None
        return [
            (code, name)
            for code, name in _translations()
            if (not chosen or code == chosen) and (own is None or code in own)
        ]

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("Title"), get_url=lambda page: page.admin_url),
            Column("type_label", label=_("Type")),
            Column("owner_name", label=_("Owner")),
            *[TranslationStateColumn(code, name) for code, name in self.languages],
        ]

    @property
    def list_export(self):
        return ["title", "type_label", "owner_name", *[f"export_{c}" for c, _n in self.languages]]

    @property
    def export_headings(self):
        headings = {"title": _("Title"), "type_label": _("Type"), "owner_name": _("Owner")}
        for code, name in self.languages:
            headings[f"export_{code}"] = name
        return headings

    def get_base_queryset(self):
        owners = [f"{model._meta.model_name}__partner__name" for model in owned_models()]
        return (
            Page.objects.filter(depth__gt=1)
            .select_related("content_type")
            .annotate(
                owner_name=Coalesce(*owners, Value(""), output_field=CharField()),
                owner_pk=_coalesce([name.removesuffix("__name") for name in owners]),
            )
            .prefetch_related(
                Prefetch(
                    "translation_statuses",
                    queryset=TranslationStatus.objects.defer("fields"),
                )
            )
            .order_by("path")
        )

    def decorate_paginated_queryset(self, object_list):
        user = self.request.user
        unbound = manages_all_partners(user)
        own_partners = partner_ids(user)
        own_languages = translator_languages(user)
        first = next(iter(code for code, _name in self.languages if code in own_languages), None)
        for page in object_list:
            editable = unbound or (page.owner_pk is not None and page.owner_pk in own_partners)
            page.translatable = {
                code for code, _name in self.languages if editable or code in own_languages
            }
            if editable or not first:
                page.admin_url = _edit_url(page)
            else:
                page.admin_url = translate_url(page, first)
            page.statuses = {status.language: status for status in page.translation_statuses.all()}
            model = page.content_type.model_class()
            page.type_label = model._meta.verbose_name if model else ""
            for code, _name in self.languages:
                page.__dict__[f"export_{code}"] = _describe(page.statuses.get(code))
        return object_list


def _coalesce(fields):
    """The first non-null of ``fields`` (Coalesce takes two or more)."""
    if len(fields) == 1:
        return F(fields[0])
    return Coalesce(*fields, output_field=IntegerField())


def _describe(status):
    """A status as one spreadsheet cell: the state, and the dates when outdated."""
    if status is None:
        return gettext("not published yet")
    label = str(TranslationState(status.state).label)
    if status.state != TranslationState.OUTDATED:
        return label
    return gettext("%(state)s: Swedish updated %(source)s, translation from %(translated)s") % {
        "state": label,
        "source": timezone.localdate(status.source_changed_at).isoformat(),
        "translated": (
            timezone.localdate(status.translated_at).isoformat() if status.translated_at else ""
        ),
    }


# One click: reviewed


@require_POST
def mark_reviewed_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if review_policy(page) is None:
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_reviewed(page, request.user)
    messages.success(
        request,
        gettext("“%(title)s” is marked as reviewed today.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("editorial:needs_review"))
