"""The directory's map of counties: links, counts, the list alternative, the inset abroad."""

import re

import pytest

from resources.contact_map import GEOMETRY, VIEWBOX, contact_map, project
from resources.models import OrganisationPage, Region
from tests.factories import OrganisationPageFactory, RegionFactory, UserFactory, restrict

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(tree):
    made = {
        key: RegionFactory(key=key, name_sv=name)
        for key, name in [
            ("stockholm", "Stockholms län"),
            ("skane", "Skåne län"),
            ("national", "Hela Sverige"),
            ("italy", "Italien"),
        ]
    }
    for title, keys, open_24h in [
        ("Polisen Stockholm", ["stockholm"], True),
        ("Socialjouren Stockholm", ["stockholm"], True),
        ("Kvinnojouren Stockholm", ["stockholm"], False),
        ("Boendet i Malmö", ["skane"], False),
        ("Stödlinjen", ["national"], True),
        ("Associazione Roma", ["italy"], False),
    ]:
        page = OrganisationPageFactory(parent=tree.directory, title=title, open_24h=open_24h)
        page.regions.set([made[key] for key in keys])
        page.save()  # a ParentalManyToManyField is written when its page is saved
    hidden = OrganisationPageFactory(parent=tree.directory, title="Skyddat boende Stockholm")
    hidden.regions.set([made["stockholm"]])
    hidden.save()
    restrict(hidden)
    return made


def county_link(html, key):
    match = re.search(
        rf'<a href="([^"]+)"[^>]*data-region="{key}">\s*<title>([^<]+)</title>.*?'
        rf"<text[^>]*>(\d+)</text>",
        html,
        re.S,
    )
    return match.groups() if match else None


def test_each_county_with_a_region_links_to_the_filtered_directory_with_its_count(
    client, regions, tree
):
    """Stockholm's county links to ?region=stockholm and shows the 3 contacts anyone may see."""
    html = client.get(tree.directory.url).content.decode()
    href, title, count = county_link(html, "stockholm")
    assert href == f"{tree.directory.url}?region=stockholm"
    assert (title, count) == ("Stockholms län: 3 organisationer", "3")
    assert county_link(html, "skane")[2] == "1"
    filtered = client.get(href).content.decode()
    assert "Polisen Stockholm" in filtered and "Boendet i Malmö" not in filtered


def test_counts_include_restricted_contacts_only_for_professionals(client, regions, tree):
    """A logged-in professional's map counts the restricted shelter; an anonymous one not."""
    client.force_login(UserFactory(groups=["Professionals"]))
    html = client.get(tree.directory.url).content.decode()
    assert county_link(html, "stockholm")[2] == "4"


def test_counties_without_a_region_are_drawn_but_not_links(client, regions, tree):
    """All 21 counties are drawn; those the directory has no region for are not links."""
    html = client.get(tree.directory.url).content.decode()
    assert len(re.findall(r'data-region="[a-z-]+"', html)) == 21
    assert 'contact-map__county--empty" d="' in html
    assert "?region=gotland" not in html


def test_the_list_gives_keyboards_and_screen_readers_the_same(client, regions, tree):
    """The map is hidden from assistive technology; the list has every region, count and link."""
    html = client.get(tree.directory.url).content.decode()
    svg = re.search(r"<svg[^>]*>", html).group(0)
    assert 'aria-hidden="true"' in svg
    assert all('tabindex="-1"' in a for a in re.findall(r"<a [^>]*data-region[^>]*>", html))
    listing = html.split('class="contact-map__list"')[1].split("</section>")[0]
    for name in ("Stockholms län", "Skåne län", "Hela Sverige", "Italien"):
        assert f">{name}</a>" in listing
    assert "3 organisationer" in listing
    assert "?region=stockholm&amp;open_24h=1" in listing and "2 öppna dygnet runt" in listing


def test_national_services_and_regions_off_the_map_stay_in_the_list(client, regions, tree):
    """ "Hela Sverige" is noted as covering every region; abroad regions are listed, not drawn."""
    html = client.get(tree.directory.url).content.decode()
    assert "1 nationell tjänst svarar för alla regioner" in html
    assert f'href="{tree.directory.url}?region=national"' in html
    assert "(utomlands eller inte på kartan)" in html


def test_partner_cities_abroad_are_a_labelled_inset(client, regions, tree):
    """Rome, Lecce, Athens and Riga are labelled; those with a region link to it."""
    html = client.get(tree.directory.url).content.decode()
    assert "Partnerstäder utomlands" in html
    for city in ("Roma", "Lecce", "Athína", "Rīga"):
        assert city in html
    assert re.search(r'<a href="[^"]+\?region=italy" tabindex="-1" data-city="rome">', html)
    assert 'data-city="riga"' not in html  # no Latvian region here: a label, not a link


def test_the_drawing_stays_inside_its_frame_and_uses_only_known_points():
    """Every county's outline is made of defined points that project inside the view box."""
    _x, _y, width, height = map(float, VIEWBOX.split())
    assert len(GEOMETRY["counties"]) == 21
    for county in GEOMETRY["counties"]:
        for outline in county["outlines"]:
            assert len(outline) >= 3
            for point in outline:
                lon, lat = GEOMETRY["points"][point] if isinstance(point, str) else point
                x, y = project(lon, lat)
                assert 0 <= x <= width and 0 <= y <= height, county["key"]


def test_counts_come_from_one_function_of_the_visible_organisations(regions):
    """contact_map() counts what it is given: the lead can swap the counting rule in one place."""
    everything = contact_map(Region.objects.all(), OrganisationPage.objects.all())
    stockholm = next(c for c in everything["counties"] if c.key == "stockholm")
    assert (stockholm.count, stockholm.open_24h) == (4, 2)


def test_a_national_service_counts_in_every_county_within_the_country(client, regions, tree):
    """Stödlinjen covers Sweden: each county within it counts it, as the directory filter does."""
    for key in ("stockholm", "skane"):
        regions[key].within = regions["national"]
        regions[key].save()
    html = client.get(tree.directory.url).content.decode()
    assert county_link(html, "stockholm")[2] == "4"
    assert county_link(html, "skane")[2] == "2"
    listed = client.get(tree.directory.url, {"region": "skane"}).content.decode()
    assert "Stödlinjen" in listed and "Boendet i Malmö" in listed
