"""Facet links and query strings for the search page."""

from typing import Any

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import current_language, shown_language

from ..params import FACETS, SearchParams
from ..registry import term_model, type_labels

register = template.Library()

FACET_LABELS = {
    "type": _("Type"),
    "theme": _("Theme"),
    "region": _("Region"),
    "audience": _("Audience"),
}


@register.filter
def result_type(value: str) -> str:
    """The label of a search type, as its model declares it."""
    return type_labels().get(value, value)


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: str | None) -> str:
    """The current query string with ``changes`` applied (None removes a parameter)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def facet_groups(
    context: template.Context, answer: dict[str, Any], params: SearchParams
) -> list[dict[str, Any]]:
    """Facet values with counts and the link that toggles each one."""
    request = context["request"]
    labels = type_labels()
    groups = []
    for name, relation in FACETS.items():
        counts = answer["facets"].get(name, {})
        names, languages = {}, {}
        terms = term_model(relation) if name != "type" else None
        if terms is not None:
            for term in terms.objects.filter(key__in=counts):
                names[term.key] = str(term)
                # A term without a name in the visitor's language is marked as fallback text.
                language = shown_language(term, ("name",))
                languages[term.key] = language if language != current_language() else None
        active = set(params.filters.get(name, []))
        values = []
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            query = request.GET.copy()
            query.pop("page", None)
            selected = [v for v in query.getlist(name) if v != value]
            if value not in active:
                selected.append(value)
            query.setlist(name, selected)
            label = labels.get(value, value) if name == "type" else names.get(value, value)
            values.append(
                {
                    "label": label,
                    "lang": languages.get(value),
                    "count": count,
                    "active": value in active,
                    "query": query.urlencode(),
                }
            )
        groups.append({"label": FACET_LABELS[name], "values": values})
    return groups


@register.simple_tag
def click_ping(params: SearchParams, number: int) -> str:
    """The URL a result link pings when followed: the query, language and position, no more."""
    query = QueryDict(mutable=True)
    query.update({"q": params.q, "lang": params.lang, "position": params.offset + number})
    return f"{reverse('search_click')}?{query.urlencode()}"


@register.simple_tag
def synonym_query(row: dict[str, Any]) -> str:
    """The synonym form's query string for a reported query: its text and language."""
    query = QueryDict(mutable=True)
    query.update({"term": row["query"], "language": row["language"]})
    return query.urlencode()
