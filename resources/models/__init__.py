"""The knowledge base's models."""

from core.pages import IndexPage, KeyedPageMixin, PortalPage

from .directory import (
    DirectoryPage,
    OpeningHours,
    OrganisationKind,
    OrganisationPage,
    OrganisationQuerySet,
    Weekday,
)
from .guidance import GuidanceChangeNote, GuidanceIndexPage, GuidancePage
from .news import NewsIndexPage, NewsPage
from .routines import Requirement, RoutineChangeNote, RoutineIndexPage, RoutinePage, RoutineStep
from .sections import SectionPage
from .taxonomy import Audience, Region, Theme
from .themes import ThemePage

__all__ = [
    "Audience",
    "DirectoryPage",
    "GuidanceChangeNote",
    "GuidanceIndexPage",
    "GuidancePage",
    "IndexPage",
    "KeyedPageMixin",
    "NewsIndexPage",
    "NewsPage",
    "OpeningHours",
    "OrganisationKind",
    "OrganisationPage",
    "OrganisationQuerySet",
    "PortalPage",
    "Region",
    "Requirement",
    "RoutineChangeNote",
    "RoutineIndexPage",
    "RoutinePage",
    "RoutineStep",
    "SectionPage",
    "Theme",
    "ThemePage",
    "Weekday",
]
