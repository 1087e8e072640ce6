"""The header routines and guidance share, after GOV.UK's guidance pages.

Breadcrumbs, the title, "From: <owner>", "Published / Last updated" with a
link to the change notes, and a print link: what a reader needs to judge a
page before acting on it.
"""

from django.utils import timezone

from core.access import visible_pages

from .change_notes import ChangeNotesMixin
from .directory import OrganisationPage

# The owner's page not read yet (None means read, and not listed or not visible).
UNREAD = object()


class PageHeaderMixin(ChangeNotesMixin):
    """A page with an owner (``partner``) and change notes, shown in the shared header."""

    @property
    def published_on(self):
        """The day the page was first published (None for a draft)."""
        if self.first_published_at is None:
            return None
        return timezone.localdate(self.first_published_at)

    def owner_page(self, user):
        """The owner's page in the directory, when the owner is listed there and visible."""
        if self.partner_id is None:
            return None
        # The partner came with the page when routing found it (``route_related``).
        pages = OrganisationPage.objects.filter(key=self.partner.key)
        return visible_pages(pages, user).first()

    def header_context(self, request, owner_page=UNREAD):
        """The header's values; ``owner_page`` (None included) when the caller has read it."""
        notes = self.dated_change_notes()
        if owner_page is UNREAD:
            owner_page = self.owner_page(request.user)
        return {
            "change_notes": notes,
            "owner_page": owner_page,
            "updated_on": notes[0].date if notes else None,
        }
