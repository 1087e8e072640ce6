"""The fixed skeleton of the portal: the start page and its sections.

Both ``setup_portal`` and ``import_bundle`` call :func:`ensure_site_tree`, so a
fresh database gets the same tree whichever runs first, and running it again
changes nothing.
"""

from dataclasses import dataclass

from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from wagtail.models import Page, Site

from home.models import HomePage

from .models import DirectoryPage, GuidanceIndexPage, NewsIndexPage, RoutineIndexPage

# Title and slug of each fixed page, per language.
HOME_TEXTS = {
    "sv": ("E-portalen", "hem"),
    "en": ("E-portal", "home"),
    "it": ("E-portale", "home"),
    "el": ("Ηλεκτρονική πύλη", "arxiki"),
    "lv": ("E-portāls", "sakums"),
}
HOME_INTRO = {
    "sv": "Rutiner, kontakter och vägledning för dig som arbetar mot människohandel: "
    "polis, åklagare, socialtjänst, Migrationsverket, skyddade boenden och "
    "ideella organisationer.",
    "en": "Routines, contacts and guidance for professionals working against human "
    "trafficking: police, prosecutors, social services, the Migration Agency, "
    "shelters and NGOs.",
    "it": "Procedure, contatti e linee guida per chi lavora contro la tratta di esseri "
    "umani: polizia, procure, servizi sociali, autorità per la migrazione, case "
    "rifugio e organizzazioni non governative.",
    "el": "Διαδικασίες, επαφές και οδηγίες για όσους εργάζονται κατά της εμπορίας "
    "ανθρώπων: αστυνομία, εισαγγελείς, κοινωνικές υπηρεσίες, υπηρεσία μετανάστευσης, "
    "ξενώνες φιλοξενίας και μη κυβερνητικές οργανώσεις.",
    "lv": "Procedūras, kontakti un vadlīnijas tiem, kas strādā pret cilvēku "
    "tirdzniecību: policijai, prokuroriem, sociālajiem dienestiem, migrācijas "
    "iestādei, patversmēm un nevalstiskajām organizācijām.",
}
SECTION_TEXTS = {
    RoutineIndexPage: {
        "sv": ("Rutiner", "rutiner"),
        "en": ("Routines", "routines"),
        "it": ("Procedure", "procedure"),
        "el": ("Διαδικασίες", "diadikasies"),
        "lv": ("Procedūras", "proceduras"),
    },
    GuidanceIndexPage: {
        "sv": ("Vägledning", "vagledning"),
        "en": ("Guidance", "guidance"),
        "it": ("Linee guida", "linee-guida"),
        "el": ("Οδηγίες", "odigies"),
        "lv": ("Vadlīnijas", "vadlinijas"),
    },
    DirectoryPage: {
        "sv": ("Kontakter", "kontakter"),
        "en": ("Contacts", "contacts"),
        "it": ("Contatti", "contatti"),
        "el": ("Επαφές", "epafes"),
        "lv": ("Kontakti", "kontakti"),
    },
    NewsIndexPage: {
        "sv": ("Nyheter", "nyheter"),
        "en": ("News", "news"),
        "it": ("Notizie", "notizie"),
        "el": ("Νέα", "nea"),
        "lv": ("Jaunumi", "jaunumi"),
    },
}


@dataclass
class SiteTree:
    home: HomePage
    routines: RoutineIndexPage
    guidance: GuidanceIndexPage
    directory: DirectoryPage
    news: NewsIndexPage


def _translated_fields(texts):
    fields = {}
    for language, (title, slug) in texts.items():
        fields[f"title_{language}"] = title
        fields[f"slug_{language}"] = slug
    return fields


def _publish(parent, page_class, texts, **extra):
    with translation.override("sv"):
        title, slug = texts["sv"]
        page = page_class(
            title=title, slug=slug, show_in_menus=True, **_translated_fields(texts), **extra
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def _prepare_root():
    """Give the tree's root its translated fields.

    wagtail-modeltranslation adds Page's translated columns after the
    migrations ran, so on a fresh database the root page and Wagtail's welcome
    page have them empty; child URLs are built from the root's ``url_path``.
    """
    call_command("update_translation_fields", "wagtailcore", verbosity=0)
    root = Page.get_first_root_node()
    Page.objects.filter(pk=root.pk).rewrite(False).update(
        **{f"url_path_{language}": "/" for language in HOME_TEXTS}
    )
    root.refresh_from_db()
    return root


@transaction.atomic
def ensure_site_tree():
    """Create whatever part of the start page and sections is missing."""
    home = HomePage.objects.first()
    if home is None:
        root = _prepare_root()
        # Wagtail's own welcome page makes way for the portal's start page.
        welcome = Page.objects.filter(depth=2, content_type__app_label="wagtailcore", numchild=0)
        Site.objects.filter(root_page__in=welcome).delete()
        welcome.delete()
        root.refresh_from_db()
        intro = {f"intro_{language}": text for language, text in HOME_INTRO.items()}
        home = _publish(root, HomePage, HOME_TEXTS, **intro)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    sections = {}
    for page_class, texts in SECTION_TEXTS.items():
        section = page_class.objects.child_of(home).first()
        sections[page_class] = section or _publish(home, page_class, texts)
    return SiteTree(
        home=home,
        routines=sections[RoutineIndexPage],
        guidance=sections[GuidanceIndexPage],
        directory=sections[DirectoryPage],
        news=sections[NewsIndexPage],
    )
