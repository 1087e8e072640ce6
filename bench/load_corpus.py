#!/usr/bin/env python3
# ruff: noqa: E402 - run as a script, Django is set up before the project's imports
"""Load a generated corpus into the portal's database in bulk, for benchmarks.

    DATABASE_URL=... .venv/bin/python bench/load_corpus.py BUNDLE.json

or, from a script that has set Django up, ``load(bundle_path, stdout=...)``
(``bench/search_benchmark.py --loader bulk``). The Django settings come from the
environment (``DJANGO_SETTINGS_MODULE``, default ``portal.settings.dev``, and
``DATABASE_URL``); the database must be migrated.

``manage.py import_bundle`` does everything an editor's publish does and runs
at about ten items a second; this loader writes the same rows a thousand items
at a time, each table with one prepared INSERT over all the rows, in one
transaction. It produces the pages a visitor
and the search indexer see as ``import_bundle`` would on a database that does
not hold the items yet: the same page types under the same sections, titles,
slugs and per-language ``url_path`` (wagtail-modeltranslation's rule), every
translated field, routine steps, themes, regions, audiences, related
organisations, owners (partners), view restrictions for restricted items, live
and publication dates, locale, content types, a consistent treebeard tree and
(unless ``--no-translation-status``) editorial's translation status of each
page. Taxonomy terms, theme pages and partners (a few dozen) go through the
importer itself.

It is a benchmark loader, not an import path. It does not write revisions or
log entries, the reference index, Wagtail's own search index entries (the
database fallback's full-text scoring: run ``manage.py update_index``), the
search outbox (run ``manage.py search_index rebuild``) or documents (a
guidance item's PDF is not attached). It only adds: a bundle whose items are
already in the database is refused; use ``import_bundle`` to update.
"""

import argparse
import datetime
import os
import sys
import time
from collections import Counter
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()

from anyascii import anyascii
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError, OutputWrapper
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import AutoField, F
from django.utils import timezone, translation
from django.utils.text import slugify
from modeltranslation.fields import TranslationFieldDescriptor
from wagtail.models import Page, PageViewRestriction

from core.access import restricted_groups
from core.i18n import language_codes
from core.progress import progress_writer
from editorial.models import Partner
from editorial.translation_status import rebuild as rebuild_translation_status
from resources.bundle import read_bundle, schema
from resources.bundle.importer import TAXONOMY_MODELS, BundleImporter, _date, _translated
from resources.bundle.validation import validate
from resources.models import GuidancePage, NewsPage, OrganisationPage, RoutinePage, RoutineStep
from resources.site_tree import ensure_site_tree

BATCH = 1000  # items per round of inserts
SHOWN_PROBLEMS = 20
COLLECTIONS = {
    "organisations": OrganisationPage,
    "routines": RoutinePage,
    "guidance": GuidancePage,
    "news": NewsPage,
}
# What an item links to: (bundle list and many-to-many field, target collection).
RELATIONS = {
    OrganisationPage: [("regions", "regions")],
    RoutinePage: [
        *((name, name) for name in schema.TAXONOMY_LISTS),
        ("organisations", "organisations"),
    ],
    GuidancePage: [(name, name) for name in schema.TAXONOMY_LISTS],
    NewsPage: [(name, name) for name in schema.TAXONOMY_LISTS],
}


# Column types whose values here (str, int, bool or None) drivers take as they are;
# other columns (dates, times, uuids) go through the field's get_db_prep_save.
PLAIN_COLUMNS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def _chunks(values, size):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Row:
    """One row's column values as attributes, as modeltranslation's descriptors read them."""

    def __init__(self, values):
        self.__dict__.update(values)


class _Table:
    """A model's table, filled with ``executemany`` of plain rows.

    Building model instances and compiling Django's INSERTs cost more than
    the writing itself (Wagtail's page constructor, modeltranslation's keyword
    rewriting, a compiler step per value), so rows carry only values: each
    column gets what the model's constructor would have given it, and each of
    modeltranslation's original columns (``title``, ``summary``...) the value
    its descriptor reads in the current language, as a save stores. Values go
    through the fields' ``get_db_prep_save`` where they need it, as in a save.
    One prepared INSERT run over many rows is the drivers' fastest path short
    of COPY: several times faster than multi-row VALUES with psycopg.
    """

    def __init__(self, model, fields):
        self.model = model
        self.fields = [field for field in fields if not isinstance(field, AutoField)]
        self.defaults, self.per_row, self.translated = {}, [], []
        for field in self.fields:
            descriptor = getattr(model, field.attname, None)
            if isinstance(descriptor, TranslationFieldDescriptor):
                self.translated.append((field.attname, descriptor))
            elif field.has_default() and callable(field.default):
                self.per_row.append(field)  # a fresh uuid4, today's date
            else:
                self.defaults[field.attname] = field.get_default()
        self.columns = [(field.attname, _preparation(field)) for field in self.fields]
        # Table and column names come from the models; values are parameters.
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({placeholders})"  # noqa: S608
        self.copy = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"

    def row(self, values):
        row = _Row(self.defaults)
        for field in self.per_row:
            setattr(row, field.attname, field.get_default())
        row.__dict__.update(values)
        for attname, descriptor in self.translated:
            setattr(row, attname, descriptor.__get__(row, self.model))
        return row

    def insert(self, rows):
        params = []
        for row in rows:
            columns = vars(row)
            params.append(
                [
                    columns[name] if prepare is None else prepare(columns[name], connection)
                    for name, prepare in self.columns
                ]
            )
        with _cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: several times faster again than psycopg's executemany.
                with cursor.copy(self.copy) as copy:
                    for values in params:
                        copy.write_row(values)
            else:
                cursor.executemany(self.sql, params)


def _preparation(field):
    """The field's ``get_db_prep_save``, or None for a column that needs none."""
    target = field.target_field if field.is_relation else field
    return None if target.get_internal_type() in PLAIN_COLUMNS else field.get_db_prep_save


def _cursor():
    """A cursor without DEBUG's query log, which formats every parameter of every statement."""
    connection.ensure_connection()
    return connection.make_cursor(connection.create_cursor())


def _relation_table(field):
    """The table of a many-to-many ``field`` and the attribute names of its two columns."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name())
    target = through._meta.get_field(field.m2m_reverse_field_name())
    return _Table(through, [source, target]), source.attname, target.attname


class _Section:
    """A section page receiving new children: their tree paths, slugs and URL paths."""

    def __init__(self, page):
        self.page = page
        self.depth = page.depth + 1
        fields = [f"slug_{language}" for language in language_codes()]
        self.slugs = {language: set() for language in language_codes()}
        for values in Page.objects.child_of(page).values_list(*fields):
            for language, slug in zip(language_codes(), values, strict=True):
                if slug is not None:
                    self.slugs[language].add(slug)
        # Appended after the last existing child, as treebeard's add_child does.
        last = page.get_last_child()
        self.step = _step_number(last.path) if last else 0
        # wagtail-modeltranslation: a missing URL path falls back to Swedish.
        fallback = page.url_path_sv or page.url_path
        self.url_paths = {
            language: getattr(page, f"url_path_{language}") or fallback
            for language in language_codes()
        }

    def next_path(self):
        self.step += 1
        return self.page.path + _step(self.step, self.page)

    def free_slug(self, language, slug):
        """``slug``, or ``slug-2``, ``slug-3``...: as the importer picks among siblings."""
        taken = self.slugs[language]
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            candidate = f"{slug}-{number}"
        taken.add(candidate)
        return candidate


def _step_number(path):
    """A node's position among its siblings: the last step of its path, base 36."""
    return int(path[-Page.steplen :], len(Page.alphabet))


def _step(number, parent):
    alphabet, steplen = Page.alphabet, Page.steplen
    if number >= len(alphabet) ** steplen:
        raise CommandError(
            f"{parent.title!r} would get more than {len(alphabet) ** steplen - 1} children."
        )
    digits = ""
    while number:
        number, rest = divmod(number, len(alphabet))
        digits = alphabet[rest] + digits
    return digits.rjust(steplen, alphabet[0])


class BulkLoader:
    """Writes one validated bundle's items with bulk inserts; call :meth:`run` in a transaction."""

    def __init__(self, data, base_dir, progress=None, translation_status=True):
        self.data = data
        self.base_dir = Path(base_dir)
        self.progress = progress or (lambda done, total: None)
        self.translation_status = translation_status
        self.counts = Counter()
        self.done = 0
        self.total = sum(len(data.get(name, [])) for name in COLLECTIONS)

    def run(self):
        """Load the items; returns counts of pages, steps, restrictions and skipped documents."""
        self._refuse_existing_items()
        taxonomy = {"format": schema.FORMAT, "taxonomy": self.data.get("taxonomy", {})}
        BundleImporter(taxonomy, self.base_dir).run()
        self.partners = self._owners()
        tree = ensure_site_tree()
        parents = {
            OrganisationPage: tree.directory,
            RoutinePage: tree.routines,
            GuidancePage: tree.guidance,
            NewsPage: tree.news,
        }
        self.targets = {
            name: dict(model.objects.values_list("key", "pk"))
            for name, model in TAXONOMY_MODELS.items()
        }
        self.targets["organisations"] = {}
        self.groups = [group.pk for group in restricted_groups()]
        self.now = timezone.now()
        self.today = datetime.date.today()
        self.pages = _Table(Page, Page._meta.local_concrete_fields)
        self.steps = _Table(RoutineStep, RoutineStep._meta.concrete_fields)
        self.restrictions = _Table(PageViewRestriction, PageViewRestriction._meta.concrete_fields)
        self.progress(0, self.total)
        for name, model in COLLECTIONS.items():
            items = self.data.get(name, [])
            section = _Section(parents[model])
            table = _Table(model, model._meta.local_concrete_fields)
            relations = [
                (bundle_list, collection, *_relation_table(model._meta.get_field(bundle_list)))
                for bundle_list, collection in RELATIONS[model]
            ]
            for chunk in _chunks(items, BATCH):
                self._load(model, table, relations, section, chunk)
                self.done += len(chunk)
                self.progress(self.done, self.total)
            if items:
                Page.objects.filter(pk=section.page.pk).update(numchild=F("numchild") + len(items))
            self.counts[name] = len(items)
        if self.translation_status:
            # What a publish records besides: editorial's translation status, behind
            # the notice a reader of an outdated translation sees.
            started = time.perf_counter()
            self.counts["translation status"] = rebuild_translation_status(only_missing=True)
            self.counts["translation status seconds"] = time.perf_counter() - started
        return self.counts

    def _owners(self):
        """Partner ids by key for the items' ``owner``, in the order the importer meets them.

        The importer's own rule: an organisation named as owner becomes a partner.
        """
        importer = BundleImporter(self.data, self.base_dir)
        keys = dict.fromkeys(
            item["owner"]
            for name in COLLECTIONS
            for item in self.data.get(name, [])
            if "owner" in item
        )
        return {key: importer._partner(key).pk for key in keys}

    def _owner(self, item):
        """``partner_id`` for an item that names its owner; a new page has none otherwise."""
        return {"partner_id": self.partners[item["owner"]]} if "owner" in item else {}

    def _refuse_existing_items(self):
        for name, model in COLLECTIONS.items():
            keys = {item["key"] for item in self.data.get(name, [])}
            existing = sorted(keys & set(model.objects.values_list("key", flat=True)))
            if existing:
                raise CommandError(
                    f"{len(existing)} of the bundle's {name} are already in the database "
                    f"(first: {existing[0]!r}). The bulk loader only adds new items: load "
                    "into a fresh database, or use import_bundle to update."
                )

    def _load(self, model, table, relations, section, items):
        """Insert ``items`` as live pages of ``model`` under ``section``."""
        content_type = ContentType.objects.get_for_model(model).pk
        pages = [self._page(model, section, item, content_type) for item in items]
        self.pages.insert(pages)
        # The new pages are the section's children from the first new path to the last.
        paths = dict(
            Page.objects.filter(
                depth=section.depth, path__range=(pages[0].path, pages[-1].path)
            ).values_list("path", "pk")
        )
        ids = [paths[page.path] for page in pages]
        values = getattr(self, f"_{model._meta.model_name}_values")
        table.insert(
            [
                table.row({"page_ptr_id": pk, "key": item["key"], **values(item)})
                for pk, item in zip(ids, items, strict=True)
            ]
        )
        if model is OrganisationPage:
            self.targets["organisations"].update(
                (item["key"], pk) for pk, item in zip(ids, items, strict=True)
            )
        for bundle_list, collection, relation, source, target in relations:
            keys = self.targets[collection]
            relation.insert(
                [
                    relation.row({source: pk, target: keys[key]})
                    for pk, item in zip(ids, items, strict=True)
                    # A key listed twice is one relation, as with the importer's set().
                    for key in dict.fromkeys(item.get(bundle_list) or [])
                ]
            )
        if model is RoutinePage:
            self._steps(ids, items)
        self._restrict([pk for pk, item in zip(ids, items, strict=True) if item.get("restricted")])

    def _page(self, model, section, item, content_type):
        """The page row the importer's publish would write for ``item``."""
        titles = item["name"] if model is OrganisationPage else item["title"]
        values = {}
        for language in language_codes():
            title = (titles.get(language) or "").strip()
            values[f"title_{language}"] = title or None
            # The importer's slug rule: the key in Swedish, else from the title.
            wanted = item["key"] if language == "sv" or not title else slugify(anyascii(title))[:80]
            slug = section.free_slug(language, wanted or item["key"])
            values[f"slug_{language}"] = slug
            values[f"url_path_{language}"] = f"{section.url_paths[language]}{slug}/"
        row = self.pages.row(
            {
                **values,
                "path": section.next_path(),
                "depth": section.depth,
                "numchild": 0,
                "content_type_id": content_type,
                "locale_id": section.page.locale_id,
                "show_in_menus": model.show_in_menus_default,
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": self.now,
                "last_published_at": self.now,
            }
        )
        row.draft_title = row.title
        return row

    def _organisationpage_values(self, item):
        return {
            "kind": item.get("kind") or "other",
            "phone": item.get("phone") or "",
            "email": item.get("email") or "",
            "website": item.get("website") or "",
            "address": item.get("address") or "",
            "open_24h": bool(item.get("open_24h")),
            "languages": ", ".join(item.get("languages") or []),
            "verified_on": _date(item.get("verified_on")),
            **_translated("description", item.get("description"), html=True),
            **self._owner(item),
        }

    def _routinepage_values(self, item):
        return {
            "last_reviewed": _date(item.get("last_reviewed"), self.today),
            **_translated("summary", item.get("summary")),
            **self._owner(item),
        }

    def _guidancepage_values(self, item):
        if item.get("document"):
            self.counts["documents not attached"] += 1
        return {
            "publication_date": _date(item.get("published"), self.today),
            **_translated("summary", item.get("summary")),
            **_translated("body", item.get("body"), html=True),
            **self._owner(item),
        }

    def _newspage_values(self, item):
        return {
            "date": _date(item.get("date"), self.today),
            **_translated("summary", item.get("summary")),
            **_translated("body", item.get("body"), html=True),
        }

    def _steps(self, ids, items):
        organisations = self.targets["organisations"]
        rows = [
            self.steps.row(
                {
                    "page_id": pk,
                    "sort_order": index,
                    "responsible_id": (
                        organisations[step["responsible"]] if step.get("responsible") else None
                    ),
                    "requirement": step.get("requirement") or "should",
                    **_translated("title", step.get("title")),
                    **_translated("body", step.get("body"), html=True),
                }
            )
            for pk, item in zip(ids, items, strict=True)
            for index, step in enumerate(item.get("steps", []))
        ]
        self.steps.insert(rows)
        self.counts["routine steps"] += len(rows)

    def _restrict(self, ids):
        """A view restriction for the restricted groups, as ``set_restricted`` makes."""
        self.restrictions.insert(
            [
                self.restrictions.row(
                    {"page_id": pk, "restriction_type": PageViewRestriction.GROUPS}
                )
                for pk in ids
            ]
        )
        restrictions = PageViewRestriction.objects.filter(page__in=ids).values_list("pk", flat=True)
        table, source, target = _relation_table(PageViewRestriction._meta.get_field("groups"))
        table.insert(
            [
                table.row({source: restriction, target: group})
                for restriction in restrictions
                for group in self.groups
            ]
        )
        self.counts["restricted"] += len(ids)


def _check_database():
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("The database is not migrated: run `manage.py migrate` first.")


def load(bundle_path, stdout=None, translation_status=True):
    """Validate the bundle at ``bundle_path`` and load its items in bulk, in one transaction.

    Writes progress and a summary to ``stdout`` (default ``sys.stdout``) and
    returns the counts. Raises ``CommandError`` with a clear message, having
    changed nothing, when the bundle is invalid or its items are already loaded.
    ``translation_status=False`` leaves out the translation status of the
    loaded pages (editorial's, which search does not read): it takes about
    twice as long as loading the pages; ``manage.py translation_status
    --missing-only`` records it later.
    """
    out = OutputWrapper(stdout or sys.stdout)
    path = Path(bundle_path)
    started = time.perf_counter()
    data = read_bundle(path)
    _check_database()
    report = validate(data, path.parent, partners=Partner.objects.values_list("key", flat=True))
    if not report.ok:
        problems = "\n".join(f"  {error}" for error in report.errors[:SHOWN_PROBLEMS])
        more = len(report.errors) - SHOWN_PROBLEMS
        problems += f"\n  ... and {more} more" if more > 0 else ""
        raise CommandError(
            f"{path}: {len(report.errors)} error(s); nothing was loaded.\n{problems}"
        )
    for warning in report.warnings[:SHOWN_PROBLEMS]:
        out.write(f"warning: {warning}")
    if len(report.warnings) > SHOWN_PROBLEMS:
        out.write(f"warning: ... and {len(report.warnings) - SHOWN_PROBLEMS} more")
    validated, cpu = time.perf_counter(), time.process_time()
    loader = BulkLoader(data, path.parent, progress_writer(out), translation_status)
    with translation.override("sv"), transaction.atomic():
        counts = loader.run()
    seconds, cpu = time.perf_counter() - validated, time.process_time() - cpu
    items = sum(counts[name] for name in COLLECTIONS)
    kinds = ", ".join(f"{counts[name]} {name}" for name in COLLECTIONS)
    out.write(
        f"Loaded {items} items ({kinds}; {counts['routine steps']} routine steps, "
        f"{counts['restricted']} restricted) with the bulk loader in {seconds:.1f} s, "
        f"{items / max(seconds, 1e-9):.0f} items/s (CPU of this process: {cpu:.1f} s); "
        f"reading and validating the bundle took {validated - started:.1f} s."
    )
    if translation_status:
        out.write(
            f"Of that, recording the translation status of {counts['translation status']} "
            f"pages took {counts['translation status seconds']:.1f} s."
        )
    else:
        out.write(
            "Translation status not recorded: run `manage.py translation_status --missing-only`."
        )
    if counts["documents not attached"]:
        out.write(f"{counts['documents not attached']} guidance documents were not attached.")
    out.write("Not indexed: run `manage.py search_index rebuild` to search them.")
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", help="a portal-bundle/1 JSON file, e.g. from generate_corpus.py")
    parser.add_argument(
        "--no-translation-status",
        action="store_true",
        help="do not record the pages' translation status (search does not read it)",
    )
    args = parser.parse_args(argv)
    try:
        load(args.bundle, translation_status=not args.no_translation_status)
    except CommandError as exc:
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
