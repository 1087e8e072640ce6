"""Long listings come in pages of 50: ``?page=N``, links that keep the filters, no 500s."""

import html
import re

import pytest
from django.test import RequestFactory

from core import paging
from resources.models import OrganisationKind
from tests.factories import (
    GuidancePageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    RegionFactory,
    RoutinePageFactory,
    ThemePageFactory,
)

NEXT = re.compile(r'<a href="([^"]*)" rel="next">')
PREVIOUS = re.compile(r'<a href="([^"]*)" rel="prev">')


def link(pattern, text):
    """The unescaped address of the first link ``pattern`` finds, or None."""
    found = pattern.search(text)
    return html.unescape(found.group(1)) if found else None


def contact_names(text):
    return re.findall(
        r'class="contact-card__name"[^>]*>([^<]+)<', text.split('class="directory"')[1]
    )


def item_titles(text, section=None):
    """Titles in the item lists, or only in the section whose heading has id ``section``."""
    if section:
        text = text.split(f'id="{section}"')[1].split("</section>")[0]
    return re.findall(r'class="item-list__item">\s*<a href="[^"]*"[^>]*>([^<]+)<', text)


@pytest.fixture
def contacts(tree):
    """53 public organisations, Kontakt 00 to Kontakt 52: one full page and three more."""
    for number in range(53):
        OrganisationPageFactory(
            parent=tree.directory, title=f"Kontakt {number:02d}", slug=f"kontakt-{number:02d}"
        )
    return tree.directory


@pytest.fixture
def small_pages(tree, monkeypatch):
    """Four organisations, three to a page: where the page size does not matter, quicker."""
    monkeypatch.setattr(paging, "PER_PAGE", 3)
    for number in range(4):
        OrganisationPageFactory(parent=tree.directory, title=f"Kontakt {number}")
    return tree.directory


def test_first_page_shows_fifty_and_a_next_link(client, contacts):
    """Page 1: the first 50 by name, the total in the count, "Page 1 of 2" and a next link."""
    text = client.get("/sv/kontakter/").text
    assert contact_names(text) == [f"Kontakt {number:02d}" for number in range(50)]
    assert "53 organisationer" in text
    assert '<span aria-current="page">Sida 1 av 2</span>' in text
    assert link(NEXT, text) == "/sv/kontakter/?page=2"
    assert link(PREVIOUS, text) is None


def test_second_page_shows_the_rest(client, contacts):
    """Page 2: the last three, the same total, and a previous link to the plain address."""
    text = client.get("/sv/kontakter/?page=2").text
    assert contact_names(text) == ["Kontakt 50", "Kontakt 51", "Kontakt 52"]
    assert "53 organisationer" in text
    assert "Sida 2 av 2" in text
    assert link(PREVIOUS, text) == "/sv/kontakter/"
    assert link(NEXT, text) is None


def test_pagination_is_a_labelled_navigation(client, small_pages):
    """Screen readers find the page links as a navigation landmark named in Swedish."""
    text = client.get("/sv/kontakter/").text
    assert '<nav class="pagination" aria-label="Listans sidor">' in text


def test_a_short_list_has_no_pagination(client, tree):
    """Fifty or fewer fit on one page: no page links at all."""
    OrganisationPageFactory(parent=tree.directory)
    assert 'class="pagination"' not in client.get("/sv/kontakter/").text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("junk", 1),
        ("", 1),
        ("1.5", 1),
        ("0", 2),
        ("-1", 2),
        ("3", 2),
        ("99999999999999999999999999", 2),
        # Digits only to str.isdigit() or int(): superscript two, circled one,
        # Arabic-Indic two, fullwidth two; and more digits than int() will read.
        ("%C2%B2", 1),
        ("\u2460", 1),
        ("\u0662", 1),
        ("\uff12", 1),
        ("9" * 5000, 1),
    ],
)
def test_junk_page_values_show_a_page_not_an_error(client, small_pages, value, shown):
    """Not a whole number shows the first page; a number out of range the last."""
    response = client.get(f"/sv/kontakter/?page={value}")
    assert response.status_code == 200
    assert f"Sida {shown} av 2" in response.text


def test_filters_survive_paging(client, tree):
    """Page links keep region and 24/7, and page 2 still lists only what matches them."""
    stockholm = RegionFactory(key="stockholm")
    for number in range(52):
        organisation = OrganisationPageFactory(
            parent=tree.directory, title=f"Jour {number:02d}", open_24h=True
        )
        organisation.regions.add(stockholm)
        organisation.save()
    OrganisationPageFactory(parent=tree.directory, title="Jour dagtid", open_24h=False)
    OrganisationPageFactory(parent=tree.directory, title="Jour utan län", open_24h=True)

    first = client.get("/sv/kontakter/?region=stockholm&open_24h=1").text
    assert "52 organisationer" in first
    following = link(NEXT, first)
    assert following == "/sv/kontakter/?region=stockholm&open_24h=1&page=2"
    second = client.get(following).text
    assert contact_names(second) == ["Jour 50", "Jour 51"]
    assert "52 organisationer" in second
    assert link(PREVIOUS, second) == "/sv/kontakter/?region=stockholm&open_24h=1"


def test_page_links_escape_what_the_visitor_typed(client, small_pages):
    """Other parameters are carried over encoded, never as markup."""
    text = client.get('/sv/kontakter/?kind="><script>alert(1)</script>').text
    assert "<script>alert(1)" not in text
    assert link(NEXT, text) == (
        "/sv/kontakter/?kind=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&page=2"
    )


def test_restricted_contacts_stay_hidden_on_every_page(client, contacts, professional):
    """Anonymous visitors never meet a restricted contact nor count it; Professionals do."""
    for number in range(3):
        OrganisationPageFactory(parent=contacts, title=f"Hemlig kontakt {number}", restricted=True)

    address, seen = "/sv/kontakter/", []
    while address:
        text = client.get(address).text
        assert "Hemlig" not in text
        assert "53 organisationer" in text
        seen += contact_names(text)
        address = link(NEXT, text)
    assert len(seen) == 53

    client.force_login(professional)
    first = client.get("/sv/kontakter/").text
    assert "56 organisationer" in first
    second = client.get(link(NEXT, first)).text
    assert [name for name in contact_names(first + second) if name.startswith("Hemlig")] == [
        "Hemlig kontakt 0",
        "Hemlig kontakt 1",
        "Hemlig kontakt 2",
    ]


@pytest.mark.parametrize(
    ("factory", "address", "parent"),
    [
        (RoutinePageFactory, "/sv/rutiner/", "routines"),
        (GuidancePageFactory, "/sv/vagledning/", "guidance"),
        (NewsPageFactory, "/sv/nyheter/", "news"),
    ],
)
def test_index_pages_are_paged(client, tree, monkeypatch, factory, address, parent):
    """Routines, guidance and news list a page of items with links to the next and back.

    The page size does not matter here, so three items a page keep the test quick.
    """
    monkeypatch.setattr(paging, "PER_PAGE", 3)
    section = getattr(tree, parent)
    for number in range(4):
        factory(parent=section, title=f"Post {number}", slug=f"post-{number}")
    factory(parent=section, title="Hemlig post", slug="hemlig-post", restricted=True)

    first = client.get(address).text
    assert len(item_titles(first)) == 3
    assert "Sida 1 av 2" in first
    second = client.get(link(NEXT, first)).text
    assert len(item_titles(second)) == 1
    assert sorted(item_titles(first) + item_titles(second)) == [f"Post {n}" for n in range(4)]
    assert "Hemlig" not in first + second
    assert link(PREVIOUS, second) == address


@pytest.fixture
def theme_lists(tree, monkeypatch):
    """A theme with five routines and five guidance documents, three to a page."""
    monkeypatch.setattr(paging, "PER_PAGE", 3)
    theme_page = ThemePageFactory(parent=tree.home, title="Samverkan", slug="samverkan")
    for number in range(5):
        routine = RoutinePageFactory(parent=tree.routines, title=f"Rutin {number}")
        guidance = GuidancePageFactory(parent=tree.guidance, title=f"Vägledning {number}")
        for page in (routine, guidance):
            page.themes.add(theme_page.theme)
            page.save()
    return theme_page


def test_theme_page_lists_page_independently(client, theme_lists):
    """Paging the routines leaves the guidance where it was, and the other way round."""
    text = client.get("/sv/samverkan/?routines_page=2").text
    assert item_titles(text, "routines-heading") == ["Rutin 3", "Rutin 4"]
    assert len(item_titles(text, "guidance-heading")) == 3

    guidance = text.split('id="guidance-heading"')[1]
    following = link(NEXT, guidance)
    assert following == "/sv/samverkan/?routines_page=2&guidance_page=2#guidance-heading"
    text = client.get(following).text
    assert item_titles(text, "routines-heading") == ["Rutin 3", "Rutin 4"]
    assert len(item_titles(text, "guidance-heading")) == 2


def test_every_listing_shows_a_first_page_for_non_ascii_digits(client, tree, theme_lists):
    """Non-ASCII digits ("²", "①", "١", "٢") show the first page of every listing, never a 500."""
    for number in range(4):
        NewsPageFactory(parent=tree.news, title=f"Nyhet {number}")
        OrganisationPageFactory(parent=tree.directory, title=f"Kontakt {number}")
    for address in (
        "/sv/rutiner/?page=",
        "/sv/vagledning/?page=",
        "/sv/nyheter/?page=",
        "/sv/kontakter/?open_24h=0&page=",
        "/sv/samverkan/?routines_page=2&guidance_page=",
        "/sv/samverkan/?guidance_page=2&routines_page=",
    ):
        for value in ("%C2%B2", "\u2460", "\u0661", "\u0662"):
            response = client.get(address + value)
            assert response.status_code == 200, address + value
            assert "Sida 1 av 2" in response.text, address + value


def test_theme_page_names_its_two_paginations(client, theme_lists):
    """Two navigation landmarks on one page need different names."""
    text = client.get("/sv/samverkan/").text
    assert 'aria-label="Rutinlistans sidor"' in text
    assert 'aria-label="Vägledningslistans sidor"' in text


def test_home_shows_five_urgent_contacts_and_a_link_to_the_rest(client, tree):
    """Many 24/7 contacts: the first five, then a link to the directory filtered on 24/7."""
    for number in range(7):
        OrganisationPageFactory(parent=tree.directory, title=f"Jour {number}", open_24h=True)
    box = client.get("/sv/").text.split('class="urgent"')[1].split("</aside>")[0]
    assert re.findall(r">(Jour \d)<", box) == [f"Jour {number}" for number in range(5)]
    assert (
        '<a href="/sv/kontakter/?open_24h=1">Visa alla kontakter med öppet dygnet runt</a>' in box
    )


def test_home_lists_hotlines_before_other_24_hour_contacts(client, tree):
    """A national hotline comes first in the urgent box, whatever its name."""
    for number in range(7):
        OrganisationPageFactory(parent=tree.directory, title=f"Jour {number}", open_24h=True)
    OrganisationPageFactory(
        parent=tree.directory, title="Ö-linjen", open_24h=True, kind=OrganisationKind.HOTLINE
    )
    box = client.get("/sv/").text.split('class="urgent"')[1].split("</aside>")[0]
    assert re.findall(r">(Jour \d|Ö-linjen)<", box) == ["Ö-linjen"] + [
        f"Jour {number}" for number in range(4)
    ]


def test_home_links_to_the_directory_only_when_contacts_are_left_out(client, tree):
    """Five or fewer 24/7 contacts all fit in the box, with no link."""
    for number in range(5):
        OrganisationPageFactory(parent=tree.directory, title=f"Jour {number}", open_24h=True)
    box = client.get("/sv/").text.split('class="urgent"')[1].split("</aside>")[0]
    assert len(re.findall(r">(Jour \d)<", box)) == 5
    assert "?open_24h=1" not in box


def test_paginate_keeps_other_parameters_and_drops_page_one():
    """The first page's address has no ``page``; the others keep every parameter."""
    request = RequestFactory().get("/sv/kontakter/", {"kind": "ngo", "page": "2"})
    listing = paging.paginate(request, list(range(120)))
    assert list(listing.page) == list(range(50, 100))
    assert listing.total == 120
    assert listing.previous_url == "/sv/kontakter/?kind=ngo"
    assert listing.next_url == "/sv/kontakter/?kind=ngo&page=3"
