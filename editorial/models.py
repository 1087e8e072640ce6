"""Partner organisations, page ownership and translation status."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

# The permission that lifts the owner rule: moderators and administrators.
MANAGE_ALL_PARTNERS = "editorial.manage_all_partner_pages"
EDITOR_GROUP_PREFIX = "Editors: "


class Partner(models.Model):
    """One of the organisations that publish in the portal.

    Its editors are the members of its own group (created with it); together
    with the ``Editors`` group that membership lets them edit the pages the
    partner owns, and only those.
    """

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("Stable identifier: lower-case letters, digits and hyphens. Used by imports."),
    )
    name = models.CharField(_("name"), max_length=120, unique=True)
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="partner",
        editable=False,
        verbose_name=_("editors' group"),
    )

    panels = [FieldPanel("name"), FieldPanel("key")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        permissions = [("manage_all_partner_pages", _("Can edit the pages of every partner"))]

    def __str__(self):
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        group_name = f"{EDITOR_GROUP_PREFIX}{self.name}"
        if self.group_id is None:
            self.group, _created = Group.objects.get_or_create(name=group_name)
        elif self.group.name != group_name:
            self.group.name = group_name
            self.group.save(update_fields=["name"])
        super().save(*args, **kwargs)

    @transaction.atomic
    def delete(self, *args, **kwargs):
        group = self.group
        result = super().delete(*args, **kwargs)
        group.delete()
        return result

    def editors(self):
        """Active members of the partner's group who have an e-mail address."""
        return self.group.user_set.filter(is_active=True).exclude(email="").order_by("username")


class OwnedPageMixin(models.Model):
    """A page a partner owns: only that partner's editors (and moderators) may change it."""

    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("The partner organisation that keeps this page correct and up to date."),
    )

    # The page header names the owner ("From: ...").
    route_related = ("partner",)

    class Meta:
        abstract = True


class TranslationState(models.TextChoices):
    SOURCE = "source", _("Original")
    MISSING = "missing", _("Missing")
    PARTIAL = "partial", _("Partly translated")
    CURRENT = "current", _("Current")
    OUTDATED = "outdated", _("Outdated")


class TranslationStatus(models.Model):
    """How one language of a page relates to its Swedish original, as last published.

    ``fields`` keeps, per tracked field, a digest of this language's text and
    when it last changed; the state and the two dates are derived from it
    and the Swedish row on every publish (see ``editorial.translation_status``).
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="translation_statuses",
        verbose_name=_("page"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    state = models.CharField(_("state"), max_length=10, choices=TranslationState.choices)
    translated_at = models.DateTimeField(_("translation dates from"), null=True, blank=True)
    source_changed_at = models.DateTimeField(_("Swedish text updated"), null=True, blank=True)
    fields = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_status_per_language")
        ]
        indexes = [models.Index(fields=["language", "state"])]

    def __str__(self):
        return f"{self.page_id} {self.language}: {self.state}"
