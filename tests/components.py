"""Real components the tests need (engine, PostgreSQL, Redis, a browser)."""

import os

import pytest


def unavailable(message):
    """A missing component fails the test under CI (``CI=true``) and skips it elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
