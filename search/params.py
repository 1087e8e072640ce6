"""The search API's parameters, checked before anything is searched."""

import re
from dataclasses import dataclass, field

from django.http import QueryDict

from core.i18n import language_codes

from .registry import search_types

FACETS = {"type": "type", "theme": "themes", "region": "regions", "audience": "audiences"}
PAGE_SIZE = 10
MAX_QUERY_LENGTH = 500
MAX_FILTER_VALUES = 20
# Deeper pages than the engine's result window answer with no results.
MAX_RESULT_WINDOW = 10_000
# ASCII digits only: str.isdigit() and int() also accept "²", "①" or "١" (Arabic-Indic),
# and int() refuses some of what isdigit() accepts, which was a 500.
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


class BadRequest(ValueError):
    """A parameter the contract refuses; the message is shown to the caller."""


@dataclass
class SearchParams:
    q: str
    lang: str
    filters: dict = field(default_factory=dict)
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def beyond_window(self) -> bool:
        return self.offset + self.page_size > MAX_RESULT_WINDOW


def parse(query: QueryDict, default_lang: str) -> SearchParams:
    """``SearchParams`` from a request's GET parameters, or :class:`BadRequest`."""
    q = " ".join((query.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        raise BadRequest(f"q is longer than {MAX_QUERY_LENGTH} characters")
    lang = query.get("lang") or default_lang
    if lang not in language_codes():
        raise BadRequest(f"unknown lang {lang!r}; one of {', '.join(language_codes())}")
    filters = {}
    for name in FACETS:
        values = [v for v in dict.fromkeys(query.getlist(name)) if v]
        if len(values) > MAX_FILTER_VALUES:
            raise BadRequest(f"at most {MAX_FILTER_VALUES} values for {name}")
        if name == "type":
            types = search_types()
            unknown = [v for v in values if v not in types]
            if unknown:
                raise BadRequest(f"unknown type {unknown[0]!r}; one of {', '.join(types)}")
        if values:
            filters[name] = values
    raw_page = query.get("page") or "1"
    if not PAGE_NUMBER.fullmatch(raw_page) or int(raw_page) < 1:
        raise BadRequest("page must be a positive integer")
    return SearchParams(q=q, lang=lang, filters=filters, page=int(raw_page))
