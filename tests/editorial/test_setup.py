"""Roles, workflow and demo accounts exist where a fresh portal needs them."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, WorkflowPage

from editorial.models import Partner
from editorial.roles import EDITORS, MODERATORS, PROFESSIONALS, WORKFLOW
from tests.factories import PartnerFactory


def test_migrations_create_the_roles_and_the_workflow(db):
    """A fresh database has the three groups, their rights and approval by moderators."""
    roles = [EDITORS, MODERATORS, PROFESSIONALS]
    groups = {group.name: group for group in Group.objects.filter(name__in=roles)}
    assert set(groups) == set(roles)

    def codenames(name):
        return set(groups[name].permissions.values_list("codename", flat=True))

    assert "access_admin" in codenames(EDITORS)
    assert {"access_admin", "manage_all_partner_pages"} <= codenames(MODERATORS)
    assert "manage_all_partner_pages" not in codenames(EDITORS)
    assert not codenames(PROFESSIONALS)
    link = WorkflowPage.objects.select_related("workflow").get(page=Page.get_first_root_node())
    assert link.workflow.name == WORKFLOW


def test_setup_portal_reports_roles_and_workflow(db):
    """``setup_portal`` (run by ``make demo``) says that the roles and the workflow are there."""
    out = StringIO()
    call_command("setup_portal", stdout=out)
    text = out.getvalue()
    assert "Group Editors:" in text and "MISSING" not in text
    assert f"Workflow on all pages: {WORKFLOW}" in text


def test_partner_brings_its_editors_group(db):
    """Creating, renaming and deleting a partner keeps its editors' group in step."""
    partner = Partner.objects.create(key="polisen", name="Polisen")
    assert partner.group.name == "Editors: Polisen"
    partner.name = "Polismyndigheten"
    partner.save()
    assert Group.objects.filter(name="Editors: Polismyndigheten").exists()
    partner.delete()
    assert not Group.objects.filter(name__startswith="Editors: Polis").exists()


def test_demo_users_refused_without_debug(db, settings):
    """With DEBUG off the command refuses: the demo passwords are public."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("create_demo_users", stdout=StringIO())
    assert not Group.objects.get(name=MODERATORS).user_set.exists()


def test_demo_users_one_per_role(db, settings):
    """With DEBUG on there is one account per role, with the documented passwords."""
    settings.DEBUG = True
    police = PartnerFactory(key="polisen-stockholm")
    shelter = PartnerFactory(key="unga-kvinnors-varn")
    call_command("create_demo_users", stdout=StringIO())
    call_command("create_demo_users", stdout=StringIO())  # again: still one of each
    assert authenticate(username="demo-admin", password="demo-admin-pass").is_superuser
    moderator = authenticate(username="demo-moderator", password="demo-moderator-pass")
    assert moderator.groups.filter(name=MODERATORS).exists()
    police_editor = authenticate(username="demo-editor-police", password="demo-editor-pass")
    assert set(police_editor.groups.values_list("name", flat=True)) == {EDITORS, police.group.name}
    shelter_editor = authenticate(username="demo-editor-shelter", password="demo-editor-pass")
    assert shelter.group in shelter_editor.groups.all()
    professional = authenticate(username="demo-professional", password="demo-professional-pass")
    assert list(professional.groups.values_list("name", flat=True)) == [PROFESSIONALS]
    translator = authenticate(username="demo-translator-it", password="demo-translator-pass")
    assert list(translator.groups.values_list("name", flat=True)) == ["Translators: it"]


def test_demo_users_need_the_demo_partners(db, settings):
    """Without the demo bundle's partners the command says what to do first."""
    settings.DEBUG = True
    with pytest.raises(CommandError, match="import the demo bundle first"):
        call_command("create_demo_users", stdout=StringIO())
