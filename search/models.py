"""The outbox, the database search's terms, editors' synonyms and the search statistics."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin

from . import synonym_rules


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


class Synonym(RevisionMixin, models.Model):
    """Terms editors make equivalent, or a one-way rule, applied to the next search.

    An equivalence set ("HVB, hem för vård eller boende") finds the pages of
    every term from any of them; a one-way rule finds, for its term, also the
    pages of the others, not the reverse. The rule holds in one language or
    in all. Searching expands the visitor's query with it (:mod:`search.synonyms`).
    """

    class Kind(models.TextChoices):
        EQUIVALENT = "equivalent", _("Equivalent terms")
        ONE_WAY = "one_way", _("One-way: the term also searches the other terms")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.EQUIVALENT)
    term = models.CharField(
        _("term"),
        # Longer than a term may be, so that the form says why a long one is refused.
        max_length=255,
        blank=True,
        help_text=_("For a one-way rule: the term a visitor types."),
    )
    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Separated by commas or one per line. Equivalent terms: all of them; "
            "a one-way rule: the terms the term also searches."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=synonym_rules.language_choices,
        help_text=_("Leave empty for a rule that holds in every language."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="synonym")

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["term", "terms"]

    def __str__(self):
        terms = ", ".join(self.term_list())
        return f"{self.term} → {terms}" if self.kind == self.Kind.ONE_WAY else terms

    def clean(self):
        super().clean()
        synonym_rules.validate(self.kind == self.Kind.ONE_WAY, self.term, self.terms)

    def term_list(self) -> list[str]:
        return synonym_rules.split_terms(self.terms)


class SearchDay(models.Model):
    """The searches for one normalised query in one language on one day, by one engine.

    Counts only: no address, user, session or time of day is ever stored,
    and queries that look like personal data are not recorded at all
    (:mod:`search.analytics`).
    """

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=8)
    engine = models.CharField(_("engine"), max_length=16)
    query = models.CharField(_("query"), max_length=255)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    empty = models.PositiveIntegerField(_("searches with no result"), default=0)
    results = models.PositiveIntegerField(_("results of the latest search"), default=0)

    class Meta:
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")
        permissions = [("view_search_report", _("Can view the search terms report"))]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "query", "engine"], name="search_day_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "day"], name="search_day_language_day")]

    def __str__(self):
        return f"{self.day} {self.language} {self.query}"


class SearchClickDay(models.Model):
    """Clicks on the result at one position for one query in one language on one day."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=8)
    query = models.CharField(_("query"), max_length=255)
    position = models.PositiveIntegerField(_("position"))
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        verbose_name = _("search click statistic")
        verbose_name_plural = _("search click statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "query", "position"], name="search_click_day_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "day"], name="search_click_language_day")]

    def __str__(self):
        return f"{self.day} {self.language} {self.query} #{self.position}"
