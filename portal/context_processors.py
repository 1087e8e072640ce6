"""Values every template needs: the navigation and the start page."""

from wagtail.models import Site

from core.access import visible_pages


def portal(request):
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    navigation = []
    routed = getattr(request, "portal_navigation", None)
    if root is not None and routed is not None and routed[0] == root.pk:
        # Read while routing from the site root to the page below it.
        navigation = routed[1]
    elif root is not None:
        # Plain pages: the menu shows titles and links, which every page has;
        # .specific() would cost one query per section type on every page.
        navigation = list(visible_pages(root.get_children().in_menu(), request.user))
    return {"portal_root": root, "portal_navigation": navigation}
