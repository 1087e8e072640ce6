"""What every portal page shares: languages, fallback notice, sitemap entries."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from resources.access import visible_pages
from resources.i18n import current_language, language_codes, shown_language

from .taxonomy import KEY_HELP


class PortalPage(Page):
    """Abstract base of every page type in the portal."""

    # Fields whose language decides which language the page is shown in.
    language_fields = ("title",)

    class Meta:
        abstract = True

    def shown_language(self):
        return shown_language(self, self.language_fields)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shown = self.shown_language()
        context["shown_language"] = shown
        context["is_fallback"] = shown != current_language()
        return context

    def get_sitemap_urls(self, request=None):
        """One entry per language: every page exists in all five."""
        urls = []
        for language in language_codes():
            with translation.override(language):
                location = self.get_full_url(request)
            if location:
                urls.append({"location": location, "lastmod": self.last_published_at})
        return urls

    def visible_children(self, request, model):
        return visible_pages(model.objects.child_of(self), request.user)


class KeyedPageMixin(models.Model):
    """A page with a stable ``key``: its identity across bundle imports."""

    key = models.SlugField(
        _("key"), max_length=100, unique=True, blank=True, help_text=KEY_HELP
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = self._free_key()
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        if not self.key:
            self.key = self._free_key()
        super().full_clean(*args, **kwargs)

    def _free_key(self):
        base = slugify(getattr(self, f"slug_{settings.LANGUAGE_CODE}", None) or self.slug)
        base = (base or type(self).__name__.lower())[:90]
        candidate, number = base, 1
        others = type(self).objects.exclude(pk=self.pk)
        while others.filter(key=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        return candidate


class IndexPage(PortalPage):
    """Abstract base of the section pages that list their children."""

    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        abstract = True
