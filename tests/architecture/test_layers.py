"""The house plan holds: layers without cycles, short modules, languages from settings."""

from django.conf import settings

from tests.architecture import layers


def test_no_app_imports_an_app_above_it():
    """Each app imports only the apps below it, imports inside functions included."""
    assert layers.upward_imports() == {}


def test_apps_import_each_other_in_no_circle():
    assert layers.cycles() == []


def test_core_imports_no_other_app_of_the_project():
    assert [edge for edge in layers.app_imports() if edge[0] == "core"] == []


def test_nothing_imports_the_project_shell():
    assert [edge for edge in layers.app_imports() if edge[1] == "portal"] == []


def test_no_module_is_over_500_lines():
    assert layers.long_modules() == []


def test_language_codes_are_written_only_in_the_settings():
    """Code derives languages from settings.LANGUAGES; no app spells a code out."""
    codes = {code for code, _name in settings.LANGUAGES}
    assert layers.language_literals(codes) == []


def test_the_reader_sees_imports_inside_functions(tmp_path):
    """A lazy import is an import: the contract must not miss it."""
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    from search.indexing import enqueue\n")
    assert list(layers.imported_modules(module)) == [(2, "search.indexing")]
