#!/usr/bin/env bash
# Smoke test of a running node (start.sh first): analysis-common filters/analyzers,
# Painless extension, _bulk, highlight, phrase suggester, _reindex, _aliases swap.
# Creates and deletes indices named verify_*. Exit 0 when all checks pass.
set -u
U=http://127.0.0.1:${SEARCH_PORT:-9200}
j() { curl -s -H 'content-type: application/json' "$@"; echo; }
fail=0
check() { # name, output, grep pattern
  if echo "$2" | grep -q -- "$3"; then echo "PASS $1"; else echo "FAIL $1: $(echo "$2" | head -c 600)"; fail=1; fi
}
curl -s -XDELETE "$U/verify_*" >/dev/null
BODY='{
 "settings": {"number_of_shards":1,"number_of_replicas":0,
  "analysis": {
   "filter": {
     "sv_decomp": {"type":"dictionary_decompounder","word_list":["fotboll","match","skola","lärare"]},
     "sv_syn": {"type":"synonym_graph","synonyms":["skola, läroverk","bil => fordon"]},
     "sv_stem": {"type":"stemmer","language":"swedish"},
     "sv_light": {"type":"stemmer","language":"light_swedish"},
     "en_stem": {"type":"stemmer","language":"english"},
     "it_stem": {"type":"stemmer","language":"italian"},
     "el_stem": {"type":"stemmer","language":"greek"},
     "lv_stem": {"type":"stemmer","language":"latvian"},
     "long_only": {"type":"predicate_token_filter","script":{"source":"token.term.length() > 3"}},
     "shingle2": {"type":"shingle","min_shingle_size":2,"max_shingle_size":3}
   },
   "tokenizer": {"autocomplete_tok": {"type":"edge_ngram","min_gram":2,"max_gram":10,"token_chars":["letter","digit"]}},
   "analyzer": {
     "sv_custom": {"type":"custom","tokenizer":"standard","filter":["lowercase","sv_decomp","sv_stem","asciifolding"]},
     "sv_search": {"type":"custom","tokenizer":"standard","filter":["lowercase","sv_syn","sv_stem"]},
     "sv_light_an": {"type":"custom","tokenizer":"standard","filter":["lowercase","sv_light"]},
     "multi_stem": {"type":"custom","tokenizer":"standard","filter":["lowercase","en_stem","it_stem"]},
     "el_an": {"type":"custom","tokenizer":"standard","filter":["lowercase","el_stem"]},
     "lv_an": {"type":"custom","tokenizer":"standard","filter":["lowercase","lv_stem"]},
     "autocomplete": {"type":"custom","tokenizer":"autocomplete_tok","filter":["lowercase","asciifolding"]},
     "sv_folded": {"type":"custom","tokenizer":"standard","filter":["lowercase","asciifolding"]},
     "long_words": {"type":"custom","tokenizer":"whitespace","filter":["long_only"]},
     "shingles": {"type":"custom","tokenizer":"standard","filter":["lowercase","shingle2"]}
   }}},
 "mappings": {"properties": {
   "title": {"type":"text","analyzer":"sv_custom","search_analyzer":"sv_search",
             "fields":{"auto":{"type":"text","analyzer":"autocomplete","search_analyzer":"sv_folded"},
                       "shingle":{"type":"text","analyzer":"shingles"}}},
   "body": {"type":"text","analyzer":"sv_custom","search_analyzer":"sv_search"},
   "count": {"type":"token_count","analyzer":"standard"},
   "path": {"type":"keyword"}}}}'
r=$(j -XPUT "$U/verify_v1" -d "$BODY")
check create_index "$r" '"acknowledged":true'
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"sv_custom","text":"Fotbollsmatchen skolorna Lärarna"}'); check analyze_decomp_stem_sv "$r" '"token":"fotboll"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"sv_search","text":"skola bil"}'); check analyze_synonym_graph "$r" '"token":"fordon"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"sv_light_an","text":"husen flickorna"}'); check light_swedish "$r" '"tokens"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"multi_stem","text":"running libri"}'); check english_italian "$r" '"token":"run"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"el_an","text":"σπίτια"}'); check greek_stemmer "$r" '"tokens"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"lv_an","text":"mājas"}'); check latvian_stemmer "$r" '"tokens"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"autocomplete","text":"Öland"}'); check edge_ngram_asciifolding "$r" '"token":"ol"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
r=$(j -XPOST "$U/verify_v1/_analyze" -d '{"analyzer":"long_words","text":"the quick brown fox"}'); check painless_ext_predicate_filter "$r" '"token":"quick"'; echo "   tokens: $(echo "$r" | grep -oE '"token":"[^"]*"' | tr '\n' ' ')"
for a in greek latvian swedish english italian; do
 r=$(j -XPOST "$U/_analyze" -d "{\"analyzer\":\"$a\",\"text\":\"testing σπίτια mājas\"}"); check "builtin_analyzer_$a" "$r" '"tokens"'
done
r=$(printf '%s\n' \
 '{"index":{"_index":"verify_v1","_id":"1"}}' '{"title":"Fotbollsmatchen i skolan","body":"Lärarna spelade fotboll med eleverna på skolgården","path":"/a"}' \
 '{"index":{"_index":"verify_v1","_id":"2"}}' '{"title":"Bilar och fordon","body":"En bil är ett fordon som kör på vägen","path":"/b"}' \
 '{"index":{"_index":"verify_v1","_id":"3"}}' '{"title":"Öland i sommar","body":"Resor till Öland och Gotland","path":"/c"}' \
 | curl -s -H 'content-type: application/x-ndjson' -XPOST "$U/_bulk?refresh=true" --data-binary @-); check bulk "$r" '"errors":false'
r=$(j -XPOST "$U/verify_v1/_search" -d '{"query":{"match":{"body":"bil"}},"highlight":{"fields":{"body":{}}}}'); check highlight "$r" '<em>'; echo "   $(echo "$r" | grep -oE '"highlight":\{[^}]*\}')"
r=$(j -XPOST "$U/verify_v1/_search" -d '{"query":{"match":{"title.auto":"öla"}}}'); check autocomplete_search "$r" '"_id":"3"'
r=$(j -XPOST "$U/verify_v1/_search" -d '{"size":0,"suggest":{"text":"fotbolsmatchen i skolan","s1":{"phrase":{"field":"title.shingle","size":1,"gram_size":3,"direct_generator":[{"field":"title.shingle","suggest_mode":"always"}],"highlight":{"pre_tag":"<em>","post_tag":"</em>"}}}}}'); check phrase_suggester "$r" '"options":\[{'; echo "   $(echo "$r" | grep -oE '"options":\[[^]]*\]')"
r=$(j -XPOST "$U/_aliases" -d '{"actions":[{"add":{"index":"verify_v1","alias":"verify"}}]}'); check alias_add "$r" '"acknowledged":true'
r=$(j -XPUT "$U/verify_v2" -d "$BODY"); check create_v2 "$r" '"acknowledged":true'
r=$(j -XPOST "$U/_reindex?refresh=true" -d '{"source":{"index":"verify_v1"},"dest":{"index":"verify_v2"}}'); check reindex "$r" '"created":3'
r=$(j -XPOST "$U/_aliases" -d '{"actions":[{"remove":{"index":"verify_v1","alias":"verify"}},{"add":{"index":"verify_v2","alias":"verify"}}]}'); check alias_swap "$r" '"acknowledged":true'
r=$(curl -s "$U/_alias/verify"); check alias_points_to_v2 "$r" '"verify_v2"'
r=$(j -XPOST "$U/verify/_delete_by_query?refresh=true" -d '{"query":{"term":{"path":"/c"}}}'); check delete_by_query "$r" '"deleted":1'
r=$(j -XPOST "$U/verify/_search" -d '{"query":{"script_score":{"query":{"match_all":{}},"script":{"source":"doc[\"path\"].value.length() + 1"}}}}'); check painless_script_score "$r" '"_score":3.0'
r=$(curl -s "$U/_cat/plugins?v"); echo "   _cat/plugins: $(echo "$r" | tr '\n' ' ')"
curl -s -XDELETE "$U/verify_*" >/dev/null
[[ $fail == 0 ]] && echo ALL PASSED || { echo SOME FAILED; exit 1; }
