"""What every portal page shares: languages, fallback notice, sitemap entries, keys.

Features that live in higher apps plug in through settings, never imports:
``PORTAL_PAGE_PERMISSION_TESTER`` names the class that answers
``permissions_for_user()`` (the partner owner rule of ``editorial``).
"""

import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.http import Http404
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PagePermissionTester, PageViewRestriction
from wagtail.query import PageQuerySet

from core.access import can_see_restricted, is_restricted, mark_restricted, visible_pages
from core.i18n import (
    current_language,
    in_source_language,
    language_codes,
    localized,
    shown_language,
)

_SLUG_FIELDS = {"slug", *(localized("slug", code) for code in language_codes())}
# Up to this many children, routing reads all of the site root's children at
# once (they are the menu); a root with more finds the one child it needs.
ROOT_CHILDREN_READ = 100
KEY_HELP = _("Stable identifier: lower-case letters, digits and hyphens. Used by imports.")
# What editors may use in rich text everywhere: headings, lists, emphasis and links.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


def _in_source_language(method):
    """``method`` run with the source language active (see ``core.i18n.in_source_language``)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with in_source_language():
            return method(self, *args, **kwargs)

    return wrapper


class PortalPage(Page):
    """Abstract base of every page type in the portal.

    Every write runs in the source language: modeltranslation fills the base
    columns (``title``, ``slug``, ``url_path``) and Wagtail ``draft_title``
    and the revision's content from the active language, which in the admin
    is the editor's interface language. Without this an Italian edit made
    in an English admin would write the English title over the Swedish one.
    """

    # Fields whose language decides which language the page is shown in.
    language_fields = ("title",)
    # True on the instance routing found for a request: it lives as long as
    # the request, so reads repeated while rendering it may be kept on it.
    served = False
    # Relations the page's own view reads, joined in by the routing query that finds it.
    route_related = ()

    class Meta:
        abstract = True

    def shown_language(self) -> str:
        return shown_language(self, self.language_fields)

    def route(self, request, path_components):
        """Find the child by its slug in the URL's language, or its Swedish slug.

        This matches how wagtail-modeltranslation builds ``url_path`` (a missing
        slug falls back to Swedish), in one query instead of a loop over children.
        """
        if not path_components:
            # The page this request serves: what it reads that a request cannot
            # change (its restrictions, its terms) it reads once, see ``served``.
            self.served = True
            return super().route(request, path_components)
        first = not getattr(request, "portal_route", None)
        # The pages routed through are the breadcrumbs' ancestors, already read.
        request.portal_route = [*getattr(request, "portal_route", ()), self]
        matches = _slug_matches(current_language(), path_components[0])
        # The child's own table joined in for each type allowed here, so the
        # specific page comes with the same query instead of a second one.
        joined = {
            model: model._meta.model_name
            for model in self.allowed_subpage_models()
            if model._meta.pk.remote_field is not None and model._meta.pk.remote_field.model is Page
        }
        related = [
            f"{name}__{relation}"
            for model, name in joined.items()
            for relation in model.route_related
        ]
        # Whether a restriction lies on the child or above it, told by the same
        # query: an unrestricted page then needs no query for its restrictions.
        chain = [self.path[:end] for end in range(Page.steplen, len(self.path) + 1, Page.steplen)]
        restrictions = PageViewRestriction.objects.filter(
            Q(page__path__in=chain) | Q(page=OuterRef("pk"))
        )
        children = (
            self.get_children()
            .select_related(*joined.values(), *related)
            .annotate(route_restricted=Exists(restrictions))
        )
        if first and self.numchild <= ROOT_CHILDREN_READ:
            child = self._route_root(request, children, matches)
        else:
            child = children.filter(matches).first()
        if child is None:
            raise Http404
        # An alias takes its source's restrictions: read those the usual way.
        unrestricted = not child.route_restricted and not any(
            page.alias_of_id for page in [*request.portal_route, child]
        )
        specific_class = child.specific_class
        if specific_class in joined:
            child = getattr(child, joined[specific_class])
        child = child.specific
        if unrestricted:
            child._restrictions = PageViewRestriction.objects.none()
        return child.route(request, path_components[1:])

    def _route_root(self, request, children, matches):
        """The child ``matches`` picks, reading every child: the site root's are the menu.

        The site root's children are its sections and themes, a few dozen at
        most (``ROOT_CHILDREN_READ``), so one query finds the child and tells
        which are in the visitor's navigation (``request.portal_navigation``,
        read by ``portal.context_processors``).
        """
        shown = visible_pages(Page.objects.in_menu().filter(pk=OuterRef("pk")), request.user)
        children = list(
            children.annotate(
                route_match=ExpressionWrapper(matches, output_field=BooleanField()),
                in_navigation=Exists(shown),
            )
        )
        request.portal_navigation = (
            self.pk,
            [child for child in children if child.in_navigation],
        )
        return next((child for child in children if child.route_match), None)

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page and its ancestors (aliases read as their source).

        In one query: Wagtail's own reads the ancestors first, on every page
        view. Their paths are the prefixes of this page's path.
        """
        if not self.path:
            return super().get_view_restrictions()
        if self.served:
            if not hasattr(self, "_restrictions"):
                self._restrictions = self._chain_restrictions()
            return self._restrictions
        return self._chain_restrictions()

    def _chain_restrictions(self):
        steps = range(Page.steplen, len(self.path) + 1, Page.steplen)
        chain = Page.objects.filter(path__in=[self.path[:end] for end in steps])
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )

    def clean(self):
        """Sibling slugs must differ in every language, checked in one query.

        wagtail-modeltranslation's own check loads every sibling five times,
        which makes adding a page to a section of thousands quadratic.
        """
        errors = {}
        parent = self.get_parent()
        if parent is not None:
            siblings = Page.objects.child_of(parent)
            if self.pk:
                siblings = siblings.exclude(pk=self.pk)
            own_default = getattr(self, localized("slug")) or self.slug
            wanted = {
                language: getattr(self, localized("slug", language)) or own_default
                for language in language_codes()
            }
            clash = Q(pk__in=[])
            for language, slug in wanted.items():
                if slug:
                    clash |= _slug_matches(language, slug)
            fields = [localized("slug", language) for language in wanted]
            for row in siblings.filter(clash).values(*fields):
                default = row[localized("slug")]
                for language, slug in wanted.items():
                    if slug and (row[localized("slug", language)] or default) == slug:
                        errors[localized("slug", language)] = _("This slug is already in use")
        if errors:
            raise ValidationError(errors)
        self._check_slug_is_unique()

    def save(self, *args, **kwargs):
        with in_source_language():
            update_fields = kwargs.get("update_fields")
            if self.pk and (update_fields is None or set(update_fields) & _SLUG_FIELDS):
                # Wagtail compares the slug of the active language only (now the
                # source's); a changed translated slug needs its url_path too.
                self.set_url_path(self.get_parent())
            return super().save(*args, **kwargs)

    full_clean = _in_source_language(Page.full_clean)
    minimal_clean = _in_source_language(Page.minimal_clean)
    save_revision = _in_source_language(Page.save_revision)
    serializable_data = _in_source_language(Page.serializable_data)
    move = _in_source_language(Page.move)
    copy = _in_source_language(Page.copy)
    create_alias = _in_source_language(Page.create_alias)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shown = self.shown_language()
        context["shown_language"] = shown
        context["is_fallback"] = shown != current_language()
        # Only readers of restricted material ever see one, so only they see the label.
        context["page_is_restricted"] = can_see_restricted(request.user) and is_restricted(self)
        return context

    def permissions_for_user(self, user):
        """Wagtail's page permissions, through the tester the settings name."""
        return page_permission_tester_class()(user, self)

    def get_sitemap_urls(self, request=None):
        """One entry per language: every page exists in all five."""
        urls = []
        for language in language_codes():
            with translation.override(language):
                location = self.get_full_url(request)
            if location:
                urls.append({"location": location, "lastmod": self.last_published_at})
        return urls

    def visible_children(self, request, model) -> PageQuerySet:
        """The children of ``model`` the visitor may open, restricted ones marked."""
        children = visible_pages(model.objects.child_of(self), request.user)
        return mark_restricted(children, request.user)


def page_permission_tester_class() -> type[PagePermissionTester]:
    """The ``PagePermissionTester`` subclass named by ``PORTAL_PAGE_PERMISSION_TESTER``."""
    return import_string(
        getattr(settings, "PORTAL_PAGE_PERMISSION_TESTER", "wagtail.models.PagePermissionTester")
    )


def _slug_matches(language, slug):
    """Pages whose slug in ``language`` is ``slug``, a missing one falling back to the source."""
    field = localized("slug", language)
    untranslated = Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
    return Q(**{field: slug}) | (untranslated & Q(**{localized("slug"): slug}))


class KeyedPageMixin(models.Model):
    """A page with a stable ``key``: its identity across bundle imports.

    A page without a key gets one from its Swedish slug (numbered when taken),
    and so does every copy and every alias: the key names one item, so a copy
    (with or without its subpages, or in a copied section) never inherits it,
    and an alias is a page of its own with a key of its own.
    """

    key = models.SlugField(_("key"), max_length=100, unique=True, blank=True, help_text=KEY_HELP)

    # Wagtail's copy (the admin's copy view, ``copy()``, copies of subpages) leaves it blank.
    exclude_fields_in_copy = ["key"]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._ensure_own_key()
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        self._ensure_own_key()
        super().full_clean(*args, **kwargs)

    def with_content_json(self, content):
        """A revision's content with this page's key, as Wagtail keeps ``translation_key``.

        The key belongs to the page, not to a revision: publishing a page must not
        copy its key onto its aliases (``update_aliases()`` goes through here).
        """
        page = super().with_content_json(content)
        if self.key:
            page.key = self.key
        return page

    def _ensure_own_key(self):
        # A new alias arrives with a field-by-field copy of its original, key included.
        if not self.key or (self._state.adding and self.alias_of_id is not None):
            self.key = self._free_key()

    def _free_key(self):
        """The slug as a key in the bundle's syntax (KEY_PATTERN), numbered when taken."""
        base = slugify(getattr(self, localized("slug"), None) or self.slug)
        base = re.sub(r"[-_]+", "-", base)[:90].strip("-") or type(self).__name__.lower()
        candidate, number = base, 1
        others = type(self).objects.exclude(pk=self.pk)
        while others.filter(key=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        return candidate


class IndexPage(PortalPage):
    """Abstract base of the section pages that list their children."""

    intro = models.TextField(_("introduction"), blank=True)

    # Sections list what search finds; they are not results themselves.
    searchable = False

    class Meta:
        abstract = True
