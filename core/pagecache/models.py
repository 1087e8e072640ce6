"""The content generation: the single row every cached page is keyed by."""

from django.db import models
from django.utils.translation import gettext_lazy as _

ROW_ID = 1


class ContentGeneration(models.Model):
    """A number that every content change increments (see ``generation.bump``)."""

    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("content generation")
        constraints = [models.CheckConstraint(condition=models.Q(id=ROW_ID), name="one_generation")]

    def __str__(self):
        return str(self.number)
