"""The bulk loader's writing machinery: plain rows, prepared inserts, tree paths.

:class:`Table` fills a model's table from plain rows with one prepared INSERT
(COPY on PostgreSQL); :func:`relation_table` does the same for a many-to-many
field's table. :class:`Section` hands out the treebeard paths, free slugs and
URL paths of new children of a section page, as Wagtail's ``add_child`` and
the importer would. Needs Django set up.
"""

from django.core.management.base import CommandError
from django.db import connection
from django.db.models import AutoField
from modeltranslation.fields import TranslationFieldDescriptor
from wagtail.models import Page

from core.i18n import language_codes

# Column types whose values here (str, int, bool or None) drivers take as they are;
# other columns (dates, times, uuids) go through the field's get_db_prep_save.
PLAIN_COLUMNS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def chunks(values, size):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Row:
    """One row's column values as attributes, as modeltranslation's descriptors read them."""

    def __init__(self, values):
        self.__dict__.update(values)


class Table:
    """A model's table, filled with ``executemany`` of plain rows.

    Building model instances and compiling Django's INSERTs cost more than
    the writing itself (Wagtail's page constructor, modeltranslation's keyword
    rewriting, a compiler step per value), so rows carry only values: each
    column gets what the model's constructor would have given it, and each of
    modeltranslation's original columns (``title``, ``summary``...) the value
    its descriptor reads in the current language, as a save stores. Values go
    through the fields' ``get_db_prep_save`` where they need it, as in a save.
    One prepared INSERT run over many rows is the drivers' fastest path short
    of COPY: several times faster than multi-row VALUES with psycopg.
    """

    def __init__(self, model, fields):
        self.model = model
        self.fields = [field for field in fields if not isinstance(field, AutoField)]
        self.defaults, self.per_row, self.translated = {}, [], []
        for field in self.fields:
            descriptor = getattr(model, field.attname, None)
            if isinstance(descriptor, TranslationFieldDescriptor):
                self.translated.append((field.attname, descriptor))
            elif field.has_default() and callable(field.default):
                self.per_row.append(field)  # a fresh uuid4, today's date
            else:
                self.defaults[field.attname] = field.get_default()
        self.columns = [(field.attname, _preparation(field)) for field in self.fields]
        # Table and column names come from the models; values are parameters.
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({placeholders})"  # noqa: S608
        self.copy = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"

    def row(self, values):
        row = _Row(self.defaults)
        for field in self.per_row:
            setattr(row, field.attname, field.get_default())
        row.__dict__.update(values)
        for attname, descriptor in self.translated:
            setattr(row, attname, descriptor.__get__(row, self.model))
        return row

    def insert(self, rows):
        params = []
        for row in rows:
            columns = vars(row)
            params.append(
                [
                    columns[name] if prepare is None else prepare(columns[name], connection)
                    for name, prepare in self.columns
                ]
            )
        with _cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: several times faster again than psycopg's executemany.
                with cursor.copy(self.copy) as copy:
                    for values in params:
                        copy.write_row(values)
            else:
                cursor.executemany(self.sql, params)


def _preparation(field):
    """The field's ``get_db_prep_save``, or None for a column that needs none."""
    target = field.target_field if field.is_relation else field
    return None if target.get_internal_type() in PLAIN_COLUMNS else field.get_db_prep_save


def _cursor():
    """A cursor without DEBUG's query log, which formats every parameter of every statement."""
    connection.ensure_connection()
    return connection.make_cursor(connection.create_cursor())


def relation_table(field):
    """The table of a many-to-many ``field`` and the attribute names of its two columns."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name())
    target = through._meta.get_field(field.m2m_reverse_field_name())
    return Table(through, [source, target]), source.attname, target.attname


class Section:
    """A section page receiving new children: their tree paths, slugs and URL paths."""

    def __init__(self, page):
        self.page = page
        self.depth = page.depth + 1
        fields = [f"slug_{language}" for language in language_codes()]
        self.slugs = {language: set() for language in language_codes()}
        for values in Page.objects.child_of(page).values_list(*fields):
            for language, slug in zip(language_codes(), values, strict=True):
                if slug is not None:
                    self.slugs[language].add(slug)
        # Appended after the last existing child, as treebeard's add_child does.
        last = page.get_last_child()
        self.step = _step_number(last.path) if last else 0
        # wagtail-modeltranslation: a missing URL path falls back to Swedish.
        fallback = page.url_path_sv or page.url_path
        self.url_paths = {
            language: getattr(page, f"url_path_{language}") or fallback
            for language in language_codes()
        }

    def next_path(self):
        self.step += 1
        return self.page.path + _step(self.step, self.page)

    def free_slug(self, language, slug):
        """``slug``, or ``slug-2``, ``slug-3``...: as the importer picks among siblings."""
        taken = self.slugs[language]
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            candidate = f"{slug}-{number}"
        taken.add(candidate)
        return candidate


def _step_number(path):
    """A node's position among its siblings: the last step of its path, base 36."""
    return int(path[-Page.steplen :], len(Page.alphabet))


def _step(number, parent):
    alphabet, steplen = Page.alphabet, Page.steplen
    if number >= len(alphabet) ** steplen:
        raise CommandError(
            f"{parent.title!r} would get more than {len(alphabet) ** steplen - 1} children."
        )
    digits = ""
    while number:
        number, rest = divmod(number, len(alphabet))
        digits = alphabet[rest] + digits
    return digits.rjust(steplen, alphabet[0])
