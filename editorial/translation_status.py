"""Which translations lag behind the Swedish original, tracked per field.

On every publish each tracked field's text is fingerprinted per language; a
language's field "changed" at the publish where its fingerprint differed from
the previous one. A translation is

* **missing** when no field has text in that language,
* **partly translated** when some fields have text in it but a field with
  Swedish text (the summary, a routine step, ...) has none: the page is then
  either not shown in that language (a field that decides the shown language
  is missing; see ``core.i18n.shown_language``) or shown with some parts in
  the fallback language,
* **outdated** when every field is translated but a field's Swedish text
  changed after that field's translation did,
* **current** otherwise.

Tracking per field, not per page, keeps a typo fixed in the English title
from hiding that the English body is older than the Swedish one. The fields
are those registered with modeltranslation (the page's own and those of its
inline children such as routine steps), except slugs, URL paths, SEO fields
and change notes.
"""

import datetime
import hashlib
from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, PageLogEntry

from .models import TranslationState, TranslationStatus

SOURCE = settings.LANGUAGE_CODE
UNTRACKED_FIELDS = {"slug", "url_path", "seo_title", "search_description"}
UNTRACKED_RELATIONS = {"change_notes"}
CHUNK = 200


def languages():
    return [code for code, _name in settings.LANGUAGES]


def _normal(value):
    return " ".join(str(value or "").split())


def _digest(text):
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _translated_fields(model):
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return [name for name in options.all_fields if name not in UNTRACKED_FIELDS]


def page_texts(page):
    """``{field: {language: (text, complete)}}`` for a specific page instance.

    ``complete`` is False where the Swedish text has no counterpart in that
    language. Inline children (routine steps) count as one field, their texts
    joined; only non-empty texts are joined, so a step added in Swedish alone
    changes the Swedish text but not the translations'.
    """
    codes = languages()
    texts = {}
    for name in _translated_fields(type(page)):
        values = {
            code: _normal(getattr(page, build_localized_fieldname(name, code), None))
            for code in codes
        }
        texts[name] = {
            code: (values[code], bool(values[code] or not values[SOURCE])) for code in codes
        }
    for relation in get_all_child_relations(type(page)):
        name = relation.get_accessor_name()
        fields = _translated_fields(relation.related_model)
        if name in UNTRACKED_RELATIONS or not fields:
            continue
        children = list(getattr(page, name).all())
        texts[name] = {}
        for code in codes:
            parts, complete = [], True
            for child in children:
                for field in fields:
                    value = _normal(getattr(child, build_localized_fieldname(field, code), None))
                    source = _normal(getattr(child, build_localized_fieldname(field, SOURCE), None))
                    if value:
                        parts.append(value)
                    elif source:
                        complete = False
            texts[name][code] = ("\n".join(parts), complete)
    return texts


def _when(stamp):
    return datetime.datetime.fromisoformat(stamp)


def _advance(statuses, page, texts, when):
    """Update ``statuses`` (language -> TranslationStatus) for a publish at ``when``."""
    stamp = when.isoformat()
    for code in languages():
        status = statuses.get(code)
        if status is None:
            status = statuses[code] = TranslationStatus(page_id=page.pk, language=code, fields={})
        fields = {}
        for name, per_language in texts.items():
            digest = _digest(per_language[code][0])
            previous = status.fields.get(name)
            fields[name] = previous if previous and previous[0] == digest else [digest, stamp]
        status.fields = fields
    _derive(statuses, page, texts)


def _latest(status, names):
    stamps = [_when(status.fields[name][1]) for name in names if name in status.fields]
    return max(stamps) if stamps else None


def _derive(statuses, page, texts):
    source = statuses[SOURCE]
    with_source_text = [name for name, values in texts.items() if values[SOURCE][0]]
    source.state = TranslationState.SOURCE
    source.source_changed_at = source.translated_at = _latest(source, with_source_text)
    deciding = [name for name in getattr(page, "language_fields", ("title",)) if name in texts]
    for code, status in statuses.items():
        if code == SOURCE:
            continue
        with_text = [name for name, values in texts.items() if values[code][0]]
        status.translated_at = _latest(status, with_text)
        status.source_changed_at = source.source_changed_at
        if not with_text:
            status.state = TranslationState.MISSING
            continue
        shown = all(texts[name][code][0] for name in deciding if texts[name][SOURCE][0])
        if not shown or not all(texts[name][code][1] for name in with_source_text):
            status.state = TranslationState.PARTIAL
            continue
        behind = [
            name
            for name in with_source_text
            if _when(source.fields[name][1]) > _when(status.fields[name][1])
        ]
        if not behind:
            status.state = TranslationState.CURRENT
            continue
        status.state = TranslationState.OUTDATED
        status.source_changed_at = _latest(source, behind)
        stale = [_when(status.fields[name][1]) for name in behind if texts[name][code][0]]
        if stale:
            status.translated_at = min(stale)


def record_publication(page, when=None):
    """Bring ``page``'s translation statuses up to date with its published content."""
    texts = page_texts(page)
    if not texts:
        return
    when = when or page.last_published_at or timezone.now()
    statuses = {status.language: status for status in TranslationStatus.objects.filter(page=page)}
    existing = set(statuses)
    _advance(statuses, page, texts, when)
    new = [status for code, status in statuses.items() if code not in existing]
    old = [status for code, status in statuses.items() if code in existing]
    TranslationStatus.objects.bulk_create(new)
    TranslationStatus.objects.bulk_update(
        old, ["state", "translated_at", "source_changed_at", "fields"]
    )


def rebuild(only_missing=False, progress=None):
    """Recompute every page's statuses by replaying its publish history.

    Each ``wagtail.publish`` log entry's revision is read in order, so the
    dates are those of the real publications. A live page without such
    entries counts as published once, at ``last_published_at``. With
    ``only_missing``, pages that already have statuses are left alone.
    Returns the number of pages written.
    """
    pages = Page.objects.filter(depth__gt=1).exclude(last_published_at__isnull=True)
    if only_missing:
        pages = pages.exclude(translation_statuses__isnull=False)
    pks = list(pages.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        history = defaultdict(list)
        entries = (
            PageLogEntry.objects.filter(
                page_id__in=chunk, action="wagtail.publish", revision__isnull=False
            )
            .select_related("revision")
            .order_by("page_id", "timestamp", "pk")
        )
        for entry in entries:
            history[entry.page_id].append(entry)
        statuses = []
        for page in Page.objects.filter(pk__in=chunk).specific():
            per_page = {}
            for entry in history.get(page.pk, []):
                published = entry.revision.as_object()
                texts = page_texts(published)
                if texts:
                    _advance(per_page, published, texts, entry.timestamp)
            if not per_page and page.live:
                texts = page_texts(page)
                if texts:
                    _advance(per_page, page, texts, page.last_published_at)
            statuses.extend(per_page.values())
            written += bool(per_page)
        TranslationStatus.objects.filter(page_id__in=chunk).delete()
        TranslationStatus.objects.bulk_create(statuses)
        if progress:
            progress(min(start + CHUNK, len(pks)), len(pks))
    return written


def outdated_translation(page, language):
    """The status behind the visitor notice; None when the translation is complete and current."""
    if language == SOURCE or not page.pk:
        return None
    return (
        TranslationStatus.objects.filter(
            page_id=page.pk,
            language=language,
            state__in=[TranslationState.OUTDATED, TranslationState.PARTIAL],
        )
        .only("state", "translated_at", "source_changed_at")
        .first()
    )
