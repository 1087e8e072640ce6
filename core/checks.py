"""System checks: the languages every other app derives from settings agree."""

from django.conf import settings
from django.core.checks import Error, register

from .i18n import language_codes, source_language


@register()
def check_languages(app_configs, **kwargs):
    errors = []
    if source_language() not in language_codes():
        errors.append(
            Error(
                f"LANGUAGE_CODE {source_language()!r} is not one of LANGUAGES.",
                id="core.E001",
            )
        )
    default = getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", source_language())
    if default != source_language():
        errors.append(
            Error(
                "MODELTRANSLATION_DEFAULT_LANGUAGE must be LANGUAGE_CODE, the source language.",
                id="core.E002",
            )
        )
    return errors
