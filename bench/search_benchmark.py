"""Indexing throughput and query latency on a generated corpus.

    .venv/bin/python bench/search_benchmark.py --items 10000 [--search-url URL] [--queries 300]

In one run, on one database and one engine:
1. generates a corpus (bench/generate_corpus.py) and loads it with no engine
   configured (so the load does not index): by default with the bulk loader
   (bench/load_corpus.py, minutes for 100,000 items), with `--loader import`
   through `import_bundle` (every publish as an editor's: hours at that size);
2. times the portal's full rebuild (`search_index rebuild`: five language
   documents per page, alias swap) and Wagtail's own `update_index` with its
   OpenSearch backend on the same pages and engine;
3. asks GET /api/search/ a mixed query set (single words, compounds, typos,
   multi-word, with and without filters) as an anonymous visitor and reports
   p50/p95/p99 of the API's time next to the engine's own `took` for the same
   requests: the difference is the portal's overhead;
4. asks the same queries, in the same order, as a bare `multi_match` straight
   to the engine: on the portal's own language index (title, summary, body)
   and on Wagtail's page index. That is the engine's floor for these pages;
   the API's p95 is printed as a multiple of it.

Run the engine as production would, for the figures in docs/PERFORMANCE.md:
full JIT and a heap sized for the corpus (`make engine` keeps quick-start
defaults for tests), e.g.

    SEARCH_PORT=9270 OPENSEARCH_FULL_JIT=1 OPENSEARCH_HEAP=2g tools/opensearch/start.sh
    .venv/bin/python bench/search_benchmark.py --items 10000 --search-url http://127.0.0.1:9270
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORDS = [
    "människohandel",
    "offer",
    "skyddat boende",
    "skyddsboende",
    "reflektionsperiod",
    "uppehållstillstånd",
    "tolk",
    "förhör",
    "socialtjänsten",
    "polisen",
    "åklagare",
    "hvb",
    "lvu",
    "ensamkommande barn",
    "arbetskraftsexploatering",
    "tiggeri",
    "återvändande",
    "traumabehandling",
    "hotbedömning",
    "målsägandebiträde",
    "manniskohandel",
    "reflektionsperod",
    "ensamkomande",
    "tolkar vid förhören",
    "vem betalar för skyddat boende",
    "stöd till offer för människohandel i stockholm",
]
FILTERS = [{}, {}, {"type": "routine"}, {"type": "organisation"}, {"region": "stockholm"}]


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def bare_multi_match(search, asked, index_for, fields, count):
    """Each query as a plain multi_match, top 10, timed round trip and the engine's `took`."""
    timings, took, found = [], [], 0
    for params in asked[:count]:
        body = {"query": {"multi_match": {"query": params["q"], "fields": fields}}, "size": 10}
        started = time.perf_counter()
        response = search(index_for(params), body)
        timings.append((time.perf_counter() - started) * 1000)
        took.append(response["took"])
        found += bool(response["hits"]["hits"])
    # A floor that finds nothing would be no floor: the wrong index or fields.
    assert found > count // 2, f"the bare query found hits for only {found} of {count}"
    return timings, took


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--search-url", default=os.environ.get("SEARCH_URL", "http://127.0.0.1:9200")
    )
    parser.add_argument("--skip-wagtail", action="store_true", help="skip Wagtail's update_index")
    parser.add_argument(
        "--loader",
        choices=["bulk", "import"],
        default="bulk",
        help="load the corpus with bench/load_corpus.py (default) or import_bundle",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="eportal-searchbench-"))
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir}/db.sqlite3",
        MEDIA_ROOT=str(workdir / "media"),
        SEARCH_URL="",
        SEARCH_INDEX_PREFIX=prefix,
        LOG_LEVEL="ERROR",
        # One client asking as fast as it can: the per-client limit would answer 429.
        SEARCH_RATE_LIMIT="off",
        AUTOCOMPLETE_RATE_LIMIT="off",
        # Latency is measured here, not the fallback: a query slowed past the visitors'
        # 2 s by a noisy neighbour must still be answered (and timed) by the engine.
        SEARCH_TIMEOUT="30",
    )
    bundle = workdir / "bundle.json"
    subprocess.run(  # noqa: S603 - our own generator
        [
            sys.executable,
            str(ROOT / "bench/generate_corpus.py"),
            "--items",
            str(args.items),
            "--out",
            str(bundle),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from core.i18n import language_codes
    from search import engine as engine_module
    from search import indexing
    from search.index import alias_name
    from search.registry import searchable_models

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        if args.loader == "bulk":
            from bench.load_corpus import load

            # Search does not read the editors' translation status: left out.
            load(bundle, stdout=quiet, translation_status=False)
            loader = "the bulk loader (bench/load_corpus.py)"
        else:
            call_command("import_bundle", str(bundle), stdout=quiet)
            loader = "import_bundle"
    seconds = time.perf_counter() - started
    print(f"corpus: {args.items} items loaded with {loader} in {seconds:.0f} s")

    settings.SEARCH_URL = args.search_url
    engine_module.reset_engine()
    engine = engine_module.get_engine()
    pages = sum(model.objects.live().count() for model in searchable_models())

    started = time.perf_counter()
    indexing.rebuild()
    portal_seconds = time.perf_counter() - started
    documents = pages * len(language_codes())
    print(
        f"portal rebuild: {pages} pages, {documents} documents in {portal_seconds:.1f} s"
        f" = {pages / portal_seconds:.0f} pages/s, {documents / portal_seconds:.0f} docs/s"
    )

    if not args.skip_wagtail:
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "wagtail.search.backends.opensearch3",
                "URLS": [args.search_url],
                # Wagtail's search backends name their indices INDEX_PREFIX + app_model.
                "INDEX_PREFIX": f"{prefix}-wagtail-",
                "TIMEOUT": 60,
            }
        }
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        wagtail_seconds = time.perf_counter() - started
        print(
            f"wagtail update_index: {wagtail_seconds:.1f} s for all indexed models"
            f" (the {pages} searchable pages among them) = {pages / wagtail_seconds:.0f} pages/s"
        )

    took = []  # per API request: the engine's own time over all its requests
    requests = []  # per API request: how many engine round trips it made
    original_search, original_msearch = engine.search, engine.msearch

    def recording_search(index, body, timeout=None):
        response = original_search(index, body, timeout)
        took[-1] += response["took"]
        requests[-1] += 1
        return response

    def recording_msearch(index, bodies, timeout=None):
        # One round trip; its searches' own times summed, as for separate requests.
        responses = original_msearch(index, bodies, timeout)
        took[-1] += sum(response["took"] for response in responses)
        requests[-1] += 1
        return responses

    engine.search = recording_search
    engine.msearch = recording_msearch
    client = Client()
    rng = random.Random(1)
    asked = [
        {
            "q": rng.choice(WORDS),
            "lang": rng.choice(["sv", "sv", "sv", "en"]),
            **rng.choice(FILTERS),
        }
        for _ in range(args.queries)
    ]
    timings = []
    for params in asked:
        took.append(0)
        requests.append(0)
        started = time.perf_counter()
        answer = client.get("/api/search/", params).json()
        timings.append((time.perf_counter() - started) * 1000)
        assert answer["engine"] == engine.product, answer
    overhead = [total - engine_ms for total, engine_ms in zip(timings, took, strict=True)]
    print(
        f"API latency over {args.queries} queries (ms): "
        f"p50 {percentile(timings, 50):.1f}  p95 {percentile(timings, 95):.1f}  "
        f"p99 {percentile(timings, 99):.1f}"
    )
    print(
        f"engine took (ms): p50 {percentile(took, 50):.1f}  p95 {percentile(took, 95):.1f}  "
        f"p99 {percentile(took, 99):.1f}"
    )
    print(
        f"portal overhead (ms): p50 {percentile(overhead, 50):.1f}  "
        f"p95 {percentile(overhead, 95):.1f}  mean {statistics.mean(overhead):.1f}"
    )
    print(
        f"engine round trips per search: mean {statistics.mean(requests):.2f}, max {max(requests)}"
    )

    floors = {"portal index": lambda params: alias_name(params["lang"])}
    if not args.skip_wagtail:
        # Wagtail's page index: every page model shares it.
        wagtail_index = f"{prefix}-wagtail-wagtailcore_page"
        assert engine.get_indices(wagtail_index), f"no index {wagtail_index}"
        floors["Wagtail's index"] = lambda params: wagtail_index
    # Wagtail copies every search field into _all_text.
    fields = {"portal index": ["title", "summary", "body"], "Wagtail's index": ["_all_text"]}
    for name, index_for in floors.items():
        floor, floor_took = bare_multi_match(
            original_search, asked, index_for, fields[name], args.queries
        )
        print(
            f"bare multi_match floor, {name} (ms): p50 {percentile(floor, 50):.1f}  "
            f"p95 {percentile(floor, 95):.1f}  p99 {percentile(floor, 99):.1f}; "
            f"engine took p95 {percentile(floor_took, 95):.1f}"
        )
        print(
            f"API p95 / floor p95 ({name}): "
            f"{percentile(timings, 95) / percentile(floor, 95):.1f}x; "
            f"engine took p95 / floor took p95: "
            f"{percentile(took, 95) / max(1, percentile(floor_took, 95)):.1f}x"
        )

    for language in language_codes():
        for index in engine.aliases(alias_name(language)):
            engine.delete_index(index)
    for index in engine.get_indices(f"{prefix}-wagtail*"):
        engine.delete_index(index)


if __name__ == "__main__":
    main()
