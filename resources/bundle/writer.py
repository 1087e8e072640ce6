"""Writing one page of a bundle: compare, create or update, publish, index."""

import logging
from contextlib import nullcontext

from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Revision
from wagtail.signal_handlers import (
    disable_reference_index_auto_update,
    reference_index_auto_update_disabled,
)
from wagtail.signals import page_published, published
from wagtail.tasks import update_reference_index_task

from core.access import set_restricted
from core.i18n import language_codes, localized

from .values import chunks, same

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class PageWriter:
    """The page-writing half of :class:`~resources.bundle.importer.BundleImporter`."""

    def _save_page(self, model, page, parent, values, m2m, children=None, restricted=None):
        """Create, update or leave ``page``; publish a revision when it changed.

        ``children`` maps a child relation (``steps``, ``opening_hours``,
        ``change_notes``) to the rows it must hold.
        """
        children = children or {}
        previous = {}
        if page is None:
            page = model(**values)
            self._set_relations(page, m2m, children)
            outcome = CREATED
        elif self._unchanged(model, page, values, m2m, children):
            outcome = UNCHANGED
        else:
            previous = {lang: getattr(page, localized("slug", lang)) for lang in language_codes()}
            for field, value in values.items():
                setattr(page, field, value)
            self._set_relations(page, m2m, children)
            outcome = UPDATED
        if outcome != UNCHANGED:
            self._publish(model, page, parent if outcome == CREATED else None)
            self._slugs.remember(parent, page, previous)
        if restricted is not None and self._set_restricted(page, bool(restricted)):
            outcome = UPDATED if outcome == UNCHANGED else outcome
        if not self._relinking:
            self.imported.append(page)
        # Theme pages have no key: nothing links to them by one.
        if model in self._pages:
            self._pages[model][page.key] = page
            self._page_ids[page.key] = page.pk
        return page, outcome

    def _publish(self, model, page, parent=None):
        """Add ``page`` under ``parent`` (if given) published, or publish a new revision of it.

        Each save would rebuild the page's search-index entry and its
        reference-index entries (once more per routine step). Here the
        post_save handlers are held back for this page's saves: its references
        are rebuilt once afterwards, with the task the handler enqueues, and
        its search entry by :meth:`_index_pages` before the import returns.
        """
        # disable_reference_index_auto_update() does not nest: if a caller has
        # turned updates off already, leave them off and enqueue nothing.
        references_off = getattr(reference_index_auto_update_disabled, "value", False)
        references = model in ReferenceIndex.tracked_models and not references_off
        search = post_save.disconnect(search_index_on_save, sender=model)
        try:
            with nullcontext() if references_off else disable_reference_index_auto_update():
                if parent is not None:
                    self._create_published(page, parent)
                else:
                    # Nor full_clean() here: publishing saves the same content
                    # and runs the full validation then.
                    page.save_revision(clean=False).publish()
        finally:
            if search:
                post_save.connect(search_index_on_save, sender=model)
        if search:
            self._to_index[model].append(page.pk)
        if references:
            label = (model._meta.app_label, model._meta.model_name, str(page.pk))
            update_reference_index_task.enqueue(*label)

    def _create_published(self, page, parent):
        """Add ``page`` under ``parent`` published, with its first revision.

        This writes what ``add_child()``, ``save_revision()`` and ``publish()``
        write for a new page, with one save instead of three: the page goes in
        live, so Wagtail's ``save()`` validates it in full. Then come its
        revision, the ``wagtail.publish`` log entry and the ``published`` and
        ``page_published`` signals. Publishing would also update aliases,
        workflows, comments and scheduled revisions, and a new page has none.
        """
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = timezone.now()
        page.draft_title = page.title
        parent.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        published.send(sender=type(page), instance=page, revision=revision)
        page_published.send(sender=type(page), instance=page, revision=revision)

    def _index_pages(self):
        """Write the search-index entries of the pages this run published.

        In batches of 500, as ``update_index`` does: the database backends
        recompute a statistic over the whole index after every write, which
        made indexing page by page slower the larger the site.
        """
        for model, pks in self._to_index.items():
            for chunk in chunks(pks):
                objects = list(model.get_indexed_objects().filter(pk__in=chunk))
                for name, backend in get_search_backends_with_name(with_auto_update=True):
                    try:
                        backend.add_bulk(model, objects)
                    except Exception:
                        # As modelsearch's insert_or_update_object() does.
                        logger.exception("Could not index %s in the %r backend", model, name)
                        if not backend.catch_indexing_errors:
                            raise
        self._to_index.clear()

    def _set_restricted(self, page, restricted):
        """:func:`set_restricted`, without a query for the many pages that have no restriction."""
        if self._restricted_pages is None:
            self._restricted_pages = set(
                PageViewRestriction.objects.values_list("page_id", flat=True)
            )
        if not restricted and page.pk not in self._restricted_pages:
            return False
        changed = set_restricted(page, restricted)
        if restricted:
            self._restricted_pages.add(page.pk)
        else:
            self._restricted_pages.discard(page.pk)
        return changed

    def _set_relations(self, page, m2m, children):
        for field, objects in m2m.items():
            getattr(page, field).set(objects)
        for relation, rows in children.items():
            child_model = type(page)._meta.get_field(relation).related_model
            getattr(page, relation).set(
                [child_model(sort_order=i, **row) for i, row in enumerate(rows)]
            )

    def _unchanged(self, model, page, values, m2m, children):
        if page.has_unpublished_changes or not page.live:
            return False
        for field, value in values.items():
            current = getattr(page, field)
            if hasattr(value, "pk"):
                if getattr(current, "pk", None) != getattr(value, "pk", None):
                    return False
            elif not same(current, value):
                return False
        for field, objects in m2m.items():
            current = self._relations.get((model, field), {}).get(page.pk)
            if current is None:
                current = set(getattr(page, field).values_list("pk", flat=True))
            if current != {obj.pk for obj in objects}:
                return False
        for relation, rows in children.items():
            current_rows = self._children.get((page.pk, relation))
            if current_rows is None:
                current_rows = getattr(page, relation).order_by("sort_order")
            fields = list(rows[0]) if rows else ["pk"]
            current = [{field: getattr(row, field) for field in fields} for row in current_rows]
            if len(current) != len(rows) or any(
                not all(same(c[f], w[f]) for f in fields)
                for c, w in zip(current, rows, strict=True)
            ):
                return False
        return True
