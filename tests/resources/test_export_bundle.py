"""`export_bundle` and the partners' export download: round trips, restrictions, options."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision
from wagtail.users.models import UserProfile

from bench.corpus.files import write_corpus
from editorial.models import Partner
from resources.models import Audience, OrganisationPage, Region, RoutinePage, Theme
from resources.site_tree import ensure_site_tree
from tests.factories import (
    OrganisationPageFactory,
    PartnerFactory,
    RoutinePageFactory,
    UserFactory,
    restrict,
)

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "bundle.json"
COLLECTIONS = ("organisations", "routines", "guidance", "news")


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def export(folder, *options):
    output = run("export_bundle", str(folder), *options)
    return json.loads((Path(folder) / "bundle.json").read_text(encoding="utf-8")), output


def wipe_content():
    """Empty the portal as a fresh database is: no items, terms, documents or partners."""
    home = ensure_site_tree().home
    Page.objects.get(pk=home.pk).get_descendants().delete()
    for model in (Theme, Region, Audience):
        model.objects.all().delete()
    get_document_model().objects.all().delete()
    for partner in Partner.objects.all():
        partner.delete()


def keys(bundle, collection):
    return sorted(item["key"] for item in bundle.get(collection, []))


def assert_round_trip(source_path, tmp_path):
    """Export, re-import unchanged, import into an emptied portal, export the same bundle."""
    call_command("import_bundle", str(source_path), stdout=io.StringIO())
    first, _output = export(tmp_path / "first", "--include-restricted")
    source = json.loads(Path(source_path).read_text(encoding="utf-8"))
    for collection in COLLECTIONS:
        assert keys(first, collection) == keys(source, collection)
    revisions = Revision.objects.count()
    summary = run("import_bundle", str(tmp_path / "first" / "bundle.json"))
    assert " 0 created      0 updated" in summary
    assert "created      0 updated      0 unchanged" not in summary.replace(" 0 unchanged", "")
    assert Revision.objects.count() == revisions, "re-importing into the source made revisions"

    wipe_content()
    assert not RoutinePage.objects.exists()
    call_command("import_bundle", str(tmp_path / "first" / "bundle.json"), stdout=io.StringIO())
    second, _output = export(tmp_path / "second", "--include-restricted")
    assert second == first
    for document in (tmp_path / "first" / "files").glob("*.pdf"):
        assert (tmp_path / "second" / "files" / document.name).read_bytes() == (
            document.read_bytes()
        )
    return source, first


@pytest.mark.django_db(transaction=False)
def test_demo_bundle_round_trip_keeps_every_item_field_language_and_document(tmp_path):
    """The demo exported, imported into an empty portal and exported again is the same bundle."""
    source, exported = assert_round_trip(DEMO, tmp_path)
    by_key = {item["key"]: item for item in exported["routines"]}
    for routine in source["routines"]:
        assert by_key[routine["key"]]["title"] == routine["title"]
        assert by_key[routine["key"]]["organisations"] == sorted(routine.get("organisations", []))
        assert len(by_key[routine["key"]]["steps"]) == len(routine["steps"])
    documents = [item for item in exported["guidance"] if "document" in item]
    assert documents and all((tmp_path / "first" / d["document"]).is_file() for d in documents)
    assert {p["key"] for p in exported["partners"]} == {
        item["owner"] for name in COLLECTIONS for item in source.get(name, []) if "owner" in item
    }


@pytest.mark.scale
@pytest.mark.django_db
def test_generated_corpus_of_1000_items_round_trips(tmp_path):
    """A thousand generated items with PDFs come back with the same keys, text and files."""
    corpus = tmp_path / "corpus" / "bundle.json"
    write_corpus(corpus, 1000, seed=3, pdfs=4)
    source, exported = assert_round_trip(corpus, tmp_path)
    assert sum(len(exported[name]) for name in COLLECTIONS) == 1000
    titles = {item["key"]: item["title"] for item in exported["routines"]}
    for routine in source["routines"]:
        assert titles[routine["key"]] == {k: v for k, v in routine["title"].items() if v}
    assert len(list((tmp_path / "first" / "files").glob("*.pdf"))) == 4


@pytest.mark.django_db
def test_restricted_items_only_with_include_restricted(tmp_path, tree):
    """Without the option restricted items and their text stay out, and the command counts them."""
    public = OrganisationPageFactory(parent=tree.directory, title="Öppen mottagning")
    secret = restrict(OrganisationPageFactory(parent=tree.directory, title="Skyddat boende Ljus"))
    RoutinePageFactory(parent=tree.routines, title="Ta emot", organisations=[public, secret])

    bundle, output = export(tmp_path / "plain")
    text = json.dumps(bundle, ensure_ascii=False)
    assert "Skyddat boende Ljus" not in text and secret.key not in text
    assert "1 restricted item(s) left out" in output
    assert bundle["routines"][0]["organisations"] == [public.key]

    bundle, output = export(tmp_path / "all", "--include-restricted")
    restricted = {item["key"]: item["restricted"] for item in bundle["organisations"]}
    assert restricted == {public.key: False, secret.key: True}
    assert "left out" not in output


@pytest.mark.django_db
def test_partner_and_type_choose_the_items_and_bring_named_organisations(tmp_path, tree):
    """--partner keeps one partner's items; --type one kind, plus the organisations it names."""
    ours, theirs = PartnerFactory(), PartnerFactory()
    helper = OrganisationPageFactory(parent=tree.directory, partner=theirs)
    mine = RoutinePageFactory(parent=tree.routines, partner=ours, organisations=[helper])
    RoutinePageFactory(parent=tree.routines, partner=theirs)

    bundle, output = export(tmp_path / "ours", "--partner", ours.key)
    assert keys(bundle, "routines") == [mine.key]
    assert keys(bundle, "organisations") == [helper.key]
    assert "1 organisation(s) included because exported routines name them" in output
    assert {p["key"] for p in bundle["partners"]} == {ours.key, theirs.key}

    bundle, _output = export(tmp_path / "orgs", "--type", "organisation")
    assert keys(bundle, "organisations") == [helper.key] and "routines" not in bundle


@pytest.mark.django_db
def test_bad_options_fail_clearly_and_write_nothing(tmp_path, tree):
    """An unknown partner or an existing bundle stops the command before it writes."""
    with pytest.raises(CommandError, match="unknown partner 'nobody'"):
        run("export_bundle", str(tmp_path / "x"), "--partner", "nobody")
    assert not (tmp_path / "x").exists()
    run("export_bundle", str(tmp_path / "y"))
    with pytest.raises(CommandError, match="exists already"):
        run("export_bundle", str(tmp_path / "y"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sv"])
def test_moderator_downloads_one_partners_export_from_the_partners_listing(client, tree, language):
    """The Reports menu's "Partner exports" gives moderators a zip of one partner's bundle."""
    partner = PartnerFactory()
    organisation = OrganisationPageFactory(parent=tree.directory, partner=partner)
    hidden = restrict(OrganisationPageFactory(parent=tree.directory, partner=partner))
    OrganisationPageFactory(parent=tree.directory)
    moderator = UserFactory(groups=["Moderators"])
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    client.force_login(moderator)

    assert "/admin/export-bundle/" in client.get("/admin/").content.decode()
    listing = client.get("/admin/export-bundle/")
    url = f"/admin/export-bundle/{partner.key}/"
    assert url in listing.content.decode() and partner.name in listing.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        bundle = json.loads(archive.read("bundle.json"))
    assert keys(bundle, "organisations") == [organisation.key]

    response = client.get(f"{url}?restricted=1")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        bundle = json.loads(archive.read("bundle.json"))
    assert keys(bundle, "organisations") == sorted([organisation.key, hidden.key])


@pytest.mark.django_db
def test_editors_get_no_export(client, tree):
    """An editor sees no export in the menu and is refused the page and the download."""
    partner = PartnerFactory()
    editor = UserFactory(groups=["Editors", partner.group.name])
    client.force_login(editor)
    assert "/admin/export-bundle/" not in client.get("/admin/").content.decode()
    for url in ("/admin/export-bundle/", f"/admin/export-bundle/{partner.key}/"):
        response = client.get(url)
        # Wagtail answers a refused admin view with the dashboard and a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not OrganisationPage.objects.exists()
