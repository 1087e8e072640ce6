"""Manage the search indices: rebuild, status, check, drain, settings."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError

from core.progress import progress_writer
from search import cluster, indexing
from search.engine import EngineError, get_engine

MAX_PAUSE = 60.0


class Command(BaseCommand):
    help = "Manage the search indices (rebuild, status, check, drain, settings)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="index everything into fresh indices and swap the aliases")
        sub.add_parser("status", help="documents per language against the database")
        check = sub.add_parser(
            "check", help="compare every index with the database; non-zero exit on a difference"
        )
        check.add_argument("--fix", action="store_true", help="repair what differs")
        sub.add_parser(
            "settings",
            help="give the live indices the replicas that SEARCH_INDEX_REPLICAS (or the "
            "number of data nodes) asks for, without a rebuild",
        )
        drain = sub.add_parser("drain", help="send waiting index changes to the engine")
        drain.add_argument(
            "--follow", action="store_true", help="keep running as a worker until stopped"
        )
        drain.add_argument(
            "--interval", type=float, default=5.0, help="seconds between polls (default 5)"
        )
        drain.add_argument(
            "--max-seconds", type=float, default=None, help="with --follow: stop after this long"
        )

    def handle(self, *args, **options):
        if options["action"] == "drain" and options["follow"]:
            self._follow(options["interval"], options["max_seconds"])
            return
        if options["action"] == "check":
            self._check(options["fix"])
            return
        try:
            getattr(self, f"_{options['action']}")()
        except EngineError as exc:
            raise CommandError(str(exc)) from exc

    def _rebuild(self):
        counts = indexing.rebuild(progress=progress_writer(self.stdout, unit="pages"))
        for language, count in counts.items():
            self.stdout.write(f"  {language}: {count} documents")
        self.stdout.write(self.style.SUCCESS("Rebuilt; aliases swapped."))

    def _status(self):
        rows, waiting = indexing.status()
        engine = get_engine()
        if engine is not None:
            health = engine.health()
            self.stdout.write(
                f"{engine.label}, cluster {health['status']}, "
                f"{health['number_of_data_nodes']} data node(s)"
            )
        self.stdout.write(f"{'lang':<5} {'alias':<30} {'indexed':>8} {'database':>9}")
        for language, alias, indexed, expected in rows:
            shown = "-" if indexed is None else indexed
            self.stdout.write(f"{language:<5} {alias:<30} {shown:>8} {expected:>9}")
        self.stdout.write(f"waiting in the outbox: {waiting}")

    def _follow(self, interval, max_seconds):
        """Drain until stopped; while the engine is away, wait longer between tries."""
        stop = {"now": False}

        def request_stop(signum, frame):
            stop["now"] = True

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        deadline = None if max_seconds is None else time.monotonic() + max_seconds
        failures = 0
        self.stdout.write(f"Draining the outbox every {interval:g} s; stop with SIGTERM.")
        while not stop["now"] and (deadline is None or time.monotonic() < deadline):
            try:
                sent = indexing.drain()
                if failures:
                    self.stdout.write("The engine answers again.")
                failures = 0
                if sent:
                    self.stdout.write(f"Sent {sent} page(s).")
                pause = interval
            except EngineError as exc:
                failures += 1
                pause = min(interval * 2**failures, MAX_PAUSE)
                self.stderr.write(f"Engine unavailable ({exc}); retrying in {pause:g} s.")
            end = time.monotonic() + pause
            while not stop["now"] and time.monotonic() < end:
                if deadline is not None and time.monotonic() >= deadline:
                    break
                time.sleep(min(0.2, pause))
        self.stdout.write("Stopped.")

    def _check(self, fix):
        try:
            report = indexing.check()
            if fix and any(report.values()):
                sent = indexing.repair(report)
                self.stdout.write(f"Repaired: sent {sent} page(s).")
                report = indexing.check()
        except EngineError as exc:
            raise CommandError(str(exc)) from exc
        for language, difference in report.items():
            self.stdout.write(
                f"{language}: {len(difference.missing)} missing, {len(difference.extra)} extra,"
                f" {len(difference.stale)} stale, {len(difference.wrongly_visible)} wrongly visible"
            )
        if any(report.values()):
            raise CommandError("The search index differs from the database.")
        self.stdout.write(self.style.SUCCESS("The search index matches the database."))

    def _settings(self):
        engine = get_engine()
        if engine is None:
            raise CommandError("SEARCH_URL is not set: there are no indices to change")
        nodes = cluster.data_nodes(engine)
        self.stdout.write(f"{engine.label}: {nodes} data node(s)")
        changed = {row.index for row in cluster.apply_replicas(engine)}
        for row in cluster.live_layouts(engine):
            note = " (changed)" if row.index in changed else ""
            if row.shards != row.wanted_shards:
                note += f"; SEARCH_INDEX_SHARDS={row.wanted_shards} takes effect on rebuild"
            self.stdout.write(
                f"  {row.language}: {row.index}: {row.shards} shard(s), "
                f"{row.replicas} replica(s){note}, {row.health}"
            )
        wanted = cluster.replicas(engine)
        if wanted + 1 > nodes:
            self.stdout.write(
                self.style.WARNING(
                    f"{wanted} replica(s) need {wanted + 1} data nodes: with {nodes} the indices "
                    "stay yellow."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"{len(changed)} index(es) changed."))

    def _drain(self):
        sent = indexing.drain()
        self.stdout.write(f"Sent {sent} page(s); {indexing.IndexChange.objects.count()} waiting.")
