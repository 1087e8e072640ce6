"""The translators' groups, one per translation language, and the "partly translated" state.

A translators' group may open the admin and nothing more of Wagtail's: what
its members may do is the translate view's rule (``editorial.translators``).
Languages added to the settings later get their group from ``setup_portal``.
"""

from django.conf import settings
from django.db import migrations, models

PREFIX = "Translators: "


def create_translator_groups(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            group, _created = Group.objects.get_or_create(name=f"{PREFIX}{code}")
            group.permissions.add(access_admin)


def remove_translator_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__startswith=PREFIX).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_repair_source_language_fields"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="translationstatus",
            name="state",
            field=models.CharField(
                choices=[
                    ("source", "Original"),
                    ("missing", "Missing"),
                    ("partial", "Partly translated"),
                    ("current", "Current"),
                    ("outdated", "Outdated"),
                ],
                max_length=10,
                verbose_name="state",
            ),
        ),
        migrations.RunPython(create_translator_groups, remove_translator_groups),
    ]
