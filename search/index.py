"""Index definitions: one index per language behind an alias.

Built with elasticsearch-dsl (``Index(...).to_dict()``). Word lists and
synonyms live in ``search/analysis/`` and are inlined into the settings, so
the engine needs no configuration files of its own.
"""

import time
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from elasticsearch_dsl import (
    Boolean,
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

ANALYSIS_DIR = Path(__file__).resolve().parent / "analysis"


@cache
def word_list(name):
    """Lines of ``search/analysis/<name>``, without comments and blank lines."""
    path = ANALYSIS_DIR / name
    if not path.exists():
        return ()
    lines = (
        line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return tuple(line for line in lines if line)


def stem_overrides(folded=False):
    """``stemmer_override`` rules; with ``folded``, å/ä/ö written as a/a/o."""
    rules = word_list("sv-stem-overrides.txt")
    return folded_rules(rules) if folded else list(rules)


def folded_rules(rules):
    """Rules with å/ä/ö written as a/a/o, for the folded sub-field's analyzers."""
    table = str.maketrans("åäöéü", "aaoeu")
    return list(dict.fromkeys(rule.translate(table) for rule in rules))


def alias_name(language: str) -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-{language}"


def new_index_name(language: str) -> str:
    return (
        f"{alias_name(language)}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 1_000_000:06d}"
    )


def analysis_profile(language: str) -> str:
    """The analysis profile of ``language``'s index (``settings.SEARCH_ANALYZERS``)."""
    return settings.SEARCH_ANALYZERS[language]


def analysis_profiles() -> set[str]:
    """The names of the analysis profiles defined here."""
    return set(_analyzers()["text"])


def _filters():
    folded_words = word_list("sv-compounds-folded.txt")
    return {
        "sv_decompound": token_filter(
            "sv_decompound",
            "dictionary_decompounder",
            word_list=list(word_list("sv-compounds.txt")) or ["människohandel"],
            min_subword_size=3,
            only_longest_match=False,
        ),
        "sv_decompound_folded": token_filter(
            "sv_decompound_folded",
            "dictionary_decompounder",
            word_list=list(folded_words) or ["manniskohandel"],
            min_subword_size=3,
            only_longest_match=False,
        ),
        "sv_overrides": token_filter("sv_overrides", "stemmer_override", rules=stem_overrides()),
        "sv_overrides_folded": token_filter(
            "sv_overrides_folded", "stemmer_override", rules=stem_overrides(folded=True)
        ),
        # Function words carry no meaning but weigh a lot in short titles:
        # Lucene's stop lists, by the name the stop filter knows them. Swedish
        # comes from search/analysis/sv-stopwords.txt so that a folded copy can
        # go with it.
        "en_stop": token_filter("en_stop", "stop", stopwords="_english_"),
        "it_stop": token_filter("it_stop", "stop", stopwords="_italian_"),
        "el_stop": token_filter("el_stop", "stop", stopwords="_greek_"),
        "lv_stop": token_filter("lv_stop", "stop", stopwords="_latvian_"),
        "sv_stop": token_filter("sv_stop", "stop", stopwords=list(word_list("sv-stopwords.txt"))),
        "sv_stop_folded": token_filter(
            "sv_stop_folded", "stop", stopwords=folded_rules(word_list("sv-stopwords.txt"))
        ),
        "sv_stem": token_filter("sv_stem", "stemmer", language="light_swedish"),
        # Nouns in -ning/-ing meet their verb: bedömning ~ bedöma, placering ~ placera.
        "sv_nominal": token_filter(
            "sv_nominal", "pattern_replace", pattern="^(.{4,}?)n?ing$", replacement="$1"
        ),
        "en_stem": token_filter("en_stem", "stemmer", language="english"),
        "en_possessive": token_filter("en_possessive", "stemmer", language="possessive_english"),
        "it_stem": token_filter("it_stem", "stemmer", language="light_italian"),
        "it_elision": token_filter(
            "it_elision",
            "elision",
            articles=[
                "c",
                "l",
                "all",
                "dall",
                "dell",
                "nell",
                "sull",
                "coll",
                "pell",
                "gl",
                "agl",
                "dagl",
                "degl",
                "negl",
                "sugl",
                "un",
                "m",
                "t",
                "s",
                "v",
                "d",
            ],
            articles_case=True,
        ),
        "el_lowercase": token_filter("el_lowercase", "lowercase", language="greek"),
        "el_stem": token_filter("el_stem", "stemmer", language="greek"),
        "lv_stem": token_filter("lv_stem", "stemmer", language="latvian"),
        "autocomplete_ngram": token_filter(
            "autocomplete_ngram", "edge_ngram", min_gram=1, max_gram=20
        ),
    }


def sv_stemming(f):
    return [f["sv_decompound"], f["sv_overrides"], f["sv_stem"], f["sv_nominal"]]


def _analyzers():
    """The analyzers, the language-specific ones by analysis profile name."""
    f = _filters()
    std = "standard"
    folding = ["lowercase", "asciifolding"]
    text = {
        "swedish": (
            analyzer(
                "text_index",
                tokenizer=std,
                filter=["lowercase", f["sv_stop"], f["sv_decompound"], f["sv_stem"]],
            ),
            analyzer(
                "text_search",
                tokenizer=std,
                filter=["lowercase", f["sv_stop"], f["sv_decompound"], f["sv_stem"]],
            ),
        ),
        "english": (
            analyzer(
                "text_index",
                tokenizer=std,
                filter=[f["en_possessive"], "lowercase", f["en_stop"], f["en_stem"]],
            ),
            analyzer(
                "text_search",
                tokenizer=std,
                filter=[f["en_possessive"], "lowercase", f["en_stop"], f["en_stem"]],
            ),
        ),
    }
    # Each profile's own function words; the folded field leaves them out too.
    stop = {
        "swedish": [],
        "english": [f["en_stop"]],
        "italian": [f["it_stop"]],
        "greek": [f["el_stop"]],
        "latvian": [f["lv_stop"]],
    }
    for profile, chain in (
        ("italian", [f["it_elision"], "lowercase", *stop["italian"], f["it_stem"]]),
        ("greek", [f["el_lowercase"], *stop["greek"], f["el_stem"]]),
        ("latvian", ["lowercase", *stop["latvian"], f["lv_stem"]]),
    ):
        text[profile] = (
            analyzer("text_index", tokenizer=std, filter=chain),
            analyzer("text_search", tokenizer=std, filter=chain),
        )
    folded_stemming = [
        f["sv_decompound_folded"],
        f["sv_overrides_folded"],
        f["sv_stem"],
        f["sv_nominal"],
    ]
    # The folded field holds Swedish (own or fallback) text in every index, and
    # the index's own language: leave out the function words of both.
    folded, folded_search = {}, {}
    for profile in text:
        stops = [f["sv_stop_folded"], *stop[profile]]
        folded[profile] = analyzer(
            "folded", tokenizer=std, filter=[*folding, *stops, *folded_stemming]
        )
        folded_search[profile] = analyzer(
            "folded_search",
            tokenizer=std,
            filter=[*folding, *stops, *folded_stemming],
        )
    return {
        "text": text,
        "folded": folded,
        "folded_search": folded_search,
        "plain": analyzer("plain", tokenizer=std, filter=folding),
        # Phrases match word by word: no synonyms or compound parts stacked in.
        "phrase": analyzer("phrase", tokenizer=std, filter=[*folding, f["sv_stem"]]),
        "autocomplete": analyzer(
            "autocomplete", tokenizer=std, filter=[*folding, f["autocomplete_ngram"]]
        ),
        "autocomplete_search": analyzer("autocomplete_search", tokenizer=std, filter=folding),
        "suggest": analyzer("suggest", tokenizer=std, filter=["lowercase"]),
        # Text analysed in Python (search.terms.analysed_text): split on spaces only.
        "analysed": analyzer("analysed", tokenizer="whitespace"),
    }


def mapping(language: str) -> Mapping:
    """The fields of ``language``'s index, analysed with the language's profile."""
    a = _analyzers()
    profile = analysis_profile(language)
    index_analyzer, search_analyzer = a["text"][profile]
    lower = normalizer("lower", filter=["lowercase", "asciifolding"])

    def text_field(**extra):
        return Text(
            analyzer=index_analyzer,
            search_analyzer=search_analyzer,
            fields={
                "folded": Text(
                    analyzer=a["folded"][profile], search_analyzer=a["folded_search"][profile]
                ),
                "phrase": Text(analyzer=a["phrase"]),
            },
            **extra,
        )

    m = Mapping()
    m.field("type", Keyword())
    m.field("key", Keyword())
    m.field("lang", Keyword())
    m.field("fallback", Boolean())
    m.field(
        "title",
        Text(
            analyzer=index_analyzer,
            search_analyzer=search_analyzer,
            copy_to="suggest",
            fields={
                "folded": Text(
                    analyzer=a["folded"][profile], search_analyzer=a["folded_search"][profile]
                ),
                "phrase": Text(analyzer=a["phrase"]),
                "exact": Keyword(normalizer=lower),
                "autocomplete": Text(
                    analyzer=a["autocomplete"], search_analyzer=a["autocomplete_search"]
                ),
            },
        ),
    )
    # Offsets in the postings: the highlighter reads them instead of
    # analysing each hit's long text again.
    m.field("summary", text_field(copy_to="suggest", index_options="offsets"))
    m.field("body", text_field(copy_to="suggest", index_options="offsets"))
    m.field("other_text", Text(analyzer=a["plain"]))
    m.field("analysed_title", Text(analyzer=a["analysed"]))
    m.field("analysed_text", Text(analyzer=a["analysed"]))
    m.field(
        "suggest",
        Text(
            analyzer=a["suggest"],
            fields={
                "stemmed": Text(analyzer=index_analyzer, search_analyzer=search_analyzer),
            },
        ),
    )
    for name in ("themes", "regions", "audiences", "kind", "groups"):
        m.field(name, Keyword())
    m.field("open_24h", Boolean())
    m.field("restricted", Boolean())
    m.field("date", Date())
    m.field("url", Keyword(index=False))
    m.field("page_id", Integer())
    m.field("fingerprint", Keyword(index=False, doc_values=False))
    return m


REFRESH_INTERVAL = "1s"


def index_body(
    language: str, refresh_interval: str = REFRESH_INTERVAL, shards: int = 1, replicas: int = 0
) -> dict[str, Any]:
    """Settings and mappings of a fresh index for ``language`` (layout: search/cluster.py)."""
    index = Index("definition")
    index.settings(
        number_of_shards=shards,
        number_of_replicas=replicas,
        max_result_window=10_000,
        refresh_interval=refresh_interval,
    )
    index.mapping(mapping(language))
    body = index.to_dict()
    return body
