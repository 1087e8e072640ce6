"""Write a validated bundle into the portal, matching items on their key.

The bundle is the truth for every item it names: an item whose fields already
match is left alone (no revision), a changed one gets a new published
revision, a new one is created and published. Items the bundle does not name
are not touched.
"""

import datetime
import hashlib
import logging
from collections import Counter, defaultdict
from contextlib import nullcontext
from pathlib import Path

from anyascii import anyascii
from django.core.files import File
from django.db.models.signals import post_save
from django.utils import translation
from django.utils.text import slugify
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, ReferenceIndex
from wagtail.signal_handlers import (
    disable_reference_index_auto_update,
    reference_index_auto_update_disabled,
)
from wagtail.tasks import update_reference_index_task

from core.access import document_collection, set_restricted
from core.i18n import language_codes, localized, source_language
from editorial.models import Partner
from resources.models import (
    Audience,
    GuidancePage,
    NewsPage,
    OrganisationPage,
    Region,
    RoutinePage,
    RoutineStep,
    Theme,
    ThemePage,
)
from resources.site_tree import ensure_site_tree

from . import schema
from .html import sanitize
from .slugs import SiblingSlugs

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
TAXONOMY_MODELS = {"themes": Theme, "regions": Region, "audiences": Audience}
TAGS = tuple(schema.TAXONOMY_LISTS)
CHUNK = 500  # keys or ids per IN (...) query, well below SQLite's variable limit


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _same(current, wanted):
    return (current or None) == (wanted or None)


def _translated(field, value, html=False):
    """``{field}_{language}`` for every language; missing languages become empty."""
    value = value or {}
    result = {}
    for language in language_codes():
        text = value.get(language) or ""
        result[localized(field, language)] = (sanitize(text) if html else text.strip()) or None
    return result


def _date(value, default=None):
    return datetime.date.fromisoformat(value) if value else default


class BundleImporter:
    """Imports one parsed, validated bundle; call :meth:`run` inside a transaction."""

    def __init__(self, data, base_dir, dry_run=False, progress=None):
        self.data = data
        self.base_dir = Path(base_dir)
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.summary = Counter()
        self.terms = {}
        self.organisations = {}
        self.imported = []
        # Read once instead of once per item (see _prefetch, SiblingSlugs).
        self._pages = {}  # model -> {key: page already in the database}
        self._relations = {}  # (model, m2m field) -> {page pk: {related pks}}
        self._steps = {}  # routine pk -> [RoutineStep] by sort_order
        self._slugs = SiblingSlugs()
        self._restricted_pages = None  # pks of pages with a view restriction
        self._to_index = defaultdict(list)  # model -> pks of pages to (re)index
        self._partners = None  # key -> Partner, read once

    @property
    def total(self):
        taxonomy = self.data.get("taxonomy", {})
        terms = sum(len(taxonomy.get(name, [])) for name in schema.TAXONOMY_LISTS)
        return terms + sum(len(self.data.get(name, [])) for name in schema.ITEMS)

    def run(self):
        with translation.override(source_language()):
            self.tree = ensure_site_tree()
            self.done = 0
            self._taxonomy()
            self._prefetch(OrganisationPage, "organisations", ["regions"])
            for item in self.data.get("organisations", []):
                self.organisations[item["key"]] = self._organisation(item)
            self._prefetch(RoutinePage, "routines", [*TAGS, "organisations"], steps=True)
            for item in self.data.get("routines", []):
                self._routine(item)
            self._prefetch(GuidancePage, "guidance", TAGS, select=["document"])
            for item in self.data.get("guidance", []):
                self._guidance(item)
            self._prefetch(NewsPage, "news", TAGS)
            for item in self.data.get("news", []):
                self._news(item)
            self._index_pages()
        return self.summary

    def _prefetch(self, model, collection, m2m, steps=False, select=()):
        """Load the bundle's existing pages of ``model`` and what _unchanged compares.

        A few queries per 500 items instead of several per item.
        """
        keys = [item["key"] for item in self.data.get(collection, [])]
        pages = {}
        for chunk in _chunks(keys):
            for page in model.objects.filter(key__in=chunk).select_related(*select):
                pages[page.key] = page
        self._pages[model] = pages
        pks = [page.pk for page in pages.values()]
        for field in m2m:
            related = {pk: set() for pk in pks}
            for chunk in _chunks(pks):
                rows = model.objects.filter(pk__in=chunk).values_list("pk", field)
                for pk, other in rows:
                    if other is not None:
                        related[pk].add(other)
            self._relations[(model, field)] = related
        if steps:
            self._steps = {pk: [] for pk in pks}
            for chunk in _chunks(pks):
                for step in RoutineStep.objects.filter(page_id__in=chunk).order_by(
                    "page_id", "sort_order"
                ):
                    self._steps[step.page_id].append(step)

    def _tick(self, kind, outcome):
        self.summary[(kind, outcome)] += 1
        self.done += 1
        self.progress(self.done, self.total)

    def _taxonomy(self):
        taxonomy = self.data.get("taxonomy", {})
        for name, model in TAXONOMY_MODELS.items():
            self.terms[name] = {term.key: term for term in model.objects.all()}
            for term in taxonomy.get(name, []):
                values = _translated("name", term["name"])
                current = self.terms[name].get(term["key"])
                if current is None:
                    current = model(key=term["key"], **values)
                    outcome = CREATED
                elif all(_same(getattr(current, f), v) for f, v in values.items()):
                    outcome = UNCHANGED
                else:
                    outcome = UPDATED
                    for field, value in values.items():
                        setattr(current, field, value)
                if outcome != UNCHANGED:
                    current.save()
                self.terms[name][term["key"]] = current
                if name == "themes":
                    self._theme_page(current)
                self._tick(name, outcome)

    def _theme_page(self, theme):
        names = {
            language: getattr(theme, localized("name", language)) for language in language_codes()
        }
        values = self._titles_and_slugs(self.tree.home, theme.key, names, ThemePage, theme)
        page = ThemePage.objects.filter(theme=theme).first()
        self._save_page(ThemePage, page, self.tree.home, {"theme": theme, **values}, {})

    def _owner(self, item):
        """``{"partner_id": ...}`` for an item that names its owner, else nothing.

        Without ``owner`` the page keeps whatever owner it has: ownership is
        usually set in the admin, and contract bundles do not carry it.
        """
        if "owner" not in item:
            return {}
        return {"partner_id": self._partner(item["owner"]).pk}

    def _partner(self, key):
        """The partner ``key``; an organisation of the bundle named as owner becomes one."""
        if self._partners is None:
            self._partners = {partner.key: partner for partner in Partner.objects.all()}
        partner = self._partners.get(key)
        if partner is None:
            names = {
                org["key"]: org["name"][source_language()]
                for org in self.data.get("organisations", [])
            }
            names.update((entry["key"], entry["name"]) for entry in self.data.get("partners", []))
            name = names[key].strip()[:120]
            if Partner.objects.filter(name=name).exists():
                name = f"{name[: 117 - len(key)]} ({key})"
            partner = self._partners[key] = Partner.objects.create(key=key, name=name)
            self.summary[("partners", CREATED)] += 1
        return partner

    def _refs(self, collection, keys):
        return [self.terms[collection][key] for key in keys or []]

    def _titles_and_slugs(self, parent, key, titles, model, current_key):
        values = {}
        page = self._existing(model, current_key)
        for language in language_codes():
            title = (titles.get(language) or "").strip()
            values[localized("title", language)] = title or None
            own_slug = language == source_language() or not title
            wanted = key if own_slug else slugify(anyascii(title))[:80]
            values[localized("slug", language)] = self._slugs.free(
                parent, language, wanted or key, page
            )
        return values

    def _existing(self, model, key):
        if model is ThemePage:
            return ThemePage.objects.filter(theme=key).first()
        if model in self._pages:
            return self._pages[model].get(key)
        return model.objects.filter(key=key).first()

    def _item_values(self, model, parent, item, title_field):
        values = {"key": item["key"]}
        values.update(
            self._titles_and_slugs(parent, item["key"], item[title_field], model, item["key"])
        )
        return values

    def _organisation(self, item):
        parent = self.tree.directory
        values = self._item_values(OrganisationPage, parent, item, "name")
        values.update(
            kind=item.get("kind") or "other",
            phone=item.get("phone") or "",
            email=item.get("email") or "",
            website=item.get("website") or "",
            address=item.get("address") or "",
            open_24h=bool(item.get("open_24h")),
            languages=", ".join(item.get("languages") or []),
            verified_on=_date(item.get("verified_on")),
            **_translated("description", item.get("description"), html=True),
            **self._owner(item),
        )
        m2m = {"regions": self._refs("regions", item.get("regions"))}
        page = self._existing(OrganisationPage, item["key"])
        page, outcome = self._save_page(
            OrganisationPage, page, parent, values, m2m, restricted=item.get("restricted", False)
        )
        self._tick("organisations", outcome)
        return page

    def _tags(self, item):
        return {name: self._refs(name, item.get(name)) for name in schema.TAXONOMY_LISTS}

    def _routine(self, item):
        parent = self.tree.routines
        values = self._item_values(RoutinePage, parent, item, "title")
        values.update(
            last_reviewed=_date(item.get("last_reviewed"), datetime.date.today()),
            **_translated("summary", item.get("summary")),
            **self._owner(item),
        )
        m2m = self._tags(item)
        m2m["organisations"] = [self.organisations[key] for key in item.get("organisations", [])]
        steps = [
            {
                **_translated("title", step.get("title")),
                **_translated("body", step.get("body"), html=True),
                "responsible_id": (
                    self.organisations[step["responsible"]].pk if step.get("responsible") else None
                ),
                "requirement": step.get("requirement") or "should",
            }
            for step in item.get("steps", [])
        ]
        page = self._existing(RoutinePage, item["key"])
        _page, outcome = self._save_page(
            RoutinePage, page, parent, values, m2m, steps=steps, restricted=item.get("restricted")
        )
        self._tick("routines", outcome)

    def _guidance(self, item):
        parent = self.tree.guidance
        restricted = bool(item.get("restricted"))
        values = self._item_values(GuidancePage, parent, item, "title")
        values.update(
            publication_date=_date(item.get("published"), datetime.date.today()),
            **_translated("summary", item.get("summary")),
            **_translated("body", item.get("body"), html=True),
            **self._owner(item),
        )
        page = self._existing(GuidancePage, item["key"])
        document = self._document(item, page, restricted)
        if document is not False:
            values["document"] = document
        _page, outcome = self._save_page(
            GuidancePage, page, parent, values, self._tags(item), restricted=restricted
        )
        self._tick("guidance", outcome)

    def _document(self, item, page, restricted):
        """The document to attach, or False to keep the current one as it is."""
        path = item.get("document")
        if not path:
            return None
        source = self.base_dir / path
        digest = hashlib.sha1(source.read_bytes()).hexdigest()  # noqa: S324 - Wagtail's file_hash
        current = page.document if page else None
        collection = document_collection(restricted)
        if current is not None and current.file_hash == digest:
            if current.collection_id != collection.pk and not self.dry_run:
                current.collection = collection
                current.save()
            return False
        if self.dry_run:
            return current  # a changed file counts as a change without writing it
        Document = get_document_model()
        document = Document(title=item["title"][source_language()], collection=collection)
        with source.open("rb") as handle:
            document.file.save(source.name, File(handle), save=False)
        document._set_document_file_metadata()
        document.save()
        return document

    def _news(self, item):
        parent = self.tree.news
        values = self._item_values(NewsPage, parent, item, "title")
        values.update(
            date=_date(item.get("date"), datetime.date.today()),
            **_translated("summary", item.get("summary")),
            **_translated("body", item.get("body"), html=True),
        )
        page = self._existing(NewsPage, item["key"])
        _page, outcome = self._save_page(
            NewsPage, page, parent, values, self._tags(item), restricted=item.get("restricted")
        )
        self._tick("news", outcome)

    def _save_page(self, model, page, parent, values, m2m, steps=None, restricted=None):
        """Create, update or leave ``page``; publish a revision when it changed."""
        previous = {}
        if page is None:
            page = model(**values)
            self._set_relations(page, m2m, steps)
            outcome = CREATED
        elif self._unchanged(model, page, values, m2m, steps):
            outcome = UNCHANGED
        else:
            previous = {lang: getattr(page, localized("slug", lang)) for lang in language_codes()}
            for field, value in values.items():
                setattr(page, field, value)
            self._set_relations(page, m2m, steps)
            outcome = UPDATED
        if outcome != UNCHANGED:
            self._publish(model, page, parent if outcome == CREATED else None)
            self._slugs.remember(parent, page, previous)
        if restricted is not None and self._set_restricted(page, bool(restricted)):
            outcome = UPDATED if outcome == UNCHANGED else outcome
        self.imported.append(page)
        return page, outcome

    def _publish(self, model, page, parent=None):
        """Add ``page`` under ``parent`` (if given), then save and publish a revision.

        That saves the page three times (add_child, save_revision, publish), and
        each save would rebuild its search-index entry and its reference-index
        entries (once more per routine step). Here the post_save handlers are held
        back for this page's saves: its references are rebuilt once afterwards,
        with the task the handler enqueues, and its search entry by
        :meth:`_index_pages` before the import returns.
        """
        # disable_reference_index_auto_update() does not nest: if a caller has
        # turned updates off already, leave them off and enqueue nothing.
        references_off = getattr(reference_index_auto_update_disabled, "value", False)
        references = model in ReferenceIndex.tracked_models and not references_off
        search = post_save.disconnect(search_index_on_save, sender=model)
        try:
            with nullcontext() if references_off else disable_reference_index_auto_update():
                if parent is not None:
                    # Added as a draft, as Wagtail's own "save draft" does: that
                    # save checks only title and slug.
                    page.live = False
                    parent.add_child(instance=page)
                # Nor full_clean() here: publishing saves the same content and
                # runs the full validation then.
                page.save_revision(clean=False).publish()
        finally:
            if search:
                post_save.connect(search_index_on_save, sender=model)
        if search:
            self._to_index[model].append(page.pk)
        if references:
            label = (model._meta.app_label, model._meta.model_name, str(page.pk))
            update_reference_index_task.enqueue(*label)

    def _index_pages(self):
        """Write the search-index entries of the pages this run published.

        In batches of 500, as ``update_index`` does: the database backends
        recompute a statistic over the whole index after every write, which
        made indexing page by page slower the larger the site.
        """
        for model, pks in self._to_index.items():
            for chunk in _chunks(pks):
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

    def _set_relations(self, page, m2m, steps):
        for field, objects in m2m.items():
            getattr(page, field).set(objects)
        if steps is not None:
            page.steps.set([RoutineStep(sort_order=i, **step) for i, step in enumerate(steps)])

    def _unchanged(self, model, page, values, m2m, steps):
        if page.has_unpublished_changes or not page.live:
            return False
        for field, value in values.items():
            current = getattr(page, field)
            if hasattr(value, "pk"):
                if getattr(current, "pk", None) != getattr(value, "pk", None):
                    return False
            elif not _same(current, value):
                return False
        for field, objects in m2m.items():
            current = self._relations.get((model, field), {}).get(page.pk)
            if current is None:
                current = set(getattr(page, field).values_list("pk", flat=True))
            if current != {obj.pk for obj in objects}:
                return False
        if steps is not None:
            fields = list(steps[0]) if steps else [localized("title")]
            current_steps = self._steps.get(page.pk) if model is RoutinePage else None
            if current_steps is None:
                current_steps = page.steps.order_by("sort_order")
            current = [{field: getattr(step, field) for field in fields} for step in current_steps]
            wanted = [{field: step[field] for field in fields} for step in steps]
            if len(current) != len(wanted) or any(
                not all(_same(c[f], w[f]) for f in fields)
                for c, w in zip(current, wanted, strict=True)
            ):
                return False
        return True
