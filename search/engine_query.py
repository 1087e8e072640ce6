"""The engine's search: one elasticsearch-dsl query for text, filters,
permissions, facet counts, highlighting and a "did you mean" suggestion."""

from elasticsearch_dsl import Q, Search
from elasticsearch_dsl.query import MatchAll

from . import synonyms
from .dbquery import MIN_TYPO_LENGTH, TITLE_FACTOR, TYPO_DISCOUNT, groups
from .index import alias_name
from .params import FACETS
from .permissions import allowed_groups
from .textanalysis import fold

SNIPPET_SIZE = 180
FUZZY_MAX_WORDS = 6
MARK = ("<mark>", "</mark>")
FALLBACK_WEIGHT = 0.6
# Pseudo-relevance feedback: terms of the best hit lift items on the same subject.
FEEDBACK_BOOST = 0.3
FEEDBACK_TERMS = 25
# The analysed fields (the lexicon's stems and compound parts, the thesaurus's
# concepts in every language) weigh above the engine's own analysis: measured
# on the dev collection and the tune half of bench/relevance (docs/SEARCH.md).
ANALYSED_WEIGHT = 3.0
COORDINATION = 0.5


def permission_filter(user):
    groups = allowed_groups(user)
    if groups is None:
        return None
    public = Q("term", restricted=False)
    if not groups:
        return public
    return public | Q("terms", groups=list(groups))


def text_query(q, lang):
    """The visitor's words against title, summary and body, forgiving typos."""
    main = Q(
        "multi_match",
        query=q,
        fields=["title^4", "summary^2", "body"],
        type="best_fields",
        tie_breaker=0.3,
    )
    # Typo tolerance for short queries; long questions carry enough words
    # without it (and fuzzy expansion of many compounds exceeds clause limits).
    fuzzy = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 10}
    forgiving = Q(
        "multi_match",
        query=q,
        fields=["title.folded^3", "summary.folded^1.5", "body.folded"],
        type="best_fields",
        tie_breaker=0.3,
        boost=0.7,
        **(fuzzy if len(q.split()) <= FUZZY_MAX_WORDS else {}),
    )
    phrase = Q(
        "multi_match",
        query=q,
        fields=["title.phrase^3", "summary.phrase^2", "body.phrase"],
        type="phrase",
        slop=3,
        boost=2,
    )
    exact_title = Q("term", **{"title.exact": {"value": q.lower(), "boost": 10}})
    other_languages = Q("match", other_text={"query": q, "boost": 0.3})
    clauses = [main, forgiving, phrase, exact_title, other_languages]
    analysed = analysed_query(q, lang)
    if analysed is not None:
        clauses.append(Q("bool", must=[analysed], boost=ANALYSED_WEIGHT))
    words = Q("bool", should=clauses)
    # Text in the visitor's own language ranks above fallback text, all else equal.
    return Q(
        "function_score",
        query=words,
        functions=[{"filter": Q("term", fallback=True).to_dict(), "weight": FALLBACK_WEIGHT}],
        boost_mode="multiply",
    )


def _analysed_term(term, factor):
    return Q(
        "dis_max",
        queries=[
            Q("term", analysed_title={"value": term, "boost": TITLE_FACTOR * factor}),
            Q("term", analysed_text={"value": term, "boost": factor}),
        ],
    )


def _analysed_typo(word):
    fuzzy = {"value": word, "fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 10}
    return Q(
        "dis_max",
        queries=[
            Q("fuzzy", analysed_title={**fuzzy, "boost": TITLE_FACTOR * TYPO_DISCOUNT}),
            Q("fuzzy", analysed_text={**fuzzy, "boost": TYPO_DISCOUNT}),
        ],
    )


def analysed_query(q, lang):
    """The query of the database search (:mod:`search.dbquery`) on the ``analysed_*`` fields.

    One clause per word: the best of its alternatives (stem, folded form,
    compound parts, the terms of the thesaurus concepts it names, in the
    visitor's and the fallback languages) and, for longer words, a typo.
    """
    clauses = []
    for group in groups(q, lang):
        alternatives = []
        for terms, factor in dict.fromkeys(group.alternatives):
            if len(terms) == 1:
                alternatives.append(_analysed_term(terms[0], factor))
            else:
                alternatives.append(
                    Q(
                        "bool",
                        must=[_analysed_term(term, 1.0) for term in terms],
                        boost=factor / len(terms),
                    )
                )
        word = fold(group.word)
        if len(word) >= MIN_TYPO_LENGTH and word.isalpha():
            alternatives.append(_analysed_typo(word))
        clauses.append(Q("dis_max", queries=alternatives))
    if not clauses:
        return None
    some = Q("bool", should=clauses)
    if len(clauses) == 1:
        return some
    # Classic coordination: a page holding every word of the query gains on one holding some.
    return Q("bool", should=[some, Q("bool", must=clauses, boost=COORDINATION)])


def _filter_clause(name, values):
    return Q("terms", **{FACETS[name]: values})


def visibility_filters(user, hidden_ids):
    """Permission filter plus the pages whose removal has not reached the index yet."""
    filters = [f for f in [permission_filter(user)] if f]
    if hidden_ids:
        filters.append(~Q("terms", page_id=sorted(hidden_ids)))
    return filters


def build(params, user, hidden_ids=()):
    """The request body for ``params`` as ``user``, never showing ``hidden_ids``."""
    search = Search()
    query = (
        synonyms.engine_text_query(params.q, params.lang, text_query) if params.q else MatchAll()
    )
    search = search.query(Q("bool", must=[query], filter=visibility_filters(user, hidden_ids)))
    active = {name: _filter_clause(name, values) for name, values in params.filters.items()}
    if active:
        search = search.post_filter(Q("bool", filter=list(active.values())))
    for name, field in FACETS.items():
        others = [clause for other, clause in active.items() if other != name]
        bucket = search.aggs.bucket(f"{name}_filtered", "filter", Q("bool", filter=others))
        bucket.bucket(name, "terms", field=field, size=100)
    search = search.highlight_options(
        encoder="html",
        pre_tags=[MARK[0]],
        post_tags=[MARK[1]],
        fragment_size=SNIPPET_SIZE,
        number_of_fragments=1,
        no_match_size=SNIPPET_SIZE,
    ).highlight("summary", "body")
    if params.q:
        for name, field in (("raw", "suggest"), ("stemmed", "suggest.stemmed")):
            search = search.suggest(
                name, params.q, term={"field": field, "suggest_mode": "missing", "size": 1}
            )
    search = search.source(["key", "type", "title", "url", "lang", "fallback", "summary"])
    return search.extra(from_=params.offset, size=params.page_size, track_total_hits=True).to_dict()


def feedback_probe(body):
    """The request for the best hit of ``body`` and its spelling suggestions.

    Same query and filters, one id, no facets or highlights. The suggestions
    come with it, so the search that follows can be sent together with the
    check of the suggestion (:func:`suggestion_check_body`) in one request.
    """
    probe = {"query": body["query"], "size": 1, "_source": False, "track_total_hits": False}
    for part in ("post_filter", "suggest"):
        if part in body:
            probe[part] = body[part]
    return probe


def without_suggestions(body):
    """``body`` without its suggesters (the probe asked for them already)."""
    return {name: part for name, part in body.items() if name != "suggest"}


def with_feedback(body, hit):
    """``body`` with items that share the best hit's salient terms ranked higher.

    The clause is optional: it reorders what the query matches and adds no
    matches, so totals, facet counts and permissions stay as they are.
    """
    like = Q(
        "more_like_this",
        fields=["title", "summary", "body"],
        like=[{"_index": hit["_index"], "_id": hit["_id"]}],
        min_term_freq=1,
        min_doc_freq=2,
        max_query_terms=FEEDBACK_TERMS,
        include=True,
        boost=FEEDBACK_BOOST,
    )
    # The built query is wrapped as it is: reading it back into query objects
    # copied it whole and took half of the API's own time.
    return {**body, "query": {"bool": {"must": [body["query"]], "should": [like.to_dict()]}}}


def parse_response(response, params):
    hits = response["hits"]
    results = []
    for hit in hits["hits"]:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        snippet = (highlight.get("summary") or highlight.get("body") or [""])[0]
        results.append(
            {
                "key": source["key"],
                "type": source["type"],
                "title": source["title"],
                "url": source["url"],
                "lang": source["lang"],
                "snippet": snippet,
            }
        )
    facets = {}
    for name in FACETS:
        buckets = response.get("aggregations", {}).get(f"{name}_filtered", {}).get(name, {})
        facets[name] = {b["key"]: b["doc_count"] for b in buckets.get("buckets", [])}
    return {
        "total": hits["total"]["value"],
        "results": results,
        "facets": facets,
        "suggestion": suggestion(response.get("suggest", {}), params.q, params.lang),
    }


def suggestion(suggest, q, lang):
    """A corrected query when a word is unknown both as typed and as stemmed.

    The raw field proposes corrections for words it has never seen; a word
    whose stem the body knows (an inflection such as "offren") is left alone,
    and a word the search understood (:func:`synonyms.understood_words`) is
    only given back its å, ä and ö.
    """
    if not suggest or not q:
        return None
    if not any(entry["options"] for entry in suggest.get("raw", [])):
        return None
    understood = synonyms.understood_words(q, lang)
    stemmed_missing = {}
    for entry in suggest.get("stemmed", []):
        offset = entry["offset"]
        stemmed_missing[offset] = stemmed_missing.get(offset, False) or bool(entry["options"])
    corrected = q
    for entry in sorted(suggest.get("raw", []), key=lambda e: e["offset"], reverse=True):
        if not entry["options"] or not stemmed_missing.get(entry["offset"], True):
            continue
        option = entry["options"][0]["text"]
        # Giving back å, ä and ö is a spelling; another word for an understood one is not.
        if entry["text"] in understood and fold(option) != fold(entry["text"]):
            continue
        start = entry["offset"]
        end = start + entry["length"]
        if corrected[start:end].lower() == entry["text"]:
            corrected = corrected[:start] + option + corrected[end:]
    return corrected if corrected.lower() != q.lower() else None


def suggestion_check_body(words, user, hidden_ids=()):
    """Does ``user`` see any document holding all of ``words``? (size 0, one hit counted)

    The term suggester draws its corrections from every document in the
    index, restricted ones included, so a correction is offered only when a
    document the visitor may see contains it.
    """
    search = Search().query(
        Q(
            "bool",
            must=[Q("match", suggest={"query": " ".join(words), "operator": "and"})],
            filter=visibility_filters(user, hidden_ids),
        )
    )
    return search.extra(size=0, track_total_hits=1).to_dict()


def autocomplete_body(q, user, hidden_ids=(), size=8):
    search = Search().query(
        Q(
            "bool",
            must=[Q("match", **{"title.autocomplete": {"query": q, "operator": "and"}})],
            should=[Q("match_phrase_prefix", title={"query": q, "boost": 2})],
            filter=visibility_filters(user, hidden_ids),
        )
    )
    return search.source(["key", "type", "title", "url", "lang"]).extra(size=size).to_dict()


def index_for(lang):
    return alias_name(lang)
