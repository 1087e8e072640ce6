"""Every page type renders in at most 12 database queries, however many items it lists or links.

A page whose queries grow with its items (one more per listed page, step,
theme or contact) gets slow as the knowledge base grows; the site below gives
each listing and item page several of everything, so such a page fails here.
"""

import pytest
from django.test import Client
from django.utils import translation

from resources.models import RoutineStep
from tests.factories import (
    AudienceFactory,
    GuidancePageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    PartnerFactory,
    RegionFactory,
    RoutinePageFactory,
    ThemePageFactory,
    UserFactory,
)

MAX_QUERIES = 12
ITEMS = 6


@pytest.fixture
def site(tree):
    """Several published items of each type, each linked to several themes, regions, contacts."""
    partner = PartnerFactory()
    reviewer = UserFactory()
    themes = [ThemePageFactory(parent=tree.home, translated=True) for _ in range(3)]
    regions = [RegionFactory(translated=True) for _ in range(3)]
    audiences = [AudienceFactory(translated=True) for _ in range(2)]
    organisations = [
        OrganisationPageFactory(owned_by=partner, translated=True, open_24h=number % 2 == 0)
        for number in range(ITEMS)
    ]
    items = {"organisations": organisations, "themes": themes}
    for name, factory in (
        ("routines", RoutinePageFactory),
        ("guidance", GuidancePageFactory),
        ("news", NewsPageFactory),
    ):
        pages = []
        for _ in range(ITEMS):
            extra = {"owned_by": partner} if factory is not NewsPageFactory else {}
            if factory is RoutinePageFactory:
                extra.update(steps=4, steps__translated=True, last_reviewed_by=reviewer)
            page = factory(translated=True, **extra)
            page.themes.set(theme.theme for theme in themes)
            page.regions.set(regions)
            page.audiences.set(audiences)
            if factory is RoutinePageFactory:
                page.organisations.set(organisations[:4])
            pages.append(page)
        items[name] = pages
    for organisation in organisations:
        organisation.regions.set(regions)
    for page in [*organisations, *items["routines"], *items["guidance"], *items["news"]]:
        page.save_revision().publish()
    RoutineStep.objects.update(responsible=organisations[0])
    return tree, items


def urls(tree, items, language):
    def first(pages):
        return pages[0].localized.get_url() if language == "sv" else pages[0].get_url()

    return {
        "home": tree.home.url,
        "theme": first(items["themes"]),
        "routine listing": tree.routines.url,
        "routine": first(items["routines"]),
        "guidance listing": tree.guidance.url,
        "guidance": first(items["guidance"]),
        "news listing": tree.news.url,
        "news": first(items["news"]),
        "directory": tree.directory.url,
        "directory, filtered": tree.directory.url + "?open_24h=1",
        "organisation": first(items["organisations"]),
    }


def test_every_page_type_renders_in_few_queries_for_a_visitor(site, django_assert_max_num_queries):
    """An anonymous visitor's listings and item pages stay within 12 queries."""
    visit_every_page(Client(), *site, django_assert_max_num_queries)


def test_every_page_type_renders_in_few_queries_for_a_professional(
    site, shared_cache, django_assert_max_num_queries
):
    """Logged in, as deployed with CACHE_URL (sessions read from Redis): 12 queries at most too."""
    client = Client()
    client.force_login(UserFactory(groups=["Professionals"]))
    visit_every_page(client, *site, django_assert_max_num_queries)


def visit_every_page(client, tree, items, assert_max_queries):
    for page, url in urls(tree, items, "sv").items():
        client.get(url)  # the first visit fills per-process caches (site root paths)
        with assert_max_queries(MAX_QUERIES, info=f"{page}: {url}"):
            response = client.get(url)
        assert response.status_code == 200, url


def test_an_item_page_names_its_themes_regions_and_audiences(tree, client):
    """Each term appears under its own heading, in the page's language, read in one query."""
    routine = RoutinePageFactory()
    theme = ThemePageFactory(parent=tree.home).theme
    region = RegionFactory(name_sv="Skåne", name_en="Scania")
    audience = AudienceFactory(name_sv="Socialsekreterare", name_en="Social workers")
    routine.themes.add(theme)
    routine.regions.add(region)
    routine.audiences.add(audience)
    routine.save_revision().publish()
    terms = routine.taxonomy()
    assert [str(term) for term in terms["themes"]] == [str(theme)]
    assert terms["regions"] == [region]
    assert terms["audiences"] == [audience]
    swedish = client.get(routine.url).text
    assert "Skåne" in swedish
    assert "Socialsekreterare" in swedish
    with translation.override("en"):
        english = client.get(routine.get_url()).text
    assert "Scania" in english
    assert "Social workers" in english
