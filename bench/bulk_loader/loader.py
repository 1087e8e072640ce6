"""The bulk loader: a validated bundle's items written as live pages, a batch at a time.

:class:`BulkLoader` writes the rows ``import_bundle`` would for items not in
the database yet (see ``bench/load_corpus.py`` for what it writes and what it
leaves out), with the tables of :mod:`bench.bulk_loader.tables`. Needs Django
set up; run it in a transaction.
"""

import datetime
import time
from collections import Counter
from pathlib import Path

from anyascii import anyascii
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction

from bench.bulk_loader.tables import Section, Table, chunks, relation_table
from core.access import restricted_groups
from core.i18n import language_codes
from editorial.translation_status import rebuild as rebuild_translation_status
from resources.bundle import schema
from resources.bundle.importer import TAXONOMY_MODELS, BundleImporter
from resources.bundle.values import date, translated
from resources.models import GuidancePage, NewsPage, OrganisationPage, RoutinePage, RoutineStep
from resources.site_tree import ensure_site_tree

BATCH = 1000  # items per round of inserts
COLLECTIONS = {
    "organisations": OrganisationPage,
    "routines": RoutinePage,
    "guidance": GuidancePage,
    "news": NewsPage,
}
# What an item links to: (bundle list and many-to-many field, target collection).
RELATIONS = {
    OrganisationPage: [("regions", "regions")],
    RoutinePage: [
        *((name, name) for name in schema.TAXONOMY_LISTS),
        ("organisations", "organisations"),
    ],
    GuidancePage: [(name, name) for name in schema.TAXONOMY_LISTS],
    NewsPage: [(name, name) for name in schema.TAXONOMY_LISTS],
}


class BulkLoader:
    """Writes one validated bundle's items with bulk inserts; call :meth:`run` in a transaction."""

    def __init__(self, data, base_dir, progress=None, translation_status=True):
        self.data = data
        self.base_dir = Path(base_dir)
        self.progress = progress or (lambda done, total: None)
        self.translation_status = translation_status
        self.counts = Counter()
        self.done = 0
        self.total = sum(len(data.get(name, [])) for name in COLLECTIONS)

    def run(self):
        """Load the items; returns counts of pages, steps, restrictions and skipped documents."""
        self._refuse_existing_items()
        taxonomy = {"format": schema.FORMAT, "taxonomy": self.data.get("taxonomy", {})}
        BundleImporter(taxonomy, self.base_dir).run()
        self.partners = self._owners()
        tree = ensure_site_tree()
        parents = {
            OrganisationPage: tree.directory,
            RoutinePage: tree.routines,
            GuidancePage: tree.guidance,
            NewsPage: tree.news,
        }
        self.targets = {
            name: dict(model.objects.values_list("key", "pk"))
            for name, model in TAXONOMY_MODELS.items()
        }
        self.targets["organisations"] = {}
        self.groups = [group.pk for group in restricted_groups()]
        self.now = timezone.now()
        self.today = datetime.date.today()
        self.pages = Table(Page, Page._meta.local_concrete_fields)
        self.steps = Table(RoutineStep, RoutineStep._meta.concrete_fields)
        self.restrictions = Table(PageViewRestriction, PageViewRestriction._meta.concrete_fields)
        self.progress(0, self.total)
        for name, model in COLLECTIONS.items():
            items = self.data.get(name, [])
            section = Section(parents[model])
            table = Table(model, model._meta.local_concrete_fields)
            relations = [
                (bundle_list, collection, *relation_table(model._meta.get_field(bundle_list)))
                for bundle_list, collection in RELATIONS[model]
            ]
            for chunk in chunks(items, BATCH):
                self._load(model, table, relations, section, chunk)
                self.done += len(chunk)
                self.progress(self.done, self.total)
            if items:
                Page.objects.filter(pk=section.page.pk).update(numchild=F("numchild") + len(items))
            self.counts[name] = len(items)
        if self.translation_status:
            # What a publish records besides: editorial's translation status, behind
            # the notice a reader of an outdated translation sees.
            started = time.perf_counter()
            self.counts["translation status"] = rebuild_translation_status(only_missing=True)
            self.counts["translation status seconds"] = time.perf_counter() - started
        return self.counts

    def _owners(self):
        """Partner ids by key for the items' ``owner``, in the order the importer meets them.

        The importer's own rule: an organisation named as owner becomes a partner.
        """
        importer = BundleImporter(self.data, self.base_dir)
        keys = dict.fromkeys(
            item["owner"]
            for name in COLLECTIONS
            for item in self.data.get(name, [])
            if "owner" in item
        )
        return {key: importer._partner(key).pk for key in keys}

    def _owner(self, item):
        """``partner_id`` for an item that names its owner; a new page has none otherwise."""
        return {"partner_id": self.partners[item["owner"]]} if "owner" in item else {}

    def _refuse_existing_items(self):
        for name, model in COLLECTIONS.items():
            keys = {item["key"] for item in self.data.get(name, [])}
            existing = sorted(keys & set(model.objects.values_list("key", flat=True)))
            if existing:
                raise CommandError(
                    f"{len(existing)} of the bundle's {name} are already in the database "
                    f"(first: {existing[0]!r}). The bulk loader only adds new items: load "
                    "into a fresh database, or use import_bundle to update."
                )

    def _load(self, model, table, relations, section, items):
        """Insert ``items`` as live pages of ``model`` under ``section``."""
        content_type = ContentType.objects.get_for_model(model).pk
        pages = [self._page(model, section, item, content_type) for item in items]
        self.pages.insert(pages)
        # The new pages are the section's children from the first new path to the last.
        paths = dict(
            Page.objects.filter(
                depth=section.depth, path__range=(pages[0].path, pages[-1].path)
            ).values_list("path", "pk")
        )
        ids = [paths[page.path] for page in pages]
        values = getattr(self, f"_{model._meta.model_name}_values")
        table.insert(
            [
                table.row({"page_ptr_id": pk, "key": item["key"], **values(item)})
                for pk, item in zip(ids, items, strict=True)
            ]
        )
        if model is OrganisationPage:
            self.targets["organisations"].update(
                (item["key"], pk) for pk, item in zip(ids, items, strict=True)
            )
        for bundle_list, collection, relation, source, target in relations:
            keys = self.targets[collection]
            relation.insert(
                [
                    relation.row({source: pk, target: keys[key]})
                    for pk, item in zip(ids, items, strict=True)
                    # A key listed twice is one relation, as with the importer's set().
                    for key in dict.fromkeys(item.get(bundle_list) or [])
                ]
            )
        if model is RoutinePage:
            self._steps(ids, items)
        self._restrict([pk for pk, item in zip(ids, items, strict=True) if item.get("restricted")])

    def _page(self, model, section, item, content_type):
        """The page row the importer's publish would write for ``item``."""
        titles = item["name"] if model is OrganisationPage else item["title"]
        values = {}
        for language in language_codes():
            title = (titles.get(language) or "").strip()
            values[f"title_{language}"] = title or None
            # The importer's slug rule: the key in Swedish, else from the title.
            wanted = item["key"] if language == "sv" or not title else slugify(anyascii(title))[:80]
            slug = section.free_slug(language, wanted or item["key"])
            values[f"slug_{language}"] = slug
            values[f"url_path_{language}"] = f"{section.url_paths[language]}{slug}/"
        row = self.pages.row(
            {
                **values,
                "path": section.next_path(),
                "depth": section.depth,
                "numchild": 0,
                "content_type_id": content_type,
                "locale_id": section.page.locale_id,
                "show_in_menus": model.show_in_menus_default,
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": self.now,
                "last_published_at": self.now,
            }
        )
        row.draft_title = row.title
        return row

    def _organisationpage_values(self, item):
        return {
            "kind": item.get("kind") or "other",
            "phone": item.get("phone") or "",
            "email": item.get("email") or "",
            "website": item.get("website") or "",
            "address": item.get("address") or "",
            "open_24h": bool(item.get("open_24h")),
            "languages": ", ".join(item.get("languages") or []),
            "verified_on": date(item.get("verified_on")),
            **translated("description", item.get("description"), html=True),
            **self._owner(item),
        }

    def _routinepage_values(self, item):
        return {
            "last_reviewed": date(item.get("last_reviewed"), self.today),
            **translated("summary", item.get("summary")),
            **self._owner(item),
        }

    def _guidancepage_values(self, item):
        if item.get("document"):
            self.counts["documents not attached"] += 1
        return {
            "publication_date": date(item.get("published"), self.today),
            **translated("summary", item.get("summary")),
            **translated("body", item.get("body"), html=True),
            **self._owner(item),
        }

    def _newspage_values(self, item):
        return {
            "date": date(item.get("date"), self.today),
            **translated("summary", item.get("summary")),
            **translated("body", item.get("body"), html=True),
        }

    def _steps(self, ids, items):
        organisations = self.targets["organisations"]
        rows = [
            self.steps.row(
                {
                    "page_id": pk,
                    "sort_order": index,
                    "responsible_id": (
                        organisations[step["responsible"]] if step.get("responsible") else None
                    ),
                    "requirement": step.get("requirement") or "should",
                    **translated("title", step.get("title")),
                    **translated("body", step.get("body"), html=True),
                }
            )
            for pk, item in zip(ids, items, strict=True)
            for index, step in enumerate(item.get("steps", []))
        ]
        self.steps.insert(rows)
        self.counts["routine steps"] += len(rows)

    def _restrict(self, ids):
        """A view restriction for the restricted groups, as ``set_restricted`` makes."""
        self.restrictions.insert(
            [
                self.restrictions.row(
                    {"page_id": pk, "restriction_type": PageViewRestriction.GROUPS}
                )
                for pk in ids
            ]
        )
        restrictions = PageViewRestriction.objects.filter(page__in=ids).values_list("pk", flat=True)
        table, source, target = relation_table(PageViewRestriction._meta.get_field("groups"))
        table.insert(
            [
                table.row({source: restriction, target: group})
                for restriction in restrictions
                for group in self.groups
            ]
        )
        self.counts["restricted"] += len(ids)
