#!/usr/bin/env python3
"""Where ``import_bundle`` spends its time: cProfile plus SQL queries by origin.

    .venv/bin/python bench/profile_import.py --items 500 [--reimport] [--top 40]

Runs in-process on a fresh SQLite file in /tmp (or ``--database-url``): it
migrates, generates a corpus with ``bench/generate_corpus.py``, imports it
once (and with ``--reimport`` profiles a second, unchanged import instead)
and prints the slowest functions and the number of SQL queries per calling
line of ``resources/bundle/importer.py`` and per Wagtail step.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Steps of a page save worth telling apart, innermost first.
STEPS = (
    ("modelsearch/", "search index"),
    ("wagtail/tasks.py", "reference index"),
    ("wagtail/models/reference_index.py", "reference index"),
    ("resources/access.py", "view restriction"),
    ("wagtail/log_actions.py", "log entry"),
    ("resources/models/base.py:clean", "PortalPage.clean (sibling slugs)"),
    ("resources/models/base.py:_free_key", "key"),
    ("django/db/models/base.py:validate_unique", "full_clean unique checks"),
    ("django/db/models/base.py:validate_constraints", "full_clean constraints"),
    ("wagtail/models/pages.py:_check_slug_is_unique", "Wagtail slug check"),
    ("modelcluster/fields.py", "child relations commit"),
    ("modelcluster/models.py:get_serializable_data", "revision"),
    ("wagtail/models/revisions.py", "revision"),
    ("wagtail/actions/publish_revision.py:__init__", "revision"),
    ("wagtail/models/pages.py:save_revision", "revision"),
    ("patch_wagtailadmin.py", "modeltranslation url paths"),
    ("treebeard/", "tree"),
    ("django/db/models/base.py:save_base", "page row insert/update"),
    ("wagtail/actions/publish_revision.py", "publish"),
)


def origin(frame):
    """(innermost importer.py line, innermost interesting step) of a query's stack."""
    importer_line, step = "?", None
    while frame is not None:
        code = frame.f_code
        name = code.co_filename
        if importer_line == "?" and name.endswith("resources/bundle/importer.py"):
            importer_line = f"importer.py:{frame.f_lineno} {code.co_name}"
        if step is None:
            name = f"{name}:{code.co_name}"
            for marker, label in STEPS:
                if marker in name:
                    step = label
                    break
        frame = frame.f_back
    return importer_line, step or "other"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reimport", action="store_true", help="profile the second import")
    parser.add_argument("--database-url")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--out", help="also write the raw cProfile data here")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.chdir(ROOT)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.corpus.files import write_corpus
    from resources.bundle.importer import BundleImporter

    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", "--noinput", verbosity=0)
    bundle_path = workdir / "bundle.json"
    data = write_corpus(bundle_path, args.items, args.seed)

    def run(data):
        importer = BundleImporter(data, workdir)
        with transaction.atomic():
            return importer.run()

    if args.reimport:
        run(data)
    queries = Counter()
    lines = Counter()

    def wrapper(execute, sql, params, many, context):
        line, step = origin(sys._getframe(1))
        queries[step] += 1
        lines[line] += 1
        return execute(sql, params, many, context)

    profile = cProfile.Profile()
    started = time.perf_counter()
    with connection.execute_wrapper(wrapper):
        profile.enable()
        summary = run(data)
        profile.disable()
    seconds = time.perf_counter() - started
    items = sum(
        n for (kind, _), n in summary.items() if kind not in ("themes", "regions", "audiences")
    )
    print(f"{items} items in {seconds:.1f} s under the profiler; outcomes {dict(summary)}")
    total = sum(queries.values())
    print(f"\nSQL queries: {total} ({total / max(items, 1):.0f} per item)")
    for step, count in queries.most_common():
        print(f"  {count:>8}  {step}")
    print("\nSQL queries by importer line:")
    for line, count in lines.most_common(20):
        print(f"  {count:>8}  {line}")
    stream = io.StringIO()
    stats = pstats.Stats(profile, stream=stream)
    stats.sort_stats("cumulative").print_stats(args.top)
    print(stream.getvalue())
    if args.out:
        profile.dump_stats(args.out)


if __name__ == "__main__":
    main()
