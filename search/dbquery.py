"""The database search's query: analysed, expanded, scored against :mod:`search.terms`.

A query becomes groups, one per word (stopwords dropped), each with weighted
alternatives: the word's stem and folded form in the visitor's language and
in the fallback languages, its compound parts (all needed, at a discount),
and the terms of every thesaurus concept the query names (in the visitor's
and the fallback languages, and the concept's abbreviations; a many-word term
needs all its words). A page scores, per group, its best alternative's
weight (title above text) times the term's rarity, and pages that match every
group come before pages that match some. A word that finds nothing is
corrected to the most frequent indexed term one edit away ("trafficing" ->
"trafficking"), which also gives the answer's spelling suggestion.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Count, QuerySet

from core.i18n import fallback_languages, language_codes

from .models import SearchTerm
from .textanalysis import analyzer, fold, words
from .thesaurus import concepts

TITLE_FACTOR = 3.0
PART_DISCOUNT = 0.6
SYNONYM_DISCOUNT = 0.7
TYPO_DISCOUNT = 0.7
MIN_TYPO_LENGTH = 4
MAX_PHRASE = 5
LATIN = "abcdefghijklmnopqrstuvwxyz"

Alternative = tuple[tuple[str, ...], float]  # terms that must all be present, and a factor


@dataclass
class Group:
    word: str
    alternatives: list[Alternative] = field(default_factory=list)
    concept: bool = False  # the word names a thesaurus concept, alone or in a phrase

    def terms(self) -> set[str]:
        return {term for terms, _factor in self.alternatives for term in terms}


def query_languages(lang: str) -> list[str]:
    return list(dict.fromkeys([lang, *fallback_languages()]))


@cache
def concept_index() -> dict[tuple[str, ...], set[int]]:
    """``{analysed term (stems): concept numbers}`` over every language and abbreviation."""
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for number, concept in enumerate(concepts()):
        for language in language_codes():
            for term in concept.all_terms(language):
                stems = tuple(token.stem for token in analyzer(language).tokens(term))
                if stems:
                    index[stems].add(number)
    return index


@cache
def concept_alternatives(number: int, lang: str) -> tuple[tuple[str, ...], ...]:
    concept = concepts()[number]
    found = []
    for language in query_languages(lang):
        for term in concept.all_terms(language):
            stems = tuple(token.stem for token in analyzer(language).tokens(term))
            if stems:
                found.append(stems)
    return tuple(dict.fromkeys(found))


def groups(q: str, lang: str) -> list[Group]:
    """The query's groups (see the module's docstring), before typo correction."""
    result = []
    stems_by_language = {}
    for language in query_languages(lang):
        analyse = analyzer(language)
        stems_by_language[language] = [analyse.analyse_word(word) for word in words(q)]
    for position, word in enumerate(words(q)):
        tokens = [stems_by_language[language][position] for language in stems_by_language]
        if tokens[0] is None:  # a stopword in the visitor's language
            continue
        group = Group(word)
        for token in tokens:
            if token is None:
                continue
            group.alternatives.append(((token.stem,), 1.0))
            group.alternatives.append(((token.surface,), 1.0))
            if token.parts:
                group.alternatives.append((token.parts, PART_DISCOUNT))
        result.append((position, group))
    # Thesaurus concepts named by one or more consecutive words, in any query language.
    index = concept_index()
    for language, tokens in stems_by_language.items():
        kept = [(position, token) for position, token in enumerate(tokens) if token is not None]
        for start in range(len(kept)):
            for end in range(min(len(kept), start + MAX_PHRASE), start, -1):
                phrase = tuple(token.stem for _position, token in kept[start:end])
                numbers = index.get(phrase)
                if not numbers:
                    continue
                positions = {position for position, _token in kept[start:end]}
                for _position, group in result:
                    if _position in positions:
                        group.concept = True
                        for number in numbers:
                            group.alternatives.extend(
                                (stems, SYNONYM_DISCOUNT)
                                for stems in concept_alternatives(number, language)
                            )
    return [group for _position, group in result]


def postings(terms: Iterable[str], pages: QuerySet) -> dict[str, dict[int, float]]:
    """``{term: {page pk: weight}}`` for the pages of ``pages`` (a visible queryset)."""
    found: dict[str, dict[int, float]] = defaultdict(dict)
    rows = SearchTerm.objects.filter(term__in=list(terms), page_id__in=pages.values("pk"))
    for page_id, term, title, text in rows.values_list("page_id", "term", "title", "text"):
        found[term][page_id] = TITLE_FACTOR * title + text
    return found


def edits(word: str) -> set[str]:
    """Every string one edit (delete, transpose, replace, insert) from ``word``."""
    letters = set(LATIN) | set(word) if word.isascii() else set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    found |= {a + c + b for a, b in splits for c in letters}
    found.discard(word)
    return found


def correction(word: str, pages: Iterable[QuerySet]) -> str | None:
    """The indexed term one edit from ``word`` (folded) found on most visible pages."""
    folded = fold(word)
    if len(folded) < MIN_TYPO_LENGTH or not folded.isalpha():
        return None
    candidates = sorted(edits(folded))
    best: dict[str, int] = defaultdict(int)
    for visible in pages:
        for start in range(0, len(candidates), 500):
            rows = (
                SearchTerm.objects.filter(
                    term__in=candidates[start : start + 500], page_id__in=visible.values("pk")
                )
                .values("term")
                .annotate(pages=Count("page_id"))
            )
            for row in rows:
                best[row["term"]] += row["pages"]
    if not best:
        return None
    return max(sorted(best), key=lambda term: best[term])


def corrected(group: Group, term: str, lang: str) -> Group:
    alternatives: list[Alternative] = [((term,), TYPO_DISCOUNT)]
    for language in query_languages(lang):
        token = analyzer(language).analyse_word(term)
        if token is not None:
            alternatives.append(((token.stem,), TYPO_DISCOUNT))
    return Group(term, alternatives)


def score(
    found: dict[str, dict[int, float]], query_groups: list[Group], total_pages: int
) -> dict[int, float]:
    """``{page pk: score}`` of every page matching at least one group."""
    frequency = {term: len(pages) for term, pages in found.items()}

    def rarity(term: str) -> float:
        return math.log(1 + total_pages / max(frequency.get(term, 0), 1))

    scores: dict[int, float] = defaultdict(float)
    matched: dict[int, int] = defaultdict(int)
    for group in query_groups:
        best: dict[int, float] = {}
        for terms, factor in group.alternatives:
            if not all(term in found for term in terms):
                continue
            pages = set.intersection(*(set(found[term]) for term in terms))
            for page in pages:
                value = factor * sum(found[term][page] * rarity(term) for term in terms)
                value /= len(terms)
                if value > best.get(page, 0.0):
                    best[page] = value
        for page, value in best.items():
            scores[page] += value
            matched[page] += 1
    count = max(len(query_groups), 1)
    # Pages that match every word first: the coordination factor of classic scoring.
    return {page: value * (matched[page] / count) ** 2 for page, value in scores.items()}
