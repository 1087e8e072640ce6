"""Give back the Swedish title, slug and URL path that an edit in another admin language took.

Before pages were written in the source language (``core.pages.PortalPage``),
saving in an English or Italian admin wrote that language's text into the
page's base columns (``title``, ``slug``, ``url_path``), its ``draft_title``
and its revisions' ``title`` and ``object_str``. The source language's own
columns (``title_sv``, ...) were never touched, so they are the truth: this
copies them back. The translated columns are added by wagtail-modeltranslation
after ``migrate``; on a database that does not have them yet there is nothing
to repair.
"""

from django.conf import settings
from django.db import migrations

COLUMNS = ("title", "slug", "url_path")


def _source(column):
    return f"{column}_{settings.LANGUAGE_CODE}"


def _has_source_columns(connection):
    with connection.cursor() as cursor:
        present = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, "wagtailcore_page"
            )
        }
    return all(_source(column) in present for column in COLUMNS)


def repair(apps, schema_editor):
    connection = schema_editor.connection
    if not _has_source_columns(connection):
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for column in COLUMNS:
            base, source = quote(column), quote(_source(column))
            cursor.execute(
                f"UPDATE wagtailcore_page SET {base} = {source} "  # noqa: S608 (fixed names)
                f"WHERE {source} IS NOT NULL AND {source} <> '' AND {base} <> {source}"
            )
    _repair_revisions(apps)
    _repair_draft_titles(apps, connection)


def _repair_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    revisions = Revision.objects.filter(base_content_type=page_type)
    for revision in revisions.only("pk", "content", "object_str").iterator(chunk_size=500):
        content, changed = revision.content, False
        for column in COLUMNS:
            source = content.get(_source(column))
            if source and content.get(column) != source:
                content[column] = source
                changed = True
        if changed:
            revision.object_str = content["title"]
            revision.save(update_fields=["content", "object_str"])


def _repair_draft_titles(apps, connection):
    """The draft title is the latest revision's Swedish title (the live one when nothing is pending)."""
    Revision = apps.get_model("wagtailcore", "Revision")
    source = connection.ops.quote_name(_source("title"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {source}, has_unpublished_changes, latest_revision_id "  # noqa: S608
            "FROM wagtailcore_page WHERE depth > 1"
        )
        rows = cursor.fetchall()
    pending = {row[3] for row in rows if row[2] and row[3]}
    drafts = {
        revision.pk: revision.content.get(_source("title"))
        for revision in Revision.objects.filter(pk__in=pending).only("pk", "content")
    }
    with connection.cursor() as cursor:
        for pk, title, unpublished, latest in rows:
            wanted = (drafts.get(latest) if unpublished else None) or title
            if wanted:
                cursor.execute(
                    "UPDATE wagtailcore_page SET draft_title = %s "
                    "WHERE id = %s AND draft_title <> %s",
                    [wanted, pk, wanted],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_editors_file_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
