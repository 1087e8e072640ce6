"""Who covers a region, opening hours and how fresh contact details are."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from resources.models import OpeningHours, OrganisationPage, Region
from tests.factories import OrganisationPageFactory, RegionFactory, UserFactory


@pytest.fixture
def regions(db):
    sweden = RegionFactory(key="national", name_sv="Hela Sverige")
    skane = RegionFactory(key="skane", name_sv="Skåne län", within=sweden)
    stockholm = RegionFactory(key="stockholm", name_sv="Stockholms län", within=sweden)
    latvia = RegionFactory(key="latvia", name_sv="Lettland")
    return {"national": sweden, "skane": skane, "stockholm": stockholm, "latvia": latvia}


@pytest.fixture
def hotline(tree, regions):
    page = OrganisationPageFactory(
        parent=tree.directory,
        title="Nationella stödlinjen",
        slug="stodlinjen",
        kind="hotline",
        open_24h=True,
        phone="+46 8 555 020 20",
        verified_on=timezone.localdate(),
    )
    page.regions.set([regions["national"]])
    page.save()  # a ParentalManyToManyField is written on save
    return page


@pytest.fixture
def stockholm_police(tree, regions):
    page = OrganisationPageFactory(
        parent=tree.directory, title="Polisen Stockholm", slug="polisen", open_24h=True
    )
    page.regions.set([regions["stockholm"]])
    page.save()  # a ParentalManyToManyField is written on save
    return page


def test_national_organisation_is_listed_under_skane_with_the_24h_filter(
    client, hotline, stockholm_police
):
    """A worker in Malmö filtering Skåne and 24/7 finds the national support line."""
    html = client.get("/sv/kontakter/?region=skane&open_24h=1").text
    assert "Nationella stödlinjen" in html
    assert "Polisen Stockholm" not in html
    assert "1 organisation" in html


def test_covering_is_the_one_answer_for_a_region(hotline, stockholm_police, regions):
    """``covering`` lists an organisation under its own regions and every region within them."""
    covering_skane = set(OrganisationPage.objects.covering(regions["skane"]))
    assert covering_skane == {hotline}
    covering_stockholm = OrganisationPage.objects.covering(regions["stockholm"].pk)
    assert set(covering_stockholm) == {hotline, stockholm_police}
    # The whole country is not "within" a county: county services stay out of it.
    assert set(OrganisationPage.objects.covering(regions["national"])) == {hotline}
    # Latvia is not part of Sweden, so the Swedish national line does not cover it.
    assert not OrganisationPage.objects.covering(regions["latvia"]).exists()


def test_start_page_urgent_box_shows_national_contacts_for_a_region(client, hotline, regions):
    """The urgent box narrowed to Skåne still shows the national 24/7 line, and links on."""
    html = client.get("/sv/?region=skane").text
    box = html[html.index('class="urgent"') :]
    assert "Nationella stödlinjen" in box
    assert 'href="tel:+46855502020"' in box
    assert "/sv/kontakter/?region=skane&amp;open_24h=1" in box


def test_a_region_cannot_lie_within_itself(regions):
    """Making the country part of one of its counties is refused with a message."""
    sweden = regions["national"]
    sweden.within = regions["skane"]
    with pytest.raises(ValidationError, match="kan inte ligga i sig själv"):
        sweden.full_clean()


def test_directory_entry_shows_kind_hours_phone_and_verified_date(client, tree, regions):
    """Each entry says what the organisation is, when it answers, its number and its check date."""
    office = OrganisationPageFactory(
        parent=tree.directory,
        title="Socialtjänsten Malmö",
        kind="social-services",
        phone="040-34 10 00",
        verified_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    office.regions.set([regions["skane"]])
    office.save()  # a ParentalManyToManyField is written on save
    OpeningHours.objects.create(page=office, first_day=0, last_day=4, opens="08:00", closes="16:30")
    html = client.get("/sv/kontakter/").text
    entry = html[html.index("Socialtjänsten Malmö") :]
    entry = entry[: entry.index("</li>")]
    assert "Socialtjänst" in entry
    assert "måndag–fredag 08:00–16:30" in entry
    assert 'href="tel:040341000"' in entry
    assert "Kontrollerad" in entry


def test_opening_hours_in_the_visitors_language(client, tree):
    """Opening hours read as days and hours in each language; 24/7 says so."""
    office = OrganisationPageFactory(parent=tree.directory, title="Kontoret", slug="kontoret")
    OpeningHours.objects.create(page=office, first_day=0, last_day=4, opens="08:00", closes="16:30")
    OpeningHours.objects.create(page=office, first_day=5, opens="10:00", closes="14:00")
    assert "Monday–Friday 08:00–16:30" in client.get("/en/contacts/kontoret/").text
    assert "lördag 10:00–14:00" in client.get("/sv/kontakter/kontoret/").text
    with translation.override("el"):
        greek = client.get(office.get_url()).text
    assert "Δευτέρα–Παρασκευή 08:00–16:30" in greek


@pytest.mark.parametrize(
    ("verified_days_ago", "expected"),
    [
        (None, "Kontaktuppgifterna är inte kontrollerade"),
        (200, "Senast kontrollerad"),
    ],
)
def test_unverified_or_overdue_contact_carries_a_notice(
    client, tree, editor, verified_days_ago, expected
):
    """Visitors get a quiet notice; editors the clear flag asking them to verify."""
    verified = None
    if verified_days_ago is not None:
        verified = timezone.localdate() - datetime.timedelta(days=verified_days_ago)
    OrganisationPageFactory(
        parent=tree.directory, title="Gammal", slug="gammal", verified_on=verified
    )
    visitor = client.get("/sv/kontakter/gammal/").text
    assert expected in visitor
    if verified is not None:  # the notice writes the date long, as the reader's language does
        with translation.override("sv"):
            assert f"Senast kontrollerad {date_format(verified)};" in visitor
    assert "notice--verify" in visitor
    assert "flag--overdue" not in visitor
    listing = client.get("/sv/kontakter/").text
    assert expected in listing
    client.force_login(editor)
    flagged = client.get("/sv/kontakter/gammal/").text
    assert "flag--overdue" in flagged
    assert "Kontrollera kontaktuppgifterna och markera dem som granskade." in flagged


def test_recently_verified_contact_has_no_notice(client, tree):
    """Details checked last month show their date and no warning."""
    OrganisationPageFactory(
        parent=tree.directory,
        title="Färsk",
        slug="farsk",
        verified_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    html = client.get("/sv/kontakter/farsk/").text
    assert "notice--verify" not in html
    assert "verified--overdue" not in html


def _organisation_form(region, **overrides):
    data = {
        "title_sv": "Mottagningen",
        "slug_sv": "mottagningen",
        "title_en": "The Clinic",
        "slug_en": "the-clinic",
        "kind": "health",
        "phone": "08-123 45 67",
        "description_sv": rich_text("<p>Hälsa.</p>"),
        "opening_hours": inline_formset(
            [{"first_day": "0", "last_day": "3", "opens": "08:00", "closes": "17:00"}]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    # nested_form_data() would number a list's items; a multiple choice repeats one name.
    return {**nested_form_data(data), "regions": [region.pk]}


@pytest.mark.parametrize("admin_language", ["sv", "en"])
def test_editor_enters_opening_hours_and_regions_in_the_admin(
    client, tree, regions, admin_language
):
    """Opening hours and regions saved through the admin form show on the page."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = admin_language
    profile.save()
    client.force_login(admin)
    response = client.post(
        f"/admin/pages/add/resources/organisationpage/{tree.directory.pk}/",
        _organisation_form(regions["skane"]),
    )
    assert response.status_code == 302, response.content[:3000]
    page = OrganisationPage.objects.get(slug_sv="mottagningen")
    assert [(h.first_day, h.last_day) for h in page.opening_hours.all()] == [(0, 3)]
    assert "Monday–Thursday 08:00–17:00" in client.get("/en/contacts/the-clinic/").text
    assert page in OrganisationPage.objects.covering(regions["skane"])


def test_admin_refuses_hours_that_close_before_they_open(client, tree, regions, admin_user):
    """Closing before opening is an error on the form; nothing is created."""
    client.force_login(admin_user)
    form = _organisation_form(
        regions["skane"],
        opening_hours=inline_formset(
            [{"first_day": "0", "last_day": "", "opens": "17:00", "closes": "08:00"}]
        ),
    )
    response = client.post(
        f"/admin/pages/add/resources/organisationpage/{tree.directory.pk}/", form
    )
    assert response.status_code == 200
    assert "Stängningstiden kommer efter öppningstiden." in response.text
    assert not Page.objects.filter(slug="mottagningen").exists()
    assert Region.objects.count() == 4
