"""Demo search tuning for `make demo`: synonyms, promoted results and four weeks of statistics.

The statistics are invented, so that the "Search terms" report has something
to show on a fresh demo; like the demo accounts, the command refuses to run
unless DEBUG is on. Run after the demo bundle is imported; running it again
changes nothing.
"""

import datetime
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.i18n import source_language, translation_languages
from core.progress import progress_writer
from search.models import SearchClickDay, SearchDay, Synonym
from search.querytext import normalise
from search.registry import searchable_models

SYNONYMS = [
    # kind, term, terms, in the source language only
    (Synonym.Kind.EQUIVALENT, "", "jourboende, skyddat boende", True),
    (Synonym.Kind.ONE_WAY, "tut", "tidsbegränsat uppehållstillstånd", True),
    (Synonym.Kind.ONE_WAY, "hjälplinje", "stödlinje, socialjour", False),
]
# query: page keys in order (a restricted routine shows only to professionals)
PROMOTIONS = {
    "akut": ["stodlinjen-manniskohandel", "socialjouren-stockholm"],
    "hotbedömning": ["rutin-hotbedomning-skyddat-boende", "rutin-remiss-till-skyddat-boende"],
}
# query, searches a day at most, results, clicked
STATISTICS = [
    ("människohandel", 30, 48, True),
    ("skyddat boende", 14, 9, True),
    ("tolk", 9, 6, True),
    ("reflektionsperiod", 6, 3, False),
    ("arbetstillstånd för offer", 4, 0, False),
    ("gränspolisen", 3, 0, False),
]
DAYS = 28


class Command(BaseCommand):
    help = "Add demo synonyms, promoted results and invented search statistics (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to add invented search statistics: DEBUG is off.")
        pages = self._pages()
        missing = sorted({key for keys in PROMOTIONS.values() for key in keys} - set(pages))
        if missing:
            raise CommandError(
                f"Demo pages missing ({', '.join(missing)}): import the demo bundle first."
            )
        with transaction.atomic():
            self._synonyms()
            self._promotions(pages)
            self._statistics()

    def _pages(self):
        keys = {key for keys in PROMOTIONS.values() for key in keys}
        found = {}
        for model in searchable_models():
            found.update((page.key, page) for page in model.objects.filter(key__in=keys))
        return found

    def _synonyms(self):
        for kind, term, terms, source_only in SYNONYMS:
            language = source_language() if source_only else ""
            Synonym.objects.get_or_create(kind=kind, term=term, terms=terms, language=language)
        self.stdout.write(f"Synonyms: {Synonym.objects.count()}")

    def _promotions(self, pages):
        for text, keys in PROMOTIONS.items():
            query = Query.get(text)
            for order, key in enumerate(keys):
                SearchPromotion.objects.get_or_create(
                    query=query, page=pages[key], defaults={"sort_order": order}
                )
        self.stdout.write(f"Promoted results: {SearchPromotion.objects.count()}")

    def _statistics(self):
        if SearchDay.objects.exists():
            self.stdout.write("Search statistics: already there, left as they are")
            return
        chance = random.Random(16)  # noqa: S311 - invented demo figures, not security
        languages = [source_language(), *translation_languages()[:1]]
        today = timezone.localdate()
        report = progress_writer(self.stdout, "days")
        for offset in range(DAYS):
            day = today - datetime.timedelta(days=offset)
            for text, most, results, clicked in STATISTICS:
                query = normalise(text)
                for language in languages:
                    searches = chance.randint(0, most if language == languages[0] else most // 3)
                    if not searches:
                        continue
                    SearchDay.objects.create(
                        day=day,
                        language=language,
                        engine="database",
                        query=query,
                        searches=searches,
                        empty=0 if results else searches,
                        results=results,
                    )
                    if clicked:
                        SearchClickDay.objects.create(
                            day=day,
                            language=language,
                            query=query,
                            position=chance.randint(1, 3),
                            clicks=chance.randint(1, searches),
                        )
            report(offset + 1, DAYS)
        self.stdout.write(f"Search statistics: {SearchDay.objects.count()} daily rows")
