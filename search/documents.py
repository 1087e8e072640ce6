"""The index document of a page, built from what its model declares.

A document is built per item and language; a field without text in that
language carries the fallback text (Swedish, or English first for Italian,
Greek and Latvian readers) and the document says so. The page's own text comes
from :class:`core.searchable.SearchablePage`; this module adds what search
itself knows (URL, permissions). ``DOCUMENT_KEYS`` are the keys of every
document: a system check compares them with the index mapping.
"""

from typing import Any

from django.utils import translation

from core.i18n import language_codes
from core.searchable import SearchablePage

from .terms import analysed_text

# The taxonomy relations every document carries, empty where a type has none.
TERM_FIELDS = ("themes", "regions", "audiences")
DOCUMENT_KEYS = (
    "type",
    "key",
    "lang",
    "fallback",
    "title",
    "summary",
    "body",
    "other_text",
    "analysed_title",
    "analysed_text",
    *TERM_FIELDS,
    "kind",
    "open_24h",
    "date",
    "url",
    "restricted",
    "groups",
    "page_id",
)
# Added by the indexer after the document is built (see ``indexing.fingerprint``).
STORED_KEYS = (*DOCUMENT_KEYS, "fingerprint")


def _joined(parts: list[str]) -> str:
    return " ".join(part for part in parts if part)


def search_documents(
    page: SearchablePage,
    restriction: tuple[bool, tuple[str, ...]] = (False, ()),
    analysed: dict[str, str] | None = None,
) -> dict[str, dict[str, Any]]:
    """The index documents of ``page``, one per configured language: ``{language: document}``.

    ``restriction`` is ``(restricted, group_names)`` and ``analysed`` the
    page's :func:`~search.terms.analysed_text`, computed by the caller once
    for many documents. What is the same in every language (facets, filters,
    the analysed text) is read once for the page, not once per document.
    """
    if analysed is None:
        analysed = analysed_text(page)
    restricted, groups = restriction
    terms = page.search_terms()
    filters = page.search_filters()
    date = page.search_date
    facets = {relation: terms.get(relation, []) for relation in TERM_FIELDS}
    # Languages that fall back to the same text share its other-language text.
    other_text: dict[str, str] = {}
    documents = {}
    for language in language_codes():
        title, shown = page.search_title(language)
        if shown not in other_text:
            other_text[shown] = _joined(page.search_other_text(shown))
        with translation.override(language):
            url = page.get_url()
        documents[language] = {
            "type": page.search_type,
            "key": page.key,
            "lang": shown,
            "fallback": shown != language,
            "title": title,
            "summary": page.search_summary(language),
            "body": _joined(page.search_body_parts(language)),
            "other_text": other_text[shown],
            "analysed_title": analysed["title"],
            "analysed_text": analysed["text"],
            **facets,
            "kind": filters["kind"],
            "open_24h": filters["open_24h"],
            "date": date.isoformat() if date else None,
            "url": url,
            "restricted": restricted,
            "groups": sorted(groups),
            "page_id": page.pk,
        }
    return documents
