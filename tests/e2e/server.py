"""The portal as visitors meet it: gunicorn on loopback with the production settings.

The browser tests get their own database (a temporary SQLite file, or a fresh
PostgreSQL database when ``DATABASE_URL`` points at PostgreSQL), the demo
content loaded with ``import_bundle`` and indexed in the real engine under an
index prefix of their own. Everything is removed again by :meth:`stop`.
"""

import email
import email.policy
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
DEMO_BUNDLE = ROOT / "resources" / "demo" / "bundle.json"
STARTUP_SECONDS = 60
COMMAND_SECONDS = 300


class ServerError(Exception):
    """The portal could not be prepared or did not come up."""


@dataclass(frozen=True)
class Account:
    username: str
    password: str


@dataclass(frozen=True)
class People:
    """Who takes part in the journeys: created in the e2e database by ``users.py``."""

    professional: Account
    editor: Account
    moderator: Account
    translator: Account


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_postgres(url):
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


class PostgresDatabase:
    """A database of its own next to the one ``DATABASE_URL`` names, created and dropped."""

    def __init__(self, url, run_id, kind="e2e"):
        parts = urlsplit(url)
        base = (parts.path.lstrip("/") or "eportal")[:40]
        self.name = f"{base}_{kind}_{run_id}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        # CREATE/DROP DATABASE run from the maintenance database, as Django's test runner does.
        self._maintenance = urlunsplit(parts._replace(path="/postgres"))

    def _execute(self, statement):
        import psycopg
        from psycopg import sql

        with psycopg.connect(self._maintenance, autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def create(self):
        self._execute("CREATE DATABASE {}")

    def drop(self):
        self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")


class PortalServer:
    """Prepare the database and the index, then serve the portal with gunicorn."""

    kind = "e2e"  # names its database and index prefix
    workers = 2
    threads = 4
    access_log = True

    def __init__(self, search_url, log_dir):
        self.search_url = search_url
        self.log_dir = Path(log_dir)
        self.run_id = uuid.uuid4().hex[:8]
        self.index_prefix = f"{self.kind}-{self.run_id}"
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.people = People(
            professional=Account("e2e-professional", secrets.token_urlsafe(16)),
            editor=Account("e2e-editor", secrets.token_urlsafe(16)),
            moderator=Account("e2e-moderator", secrets.token_urlsafe(16)),
            translator=Account("e2e-translator", secrets.token_urlsafe(16)),
        )
        self._workdir = Path(tempfile.mkdtemp(prefix=f"eportal-{self.kind}-"))
        self.mailbox = self._workdir / "mail"
        self._postgres = None
        self._process = None
        self._server_log = None

    # -- set-up ---------------------------------------------------------------

    def _environment(self, database_url):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "DJANGO_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "portal.settings.production",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1",
                # Plain HTTP on loopback: no redirect to HTTPS, no HSTS. Secure
                # cookies still work because browsers trust 127.0.0.1.
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_HSTS_SECONDS": "0",
                "DATABASE_URL": database_url,
                "STATIC_ROOT": str(self._workdir / "static"),
                "MEDIA_ROOT": str(self._workdir / "media"),
                "SEARCH_URL": self.search_url,
                "SEARCH_INDEX_PREFIX": self.index_prefix,
                "WAGTAILADMIN_BASE_URL": self.base_url,
                # A separate process: its e-mails go to files the tests read (mail_to).
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(self.mailbox),
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def _run(self, *args, log, env=None):
        log.write(f"\n$ {' '.join(args)}\n")
        log.flush()
        started = time.monotonic()
        result = subprocess.run(  # noqa: S603 - the project's own commands
            [sys.executable, *args],
            cwd=ROOT,
            env={**self._env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=COMMAND_SECONDS,
            check=False,
        )
        log.write(f"({time.monotonic() - started:.1f} s)\n")
        log.flush()
        if result.returncode != 0:
            raise ServerError(
                f"`{' '.join(args)}` failed (exit {result.returncode}); see {log.name}"
            )

    def start(self):
        self.log_dir.mkdir(parents=True, exist_ok=True)
        configured = os.environ.get("DATABASE_URL", "")
        if _is_postgres(configured):
            self._postgres = PostgresDatabase(configured, self.run_id, self.kind)
            self._postgres.create()
            database_url = self._postgres.url
        else:
            database_url = f"sqlite:///{self._workdir / 'portal.sqlite3'}"
        self._env = self._environment(database_url)
        with open(self.log_dir / "setup.log", "w", encoding="utf-8") as log:
            collect = subprocess.Popen(  # noqa: S603 - the project's own command
                [sys.executable, "manage.py", "collectstatic", "--noinput"],
                cwd=ROOT,
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            self._run("manage.py", "migrate", "--noinput", log=log)
            self._run("manage.py", "setup_portal", log=log)
            self.load_content(log)
            if collect.wait(timeout=COMMAND_SECONDS) != 0:
                raise ServerError(f"collectstatic failed; see {log.name}")
        self._serve()

    def load_content(self, log):
        """The demo content and the journeys' people."""
        people = json.dumps({role: vars(account) for role, account in vars(self.people).items()})
        self._run("manage.py", "import_bundle", str(DEMO_BUNDLE), log=log)
        self._run("-m", "tests.e2e.users", log=log, env={"E2E_PEOPLE": people})

    def manage(self, *args):
        """Run a management command against the served database, as cron would."""
        with open(self.log_dir / "commands.log", "a", encoding="utf-8") as log:
            self._run("manage.py", *args, log=log)

    def mail_to(self, address):
        """Every e-mail the portal sent to ``address``, oldest first."""
        messages = []
        for path in sorted(self.mailbox.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    message = email.message_from_bytes(chunk.lstrip(), policy=email.policy.default)
                    if message["To"] == address:
                        messages.append(message)
        return messages

    def restart(self, **env):
        """Serve again with some settings changed, on the same database and index."""
        self._stop_serving()
        self._env.update(env)
        self._serve()

    def _serve(self):
        self._server_log = open(self.log_dir / "server.log", "a", encoding="utf-8")
        self._process = subprocess.Popen(  # noqa: S603 - the project's own web process
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "60",
                *(["--access-logfile", "-"] if self.access_log else []),
            ],
            cwd=ROOT,
            env=self._env,
            stdout=self._server_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                code = self._process.returncode
                raise ServerError(f"gunicorn exited with {code}; see server.log")
            health = self._health()
            if health is not None:
                if health.get("search") != "ok":
                    raise ServerError(f"the portal does not reach the search engine: {health}")
                return
            time.sleep(0.25)
        raise ServerError(f"no answer from {self.base_url}/health/ within {STARTUP_SECONDS} s")

    def _health(self):
        try:
            with urllib.request.urlopen(f"{self.base_url}/health/", timeout=5) as response:  # noqa: S310
                return json.load(response)
        except (urllib.error.URLError, OSError, ValueError):
            return None

    # -- tear-down ------------------------------------------------------------

    def stop(self):
        """Stop the server, then remove the index, the database and the files."""
        self._stop_serving()
        self._drop_indices()
        if self._postgres is not None:
            self._postgres.drop()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def _stop_serving(self):
        if self._process is not None and self._process.poll() is None:
            # Quick shutdown: everything it served is thrown away next.
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._server_log is not None:
            self._server_log.close()
            self._server_log = None

    def _drop_indices(self):
        from search.engine import Engine, EngineError

        try:
            engine = Engine(self.search_url, 30)
            for index in engine.get_indices(f"{self.index_prefix}-*"):
                engine.delete_index(index)
        except EngineError as exc:
            warnings.warn(
                f"could not remove the indices {self.index_prefix}-*: {exc}", stacklevel=1
            )
