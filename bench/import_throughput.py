#!/usr/bin/env python3
"""How fast ``manage.py import_bundle`` loads a large bundle.

    .venv/bin/python bench/import_throughput.py --items 10000
    .venv/bin/python bench/import_throughput.py --items 10000 \\
        --database-url postgres://eportal:eportal@127.0.0.1:5432/bench_import

Creates a fresh database (a new SQLite file in /tmp unless ``--database-url``
names another; a PostgreSQL database of that name is dropped and created
again), migrates it, generates a corpus of ``--items`` items with
``bench/generate_corpus.py`` and runs ``import_bundle`` on it twice as a
subprocess: (a) the first import, where every item is created, and (b) a
re-import of the same bundle, where every item is unchanged. Wall time covers
the whole command (start-up, JSON parsing, validation, import, commit);
items/s counts the bundle's items, taxonomy terms excluded.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus.files import write_corpus  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
ITEM_KINDS = ("organisations", "routines", "guidance", "news")


def manage(database_url, *args, capture=True):
    env = {**os.environ, "DATABASE_URL": database_url}
    python = str(PYTHON if PYTHON.exists() else sys.executable)
    result = subprocess.run(
        [python, "manage.py", *args], cwd=ROOT, env=env, capture_output=capture, text=True
    )
    if result.returncode:
        sys.stderr.write(result.stdout or "")
        sys.stderr.write(result.stderr or "")
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")
    return result.stdout


def fresh_database(database_url):
    """Drop and create the database ``database_url`` names, then migrate it."""
    parts = urlsplit(database_url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path[1:] if parts.path.startswith("//") else parts.path)
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif parts.scheme.startswith("postgres"):
        import psycopg

        name = parts.path.lstrip("/")
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise SystemExit(f"refusing to drop a database named {name!r}")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    else:
        raise SystemExit(f"unsupported database URL {database_url!r}")
    manage(database_url, "migrate", "--noinput")


def summary_counts(output):
    """``{kind: (created, updated, unchanged)}`` from the command's summary."""
    counts = {}
    for kind, created, updated, unchanged in re.findall(
        r"^\s+(\w+)\s+(\d+) created\s+(\d+) updated\s+(\d+) unchanged", output, re.M
    ):
        counts[kind] = (int(created), int(updated), int(unchanged))
    return counts


def timed_import(database_url, bundle, expect):
    started = time.perf_counter()
    output = manage(database_url, "import_bundle", str(bundle))
    seconds = time.perf_counter() - started
    counts = summary_counts(output)
    column = {"created": 0, "updated": 1, "unchanged": 2}[expect]
    wrong = {k: c for k, c in counts.items() if k in ITEM_KINDS and sum(c) != c[column]}
    if wrong:
        raise SystemExit(f"expected every item {expect}, got {wrong}\n{output}")
    return seconds, sum(counts.get(kind, (0, 0, 0))[column] for kind in ITEM_KINDS)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10000, help="corpus size (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--pdfs", type=int, default=0, help="PDFs to attach (default 0)")
    parser.add_argument(
        "--database-url",
        help="database to (re)create; default a new SQLite file in /tmp",
    )
    parser.add_argument("--workdir", help="where to write the corpus (default a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and corpus")
    args = parser.parse_args(argv)

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    engine = urlsplit(database_url).scheme.split("+")[0]
    engine = "postgresql" if engine.startswith("postgres") else engine

    print(f"database: {engine}; corpus: {args.items} items, seed {args.seed}", flush=True)
    fresh_database(database_url)
    bundle = workdir / "bundle.json"
    write_corpus(bundle, args.items, args.seed, args.pdfs)

    rows = []
    for label, expect in (("first import", "created"), ("re-import", "unchanged")):
        seconds, items = timed_import(database_url, bundle, expect)
        rows.append((label, expect, items, seconds))
        print(f"  {label}: {seconds:.1f} s", flush=True)

    print()
    header = ("engine", "run", "items", "outcome", "wall s", "items/s")
    print("| {:<10} | {:<12} | {:>6} | {:<9} | {:>7} | {:>7} |".format(*header))
    print(f"|{'-' * 12}|{'-' * 14}|{'-' * 8}|{'-' * 11}|{'-' * 9}|{'-' * 9}|")
    for label, expect, items, seconds in rows:
        print(
            f"| {engine:<10} | {label:<12} | {items:>6} | {expect:<9} | {seconds:>7.1f} "
            f"| {items / seconds:>7.1f} |"
        )

    if not args.keep and not args.workdir:
        for path in workdir.iterdir():
            if path.is_file():
                path.unlink()
        files = workdir / "files"
        if files.is_dir():
            for path in files.iterdir():
                path.unlink()
            files.rmdir()
        workdir.rmdir()


if __name__ == "__main__":
    main()
