"""Check a whole bundle before anything is written, reporting every problem.

Each problem carries its JSON path (``$.routines[2].steps[0].responsible``).
Errors stop the import; warnings (markup outside the HTML subset, which the
import strips as the contract says) are reported and the import goes on,
unless ``strict`` turns them into errors.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import get_language_info

from core.i18n import language_codes, source_language
from core.security.filetypes import is_pdf

from . import schema
from .html import disallowed, link_keys

_KEY = re.compile(schema.KEY_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


@dataclass
class Problem:
    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


@dataclass
class Report:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


class _Validator:
    def __init__(self, data, base_dir, strict, partners=(), pages=None):
        self.data = data
        self.base_dir = Path(base_dir).resolve()
        self.strict = strict
        self.partners = set(partners)
        self.pages = pages or (lambda keys: set())
        self.report = Report()
        self.known = {name: set() for name in (*schema.TAXONOMY_LISTS, "organisations", "items")}
        self.links = []  # (JSON path, key) of every key: link

    def error(self, path, message):
        self.report.errors.append(Problem(path, message))

    def run(self):
        data = self.data
        if not isinstance(data, dict):
            self.error("$", "a bundle is a JSON object")
            return self.report
        allowed = {"format", "taxonomy", "partners", *schema.ITEMS}
        for name in data:
            if name not in allowed:
                self.error(f"$.{name}", "unknown key")
        if data.get("format") != schema.FORMAT:
            self.error("$.format", f"must be {schema.FORMAT!r}")
        self._collect_keys()
        self._partners(data.get("partners", []))
        self._taxonomy(data.get("taxonomy", {}))
        item_keys = {}
        for collection, spec in schema.ITEMS.items():
            items = data.get(collection, [])
            path = f"$.{collection}"
            if not isinstance(items, list):
                self.error(path, "must be a list")
                continue
            for index, item in enumerate(items):
                item_path = f"{path}[{index}]"
                self._object(item, spec, schema.REQUIRED[collection], item_path)
                key = item.get("key") if isinstance(item, dict) else None
                if isinstance(key, str):
                    if key in item_keys:
                        self.error(
                            f"{item_path}.key", f"duplicate key {key!r} (also {item_keys[key]})"
                        )
                    else:
                        item_keys[key] = item_path
        self._regions_within()
        self._links()
        return self.report

    def _regions_within(self):
        """No region may lie, through others, within itself."""
        regions = self.data.get("taxonomy", {}).get("regions") if self.known["regions"] else []
        within = {
            term.get("key"): term.get("within")
            for term in regions
            if isinstance(term, dict) and isinstance(term.get("within"), str)
        }
        for index, term in enumerate(regions):
            key = term.get("key") if isinstance(term, dict) else None
            seen, current = set(), within.get(key)
            while current is not None and current not in seen:
                if current == key:
                    path = f"$.taxonomy.regions[{index}].within"
                    self.error(path, f"region {key!r} would lie within itself")
                    break
                seen.add(current)
                current = within.get(current)

    def _links(self):
        """Every ``key:`` link names an item of the bundle or a page of the portal."""
        outside = {key for _path, key in self.links if key not in self.known["items"]}
        existing = self.pages(outside) if outside else set()
        for path, key in self.links:
            if key not in self.known["items"] and key not in existing:
                self.error(path, f"link to unknown item key {key!r}")

    def _collect_keys(self):
        """Known keys first, so that references may point forwards."""
        taxonomy = self.data.get("taxonomy")
        if isinstance(taxonomy, dict):
            for name in schema.TAXONOMY_LISTS:
                terms = taxonomy.get(name)
                if isinstance(terms, list):
                    self.known[name] = {t.get("key") for t in terms if isinstance(t, dict)}
        organisations = self.data.get("organisations")
        if isinstance(organisations, list):
            self.known["organisations"] = {
                o.get("key") for o in organisations if isinstance(o, dict)
            }
        for collection in schema.ITEMS:
            items = self.data.get(collection)
            if isinstance(items, list):
                self.known["items"].update(i.get("key") for i in items if isinstance(i, dict))

    def _partners(self, partners):
        """Partners named as owners, each with the name it gets if it does not exist yet."""
        if not isinstance(partners, list):
            self.error("$.partners", "must be a list")
            return
        for index, entry in enumerate(partners):
            path = f"$.partners[{index}]"
            self._object(entry, schema.PARTNER_ENTRY, schema.REQUIRED["partners"], path)
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                if not entry["name"].strip():
                    self.error(f"{path}.name", "must not be empty")
                if isinstance(entry.get("key"), str) and _KEY.match(entry["key"]):
                    self.partners.add(entry["key"])

    def _taxonomy(self, taxonomy):
        if not isinstance(taxonomy, dict):
            self.error("$.taxonomy", "must be an object")
            return
        for name, terms in taxonomy.items():
            path = f"$.taxonomy.{name}"
            if name not in schema.TAXONOMY_LISTS:
                self.error(path, "unknown key")
                continue
            if not isinstance(terms, list):
                self.error(path, "must be a list")
                continue
            seen = {}
            for index, term in enumerate(terms):
                term_path = f"{path}[{index}]"
                spec = schema.TAXONOMY_TERMS[name]
                self._object(term, spec, schema.REQUIRED["taxonomy"], term_path)
                key = term.get("key") if isinstance(term, dict) else None
                if isinstance(key, str):
                    if key in seen:
                        self.error(f"{term_path}.key", f"duplicate key {key!r} (also {seen[key]})")
                    seen.setdefault(key, term_path)

    def _object(self, value, spec, required, path):
        if not isinstance(value, dict):
            self.error(path, "must be an object")
            return
        for name in required:
            if name not in value:
                self.error(f"{path}.{name}", "is required")
        for name, item in value.items():
            if name not in spec:
                self.error(f"{path}.{name}", "unknown key")
                continue
            self._field(spec[name], item, f"{path}.{name}")

    def _field(self, kind, value, path):  # noqa: C901 - one branch per field kind
        if isinstance(kind, tuple):
            self._refs(kind[1], value, path)
        elif kind == schema.KEY:
            if not isinstance(value, str) or not _KEY.match(value):
                self.error(path, "a key is lower-case letters, digits and '-'")
        elif kind in (schema.TEXT, schema.HTML):
            self._translated(value, path, html=kind == schema.HTML)
        elif kind == schema.STRING:
            self._string(value, path)
        elif kind == schema.EMAIL:
            if self._string(value, path) and value:
                self._check(_email, value, path, "is not an e-mail address")
        elif kind == schema.URL:
            if self._string(value, path) and value:
                self._check(_url, value, path, "is not an http(s) URL")
        elif kind == schema.BOOL:
            if not isinstance(value, bool):
                self.error(path, "must be true or false")
        elif kind == schema.DATE:
            self._date(value, path)
        elif kind == schema.STRINGS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.error(path, "must be a list of strings")
        elif kind == schema.KIND:
            if value not in schema.KINDS:
                self.error(path, f"unknown kind {value!r}; one of {', '.join(schema.KINDS)}")
        elif kind == schema.REQUIREMENT:
            if value not in schema.REQUIREMENTS:
                self.error(path, "must be 'must' or 'should'")
        elif kind == schema.ORGANISATION:
            if value is not None:
                self._refs("organisations", [value], path, single=True)
        elif kind == schema.REGION:
            if value is not None:
                self._refs("regions", [value], path, single=True)
        elif kind == schema.OPENING_HOURS:
            self._opening_hours(value, path)
        elif kind == schema.UPDATES:
            self._rows(value, path, schema.UPDATE, "update")
        elif kind == schema.PARTNER:
            self._partner(value, path)
        elif kind == schema.STEPS:
            self._steps(value, path)
        elif kind == schema.DOCUMENT:
            self._document(value, path)

    def _string(self, value, path):
        if value is not None and not isinstance(value, str):
            self.error(path, "must be a string")
            return False
        return value is not None

    def _check(self, validator, value, path, message):
        try:
            validator(value)
        except ValidationError:
            self.error(path, f"{message}: {value!r}")

    def _date(self, value, path):
        if not isinstance(value, str) or not _DATE.match(value):
            self.error(path, f"must be a date YYYY-MM-DD, not {value!r}")
            return
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            self.error(path, f"{value!r} is not a calendar date")

    def _translated(self, value, path, html):
        languages = language_codes()
        if not isinstance(value, dict):
            self.error(path, f"must be an object keyed by language ({', '.join(languages)})")
            return
        source = source_language()
        if not (isinstance(value.get(source), str) and value.get(source).strip()):
            self.error(f"{path}.{source}", f"{get_language_info(source)['name']} text is required")
        for language, text in value.items():
            text_path = f"{path}.{language}"
            if language not in languages:
                self.error(text_path, "unknown language")
            elif not isinstance(text, str):
                self.error(text_path, "must be a string")
            elif html:
                self.links.extend((text_path, key) for key in link_keys(text))
                for problem in disallowed(text):
                    target = self.report.errors if self.strict else self.report.warnings
                    target.append(Problem(text_path, f"{problem}; it is removed"))

    def _refs(self, collection, value, path, single=False):
        if not isinstance(value, list):
            self.error(path, f"must be a list of {collection} keys")
            return
        singular = collection.rstrip("s")
        for index, key in enumerate(value):
            ref_path = path if single else f"{path}[{index}]"
            if not isinstance(key, str) or key not in self.known[collection]:
                self.error(ref_path, f"unknown {singular} key {key!r}")

    def _partner(self, value, path):
        """An existing partner's key, or the key of an organisation that becomes one."""
        if not isinstance(value, str) or not _KEY.match(value):
            self.error(path, "must be the key of a partner or of an organisation in the bundle")
        elif value not in self.partners and value not in self.known["organisations"]:
            self.error(path, f"unknown partner or organisation key {value!r}")

    def _steps(self, value, path):
        if not isinstance(value, list):
            self.error(path, "must be a list of steps")
            return
        for index, step in enumerate(value):
            self._object(step, schema.STEP, schema.REQUIRED["step"], f"{path}[{index}]")

    def _rows(self, value, path, spec, name):
        if not isinstance(value, list):
            self.error(path, f"must be a list of {name}s")
            return
        for index, row in enumerate(value):
            self._object(row, spec, schema.REQUIRED[name], f"{path}[{index}]")

    def _opening_hours(self, value, path):
        """Rows of ``{"days": "mon-fri" or "sat", "opens": "08:00", "closes": "16:30"}``."""
        if not isinstance(value, list):
            self.error(path, "must be a list of opening hours")
            return
        for index, row in enumerate(value):
            row_path = f"{path}[{index}]"
            self._object(row, schema.OPENING_HOURS_ROW, schema.REQUIRED["opening_hours"], row_path)
            if not isinstance(row, dict):
                continue
            days = row.get("days")
            if isinstance(days, str) and parse_days(days) is None:
                self.error(
                    f"{row_path}.days", f"must be a day or a range like 'mon-fri', not {days!r}"
                )
            opens, closes = row.get("opens"), row.get("closes")
            for name, time in (("opens", opens), ("closes", closes)):
                if isinstance(time, str) and not _TIME.match(time):
                    self.error(f"{row_path}.{name}", f"must be a time HH:MM, not {time!r}")
            if (
                all(isinstance(t, str) and _TIME.match(t) for t in (opens, closes))
                and closes <= opens
            ):
                self.error(f"{row_path}.closes", "must be later than opens")

    def _document(self, value, path):
        if value is None:
            return
        if not isinstance(value, str) or not value:
            self.error(path, "must be a path relative to the bundle")
            return
        target = (self.base_dir / value).resolve()
        if Path(value).is_absolute() or not target.is_relative_to(self.base_dir):
            self.error(path, "must be a path inside the bundle's folder")
        elif not target.is_file():
            self.error(path, f"file not found: {value}")
        elif target.stat().st_size > schema.MAX_DOCUMENT_BYTES:
            self.error(path, f"{value} is over 50 MB")
        else:
            with target.open("rb") as handle:
                if not is_pdf(handle):
                    self.error(path, f"{value} is not a PDF")


def parse_days(days):
    """``"mon-fri"`` → (0, 4), ``"sat"`` → (5, None); None when it is neither."""
    first, _dash, last = days.partition("-")
    if first not in schema.DAYS or (last and last not in schema.DAYS):
        return None
    if last and schema.DAYS.index(last) < schema.DAYS.index(first):
        return None
    return schema.DAYS.index(first), (schema.DAYS.index(last) if last else None)


def validate(data, base_dir, strict=False, partners=(), pages=None):
    """Every problem in ``data`` (a parsed bundle) as a :class:`Report`.

    ``partners`` are the keys of the partners that exist already: an item's
    ``owner`` may name one of them or an organisation of the bundle.
    ``pages(keys)`` answers which of ``keys`` name pages already in the
    portal, for ``key:`` links to items outside the bundle.
    """
    return _Validator(data, base_dir, strict, partners, pages).run()
