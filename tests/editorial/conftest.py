"""Two partners with an editor each, a moderator, and a routine per partner."""

import pytest

from tests.factories import PartnerFactory, RoutinePageFactory, UserFactory


@pytest.fixture
def police(db):
    return PartnerFactory(key="polisen", name="Polisen")


@pytest.fixture
def shelter(db):
    return PartnerFactory(key="skyddat-boende", name="Skyddat boende")


@pytest.fixture
def police_editor(police):
    return UserFactory(username="police-editor", groups=["Editors", police.group.name])


@pytest.fixture
def shelter_editor(shelter):
    return UserFactory(username="shelter-editor", groups=["Editors", shelter.group.name])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def police_routine(tree, police):
    return published(
        RoutinePageFactory(
            parent=tree.routines, partner=police, title="Polisens rutin", slug="polisens-rutin"
        )
    )


@pytest.fixture
def shelter_routine(tree, shelter):
    return published(
        RoutinePageFactory(
            parent=tree.routines,
            partner=shelter,
            title="Boendets rutin",
            slug="boendets-rutin",
        )
    )


def published(page):
    """Publish a revision, as the admin does (revisions, log entries, signals)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
