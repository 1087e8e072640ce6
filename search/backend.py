"""The portal's Wagtail search backend: Wagtail's database backend plus :mod:`search.terms`.

``WAGTAILSEARCH_BACKENDS`` names this module. It builds the database backend
Wagtail would choose for the connection (SQLite FTS5, PostgreSQL, ...) as a
subclass that also writes the analysed term rows of every page it indexes, so
that every path that indexes a page (a publish, the bundle importer's batches,
``manage.py update_index``) keeps the database search's own index current.
"""

from functools import cache
from typing import Any

from modelsearch.backends.database import SearchBackend as database_backend

from . import terms


@cache
def _with_terms(base: type) -> type:
    class TermIndexingBackend(base):
        def add(self, obj):
            super().add(obj)
            terms.index_pages([obj])

        def add_bulk(self, model, obj_list):
            super().add_bulk(model, obj_list)
            terms.index_pages(obj_list)

        def delete(self, obj):
            super().delete(obj)
            terms.remove_page(obj.pk)

    TermIndexingBackend.__name__ = f"TermIndexing{base.__name__}"
    return TermIndexingBackend


def SearchBackend(params: dict[str, Any]):  # noqa: N802 (the name Wagtail looks up)
    backend = database_backend(params)
    return _with_terms(type(backend))(params)
