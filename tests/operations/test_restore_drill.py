"""The backup and restore procedure of docs/OPERATIONS.md, drilled on PostgreSQL.

A portal of its own (a fresh PostgreSQL database, a media directory, its own
index names on the test engine) gets the demo content with a history, is
backed up with tools/backup.sh, loses its database, media files and search
indices, and is restored with tools/restore.sh. CI runs it once, in the
PostgreSQL pass (marker ``drill``).
"""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.components import unavailable
from tests.search.conftest import SEARCH_URL, _engine_answers

pytestmark = [pytest.mark.engine, pytest.mark.drill]

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgres://eportal:eportal@127.0.0.1:5432/eportal")


def _run(command, env, timeout=900):
    result = subprocess.run(  # noqa: S603 - the project's own scripts and PostgreSQL's tools
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _database_url(name):
    parts = urlsplit(POSTGRES_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


@pytest.fixture
def portal(tmp_path):
    """The environment of a portal with its own database, media and index names."""
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} not found (apt-get install postgresql-client)")
    maintenance = _database_url("postgres")
    answers = subprocess.run(  # noqa: S603
        ["psql", "-qtAX", "-d", maintenance, "-c", "SELECT 1"],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if answers.returncode:
        unavailable(f"no PostgreSQL at {POSTGRES_URL} (set POSTGRES_URL)")
    if not _engine_answers():
        unavailable(f"no search engine at {SEARCH_URL} (start one with `make engine`)")
    name = f"eportal_drill_{uuid.uuid4().hex[:8]}"
    prefix = f"drill-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": _database_url(name),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SEARCH_URL": SEARCH_URL,
        "SEARCH_INDEX_PREFIX": prefix,
        "SEARCH_RATE_LIMIT": "off",
        # The drill compares answers, not speed: a slow engine on a busy machine
        # must not turn an answer into the database's.
        "SEARCH_TIMEOUT": "30",
    }
    (tmp_path / "media").mkdir()
    psql = ["psql", "-qtAX", "-d", maintenance, "-c"]
    _run([*psql, f'CREATE DATABASE "{name}"'], env)
    yield env
    _run([*psql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], env)
    _run([".venv/bin/python", "-c", _DROP_INDICES.format(url=SEARCH_URL, prefix=prefix)], env)


_DROP_INDICES = """
import urllib.request
request = urllib.request.Request("{url}/{prefix}-*", method="DELETE")
urllib.request.urlopen(request).read()
"""


def manage(env, *args):
    return _run([".venv/bin/python", "manage.py", *args], env)


def shell(env, function):
    code = f"from tests.operations.drill import {function}; {function}()"
    return manage(env, "shell", "--no-imports", "-c", code)


def test_backup_and_restore_bring_everything_back(portal, tmp_path, capsys):
    """After losing database, media and index, the restore brings back every page,
    revision, document, user and group, and search answers as before."""
    env = portal
    manage(env, "migrate", "--noinput")
    manage(env, "setup_portal")
    manage(env, "import_bundle", "resources/demo/bundle.json")
    manage(env, "create_demo_users")
    shell(env, "edit")
    manage(env, "search_index", "rebuild")
    before = json.loads(shell(env, "fingerprint"))
    assert before["counts"]["documents"] >= 1
    assert before["counts"]["drafts"] >= 1
    assert before["counts"]["revisions"] > before["counts"]["pages"] / 2
    assert before["counts"]["translation statuses"] >= 1
    assert all(answer[0] == "opensearch" for answer in before["search (anonymous)"].values())
    assert any(answer[1] for answer in before["search (anonymous)"].values())

    backup = tmp_path / "backup"
    _run(["tools/backup.sh", str(backup)], env)

    # The disaster: database, media files and search indices are gone.
    maintenance = _database_url("postgres")
    name = urlsplit(env["DATABASE_URL"]).path.lstrip("/")
    _run(["psql", "-qtAX", "-d", maintenance, "-c", f'DROP DATABASE "{name}" WITH (FORCE)'], env)
    shutil.rmtree(env["MEDIA_ROOT"])
    _run(
        [
            ".venv/bin/python",
            "-c",
            _DROP_INDICES.format(url=SEARCH_URL, prefix=env["SEARCH_INDEX_PREFIX"]),
        ],
        env,
    )

    _run(["psql", "-qtAX", "-d", maintenance, "-c", f'CREATE DATABASE "{name}"'], env)
    _run(["tools/restore.sh", str(backup)], env)

    after = json.loads(shell(env, "fingerprint"))
    assert after == before
    with capsys.disabled():
        counts = ", ".join(f"{count} {what}" for what, count in after["counts"].items())
        print(f"\n[drill] restored and identical: {counts}")
