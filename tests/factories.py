"""Factories for the portal's taxonomy, pages and people.

Pages go under their section of the site tree unless ``parent`` is given, and
take these keywords besides their fields:

- ``published=True``: save a revision and publish it, as the admin does, so
  ``page_published`` fires (search indexing, translation status).
- ``restricted=True``: readable by the restricted groups only (before publishing).
- ``owned_by=partner``: the owning partner (pages that have one).
- ``translated=["en", "it"]`` (or ``True`` for every translation language):
  fill each translated field that has source text in those languages, unless
  given. Snippets and routine steps take it too.

    RoutinePageFactory(published=True, owned_by=police, translated=["en"], steps=2)
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth.models import Group, User
from modeltranslation.translator import translator
from wagtail.fields import RichTextField
from wagtail.models import PageViewRestriction

from core.access import set_restricted
from core.i18n import localized, source_language, translation_languages
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


def publish(page, **changes):
    """Set ``changes`` on ``page``, publish a revision as the admin does, reload it."""
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def restrict(page):
    """Make ``page`` readable by the restricted groups only."""
    set_restricted(page, True)
    assert PageViewRestriction.objects.filter(page=page).exists()
    return page


def _translation(model, field, text, language):
    if field == "slug":
        return f"{text}-{language}"
    if isinstance(model._meta.get_field(localized(field)), RichTextField):
        return f"{text}<p>[{language}]</p>"
    return f"{text} [{language}]"


def with_translations(model, kwargs):
    """``kwargs`` with its ``translated`` languages filled from the source texts."""
    kwargs = dict(kwargs)
    languages = kwargs.pop("translated", ())
    if languages is True:
        languages = translation_languages()
    fields = translator.get_options_for_model(model).get_field_names() if languages else ()
    for field in fields:
        text = kwargs.get(localized(field)) or kwargs.get(field)
        if not isinstance(text, str) or not text:
            continue
        for language in languages:
            name = localized(field, language)
            if language != source_language() and name not in kwargs:
                kwargs[name] = _translation(model, field, text, language)
    return kwargs


class TranslatedFactory(factory.django.DjangoModelFactory):
    """A model with translated fields; ``translated`` fills languages."""

    translated = ()

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return super()._build(model_class, *args, **with_translations(model_class, kwargs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return super()._create(model_class, *args, **with_translations(model_class, kwargs))


class ThemeFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"theme-{n}")
    name_sv = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")

    class Meta:
        model = Theme


class RegionFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"region-{n}")
    name_sv = factory.Sequence(lambda n: f"Region {n}")

    class Meta:
        model = Region


class AudienceFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"audience-{n}")
    name_sv = factory.Sequence(lambda n: f"Målgrupp {n}")

    class Meta:
        model = Audience


class PortalPageFactory(wagtail_factories.PageFactory):
    """A live page with a Swedish title and slug, under its section of the site tree."""

    title = factory.Sequence(lambda n: f"Sida {n}")
    slug = factory.Sequence(lambda n: f"sida-{n}")
    parent = None
    translated = ()

    # The SiteTree attribute of the default parent.
    _section = "home"

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def restricted(self, create, extracted, **kwargs):
        return bool(create and extracted)

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        return bool(create and extracted)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return super()._build(model_class, *args, **with_translations(model_class, kwargs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs = with_translations(model_class, kwargs)
        if kwargs.get("parent") is None:
            kwargs["parent"] = getattr(ensure_site_tree(), cls._section)
        return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Restrict, then publish: after every other hook (steps), so the revision has them."""
        results = results or {}
        if results.get("restricted"):
            restrict(instance)
        if results.get("published"):
            publish(instance)


class OwnedPageFactory(PortalPageFactory):
    """A page a partner may own: ``owned_by=partner`` (or ``partner=``)."""

    partner = factory.SelfAttribute("owned_by")

    class Meta:
        abstract = True

    class Params:
        owned_by = None


class ThemePageFactory(PortalPageFactory):
    theme = factory.SubFactory(ThemeFactory)

    class Meta:
        model = ThemePage


class OrganisationPageFactory(OwnedPageFactory):
    key = factory.Sequence(lambda n: f"organisation-{n}")
    title = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "ngo"
    phone = "+46 8 555 010 00"
    _section = "directory"

    class Meta:
        model = OrganisationPage


class RoutineStepFactory(TranslatedFactory):
    title = factory.Sequence(lambda n: f"Steg {n}")
    body = "<p>Gör så här.</p>"
    requirement = "should"

    class Meta:
        model = RoutineStep


class RoutinePageFactory(OwnedPageFactory):
    """A routine; ``steps=2`` adds two steps, ``steps=[{...}, ...]`` one per dict of fields.

    ``steps__<field>=`` applies to every step (``steps__translated=["en"]``).
    """

    key = factory.Sequence(lambda n: f"rutin-{n}")
    title = factory.Sequence(lambda n: f"Rutin {n}")
    slug = factory.Sequence(lambda n: f"rutin-{n}")
    summary = "Så gör du."
    last_reviewed = factory.LazyFunction(datetime.date.today)
    _section = "routines"

    class Meta:
        model = RoutinePage

    @factory.post_generation
    def steps(self, create, extracted, **kwargs):
        if not (create and extracted):
            return None
        steps = [{}] * extracted if isinstance(extracted, int) else extracted
        for number, fields in enumerate(steps):
            RoutineStepFactory(page=self, sort_order=number, **{**kwargs, **fields})
        return None


class GuidancePageFactory(OwnedPageFactory):
    key = factory.Sequence(lambda n: f"vagledning-{n}")
    title = factory.Sequence(lambda n: f"Vägledning {n}")
    slug = factory.Sequence(lambda n: f"vagledning-{n}")
    summary = "Om vägledningen."
    _section = "guidance"

    class Meta:
        model = GuidancePage


class NewsPageFactory(PortalPageFactory):
    key = factory.Sequence(lambda n: f"nyhet-{n}")
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    summary = "Något hände."
    date = factory.LazyFunction(datetime.date.today)
    _section = "news"

    class Meta:
        model = NewsPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.se")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        self.save()


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner organisation; its editors' group is created with it."""

    key = factory.Sequence(lambda n: f"partner-{n}")
    name = factory.Sequence(lambda n: f"Partner {n}")

    class Meta:
        model = "editorial.Partner"
