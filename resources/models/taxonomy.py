"""Taxonomy snippets: themes, regions and audiences, each with a stable key."""

from django.core.exceptions import ValidationError
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
    """A region; one that lies within another is covered by what covers the larger one."""

    within = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_(
            "The larger region this one lies in, e.g. a county in the whole country. "
            "Organisations that cover the larger region are listed under this one too."
        ),
    )

    panels = [*TaxonomyTerm.panels, FieldPanel("within")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def clean(self):
        super().clean()
        if self.pk and self.within_id and self.pk in enclosing_region_ids(self.within_id):
            raise ValidationError({"within": _("A region cannot lie within itself.")})


def enclosing_region_ids(*region_ids, among=None) -> list[int]:
    """The regions ``region_ids`` and those they lie within, innermost first.

    ``among`` is every region, when the caller has read them already;
    otherwise they are read in one query.
    """
    if among is None:
        parents = dict(Region.objects.values_list("pk", "within_id"))
    else:
        parents = {region.pk: region.within_id for region in among}
    ids = []
    for region_id in region_ids:
        while region_id is not None and region_id not in ids:
            ids.append(region_id)
            region_id = parents.get(region_id)
    return ids


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
