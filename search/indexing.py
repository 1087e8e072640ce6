"""Push page changes to the engine: the outbox drain and the full rebuild."""

import datetime
import hashlib
import json
import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from core.i18n import language_codes
from core.searchable import SearchablePage

from . import cluster
from .documents import search_documents
from .engine import Engine, EngineError, get_engine
from .index import REFRESH_INTERVAL, alias_name, index_body, new_index_name
from .models import IndexChange
from .permissions import AUTHENTICATED
from .registry import searchable_models

logger = logging.getLogger(__name__)

BATCH = 500
_ready = {}  # engine URL -> its language indices exist
MAX_BACKOFF = datetime.timedelta(minutes=10)


def enqueue(page_ids: Iterable[int], urgent: bool = False) -> None:
    """Record that ``page_ids`` need re-indexing; pushed after the commit."""
    if not settings.SEARCH_URL or not page_ids:
        return
    IndexChange.objects.bulk_create(
        [IndexChange(page_id=pk, urgent=urgent) for pk in dict.fromkeys(page_ids)]
    )
    # Every transaction that enqueues drains after it commits; a drain that
    # finds the outbox empty costs one query.
    transaction.on_commit(_drain_after_commit)


def _drain_after_commit():
    try:
        drain()
    except EngineError as exc:
        # The rows stay in the outbox; the next drain (or the worker) sends them.
        logger.warning("Search index update postponed: %s", exc)


class Restrictions:
    """Which pages are restricted and to whom, read once for many pages."""

    def __init__(self) -> None:
        self.rules = []
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
            "groups"
        ):
            if restriction.restriction_type == PageViewRestriction.GROUPS:
                allowed = {group.name for group in restriction.groups.all()}
            elif restriction.restriction_type == PageViewRestriction.LOGIN:
                allowed = {AUTHENTICATED}
            else:
                allowed = set()
            self.rules.append((restriction.page.path, allowed))

    def __call__(self, page: Page) -> tuple[bool, tuple[str, ...]]:
        applicable = [allowed for path, allowed in self.rules if page.path.startswith(path)]
        if not applicable:
            return False, ()
        groups = set.intersection(*applicable)
        return True, tuple(sorted(groups))


def searchable_pages(page_ids: Collection[int] | None = None) -> Iterator[SearchablePage]:
    """Live searchable pages, specific and prefetched, optionally limited to ``page_ids``."""
    for model in searchable_models():
        queryset = model.objects.live().select_related(*model.search_select)
        queryset = queryset.prefetch_related(*model.search_prefetches()).order_by("pk")
        if page_ids is not None:
            queryset = queryset.filter(pk__in=page_ids)
            yield from queryset
        else:
            yield from queryset.iterator(chunk_size=BATCH)


def fingerprint(document: dict[str, Any]) -> str:
    """A digest of a document's content, stored with it to find stale documents."""
    content = {key: value for key, value in document.items() if key != "fingerprint"}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


def documents(
    page: SearchablePage, restrictions: Restrictions
) -> Iterator[tuple[str, dict[str, Any]]]:
    for language, document in search_documents(page, restrictions(page)).items():
        document["fingerprint"] = fingerprint(document)
        yield language, document


def _operations(page_ids, targets):
    restrictions = Restrictions()
    found = set()
    operations = []
    for page in searchable_pages(page_ids):
        found.add(page.pk)
        for language, document in documents(page, restrictions):
            operations.append({"index": {"_index": targets[language], "_id": str(page.pk)}})
            operations.append(document)
    for page_id in set(page_ids) - found:
        for language in language_codes():
            operations.append({"delete": {"_index": targets[language], "_id": str(page_id)}})
    return operations


def _failures(result):
    failed = {}
    for item in result.get("items", []):
        action, outcome = next(iter(item.items()))
        status = outcome.get("status", 500)
        if status >= 300 and not (action == "delete" and status == 404):
            failed[int(outcome["_id"])] = str(outcome.get("error", status))[:500]
    return failed


def drain(batch_size: int = BATCH, max_batches: int | None = None) -> int:
    """Send due outbox rows to the engine in bulk; return how many pages were sent.

    A failed page keeps its row, retried with exponential backoff.
    """
    engine = get_engine()
    if engine is None:
        return 0
    if not _ready.get(engine.url):
        ensure_indices()
        _ready[engine.url] = True
    targets = {language: alias_name(language) for language in language_codes()}
    sent = batches = 0
    while max_batches is None or batches < max_batches:
        now = timezone.now()
        due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        rows = list(IndexChange.objects.filter(due).order_by("-urgent", "pk")[:batch_size])
        if not rows:
            break
        batches += 1
        page_ids = list(dict.fromkeys(row.page_id for row in rows))
        try:
            result = engine.bulk(_operations(page_ids, targets), refresh=True)
        except EngineError as exc:
            _postpone(rows, str(exc))
            raise
        failed = _failures(result)
        done = [row.pk for row in rows if row.page_id not in failed]
        IndexChange.objects.filter(pk__in=done).delete()
        _postpone([row for row in rows if row.page_id in failed], "; ".join(failed.values()))
        sent += len(page_ids) - len(failed)
        if failed:
            break
    return sent


def _postpone(rows, error):
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        delay = min(datetime.timedelta(seconds=2 ** min(row.attempts, 10)), MAX_BACKOFF)
        row.next_attempt_at = now + delay
        row.last_error = error[:2000]
    IndexChange.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])


def rebuild(
    progress: Callable[[int, int], object] | None = None, batch_size: int = BATCH
) -> dict[str, int]:
    """Index everything into fresh indices, then swap every alias at once.

    Searches keep answering from the old indices until the swap.
    Returns ``{language: document count}``.
    """
    engine = get_engine()
    if engine is None:
        raise EngineError("SEARCH_URL is not set: there is no engine to rebuild")
    fresh = {language: new_index_name(language) for language in language_codes()}
    layout = cluster.layout(engine)
    for language, name in fresh.items():
        # Nobody searches a fresh index: no refreshes while it fills, and no
        # replicas to keep in step; they are copied once, after the load.
        engine.create_index(
            name,
            index_body(language, refresh_interval="-1", shards=layout["shards"], replicas=0),
        )
    try:
        total = sum(model.objects.live().count() for model in searchable_models())
        restrictions = Restrictions()
        operations, done = [], 0
        # The engine takes one batch while the next is built from the database.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebuild-bulk") as sender:
            sending = None
            for page in searchable_pages():
                for language, document in documents(page, restrictions):
                    operations.append({"index": {"_index": fresh[language], "_id": str(page.pk)}})
                    operations.append(document)
                done += 1
                if len(operations) >= batch_size * 2 * len(language_codes()):
                    if sending is not None:
                        sending.result()
                    sending = sender.submit(_bulk_or_fail, engine, operations)
                    operations = []
                if progress:
                    progress(done, total)
            if sending is not None:
                sending.result()
        _bulk_or_fail(engine, operations)
        for name in fresh.values():
            engine.put_settings(name, {"refresh_interval": REFRESH_INTERVAL})
            engine.refresh(name)
            # Else a node restarted soon after replays every document from its
            # transaction log before the index answers: minutes for 10,000 pages.
            engine.flush(name)
            if layout["replicas"]:
                engine.put_settings(name, {"number_of_replicas": layout["replicas"]})
        if layout["replicas"]:
            # The swap waits for the copies, so the new indices survive a lost node.
            cluster.wait_for_green(engine, list(fresh.values()), layout["replicas"])
        swap_aliases(engine, fresh)
    except Exception:
        for name in fresh.values():
            engine.delete_index(name)
        raise
    return {language: engine.count(alias_name(language)) for language in language_codes()}


def _bulk_or_fail(engine, operations):
    result = engine.bulk(operations)
    failed = _failures(result)
    if failed:
        raise EngineError(
            f"{len(failed)} document(s) were refused, e.g. {next(iter(failed.values()))}"
        )


def swap_aliases(engine: Engine, fresh: dict[str, str]) -> None:
    """Point every language alias at its fresh index in one request; drop the old ones."""
    actions, old = [], []
    for language, name in fresh.items():
        alias = alias_name(language)
        for index in engine.aliases(alias):
            actions.append({"remove": {"index": index, "alias": alias}})
            old.append(index)
        if engine.index_exists(alias) and not engine.aliases(alias):
            # A concrete index squats the alias name (e.g. created by hand): replace it.
            actions.append({"remove_index": {"index": alias}})
        actions.append({"add": {"index": name, "alias": alias}})
    engine.update_aliases(actions)
    for index in old:
        engine.delete_index(index)


def ensure_indices() -> bool:
    """Create the language indices when they do not exist yet (first start)."""
    engine = get_engine()
    if engine is None:
        return False
    missing = {
        language: new_index_name(language)
        for language in language_codes()
        if not engine.aliases(alias_name(language))
    }
    layout = cluster.layout(engine) if missing else {}
    for language, name in missing.items():
        engine.create_index(name, index_body(language, **layout))
    if missing:
        engine.update_aliases(
            [{"add": {"index": name, "alias": alias_name(lang)}} for lang, name in missing.items()]
        )
    return bool(missing)


def status() -> tuple[list[tuple[str, str, int | None, int]], int]:
    """Per language: documents in the index and live searchable pages in the database."""
    engine = get_engine()
    expected = sum(model.objects.live().count() for model in searchable_models())
    rows = []
    for language in language_codes():
        alias = alias_name(language)
        indexed = engine.count(alias) if engine and engine.aliases(alias) else None
        rows.append((language, alias, indexed, expected))
    return rows, IndexChange.objects.count()


@dataclass
class Difference:
    """What one language index holds that the database says it should not."""

    missing: set = field(default_factory=set)
    extra: set = field(default_factory=set)
    stale: set = field(default_factory=set)
    wrongly_visible: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.missing or self.extra or self.stale or self.wrongly_visible)


def _indexed(engine, alias):
    """``{page_id: (fingerprint, restricted, groups)}`` of every document in ``alias``."""
    found, after = {}, None
    while True:
        body = {
            "size": 1000,
            "sort": [{"page_id": "asc"}],
            "_source": ["page_id", "fingerprint", "restricted", "groups"],
            "query": {"match_all": {}},
        }
        if after is not None:
            body["search_after"] = after
        hits = engine.search(alias, body, timeout=60)["hits"]["hits"]
        for hit in hits:
            source = hit["_source"]
            found[int(hit["_id"])] = (
                source.get("fingerprint"),
                source.get("restricted"),
                tuple(source.get("groups") or ()),
            )
        if len(hits) < 1000:
            return found
        after = hits[-1]["sort"]


def check() -> dict[str, Difference]:
    """Compare every language index with the database: ``{language: Difference}``."""
    engine = get_engine()
    if engine is None:
        raise EngineError("SEARCH_URL is not set: there is no index to check")
    expected = {language: {} for language in language_codes()}
    restrictions = Restrictions()
    for page in searchable_pages():
        for language, document in documents(page, restrictions):
            expected[language][page.pk] = (
                document["fingerprint"],
                document["restricted"],
                tuple(document["groups"]),
            )
    report = {}
    for language in language_codes():
        indexed = _indexed(engine, alias_name(language))
        wanted = expected[language]
        difference = Difference(
            missing=set(wanted) - set(indexed),
            extra=set(indexed) - set(wanted),
        )
        for page_id in set(wanted) & set(indexed):
            fingerprint_wanted, restricted, groups = wanted[page_id]
            fingerprint_found, restricted_found, groups_found = indexed[page_id]
            if (restricted, groups) != (restricted_found, groups_found):
                difference.wrongly_visible.add(page_id)
            elif fingerprint_wanted != fingerprint_found:
                difference.stale.add(page_id)
        report[language] = difference
    return report


def repair(report: dict[str, Difference]) -> int:
    """Queue every difference (visibility first) and send it now."""
    urgent, other = set(), set()
    for difference in report.values():
        urgent |= difference.wrongly_visible | difference.extra
        other |= difference.missing | difference.stale
    IndexChange.objects.bulk_create(
        [IndexChange(page_id=pk, urgent=True) for pk in sorted(urgent)]
        + [IndexChange(page_id=pk) for pk in sorted(other - urgent)]
    )
    return drain()
