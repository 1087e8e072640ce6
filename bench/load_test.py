#!/usr/bin/env python3
# ruff: noqa: E402 - run as a script, the project's path is added before its imports
"""Load and soak test: gunicorn, production settings, PostgreSQL and the engine.

    .venv/bin/python bench/load_test.py [--items 10000] [--clients 20 100]
        [--seconds 60] [--page-cache both|on|off] [--soak 600]
        [--redis] [--cached-pages-only]

In one run:
1. starts an OpenSearch node of its own (tools/opensearch, ``--engine-port``,
   so the soak can restart it without disturbing other work), creates a
   PostgreSQL database next to the one ``DATABASE_URL`` names (default
   ``postgres://eportal:eportal@127.0.0.1:5432/eportal``, as in CI), generates
   and bulk-loads ``--items`` items (bench/generate_corpus.py,
   bench/load_corpus.py), rebuilds the search index and collects the static
   files;
2. serves the portal with gunicorn and the production settings (WhiteNoise
   for the static files) exactly as the browser tests do (tests/e2e/server.py),
   with the per-client rate limits off: every simulated visitor comes from
   127.0.0.1;
3. for each page-cache setting, runs ``--clients`` closed-loop clients (each
   sends its next request when the previous answer has been read) for
   ``--seconds`` with a mix of what anonymous visitors do: home, theme,
   routine, guidance and organisation pages, the directory with filters, the
   search page, the search API and autocomplete; then the same clients on one
   static file, the ceiling the pages are measured against;
4. with ``--soak S``: S seconds at the first client count, the page cache on,
   an editor publishing a change every 2 s (bench/soak_editor.py), the outbox
   worker (``search_index drain --follow``) running, and the engine stopped
   and started again in the middle. Afterwards the outbox must empty and
   ``search_index check`` must find the index equal to the database; the
   workers' resident memory is sampled every 5 s.

With ``--redis`` the page cache, rate limits and login throttling live in a
redis-server of the test's own (``CACHE_URL``), shared by the workers; without
it each worker keeps its own in-process cache. In both, a phase measures the
cached anonymous pages alone (home, theme and routine pages, ``--cached-sample``
of each type, each visited once before, so the phase meets what the cache
holds) and reports the hit rate and the throughput as a share of the static
file's, measured right after it. ``--cached-pages-only`` runs only that.

Every answer other than 200 counts as an error; the script exits non-zero if
there was one, or if the index check failed. Everything it created is removed
at the end. The load generator runs on the same machine as the server, the
database and the engine, and takes a share of the same cores.
"""

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load_testing.clients import kind_rows, report_errors, run_clients, summary_row
from bench.load_testing.server import LoadServer, engine_node
from bench.load_testing.soak import soak
from bench.load_testing.visitors import CachedPages, Mix, Static, static_url, visitor_urls
from bench.search_benchmark import percentile
from tests.e2e.server import ServerError
from tests.redis_server import RedisServer

DEFAULT_DATABASE = "postgres://eportal:eportal@127.0.0.1:5432/eportal"
WARM_UP_SECONDS = 15


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--clients", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--seconds", type=float, default=60, help="per measured phase")
    parser.add_argument("--page-cache", choices=["both", "on", "off"], default="both")
    parser.add_argument("--soak", type=float, default=0, help="soak seconds (0: no soak)")
    parser.add_argument("--soak-only", action="store_true", help="skip the measured phases")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--engine-port", type=int, default=9260)
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument("--redis", action="store_true", help="the shared cache in Redis")
    parser.add_argument("--cached-sample", type=int, default=200, help="pages per cached type")
    parser.add_argument("--cached-pages-only", action="store_true", help="only the cached pages")
    args = parser.parse_args()

    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = DEFAULT_DATABASE
    engine_node("start.sh", args.engine_port)
    redis = RedisServer() if args.redis else None
    if redis is not None:
        redis.start()
        os.environ["CACHE_URL"] = redis.url
    server = LoadServer(
        f"http://127.0.0.1:{args.engine_port}",
        ROOT / "artifacts" / "load",
        args.items,
        args.workers,
        args.threads,
    )
    cache = "page cache in Redis (CACHE_URL)" if redis else "page cache per worker"
    out = [
        f"# Load test: {args.items} items, gunicorn {args.workers} workers x {args.threads}"
        f" threads, PostgreSQL, OpenSearch, {cache}, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
    ]
    ok = True
    try:
        started = time.monotonic()
        server.start()
        setup_seconds = time.monotonic() - started
        out.append(f"set-up (database, corpus, index, static files): {setup_seconds:.0f} s")
        os.environ.update(server.env)
        import django

        django.setup()
        urls = visitor_urls()
        mix = Mix(urls)
        cached = CachedPages(urls, args.cached_sample)
        static = Static(static_url())
        ok = asyncio.run(measure(server, mix, cached, static, args, out))
    except ServerError as exc:
        out.append(f"the portal could not be served: {exc}")
        ok = False
    finally:
        try:
            server.stop()
            engine_node("stop.sh", args.engine_port)
        finally:
            if redis is not None:
                redis.stop()
        report = "\n".join(out)
        print(report)
        if args.out:
            args.out.write_text(report + "\n", encoding="utf-8")
    sys.exit(0 if ok else 1)


async def measure(server, mix, cached, static, args, out):
    ok = True
    if not args.soak_only:
        ok = await measure_cached_pages(server, cached, static, args, out)
    if not (args.soak_only or args.cached_pages_only):
        ok = await measure_phases(server, mix, static, args, out) and ok
    if args.soak:
        server.restart(PAGE_CACHE_SECONDS="300")
        ok = await soak(server, mix, args.clients[0], args.soak, args.engine_port, out) and ok
    return ok


async def measure_cached_pages(server, cached, static, args, out):
    """Cached anonymous pages against the static file, at each client count, in one run."""
    server.restart(PAGE_CACHE_SECONDS="300")
    # Each page once per worker at most: afterwards the cache holds them all
    # (with Redis) or each worker's share (in process).
    priming = cached.priming()
    seconds = max(WARM_UP_SECONDS, len(priming.requests) / 20)
    await run_clients(server.base_url, priming, args.clients[0], seconds, seed=7)
    table = ["| what | clients | requests | req/s | p50 ms | p95 ms | hits | share of static |"]
    table.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    notes = []
    errors = 0
    for clients in args.clients:
        pages = await run_clients(server.base_url, cached, clients, args.seconds)
        files = await run_clients(server.base_url, static, clients, args.seconds / 2)
        page_rate = pages.requests / pages.seconds
        file_rate = files.requests / files.seconds
        hits = pages.cache["hit"] / max(1, sum(pages.cache.values()))
        for label, results, share in (
            ("cached pages (home, theme, routine)", pages, f"{page_rate / file_rate:.2f}"),
            (f"static file {static.url}", files, ""),
        ):
            times = results.all_times()
            rate = results.requests / results.seconds
            hit_rate = f"{hits:.0%}" if results is pages else ""
            table.append(
                f"| {label} | {clients} | {results.requests} | {rate:.0f} |"
                f" {percentile(times, 50):.0f} | {percentile(times, 95):.0f} |"
                f" {hit_rate} | {share} |"
            )
            report_errors(results, notes)
            errors += results.error_count
    out.extend(["", *table, "", *notes, ""])
    return errors == 0


async def measure_phases(server, mix, static, args, out):
    settings = {"off": ["0"], "on": ["300"], "both": ["0", "300"]}[args.page_cache]
    table = ["| label | clients | requests | rps | p50 ms | p95 ms | p99 ms | errors |"]
    table.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    kinds = ["| label | clients | kind | requests | p50 ms | p95 ms | p99 ms |"]
    kinds.append("| --- | --- | --- | --- | --- | --- | --- |")
    notes = []
    errors = 0
    for seconds_cached in settings:
        label = "pages, cache " + ("off" if seconds_cached == "0" else "on")
        server.restart(PAGE_CACHE_SECONDS=seconds_cached)
        await run_clients(server.base_url, mix, args.clients[0], WARM_UP_SECONDS, seed=99)
        for clients in args.clients:
            results = await run_clients(server.base_url, mix, clients, args.seconds)
            table.append(summary_row(label, clients, results))
            kinds.extend(kind_rows(label, clients, results))
            notes.append(
                f"{label}, {clients} clients: X-Page-Cache {dict(results.cache)};"
                f" search API engine {dict(results.engines)}"
            )
            report_errors(results, notes)
            errors += results.error_count
    for clients in args.clients:
        results = await run_clients(server.base_url, static, clients, args.seconds / 2)
        table.append(summary_row(f"static file {static.url}", clients, results))
        report_errors(results, notes)
        errors += results.error_count
    out.extend(["", *table, "", *kinds, "", *notes, ""])
    return errors == 0


if __name__ == "__main__":
    main()
