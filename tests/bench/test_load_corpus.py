"""The bulk corpus loader for benchmarks writes the pages ``import_bundle`` writes."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page

from bench.corpus.files import write_corpus
from bench.load_corpus import load
from core.i18n import language_codes
from editorial.models import TranslationStatus
from resources.models import RoutinePage
from search.documents import search_documents
from search.indexing import Restrictions
from search.registry import searchable_models

# Set to "now" by a publish, or tied to revisions and random keys: not content.
NOT_CONTENT = {
    "id",
    "page_ptr_id",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "latest_revision_id",
    "live_revision_id",
    "translation_key",
}


@pytest.fixture
def corpus(tmp_path):
    """A generated corpus of 60 items, a few with an owner (a compatible extension)."""
    path = tmp_path / "bundle.json"
    bundle = write_corpus(path, 60, seed=5)
    organisations = bundle["organisations"]
    organisations[1]["owner"] = organisations[0]["key"]
    bundle["routines"][0]["owner"] = organisations[0]["key"]
    bundle["guidance"][0]["owner"] = organisations[2]["key"]
    # Italian title and summary over Swedish-only steps: an outdated translation.
    bundle["routines"][1]["title"]["it"] = "Procedura di prova"
    bundle["routines"][1]["summary"]["it"] = "Riassunto della procedura."
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return path


def _columns(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.attname not in NOT_CONTENT
    }


def _steps(page):
    if not isinstance(page, RoutinePage):
        return None
    return [
        {
            **_columns(step),
            "page_id": None,
            "responsible_id": getattr(step.responsible, "key", None),
        }
        for step in page.steps.select_related("responsible").order_by("sort_order")
    ]


def _translation_status(page):
    """State and per-field text digests by language; the dates are those of the publish."""
    return {
        status.language: (status.state, {name: value[0] for name, value in status.fields.items()})
        for status in TranslationStatus.objects.filter(page=page)
    }


def what_visitors_and_the_indexer_see():
    """Every live searchable page by key: type, URLs, index documents, restriction, rows."""
    restrictions = Restrictions()
    seen = {}
    for model in searchable_models():
        for page in model.objects.live().prefetch_related(*model.search_prefetches()):
            restriction = restrictions(page)
            urls = {}
            for language in language_codes():
                with translation.override(language):
                    urls[language] = (page.get_url_parts(), getattr(page, f"url_path_{language}"))
            documents = search_documents(page, restriction)
            for document in documents.values():
                del document["page_id"]
            seen[page.key] = {
                "type": type(page).__name__,
                "urls": urls,
                "documents": documents,
                "restricted": restriction,
                "columns": _columns(page),
                "steps": _steps(page),
                "translation status": _translation_status(page),
                "organisations": sorted(
                    page.organisations.values_list("key", flat=True)
                    if isinstance(page, RoutinePage)
                    else []
                ),
            }
    return seen


def test_loader_writes_what_import_bundle_writes(db, corpus):
    """Search and visitors see the same pages whether a corpus was imported or bulk-loaded."""
    call_command("import_bundle", str(corpus), stdout=io.StringIO())
    imported = what_visitors_and_the_indexer_see()
    assert len(imported) == 60
    assert any(entry["restricted"][0] for entry in imported.values())
    assert sum(bool(entry["columns"].get("partner_id")) for entry in imported.values()) == 3
    states = [
        state for entry in imported.values() for state, _ in entry["translation status"].values()
    ]
    # Partly translated steps count as "partial" since that state exists (issue 18).
    assert {"current", "missing"} <= set(states) and {"outdated", "partial"} & set(states)
    Page.objects.filter(
        pk__in=[page.pk for model in searchable_models() for page in model.objects.all()]
    ).delete()
    assert not any(model.objects.exists() for model in searchable_models())

    out = io.StringIO()
    counts = load(corpus, stdout=out)

    assert counts["routines"] == 27 and counts["restricted"] > 0
    assert "Loaded 60 items" in out.getvalue()
    loaded = what_visitors_and_the_indexer_see()
    assert loaded.keys() == imported.keys()
    for key, entry in imported.items():
        assert loaded[key] == entry, key
    assert not RoutinePage.objects.filter(first_published_at=None).exists()


def test_loaded_tree_is_consistent(db, corpus):
    """Paths, depths and child counts of the loaded tree are what treebeard expects."""
    load(corpus, stdout=io.StringIO())
    assert Page.find_problems() == ([], [], [], [], [])
    routines = Page.objects.get(url_path_sv="/hem/rutiner/")
    assert routines.numchild == RoutinePage.objects.count() == 27


def test_loaded_routine_renders_in_swedish_and_english(db, client, corpus):
    """A bulk-loaded routine opens for a visitor in Swedish and in English."""
    load(corpus, stdout=io.StringIO())
    routine = next(
        page
        for page in RoutinePage.objects.live().public().exclude(title_en=None).order_by("path")
        if page.steps.exists()
    )
    step = routine.steps.order_by("sort_order").first()
    for language in ("sv", "en"):
        with translation.override(language):
            url = routine.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        assert escape(getattr(routine, f"title_{language}")) in response.text
        assert escape(getattr(step, f"title_{language}")) in response.text


def test_items_already_loaded_are_refused(db, corpus):
    """Loading a corpus twice stops with a clear message and changes nothing."""
    load(corpus, stdout=io.StringIO())
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="already in the database"):
        load(corpus, stdout=io.StringIO())
    assert Page.objects.count() == pages


def test_invalid_bundle_is_refused(db, corpus):
    """A bundle with a broken reference is reported by its JSON path; nothing is loaded."""
    bundle = json.loads(corpus.read_text(encoding="utf-8"))
    bundle["routines"][0]["themes"] = ["no-such-theme"]
    corpus.write_text(json.dumps(bundle), encoding="utf-8")
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=r"\$\.routines\[0\]\.themes\[0\]: unknown theme"):
        load(corpus, stdout=io.StringIO())
    assert Page.objects.count() == pages
