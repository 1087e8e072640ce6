"""The content generation moves when content changes commit, once per transaction."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.pagecache import generation
from core.pagecache.models import ContentGeneration
from tests.factories import RegionFactory, UserFactory


class Abandon(Exception):
    pass


def updates(queries):
    return [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def test_a_bump_counts_one_up(db, committed):
    """A committed bump moves the generation by one."""
    before = generation.current()
    with committed():
        generation.bump()
    assert generation.current() == before + 1


def test_a_rolled_back_bump_is_undone(db, committed):
    """A bump rolls back with its transaction; the next transaction bumps again."""
    before = generation.current()
    with pytest.raises(Abandon), transaction.atomic():
        generation.bump()
        raise Abandon
    assert generation.current() == before
    with committed():
        generation.bump()
    assert generation.current() == before + 1


def test_one_update_per_transaction(db, committed):
    """Many changes in one transaction (an import) cost one UPDATE; the next transaction bumps."""
    before = generation.current()
    with CaptureQueriesContext(connection) as queries, committed():
        for _ in range(50):
            generation.bump()
    assert len(updates(queries)) == 1
    assert generation.current() == before + 1
    with committed():
        generation.bump()
    assert generation.current() == before + 2


def test_no_update_while_the_transaction_is_open(db, committed):
    """A long import does not hold the generation row: its UPDATE comes after the commit."""
    before = generation.current()
    with committed():
        with CaptureQueriesContext(connection) as inside:
            generation.bump()
        assert updates(inside) == []
        assert generation.current() == before
    assert generation.current() == before + 1


def test_a_bump_in_a_rolled_back_savepoint_does_not_count(db, committed):
    """A savepoint rolled back takes its bump with it; a later change in the transaction bumps."""
    before = generation.current()
    with committed():
        with pytest.raises(Abandon), transaction.atomic():
            generation.bump()
            raise Abandon
        assert generation.current() == before
        generation.bump()
    assert generation.current() == before + 1


def test_a_missing_row_is_created(db, committed):
    """Without its row the generation reads 0, and the first bump creates it past 0."""
    ContentGeneration.objects.all().delete()
    assert generation.current() == 0
    with committed():
        generation.bump()
    assert generation.current() == 1


def test_content_changes_bump_and_user_changes_do_not(tree, committed):
    """Saves and relation changes in the content apps bump; users and groups do not."""
    before = generation.current()
    professionals = Group.objects.get(name="Professionals")
    with committed():
        UserFactory().groups.add(professionals)
    assert generation.current() == before
    with committed():
        RegionFactory()
    assert generation.current() == before + 1
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=tree.news, restriction_type=PageViewRestriction.GROUPS
        )
    assert generation.current() == before + 2
    with committed():
        restriction.groups.add(professionals)
    assert generation.current() == before + 3
