"""The thesaurus the synonyms come from is well formed and covers every language."""

from django.conf import settings

from search import thesaurus


def test_the_thesaurus_file_has_no_problems():
    """One concept a row, known languages, unique ids, no term in two concepts."""
    assert thesaurus.problems() == []


def test_every_concept_has_terms_in_the_languages_readers_fall_back_to():
    """Swedish and English: Italian, Greek and Latvian readers see English, then Swedish."""
    concepts = thesaurus.concepts()
    assert len(concepts) >= 400
    for concept in concepts:
        assert concept.terms["sv"], concept.id
        assert concept.terms["en"], concept.id


def test_a_term_in_two_concepts_is_reported(tmp_path):
    """An ambiguous term would expand a query to two unrelated concepts."""
    codes = [code for code, _name in settings.LANGUAGES]
    head = "\t".join(["concept", "domain", *codes, "abbr"])
    row = "\t".join(["{}", "social", *(["placering"] * len(codes)), ""])
    path = tmp_path / "concepts.tsv"
    path.write_text("\n".join([head, row.format("one"), row.format("two")]) + "\n")
    assert any("is in one and two" in problem for problem in thesaurus.problems(path))


def test_a_wrong_header_is_reported(tmp_path):
    path = tmp_path / "concepts.tsv"
    path.write_text("concept\tdomain\tsv\n")
    assert thesaurus.problems(path) == [
        f"line 1: the header must be {' '.join(thesaurus.header())}"
    ]
