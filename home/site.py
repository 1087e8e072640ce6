"""The start page: created once, the root of the default site in every language."""

from django.db import transaction
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, Site

from core.site import in_every_language, prepare_tree_root, publish_fixed_page

from .models import HomePage

TITLE = pgettext_lazy("start page title", "E-portal")
SLUG = pgettext_lazy("start page slug", "home")
INTRO = pgettext_lazy(
    "start page introduction",
    "Routines, contacts and guidance for professionals working against human "
    "trafficking: police, prosecutors, social services, the Migration Agency, "
    "shelters and NGOs.",
)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The start page, created in place of Wagtail's welcome page when missing."""
    home = HomePage.objects.first()
    if home is None:
        root = prepare_tree_root()
        welcome = Page.objects.filter(depth=2, content_type__app_label="wagtailcore", numchild=0)
        Site.objects.filter(root_page__in=welcome).delete()
        welcome.delete()
        root.refresh_from_db()
        home = publish_fixed_page(root, HomePage, TITLE, SLUG, **in_every_language(intro=INTRO))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home
