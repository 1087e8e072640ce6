"""Each page type lives where it belongs in the tree, and nowhere else."""

import pytest
from wagtail.models import Page

from home.models import HomePage
from resources.models import (
    DirectoryPage,
    GuidanceIndexPage,
    GuidancePage,
    NewsIndexPage,
    NewsPage,
    OrganisationPage,
    RoutineIndexPage,
    RoutinePage,
    ThemePage,
)

EXPECTED_PARENTS = {
    HomePage: {Page},
    ThemePage: {HomePage},
    RoutineIndexPage: {HomePage},
    GuidanceIndexPage: {HomePage},
    DirectoryPage: {HomePage},
    NewsIndexPage: {HomePage},
    RoutinePage: {RoutineIndexPage},
    GuidancePage: {GuidanceIndexPage},
    OrganisationPage: {DirectoryPage},
    NewsPage: {NewsIndexPage},
}


@pytest.mark.parametrize("page_type", EXPECTED_PARENTS, ids=lambda cls: cls.__name__)
def test_allowed_parents(page_type):
    """Every page type names exactly the parents it may live under."""
    assert set(page_type.allowed_parent_page_models()) == EXPECTED_PARENTS[page_type]


def test_admin_offers_routines_only_in_the_routine_section(client, tree, admin_user):
    """The admin lets an editor add a routine under Routines, and refuses it under Home."""
    client.force_login(admin_user)
    allowed = client.get(f"/admin/pages/add/resources/routinepage/{tree.routines.pk}/")
    assert allowed.status_code == 200
    refused = client.get(f"/admin/pages/add/resources/routinepage/{tree.home.pk}/")
    # Wagtail sends the editor back to the dashboard with "permission denied".
    assert refused.status_code == 302
    assert refused.url == "/admin/"


def test_sections_are_singletons(tree):
    """A second routine section or directory cannot be created."""
    assert not RoutineIndexPage.can_create_at(tree.home)
    assert not DirectoryPage.can_create_at(tree.home)
    assert ThemePage.can_create_at(tree.home)


def test_sibling_slugs_must_differ_in_every_language(tree):
    """A slug already used by a sibling in any language is refused for that language."""
    from django.core.exceptions import ValidationError

    from tests.factories import RoutinePageFactory

    RoutinePageFactory(parent=tree.routines, slug="forsta", slug_en="first")
    second = RoutinePage(title="Andra", slug="andra", slug_en="first", key="andra")
    with pytest.raises(ValidationError) as excinfo:
        tree.routines.add_child(instance=second)
    assert set(excinfo.value.message_dict) == {"slug_en"}
    untranslated = RoutinePage(title="Tredje", slug="first", key="tredje")
    with pytest.raises(ValidationError) as excinfo:
        tree.routines.add_child(instance=untranslated)
    # Its English URL would fall back to the Swedish slug "first": taken in English.
    assert "slug_en" in excinfo.value.message_dict
