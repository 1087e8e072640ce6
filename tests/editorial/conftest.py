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
    return RoutinePageFactory(
        owned_by=police, title="Polisens rutin", slug="polisens-rutin", published=True
    )


@pytest.fixture
def shelter_routine(tree, shelter):
    return RoutinePageFactory(
        owned_by=shelter, title="Boendets rutin", slug="boendets-rutin", published=True
    )


@pytest.fixture
def italian_translator(db):
    return UserFactory(username="translator-it", groups=["Translators: it"])
