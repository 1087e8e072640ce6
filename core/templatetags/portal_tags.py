"""Template helpers: language switcher targets and small formatting filters."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from core.access import visible_pages
from core.i18n import current_language, shown_language

register = template.Library()


def _language_name(code):
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The same page in every language: the switcher's and hreflang's targets."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    active = current_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if page is not None and hasattr(page, "get_url"):
            with translation.override(code):
                url = page.get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        if not url:
            continue
        links.append(
            {
                "code": code,
                "name": _language_name(code),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == active,
            }
        )
    return links


@register.simple_tag
def lang_attr(instance, *fields: str) -> str:
    """`` lang="xx"`` when ``instance``'s ``fields`` fall back to another language.

    Text shown in the page's own language needs no attribute; fallback text
    (an English title on an Italian page) must say its language so that
    screen readers pronounce it right. ``fields`` defaults to the title.
    """
    if instance is None:
        return ""
    language = shown_language(instance, fields or ("title",))
    if language == current_language():
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag(takes_context=True)
def untranslated_label(context, instance, *fields: str) -> str:
    """A visible "not translated" mark on a part of a translated page that falls back.

    A page shown in the visitor's language may still have a step or a summary
    only in English or Swedish; the visitor must see which parts those are.
    A page shown wholly in another language has the page's notice instead.
    """
    if instance is None or context.get("is_fallback"):
        return ""
    language = shown_language(instance, fields or ("title",))
    if language == current_language():
        return ""
    return format_html(
        '<span class="untranslated-label" lang="{}">{}</span>',
        current_language(),
        _("Not translated yet: shown in %(language)s")
        % {"language": get_language_info(language)["name_translated"]},
    )


@register.filter
def language_name(code: str) -> str:
    """A language code as its own speakers write it (``sv`` → ``svenska``)."""
    return _language_name(code)


@register.filter
def language_name_in_current(code: str) -> str:
    """A language code named in the visitor's language (``sv`` → ``Swedish``)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.filter
def is_within(page, section) -> bool:
    """True when ``page`` is ``section`` or one of its descendants."""
    return bool(page) and hasattr(page, "path") and page.path.startswith(section.path)


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list:
    """The pages above the current one, from the start page down, that the visitor may open."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_ancestors"):
        return []
    routed = _routed_ancestors(page, request)
    if routed is not None:
        return routed
    # Depth 1 is the tree's root, which no visitor sees.
    ancestors = page.get_ancestors().filter(depth__gte=2)
    return list(visible_pages(ancestors, request.user).order_by("depth"))


def _routed_ancestors(page, request):
    """The live pages routing passed through to reach an unrestricted ``page``, or None.

    Without a restriction on the page (restrictions apply to every page
    below theirs) its ancestors are open to everyone, so the pages read
    while routing are the breadcrumbs, without another query.
    """
    expected = [page.path[: depth * page.steplen] for depth in range(2, page.depth)]
    if not expected:
        return []
    route = getattr(request, "portal_route", None)
    if route is None or [ancestor.path for ancestor in route[-len(expected) :]] != expected:
        return None
    if page.get_view_restrictions():
        return None
    return [ancestor for ancestor in route[-len(expected) :] if ancestor.live]
