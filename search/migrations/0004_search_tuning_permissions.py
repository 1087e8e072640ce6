"""Who tunes search: moderators manage synonyms and promoted results, editors read the report.

Administrators (superusers) have every right already. The groups come from
``editorial`` 0002; a database without them gets them here.
"""

from django.db import migrations

REPORT = ("search", "searchday", "view_search_report", "Can view the search terms report")
MANAGE = [
    ("search", "synonym", "add_synonym", "Can add synonym"),
    ("search", "synonym", "change_synonym", "Can change synonym"),
    ("search", "synonym", "delete_synonym", "Can delete synonym"),
    ("search", "synonym", "view_synonym", "Can view synonym"),
    ("wagtailsearchpromotions", "searchpromotion", "add_searchpromotion", "Can add search promotion"),
    (
        "wagtailsearchpromotions",
        "searchpromotion",
        "change_searchpromotion",
        "Can change search promotion",
    ),
    (
        "wagtailsearchpromotions",
        "searchpromotion",
        "delete_searchpromotion",
        "Can delete search promotion",
    ),
]
GRANTS = {"Moderators": [*MANAGE, REPORT], "Editors": [REPORT]}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, permissions in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(_permission(apps, *row) for row in permissions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, _model, codename, _name in permissions:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_synonyms_and_statistics"),
        ("editorial", "0002_roles_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
