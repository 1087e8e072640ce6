"""The menu and the breadcrumbs come from the pages routing read, with the same rules as before.

Routing from the start page reads all its sections in one query and keeps
the ones in the visitor's menu; a page with no restriction takes its
breadcrumbs from the pages routing passed through. What a visitor sees
must not change: a restricted section stays out of an anonymous menu, an
unpublished ancestor stays out of the breadcrumbs.
"""

import re

import pytest
from wagtail.models import Page

from core import pages
from core.access import set_restricted
from tests.factories import RoutinePageFactory, ThemePageFactory


def _menu(html):
    nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no main menu"
    return re.findall(r">([^<>]+)</a>", nav.group(1))


def _crumbs(html):
    nav = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no breadcrumbs"
    return re.findall(r">([^<>]+)</a>", nav.group(1))


@pytest.fixture
def restricted_section(tree):
    """A theme section in the menu that only professionals may read."""
    theme = ThemePageFactory(parent=tree.home, title_sv="Skyddat boende internt", published=True)
    theme.show_in_menus = True
    theme.save_revision().publish()
    set_restricted(theme, True)
    return theme


@pytest.mark.parametrize("read_whole", [True, False], ids=["root read whole", "root too big"])
@pytest.mark.django_db
def test_menu_below_the_start_page_hides_a_restricted_section_from_visitors(
    client, tree, restricted_section, professional, monkeypatch, read_whole
):
    """On a routine an anonymous menu leaves the restricted section out; a professional has it.

    The same whether routing read the start page's children (the menu) or,
    for a start page with too many children, the menu is read on its own.
    """
    if not read_whole:
        monkeypatch.setattr(pages, "ROOT_CHILDREN_READ", 0)
    routine = RoutinePageFactory(published=True)
    anonymous = _menu(client.get(routine.url).text)
    assert tree.routines.title in anonymous
    assert restricted_section.title not in anonymous
    # The start page reads its menu itself: the same answer.
    assert restricted_section.title not in _menu(client.get(tree.home.url).text)

    client.force_login(professional)
    assert restricted_section.title in _menu(client.get(routine.url).text)


@pytest.mark.django_db
def test_breadcrumbs_leave_out_an_unpublished_section(client, tree):
    """A live routine under an unpublished section shows the start page only above it."""
    routine = RoutinePageFactory(published=True)
    assert _crumbs(client.get(routine.url).text) == [tree.home.title, tree.routines.title]
    # Wagtail's unpublish takes the pages below along; a section can still end up not live alone.
    Page.objects.filter(pk=tree.routines.pk).update(live=False)
    assert _crumbs(client.get(routine.url).text) == [tree.home.title]


@pytest.mark.django_db
def test_breadcrumbs_of_a_restricted_routine_for_a_professional(client, tree, professional):
    """A restricted routine's breadcrumbs (read the long way) name the same ancestors."""
    routine = RoutinePageFactory(restricted=True, published=True)
    client.force_login(professional)
    assert _crumbs(client.get(routine.url).text) == [tree.home.title, tree.routines.title]


@pytest.mark.django_db
def test_a_page_below_a_restricted_section_stays_closed_to_visitors(client, tree, professional):
    """Routing knows the section's restriction covers the routine: a visitor is sent to log in."""
    routine = RoutinePageFactory(published=True)
    set_restricted(tree.routines, True)
    response = client.get(routine.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    client.force_login(professional)
    assert client.get(routine.url).status_code == 200
