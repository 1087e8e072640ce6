"""The factories' keywords do what their docstring says."""

from core.access import is_restricted
from core.i18n import localized, translation_languages
from editorial.models import TranslationStatus
from resources.models import DirectoryPage, RoutineIndexPage
from tests.factories import OrganisationPageFactory, PartnerFactory, RoutinePageFactory


def test_a_page_goes_under_its_section_and_is_live_without_a_revision(db):
    routine = RoutinePageFactory()
    contact = OrganisationPageFactory()
    assert isinstance(routine.get_parent().specific, RoutineIndexPage)
    assert isinstance(contact.get_parent().specific, DirectoryPage)
    assert routine.live and not routine.revisions.exists()
    assert not is_restricted(routine) and routine.partner is None


def test_published_restricted_owned_and_translated(db):
    """Publishing fires page_published: translation status is recorded for the page."""
    partner = PartnerFactory()
    routine = RoutinePageFactory(
        published=True,
        restricted=True,
        owned_by=partner,
        translated=["en"],
        steps=2,
        steps__translated=["en"],
        title_en="Given",
    )
    assert routine.live_revision_id and routine.revisions.count() == 1
    assert len(routine.latest_revision.content["steps"]) == 2
    assert is_restricted(routine)
    assert routine.partner == partner
    assert routine.title_en == "Given"
    assert routine.summary_en and routine.slug_en
    others = [code for code in translation_languages() if code != "en"]
    assert not any(getattr(routine, localized("summary", code)) for code in others)
    states = dict(TranslationStatus.objects.filter(page=routine).values_list("language", "state"))
    assert states["en"] == "current"
    assert {states[code] for code in others} == {"missing"}
