"""The contact directory's filters."""

import pytest

from tests.factories import OrganisationPageFactory, RegionFactory


@pytest.fixture
def directory(tree):
    stockholm = RegionFactory(key="stockholm", name_sv="Stockholms län")
    skane = RegionFactory(key="skane", name_sv="Skåne")
    police = OrganisationPageFactory(
        parent=tree.directory,
        title="Polisen Stockholm",
        slug="polisen",
        kind="police",
        open_24h=True,
    )
    police.regions.add(stockholm)
    police.save()
    shelter = OrganisationPageFactory(
        parent=tree.directory, title="Skyddsboendet Skåne", slug="boende", kind="shelter"
    )
    shelter.regions.add(skane)
    shelter.save()
    return tree.directory


def names(html):
    return [name for name in ("Polisen Stockholm", "Skyddsboendet Skåne") if name in html]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Polisen Stockholm", "Skyddsboendet Skåne"]),
        ("?region=skane", ["Skyddsboendet Skåne"]),
        ("?kind=police", ["Polisen Stockholm"]),
        ("?open_24h=1", ["Polisen Stockholm"]),
        ("?region=stockholm&kind=shelter", []),
        ("?region=nowhere&kind=bogus", ["Polisen Stockholm", "Skyddsboendet Skåne"]),
    ],
)
def test_directory_filters(client, directory, query, expected):
    """Region, kind and 24/7 narrow the list; unknown values are ignored."""
    response = client.get(f"/sv/kontakter/{query}")
    assert response.status_code == 200
    listing = response.text.split('class="directory"')[1]
    assert names(listing) == expected


def test_home_page_urgent_box_lists_24h(client, directory):
    """The start page's urgent box lists organisations open 24/7 with their phone."""
    html = client.get("/sv/").text
    box = html.split('class="urgent"')[1]
    assert "Polisen Stockholm" in box
    assert "Skyddsboendet Skåne" not in box
    assert 'href="tel:' in box
