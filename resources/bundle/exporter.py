"""Write the portal's items out as a ``portal-bundle/1`` bundle that imports back unchanged.

The export is the importer's mirror: every field the importer reads is written
from the live page, in every language that has text, with the relations as keys
and guidance PDFs copied beside the JSON. Importing the result into the database
it came from finds every item unchanged (no revision); importing it into a fresh
database recreates the same items.
"""

import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Page, PageViewRestriction

from core.i18n import language_codes, localized
from editorial.models import Partner
from resources.models import (
    Audience,
    GuidancePage,
    NewsPage,
    OrganisationPage,
    Region,
    RoutinePage,
    Theme,
)

from . import schema

BUNDLE_NAME = "bundle.json"
FILES_DIR = "files"
# The search API's type names, which is what people already type.
TYPES = {
    "organisation": "organisations",
    "routine": "routines",
    "guidance": "guidance",
    "news": "news",
}
MODELS = {
    "organisations": OrganisationPage,
    "routines": RoutinePage,
    "guidance": GuidancePage,
    "news": NewsPage,
}
TAXONOMY_MODELS = {"themes": Theme, "regions": Region, "audiences": Audience}


@dataclass
class ExportSummary:
    """What an export wrote and what it left out, for the command's report."""

    written: Counter = field(default_factory=Counter)
    restricted_left_out: int = 0
    references_dropped: int = 0
    added_for_references: int = 0
    documents: int = 0


# Wagtail's stored form of a link to a page in rich text.
PAGE_LINK = re.compile(r'<a linktype="page" id="(\d+)">')


def with_key_links(data):
    """``data`` with links to pages written as ``key:`` links, as bundles carry them.

    The importer turns ``<a href="key:ITEM">`` back into page links in every
    language; a page without a key (a theme page) keeps its link as text.
    """
    keys = {}

    def key_link(match):
        page_id = int(match.group(1))
        if page_id not in keys:
            page = Page.objects.filter(pk=page_id).first()
            keys[page_id] = getattr(page.specific, "key", None) if page else None
        return f'<a href="key:{keys[page_id]}">' if keys[page_id] else "<a>"

    def walk(value):
        if isinstance(value, str):
            return PAGE_LINK.sub(key_link, value) if 'linktype="page"' in value else value
        if isinstance(value, list):
            return [walk(entry) for entry in value]
        if isinstance(value, dict):
            return {name: walk(entry) for name, entry in value.items()}
        return value

    return walk(data)


def _texts(obj, name, source_field=None):
    """``{language: text}`` for every language with text in ``source_field`` (``name``)."""
    result = {}
    for language in language_codes():
        value = getattr(obj, localized(source_field or name, language), None)
        if value:
            result[language] = value
    return result


def _put(item, name, texts):
    """Optional translated fields appear only with text: an empty one would need Swedish."""
    if texts:
        item[name] = texts


def _date(value):
    return value.isoformat() if value else None


def _keys(objects):
    return sorted(obj.key for obj in objects)


class BundleExporter:
    """Collects the items to export; :meth:`write` puts them in a folder."""

    def __init__(self, partner=None, include_restricted=False, types=None, progress=None):
        self.partner = partner
        self.include_restricted = include_restricted
        self.collections = [TYPES[t] for t in types] if types else list(MODELS)
        self.progress = progress or (lambda done, total: None)
        self.summary = ExportSummary()
        self._restricted_paths = [
            path
            for path in PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
        ]

    def is_restricted(self, page):
        return any(page.path.startswith(path) for path in self._restricted_paths)

    def _pages(self, collection):
        model = MODELS[collection]
        pages = model.objects.live().order_by("key")
        if collection == "organisations":
            pages = pages.prefetch_related("regions").select_related("partner")
        elif collection == "routines":
            pages = pages.prefetch_related(
                "themes", "regions", "audiences", "organisations", "steps__responsible"
            ).select_related("partner")
        elif collection == "guidance":
            pages = pages.prefetch_related("themes", "regions", "audiences").select_related(
                "partner", "document"
            )
        else:
            pages = pages.prefetch_related("themes", "regions", "audiences")
        return pages

    def _selected(self, collection):
        """The pages of ``collection`` the options ask for, restricted ones counted apart."""
        if collection not in self.collections:
            return []
        chosen = []
        for page in self._pages(collection):
            if self.partner is not None and getattr(page, "partner_id", None) != self.partner.pk:
                continue
            if self.is_restricted(page) and not self.include_restricted:
                self.summary.restricted_left_out += 1
                continue
            chosen.append(page)
        return chosen

    def collect(self):
        """The bundle as data and ``{relative path: Document}`` of the PDFs it names."""
        chosen = {collection: self._selected(collection) for collection in MODELS}
        organisations = {page.key: page for page in chosen["organisations"]}
        self._add_referenced_organisations(chosen["routines"], organisations)
        total = sum(len(pages) for name, pages in chosen.items() if name != "organisations")
        total += len(organisations)
        done = 0
        data = {"format": schema.FORMAT}
        items = {name: [] for name in MODELS}
        documents = {}
        owners = set()
        for page in sorted(organisations.values(), key=lambda p: p.key):
            items["organisations"].append(self._organisation(page, owners))
            done += 1
            self.progress(done, total)
        for page in chosen["routines"]:
            items["routines"].append(self._routine(page, organisations, owners))
            done += 1
            self.progress(done, total)
        for page in chosen["guidance"]:
            items["guidance"].append(self._guidance(page, owners, documents))
            done += 1
            self.progress(done, total)
        for page in chosen["news"]:
            items["news"].append(self._news(page))
            done += 1
            self.progress(done, total)
        if total == 0:
            self.progress(0, 0)
        partners = Partner.objects.filter(key__in=owners).order_by("key")
        if partners:
            data["partners"] = [{"key": p.key, "name": p.name} for p in partners]
        data["taxonomy"] = self._taxonomy()
        for name, values in items.items():
            if values:
                data[name] = values
                self.summary.written[name] = len(values)
        self.summary.documents = len(documents)
        return with_key_links(data), documents

    def _add_referenced_organisations(self, routines, organisations):
        """Organisations the chosen routines name, so that the bundle is complete on its own."""
        for routine in routines:
            named = [*routine.organisations.all()]
            named += [step.responsible for step in routine.steps.all() if step.responsible]
            for organisation in named:
                if organisation.key in organisations or not organisation.live:
                    continue
                if self.is_restricted(organisation) and not self.include_restricted:
                    continue
                organisations[organisation.key] = organisation
                self.summary.added_for_references += 1

    def _taxonomy(self):
        return {
            name: [{"key": term.key, "name": _texts(term, "name")} for term in model.objects.all()]
            for name, model in TAXONOMY_MODELS.items()
        }

    def _owner(self, page, item, owners):
        if page.partner_id:
            item["owner"] = page.partner.key
            owners.add(page.partner.key)

    def _updates(self, page, item):
        """The page's change notes (the ``updates`` extension), in their order."""
        notes = [
            {"date": _date(note.date), "text": _texts(note, "text")}
            for note in page.change_notes.all()
        ]
        if notes:
            item["updates"] = notes

    def _tags(self, page, item):
        for name in schema.TAXONOMY_LISTS:
            item[name] = _keys(getattr(page, name).all())

    def _organisation(self, page, owners):
        item = {
            "key": page.key,
            "name": _texts(page, "name", "title"),
            "kind": page.kind,
            "regions": _keys(page.regions.all()),
            "phone": page.phone,
            "email": page.email,
            "website": page.website,
            "address": page.address,
            "open_24h": page.open_24h,
            "languages": page.language_list,
            "restricted": self.is_restricted(page),
        }
        _put(item, "description", _texts(page, "description"))
        if page.verified_on:
            item["verified_on"] = _date(page.verified_on)
        self._owner(page, item, owners)
        return item

    def _reference(self, organisation, organisations):
        """The key of an organisation in the bundle, or None when it was left out."""
        if organisation is None:
            return None
        if organisation.key in organisations:
            return organisation.key
        self.summary.references_dropped += 1
        return None

    def _routine(self, page, organisations, owners):
        steps = []
        for step in page.steps.all():
            entry = {"title": _texts(step, "title"), "requirement": step.requirement}
            _put(entry, "body", _texts(step, "body"))
            responsible = self._reference(step.responsible, organisations)
            if responsible:
                entry["responsible"] = responsible
            steps.append(entry)
        related = [self._reference(org, organisations) for org in page.organisations.all()]
        item = {
            "key": page.key,
            "title": _texts(page, "title"),
            "steps": steps,
            "organisations": sorted(key for key in related if key),
            "restricted": self.is_restricted(page),
            "last_reviewed": _date(page.last_reviewed),
        }
        _put(item, "summary", _texts(page, "summary"))
        self._updates(page, item)
        self._tags(page, item)
        self._owner(page, item, owners)
        return item

    def _guidance(self, page, owners, documents):
        item = {
            "key": page.key,
            "title": _texts(page, "title"),
            "published": _date(page.publication_date),
            "restricted": self.is_restricted(page),
        }
        _put(item, "summary", _texts(page, "summary"))
        _put(item, "body", _texts(page, "body"))
        if page.document is not None:
            relative = f"{FILES_DIR}/{page.key}.pdf"
            documents[relative] = page.document
            item["document"] = relative
        self._updates(page, item)
        self._tags(page, item)
        self._owner(page, item, owners)
        return item

    def _news(self, page):
        item = {
            "key": page.key,
            "title": _texts(page, "title"),
            "date": _date(page.date),
            "restricted": self.is_restricted(page),
        }
        _put(item, "summary", _texts(page, "summary"))
        _put(item, "body", _texts(page, "body"))
        self._tags(page, item)
        return item

    def write(self, directory, name=BUNDLE_NAME):
        """Write the JSON (``name``) and ``files/`` into ``directory``; returns the JSON's path."""
        directory = Path(directory)
        data, documents = self.collect()
        directory.mkdir(parents=True, exist_ok=True)
        for relative, document in documents.items():
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with document.file.open("rb") as source, target.open("wb") as handle:
                shutil.copyfileobj(source, handle)
        path = directory / name
        with path.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        return path
