"""System checks: the registry of searchable types and the index definitions agree."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from core.i18n import language_codes

from .documents import STORED_KEYS
from .index import analysis_profiles, mapping
from .registry import is_excluded, is_searchable


def page_types_errors(page_models: Iterable[type]) -> list[CheckMessage]:
    """A page model must be searchable or say that it is not; types must not clash."""
    errors = []
    seen = {}
    for model in page_models:
        if is_searchable(model):
            label = model._meta.label
            if seen.setdefault(model.search_type, label) != label:
                errors.append(
                    Error(
                        f"{label} and {seen[model.search_type]} both declare the search "
                        f"type {model.search_type!r}.",
                        obj=model,
                        id="search.E002",
                    )
                )
        elif not is_excluded(model):
            errors.append(
                Error(
                    f"{model._meta.label} is neither searchable nor excluded from search.",
                    hint="Mix in core.searchable.SearchablePage or set searchable = False.",
                    obj=model,
                    id="search.E001",
                )
            )
    return errors


def document_keys_errors(
    keys: Iterable[str], properties: Mapping[str, Any], language: str
) -> list[CheckMessage]:
    """The keys a document carries must be exactly the fields of the index mapping.

    Fields the engine fills itself (``copy_to`` targets) need no key.
    """
    copied = set()
    for definition in properties.values():
        targets = definition.get("copy_to", ())
        copied.update([targets] if isinstance(targets, str) else targets)
    expected = set(properties) - copied
    errors = []
    missing = sorted(expected - set(keys))
    extra = sorted(set(keys) - set(properties))
    if missing:
        errors.append(
            Error(
                f"The {language} index maps {', '.join(missing)} but documents have no such key.",
                id="search.E003",
            )
        )
    if extra:
        errors.append(
            Error(
                f"Documents carry {', '.join(extra)} but the {language} index does not map it.",
                id="search.E004",
            )
        )
    return errors


def analyzer_errors(
    languages: Iterable[str], configured: Mapping[str, str], profiles: Iterable[str]
) -> list[CheckMessage]:
    """Every language has an analysis profile that search/index.py defines."""
    profiles = set(profiles)
    errors = []
    for language in languages:
        profile = configured.get(language)
        if profile is None:
            errors.append(
                Error(
                    f"SEARCH_ANALYZERS has no analysis profile for the language {language!r}.",
                    hint=f"One of: {', '.join(sorted(profiles))}.",
                    id="search.E005",
                )
            )
        elif profile not in profiles:
            errors.append(
                Error(
                    f"SEARCH_ANALYZERS names the profile {profile!r} for {language!r}, "
                    "which search/index.py does not define.",
                    hint=f"One of: {', '.join(sorted(profiles))}.",
                    id="search.E006",
                )
            )
    return errors


def layout_errors(url: str | None, shards: Any, replicas: Any) -> list[CheckMessage]:
    """``SEARCH_URL`` parses as node URLs; shard and replica counts are possible."""
    from .engine import EngineError, node_urls

    errors = []
    if url:
        try:
            node_urls(url)
        except EngineError as exc:
            errors.append(
                Error(str(exc), hint="e.g. http://a:9200,http://b:9200", id="search.E007")
            )
    if not isinstance(shards, int) or shards < 1:
        errors.append(
            Error(f"SEARCH_INDEX_SHARDS must be 1 or more, not {shards!r}.", id="search.E008")
        )
    if replicas is not None and (not isinstance(replicas, int) or replicas < 0):
        errors.append(
            Error(f"SEARCH_INDEX_REPLICAS must be 0 or more, not {replicas!r}.", id="search.E009")
        )
    return errors


@register()
def check_search_layout(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    return layout_errors(
        settings.SEARCH_URL, settings.SEARCH_INDEX_SHARDS, settings.SEARCH_INDEX_REPLICAS
    )


@register(Tags.models)
def check_searchable_types(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    from wagtail.models import get_page_models

    return page_types_errors(get_page_models())


@register()
def check_search_index(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    configured = getattr(settings, "SEARCH_ANALYZERS", {})
    errors = analyzer_errors(language_codes(), configured, analysis_profiles())
    if errors:
        return errors
    for language in language_codes():
        properties = mapping(language).to_dict()["properties"]
        errors.extend(document_keys_errors(STORED_KEYS, properties, language))
    return errors
