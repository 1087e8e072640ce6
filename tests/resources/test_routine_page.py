"""What a routine shows: steps, contacts, review status, print styles."""

import datetime
from pathlib import Path

import pytest

from tests.factories import OrganisationPageFactory, RoutinePageFactory, RoutineStepFactory


@pytest.fixture
def routine(tree):
    police = OrganisationPageFactory(
        parent=tree.directory, title="Polisen Stockholm", slug="polisen", phone="+46 8 555 012 34"
    )
    routine = RoutinePageFactory(
        parent=tree.routines,
        title="Anmälan",
        slug="anmalan",
        last_reviewed=datetime.date.today() - datetime.timedelta(days=400),
    )
    RoutineStepFactory(page=routine, title="Ring polisen", responsible=police, requirement="must")
    RoutineStepFactory(page=routine, title="Dokumentera", requirement="should")
    routine.organisations.add(police)
    routine.save()
    return routine


def test_steps_in_order_with_responsible_and_phone(client, routine):
    """Steps are numbered in order; the responsible organisation's phone is a tel: link."""
    html = client.get("/sv/rutiner/anmalan/").text
    assert '<ol class="steps">' in html
    assert html.index("Ring polisen") < html.index("Dokumentera")
    assert 'href="tel:+46855501234"' in html
    assert "step--must" in html and "step--should" in html


def test_overdue_flag_shown_to_editors_only(client, routine, editor):
    """A routine unreviewed for over a year is flagged to editors; visitors see the date."""
    anonymous = client.get("/sv/rutiner/anmalan/").text
    assert "flag--overdue" not in anonymous
    assert routine.last_reviewed.isoformat() in anonymous
    client.force_login(editor)
    assert "flag--overdue" in client.get("/sv/rutiner/anmalan/").text


def test_recently_reviewed_routine_has_no_flag(client, tree, editor):
    """A routine reviewed this year carries no flag, even for editors."""
    RoutinePageFactory(parent=tree.routines, slug="farsk", last_reviewed=datetime.date.today())
    client.force_login(editor)
    assert "flag--overdue" not in client.get("/sv/rutiner/farsk/").text


def test_print_stylesheet_linked(client, routine):
    """Routine pages link a print stylesheet that hides navigation and numbers steps."""
    html = client.get("/sv/rutiner/anmalan/").text
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    css = (Path(__file__).parents[2] / "static/css/print.css").read_text()
    assert ".main-nav" in css and "display: none" in css
    assert "list-style" in css and "decimal" in css
