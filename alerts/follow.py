"""Which pages can be followed, who follows a change, and who may still read it."""

from django.contrib.auth import get_user_model
from wagtail.models import Page

from core.access import visible_pages
from resources.models import (
    GuidancePage,
    NewsIndexPage,
    NewsPage,
    OrganisationPage,
    RoutinePage,
    ThemePage,
)

FOLLOWABLE = (RoutinePage, GuidancePage, OrganisationPage, ThemePage, NewsIndexPage)
# Items a theme subscription covers: those tagged with the theme.
THEMED = (RoutinePage, GuidancePage, NewsPage)


def is_followable(page):
    return isinstance(page, FOLLOWABLE)


def followed_through(page):
    """Ids of the pages whose followers hear about a change to ``page``."""
    ids = [page.pk]
    if isinstance(page, THEMED):
        ids += ThemePage.objects.filter(theme__in=page.themes.all()).values_list("pk", flat=True)
    if isinstance(page, NewsPage):
        ids += NewsIndexPage.objects.filter(pk=page.get_parent().pk).values_list("pk", flat=True)
    return ids


def visible_ids(page_ids, user):
    """The ids among ``page_ids`` that ``user`` (None: anyone) may read now."""
    pages = visible_pages(Page.objects.filter(pk__in=page_ids), user)
    return set(pages.values_list("pk", flat=True))


def may_follow(page, user):
    """A page can be followed by whoever may read it; restricted ones only when logged in."""
    reader = user if user is not None and user.is_authenticated else None
    return page.pk in visible_ids([page.pk], reader)


def reader_of(subscriber):
    """The account that vouches for a subscriber's access, or None (public pages only)."""
    if subscriber.user_id is None:
        return None
    return get_user_model().objects.filter(pk=subscriber.user_id, is_active=True).first()
