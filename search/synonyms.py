"""Editors' synonyms applied to a query before it is built, for the engine and the database.

A rule's trigger matches words of the query compared folded (case, accents)
or by their stem in the visitor's language, so "HVB-hemmet" style
inflections of a trigger match too. A match yields the rule's other terms:

- the engine searches the query as typed and, at a discount, the query with
  the matched words replaced by each other term (:func:`engine_text_query`);
- the database search adds each other term's stems as alternatives of the
  matched words' groups, as it does for thesaurus concepts (:func:`expand_groups`).

Rules come from :class:`search.models.Synonym`, checked again here
(:mod:`search.synonym_rules`) so that an entry saved past the admin form never
breaks searching, and are cached until an editor changes one (:mod:`search.tuning`).
"""

from collections import defaultdict
from dataclasses import dataclass

from elasticsearch_dsl import Q

from . import dbquery, synonym_rules, tuning
from .models import Synonym
from .textanalysis import analyzer, fold, spelled, words

# Pages found only through a synonym rank below those the typed words find.
SYNONYM_WEIGHT = 0.8
# Variants of one query sent to the engine at most.
MAX_VARIANTS = 10
ALL = ""


@dataclass(frozen=True)
class Rule:
    trigger: tuple[str, ...]  # the trigger's words, casefolded
    others: tuple[str, ...]  # the terms it also searches, as the editor wrote them


@dataclass(frozen=True)
class Expansion:
    start: int  # the matched words of ``words(q)``: start inclusive, end exclusive
    end: int
    term: str


def _rules() -> dict[str, tuple[Rule, ...]]:
    """``{language or ALL: rules}`` of every sound synonym entry."""
    found: dict[str, list[Rule]] = defaultdict(list)
    for entry in Synonym.objects.all():
        one_way = entry.kind == Synonym.Kind.ONE_WAY
        if synonym_rules.problems(one_way, entry.term, entry.terms):
            continue
        terms = entry.term_list()
        pairs = (
            [(entry.term, terms)]
            if one_way
            else [(term, [other for other in terms if other != term]) for term in terms]
        )
        for trigger, others in pairs:
            trigger_words = tuple(words(trigger))
            if trigger_words:
                found[entry.language or ALL].append(Rule(trigger_words, tuple(others)))
    return {language: tuple(rules) for language, rules in found.items()}


def rules(lang: str) -> tuple[Rule, ...]:
    every = tuning.cached("synonyms", _rules)
    return every.get(lang, ()) + every.get(ALL, ())


def _same(typed: str, trigger: str, lang: str) -> bool:
    if fold(typed) == fold(trigger):
        return True
    analyse = analyzer(lang)
    first, second = analyse.analyse_word(typed), analyse.analyse_word(trigger)
    return first is not None and second is not None and first.stem == second.stem


def expansions(q: str, lang: str) -> list[Expansion]:
    """The other terms of every rule whose trigger the query contains, in query order."""
    typed = words(q)
    found = []
    for rule in rules(lang):
        size = len(rule.trigger)
        for start in range(len(typed) - size + 1):
            window = typed[start : start + size]
            if all(_same(a, b, lang) for a, b in zip(window, rule.trigger, strict=True)):
                found.extend(Expansion(start, start + size, other) for other in rule.others)
    unique = dict.fromkeys(found)
    return sorted(unique, key=lambda e: (e.start, e.end))


def variants(q: str, lang: str) -> list[str]:
    """The query with matched words replaced by each other term, at most :data:`MAX_VARIANTS`."""
    typed = words(q)
    result = [" ".join([*typed[: e.start], e.term, *typed[e.end :]]) for e in expansions(q, lang)]
    return list(dict.fromkeys(result))[:MAX_VARIANTS]


def engine_text_query(q: str, lang: str, text_query):
    """``text_query(q, lang)``, or its best match among the query and its synonym variants."""
    query = text_query(q, lang)
    others = variants(q, lang)
    if not others:
        return query
    weighted = [Q("bool", must=[text_query(v, lang)], boost=SYNONYM_WEIGHT) for v in others]
    return Q("dis_max", queries=[query, *weighted])


def expand_groups(groups: list, q: str, lang: str) -> list:
    """The database query's groups with each matched word's synonyms as alternatives."""
    found = expansions(q, lang)
    if not found:
        return groups
    # dbquery.groups keeps one group per word that is not a stopword, in order.
    analyse = analyzer(lang)
    positions = [i for i, word in enumerate(words(q)) if analyse.analyse_word(word) is not None]
    by_position = dict(zip(positions, groups, strict=False))
    for expansion in found:
        alternatives = []
        for language in dbquery.query_languages(lang):
            tokens = list(analyzer(language).tokens(expansion.term))
            if tokens:
                alternatives.append((tuple(t.stem for t in tokens), dbquery.SYNONYM_DISCOUNT))
                alternatives.append((tuple(t.surface for t in tokens), dbquery.SYNONYM_DISCOUNT))
        for position in range(expansion.start, expansion.end):
            if position in by_position:
                by_position[position].alternatives.extend(dict.fromkeys(alternatives))
    return groups


def understood_words(q: str, lang: str) -> set[str]:
    """The words of ``q`` (lowercased) that a spelling suggestion leaves as typed.

    The search understood them: a thesaurus concept or an editor's synonym
    names them, or a lexicon of the query's languages spells them so. "Did
    you mean" would offer another word for a word that is not misspelt
    ("slavarbete" → "samarbete"), while the search has found its meaning.
    """
    typed = words(q)
    found = {group.word for group in dbquery.groups(q, lang) if group.concept}
    for expansion in expansions(q, lang):
        found.update(typed[expansion.start : expansion.end])
    languages = dbquery.query_languages(lang)
    found.update(word for word in typed if any(spelled(word, code) for code in languages))
    return found
