"""Editors add and choose files; only moderators change any file.

Wagtail's own migrations give the group Editors add, change and delete rights
for documents and images on the root collection. Collection rights pass down
the tree, so "change" let every partner editor edit, replace, move and delete
every file, the restricted collection's included. Partner editors keep "add"
(upload) and "choose"; which existing files they may change is the owner rule
of ``editorial.files``, which treats "add" as the right to change their own
partner's files. Moderators keep all their rights.
"""

from django.db import migrations

EDITORS = "Editors"
TAKEN = {
    ("wagtaildocs", "document"): ["change_document", "delete_document"],
    ("wagtailimages", "image"): ["change_image", "delete_image"],
}
GIVEN = {
    ("wagtaildocs", "document"): ["add_document", "choose_document"],
    ("wagtailimages", "image"): ["add_image", "choose_image"],
}


def _permissions(apps, table):
    Permission = apps.get_model("auth", "Permission")
    return {
        (permission.content_type.app_label, permission.content_type.model, permission.codename): (
            permission
        )
        for permission in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in=[app for app, _model in table]
        )
    }


def narrow_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    editors = Group.objects.filter(name=EDITORS).first()
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if editors is None or root is None:
        return
    known = _permissions(apps, {**TAKEN, **GIVEN})
    taken = [known[(*key, code)] for key, codes in TAKEN.items() for code in codes if (*key, code) in known]
    GroupCollectionPermission.objects.filter(group=editors, permission__in=taken).delete()
    # The model-wide permissions would let a policy other than ours grant them again.
    editors.permissions.remove(*taken)
    for key, codes in GIVEN.items():
        for code in codes:
            if (*key, code) in known:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root, permission=known[(*key, code)]
                )


def widen_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    editors = Group.objects.filter(name=EDITORS).first()
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if editors is None or root is None:
        return
    known = _permissions(apps, TAKEN)
    for key, codes in TAKEN.items():
        for code in codes:
            if (*key, code) in known:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root, permission=known[(*key, code)]
                )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles_and_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(narrow_editors, widen_editors)]
