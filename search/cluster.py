"""How the language indices sit on the engine's nodes: shards and replicas.

A replica is a copy of every shard on another node, so that a cluster that
loses a node keeps answering from the copies (and turns yellow, not red).
``SEARCH_INDEX_REPLICAS`` sets the number; unset, it follows the cluster: one
replica when there is more than one data node, none on a single node (where a
replica could never be placed and would keep the index yellow).
``SEARCH_INDEX_SHARDS`` only takes effect when an index is created.
"""

import logging
from dataclasses import dataclass

from django.conf import settings

from core.i18n import language_codes

from .engine import Engine
from .index import alias_name

logger = logging.getLogger(__name__)

GREEN_TIMEOUT = "60s"


def default_replicas(data_nodes: int) -> int:
    """Replicas when ``SEARCH_INDEX_REPLICAS`` is unset: a copy on another node, if any."""
    return 1 if data_nodes > 1 else 0


def data_nodes(engine: Engine) -> int:
    return int(engine.health()["number_of_data_nodes"])


def replicas(engine: Engine) -> int:
    """The number of replicas the language indices should have on ``engine``."""
    configured = settings.SEARCH_INDEX_REPLICAS
    return default_replicas(data_nodes(engine)) if configured is None else configured


def layout(engine: Engine) -> dict[str, int]:
    """Shard and replica counts for a new index: the keyword arguments of ``index_body``."""
    return {"shards": settings.SEARCH_INDEX_SHARDS, "replicas": replicas(engine)}


def wait_for_green(engine: Engine, indices: list[str], wanted: int) -> bool:
    """Wait until every copy of ``indices`` is placed; False, with a warning, when it cannot be.

    A node holds one copy of a shard, so ``wanted`` replicas need ``wanted + 1``
    data nodes; with fewer the indices stay yellow, and waiting would not help.
    """
    nodes = data_nodes(engine)
    if wanted + 1 > nodes:
        logger.warning(
            "Search indices have %d replica(s) but the cluster has %d data node(s): "
            "they stay yellow, and a lost node loses data",
            wanted,
            nodes,
        )
        return False
    health = engine.health(",".join(indices), wait_for_status="green", timeout=GREEN_TIMEOUT)
    if health.get("timed_out") or health.get("status") != "green":
        logger.warning("Search indices %s are still %s", ", ".join(indices), health.get("status"))
        return False
    return True


@dataclass
class IndexLayout:
    """One live language index: where it stands and what the settings ask of it."""

    language: str
    alias: str
    index: str
    shards: int
    replicas: int
    wanted_replicas: int
    wanted_shards: int
    health: str

    @property
    def changed(self) -> bool:
        return self.replicas != self.wanted_replicas


def live_layouts(engine: Engine) -> list[IndexLayout]:
    """Every index behind a language alias, with its shard and replica counts."""
    wanted = replicas(engine)
    rows = []
    for language in language_codes():
        alias = alias_name(language)
        if not engine.aliases(alias):
            continue
        health = engine.health(alias, level="indices")["indices"]
        for index, values in engine.index_settings(alias).items():
            rows.append(
                IndexLayout(
                    language=language,
                    alias=alias,
                    index=index,
                    shards=int(values["number_of_shards"]),
                    replicas=int(values["number_of_replicas"]),
                    wanted_replicas=wanted,
                    wanted_shards=settings.SEARCH_INDEX_SHARDS,
                    health=health.get(index, {}).get("status", "unknown"),
                )
            )
    return rows


def apply_replicas(engine: Engine) -> list[IndexLayout]:
    """Give every live language index the wanted number of replicas, without a rebuild.

    Returns the indices that changed; waits (a while) for the new copies.
    """
    changed = [row for row in live_layouts(engine) if row.changed]
    for row in changed:
        engine.put_settings(row.index, {"number_of_replicas": row.wanted_replicas})
        logger.info(
            "Search index %s: %d -> %d replicas", row.index, row.replicas, row.wanted_replicas
        )
    if changed:
        wait_for_green(engine, [row.index for row in changed], changed[0].wanted_replicas)
    return changed
