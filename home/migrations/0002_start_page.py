"""The portal's start page on a freshly migrated database.

As Wagtail's project template does in its ``home`` app, this replaces
Wagtail's welcome page with the project's start page, so that ``migrate``
alone gives a site that serves the start page in every language.

Historical models, never the app's own: later migrations must still run
after this one. wagtail-modeltranslation adds Page's translated columns
(``title_sv``, ``url_path_en``, ...) only after all migrations have run, so
this migration adds them itself (the same, idempotent command) and writes
them with SQL, as the historical Page model does not know them.
"""

import io
import uuid

from django.core.management import call_command
from django.db import migrations
from django.utils import timezone

from core.i18n import language_codes, localized, source_language
from core.site import in_every_language
from home.site import INTRO, SLUG, TITLE


def create_start_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    root = Page.objects.filter(depth=1).first()
    if root is None or HomePage.objects.exists():
        return
    # Before any row changes: PostgreSQL refuses ALTER TABLE on a table with
    # pending (deferred) constraint checks in the same transaction.
    call_command("sync_page_translation_fields", interactive=False, stdout=io.StringIO())
    # Wagtail's welcome page (wagtailcore 0002), and its site, unless someone built under it.
    Page.objects.filter(
        depth=2, numchild=0, content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()
    if Page.objects.filter(depth=2).exists():
        return  # a tree of some other making: setup_portal decides
    texts = in_every_language(title=TITLE, slug=SLUG, intro=INTRO)
    title, slug = texts[localized("title")], texts[localized("slug")]
    now = timezone.now()
    content_type, _created = ContentType.objects.get_or_create(app_label="home", model="homepage")
    home = HomePage.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path=f"/{slug}/",
        locale=root.locale or Locale.objects.first(),
        translation_key=uuid.uuid4(),
        show_in_menus=True,
        live=True,
        first_published_at=now,
        last_published_at=now,
        intro=texts[localized("intro")],
        **{localized("intro", code): texts[localized("intro", code)] for code in language_codes()},
    )
    Page.objects.filter(pk=root.pk).update(numchild=1)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True)

    _write(schema_editor, Page, root.pk, {
        **{localized("url_path", code): "/" for code in language_codes()},
        localized("title", source_language()): root.title,
        localized("slug", source_language()): root.slug,
    })
    _write(schema_editor, Page, home.pk, {
        **{localized("title", code): texts[localized("title", code)] for code in language_codes()},
        **{localized("slug", code): texts[localized("slug", code)] for code in language_codes()},
        **{
            localized("url_path", code): f"/{texts[localized('slug', code)]}/"
            for code in language_codes()
        },
    })


def _write(schema_editor, model, pk, columns):
    quote = schema_editor.quote_name
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    schema_editor.execute(
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s",
        [*columns.values(), pk],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Nothing to undo: removing the start page would take every page with it.
    operations = [migrations.RunPython(create_start_page, migrations.RunPython.noop)]
