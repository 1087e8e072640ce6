"""Free slugs among siblings in every language, read once per parent during an import."""

from collections import defaultdict

from wagtail.models import Page

from core.i18n import language_codes, localized


class SiblingSlugs:
    """``{parent pk: {language: {slug: {child pks}}}}``, filled on first use of a parent.

    An import adds thousands of pages under a few parents; asking the database
    for each new page's free slug would make it quadratic. :meth:`remember`
    keeps the map current for the pages the run saves.
    """

    def __init__(self):
        self._parents = {}

    def of(self, parent):
        """``{language: {slug: {pks}}}`` of ``parent``'s children."""
        slugs = self._parents.get(parent.pk)
        if slugs is None:
            languages = language_codes()
            slugs = {language: defaultdict(set) for language in languages}
            fields = [localized("slug", language) for language in languages]
            for pk, *values in Page.objects.child_of(parent).values_list("pk", *fields):
                for language, value in zip(languages, values, strict=True):
                    if value is not None:
                        slugs[language][value].add(pk)
            self._parents[parent.pk] = slugs
        return slugs

    def remember(self, parent, page, previous):
        """Record ``page``'s slugs (formerly ``previous``) among its siblings'."""
        slugs = self.of(parent)
        for language in language_codes():
            old, new = previous.get(language), getattr(page, localized("slug", language))
            if old is not None:
                slugs[language][old].discard(page.pk)
            if new is not None:
                slugs[language][new].add(page.pk)

    def free(self, parent, language, slug, page):
        """``slug``, or ``slug-2``, ``slug-3``... : the first no sibling of ``page`` uses."""
        taken = self.of(parent)[language]
        own = page.pk if page is not None else None

        def used(candidate):
            pks = taken.get(candidate)
            return bool(pks) and (own is None or pks != {own})

        candidate, number = slug, 1
        while used(candidate):
            number += 1
            candidate = f"{slug}-{number}"
        return candidate
