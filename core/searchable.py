"""What a page type declares once so that the portal search finds it.

A page model mixes in :class:`SearchablePage` and sets its type, label and
prefetches; its own text goes into the index through
:meth:`SearchablePage.search_body_parts` and
:meth:`SearchablePage.search_other_text`, which a model extends with what only
it has (steps, an attached PDF, contact details). ``search/`` finds these
models through Wagtail's page model list and builds every document, API type
and label from them, so adding a searchable type touches only its model.

A page model that should not be found sets ``searchable = False``.
"""

import html
import logging
from functools import lru_cache
from typing import Any, ClassVar

from django.utils.html import strip_tags

from core.i18n import has_translations, language_codes, localized_value, translated

logger = logging.getLogger(__name__)

PDF_TEXT_LIMIT = 200_000
# A page's text is read for each of its five documents and its analysed
# terms, most of it fallback text shared between languages: stripping the
# markup was a fifth of building a page's documents (docs/PERFORMANCE.md).
# Texts up to this length are remembered (512 of them).
PLAIN_CACHED_LENGTH = 10_000
# The translated text fields a page may have besides its title, in body order.
TEXT_FIELDS = ("summary", "body", "description")


def plain(value: Any) -> str:
    """Rich text as plain text with single spaces."""
    if not value:
        return ""
    markup = str(value)
    if len(markup) > PLAIN_CACHED_LENGTH:
        return _plain(markup)
    return _plain_cached(markup)


def _plain(markup: str) -> str:
    text = html.unescape(strip_tags(markup.replace("<", " <")))
    return " ".join(text.split())


_plain_cached = lru_cache(maxsize=512)(_plain)


def squeeze(value: Any) -> str:
    """Plain text with single spaces; markup-like text stays text."""
    return " ".join(str(value or "").split())


def pdf_text(document: Any) -> str:
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


def other_languages(shown: str) -> list[str]:
    """Every configured language but ``shown``, in the order of the settings."""
    return [code for code in language_codes() if code != shown]


class SearchablePage:
    """Mixin for a page model the portal search finds.

    Declare ``search_type`` (the API's ``type`` value), ``search_label`` (shown
    with results), ``search_order`` (where the type comes among the others),
    ``search_facets`` (the keyed taxonomy relations: ``themes``, ``regions``,
    ``audiences``), ``search_prefetch`` and ``search_select`` (what building a
    document reads besides the facets) and ``search_date``.
    """

    searchable: ClassVar[bool] = True
    search_type: ClassVar[str]
    search_label: ClassVar[str]
    search_order: ClassVar[int] = 100
    search_facets: ClassVar[tuple[str, ...]] = ()
    search_prefetch: ClassVar[tuple[str, ...]] = ()
    search_select: ClassVar[tuple[str, ...]] = ()

    @property
    def search_date(self):
        """The date a result shows and sorts by, or None."""
        return None

    @classmethod
    def search_text_fields(cls) -> tuple[str, ...]:
        """This model's translated text fields besides the title."""
        return tuple(field for field in TEXT_FIELDS if has_translations(cls, field))

    @classmethod
    def search_prefetches(cls) -> tuple[str, ...]:
        """Relations to prefetch before building many documents."""
        return (*cls.search_facets, *cls.search_prefetch)

    def search_title(self, language: str) -> tuple[str, str]:
        """The title a reader of ``language`` sees, and the language it is in."""
        return translated(self, "title", language)

    def search_summary(self, language: str) -> str:
        """The summary a reader of ``language`` sees, as plain text."""
        if "summary" not in self.search_text_fields():
            return ""
        return squeeze(translated(self, "summary", language)[0])

    def search_body_parts(self, language: str) -> list[str]:
        """The texts of the body for a reader of ``language``; extend with the model's own."""
        return [
            plain(translated(self, field, language)[0])
            for field in self.search_text_fields()
            if field != "summary"
        ]

    def search_other_text(self, shown: str) -> list[str]:
        """Text in every language but ``shown``: finds items across languages."""
        return [
            plain(localized_value(self, field, code))
            for field in ("title", *self.search_text_fields())
            for code in other_languages(shown)
        ]

    def search_terms(self) -> dict[str, list[str]]:
        """The keys of the taxonomy terms, by facet relation."""
        return {
            relation: [term.key for term in getattr(self, relation).all()]
            for relation in self.search_facets
        }

    def search_filters(self) -> dict[str, Any]:
        """Values the search filters on besides the facets: ``kind`` and ``open_24h``."""
        return {"kind": None, "open_24h": False}
