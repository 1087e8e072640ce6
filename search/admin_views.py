"""The admin's "Search terms" report and its one-click ways to promote a result or add a synonym."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.search_promotions.models import Query
from wagtail.snippets.views.snippets import CreateView

from . import analytics
from .chart import bar_chart
from .models import Synonym
from .querytext import MAX_LENGTH

REPORT_PERMISSION = "search.view_search_report"
PROMOTE_PERMISSION = "wagtailsearchpromotions.add_searchpromotion"
SYNONYM_PERMISSION = "search.add_synonym"
PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30


class ReportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    days = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        required=False,
        empty_value=DEFAULT_PERIOD,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]
        # Built per request: the labels are in the editor's admin language.
        self.fields["days"].choices = [
            (days, gettext("Last %(days)s days") % {"days": days}) for days in PERIODS
        ]


class SearchTermsView(WagtailAdminTemplateMixin, TemplateView):
    """Top queries, queries with no result and queries whose results nobody clicks."""

    page_title = _("Search terms")
    header_icon = "search"
    template_name = "search/admin/search_terms.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReportForm(self.request.GET or None)
        language, days = "", DEFAULT_PERIOD
        if form.is_valid():
            language = form.cleaned_data["language"]
            days = form.cleaned_data["days"]
        end = timezone.localdate()
        start = end - datetime.timedelta(days=days - 1)
        user = self.request.user
        context.update(
            form=form,
            start=start,
            end=end,
            top=analytics.top_queries(language, start, end),
            zero=analytics.zero_result_queries(language, start, end),
            unclicked=analytics.unclicked_queries(language, start, end),
            chart=bar_chart(analytics.daily_searches(language, start, end)),
            can_promote=user.has_perm(PROMOTE_PERMISSION),
            can_add_synonym=user.has_perm(SYNONYM_PERMISSION),
        )
        return context


@require_POST
def promote(request):
    """Open Wagtail's promoted results for a reported query, creating the query if new."""
    if not request.user.has_perm(PROMOTE_PERMISSION):
        raise PermissionDenied
    text = " ".join((request.POST.get("query") or "").split())
    if not text or len(text) > MAX_LENGTH:
        messages.error(request, _("Choose a query from the report to promote a result for."))
        return redirect("search_admin:search_terms")
    return redirect("wagtailsearchpromotions:edit", Query.get(text).pk)


class SynonymCreateView(CreateView):
    """The synonym form, filled in from the report: a one-way rule for the reported query."""

    def get_initial_form_instance(self):
        term = " ".join((self.request.GET.get("term") or "").split())
        language = self.request.GET.get("language") or ""
        if not term:
            return super().get_initial_form_instance()
        return Synonym(
            kind=Synonym.Kind.ONE_WAY,
            term=term[: Synonym._meta.get_field("term").max_length],
            language=language if language in dict(settings.LANGUAGES) else "",
        )
