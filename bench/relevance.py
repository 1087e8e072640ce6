"""Search quality on judged collections: nDCG@10 and recall@10, engine and database.

    .venv/bin/python bench/relevance.py [--collection NAME ...] [--search-url URL] [-v]

Collections (each imported into a fresh SQLite database of its own):

- ``dev``: ``shared/relevance/`` (the collection the search was first tuned on);
- ``corpus``: ``bench/relevance/`` (161 items, 173 queries written
  independently of the search's word lists), reported as its ``tune`` and
  ``test`` halves (``bench/relevance/split.json``, split once by a fixed seed).
  Tune on ``dev`` and ``corpus/tune`` only; ``corpus/test`` is the honest figure.

Every query is asked of GET /api/search/ as an anonymous visitor (with its
filters), first against the engine (SEARCH_URL, default
http://127.0.0.1:9200; ``make engine`` starts one), then against the database
fallback. Restricted-only queries pass when no judged key appears on any page
of the answer and no count includes them.

The scores of every query are written to ``bench/relevance/results.json``; the
next run lists the queries whose nDCG@10 fell by more than 0.05 since.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "relevance"
OWN = ROOT / "bench" / "relevance"
RESULTS = OWN / "results.json"
COLLECTIONS = {
    "dev": (SHARED / "dev-bundle.json", SHARED / "dev-queries.json", None),
    "corpus": (OWN / "corpus-bundle.json", OWN / "corpus-queries.json", OWN / "split.json"),
}
BACKENDS = ("engine", "database")
REGRESSION = 0.05


def dcg(grades):
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def score(client, query, restricted_keys):
    """``{"ndcg", "recall", "leaks"}`` of one query; restricted-only queries have no scores."""
    params = {"q": query["q"], "lang": query["lang"], **query.get("filters", {})}
    answer = client.get("/api/search/", params).json()
    returned = [result["key"] for result in answer["results"]]
    leaks = [key for key in returned if key in restricted_keys]
    if query["kind"] == "restricted-only":
        keys = _all_keys(client, params, answer)
        leaks += [key for key in keys if key in query["relevant"]]
        return {"leaks": leaks, "answered_by": answer.get("engine")}
    judged = {k: g for k, g in query["relevant"].items() if k not in restricted_keys}
    if not judged:
        return {"leaks": leaks, "answered_by": answer.get("engine")}
    grades = [judged.get(key, 0) for key in returned[:10]]
    ideal = dcg(sorted(judged.values(), reverse=True)[:10])
    found = sum(1 for key in returned[:10] if key in judged)
    return {
        "ndcg": dcg(grades) / ideal if ideal else 0.0,
        "recall": found / min(len(judged), 10),
        "leaks": leaks,
        "answered_by": answer.get("engine"),
    }


def _all_keys(client, params, first):
    keys = [result["key"] for result in first["results"]]
    pages = math.ceil(first["total"] / first["page_size"]) if first["page_size"] else 1
    for page in range(2, min(pages, 50) + 1):
        answer = client.get("/api/search/", {**params, "page": page}).json()
        keys.extend(result["key"] for result in answer["results"])
    return keys


def run_collection(name, search_url):
    """Import one collection into a fresh database and score every query on both backends."""
    bundle_path, queries_path, _split = COLLECTIONS[name]
    workdir = tempfile.mkdtemp(prefix=f"eportal-relevance-{name}-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir}/db.sqlite3",
        MEDIA_ROOT=f"{workdir}/media",
        SEARCH_URL=search_url,
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
    with open(os.devnull, "w") as quiet:
        call_command("import_bundle", str(bundle_path), stdout=quiet)
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    restricted = {
        item["key"]
        for section in ("organisations", "routines", "guidance", "news")
        for item in bundle.get(section, [])
        if item.get("restricted")
    }
    queries = json.loads(queries_path.read_text(encoding="utf-8"))
    client = Client()
    scores = {}
    try:
        scores["engine"] = {q["id"]: score(client, q, restricted) for q in queries}
        with override_settings(SEARCH_URL=None):
            scores["database"] = {q["id"]: score(client, q, restricted) for q in queries}
    finally:
        engine = get_engine()
        for language in language_codes():
            for index in engine.aliases(alias_name(language)):
                engine.delete_index(index)
    return scores


def parts(name):
    """``{part name: set of query ids}`` of a collection: its halves, or the whole."""
    _bundle, queries_path, split_path = COLLECTIONS[name]
    if split_path is None:
        queries = json.loads(queries_path.read_text(encoding="utf-8"))
        return {name: {q["id"] for q in queries}}
    split = json.loads(split_path.read_text(encoding="utf-8"))
    return {f"{name}/{half}": set(ids) for half, ids in split.items() if isinstance(ids, list)}


def kinds(name):
    _bundle, queries_path, _split = COLLECTIONS[name]
    return {q["id"]: q["kind"] for q in json.loads(queries_path.read_text(encoding="utf-8"))}


def summary(scores, ids, kind_of):
    """``{kind: (queries, nDCG, recall)}`` plus ``ALL``, over the scored queries of ``ids``."""
    rows = defaultdict(list)
    for query_id in ids:
        row = scores.get(query_id, {})
        if "ndcg" in row:
            rows[kind_of[query_id]].append(row)
            rows["ALL"].append(row)
    return {
        kind: (
            len(group),
            sum(r["ndcg"] for r in group) / len(group),
            sum(r["recall"] for r in group) / len(group),
        )
        for kind, group in rows.items()
    }


def report(results, previous, verbose):
    """Print every part's table per backend, the leaks and the regressions since ``previous``."""
    overview = []
    for name, scores in results.items():
        kind_of = kinds(name)
        for part, ids in parts(name).items():
            for backend in BACKENDS:
                table = summary(scores[backend], ids, kind_of)
                answered = sorted({str(scores[backend][i].get("answered_by")) for i in ids})
                print(f"\n{part}, {backend} (answered by: {', '.join(answered)})")
                print(f"  {'kind':<16} {'queries':>7} {'nDCG@10':>8} {'recall@10':>9}")
                for kind in sorted(k for k in table if k != "ALL") + ["ALL"]:
                    count, ndcg, recall = table[kind]
                    print(f"  {kind:<16} {count:>7} {ndcg:>8.3f} {recall:>9.3f}")
                leaks = {i: scores[backend][i]["leaks"] for i in ids if scores[backend][i]["leaks"]}
                print(f"  restricted leaks: {len(leaks)} {leaks if leaks else ''}")
                overview.append((part, backend, *table["ALL"][1:]))
                if verbose:
                    for query_id in sorted(ids, key=lambda i: scores[backend][i].get("ndcg", 1)):
                        row = scores[backend][query_id]
                        if "ndcg" in row:
                            print(
                                f"    {query_id}: nDCG {row['ndcg']:.3f} recall {row['recall']:.3f}"
                            )
    print("\nSummary")
    for part, backend, ndcg, recall in overview:
        print(f"  {part:<14} {backend:<9} nDCG@10 {ndcg:.3f} recall@10 {recall:.3f}")
    regressions = [
        (name, backend, query_id, before["ndcg"], now["ndcg"])
        for name, scores in results.items()
        for backend in BACKENDS
        for query_id, now in scores[backend].items()
        if (before := previous.get(name, {}).get(backend, {}).get(query_id, {})).get("ndcg")
        is not None
        and "ndcg" in now
        and before["ndcg"] - now["ndcg"] > REGRESSION
    ]
    print(f"\nRegressions since the previous run (nDCG@10 down > {REGRESSION}): {len(regressions)}")
    for name, backend, query_id, before, now in regressions:
        print(f"  {name} {backend} {query_id}: {before:.3f} -> {now:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--collection", action="append", choices=sorted(COLLECTIONS))
    parser.add_argument(
        "--search-url", default=os.environ.get("SEARCH_URL", "http://127.0.0.1:9200")
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--one", choices=sorted(COLLECTIONS), help=argparse.SUPPRESS)
    parser.add_argument("--no-save", action="store_true", help="leave results.json as it is")
    args = parser.parse_args()
    if args.one:
        # A child run: Django is set up once per process, for one collection's database.
        print(json.dumps(run_collection(args.one, args.search_url)))
        return
    results = {}
    for name in args.collection or sorted(COLLECTIONS):
        child = subprocess.run(  # noqa: S603 (our own script)
            [sys.executable, __file__, "--one", name, "--search-url", args.search_url],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode:
            sys.exit(f"relevance: the {name} collection failed:\n{child.stderr}")
        results[name] = json.loads(child.stdout.strip().splitlines()[-1])
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    report(results, previous, args.verbose)
    if not args.no_save:
        RESULTS.write_text(json.dumps({**previous, **results}, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
