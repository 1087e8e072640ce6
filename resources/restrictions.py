"""Restricted pages and documents answer like unknown ones wherever Wagtail
would otherwise tell them apart.

The portal restricts by login and group, never by password, so Wagtail's
password routes only ever matter for a password restriction an editor set in
the admin. For anything else they answer 404, exactly as for ids that do not
exist: nobody can count restrictions or learn page ids through them.
"""

from django.http import Http404
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

# Methods that reach the page's serve chain, where Wagtail's own check answers
# a visitor who fails a restriction with the login (or password) page.
_SERVED_METHODS = {"GET", "HEAD", "POST"}


def passes_view_restrictions(page, request):
    """True when ``request`` passes every view restriction of the page and its ancestors."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def hide_restricted_page(page, request, serve_args, serve_kwargs):
    """A ``before_serve_page`` hook that runs before Wagtail's method check.

    Wagtail answers OPTIONS (200 with ``Allow``) and methods a page does not
    accept (405) before it checks view restrictions, while an unknown URL
    answers 404: that told anyone which restricted URLs exist. A visitor who
    may not read the page now gets the 404 of an unknown URL for those.
    """
    if request.method in _SERVED_METHODS:
        return None
    if not passes_view_restrictions(page, request):
        raise Http404
    return None


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page password form, for a live page under a password restriction only.

    Wagtail's own view answers 200 for any existing restriction and any
    existing page, related or not, and 404 otherwise.
    """
    restriction = (
        PageViewRestriction.objects.filter(
            pk=page_view_restriction_id, restriction_type=PageViewRestriction.PASSWORD
        )
        .select_related("page")
        .first()
    )
    page = Page.objects.live().filter(pk=page_id).first()
    if restriction is None or page is None or not page.path.startswith(restriction.page.path):
        raise Http404
    return page_views.authenticate_with_password(request, page_view_restriction_id, page_id)


def authenticate_document_with_password(request, restriction_id):
    """Wagtail's document password form, for a password restriction only."""
    if not CollectionViewRestriction.objects.filter(
        pk=restriction_id, restriction_type=CollectionViewRestriction.PASSWORD
    ).exists():
        raise Http404
    return document_views.authenticate_with_password(request, restriction_id)
