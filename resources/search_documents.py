"""What the search index knows about a page, in one place.

``search/`` reads pages only through :func:`search_document`, so the index
never depends on templates or admin code. A document is built per item and
language; a field without text in that language carries the fallback text
(Swedish, or English first for Italian, Greek and Latvian readers) and the
document says so.
"""

import html
import logging

from django.utils import translation
from django.utils.html import strip_tags
from modeltranslation.utils import resolution_order

from core.i18n import language_codes

logger = logging.getLogger(__name__)

PDF_TEXT_LIMIT = 200_000
TRANSLATED_TEXT_FIELDS = ("title", "summary", "body", "description")


def plain(value):
    """Rich text as plain text with single spaces."""
    if not value:
        return ""
    text = html.unescape(strip_tags(str(value).replace("<", " <")))
    return " ".join(text.split())


def squeeze(value):
    """Plain text with single spaces; markup-like text stays text."""
    return " ".join(str(value or "").split())


def translated(instance, field, language):
    """The field's text a reader of ``language`` sees, and the language it is in."""
    order = resolution_order(language)
    for candidate in order:
        value = getattr(instance, f"{field}_{candidate}", None)
        if value:
            return value, candidate
    return "", order[-1]


def pdf_text(document):
    """The text of a PDF document, or "" when it has none or cannot be read."""
    if document is None:
        return ""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with document.file.open("rb") as handle:
            parts, size = [], 0
            for pdf_page in PdfReader(handle).pages:
                text = pdf_page.extract_text() or ""
                parts.append(text)
                size += len(text)
                if size > PDF_TEXT_LIMIT:
                    break
    except (OSError, PyPdfError, ValueError):
        logger.warning("Could not read the text of document %s", document.pk, exc_info=True)
        return ""
    return plain(" ".join(parts))[:PDF_TEXT_LIMIT]


def _own_fields(page):
    return [f for f in TRANSLATED_TEXT_FIELDS[1:] if hasattr(page, f"{f}_sv")]


def _body(page, language):
    parts = []
    for field in _own_fields(page):
        if field != "summary":
            parts.append(plain(translated(page, field, language)[0]))
    if page.search_type == "routine":
        for step in page.steps.all():
            parts.append(translated(step, "title", language)[0])
            parts.append(plain(translated(step, "body", language)[0]))
    elif page.search_type == "guidance":
        parts.append(pdf_text(page.document))
    elif page.search_type == "organisation":
        parts.extend([page.phone, page.email, page.address, page.website])
    return " ".join(part for part in parts if part)


def _other_languages_text(page, shown):
    """Text in every language but the one shown: finds items across languages."""
    others = [code for code in language_codes() if code != shown]
    parts = []
    for field in ("title", *_own_fields(page)):
        parts.extend(plain(getattr(page, f"{field}_{code}", None)) for code in others)
    if page.search_type == "routine":
        for step in page.steps.all():
            parts.extend(getattr(step, f"title_{code}", None) or "" for code in others)
    return " ".join(part for part in parts if part)


def _keys(page, relation):
    manager = getattr(page, relation, None)
    return [term.key for term in manager.all()] if manager is not None else []


def search_document(page, language, restriction=(False, ())):
    """The index document of ``page`` for readers of ``language``.

    ``restriction`` is ``(restricted, group_names)``, computed by the caller
    once for many pages.
    """
    title, shown = translated(page, "title", language)
    summary = translated(page, "summary", language)[0] if hasattr(page, "summary_sv") else ""
    with translation.override(language):
        url = page.get_url()
    restricted, groups = restriction
    return {
        "type": page.search_type,
        "key": page.key,
        "lang": shown,
        "fallback": shown != language,
        "title": title,
        "summary": squeeze(summary),
        "body": _body(page, language),
        "other_text": _other_languages_text(page, shown),
        "themes": _keys(page, "themes"),
        "regions": _keys(page, "regions"),
        "audiences": _keys(page, "audiences"),
        "kind": getattr(page, "kind", None),
        "open_24h": bool(getattr(page, "open_24h", False)),
        "date": page.search_date.isoformat() if page.search_date else None,
        "url": url,
        "restricted": restricted,
        "groups": sorted(groups),
        "page_id": page.pk,
    }
