"""The outbox: index changes recorded in the content's own transaction."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexChange(models.Model):
    """A page whose index documents must be brought up to date.

    Written in the same transaction as the content change, so a rolled-back
    change is never indexed; removed once the engine has taken the change.
    Removals and permission changes (``urgent``) are sent first.
    """

    page_id = models.PositiveBigIntegerField(_("page id"), db_index=True)
    urgent = models.BooleanField(_("removal or permission change"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("index change")
        verbose_name_plural = _("index changes")
        ordering = ["-urgent", "pk"]

    def __str__(self):
        return f"page {self.page_id}"


class SearchTerm(models.Model):
    """One analysed term of one page: the database search's index (:mod:`search.terms`)."""

    MAX_LENGTH = 64

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    term = models.CharField(_("term"), max_length=MAX_LENGTH, db_index=True)
    title = models.FloatField(_("weight in the title"), default=0.0)
    text = models.FloatField(_("weight in the text"), default=0.0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["page", "term"], name="search_term_unique_per_page")
        ]

    def __str__(self):
        return self.term
