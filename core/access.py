"""Who may see restricted material, in one place.

Restricted pages carry a Wagtail view restriction limited to the groups in
``settings.PORTAL_RESTRICTED_GROUPS``. Every listing, box, feed and count goes
through :func:`visible_pages` so that an anonymous visitor never learns that a
restricted page exists.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.db.models.functions import Substr
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_groups() -> list[Group]:
    return list(Group.objects.filter(name__in=settings.PORTAL_RESTRICTED_GROUPS))


def can_see_restricted(user) -> bool:
    """True for superusers and members of a group allowed to read restricted pages."""
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Kept on the user object, which lives as long as the request (as Django's permission cache).
    if not hasattr(user, "_portal_sees_restricted"):
        user._portal_sees_restricted = user.groups.filter(
            name__in=settings.PORTAL_RESTRICTED_GROUPS
        ).exists()
    return user._portal_sees_restricted


def is_editor(user) -> bool:
    """True for users of the admin: they get the clear version of freshness warnings.

    Wagtail's ``access_admin`` permission, given to the user or a group of
    theirs, read in one query (``has_perm`` reads every permission in two)
    and kept on the user object for the request.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_portal_is_editor"):
        user._portal_is_editor = (
            Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        )
    return user._portal_is_editor


def visible_pages(queryset: PageQuerySet, user) -> PageQuerySet:
    """Live pages of ``queryset`` that ``user`` may open, restrictions included.

    Wagtail's ``public()`` and ``not_descendant_of()`` add one condition per
    restriction, which at thousands of restricted items overflows SQLite's
    expression depth and slows PostgreSQL. Here a page is hidden when its
    ancestor (or itself) at the depth of a restriction the user fails is
    restricted: one indexed EXISTS per distinct restricted depth.
    """
    queryset = queryset.live()
    if user is not None and user.is_superuser:
        return queryset
    failing = _failing(user)
    for depth in _restricted_depths(failing, user)["failing"]:
        ancestor_path = Substr(OuterRef("path"), 1, depth * Page.steplen)
        queryset = queryset.exclude(Exists(failing.filter(page__path=ancestor_path)))
    return queryset


def mark_restricted(queryset: PageQuerySet, user) -> PageQuerySet:
    """Annotate ``is_restricted`` for the readers of restricted material.

    Listings label what must not be forwarded; the label is only for those
    allowed to see restricted pages (everyone else is never shown one), so
    for them no annotation is made at all. One EXISTS per restricted depth,
    as in :func:`visible_pages`.
    """
    if not can_see_restricted(user):
        return queryset
    depths = _restricted_depths(_failing(user), user)["all"]
    if not depths:
        return queryset.annotate(is_restricted=Value(False))
    condition = Q()
    for depth in depths:
        ancestor_path = Substr(OuterRef("path"), 1, depth * Page.steplen)
        condition |= Exists(PageViewRestriction.objects.filter(page__path=ancestor_path))
    return queryset.annotate(
        is_restricted=ExpressionWrapper(condition, output_field=BooleanField())
    )


def _failing(user):
    """The view restrictions ``user`` does not pass."""
    failing = PageViewRestriction.objects.all()
    if user is not None and user.is_authenticated:
        # Password-protected pages are never listed: a listing cannot ask for it.
        passing = PageViewRestriction.objects.filter(
            Q(restriction_type=PageViewRestriction.LOGIN)
            | Q(restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all())
        )
        failing = failing.exclude(pk__in=passing.values("pk"))
    return failing


def _restricted_depths(failing, user):
    """``{"all": depths of every restriction, "failing": of those ``user`` fails}``.

    Both in one query, read once per user object: a request's user object
    lives as long as the request, and a page lists visible pages several
    times (its listing, boxes, the menu) and labels restricted ones; as with
    Django's permission cache, a user object kept longer keeps what it read.
    """
    cached = getattr(user, "_portal_restricted_depths", None) if user is not None else None
    if cached is not None:
        return cached
    fails = Exists(failing.filter(pk=OuterRef("pk")))
    depths = {"all": set(), "failing": set()}
    for depth, failed in PageViewRestriction.objects.values_list("page__depth", fails).distinct():
        depths["all"].add(depth)
        if failed:
            depths["failing"].add(depth)
    depths = {name: sorted(found) for name, found in depths.items()}
    if user is not None:
        user._portal_restricted_depths = depths
    return depths


def is_restricted(page: Page) -> bool:
    """True when any view restriction applies to the page or an ancestor."""
    return bool(page.get_view_restrictions())


def set_restricted(page: Page, restricted: bool) -> bool:
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


def document_collection(restricted: bool) -> Collection:
    """The collection a guidance document belongs in: restricted ones are guarded."""
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
