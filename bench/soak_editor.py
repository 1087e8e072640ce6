#!/usr/bin/env python3
# ruff: noqa: E402 - run as a script, Django is set up before the project's imports
"""An editor at work during the soak (bench/load_test.py): a publish every few seconds.

    .venv/bin/python bench/soak_editor.py --seconds 600 [--interval 2]

Each publish changes a random public routine's Swedish summary and goes
through Wagtail's revision publish, so the search outbox, the page cache's
invalidation and the editorial bookkeeping run as they do for a person. The
database and engine come from the environment (``DJANGO_SETTINGS_MODULE``,
``DATABASE_URL``, ``SEARCH_URL``). Prints ``{"published": n, "failed": n}`` as
JSON at the end; failures are described on stderr.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
django.setup()

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from core.access import visible_pages
from resources.models import RoutinePage


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--interval", type=float, default=2.0)
    args = parser.parse_args()
    rng = random.Random(3)
    pages = list(
        visible_pages(RoutinePage.objects.live(), AnonymousUser()).values_list("pk", flat=True)
    )
    published = failed = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        next_at = time.monotonic() + args.interval
        with translation.override("sv"):
            page = RoutinePage.objects.get(pk=rng.choice(pages))
            page.summary = f"Uppdaterad under belastningsprovet, ändring {published + failed + 1}."
            try:
                page.save_revision().publish()
                published += 1
            except Exception as exc:  # noqa: BLE001 - counted and reported, the soak goes on
                failed += 1
                print(f"publish of page {page.pk} failed: {exc!r}", file=sys.stderr)
        time.sleep(max(0.0, next_at - time.monotonic()))
    print(json.dumps({"published": published, "failed": failed}))


if __name__ == "__main__":
    main()
