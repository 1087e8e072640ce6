"""Themes, regions and audiences on routines, guidance and news."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .taxonomy import Audience, Region, Theme


class TaggedPageMixin(models.Model):
    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    regions = ParentalManyToManyField(Region, blank=True, verbose_name=_("regions"))
    audiences = ParentalManyToManyField(Audience, blank=True, verbose_name=_("audiences"))

    taxonomy_panel = MultiFieldPanel(
        [
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
            FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Themes, regions and audiences"),
    )

    class Meta:
        abstract = True
