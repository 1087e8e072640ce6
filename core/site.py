"""Fixed pages of the site tree: the start page and the sections under it.

The start page's model lives in a higher app; it provides the page through
the ``ensure_start_page`` Wagtail hook (registered in its ``wagtail_hooks``),
so that code here and in the domain apps can build the tree without
importing it. Titles and slugs of fixed pages come from the gettext
catalogues, one per configured language.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page

from core.i18n import language_codes, localized, source_language

START_PAGE_HOOK = "ensure_start_page"


def ensure_start_page() -> Page:
    """The site's start page, created (and made the default site's root) when missing."""
    factories = hooks.get_hooks(START_PAGE_HOOK)
    if not factories:
        raise ImproperlyConfigured(f"No app registers the {START_PAGE_HOOK!r} hook.")
    return factories[0]()


def in_every_language(**messages) -> dict:
    """Translated field values: ``title=gettext_lazy(...)`` → ``title_<code>`` per language."""
    fields = {}
    for language in language_codes():
        with translation.override(language):
            for field, message in messages.items():
                fields[localized(field, language)] = str(message)
    return fields


def publish_fixed_page(parent: Page, page_class, title, slug, **extra) -> Page:
    """Add and publish a menu page whose title and slug are gettext messages."""
    with translation.override(source_language()):
        page = page_class(
            title=str(title),
            slug=str(slug),
            show_in_menus=True,
            **in_every_language(title=title, slug=slug),
            **extra,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def prepare_tree_root() -> Page:
    """Give the tree's root its translated fields.

    wagtail-modeltranslation adds Page's translated columns after the
    migrations ran, so on a fresh database the root page and Wagtail's welcome
    page have them empty; child URLs are built from the root's ``url_path``.
    """
    call_command("update_translation_fields", "wagtailcore", verbosity=0)
    root = Page.get_first_root_node()
    Page.objects.filter(pk=root.pk).rewrite(False).update(
        **{localized("url_path", language): "/" for language in language_codes()}
    )
    root.refresh_from_db()
    return root
