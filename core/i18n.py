"""The portal's languages, all derived from ``settings.LANGUAGES`` and ``LANGUAGE_CODE``.

Nothing else in the project names a language code: the source language is
``settings.LANGUAGE_CODE`` (Swedish), the translations are the other entries
of ``settings.LANGUAGES``, and localized field names are built here.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order


def source_language() -> str:
    """The language every page is written in first; translations follow it."""
    return settings.LANGUAGE_CODE


def language_codes() -> list[str]:
    """Every configured language, the source language first as settings list them."""
    return [code for code, _name in settings.LANGUAGES]


def translation_languages() -> list[str]:
    """The configured languages other than the source language."""
    return [code for code in language_codes() if code != source_language()]


def fallback_languages() -> list[str]:
    """The languages other languages fall back to (the source language among them)."""
    chains = getattr(settings, "MODELTRANSLATION_FALLBACK_LANGUAGES", {})
    used = {code for chain in chains.values() for code in chain} | {source_language()}
    return [code for code in language_codes() if code in used]


def in_source_language():
    """Run a block as if the request were in the source language.

    modeltranslation reads and writes a model's base columns (``title``,
    ``slug``, ...) in the active language; writes under this keep them the
    source language's whatever language the admin is shown in.
    """
    return translation.override(source_language())


def current_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in language_codes() else settings.LANGUAGE_CODE


def localized(field: str, language: str | None = None) -> str:
    """The column of ``field`` in ``language`` (the source language by default)."""
    return build_localized_fieldname(field, language or source_language())


def localized_value(instance, field: str, language: str):
    return getattr(instance, localized(field, language), None)


def source_value(instance, field: str):
    """``field``'s text in the source language."""
    return localized_value(instance, field, source_language())


def has_translations(instance_or_model, field: str) -> bool:
    """True when ``field`` is translated field by field on this model."""
    return hasattr(instance_or_model, localized(field))


def translated(instance, field: str, language: str) -> tuple[str, str]:
    """The field's text a reader of ``language`` sees, and the language it is in."""
    order = resolution_order(language)
    for candidate in order:
        value = localized_value(instance, field, candidate)
        if value:
            return value, candidate
    return "", order[-1]


def shown_language(instance, fields, language: str | None = None) -> str:
    """The language ``instance``'s ``fields`` are shown in for a visitor of ``language``.

    A language counts when every field that has source text also has text in
    it; otherwise the fallback order of the settings applies (English before
    Swedish for Italian, Greek and Latvian readers).
    """
    language = language or current_language()
    wanted = [field for field in fields if source_value(instance, field)]
    for candidate in resolution_order(language):
        if all(localized_value(instance, field, candidate) for field in wanted):
            return candidate
    return source_language()
