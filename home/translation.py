"""Field-level translations of the start page (its title and slug are Page's own)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import HomePage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)
