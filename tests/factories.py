"""Factories for the portal's taxonomy and pages."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth.models import Group, User

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


class ThemeFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"theme-{n}")
    name_sv = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")

    class Meta:
        model = Theme


class RegionFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"region-{n}")
    name_sv = factory.Sequence(lambda n: f"Region {n}")

    class Meta:
        model = Region


class AudienceFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"audience-{n}")
    name_sv = factory.Sequence(lambda n: f"Målgrupp {n}")

    class Meta:
        model = Audience


class PortalPageFactory(wagtail_factories.PageFactory):
    """A live page with a Swedish title and slug; other languages by keyword."""

    title = factory.Sequence(lambda n: f"Sida {n}")
    slug = factory.Sequence(lambda n: f"sida-{n}")

    class Meta:
        abstract = True


class ThemePageFactory(PortalPageFactory):
    theme = factory.SubFactory(ThemeFactory)

    class Meta:
        model = ThemePage


class OrganisationPageFactory(PortalPageFactory):
    key = factory.Sequence(lambda n: f"organisation-{n}")
    title = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "ngo"
    phone = "+46 8 555 010 00"

    class Meta:
        model = OrganisationPage


class RoutinePageFactory(PortalPageFactory):
    key = factory.Sequence(lambda n: f"rutin-{n}")
    title = factory.Sequence(lambda n: f"Rutin {n}")
    slug = factory.Sequence(lambda n: f"rutin-{n}")
    summary = "Så gör du."
    last_reviewed = factory.LazyFunction(datetime.date.today)

    class Meta:
        model = RoutinePage


class RoutineStepFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Steg {n}")
    body = "<p>Gör så här.</p>"
    requirement = "should"

    class Meta:
        model = RoutineStep


class GuidancePageFactory(PortalPageFactory):
    key = factory.Sequence(lambda n: f"vagledning-{n}")
    title = factory.Sequence(lambda n: f"Vägledning {n}")
    slug = factory.Sequence(lambda n: f"vagledning-{n}")
    summary = "Om vägledningen."

    class Meta:
        model = GuidancePage


class NewsPageFactory(PortalPageFactory):
    key = factory.Sequence(lambda n: f"nyhet-{n}")
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    summary = "Något hände."
    date = factory.LazyFunction(datetime.date.today)

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
