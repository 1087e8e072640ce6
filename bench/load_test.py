#!/usr/bin/env python3
# ruff: noqa: E402 - run as a script, the project's path is added before its imports
"""Load and soak test: gunicorn, production settings, PostgreSQL and the engine.

    .venv/bin/python bench/load_test.py [--items 10000] [--clients 20 100]
        [--seconds 60] [--page-cache both|on|off] [--soak 600]

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

Every answer other than 200 counts as an error; the script exits non-zero if
there was one, or if the index check failed. Everything it created is removed
at the end. The load generator runs on the same machine as the server, the
database and the engine, and takes a share of the same cores.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp

from bench.search_benchmark import WORDS, percentile
from tests.e2e.server import PortalServer, ServerError

TOOLS = ROOT / "tools" / "opensearch"
DEFAULT_DATABASE = "postgres://eportal:eportal@127.0.0.1:5432/eportal"
# How often each kind of request comes up in the visitors' mix.
MIX = {
    "home": 8,
    "theme": 8,
    "routine": 22,
    "guidance": 8,
    "organisation": 8,
    "directory": 10,
    "search page": 10,
    "search API": 12,
    "autocomplete": 14,
}
LANGUAGE_WEIGHTS = {"sv": 7, "en": 3}
SAMPLE = 2000  # pages of each type to draw from
WARM_UP_SECONDS = 15
MEMORY_EVERY = 5.0


class LoadServer(PortalServer):
    """The portal with a generated corpus instead of the demo content."""

    kind = "load"
    access_log = False

    def __init__(self, search_url, log_dir, items, workers, threads):
        self.items = items
        self.workers = workers
        self.threads = threads
        super().__init__(search_url, log_dir)

    def _environment(self, database_url):
        env = super()._environment(database_url)
        env.update(SEARCH_RATE_LIMIT="off", AUTOCOMPLETE_RATE_LIMIT="off", LOG_LEVEL="WARNING")
        return env

    def load_content(self, log):
        bundle = self._workdir / "bundle.json"
        generate = ROOT / "bench" / "generate_corpus.py"
        self._run(str(generate), "--items", str(self.items), "--out", str(bundle), log=log)
        self._run(str(ROOT / "bench" / "load_corpus.py"), str(bundle), log=log)
        self._run("manage.py", "search_index", "rebuild", log=log)

    @property
    def env(self):
        return self._env

    def worker_pids(self):
        """The gunicorn workers: the children of the master process."""
        master = self._process.pid
        try:
            children = Path(f"/proc/{master}/task/{master}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in children.split()]


def engine_node(script, port):
    subprocess.run(  # noqa: S603 - the project's own scripts
        [str(TOOLS / script)],
        env={**os.environ, "SEARCH_PORT": str(port), "OPENSEARCH_HEAP": "1g"},
        check=True,
        capture_output=True,
        timeout=300,
    )


def resident_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# -- what the visitors ask for ---------------------------------------------------


def visitor_urls():
    """Absolute paths of what an anonymous visitor can reach, by kind of request."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation
    from wagtail.models import Page

    from core.access import visible_pages
    from home.models import HomePage
    from resources.models import (
        DirectoryPage,
        GuidancePage,
        OrganisationKind,
        OrganisationPage,
        Region,
        RoutinePage,
        ThemePage,
    )

    anonymous = AnonymousUser()

    def page_urls(model, limit=SAMPLE):
        pages = visible_pages(model.objects.live(), anonymous).order_by("?")[:limit]
        urls = {}
        for language in LANGUAGE_WEIGHTS:
            with translation.override(language):
                urls[language] = [Page.get_url(page) for page in pages]
        return urls

    directory = page_urls(DirectoryPage, 1)
    regions = list(Region.objects.values_list("key", flat=True))
    directory_urls = {}
    for language, (base,) in directory.items():
        directory_urls[language] = (
            [base]
            + [f"{base}?region={region}" for region in regions]
            + [f"{base}?kind={kind}" for kind in OrganisationKind.values]
            + [f"{base}?region={region}&open_24h=1" for region in regions]
        )
    search_terms = WORDS
    return {
        "home": page_urls(HomePage, 1),
        "theme": page_urls(ThemePage),
        "routine": page_urls(RoutinePage),
        "guidance": page_urls(GuidancePage),
        "organisation": page_urls(OrganisationPage),
        "directory": directory_urls,
        "search page": {
            language: [f"/{language}/search/?q={term}" for term in search_terms]
            + [f"/{language}/search/?q={term}&type=routine" for term in search_terms]
            for language in LANGUAGE_WEIGHTS
        },
        "search API": {
            language: [f"/api/search/?q={term}&lang={language}" for term in search_terms]
            + [f"/api/search/?q={term}&lang={language}&region=stockholm" for term in search_terms]
            for language in LANGUAGE_WEIGHTS
        },
        "autocomplete": {
            language: [
                f"/api/search/autocomplete/?q={term[:length]}&lang={language}"
                for term in search_terms
                for length in (3, 5, 8)
            ]
            for language in LANGUAGE_WEIGHTS
        },
    }


def static_url():
    """A collected style sheet under its hashed name, as pages link it."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url("css/portal.css")


class Mix:
    def __init__(self, urls):
        self.urls = urls
        self.kinds = [kind for kind in MIX if any(urls[kind].values())]
        self.weights = [MIX[kind] for kind in self.kinds]
        self.languages = list(LANGUAGE_WEIGHTS)
        self.language_weights = list(LANGUAGE_WEIGHTS.values())

    def pick(self, rng):
        kind = rng.choices(self.kinds, self.weights)[0]
        language = rng.choices(self.languages, self.language_weights)[0]
        return kind, rng.choice(self.urls[kind][language])


class Static:
    def __init__(self, url):
        self.url = url

    def pick(self, rng):
        return "static file", self.url


# -- the clients -------------------------------------------------------------------


class Results:
    def __init__(self):
        self.times = defaultdict(list)  # kind: [ms]
        self.errors = Counter()  # "kind status": n
        self.cache = Counter()  # X-Page-Cache: n
        self.engines = Counter()  # the API's "engine": n
        self.seconds = 0.0

    @property
    def requests(self):
        return sum(len(times) for times in self.times.values())

    @property
    def error_count(self):
        return sum(self.errors.values())

    def all_times(self):
        return [ms for times in self.times.values() for ms in times]


async def run_clients(base_url, mix, clients, seconds, seed=1):
    results = Results()
    # A connection per request, as many separate visitors make: gunicorn's
    # threaded workers keep a kept-alive connection for good, and the first
    # worker to accept a burst of them would serve nearly all the load.
    connector = aiohttp.TCPConnector(limit=clients, force_close=True)
    timeout = aiohttp.ClientTimeout(total=60)
    started = time.monotonic()
    deadline = started + seconds
    async with aiohttp.ClientSession(base_url, connector=connector, timeout=timeout) as session:

        async def client(number):
            rng = random.Random(seed * 1000 + number)
            while time.monotonic() < deadline:
                kind, url = mix.pick(rng)
                begun = time.perf_counter()
                try:
                    async with session.get(url, allow_redirects=False) as response:
                        body = await response.read()
                        status = response.status
                        cached = response.headers.get("X-Page-Cache")
                except (TimeoutError, aiohttp.ClientError) as exc:
                    status, body, cached = type(exc).__name__, b"", None
                results.times[kind].append((time.perf_counter() - begun) * 1000)
                if status != 200:
                    results.errors[f"{kind} {status} {url}"] += 1
                    continue
                if cached:
                    results.cache[cached] += 1
                if kind == "search API":
                    results.engines[json.loads(body).get("engine")] += 1

        await asyncio.gather(*(client(number) for number in range(clients)))
    results.seconds = time.monotonic() - started
    return results


def summary_row(label, clients, results):
    times = results.all_times()
    return (
        f"| {label} | {clients} | {results.requests} | {results.requests / results.seconds:.0f} |"
        f" {percentile(times, 50):.0f} | {percentile(times, 95):.0f} |"
        f" {percentile(times, 99):.0f} | {results.error_count} |"
    )


def kind_rows(label, clients, results):
    for kind, times in sorted(results.times.items()):
        yield (
            f"| {label} | {clients} | {kind} | {len(times)} | {percentile(times, 50):.0f} |"
            f" {percentile(times, 95):.0f} | {percentile(times, 99):.0f} |"
        )


def report_errors(results, out):
    for key, count in results.errors.most_common(10):
        out.append(f"  error x{count}: {key}")


# -- the soak ------------------------------------------------------------------------


async def soak(server, mix, clients, seconds, engine_port, out):
    """Load, edits and an engine restart; then the outbox must drain and the index match."""
    from search.models import IndexChange

    worker = subprocess.Popen(  # noqa: S603 - the project's own command
        [sys.executable, "manage.py", "search_index", "drain", "--follow", "--interval", "1"],
        cwd=ROOT,
        env=server.env,
        stdout=open(server.log_dir / "outbox-worker.log", "w"),  # noqa: SIM115 - closed with the process
        stderr=subprocess.STDOUT,
    )
    editor = subprocess.Popen(  # noqa: S603 - the project's own script
        [sys.executable, str(ROOT / "bench" / "soak_editor.py"), "--seconds", str(seconds)],
        cwd=ROOT,
        env=server.env,
        stdout=subprocess.PIPE,
        stderr=open(server.log_dir / "soak-editor.log", "w"),  # noqa: SIM115
        text=True,
    )
    memory = []  # (seconds since start, [MB per worker])
    started = time.monotonic()

    async def sample_memory():
        while time.monotonic() - started < seconds:
            sizes = [resident_mb(pid) for pid in server.worker_pids()]
            memory.append((time.monotonic() - started, [size for size in sizes if size]))
            await asyncio.sleep(MEMORY_EVERY)

    async def restart_engine():
        await asyncio.sleep(seconds / 2)
        stopped = time.monotonic()
        await asyncio.to_thread(engine_node, "stop.sh", engine_port)
        await asyncio.to_thread(engine_node, "start.sh", engine_port)
        return stopped - started, time.monotonic() - stopped

    load, _, (stopped_at, downtime) = await asyncio.gather(
        run_clients(server.base_url, mix, clients, seconds, seed=7),
        sample_memory(),
        restart_engine(),
    )
    edits = json.loads(editor.communicate(timeout=120)[0] or "{}")
    # The ORM refuses to run in the event loop's thread.
    waiting_changes = IndexChange.objects.count
    drain_started = time.monotonic()
    while await asyncio.to_thread(waiting_changes) and time.monotonic() - drain_started < 300:
        await asyncio.sleep(1)
    drained = time.monotonic() - drain_started
    waiting = await asyncio.to_thread(waiting_changes)
    worker.terminate()
    worker.wait(timeout=30)
    check = subprocess.run(  # noqa: S603 - the project's own command
        [sys.executable, "manage.py", "search_index", "check"],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        check=False,
    )
    out.append(f"## Soak: {seconds:.0f} s at {clients} clients, page cache on")
    out.append("")
    out.append("| label | clients | requests | rps | p50 ms | p95 ms | p99 ms | errors |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    out.append(summary_row("soak", clients, load))
    report_errors(load, out)
    out.append("")
    out.append(
        f"engine stopped at {stopped_at:.0f} s and answering again {downtime:.0f} s later;"
        f" search API answers by engine: {dict(load.engines)}"
    )
    out.append(
        f"editor: {edits.get('published', 0)} publishes ({edits.get('failed', 0)} failed);"
        f" outbox empty {drained:.0f} s after the load ({waiting} waiting)"
    )
    out.append(f"search_index check: exit {check.returncode}: {check.stdout.strip()}")
    if check.returncode:
        out.append(check.stderr.strip())
    out.append("worker memory (MB, resident, per worker):")
    for moment, sizes in memory[:: max(1, len(memory) // 12)] + memory[-1:]:
        out.append(f"  {moment:5.0f} s  " + "  ".join(f"{size:.0f}" for size in sizes))
    first = [statistics.mean(sizes) for moment, sizes in memory if 60 <= moment < 120 and sizes]
    last = [statistics.mean(sizes) for moment, sizes in memory[-12:] if sizes]
    if first and last:
        out.append(
            f"mean worker memory, minute 2: {statistics.mean(first):.0f} MB;"
            f" last minute: {statistics.mean(last):.0f} MB"
        )
    return load.error_count == 0 and check.returncode == 0 and waiting == 0


# -- the run ---------------------------------------------------------------------


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
    args = parser.parse_args()

    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = DEFAULT_DATABASE
    engine_node("start.sh", args.engine_port)
    server = LoadServer(
        f"http://127.0.0.1:{args.engine_port}",
        ROOT / "artifacts" / "load",
        args.items,
        args.workers,
        args.threads,
    )
    out = [
        f"# Load test: {args.items} items, gunicorn {args.workers} workers x {args.threads}"
        f" threads, PostgreSQL, OpenSearch, {time.strftime('%Y-%m-%d %H:%M')}",
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
        mix = Mix(visitor_urls())
        static = Static(static_url())
        ok = asyncio.run(measure(server, mix, static, args, out))
    except ServerError as exc:
        out.append(f"the portal could not be served: {exc}")
        ok = False
    finally:
        server.stop()
        engine_node("stop.sh", args.engine_port)
        report = "\n".join(out)
        print(report)
        if args.out:
            args.out.write_text(report + "\n", encoding="utf-8")
    sys.exit(0 if ok else 1)


async def measure(server, mix, static, args, out):
    ok = True
    if not args.soak_only:
        ok = await measure_phases(server, mix, static, args, out)
    if args.soak:
        server.restart(PAGE_CACHE_SECONDS="300")
        ok = await soak(server, mix, args.clients[0], args.soak, args.engine_port, out) and ok
    return ok


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
