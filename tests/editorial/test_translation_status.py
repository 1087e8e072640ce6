"""Translation status per language (missing, partial, current, outdated), report and notice."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import PageLogEntry

from editorial.models import TranslationStatus
from editorial.translation_status import rebuild
from resources.models import RoutineStep
from tests.factories import GuidancePageFactory, RoutinePageFactory, publish

REPORT = "/admin/editorial/translations/"


def states(page):
    return dict(TranslationStatus.objects.filter(page=page).values_list("language", "state"))


def status(page, language):
    return TranslationStatus.objects.get(page=page, language=language)


@pytest.fixture
def routine(tree, police):
    """A routine in Swedish and English with one step in both."""
    return RoutinePageFactory(
        owned_by=police,
        title="Tolk vid förhör",
        slug="tolk",
        title_en="Interpreters at interviews",
        slug_en="interpreters",
        summary="Boka en auktoriserad tolk.",
        summary_en="Book an authorised interpreter.",
        steps=[{"title": "Boka tolk", "title_en": "Book an interpreter", "body": None}],
        published=True,
    )


def test_first_publication(routine):
    """Languages with title and summary are current; the others are missing."""
    assert states(routine) == {
        "sv": "source",
        "en": "current",
        "it": "missing",
        "el": "missing",
        "lv": "missing",
    }


def test_swedish_change_makes_translations_outdated_until_they_follow(routine):
    """A Swedish edit outdates English; editing the English text makes it current again."""
    first = status(routine, "en").translated_at
    routine = publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    english = status(routine, "en")
    assert english.state == "outdated"
    assert english.translated_at == first
    assert english.source_changed_at == routine.last_published_at
    assert states(routine)["it"] == "missing"

    routine = publish(routine, summary_en="Always book an authorised interpreter.")
    assert status(routine, "en").state == "current"


def test_tracked_per_field(routine):
    """A fixed English title does not hide that the English summary is older than the Swedish."""
    routine = publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    routine = publish(routine, title_en="Interpreters in interviews")
    assert status(routine, "en").state == "outdated"


def test_a_step_added_in_swedish_only(routine):
    """A new step without English makes the English translation partly translated."""
    RoutineStep.objects.create(page=routine, sort_order=1, title_sv="Anteckna tolkens namn")
    routine = publish(routine)
    assert status(routine, "en").state == "partial"


def test_partly_translated_pages_are_counted_as_such(routine):
    """An Italian title without the Italian summary is partly translated, not missing."""
    routine = publish(routine, title_it="Interpreti", slug_it="interpreti")
    assert status(routine, "it").state == "partial"
    assert states(routine)["el"] == "missing"


def test_republishing_unchanged_text_changes_nothing(routine):
    """Publishing the same text again keeps the dates: nothing was translated or changed."""
    before = status(routine, "en")
    routine = publish(routine)
    after = status(routine, "en")
    assert (after.state, after.translated_at) == ("current", before.translated_at)


def translated_days_ago(page, days):
    """Date every publication but the last ``days`` back in the log, and replay it."""
    entries = list(PageLogEntry.objects.filter(page=page, action="wagtail.publish").order_by("pk"))
    for entry in entries[:-1]:
        entry.timestamp -= datetime.timedelta(days=days)
        entry.save(update_fields=["timestamp"])
    rebuild()


def notice(language, source, translated):
    with translation.override(language):
        return translation.gettext(
            "The Swedish original was updated on %(source)s; "
            "this translation dates from %(translated)s."
        ) % {
            "source": date_format(timezone.localtime(source), "DATE_FORMAT"),
            "translated": date_format(timezone.localtime(translated), "DATE_FORMAT"),
        }


def test_visitor_reading_an_outdated_translation_is_told(client, routine):
    """The English page says when the Swedish original changed and how old the translation is."""
    routine = publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    translated_days_ago(routine, 10)
    english = status(routine, "en")
    html = client.get("/en/routines/interpreters/").text
    expected = notice("en", english.source_changed_at, english.translated_at)
    assert expected in html
    assert 'class="notice notice--outdated" role="note" lang="en"' in html
    assert "The Swedish original" not in client.get("/sv/rutiner/tolk/").text


def test_notice_in_the_visitors_language(client, routine):
    """An Italian reader of an outdated Italian translation gets the notice in Italian."""
    routine.steps.update(title_it="Prenotare l'interprete")
    routine = publish(
        routine, title_it="Interpreti", slug_it="interpreti", summary_it="Prenotare un interprete."
    )
    assert status(routine, "it").state == "current"
    assert "notice--outdated" not in client.get("/it/procedure/interpreti/").text
    routine = publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    translated_days_ago(routine, 10)
    italian = status(routine, "it")
    html = client.get("/it/procedure/interpreti/").text
    assert notice("it", italian.source_changed_at, italian.translated_at) in html
    assert 'lang="it"' in html


def test_same_day_change_gives_one_date(client, routine):
    """A Swedish change on the day of the translation is told with one date, not two equal ones."""
    routine = publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    english = status(routine, "en")
    html = client.get("/en/routines/interpreters/").text
    day = date_format(timezone.localtime(english.source_changed_at), "DATE_FORMAT")
    assert f"The Swedish original was changed on {day}, after this translation was made." in html
    assert "this translation dates from" not in html


def test_untranslated_steps_of_a_translated_page_are_marked(client, routine):
    """An English page with a Swedish-only step says so and marks that step with its language."""
    RoutineStep.objects.create(page=routine, sort_order=1, title_sv="Anteckna tolkens namn")
    routine = publish(routine)
    html = client.get("/en/routines/interpreters/").text
    assert "Parts of this page are not translated into English yet:" in html
    assert 'lang="sv">Anteckna tolkens namn</h3>' in html
    assert "Not translated yet: shown in Swedish" in html
    assert html.count("untranslated-label") == 1
    assert "Book an interpreter</h3>" in html


def test_rebuild_replays_the_publish_history(routine):
    """Recomputing from the revisions gives the same states and days as live tracking.

    (The replay dates each publication by its log entry, a moment after the
    page's ``last_published_at``.)
    """
    routine = publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")

    def days(when):
        return timezone.localdate(when) if when else None

    def snapshot():
        return {
            row.language: (row.state, days(row.translated_at), days(row.source_changed_at))
            for row in TranslationStatus.objects.filter(page=routine)
        }

    tracked = snapshot()
    TranslationStatus.objects.all().delete()
    assert rebuild() > 0
    assert snapshot() == tracked
    assert tracked["en"][0] == "outdated"


def test_report_shows_every_page_by_language(client, moderator, routine, tree):
    """The report has a row per page and a column per translation."""
    publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    client.force_login(moderator)
    response = client.get(REPORT)
    assert response.status_code == 200
    rows = {page.pk: page for page in response.context["object_list"]}
    assert rows[routine.pk].statuses["en"].state == "outdated"
    assert rows[routine.pk].statuses["it"].state == "missing"
    assert tree.home.pk in rows


def test_report_filters_by_language_state_and_owner(client, police_editor, routine, tree, shelter):
    """Editors narrow the report to one language, one state and one owner."""
    publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    other = GuidancePageFactory(owned_by=shelter, title_en="Guide", published=True)
    client.force_login(police_editor)

    outdated_english = client.get(REPORT, {"language": "en", "state": "outdated"})
    assert [page.pk for page in outdated_english.context["object_list"]] == [routine.pk]
    assert list(outdated_english.context["table"].columns)[-1] == "state_en"

    missing_italian = {
        page.pk
        for page in client.get(REPORT, {"language": "it", "state": "missing"}).context[
            "object_list"
        ]
    }
    assert {routine.pk, other.pk} <= missing_italian

    shelters = client.get(REPORT, {"partner": shelter.pk}).context["object_list"]
    assert [page.pk for page in shelters] == [other.pk]


def test_report_csv(client, moderator, routine):
    """The CSV has a column per language with the state, and the dates when outdated."""
    routine = publish(routine, summary_sv="Boka alltid en auktoriserad tolk.")
    client.force_login(moderator)
    response = client.get(REPORT, {"export": "csv", "language": "en"})
    text = b"".join(response.streaming_content).decode()
    line = next(line for line in text.splitlines() if "Tolk vid förhör" in line)
    assert timezone.localdate(status(routine, "en").source_changed_at).isoformat() in line


def test_report_queries_do_not_grow_with_pages(
    client, moderator, tree, police, django_assert_max_num_queries
):
    """The report reads a page of rows in a fixed number of queries, however many pages."""
    client.force_login(moderator)
    for number in range(3):
        RoutinePageFactory(owned_by=police, slug=f"a-{number}", published=True)
    with django_assert_max_num_queries(60) as few:
        client.get(REPORT)
    for number in range(30):
        RoutinePageFactory(owned_by=police, slug=f"b-{number}", published=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(REPORT)
