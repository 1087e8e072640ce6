"""The admin form of pages that have an owner and a review date."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import manages_all_partners, partner_ids

NO_PARTNER = _(
    "You are not an editor of any partner organisation. "
    "Ask an administrator to add you to your organisation's group."
)
# Review date field -> the field that records who set it.
REVIEW_FIELDS = {"last_reviewed": "last_reviewed_by", "verified_on": "verified_by"}


class OwnedPageForm(WagtailAdminPageForm):
    """Partner editors choose the owner among their own partners, and must choose one.

    Without this an editor could hand a page to another partner (or to nobody,
    which only moderators may edit) and so lose it, or create a page no
    editor can reach.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("partner")
        if field is None or self.for_user is None or manages_all_partners(self.for_user):
            return
        own = partner_ids(self.for_user)
        field.queryset = field.queryset.filter(pk__in=own)
        field.required = True
        if not own:
            field.error_messages["required"] = NO_PARTNER
        elif not self.instance.partner_id and len(own) == 1:
            self.initial["partner"] = next(iter(own))

    def save(self, commit=True):
        for date_field, by_field in REVIEW_FIELDS.items():
            if date_field in self.changed_data and hasattr(self.instance, by_field):
                setattr(self.instance, by_field, self.for_user)
        return super().save(commit=commit)
