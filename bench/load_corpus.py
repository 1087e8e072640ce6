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
import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()

from django.core.management.base import CommandError, OutputWrapper
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from bench.bulk_loader.loader import COLLECTIONS, BulkLoader
from core.progress import progress_writer
from editorial.models import Partner
from resources.bundle import read_bundle
from resources.bundle.validation import validate

SHOWN_PROBLEMS = 20


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
