"""Restricted material and the outsiders who must not find it."""

from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from core.access import document_collection
from tests.factories import (
    GuidancePageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    RegionFactory,
    RoutinePageFactory,
    ThemePageFactory,
    UserFactory,
)

# Words that occur only in restricted material.
SECRET_WORDS = [
    "Hemlig sambandsrutin",
    "Zorroboendet",
    "Hemlig jourlinje",
    "Hemlig nyhet",
    "Hemlig vägledning",
    "HEMLIGT-PDF-INNEHÅLL",
]


@dataclass
class RestrictedContent:
    theme_page: object
    region: object
    public_routine: object
    routine: object
    hotline: object
    news: object
    guidance: object
    document: object


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no requests counted against it."""
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture
def restricted_content(tree):
    """One public routine and restricted pages of every type, one with a PDF."""
    theme_page = ThemePageFactory(parent=tree.home, title="Samverkan", slug="samverkan")
    region = RegionFactory(key="vastra", name_sv="Västra Götaland")
    public = RoutinePageFactory(
        parent=tree.routines, title="Öppen rutin", slug="oppen", summary="Öppen sammanfattning."
    )
    routine = RoutinePageFactory(
        parent=tree.routines,
        title="Hemlig sambandsrutin",
        slug="intern-1",
        summary="Hotbedömning inför flytt till Zorroboendet.",
        restricted=True,
    )
    for page in (public, routine):
        page.themes.add(theme_page.theme)
        page.regions.add(region)
        page.save()
    hotline = OrganisationPageFactory(
        parent=tree.directory,
        title="Hemlig jourlinje",
        slug="intern-2",
        open_24h=True,
        restricted=True,
    )
    news = NewsPageFactory(parent=tree.news, title="Hemlig nyhet", slug="intern-3", restricted=True)
    Document = get_document_model()
    document = Document(title="Hemlig plan", collection=document_collection(True))
    document.file.save(
        "intern-plan.pdf", ContentFile(b"%PDF-1.4\nHEMLIGT-PDF-INNEH\xc3\x85LL\n%%EOF\n")
    )
    document.save()
    guidance = GuidancePageFactory(
        parent=tree.guidance,
        title="Hemlig vägledning",
        slug="intern-4",
        document=document,
        restricted=True,
    )
    return RestrictedContent(theme_page, region, public, routine, hotline, news, guidance, document)


@pytest.fixture(params=["anonymous", "logged-in outsider"])
def outsider(request, db):
    """A client for someone who may not read restricted material."""
    client = Client()
    if request.param == "logged-in outsider":
        client.force_login(UserFactory())
    return client


def assert_nothing_secret(text, echo=""):
    """No secret word in ``text`` beyond ``echo``, the visitor's own query shown back."""
    text = text.lower().replace(echo.lower(), "") if echo else text.lower()
    for word in SECRET_WORDS:
        assert word.lower() not in text, f"{word!r} leaked"
