"""The database search's own index: analysed terms per page (:class:`~search.models.SearchTerm`).

Wagtail's database backend neither stems, folds, splits compounds nor knows
synonyms, and does so differently on SQLite (FTS5) and PostgreSQL. So every
searchable page also gets rows of analysed terms (:mod:`search.textanalysis`):
for each language's title and text, each word's stem, its folded surface form
and its compound parts, with a weight (title above summary above body).
The rows are written wherever Wagtail writes its search entries: the portal's
search backend (:mod:`search.backend`) wraps the database backend, so
publishing, the bundle importer's batches and ``manage.py update_index`` keep
them current; deleting a page deletes its rows.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import connections, router, transaction

from core.i18n import language_codes, localized_value, source_language
from core.searchable import SearchablePage, plain

from .models import SearchTerm
from .textanalysis import Analyzer, analyzer

TITLE, SUMMARY, BODY = 4.0, 2.0, 1.0
PART = 0.5  # a compound's part counts half its whole
SURFACE = 0.9  # the unstemmed form: an exact word beats a stem match slightly


def _sources(page: SearchablePage) -> Iterator[tuple[bool, float, str, Analyzer]]:
    """``(in the title, weight, text, analyzer)`` of every language's text of ``page``."""
    fields = page.search_text_fields()
    source = source_language()
    for language in language_codes():
        analyse = analyzer(language)
        yield True, TITLE, localized_value(page, "title", language), analyse
        if "summary" in fields:
            yield False, SUMMARY, localized_value(page, "summary", language), analyse
        if language == source:
            # The model's own text too (steps, a PDF, contact details): read once.
            for part in page.search_body_parts(language):
                yield False, BODY, part, analyse
        else:
            for name in fields:
                if name != "summary":
                    yield False, BODY, plain(localized_value(page, name, language)), analyse


def page_terms(page: SearchablePage) -> dict[str, tuple[float, float]]:
    """``{term: (title weight, text weight)}`` of one page, over every language's text."""
    title: dict[str, float] = defaultdict(float)
    text: dict[str, float] = defaultdict(float)
    for in_title, weight, value, analyse in _sources(page):
        target = title if in_title else text
        for token in analyse.tokens(str(value or "")):
            _add(target, token.stem, weight)
            _add(target, token.surface, weight * SURFACE)
            for part in token.parts:
                _add(target, part, weight * PART)
    return {
        term: (title.get(term, 0.0), text.get(term, 0.0))
        for term in {*title, *text}
        if len(term) <= SearchTerm.MAX_LENGTH
    }


def analysed_text(page: SearchablePage) -> dict[str, str]:
    """The engine's copy of the same analysis: ``{"title": terms, "text": terms}``.

    Every language's text as the space-separated stems, folded forms and
    compound parts that :func:`page_terms` counts, so the engine's
    ``analysed`` fields match exactly what the database search matches, with
    the engine's own scoring (term frequency, rarity, length) on top.
    """
    found: dict[bool, list[str]] = {True: [], False: []}
    for in_title, _weight, value, analyse in _sources(page):
        target = found[in_title]
        for token in analyse.tokens(str(value or "")):
            target.append(token.stem)
            if token.surface != token.stem:
                target.append(token.surface)
            target.extend(token.parts)
    return {"title": " ".join(found[True]), "text": " ".join(found[False])}


def _add(target: dict[str, float], term: str, weight: float) -> None:
    # Repeats add less and less: the first mention counts most.
    target[term] = max(target[term], weight) + (0.1 * weight if term in target else 0.0)


def index_pages(pages: Iterable[object]) -> None:
    """Replace the term rows of ``pages`` (those that are searchable)."""
    pages = [page for page in pages if isinstance(page, SearchablePage)]
    if not pages:
        return
    rows = [
        (page.pk, term, title, text)
        for page in pages
        for term, (title, text) in page_terms(page).items()
    ]
    with transaction.atomic():
        SearchTerm.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        _insert(rows)


def _insert(rows: list[tuple[int, str, float, float]]) -> None:
    """``(page id, term, title, text)`` rows into the table as they are.

    A page has some 180 rows; ``bulk_create`` built a model object for each,
    which took three times as long as the insert itself (docs/PERFORMANCE.md).
    """
    connection = connections[router.db_for_write(SearchTerm)]
    quote = connection.ops.quote_name
    fields = [SearchTerm._meta.get_field(name) for name in ("page", "term", "title", "text")]
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(SearchTerm._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)"  # noqa: S608 (model's names)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def remove_page(page_id: int) -> None:
    SearchTerm.objects.filter(page_id=page_id).delete()
