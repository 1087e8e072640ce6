"""Which language a visitor actually reads when a translation is missing."""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def current_language():
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in language_codes() else settings.LANGUAGE_CODE


def localized_value(instance, field, language):
    return getattr(instance, build_localized_fieldname(field, language), None)


def shown_language(instance, fields, language=None):
    """The language ``instance``'s ``fields`` are shown in for a visitor of ``language``.

    A language counts when every field that has Swedish text also has text in
    it; otherwise the fallback order of the settings applies (English before
    Swedish for Italian, Greek and Latvian readers).
    """
    language = language or current_language()
    wanted = [field for field in fields if localized_value(instance, field, settings.LANGUAGE_CODE)]
    for candidate in resolution_order(language):
        if all(localized_value(instance, field, candidate) for field in wanted):
            return candidate
    return settings.LANGUAGE_CODE
