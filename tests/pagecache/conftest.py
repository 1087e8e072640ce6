"""The page cache turned on, and content changes made as committed transactions.

A test runs inside one transaction that never commits, and the content
generation is bumped at most once per transaction. So each change a test
makes, its setup included, runs in ``committed()``, as a change of its own
would in production.
"""

import pytest

from resources.site_tree import ensure_site_tree
from tests.factories import RoutinePageFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture(params=["in-process", "redis"])
def either_cache(request):
    """The test runs with the in-process default, then again with the cache in a real Redis."""
    if request.param == "redis":
        request.getfixturevalue("shared_cache")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block that ends as if its transaction committed: its on-commit callbacks run."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def tree(db, committed):
    with committed():
        return ensure_site_tree()


@pytest.fixture
def routine(tree, committed):
    with committed():
        return RoutinePageFactory(
            parent=tree.routines, title="Öppen rutin", slug="oppen", summary="Så gör du."
        )
