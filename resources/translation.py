"""Field-level translations (django-modeltranslation) for the knowledge base.

Page's own fields (title, slug, seo_title, search_description) are translated
by wagtail-modeltranslation itself.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from core.i18n import source_language

from .models import (
    Audience,
    DirectoryPage,
    GuidanceChangeNote,
    GuidanceIndexPage,
    GuidancePage,
    NewsIndexPage,
    NewsPage,
    OrganisationPage,
    Region,
    RoutineChangeNote,
    RoutineIndexPage,
    RoutinePage,
    RoutineStep,
    Theme,
    ThemePage,
)


@register(Theme)
@register(Region)
@register(Audience)
class TaxonomyTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = (source_language(),)


@register(ThemePage)
@register(RoutineIndexPage)
@register(GuidanceIndexPage)
@register(DirectoryPage)
@register(NewsIndexPage)
class IndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(RoutinePage)
class RoutinePageTranslation(TranslationOptions):
    fields = ("summary",)


@register(RoutineStep)
class RoutineStepTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = (source_language(),)


@register(RoutineChangeNote)
@register(GuidanceChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = (source_language(),)


@register(GuidancePage)
@register(NewsPage)
class GuidancePageTranslation(TranslationOptions):
    fields = ("summary", "body")


@register(OrganisationPage)
class OrganisationPageTranslation(TranslationOptions):
    fields = ("description",)
