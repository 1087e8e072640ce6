"""Facet links and query strings for the search page."""

from django import template
from django.utils.translation import gettext_lazy as _

from core.i18n import current_language, shown_language
from resources.models import Audience, Region, Theme

from ..params import FACETS

register = template.Library()

TYPE_LABELS = {
    "routine": _("Routine"),
    "guidance": _("Guidance"),
    "organisation": _("Contact"),
    "news": _("News"),
}
FACET_LABELS = {
    "type": _("Type"),
    "theme": _("Theme"),
    "region": _("Region"),
    "audience": _("Audience"),
}
TERM_MODELS = {"theme": Theme, "region": Region, "audience": Audience}


@register.filter
def result_type(value):
    return TYPE_LABELS.get(value, value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with ``changes`` applied (None removes a parameter)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def facet_groups(context, answer, params):
    """Facet values with counts and the link that toggles each one."""
    request = context["request"]
    groups = []
    for name in FACETS:
        counts = answer["facets"].get(name, {})
        names, languages = {}, {}
        if name in TERM_MODELS:
            for term in TERM_MODELS[name].objects.filter(key__in=counts):
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
            label = TYPE_LABELS.get(value, value) if name == "type" else names.get(value, value)
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
