"""Routine and guidance pages a professional can act on: header, contacts first, labels, dates."""

import datetime
import re

import pytest
from django.utils import timezone

from resources.models import GuidanceChangeNote, RoutineChangeNote
from tests.factories import (
    GuidancePageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    PartnerFactory,
    RoutinePageFactory,
    RoutineStepFactory,
)


@pytest.fixture
def partner(db):
    return PartnerFactory(key="polisen", name="Polisen")


@pytest.fixture
def routine(tree, partner):
    police = OrganisationPageFactory(
        parent=tree.directory,
        key="polisen",
        title="Polisen Stockholm",
        slug="polisen",
        phone="+46 8 555 012 34",
    )
    hotline = OrganisationPageFactory(
        parent=tree.directory,
        title="Stödlinjen",
        slug="stodlinjen",
        phone="020-50 50 50",
        open_24h=True,
    )
    routine = RoutinePageFactory(
        parent=tree.routines, title="Anmälan", slug="anmalan", owned_by=partner
    )
    RoutineStepFactory(page=routine, title="Ring 112", responsible=police, requirement="must")
    for number in range(2, 7):
        RoutineStepFactory(page=routine, title=f"Steg {number}")
    routine.organisations.add(police, hotline)
    routine.save()
    return routine


def _position(html, needle):
    assert needle in html, needle
    return html.index(needle)


def test_contacts_aside_comes_before_the_first_step(client, routine):
    """On a phone the numbers to call come right after the summary, 24/7 first, as tel: links."""
    html = client.get("/sv/rutiner/anmalan/").text
    aside = _position(html, '<aside class="page-aside contacts-aside"')
    assert aside < _position(html, '<ol class="steps">')
    contacts = html[aside : html.index("</aside>")]
    assert _position(contacts, "Stödlinjen") < _position(contacts, "Polisen Stockholm</a>")
    assert 'href="tel:020505050"' in contacts
    assert 'href="tel:+46855501234"' in contacts


def test_routine_header_has_breadcrumbs_owner_and_dates(client, routine):
    """Breadcrumbs (a nav with an ordered list), "From: owner", published and reviewed dates."""
    RoutineChangeNote.objects.create(
        page=routine, date=datetime.date(2026, 3, 4), text="Nytt telefonnummer"
    )
    html = client.get("/sv/rutiner/anmalan/").text
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="[^"]+">\s*<ol>(.*?)</ol>', html, re.S)
    assert crumbs, "no breadcrumbs"
    assert re.findall(r'<li><a href="([^"]+)"', crumbs.group(1)) == ["/sv/", "/sv/rutiner/"]
    header = html[html.index('<header class="page-header">') :]
    assert re.search(
        r'Från:</dt><dd><a href="/sv/kontakter/polisen/"[^>]*>Polisen Stockholm', header
    )
    published = timezone.localdate(routine.first_published_at)
    assert f'datetime="{published:%Y-%m-%d}"' in header
    assert 'Senast uppdaterad:</dt><dd><time datetime="2026-03-04">4 mars 2026</time>' in header
    assert 'href="#change-notes-heading"' in header
    assert 'id="change-notes-heading"' in html
    assert "Skriv ut den här sidan" in header
    assert "Senast granskad" in header


def test_guidance_page_has_the_same_header(client, tree, partner):
    """Guidance shows breadcrumbs, its owner as text when not in the directory, and its dates."""
    guidance = GuidancePageFactory(
        parent=tree.guidance,
        slug="handbok",
        owned_by=partner,
        publication_date=datetime.date(2007, 12, 31),
    )
    GuidanceChangeNote.objects.create(page=guidance, date=datetime.date(2026, 5, 1), text="Ny")
    html = client.get("/sv/vagledning/handbok/").text
    assert '<nav class="breadcrumbs"' in html
    assert "Från:</dt><dd>Polisen</dd>" in html
    assert '<time datetime="2007-12-31">31 december 2007</time>' in html
    assert '<time datetime="2026-05-01">1 maj 2026</time> <a href="#change-notes-heading">' in html
    assert "data-print" in html


def test_contents_list_only_when_more_than_five_steps(client, routine, tree):
    """Six steps get a contents list linking to each step; five do not."""
    html = client.get("/sv/rutiner/anmalan/").text
    contents = re.search(r'<nav class="contents"[^>]*>.*?<ol>(.*?)</ol>', html, re.S)
    assert contents
    assert len(re.findall(r'href="#step-\d"', contents.group(1))) == 6
    assert 'id="step-6"' in html
    short = RoutinePageFactory(parent=tree.routines, slug="kort", steps=5)
    assert 'class="contents"' not in client.get(short.url).text


def test_legal_step_says_must(client, routine):
    """A step marked "must" says it is a legal requirement; the others say good practice."""
    html = client.get("/en/routines/anmalan/").text
    must = html[html.index('class="step step--must"') :]
    assert "Must: legal requirement" in must[: must.index("</li>")]
    assert html.count("Should: good practice") == 5


def test_restricted_label_for_professionals_only(client, tree, professional, plain_user):
    """Professionals see "restricted" in listings and on the page; others never see the label."""
    RoutinePageFactory(parent=tree.routines, title="Öppen rutin", slug="oppen")
    RoutinePageFactory(parent=tree.routines, title="Hotbedömning", slug="hot", restricted=True)
    NewsPageFactory(parent=tree.news, title="Intern nyhet", restricted=True)
    client.force_login(professional)
    listing = client.get("/sv/rutiner/").text
    restricted_item = listing[listing.index("Hotbedömning") :]
    assert "badge--restricted" in restricted_item[: restricted_item.index("</li>")]
    open_item = listing[listing.index("Öppen rutin") :]
    assert "badge--restricted" not in open_item[: open_item.index("</li>")]
    assert "badge--restricted" in client.get("/sv/rutiner/hot/").text
    assert "badge--restricted" in client.get("/sv/").text  # the latest news
    assert "badge--restricted" not in client.get("/sv/rutiner/oppen/").text

    for user in (None, plain_user):
        client.logout()
        if user:
            client.force_login(user)
        assert "badge--restricted" not in client.get("/sv/rutiner/").text
        assert "badge--restricted" not in client.get("/sv/").text
        assert client.get("/sv/rutiner/hot/").status_code in (302, 403)


def test_restricted_label_is_printed():
    """The print stylesheet keeps the label visible on paper."""
    from pathlib import Path

    css = (Path(__file__).parents[2] / "static/css/print.css").read_text()
    rule = css[css.index(".badge--restricted {") :]
    assert "display: inline-block !important" in rule[: rule.index("}")]


LONG_DATES = {
    "sv": "31 december 2007",
    "en": "31 December 2007",
    "it": "31 dicembre 2007",
    "el": "31 Δεκεμβρίου 2007",
    "lv": "2007. gada 31. decembris",
}


@pytest.mark.parametrize(("language", "expected"), LONG_DATES.items())
def test_long_dates_in_every_language(client, tree, language, expected):
    """Pages, listings and the feed write the date as the reader's language does."""
    NewsPageFactory(parent=tree.news, slug="nyhet", date=datetime.date(2007, 12, 31))
    news_section = client.get(f"/{language}/").text
    assert expected in news_section  # the start page's latest news
    news_url = re.search(rf'<a href="(/{language}/[^"]+/nyhet[^"]*/)"', news_section)
    page = client.get(news_url.group(1) if news_url else f"/{language}/").text
    assert f'<time datetime="2007-12-31">{expected}</time>' in page
    feed = client.get(f"/{language}/feed/").text
    assert expected in feed


@pytest.mark.parametrize(
    ("language", "confirmation"), [("en", "You are logged out."), ("it", "Sei uscito.")]
)
def test_logout_confirms_in_the_language_being_read(
    client, tree, professional, language, confirmation
):
    """Logging out from an English page says so in English and stays on the English start page."""
    client.force_login(professional)
    response = client.post(f"/{language}/logout/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="sv")
    assert f'<html lang="{language}">' in page.text
    assert confirmation in page.text
    assert "_auth_user_id" not in client.session


def test_freshly_migrated_database_serves_the_start_page_in_every_language(client, db):
    """With migrations alone (no setup_portal), every language has the start page and hreflang."""
    for language in ("sv", "en", "it", "el", "lv"):
        response = client.get(f"/{language}/")
        assert response.status_code == 200
        title = re.search(r"<title>(.*?)</title>", response.text).group(1)
        assert title.split(" – ")[0].strip(), f"{language}: empty title"
        assert len(re.findall(r'<link rel="alternate" hreflang="(\w+)"', response.text)) == 5
    assert "<title>E-portalen – E-portal</title>" in client.get("/sv/").text
