"""The owner rule for documents and images, through the real admin views.

A file belongs to the partner owning the pages that use it, or to the
uploader's partner while unused. Partner editors change only their partner's
files, never one a published page uses, and never one in the restricted
collection; moderators are not bound.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from core.access import document_collection
from tests.factories import GuidancePageFactory, UserFactory, publish

HOME = "/admin/"
PDF = b"%PDF-1.4\nORIGINAL-BYTES\n%%EOF\n"
NEW_PDF = b"%PDF-1.4\nREPLACED-BYTES\n%%EOF\n"


def make_document(title, uploader, restricted=False):
    document = get_document_model()(
        title=title, collection=document_collection(restricted), uploaded_by_user=uploader
    )
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def make_image(title, uploader):
    image = get_image_model()(
        title=title,
        file=get_test_image_file(),
        collection=Collection.get_first_root_node(),
        uploaded_by_user=uploader,
    )
    image.save()
    return image


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def file_bytes(document):
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        return handle.read()


def refused(response):
    return response.status_code in (302, 403) and (
        response.status_code == 403 or response["Location"] == HOME
    )


@pytest.fixture
def shelter_document(tree, shelter, shelter_editor):
    """The PDF of the shelter's published guidance page."""
    document = make_document("Boendets handbok", shelter_editor)
    publish(
        GuidancePageFactory(
            parent=tree.guidance,
            partner=shelter,
            title="Handbok",
            slug="handbok",
            document=document,
        )
    )
    return document


@pytest.fixture
def police_unused(police_editor):
    return make_document("Polisens utkast", police_editor)


def edit_data(document, **overrides):
    data = {"title": document.title, "collection": document.collection_id, "tags": ""}
    data.update(overrides)
    return data


def test_editor_cannot_open_another_partners_document(police_editor, shelter_document):
    """GET edit of partner B's document sends partner A's editor away."""
    response = client_for(police_editor).get(f"/admin/documents/edit/{shelter_document.pk}/")
    assert refused(response)


def test_editor_cannot_replace_another_partners_file(police_editor, shelter_document):
    """Posting a new file does not change the bytes readers download."""
    response = client_for(police_editor).post(
        f"/admin/documents/edit/{shelter_document.pk}/",
        edit_data(shelter_document, file=SimpleUploadedFile("ny.pdf", NEW_PDF)),
    )
    assert refused(response)
    assert file_bytes(shelter_document) == PDF
    assert Client().get(shelter_document.url).status_code == 200


def test_editor_cannot_move_another_partners_document(police_editor, shelter_document, tree):
    """Posting another collection leaves the document where it was."""
    other = Collection.get_first_root_node().add_child(name="Annat")
    response = client_for(police_editor).post(
        f"/admin/documents/edit/{shelter_document.pk}/",
        edit_data(shelter_document, collection=other.pk),
    )
    assert refused(response)
    shelter_document.refresh_from_db()
    assert shelter_document.collection_id != other.pk


def test_editor_cannot_delete_another_partners_document(police_editor, shelter_document):
    """Neither the confirm page nor the POST of delete works."""
    client = client_for(police_editor)
    url = f"/admin/documents/delete/{shelter_document.pk}/"
    assert refused(client.get(url))
    assert refused(client.post(url))
    assert get_document_model().objects.filter(pk=shelter_document.pk).exists()


def test_editor_cannot_use_bulk_actions_on_another_partners_document(
    police_editor, shelter_document
):
    """Bulk delete and "add to collection" leave partner B's document alone."""
    client = client_for(police_editor)
    other = Collection.get_first_root_node().add_child(name="Annat")
    base = "/admin/bulk/wagtaildocs/document"
    client.post(f"{base}/delete/?id={shelter_document.pk}")
    client.post(f"{base}/add_to_collection/?id={shelter_document.pk}", {"collection": other.pk})
    shelter_document.refresh_from_db()
    assert shelter_document.collection_id != other.pk
    assert get_document_model().objects.filter(pk=shelter_document.pk).exists()


def test_listing_does_not_offer_another_partners_document(
    police_editor, shelter_document, police_unused
):
    """The document listing shows partner A's editor only what they may edit."""
    text = client_for(police_editor).get("/admin/documents/").text
    assert police_unused.title in text
    assert shelter_document.title not in text


def test_chooser_lists_public_files_but_not_others_restricted_ones(
    police_editor, shelter_document, shelter_editor
):
    """Another partner's public PDF may be linked; their restricted one is not offered."""
    secret = make_document("Boendets hemliga plan", shelter_editor, restricted=True)
    text = client_for(police_editor).get("/admin/documents/chooser/").text
    assert shelter_document.title in text
    assert secret.title not in text


def test_editor_cannot_take_a_document_out_of_the_restricted_collection(
    police_editor, tree, police
):
    """Even the partner's own restricted file stays where only moderators move it."""
    secret = make_document("Polisens hemliga plan", police_editor, restricted=True)
    GuidancePageFactory(
        parent=tree.guidance, partner=police, title="Hemlig", slug="hemlig", document=secret
    )
    restricted = secret.collection_id
    response = client_for(police_editor).post(
        f"/admin/documents/edit/{secret.pk}/",
        edit_data(secret, collection=Collection.get_first_root_node().pk),
    )
    assert refused(response)
    secret.refresh_from_db()
    assert secret.collection_id == restricted
    assert Client().get(secret.url).status_code != 200


def test_editor_cannot_move_a_document_into_the_restricted_collection(police_editor, police_unused):
    """The restricted collection is not a choice for partner editors: the form says so."""
    Collection.get_first_root_node().add_child(name="Annat")  # the form shows its choices
    restricted = document_collection(True)
    response = client_for(police_editor).post(
        f"/admin/documents/edit/{police_unused.pk}/",
        edit_data(police_unused, collection=restricted.pk),
    )
    assert response.status_code == 200
    assert "collection" in response.context["form"].errors
    police_unused.refresh_from_db()
    assert police_unused.collection_id != restricted.pk


def test_editor_edits_own_partners_unused_document(police_editor, police, police_unused):
    """An unused file of the editor's partner, even a colleague's, may be edited and replaced."""
    colleague = UserFactory(username="colleague", groups=["Editors", police.group.name])
    client = client_for(colleague)
    url = f"/admin/documents/edit/{police_unused.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, edit_data(police_unused, title="Nytt namn", file=SimpleUploadedFile("ny.pdf", NEW_PDF))
    )
    assert response.status_code == 302
    police_unused.refresh_from_db()
    assert police_unused.title == "Nytt namn"
    assert file_bytes(police_unused) == NEW_PDF


def test_editor_uploads_a_document(police_editor):
    """Partner editors may still upload."""
    response = client_for(police_editor).post(
        "/admin/documents/multiple/add/",
        {"title": "Uppladdad", "files[]": SimpleUploadedFile("upp.pdf", PDF)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"]
    assert get_document_model().objects.filter(uploaded_by_user=police_editor).exists()


def test_editor_is_told_to_ask_moderators_about_a_published_pages_file(
    police_editor, police, tree, police_unused
):
    """The partner's own file, used by a published page, is refused with a clear message."""
    publish(
        GuidancePageFactory(
            parent=tree.guidance,
            partner=police,
            title="Publicerad",
            slug="pub",
            document=police_unused,
        )
    )
    response = client_for(police_editor).get(
        f"/admin/documents/edit/{police_unused.pk}/", follow=True
    )
    assert response.redirect_chain[0][0] == HOME
    assert "Moderators" in response.text


def test_moderator_may_do_all_of_it(moderator, shelter_document, police_unused):
    """Moderators edit, replace, move and delete any partner's file."""
    client = client_for(moderator)
    url = f"/admin/documents/edit/{shelter_document.pk}/"
    assert client.get(url).status_code == 200
    restricted = document_collection(True)
    response = client.post(
        url,
        edit_data(
            shelter_document,
            collection=restricted.pk,
            file=SimpleUploadedFile("ny.pdf", NEW_PDF),
        ),
    )
    assert response.status_code == 302
    assert file_bytes(shelter_document) == NEW_PDF
    assert shelter_document.collection_id == restricted.pk
    assert client.post(f"/admin/documents/delete/{police_unused.pk}/").status_code == 302
    assert not get_document_model().objects.filter(pk=police_unused.pk).exists()


def test_editor_cannot_edit_or_delete_another_partners_image(police_editor, shelter_editor):
    """Images follow the same rule: another partner's image is refused."""
    image = make_image("Boendets bild", shelter_editor)
    client = client_for(police_editor)
    assert refused(client.get(f"/admin/images/{image.pk}/"))
    assert refused(client.post(f"/admin/images/{image.pk}/delete/"))
    assert get_image_model().objects.filter(pk=image.pk).exists()


def test_editor_edits_own_image_and_moderator_any(police_editor, moderator, shelter_editor):
    """The partner's own unused image may be edited; a moderator deletes anyone's."""
    own = make_image("Polisens bild", police_editor)
    assert client_for(police_editor).get(f"/admin/images/{own.pk}/").status_code == 200
    theirs = make_image("Boendets bild", shelter_editor)
    assert client_for(moderator).post(f"/admin/images/{theirs.pk}/delete/").status_code == 302
    assert not get_image_model().objects.filter(pk=theirs.pk).exists()
