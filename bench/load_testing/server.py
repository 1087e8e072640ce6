"""Server management for the load test: the portal under gunicorn, the engine node.

:class:`LoadServer` serves the portal as the browser tests do
(``tests/e2e/server.py``) with a generated, bulk-loaded corpus instead of the
demo content; :func:`engine_node` starts and stops the test's own OpenSearch
node; :func:`resident_mb` reads a process's resident memory.
"""

import os
import subprocess
from pathlib import Path

from tests.e2e.server import PortalServer

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "opensearch"


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
