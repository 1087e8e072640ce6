"""What the translate view shows and changes: one language's fields of a page.

A page's translatable fields are those registered with modeltranslation (its
own, such as title, slug and summary, and those of its inline children, such
as routine steps and change notes); URL paths follow from slugs and are left
out. The view works on the page's latest revision, so a translation is made
of the newest Swedish text, drafts included.

A field is **stale** when its Swedish text changed since its translation was
last changed: the revisions are read from the newest back to the oldest one
in which the translation already had its present text, and that revision's
Swedish text is compared with today's.
"""

from dataclasses import dataclass, field

from django.forms import modelform_factory
from django.forms.models import construct_instance
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.fields import RichTextField, StreamField

from core.i18n import localized, source_language

# Derived from the slugs; never edited by hand.
UNTRANSLATABLE = {"url_path"}
# The page's own fields first, the search engine's last, as the edit form has them.
LEADING = ("title", "slug")
TRAILING = ("seo_title", "search_description")
# Revisions read to date a translation; older history counts as "long ago".
HISTORY = 200


def _registered(model):
    try:
        return translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return ()


def page_field_names(model):
    """The page's translatable fields, in the order the translate view shows them."""
    names = [name for name in _registered(model) if name not in UNTRANSLATABLE]
    middle = [name for name in names if name not in LEADING + TRAILING]
    return (
        [name for name in LEADING if name in names]
        + middle
        + [name for name in TRAILING if name in names]
    )


def child_relations(model):
    """``[(relation name, child model, translatable fields)]`` of the page's inline children."""
    relations = []
    for relation in get_all_child_relations(model):
        fields = [name for name in _registered(relation.related_model) if name != "sort_order"]
        if fields:
            relations.append((relation.get_accessor_name(), relation.related_model, fields))
    return relations


def _normal(value):
    return " ".join(str(value or "").split())


def _child_key(child, index):
    return child.get("pk") or f"#{index}"


def _flatten(content, model, language):
    """``{key: (source text, target text)}`` of one revision's content."""
    source = source_language()
    values = {}
    for name in page_field_names(model):
        values["page", name] = (
            _normal(content.get(localized(name, source))),
            _normal(content.get(localized(name, language))),
        )
    for relation, _child_model, fields in child_relations(model):
        for index, child in enumerate(content.get(relation) or []):
            for name in fields:
                values[relation, _child_key(child, index), name] = (
                    _normal(child.get(localized(name, source))),
                    _normal(child.get(localized(name, language))),
                )
    return values


def stale_keys(page, language):
    """The keys of fields whose Swedish text changed since they were last translated."""
    contents = [
        revision.content
        for revision in page.revisions.order_by("-created_at", "-pk").only("content")[:HISTORY]
    ]
    if not contents:
        return set()
    history = [_flatten(content, type(page), language) for content in contents]
    stale = set()
    for key, (source_now, target_now) in history[0].items():
        if not (source_now and target_now):
            continue
        source_then = source_now
        for values in history:
            old_source, old_target = values.get(key, ("", ""))
            if old_target != target_now:
                break
            source_then = old_source
        if source_then != source_now:
            stale.add(key)
    return stale


class TranslationForm(WagtailAdminModelForm):
    """One language's fields of one instance.

    Only the fields are validated here; the page as a whole is validated when
    its revision is saved, since the model's ``clean`` checks every language's
    slugs, which this form does not hold.
    """

    def _post_clean(self):
        self.instance = construct_instance(self, self.instance, self._meta.fields)


@dataclass
class FieldRow:
    """One field of the page or of a child, as the view shows it side by side."""

    key: tuple
    label: str
    source: object
    rich: bool
    bound_field: object
    stale: bool = False

    @property
    def missing(self):
        return bool(self.source) and not self.bound_field.value()


@dataclass
class Part:
    """The page itself, or one of its children (a step), with its form."""

    heading: str
    key: tuple
    instance: object
    names: list
    form: object
    rows: list = field(default_factory=list)


class TranslationForms:
    """The forms of one language's fields of a page (a revision of it) and its children."""

    def __init__(self, page, language, data=None):
        self.page, self.language = page, language
        names = page_field_names(type(page))
        self.parts = [
            Part(
                page._meta.verbose_name,
                ("page",),
                page,
                names,
                self._form(type(page), names, data, page, "page"),
            )
        ]
        for relation, child_model, fields in child_relations(type(page)):
            manager = getattr(page, relation)
            children = list(manager.all())
            # Held in memory from now on: a page read from the database would
            # otherwise give fresh rows on each access, without the forms' changes.
            manager.set(children)
            for index, child in enumerate(children):
                prefix = f"{relation}-{index}"
                self.parts.append(
                    Part(
                        f"{child_model._meta.verbose_name} {index + 1}",
                        (relation, child.pk or f"#{index}"),
                        child,
                        fields,
                        self._form(child_model, fields, data, child, prefix),
                    )
                )

    def _form(self, model, names, data, instance, prefix):
        form_class = modelform_factory(
            model, form=TranslationForm, fields=[localized(name, self.language) for name in names]
        )
        return form_class(data, instance=instance, prefix=prefix)

    @property
    def forms(self):
        return [part.form for part in self.parts]

    @property
    def media(self):
        media = self.forms[0].media
        for form in self.forms[1:]:
            media += form.media
        return media

    def is_valid(self):
        return all([form.is_valid() for form in self.forms])

    def copy_source(self, html_name):
        """Give the target field named ``html_name`` its Swedish text; False when none is."""
        for part in self.parts:
            for name in part.names:
                target = localized(name, self.language)
                if part.form[target].html_name == html_name:
                    setattr(part.instance, target, _source(part.instance, name))
                    return True
        return False

    def unbound(self):
        """Fresh forms showing the instances as they are now (after a copy)."""
        return TranslationForms(self.page, self.language)

    def add_model_errors(self, error):
        """Put a page's validation errors on this language's fields; the rest are the caller's."""
        unplaced = []
        for name, messages in error.message_dict.items():
            form = self.parts[0].form
            if name in form.fields:
                form.add_error(name, messages)
            else:
                unplaced.extend(messages)
        return unplaced

    def groups(self, stale):
        """The parts with their side-by-side rows, stale fields marked."""
        for part in self.parts:
            part.heading = str(part.heading).capitalize()
            part.rows = []
            for name in part.names:
                model_field = part.instance._meta.get_field(name)
                key = (*part.key, name)
                part.rows.append(
                    FieldRow(
                        key=key,
                        label=str(model_field.verbose_name).capitalize(),
                        source=_source(part.instance, name),
                        rich=isinstance(model_field, RichTextField | StreamField),
                        bound_field=part.form[localized(name, self.language)],
                        stale=key in stale,
                    )
                )
        return self.parts


def _source(instance, name):
    return getattr(instance, localized(name, source_language()), None)
