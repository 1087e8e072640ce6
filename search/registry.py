"""The registry of searchable types, read from the page models themselves.

A page model declares what search needs with :class:`core.searchable.SearchablePage`;
everything here is derived from those declarations, so ``search/`` never names
a page type.
"""

from collections.abc import Iterable

from django.db import models
from wagtail.models import Page, get_page_models

from core.searchable import SearchablePage


def is_searchable(model: type) -> bool:
    """True when ``model`` declares itself searchable."""
    return issubclass(model, SearchablePage) and model.searchable is True


def is_excluded(model: type) -> bool:
    """True when ``model`` says it is not searchable (or is Wagtail's own root type)."""
    return model is Page or getattr(model, "searchable", None) is False


def searchable_models(
    page_models: Iterable[type] | None = None,
) -> list[type[SearchablePage]]:
    """The searchable page models, in their declared order (then by name)."""
    candidates = get_page_models() if page_models is None else page_models
    found = [model for model in candidates if is_searchable(model)]
    return sorted(found, key=lambda model: (model.search_order, model._meta.label_lower))


def search_types() -> tuple[str, ...]:
    """The values of the search API's ``type`` parameter."""
    return tuple(model.search_type for model in searchable_models())


def type_labels() -> dict[str, str]:
    """``{type: label}`` of every searchable type, for templates."""
    return {model.search_type: model.search_label for model in searchable_models()}


def term_model(relation: str) -> type[models.Model] | None:
    """The taxonomy model behind a facet relation (``themes``, ...), if any type has it."""
    for model in searchable_models():
        if relation in model.search_facets:
            return model._meta.get_field(relation).related_model
    return None
