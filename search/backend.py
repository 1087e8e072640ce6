"""The portal's Wagtail search backend: Wagtail's database backend plus :mod:`search.terms`.

``WAGTAILSEARCH_BACKENDS`` names this module. It builds the database backend
Wagtail would choose for the connection (SQLite FTS5, PostgreSQL, ...) with an
index class that also writes the analysed term rows of every page it indexes.
Every path that indexes a page goes through the index's ``add_items`` or
``delete_item`` (a publish, the bundle importer's batches, ``manage.py
update_index``), so the database search's own index stays current with it.
"""

from functools import cache
from typing import Any

from modelsearch.backends.database import SearchBackend as database_backend

from . import terms


@cache
def _with_terms(index_class: type) -> type:
    class TermIndex(index_class):
        def add_items(self, model, items):
            items = list(items)
            super().add_items(model, items)
            terms.index_pages(items)

        def delete_item(self, item):
            super().delete_item(item)
            terms.remove_page(item.pk)

    TermIndex.__name__ = f"Term{index_class.__name__}"
    return TermIndex


def SearchBackend(params: dict[str, Any]):  # noqa: N802 (the name Wagtail looks up)
    backend = database_backend(params)
    backend.index_class = _with_terms(backend.index_class)
    return backend
