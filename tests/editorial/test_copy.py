"""Copies and aliases of keyed pages get a key of their own (the admin's copy view)."""

import re

from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Page

from resources.bundle.schema import KEY_PATTERN
from resources.models import NewsPage, OrganisationPage, RoutinePage
from tests.factories import NewsPageFactory, OrganisationPageFactory, RoutineStepFactory, publish


def copy_url(page):
    return f"/admin/pages/{page.pk}/copy/"


def copy_form(parent, title, slug, **options):
    """The copy view's form: a new title and slug under ``parent``; options are checkboxes."""
    data = {"new_title_sv": title, "new_slug_sv": slug, "new_parent_page": parent.pk}
    data.update({name: "on" for name, on in options.items() if on})
    return data


def assert_own_key(copy, original, key):
    """The copy has a fresh key in the bundle's syntax; the original keeps its own."""
    assert copy.key != key
    assert re.fullmatch(KEY_PATTERN, copy.key)
    original.refresh_from_db()
    assert original.key == key


def test_editor_copies_own_routine_with_a_fresh_key(client, police_editor, police_routine):
    """A partner editor's copy of their routine: a redirect, a draft with its own key."""
    RoutineStepFactory(page=police_routine, title="Ring polisen")
    key = police_routine.key
    client.force_login(police_editor)
    response = client.post(
        copy_url(police_routine),
        copy_form(police_routine.get_parent(), "Polisens rutin, kopia", "polisens-rutin-kopia"),
    )
    assert response.status_code == 302, response.context["form"].errors
    copy = RoutinePage.objects.get(slug_sv="polisens-rutin-kopia")
    assert_own_key(copy, police_routine, key)
    assert copy.key == "polisens-rutin-kopia"  # from the Swedish slug, like a new page's
    assert not copy.live  # the editor's copy waits for approval
    assert copy.partner == police_routine.partner
    assert [step.title for step in copy.steps.all()] == ["Ring polisen"]
    # The copy's draft carries its own key too, so publishing it later cannot clash.
    assert copy.get_latest_revision_as_object().key == copy.key
    assert police_routine.live


def test_copying_twice_numbers_the_key(client, moderator, police_routine):
    """A moderator's published copies: each one a new key, the second numbered."""
    key = police_routine.key
    client.force_login(moderator)
    for slug in ("kopia", "kopia-2"):
        response = client.post(
            copy_url(police_routine),
            copy_form(police_routine.get_parent(), "Kopia", slug, publish_copies=True),
        )
        assert response.status_code == 302
    copies = RoutinePage.objects.exclude(pk=police_routine.pk).order_by("pk")
    assert [page.key for page in copies] == ["kopia", "kopia-2"]
    assert all(page.live for page in copies)
    for copy in copies:
        assert_own_key(copy, police_routine, key)
    # Published, the copies are found on their own addresses.
    assert client.get("/sv/rutiner/kopia-2/").status_code == 200


def test_copy_whose_slug_is_another_pages_key(client, moderator, police_routine, shelter_routine):
    """A key taken by another page is skipped: the copy's slug key gets a number."""
    shelter_routine.key = "polisens-kopia"
    shelter_routine.save()
    client.force_login(moderator)
    client.post(
        copy_url(police_routine),
        copy_form(police_routine.get_parent(), "Kopia", "polisens-kopia"),
    )
    copy = RoutinePage.objects.get(slug_sv="polisens-kopia")
    assert copy.key == "polisens-kopia-2"


def test_alias_gets_its_own_key_and_keeps_it_when_the_original_is_published(
    moderator, police_routine
):
    """An alias (``create_alias()``; the copy view has no alias box with translated slugs)
    is a page of its own with its own key, and keeps it when the original is published."""
    key = police_routine.key
    alias = police_routine.create_alias(update_slug="polisens-alias", user=moderator)
    assert alias.alias_of_id == police_routine.pk
    assert_own_key(alias, police_routine, key)
    # Publishing the original updates its aliases with its content, but not its key.
    police_routine.title_sv = "Polisens nya rutin"
    publish(police_routine)
    alias.refresh_from_db()
    assert alias.title_sv == "Polisens nya rutin"
    assert_own_key(alias, police_routine, key)


def test_copy_of_a_section_with_its_subpages(tree, admin_user):
    """Copying a section with its subpages gives every keyed page in it a fresh key.

    A section is allowed once under the start page, so the copy goes to the
    root through ``copy(recursive=True)``, which the copy view calls too.
    """
    news = [publish(NewsPageFactory(parent=tree.news)) for _ in range(2)]
    keys = {page.pk: page.key for page in news}
    copy = tree.news.copy(recursive=True, to=Page.get_first_root_node(), user=admin_user)
    copied = NewsPage.objects.child_of(copy)
    assert copied.count() == 2
    assert set(copied.values_list("key", flat=True)).isdisjoint(keys.values())
    for page in NewsPage.objects.filter(pk__in=keys):
        assert page.key == keys[page.pk]


def test_copy_subpages_box_on_a_keyed_page(client, moderator, tree, police):
    """The copy view's "copy subpages" box on a routine or contact (no subpages): a copy."""
    contact = publish(OrganisationPageFactory(parent=tree.directory, partner=police))
    key = contact.key
    client.force_login(moderator)
    response = client.post(
        copy_url(contact),
        copy_form(tree.directory, "Kontakt, kopia", "kontakt-kopia", copy_subpages=True),
    )
    assert response.status_code == 302
    copy = OrganisationPage.objects.get(slug_sv="kontakt-kopia")
    assert_own_key(copy, contact, key)


def test_alias_of_a_section_with_keyed_subpages(tree, admin_user):
    """Aliasing a section with its subpages (``recursive=True``): every alias its own key."""
    news = [publish(NewsPageFactory(parent=tree.news)) for _ in range(2)]
    keys = {page.key for page in news}
    alias = CreatePageAliasAction(
        tree.news, recursive=True, parent=Page.get_first_root_node(), user=admin_user
    ).execute(skip_permission_checks=True)
    aliases = NewsPage.objects.child_of(alias)
    assert aliases.count() == 2
    assert all(page.alias_of_id for page in aliases)
    assert set(aliases.values_list("key", flat=True)).isdisjoint(keys)


def test_copy_with_a_long_slug_gets_a_key_that_fits(client, moderator, police_routine):
    """Slugs may be 255 characters, keys 100: the copy's key is cut to fit, still valid."""
    slug = "mycket-" * 30 + "lang"
    client.force_login(moderator)
    response = client.post(
        copy_url(police_routine), copy_form(police_routine.get_parent(), "Lång", slug)
    )
    assert response.status_code == 302
    copy = RoutinePage.objects.get(slug_sv=slug)
    assert len(copy.key) <= 100
    assert_own_key(copy, police_routine, police_routine.key)
