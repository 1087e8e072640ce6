"""Searchable types are declared once on their models; search derives the rest."""

from types import SimpleNamespace

import pytest
from django.test import override_settings
from wagtail.models import get_page_models

from core.i18n import language_codes
from core.searchable import SearchablePage
from resources.models import Audience, OrganisationPage, Region, RoutinePage, Theme
from search import registry
from search.checks import (
    analyzer_errors,
    check_search_index,
    check_searchable_types,
    document_keys_errors,
    page_types_errors,
)
from search.documents import DOCUMENT_KEYS, STORED_KEYS, search_documents
from search.index import analysis_profiles, mapping
from search.params import BadRequest, parse
from search.templatetags.search_tags import result_type
from tests.search.content import load


def fake_model(name, **attributes):
    """A stand-in page model class: only what the registry and the checks read."""
    meta = SimpleNamespace(label=f"fake.{name}", label_lower=f"fake.{name.lower()}")
    bases = (SearchablePage,) if "search_type" in attributes else ()
    return type(name, bases, {"_meta": meta, **attributes})


class QueryDict(dict):
    def getlist(self, name):
        value = self.get(name)
        return [value] if value else []


def test_a_page_model_neither_searchable_nor_excluded_fails_the_check():
    errors = page_types_errors(
        [
            fake_model("Event", search_type="event", search_label="Event"),
            fake_model("Landing", searchable=False),
            fake_model("Forgotten"),
        ]
    )
    assert [error.id for error in errors] == ["search.E001"]
    assert "fake.Forgotten" in errors[0].msg


def test_two_models_with_one_search_type_fail_the_check():
    errors = page_types_errors(
        [
            fake_model("Event", search_type="event", search_label="Event"),
            fake_model("Meeting", search_type="event", search_label="Meeting"),
        ]
    )
    assert [error.id for error in errors] == ["search.E002"]


def test_the_portal_page_models_pass_the_checks():
    assert page_types_errors(get_page_models()) == []
    assert check_searchable_types(None) == []
    assert check_search_index(None) == []


def test_the_key_check_catches_a_document_that_does_not_match_the_mapping():
    properties = mapping(language_codes()[0]).to_dict()["properties"]
    assert document_keys_errors(STORED_KEYS, properties, "xx") == []
    extra = document_keys_errors([*STORED_KEYS, "colour"], properties, "xx")
    assert [error.id for error in extra] == ["search.E004"]
    assert "colour" in extra[0].msg
    missing = document_keys_errors([k for k in STORED_KEYS if k != "kind"], properties, "xx")
    assert [error.id for error in missing] == ["search.E003"]
    assert "kind" in missing[0].msg


def test_fields_the_engine_fills_by_copy_to_need_no_document_key():
    properties = {"title": {"type": "text", "copy_to": "suggest"}, "suggest": {"type": "text"}}
    assert document_keys_errors(["title"], properties, "xx") == []


def test_every_language_needs_an_analysis_profile_the_index_defines():
    languages = language_codes()
    profiles = analysis_profiles()
    assert analyzer_errors(languages, {lang: "swedish" for lang in languages}, profiles) == []
    configured = {lang: "swedish" for lang in languages[1:]}
    configured[languages[-1]] = "klingon"
    errors = analyzer_errors(languages, configured, profiles)
    assert [error.id for error in errors] == ["search.E005", "search.E006"]
    assert "klingon" in errors[1].msg


def test_a_missing_analysis_profile_fails_the_system_check():
    first, *rest = language_codes()
    with override_settings(SEARCH_ANALYZERS={code: "english" for code in rest}):
        errors = check_search_index(None)
    assert [error.id for error in errors] == ["search.E005"]
    assert repr(first) in errors[0].msg


def test_searchable_models_come_from_the_declarations_in_their_order():
    event = fake_model("Event", search_type="event", search_label="Event", search_order=15)
    hidden = fake_model("Hidden", search_type="hidden", search_label="Hidden", searchable=False)
    models = registry.searchable_models([OrganisationPage, hidden, event, RoutinePage])
    assert models == [RoutinePage, event, OrganisationPage]


def test_the_api_types_come_from_the_registry(monkeypatch):
    assert registry.search_types() == tuple(
        model.search_type for model in registry.searchable_models()
    )
    assert set(registry.search_types()) == {"routine", "guidance", "organisation", "news"}
    with pytest.raises(BadRequest, match="unknown type 'event'"):
        parse(QueryDict(type="event"), language_codes()[0])
    event = fake_model("Event", search_type="event", search_label="Event")
    real = registry.get_page_models()
    monkeypatch.setattr(registry, "get_page_models", lambda: [*real, event])
    assert parse(QueryDict(type="event"), language_codes()[0]).filters == {"type": ["event"]}
    assert result_type("event") == "Event"


def test_type_labels_and_facet_terms_come_from_the_models():
    assert result_type("organisation") == str(OrganisationPage.search_label)
    assert result_type("routine") == str(RoutinePage.search_label)
    assert result_type("unknown") == "unknown"
    assert registry.term_model("themes") is Theme
    assert registry.term_model("regions") is Region
    assert registry.term_model("audiences") is Audience
    assert registry.term_model("colours") is None


def test_every_searchable_type_builds_a_document_with_the_declared_keys(tree, tmp_path):
    with override_settings(SEARCH_URL=None):
        load(tmp_path)
    for model in registry.searchable_models():
        page = model.objects.live().first()
        assert page is not None, model
        documents = search_documents(page)
        assert set(documents) == set(language_codes())
        for document in documents.values():
            assert tuple(document) == DOCUMENT_KEYS
            assert document["type"] == model.search_type
