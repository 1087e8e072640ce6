"""Search quality on a judged collection: nDCG@10 and recall@10, engine and database.

    .venv/bin/python bench/relevance.py [--bundle B] [--queries Q] [--search-url URL]

Imports the bundle into a fresh SQLite database, asks GET /api/search/ every
query as an anonymous visitor (with the query's filters), and prints the
metrics overall and per query kind, first for the engine (SEARCH_URL, default
http://127.0.0.1:9200; `make engine` starts one) and then for the database
fallback. Restricted-only queries pass when no judged key appears on any page
of the answer and no count includes them.
"""

import argparse
import json
import math
import os
import sys
import tempfile
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "relevance"


def dcg(grades):
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def evaluate(client, queries, restricted_keys):
    per_kind = defaultdict(list)
    restricted_failures = []
    for query in queries:
        params = {"q": query["q"], "lang": query["lang"], **query.get("filters", {})}
        answer = client.get("/api/search/", params).json()
        returned = [result["key"] for result in answer["results"]]
        leaked = [key for key in returned if key in restricted_keys]
        if leaked:
            restricted_failures.append((query["id"], leaked))
        if query["kind"] == "restricted-only":
            keys = _all_keys(client, params, answer)
            hit = [key for key in keys if key in query["relevant"]]
            if hit:
                restricted_failures.append((query["id"], hit))
            continue
        judged = {k: g for k, g in query["relevant"].items() if k not in restricted_keys}
        if not judged:
            continue
        grades = [judged.get(key, 0) for key in returned[:10]]
        ideal = dcg(sorted(judged.values(), reverse=True)[:10])
        ndcg = dcg(grades) / ideal if ideal else 0.0
        found = sum(1 for key in returned[:10] if key in judged)
        recall = found / min(len(judged), 10)
        per_kind[query["kind"]].append((ndcg, recall, query["id"], answer.get("engine")))
    return per_kind, restricted_failures


def _all_keys(client, params, first):
    keys = [result["key"] for result in first["results"]]
    pages = math.ceil(first["total"] / first["page_size"]) if first["page_size"] else 1
    for page in range(2, min(pages, 50) + 1):
        answer = client.get("/api/search/", {**params, "page": page}).json()
        keys.extend(result["key"] for result in answer["results"])
    return keys


def report(title, per_kind, failures, verbose):
    everything = [row for rows in per_kind.values() for row in rows]
    engines = {row[3] for row in everything}
    print(f"\n{title} (answered by: {', '.join(sorted(map(str, engines)))})")
    print(f"  {'kind':<14} {'queries':>7} {'nDCG@10':>8} {'recall@10':>9}")
    for kind in sorted(per_kind):
        rows = per_kind[kind]
        print(
            f"  {kind:<14} {len(rows):>7} {sum(r[0] for r in rows) / len(rows):>8.3f}"
            f" {sum(r[1] for r in rows) / len(rows):>9.3f}"
        )
    ndcg = sum(r[0] for r in everything) / len(everything)
    recall = sum(r[1] for r in everything) / len(everything)
    print(f"  {'ALL':<14} {len(everything):>7} {ndcg:>8.3f} {recall:>9.3f}")
    print(f"  restricted leaks: {len(failures)} {failures if failures else ''}")
    if verbose:
        for row in sorted(everything, key=lambda r: r[0]):
            print(f"    {row[2]}: nDCG {row[0]:.3f} recall {row[1]:.3f}")
    return ndcg, recall


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", default=str(SHARED / "dev-bundle.json"))
    parser.add_argument("--queries", default=str(SHARED / "dev-queries.json"))
    parser.add_argument(
        "--search-url", default=os.environ.get("SEARCH_URL", "http://127.0.0.1:9200")
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="eportal-relevance-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir}/db.sqlite3",
        MEDIA_ROOT=f"{workdir}/media",
        SEARCH_URL=args.search_url,
        SEARCH_INDEX_PREFIX=f"relevance-{uuid.uuid4().hex[:8]}",
        LOG_LEVEL="ERROR",
        # One client asking as fast as it can: the per-client limit would answer 429.
        SEARCH_RATE_LIMIT="off",
        AUTOCOMPLETE_RATE_LIMIT="off",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client, override_settings

    from core.i18n import language_codes
    from search.engine import get_engine
    from search.index import alias_name

    call_command("migrate", verbosity=0, interactive=False)
    call_command("import_bundle", args.bundle, stdout=open(os.devnull, "w"))  # noqa: SIM115
    bundle = json.loads(Path(args.bundle).read_text(encoding="utf-8"))
    restricted = {
        item["key"]
        for name in ("organisations", "routines", "guidance", "news")
        for item in bundle.get(name, [])
        if item.get("restricted")
    }
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    client = Client()
    try:
        engine_scores = report("Engine", *evaluate(client, queries, restricted), args.verbose)
        with override_settings(SEARCH_URL=None):
            database_scores = report(
                "Database fallback", *evaluate(client, queries, restricted), args.verbose
            )
    finally:
        engine = get_engine()
        for language in language_codes():
            for index in engine.aliases(alias_name(language)):
                engine.delete_index(index)
    print(
        f"\nengine nDCG@10 {engine_scores[0]:.3f} recall@10 {engine_scores[1]:.3f}; "
        f"database nDCG@10 {database_scores[0]:.3f} recall@10 {database_scores[1]:.3f}"
    )


if __name__ == "__main__":
    main()
