"""Bundle extensions of the pages issue: regions within regions, opening hours, key: links."""

import copy
import json
import re

import pytest
from django.utils import translation

from resources.models import OrganisationPage, Region, RoutinePage
from tests.factories import GuidancePageFactory
from tests.resources.test_import_bundle import (
    BUNDLE,
    ROOT,
    failing_import,
    run_import,
    snapshot,
    write_bundle,  # noqa: F401 - a fixture
)


def extended():
    bundle = copy.deepcopy(BUNDLE)
    bundle["taxonomy"]["regions"] = [
        {"key": "skane", "name": {"sv": "Skåne län"}, "within": "national"},
        {"key": "national", "name": {"sv": "Hela Sverige"}},
        {"key": "stockholm", "name": {"sv": "Stockholms län"}, "within": "national"},
    ]
    bundle["organisations"][0]["regions"] = ["national"]
    bundle["organisations"].append(
        {
            "key": "mottagningen",
            "name": {"sv": "Mottagningen"},
            "kind": "health",
            "regions": ["stockholm"],
            "opening_hours": [
                {"days": "mon-fri", "opens": "08:00", "closes": "16:30"},
                {"days": "sat", "opens": "10:00", "closes": "13:00"},
            ],
            "verified_on": "2026-01-15",
        }
    )
    routine = bundle["routines"][0]
    routine["steps"][0]["body"] = {
        "sv": (
            '<p>Läs <a href="key:handbok">handboken</a> och ring '
            '<a href="key:polisen">polisen</a>.</p>'
        ),
        "en": '<p>Read <a href="key:handbok">the handbook</a> first.</p>',
    }
    routine["updates"] = [
        {"date": "2026-03-04", "text": {"sv": "Nytt nummer", "en": "New number"}},
        {"date": "2026-05-01", "text": {"sv": "Länk till handboken"}},
    ]
    # A forward link: the guidance is imported after the routine it links to, and back.
    bundle["guidance"][0]["body"] = {
        "sv": '<p>Se <a href="key:identifiera-offer">rutinen</a>.</p>',
        "en": '<p>See <a href="key:identifiera-offer">the routine</a>.</p>',
    }
    return bundle


def test_regions_within_and_opening_hours_are_imported(write_bundle):  # noqa: F811
    """Counties lie within the country; the national line covers them; hours are rows."""
    run_import(write_bundle(extended()))
    skane = Region.objects.get(key="skane")
    assert skane.within.key == "national"
    assert list(OrganisationPage.objects.covering(skane).values_list("key", flat=True)) == [
        "polisen"
    ]
    clinic = OrganisationPage.objects.get(key="mottagningen")
    rows = [(h.first_day, h.last_day, f"{h.opens:%H:%M}") for h in clinic.opening_hours.all()]
    assert rows == [(0, 4, "08:00"), (5, None, "10:00")]


def test_key_links_become_page_links_in_every_language(write_bundle, client):  # noqa: F811
    """A routine's link to guidance, and the guidance's link back, work in each language."""
    run_import(write_bundle(extended()))
    routine = RoutinePage.objects.get(key="identifiera-offer")
    assert 'linktype="page"' in routine.steps.first().body_sv
    for language in ("sv", "en", "it"):
        with translation.override(language):
            html = client.get(routine.get_url()).text
        links = re.findall(rf'<a href="(/{language}/[^"]+)">(?:handboken|the handbook)', html)
        assert links, f"{language}: no link to the guidance"
        assert client.get(links[0]).status_code == 200
        assert "key:" not in html
    guidance = client.get("/en/guidance/handbok/").text
    assert re.search(r'<a href="/en/routines/identify-victims/">the routine</a>', guidance)


def test_updates_become_change_notes_and_last_updated(write_bundle, client):  # noqa: F811
    """A routine's updates are its change notes; the newest is "Last updated" at the top."""
    run_import(write_bundle(extended()))
    html = client.get("/en/routines/identify-victims/").text
    assert 'Last updated:</dt><dd><time datetime="2026-05-01">1 May 2026</time>' in html
    notes = html[html.index('id="change-notes-heading"') :]
    assert notes.index("Länk till handboken") < notes.index("New number")


def test_reimporting_links_changes_nothing(write_bundle):  # noqa: F811
    """Resolved links compare equal to the bundle's key links: a second import is a no-op."""
    path = write_bundle(extended())
    run_import(path)
    before = snapshot()
    output = run_import(path)
    assert "routines           0 created      0 updated      1 unchanged" in output
    assert "guidance           0 created      0 updated      1 unchanged" in output
    assert "organisations      0 created      0 updated      2 unchanged" in output
    assert snapshot() == before


def test_a_link_may_name_a_page_already_in_the_portal(write_bundle, tree):  # noqa: F811
    """A key: link to a page outside the bundle is resolved from the portal's pages."""
    existing = GuidancePageFactory(parent=tree.guidance, key="befintlig", slug="befintlig")
    bundle = extended()
    bundle["news"][0]["body"] = {"sv": '<p><a href="key:befintlig">Läs</a></p>'}
    run_import(write_bundle(bundle))
    from resources.models import NewsPage

    assert f'id="{existing.pk}"' in NewsPage.objects.get().body_sv


def _broken(mutate):
    bundle = extended()
    mutate(bundle)
    return bundle


BROKEN = [
    (
        lambda b: b["routines"][0]["steps"][0]["body"].update(
            sv='<p><a href="key:saknas">x</a></p>'
        ),
        "$.routines[0].steps[0].body.sv: link to unknown item key 'saknas'",
    ),
    (
        lambda b: b["taxonomy"]["regions"][1].update(within="skane"),
        "$.taxonomy.regions[0].within: region 'skane' would lie within itself",
    ),
    (
        lambda b: b["taxonomy"]["regions"][0].update(within="atlantis"),
        "$.taxonomy.regions[0].within: unknown region key 'atlantis'",
    ),
    (
        lambda b: b["organisations"][1]["opening_hours"][0].update(days="fri-mon"),
        "$.organisations[1].opening_hours[0].days: must be a day or a range like 'mon-fri'",
    ),
    (
        lambda b: b["organisations"][1]["opening_hours"][0].update(closes="07:00"),
        "$.organisations[1].opening_hours[0].closes: must be later than opens",
    ),
    (
        lambda b: b["organisations"][1]["opening_hours"][1].update(opens="25:00"),
        "$.organisations[1].opening_hours[1].opens: must be a time HH:MM",
    ),
    (
        lambda b: b["routines"][0]["updates"][0].update(date="2026-13-01"),
        "$.routines[0].updates[0].date: '2026-13-01' is not a calendar date",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN, ids=[m for _f, m in BROKEN])
def test_bad_extensions_are_errors_and_change_nothing(write_bundle, mutate, message):  # noqa: F811
    """Each mistake names its JSON path and nothing at all is imported."""
    before = snapshot()
    error, details = failing_import(write_bundle(_broken(mutate)))
    assert "nothing was imported" in error
    assert message in details
    assert snapshot() == before


def test_demo_bundle_marks_legal_steps_and_verifies_every_contact():
    """The demo shows every feature: must steps naming a law, verified dates, hours, links."""
    bundle = json.loads((ROOT / "resources/demo/bundle.json").read_text(encoding="utf-8"))
    steps = [step for routine in bundle["routines"] for step in routine["steps"]]
    must = [step for step in steps if step.get("requirement") == "must"]
    assert len(must) >= 8
    laws = ("lagen", "Act", "Code", "LVU", "brottsbalken")
    assert all(any(law in step["body"]["en"] + step["body"]["sv"] for law in laws) for step in must)
    organisations = bundle["organisations"]
    assert all(org.get("verified_on") for org in organisations)
    assert any(org["verified_on"] < "2026-06-01" for org in organisations)
    assert all(org.get("open_24h") or org.get("opening_hours") for org in organisations)
    assert json.dumps(bundle).count('href=\\"key:') >= 8
