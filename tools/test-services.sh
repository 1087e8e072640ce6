#!/usr/bin/env bash
# The real services the test suite uses, for `make test` on a newcomer's machine.
#
#   tools/test-services.sh            start the local OpenSearch node when Java is
#                                     available; else say which tests will be skipped
#   tools/test-services.sh postgres   start the local PostgreSQL cluster if needed and
#                                     print the DATABASE_URL for the tests on stdout
#
# Nothing here fails the run: a missing service means its tests are skipped
# (and the suite's summary says so), except under CI=true, where they fail.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { echo "test-services: $*" >&2; }

engine() {
    local url="${TEST_SEARCH_URL:-http://127.0.0.1:${SEARCH_PORT:-9200}}"
    if curl -s -m 2 -o /dev/null "$url/" 2>/dev/null; then
        say "a search engine answers on $url."
        return 0
    fi
    if [[ $url != "http://127.0.0.1:${SEARCH_PORT:-9200}" ]]; then
        say "TEST_SEARCH_URL=$url does not answer: the engine tests will be skipped."
        return 0
    fi
    if ! command -v java >/dev/null && ! ls /usr/lib/jvm/*/bin/java >/dev/null 2>&1; then
        say "no Java found, so no local search engine: the engine tests (pytest -m engine," \
            "tests/search, tests/security) will be SKIPPED. Install a JDK 17 and Maven" \
            "(apt-get install openjdk-17-jdk-headless maven) to run them."
        return 0
    fi
    if ! tools/opensearch/start.sh >&2; then
        say "the local search engine did not start (see above): the engine tests will be SKIPPED."
    fi
}

postgres() {
    local url="${POSTGRES_URL:-postgres://eportal:eportal@127.0.0.1:5432/eportal}"
    if ! pg_isready -q -h 127.0.0.1 2>/dev/null && command -v pg_lsclusters >/dev/null; then
        local version cluster
        version=$(pg_lsclusters --no-header | awk '{print $1; exit}')
        cluster=$(pg_lsclusters --no-header | awk '{print $2; exit}')
        if [[ -n $version ]]; then
            say "starting PostgreSQL $version/$cluster ..."
            pg_ctlcluster "$version" "$cluster" start >&2 || true
            for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
        fi
    fi
    if ! pg_isready -q -h 127.0.0.1 2>/dev/null; then
        say "PostgreSQL does not answer on 127.0.0.1:5432 (apt-get install postgresql);" \
            "set POSTGRES_URL to one that does."
        exit 1
    fi
    say "tests on PostgreSQL: $url"
    echo "$url"
}

case "${1:-engine}" in
    engine) engine ;;
    postgres) postgres ;;
    *) say "usage: $0 [engine|postgres]"; exit 2 ;;
esac
