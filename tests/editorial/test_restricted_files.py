"""A file that restricted guidance uses always lives in the restricted collection."""

import importlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import Collection, GroupCollectionPermission

from core.access import document_collection, set_restricted
from resources.models import GuidancePage
from tests.editorial.test_files import make_document
from tests.factories import GuidancePageFactory, publish

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def misplaced(tree, police, police_editor):
    """Restricted guidance whose PDF was left in the public root collection."""
    document = make_document("Intern plan", police_editor)
    page = GuidancePageFactory(
        parent=tree.guidance, partner=police, title="Intern", slug="intern", document=document
    )
    set_restricted(page, True)
    document.collection = Collection.get_first_root_node()
    document.save()
    return document


def test_check_reports_and_fails_on_a_misplaced_file(misplaced, capsys):
    """check_restricted_files names the file and exits non-zero; anonymous could download it."""
    assert Client().get(misplaced.url).status_code == 200
    with pytest.raises(CommandError):
        call_command("check_restricted_files")
    assert "Intern plan" in capsys.readouterr().out


def test_check_fix_moves_the_file_into_the_restricted_collection(misplaced):
    """With --fix the file moves; anonymous visitors are refused; a second check passes."""
    call_command("check_restricted_files", "--fix")
    misplaced.refresh_from_db()
    assert misplaced.collection == document_collection(True)
    assert Client().get(misplaced.url).status_code != 200
    call_command("check_restricted_files")


def test_publishing_restricted_guidance_guards_its_file(tree, police, police_editor):
    """Publishing a restricted page with a public file moves the file into the restricted one."""
    document = make_document("Ny intern plan", police_editor)
    page = GuidancePageFactory(parent=tree.guidance, partner=police, title="X", slug="x")
    set_restricted(page, True)
    page.document = document
    publish(page)
    document.refresh_from_db()
    assert document.collection == document_collection(True)


def test_restricting_a_page_guards_its_file(tree, police, police_editor):
    """Making a page restricted (privacy setting) moves the files it uses."""
    document = make_document("Plan", police_editor)
    page = publish(
        GuidancePageFactory(
            parent=tree.guidance, partner=police, title="Y", slug="y", document=document
        )
    )
    set_restricted(page, True)
    document.refresh_from_db()
    assert document.collection == document_collection(True)


def test_import_leaves_no_restricted_file_outside_the_restricted_collection(db):
    """The demo bundle, restricted guidance with PDFs included, passes the check."""
    call_command("import_bundle", str(ROOT / "resources/demo/bundle.json"), stdout=io.StringIO())
    assert GuidancePage.objects.filter(document__isnull=False).exists()
    call_command("check_restricted_files", stdout=io.StringIO())


def test_migration_narrows_the_editors_rights(db):
    """Editors keep add and choose on files; change and delete (which reached every
    file, the restricted collection's included) are taken away; moderators keep theirs."""
    editors = Group.objects.get(name="Editors")
    root = Collection.get_first_root_node()
    change = Permission.objects.get(codename="change_document")
    GroupCollectionPermission.objects.get_or_create(
        group=editors, collection=root, permission=change
    )
    migration = importlib.import_module("editorial.migrations.0003_editors_file_permissions")
    migration.narrow_editors(apps, None)
    codes = set(
        GroupCollectionPermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_document", "choose_document", "add_image", "choose_image"} <= codes
    assert not codes & {"change_document", "delete_document", "change_image", "delete_image"}
    moderators = set(
        GroupCollectionPermission.objects.filter(group__name="Moderators").values_list(
            "permission__codename", flat=True
        )
    )
    assert "change_document" in moderators


def test_publishing_below_a_restricted_section_guards_the_file(tree, police, police_editor):
    """A page under a restricted section is restricted: its file moves when it is published."""
    set_restricted(tree.guidance, True)
    document = make_document("Avsnittets plan", police_editor)
    publish(
        GuidancePageFactory(
            parent=tree.guidance, partner=police, title="Z", slug="z", document=document
        )
    )
    document.refresh_from_db()
    assert document.collection == document_collection(True)


def test_restricting_a_section_guards_the_files_of_the_pages_below(tree, police, police_editor):
    """Restricting a section moves the files that the published pages below it use."""
    document = make_document("Inne", police_editor)
    publish(
        GuidancePageFactory(
            parent=tree.guidance, partner=police, title="In", slug="in", document=document
        )
    )
    set_restricted(tree.guidance, True)
    document.refresh_from_db()
    assert document.collection == document_collection(True)


def test_restricting_a_page_leaves_the_files_of_other_pages(tree, police, police_editor):
    """Only the restricted page's file moves; its sibling's file stays public."""
    mine, other = make_document("Min", police_editor), make_document("Annan", police_editor)
    page = publish(
        GuidancePageFactory(
            parent=tree.guidance, partner=police, title="A", slug="a", document=mine
        )
    )
    publish(
        GuidancePageFactory(
            parent=tree.guidance, partner=police, title="B", slug="b", document=other
        )
    )
    set_restricted(page, True)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.collection == document_collection(True)
    assert other.collection == Collection.get_first_root_node()
