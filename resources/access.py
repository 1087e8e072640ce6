"""Who may see restricted material, in one place.

Restricted pages carry a Wagtail view restriction limited to the groups in
``settings.PORTAL_RESTRICTED_GROUPS``. Every listing, box, feed and count goes
through :func:`visible_pages` so that an anonymous visitor never learns that a
restricted page exists.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction


def restricted_groups():
    return list(Group.objects.filter(name__in=settings.PORTAL_RESTRICTED_GROUPS))


def can_see_restricted(user):
    """True for superusers and members of a group allowed to read restricted pages."""
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.PORTAL_RESTRICTED_GROUPS).exists()


def _restriction_passes(restriction, user, user_group_ids):
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return any(group.pk in user_group_ids for group in restriction.groups.all())
    # Password-protected pages are never listed: a listing cannot ask for it.
    return False


def visible_pages(queryset, user):
    """Live pages of ``queryset`` that ``user`` may open, restrictions included."""
    queryset = queryset.live()
    if user is not None and user.is_superuser:
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.public()
    user_group_ids = set(user.groups.values_list("pk", flat=True))
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if not _restriction_passes(restriction, user, user_group_ids):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset


def is_restricted(page):
    """True when any view restriction applies to the page or an ancestor."""
    return bool(page.get_view_restrictions())


def set_restricted(page, restricted):
    """Make ``page`` readable only by the restricted groups, or public again.

    Returns True when the page's restriction changed.
    """
    existing = PageViewRestriction.objects.filter(page=page)
    if not restricted:
        if not existing.exists():
            return False
        existing.delete()
        return True
    groups = restricted_groups()
    current = existing.filter(restriction_type=PageViewRestriction.GROUPS).first()
    if current and {g.pk for g in current.groups.all()} == {g.pk for g in groups}:
        return False
    existing.delete()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(groups)
    return True


def document_collection(restricted):
    """The collection a guidance document belongs in: restricted ones are guarded."""
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    if not restricted:
        return root
    collection = root.get_children().filter(name=RESTRICTED_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=RESTRICTED_COLLECTION)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.set(restricted_groups())
    return collection


RESTRICTED_COLLECTION = "Restricted documents"
