"""The load test's clients and measurements: closed-loop visitors, timings, report rows.

:func:`run_clients` runs that many clients, each sending its next request when
the previous answer has been read, and gathers :class:`Results`: response
times by kind of request, errors, page-cache hits and the search engine that
answered. ``summary_row``, ``kind_rows`` and ``report_errors`` turn them into
the report's Markdown.
"""

import asyncio
import json
import random
import time
from collections import Counter, defaultdict

import aiohttp

from bench.search_benchmark import percentile


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
