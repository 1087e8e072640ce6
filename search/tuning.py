"""Editors' tuning of search (synonyms, promotions), cached per process until it changes.

Every save or delete of a synonym, a promoted result or its query counts the
content generation up (:mod:`core.pagecache.generation`, read by every
worker), so the next search in any process reads the new rules: no rebuild,
no restart. Between changes a search costs one primary-key read.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import ModelLogEntry

from core.pagecache import generation

from .models import Synonym

DISPATCH_UID = "search-tuning-changed"

_lock = threading.Lock()
_cached: dict[str, tuple[int, Any]] = {}


def cached(name: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value, built again once the content generation has moved on."""
    number = generation.current()
    entry = _cached.get(name)
    if entry is not None and entry[0] == number:
        return entry[1]
    value = build()
    with _lock:
        _cached[name] = (number, value)
    return value


def clear() -> None:
    """Forget every cached value in this process."""
    with _lock:
        _cached.clear()


def _forget() -> None:
    """This process rebuilds at once; the others when the generation moves on at commit."""
    clear()
    generation.bump()


def _changed(sender, **kwargs):
    _forget()


def _logged(sender, instance, created, **kwargs):
    # Wagtail's promotion views move promotions to a renamed query with
    # QuerySet.update(), which sends no signal; they log every promotion they touch.
    if (
        created
        and instance.content_type_id == ContentType.objects.get_for_model(SearchPromotion).pk
    ):
        _forget()


def connect() -> None:
    for model in (Synonym, Query, SearchPromotion):
        post_save.connect(_changed, sender=model, dispatch_uid=DISPATCH_UID)
        post_delete.connect(_changed, sender=model, dispatch_uid=DISPATCH_UID)
    post_save.connect(_logged, sender=ModelLogEntry, dispatch_uid=DISPATCH_UID)
