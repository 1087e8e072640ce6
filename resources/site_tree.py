"""The fixed skeleton of the portal: the start page and its sections.

Both ``setup_portal`` and ``import_bundle`` call :func:`ensure_site_tree`, so a
fresh database gets the same tree whichever runs first, and running it again
changes nothing. The start page comes from the app that provides it (the
``ensure_start_page`` hook, see ``core.site``).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from core.site import ensure_start_page, publish_fixed_page

from .models import DirectoryPage, GuidanceIndexPage, NewsIndexPage, RoutineIndexPage

# Title and slug of each section, translated in the gettext catalogues.
SECTION_TEXTS = {
    RoutineIndexPage: (
        pgettext_lazy("section title", "Routines"),
        pgettext_lazy("section slug", "routines"),
    ),
    GuidanceIndexPage: (
        pgettext_lazy("section title", "Guidance"),
        pgettext_lazy("section slug", "guidance"),
    ),
    DirectoryPage: (
        pgettext_lazy("section title", "Contacts"),
        pgettext_lazy("section slug", "contacts"),
    ),
    NewsIndexPage: (
        pgettext_lazy("section title", "News"),
        pgettext_lazy("section slug", "news"),
    ),
}


@dataclass
class SiteTree:
    home: Page
    routines: RoutineIndexPage
    guidance: GuidanceIndexPage
    directory: DirectoryPage
    news: NewsIndexPage


@transaction.atomic
def ensure_site_tree() -> SiteTree:
    """Create whatever part of the start page and sections is missing."""
    home = ensure_start_page()
    sections = {}
    for page_class, (title, slug) in SECTION_TEXTS.items():
        section = page_class.objects.child_of(home).first()
        sections[page_class] = section or publish_fixed_page(home, page_class, title, slug)
    return SiteTree(
        home=home,
        routines=sections[RoutineIndexPage],
        guidance=sections[GuidanceIndexPage],
        directory=sections[DirectoryPage],
        news=sections[NewsIndexPage],
    )
