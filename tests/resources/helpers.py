"""Small helpers for page tests."""

from wagtail.models import PageViewRestriction

from core.access import set_restricted


def restrict(page):
    set_restricted(page, True)
    assert PageViewRestriction.objects.filter(page=page).exists()
    return page
