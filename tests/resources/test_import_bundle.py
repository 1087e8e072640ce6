"""`import_bundle`: validation, idempotence, updates, sanitising, documents, restrictions."""

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published
from wagtail.users.models import UserProfile

from core.access import is_restricted
from resources.models import GuidancePage, OrganisationPage, RoutinePage, Theme, ThemePage
from tests.factories import GuidancePageFactory, RoutinePageFactory

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

BUNDLE = {
    "format": "portal-bundle/1",
    "taxonomy": {
        "themes": [
            {"key": "cooperation", "name": {"sv": "Myndighetssamverkan", "en": "Cooperation"}}
        ],
        "regions": [{"key": "stockholm", "name": {"sv": "Stockholms län"}}],
        "audiences": [{"key": "police", "name": {"sv": "Polis", "en": "Police"}}],
    },
    "organisations": [
        {
            "key": "polisen",
            "name": {"sv": "Polisen Stockholm", "en": "Stockholm Police"},
            "kind": "police",
            "regions": ["stockholm"],
            "phone": "+46 8 555 010 00",
            "open_24h": True,
            "languages": ["sv", "en"],
            "description": {"sv": "<p>Ring dygnet runt.</p>"},
        }
    ],
    "routines": [
        {
            "key": "identifiera-offer",
            "title": {"sv": "Identifiera offer", "en": "Identify victims"},
            "summary": {"sv": "Första mötet.", "en": "The first meeting."},
            "steps": [
                {
                    "title": {"sv": "Ring polisen"},
                    "body": {"sv": "<p>Genast.</p>"},
                    "responsible": "polisen",
                },
                {
                    "title": {"sv": "Dokumentera"},
                    "body": {"sv": "<p>Skriv ner.</p>"},
                    "requirement": "must",
                },
            ],
            "themes": ["cooperation"],
            "regions": ["stockholm"],
            "audiences": ["police"],
            "organisations": ["polisen"],
            "restricted": False,
            "last_reviewed": "2025-09-01",
        }
    ],
    "guidance": [
        {
            "key": "handbok",
            "title": {"sv": "Handbok"},
            "summary": {"sv": "Om handboken."},
            "body": {"sv": "<p>Text.</p>"},
            "themes": [],
            "regions": [],
            "audiences": [],
            "published": "2025-05-31",
            "document": "files/handbok.pdf",
            "restricted": False,
        }
    ],
    "news": [
        {
            "key": "start",
            "title": {"sv": "Projektet startar"},
            "summary": {"sv": "Start."},
            "body": {"sv": "<p>Nu börjar vi.</p>"},
            "date": "2005-06-08",
        }
    ],
}


@pytest.fixture
def write_bundle(tmp_path, db):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "handbok.pdf").write_bytes(PDF)

    def write(bundle=None, name="bundle.json"):
        path = tmp_path / name
        path.write_text(json.dumps(bundle if bundle is not None else BUNDLE), encoding="utf-8")
        return path

    return write


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_bundle", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def failing_import(path):
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_bundle", str(path), stdout=io.StringIO(), stderr=err)
    return str(excinfo.value), err.getvalue()


def snapshot():
    return (Page.objects.count(), Revision.objects.count(), Theme.objects.count())


def changed(mutate):
    bundle = copy.deepcopy(BUNDLE)
    mutate(bundle)
    return bundle


INVALID = [
    (
        "unknown key",
        lambda b: b["routines"][0].update(colour="red"),
        "$.routines[0].colour: unknown key",
    ),
    (
        "missing sv",
        lambda b: b["routines"][0].update(title={"en": "Only English"}),
        "$.routines[0].title.sv: Swedish text is required",
    ),
    (
        "unknown organisation",
        lambda b: b["routines"][0]["steps"][0].update(responsible="nobody"),
        "$.routines[0].steps[0].responsible: unknown organisation key 'nobody'",
    ),
    (
        "unknown theme",
        lambda b: b["routines"][0].update(themes=["nothing"]),
        "$.routines[0].themes[0]: unknown theme key 'nothing'",
    ),
    (
        "unknown region",
        lambda b: b["organisations"][0].update(regions=["mars"]),
        "$.organisations[0].regions[0]: unknown region key 'mars'",
    ),
    (
        "unknown audience",
        lambda b: b["routines"][0].update(audiences=["cats"]),
        "$.routines[0].audiences[0]: unknown audience key 'cats'",
    ),
    (
        "bad date",
        lambda b: b["routines"][0].update(last_reviewed="2025-02-30"),
        "$.routines[0].last_reviewed: '2025-02-30' is not a calendar date",
    ),
    (
        "date format",
        lambda b: b["news"][0].update(date="8 June 2005"),
        "$.news[0].date: must be a date YYYY-MM-DD",
    ),
    (
        "bad kind",
        lambda b: b["organisations"][0].update(kind="army"),
        "$.organisations[0].kind: unknown kind 'army'",
    ),
    (
        "duplicate key",
        lambda b: b["news"].append(copy.deepcopy(b["news"][0])),
        "$.news[1].key: duplicate key 'start'",
    ),
    (
        "bad key",
        lambda b: b["news"][0].update(key="Start Here"),
        "$.news[0].key: a key is lower-case letters, digits and '-'",
    ),
    (
        "missing pdf",
        lambda b: b["guidance"][0].update(document="files/missing.pdf"),
        "$.guidance[0].document: file not found: files/missing.pdf",
    ),
    (
        "outside folder",
        lambda b: b["guidance"][0].update(document="../etc/passwd"),
        "$.guidance[0].document: must be a path inside the bundle's folder",
    ),
    (
        "wrong format",
        lambda b: b.update(format="portal-bundle/2"),
        "$.format: must be 'portal-bundle/1'",
    ),
    (
        "bad email",
        lambda b: b["organisations"][0].update(email="not-an-address"),
        "$.organisations[0].email: is not an e-mail address",
    ),
]


@pytest.mark.parametrize(("rule", "mutate", "message"), INVALID, ids=[i[0] for i in INVALID])
def test_each_validation_rule_reports_its_path_and_changes_nothing(
    write_bundle, rule, mutate, message
):
    """A bundle breaking one rule is refused with the JSON path, and the site is unchanged."""
    run_import(write_bundle())
    before = snapshot()
    summary, errors = failing_import(write_bundle(changed(mutate), name="bad.json"))
    assert message in errors
    assert "nothing was imported" in summary
    assert snapshot() == before


def test_all_problems_reported_at_once(write_bundle, db):
    """Every problem is listed, not just the first."""

    def mutate(bundle):
        bundle["organisations"][0]["kind"] = "army"
        bundle["news"][0]["date"] = "yesterday"

    _summary, errors = failing_import(write_bundle(changed(mutate)))
    assert "$.organisations[0].kind" in errors
    assert "$.news[0].date" in errors
    assert not Page.objects.filter(depth__gt=2).exists()


def test_not_a_pdf_and_too_large(write_bundle, tmp_path):
    """A document that is not a PDF, or over 50 MB, is an error."""
    (tmp_path / "files" / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    big = tmp_path / "files" / "big.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(50 * 1024 * 1024 + 1)
    _s, errors = failing_import(
        write_bundle(changed(lambda b: b["guidance"][0].update(document="files/fake.pdf")))
    )
    assert "files/fake.pdf is not a PDF" in errors
    _s, errors = failing_import(
        write_bundle(changed(lambda b: b["guidance"][0].update(document="files/big.pdf")))
    )
    assert "files/big.pdf is over 50 MB" in errors


def test_invalid_json_is_a_clear_error(tmp_path, db):
    """Broken JSON names the line and column."""
    path = tmp_path / "broken.json"
    path.write_text('{"format": "portal-bundle/1",\n  "news": [}', encoding="utf-8")
    with pytest.raises(CommandError, match="invalid JSON at line 2"):
        call_command("import_bundle", str(path), stdout=io.StringIO())


def test_import_creates_pages_in_the_tree(write_bundle, client):
    """Items land under their sections, published, with a revision, in every language given."""
    output = run_import(write_bundle())
    assert "routines           1 created" in output
    routine = RoutinePage.objects.get(key="identifiera-offer")
    assert routine.live and routine.live_revision_id is not None
    assert routine.get_parent().specific_class.__name__ == "RoutineIndexPage"
    assert [s.title_sv for s in routine.steps.all()] == ["Ring polisen", "Dokumentera"]
    assert routine.steps.all()[0].responsible.key == "polisen"
    assert routine.steps.all()[1].requirement == "must"
    assert ThemePage.objects.get(theme__key="cooperation").live
    assert "Ring polisen" in client.get("/sv/rutiner/identifiera-offer/").text
    assert "The first meeting." in client.get("/en/routines/identify-victims/").text
    assert "Stockholm Police" in client.get("/en/contacts/stockholm-police/").text


def _publication(page):
    """What publishing left on ``page``: its flags, revisions, log and translation statuses."""
    page.refresh_from_db()
    revision = page.live_revision
    return {
        "live": page.live,
        "unpublished changes": page.has_unpublished_changes,
        "revisions": page.revisions.count(),
        "live is latest": page.live_revision_id == page.latest_revision_id,
        "published dates": bool(page.first_published_at and page.last_published_at),
        "revision dated": page.latest_revision_created_at == revision.created_at,
        "draft title": page.draft_title == page.title,
        "log": sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)),
        "publish log names revision": PageLogEntry.objects.filter(
            page=page, action="wagtail.publish", revision=revision
        ).exists(),
        "translation statuses": sorted(
            page.translation_statuses.values_list("language", flat=True)
        ),
    }


def test_a_created_item_is_published_as_wagtail_publishes_a_new_page(
    write_bundle, admin_user, client
):
    """An imported routine has what Wagtail's add, save and publish leave on a new page.

    One revision that is both live and latest and holds the page's content
    (titles, slugs and URL paths in every language, its steps), the publish
    log entry, the translation statuses that ``page_published`` records, and
    an admin history that shows that revision published and live.
    """
    announced = []

    def listener(sender, instance, **kwargs):
        announced.append(instance.pk)

    page_published.connect(listener, weak=False, dispatch_uid="test-import-published")
    try:
        run_import(write_bundle())
    finally:
        page_published.disconnect(dispatch_uid="test-import-published")
    routine = RoutinePage.objects.get(key="identifiera-offer")
    reference = RoutinePageFactory(parent=routine.get_parent(), translated=["en"], published=True)

    assert _publication(routine) == _publication(reference)
    assert announced.count(routine.pk) == 1
    stored = routine.live_revision.as_object()
    for language in ("sv", "en", "it", "el", "lv"):
        for field in ("title", "slug", "url_path"):
            name = f"{field}_{language}"
            assert getattr(stored, name) == getattr(routine, name), name
    assert [step.title_sv for step in stored.steps.all()] == ["Ring polisen", "Dokumentera"]
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    history = " ".join(client.get(f"/admin/pages/{routine.pk}/history/").text.split())
    assert 'Published <span class="w-status w-status--primary"> Live version </span>' in history
    assert client.get(f"/admin/pages/{routine.pk}/edit/").status_code == 200


def test_reimport_is_idempotent(write_bundle):
    """Importing the same bundle twice creates nothing and writes no revision."""
    path = write_bundle()
    run_import(path)
    before = snapshot()
    output = run_import(path)
    assert snapshot() == before
    assert "routines           0 created      0 updated      1 unchanged" in output


def test_changed_item_is_updated_and_others_left_alone(write_bundle):
    """A changed routine gets a new published revision; untouched items keep theirs."""
    run_import(write_bundle())
    routine = RoutinePage.objects.get(key="identifiera-offer")
    news_revision = Page.objects.get(slug_sv="start").live_revision_id
    GuidancePageFactory(title="Manuell", slug="manuell", key="manuell")

    bundle = changed(lambda b: b["routines"][0]["summary"].update(en="A new first meeting."))
    output = run_import(write_bundle(bundle))

    routine.refresh_from_db()
    assert routine.summary_en == "A new first meeting."
    assert routine.revisions.count() == 2
    assert "routines           0 created      1 updated" in output
    assert Page.objects.get(slug_sv="start").live_revision_id == news_revision
    assert GuidancePage.objects.filter(key="manuell").exists()


def test_html_is_sanitised(write_bundle, client):
    """Scripts, event attributes and javascript: links never reach a page."""

    def mutate(bundle):
        bundle["news"][0]["body"]["sv"] = (
            '<p onclick="steal()">Hej<script>alert(1)</script></p>'
            '<a href="javascript:alert(2)">klick</a><a href="https://example.se">ok</a>'
            "<div><style>p{}</style><span>kvar</span></div>"
        )

    output = run_import(write_bundle(changed(mutate)))
    assert "warning: $.news[0].body.sv: <script> is not allowed; it is removed" in output
    html = client.get("/sv/nyheter/start/").text
    body = html.split('class="rich-text"')[1].split("</div>")[0]
    for bad in ("<script", "alert(1)", "onclick", "javascript:", "<style", "<div", "<span"):
        assert bad not in body
    assert '<a href="https://example.se">ok</a>' in body
    assert "kvar" in body


def test_strict_refuses_disallowed_html(write_bundle):
    """With --strict, markup outside the subset is an error."""
    bundle = changed(lambda b: b["news"][0]["body"].update(sv="<p>x<script>y</script></p>"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_bundle", str(write_bundle(bundle)), "--strict", stdout=err, stderr=err)
    assert "$.news[0].body.sv: <script> is not allowed" in err.getvalue()


def test_pdf_becomes_an_attached_document(write_bundle, client):
    """The PDF is a Wagtail document on the guidance page, linked with its size."""
    run_import(write_bundle())
    guidance = GuidancePage.objects.get(key="handbok")
    assert guidance.document.file_extension == "pdf"
    html = client.get("/sv/vagledning/handbok/").text
    assert guidance.document.url in html
    assert "PDF" in html
    assert client.get(guidance.document.url).status_code == 200


def test_restricted_items_become_restricted_pages(write_bundle, client):
    """restricted: true makes a restricted page and guards its document."""

    def mutate(bundle):
        bundle["routines"][0]["restricted"] = True
        bundle["guidance"][0]["restricted"] = True

    run_import(write_bundle(changed(mutate)))
    routine = RoutinePage.objects.get(key="identifiera-offer")
    guidance = GuidancePage.objects.get(key="handbok")
    assert is_restricted(routine) and is_restricted(guidance)
    assert client.get("/sv/rutiner/identifiera-offer/").status_code == 302
    assert client.get(guidance.document.url).status_code in (302, 403)
    run_import(write_bundle())
    assert not is_restricted(RoutinePage.objects.get(key="identifiera-offer"))


def test_dry_run_changes_nothing(write_bundle):
    """--dry-run reports what would happen and writes nothing."""
    output = run_import(write_bundle(), "--dry-run")
    assert "Would import (dry run):" in output
    assert "routines           1 created" in output
    assert not OrganisationPage.objects.exists()


def test_demo_bundle_imports_cleanly(db):
    """The demo bundle shipped with the portal validates and imports without warnings."""
    output = run_import(ROOT / "resources/demo/bundle.json")
    assert "warning" not in output
    assert RoutinePage.objects.count() >= 8
    assert GuidancePage.objects.filter(document__isnull=False).exists()
