"""Public change notes: "Updates to this page", a date and one line each."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class ChangeNote(Orderable):
    """One line telling readers what changed, entered when publishing a change that matters."""

    date = models.DateField(_("date"), default=datetime.date.today)
    text = models.CharField(
        _("what changed"),
        max_length=255,
        help_text=_("One line for readers, e.g. “New phone number for the social services”."),
    )

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return f"{self.date}: {self.text}"


class ChangeNotesMixin:
    """Pages with change notes: the admin panel and the notes as readers see them."""

    change_notes_panel = InlinePanel(
        "change_notes",
        heading=_("Updates to this page"),
        label=_("Update"),
        help_text=_(
            "When you publish a change readers should know about, add a line here. "
            "It is shown at the foot of the page."
        ),
    )

    def dated_change_notes(self):
        """Newest first; works on drafts (previews) as on saved pages."""
        return sorted(self.change_notes.all(), key=lambda note: note.date, reverse=True)
