"""The admin form of pages that have an owner and a review date."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .freshness import review_policy
from .permissions import manages_all_partners, partner_ids

NO_PARTNER = _(
    "You are not an editor of any partner organisation. "
    "Ask an administrator to add you to your organisation's group."
)


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
        policy = review_policy(self.instance)
        if policy is not None and policy.date_field in self.changed_data:
            setattr(self.instance, policy.by_field, self.for_user)
        return super().save(commit=commit)
