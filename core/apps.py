from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: base pages, languages, access, paging, security helpers."""

    name = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .pages import PortalPage

        # wagtail-modeltranslation replaces route() and clean() on every
        # translated page model when it starts; put the portal's back.
        for model in _concrete_subclasses(PortalPage):
            model.route = PortalPage.route
            model.clean = PortalPage.clean
            _optional_titles_look_optional(model)


def _optional_titles_look_optional(model):
    """No "Page title*" placeholder on the translated titles: only the source title is required.

    wagtail-modeltranslation gives every language's title the source title's
    panel; the borderless title input still needs a placeholder to be seen.
    """
    from wagtail.admin.panels import TitleFieldPanel

    from .i18n import localized

    def visit(panels):
        for panel in panels:
            if isinstance(panel, TitleFieldPanel) and panel.field_name != localized("title"):
                panel.placeholder = _("Page title (optional)")
            visit(getattr(panel, "children", ()))

    visit(getattr(model, "content_panels", ()))
    model.get_edit_handler.cache_clear()


def _concrete_subclasses(model):
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract:
            yield subclass
        yield from _concrete_subclasses(subclass)
