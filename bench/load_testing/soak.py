"""The soak: load, an editor's publishes and an engine restart, then index checks.

:func:`soak` runs the clients for a while with the outbox worker and
``bench/soak_editor.py`` at work, stops and starts the engine half-way,
samples the workers' memory, and then requires the outbox to drain and
``search_index check`` to find the index equal to the database.
"""

import asyncio
import json
import statistics
import subprocess
import sys
import time

from bench.load_testing.clients import report_errors, run_clients, summary_row
from bench.load_testing.server import ROOT, engine_node, resident_mb

MEMORY_EVERY = 5.0


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
