"""Write a validated bundle into the portal, matching items on their key.

The bundle is the truth for every item it names: an item whose fields already
match is left alone (no revision), a changed one gets a new published
revision, a new one is created and published. Items the bundle does not name
are not touched.
"""

import datetime
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from anyascii import anyascii
from django.core.files import File
from django.utils import translation
from django.utils.text import slugify
from wagtail.documents import get_document_model

from core.access import document_collection
from core.i18n import language_codes, localized, source_language
from editorial.models import Partner
from resources.models import (
    Audience,
    GuidancePage,
    NewsPage,
    OrganisationPage,
    Region,
    RoutinePage,
    Theme,
    ThemePage,
)
from resources.site_tree import ensure_site_tree

from . import schema
from .html import link_keys, resolve_key_links
from .slugs import SiblingSlugs
from .values import (
    chunks,
    date,
    existing_page_ids,
    html_texts,
    opening_hours,
    outer_first,
    same,
    translated,
)
from .writer import CREATED, UNCHANGED, UPDATED, PageWriter

TAXONOMY_MODELS = {"themes": Theme, "regions": Region, "audiences": Audience}
TAGS = tuple(schema.TAXONOMY_LISTS)


class BundleImporter(PageWriter):
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
        self._slugs = SiblingSlugs()
        self._restricted_pages = None  # pks of pages with a view restriction
        self._to_index = defaultdict(list)  # model -> pks of pages to (re)index
        self._partners = None  # key -> Partner, read once
        self._children = {}  # (page pk, relation) -> [child rows] by sort_order
        self._page_ids = {}  # item key -> page id, for key: links
        self._unresolved = False  # the current item links to a page not created yet
        self._pending = []  # (method, item) to import again once every page exists
        self._relinking = False

    @property
    def total(self):
        taxonomy = self.data.get("taxonomy", {})
        terms = sum(len(taxonomy.get(name, [])) for name in schema.TAXONOMY_LISTS)
        return terms + sum(len(self.data.get(name, [])) for name in schema.ITEMS)

    def run(self):
        with translation.override(source_language()):
            self.tree = ensure_site_tree()
            self.done = 0
            linked = {key for text in html_texts(self.data) for key in link_keys(text)}
            self._page_ids = existing_page_ids(linked)
            self._taxonomy()
            self._prefetch(OrganisationPage, "organisations", ["regions"], ["opening_hours"])
            self._each("organisations", self._organisation)
            routine_m2m = [*TAGS, "organisations"]
            self._prefetch(RoutinePage, "routines", routine_m2m, ["steps", "change_notes"])
            self._each("routines", self._routine)
            self._prefetch(GuidancePage, "guidance", TAGS, ["change_notes"], select=["document"])
            self._each("guidance", self._guidance)
            self._prefetch(NewsPage, "news", TAGS)
            self._each("news", self._news)
            self._relink()
            self._index_pages()
        return self.summary

    def _each(self, collection, method):
        for item in self.data.get(collection, []):
            self._unresolved = False
            method(item)
            if self._unresolved:
                self._pending.append((method, item))

    def _relink(self):
        """Import again the items whose links pointed to pages that did not exist yet.

        Now that every page exists, their ``key:`` links become page links; the
        summary already counts them.
        """
        self._relinking = True
        for method, item in self._pending:
            method(item)
        self._relinking = False
        self._pending.clear()

    def _page_id(self, key):
        pk = self._page_ids.get(key)
        if pk is None:
            self._unresolved = True
        return pk

    def _html(self, field, value):
        """``_translated`` HTML whose ``key:`` links are Wagtail page links."""
        values = translated(field, value, html=True)
        return {
            name: resolve_key_links(text, self._page_id) if text else text
            for name, text in values.items()
        }

    def _prefetch(self, model, collection, m2m, children=(), select=()):
        """Load the bundle's existing pages of ``model`` and what _unchanged compares.

        A few queries per 500 items instead of several per item.
        """
        keys = [item["key"] for item in self.data.get(collection, [])]
        pages = {}
        for chunk in chunks(keys):
            for page in model.objects.filter(key__in=chunk).select_related(*select):
                pages[page.key] = page
        self._pages[model] = pages
        pks = [page.pk for page in pages.values()]
        for field in m2m:
            related = {pk: set() for pk in pks}
            for chunk in chunks(pks):
                rows = model.objects.filter(pk__in=chunk).values_list("pk", field)
                for pk, other in rows:
                    if other is not None:
                        related[pk].add(other)
            self._relations[(model, field)] = related
        for relation in children:
            child_model = model._meta.get_field(relation).related_model
            self._children.update({(pk, relation): [] for pk in pks})
            for chunk in chunks(pks):
                rows = child_model.objects.filter(page_id__in=chunk).order_by(
                    "page_id", "sort_order"
                )
                for row in rows:
                    self._children[(row.page_id, relation)].append(row)

    def _tick(self, kind, outcome):
        if self._relinking:
            return
        self.summary[(kind, outcome)] += 1
        self.done += 1
        self.progress(self.done, self.total)

    def _taxonomy(self):
        taxonomy = self.data.get("taxonomy", {})
        for name, model in TAXONOMY_MODELS.items():
            self.terms[name] = {term.key: term for term in model.objects.all()}
            for term in outer_first(taxonomy.get(name, [])):
                values = translated("name", term["name"])
                if "within" in term:
                    values["within"] = self.terms[name][term["within"]]
                current = self.terms[name].get(term["key"])
                if current is None:
                    current = model(key=term["key"], **values)
                    outcome = CREATED
                elif all(same(getattr(current, f), v) for f, v in values.items()):
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
            verified_on=date(item.get("verified_on")),
            **self._html("description", item.get("description")),
            **self._owner(item),
        )
        m2m = {"regions": self._refs("regions", item.get("regions"))}
        # Without opening_hours an organisation keeps those set in the admin.
        children = {}
        if "opening_hours" in item:
            children["opening_hours"] = opening_hours(item["opening_hours"])
        page = self._existing(OrganisationPage, item["key"])
        page, outcome = self._save_page(
            OrganisationPage,
            page,
            parent,
            values,
            m2m,
            children=children,
            restricted=item.get("restricted", False),
        )
        self.organisations[item["key"]] = page
        self._tick("organisations", outcome)
        return page

    def _tags(self, item):
        return {name: self._refs(name, item.get(name)) for name in schema.TAXONOMY_LISTS}

    def _routine(self, item):
        parent = self.tree.routines
        values = self._item_values(RoutinePage, parent, item, "title")
        values.update(
            last_reviewed=date(item.get("last_reviewed"), datetime.date.today()),
            **translated("summary", item.get("summary")),
            **self._owner(item),
        )
        m2m = self._tags(item)
        m2m["organisations"] = [self.organisations[key] for key in item.get("organisations", [])]
        steps = [
            {
                **translated("title", step.get("title")),
                **self._html("body", step.get("body")),
                "responsible_id": (
                    self.organisations[step["responsible"]].pk if step.get("responsible") else None
                ),
                "requirement": step.get("requirement") or "should",
            }
            for step in item.get("steps", [])
        ]
        page = self._existing(RoutinePage, item["key"])
        _page, outcome = self._save_page(
            RoutinePage,
            page,
            parent,
            values,
            m2m,
            children={"steps": steps, **self._updates(item)},
            restricted=item.get("restricted"),
        )
        self._tick("routines", outcome)

    def _updates(self, item):
        """The change notes an item's ``updates`` give; without them the page keeps its own."""
        if "updates" not in item:
            return {}
        notes = [
            {"date": date(update["date"]), **translated("text", update["text"])}
            for update in item["updates"]
        ]
        return {"change_notes": notes}

    def _guidance(self, item):
        parent = self.tree.guidance
        restricted = bool(item.get("restricted"))
        values = self._item_values(GuidancePage, parent, item, "title")
        values.update(
            publication_date=date(item.get("published"), datetime.date.today()),
            **translated("summary", item.get("summary")),
            **self._html("body", item.get("body")),
            **self._owner(item),
        )
        page = self._existing(GuidancePage, item["key"])
        document = self._document(item, page, restricted)
        if document is not False:
            values["document"] = document
        _page, outcome = self._save_page(
            GuidancePage,
            page,
            parent,
            values,
            self._tags(item),
            children=self._updates(item),
            restricted=restricted,
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
            date=date(item.get("date"), datetime.date.today()),
            **translated("summary", item.get("summary")),
            **self._html("body", item.get("body")),
        )
        page = self._existing(NewsPage, item["key"])
        _page, outcome = self._save_page(
            NewsPage, page, parent, values, self._tags(item), restricted=item.get("restricted")
        )
        self._tick("news", outcome)
