"""Values every template needs: the navigation and the start page."""

from wagtail.models import Site

from core.access import visible_pages


def portal(request):
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else None
    navigation = []
    if root is not None:
        navigation = list(visible_pages(root.get_children().in_menu(), request.user).specific())
    return {"portal_root": root, "portal_navigation": navigation}
