"""Template tags for what visitors see of the editorial work."""

from django import template

from editorial.translation_status import outdated_translation

register = template.Library()


@register.simple_tag(takes_context=True)
def outdated_translation_status(context):
    """The outdated translation status of the shown page, or None.

    A preview shows a draft, and the notice describes what is published, so a
    preview never gets one.
    """
    page = context.get("page")
    request = context.get("request")
    language = context.get("shown_language")
    if page is None or language is None or getattr(request, "is_preview", False):
        return None
    return outdated_translation(page, language)
