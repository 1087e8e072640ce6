"""The owner rule: partner editors change only the pages their partner owns.

Wagtail grants page permissions by position in the tree, but routines,
guidance and organisations of every partner share one section each. The rule
is therefore applied on top of Wagtail's, in two places every admin view goes
through:

* :class:`PartnerPagePermissionTester`, returned by every portal page's
  ``permissions_for_user()``: the edit, delete, publish, move, copy, lock,
  privacy and workflow views, the explorer's buttons and the bulk actions ask it;
* :class:`PartnerPagePermissionPolicy`, registered for pages in
  ``EditorialConfig.ready()``: the lists of "pages you can change" behind the
  dashboard panels and the reports.

Superusers and holders of ``editorial.manage_all_partner_pages`` (moderators)
are not bound by it. Everyone else may act only on pages whose ``partner`` is
one of their partners; pages without an owner field (the start page, the
sections, theme pages, news) are left to moderators.
"""

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import MANAGE_ALL_PARTNERS, OwnedPageMixin, Partner

_CACHE = "_editorial_partner_ids"


def manages_all_partners(user):
    """True for users the owner rule does not bind."""
    return bool(user.is_active and (user.is_superuser or user.has_perm(MANAGE_ALL_PARTNERS)))


def partner_ids(user):
    """The pks of the partners ``user`` edits for, cached on the user object."""
    cached = getattr(user, _CACHE, None)
    if cached is None:
        if user.is_anonymous or not user.is_active:
            cached = frozenset()
        else:
            cached = frozenset(
                Partner.objects.filter(group__user=user).values_list("pk", flat=True)
            )
        setattr(user, _CACHE, cached)
    return cached


def is_owned_type(model):
    return isinstance(model, type) and issubclass(model, OwnedPageMixin)


def owned_models():
    """The concrete page models that have an owner."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if is_owned_type(model)]


def may_work_on(user, page):
    """The owner rule for one page (Wagtail's own permissions still apply)."""
    if manages_all_partners(user):
        return True
    if not isinstance(page, OwnedPageMixin):
        return False
    return page.partner_id is not None and page.partner_id in partner_ids(user)


def owned_by(partner_pks):
    """A ``Page`` filter: pages owned by one of ``partner_pks``."""
    condition = Q(pk__in=[])
    for model in owned_models():
        pks = model.objects.filter(partner__in=partner_pks).values("pk")
        condition |= Q(pk__in=pks)
    return condition


class PartnerPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with the owner rule applied to every change."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.unbound = manages_all_partners(user)
        self.within_partner = may_work_on(user, page)

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        if self.unbound:
            return True
        # A partner editor may create only pages that will have an owner.
        return any(
            is_owned_type(model) and model.can_create_at(self.page)
            for model in self.page.specific_class.creatable_subpage_models()
        )

    def can_edit(self):
        return self.within_partner and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.within_partner and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self.within_partner and super().can_unpublish()

    def can_publish(self):
        return self.within_partner and super().can_publish()

    def can_submit_for_moderation(self):
        return self.within_partner and super().can_submit_for_moderation()

    def can_lock(self):
        return self.within_partner and super().can_lock()

    def can_unlock(self):
        return self.user_has_lock() or (self.within_partner and super().can_unlock())

    def can_publish_subpage(self):
        return self.unbound and super().can_publish_subpage()

    def can_reorder_children(self):
        return self.unbound and super().can_reorder_children()


class PartnerPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the owner rule applied to instance checks and lists."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        return may_work_on(user, instance.specific_deferred)

    def explorable_instances(self, user):
        # Browsing is not changing: partner editors see the whole tree and
        # act only on their own pages.
        return PagePermissionPolicy(self.model).explorable_instances(user)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if manages_all_partners(user):
            return pages
        return pages.filter(owned_by(partner_ids(user)))

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        users = super().users_with_any_permission_for_instance(
            actions, instance, include_superusers
        )
        partner_id = getattr(instance.specific_deferred, "partner_id", None)
        unbound = (
            Q(is_superuser=True)
            | Q(groups__permissions__codename=_codename())
            | Q(user_permissions__codename=_codename())
        )
        if partner_id is not None:
            unbound |= Q(groups__partner=partner_id)
        return users.filter(unbound).distinct()


def _codename():
    return MANAGE_ALL_PARTNERS.split(".", 1)[1]


def register_policy():
    """Make the owner rule part of Wagtail's page permission policy."""
    from wagtail.models import AbstractPage
    from wagtail.permissions import register_permission_policy

    register_permission_policy(AbstractPage, PartnerPagePermissionPolicy(Page))
