"""Taxonomy snippets: themes, regions and audiences, each with a stable key."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.pages import KEY_HELP


class TaxonomyTerm(index.Indexed, models.Model):
    key = models.SlugField(_("key"), max_length=64, unique=True, help_text=KEY_HELP)
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name"), FieldPanel("key")]
    search_fields = [index.SearchField("name"), index.FilterField("key")]

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self):
        return self.name or self.key


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Region(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
