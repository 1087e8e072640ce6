#!/usr/bin/env bash
# Start a local, single-node OpenSearch 2.19 (the real server, from Maven
# Central jars) on 127.0.0.1:$SEARCH_PORT in the background, and return once
# /_cluster/health is green or yellow. Idempotent. See README.md.
#
# Environment:
#   SEARCH_PORT               HTTP port (default 9200)
#   OPENSEARCH_HEAP           heap size used for -Xms and -Xmx, e.g. 2g
#                             (default: -Xms512m -Xmx1g)
#   OPENSEARCH_JAVA_OPTS      extra JVM options
#   OPENSEARCH_FULL_JIT=1     use the C2 JIT too (default: C1 only, which
#                             roughly halves start-up on a 2-core machine)
#   OPENSEARCH_JAVA_HOME      JDK to use (else JAVA_HOME, else java on PATH; 11..23)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for the node (default 120)
#   OPENSEARCH_FRESH=1        wipe the node's data directory before starting
set -euo pipefail

TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${SEARCH_PORT:-9200}"
if ! [[ $PORT =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then
    echo "start.sh: SEARCH_PORT must be a TCP port number, got '$PORT'" >&2
    exit 2
fi
RUN_DIR="${TMPDIR:-/tmp}"
RUN_DIR="${RUN_DIR%/}/eportal-opensearch-$PORT"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/eportal-opensearch"
PID_FILE="$RUN_DIR/opensearch.pid"
LOG_DIR="$RUN_DIR/logs"
LOG_FILE="$LOG_DIR/opensearch.log"
URL="http://127.0.0.1:$PORT"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
MAIN_CLASS="EportalOpenSearchNode"

say() { echo "opensearch: $*"; }
die() { echo "opensearch: ERROR: $*" >&2; exit 1; }

command -v curl >/dev/null || die "curl is required"

# --- helpers -----------------------------------------------------------------

health_status() {  # prints green/yellow/red, or nothing if no node answers
    curl -s -m 3 "$URL/_cluster/health" 2>/dev/null |
        grep -oE '"status" *: *"[a-z]+"' | head -n1 | sed -E 's/.*"([a-z]+)"$/\1/' || true
}

is_healthy() { case "$(health_status)" in green | yellow) return 0 ;; esac; return 1; }

running_pid() {  # prints the pid from the pid file if it is our live node
    local pid
    [[ -f $PID_FILE ]] || return 1
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    ps -o args= -p "$pid" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
    echo "$pid"
}

java_major() {  # java_major /path/to/java -> 17
    "$1" -version 2>&1 | head -n1 | sed -E 's/.*version "([0-9]+)(\.[0-9]+)?.*/\1/; s/^1$/8/'
}

pick_java() {
    local j m cands=()
    [[ -n ${OPENSEARCH_JAVA_HOME:-} ]] && cands+=("$OPENSEARCH_JAVA_HOME/bin/java")
    [[ -n ${JAVA_HOME:-} ]] && cands+=("$JAVA_HOME/bin/java")
    j="$(command -v java || true)"
    [[ -n $j ]] && cands+=("$j")
    for j in /usr/lib/jvm/java-17-openjdk*/bin/java /usr/lib/jvm/java-21-openjdk*/bin/java; do
        [[ -x $j ]] && cands+=("$j")
    done
    for j in "${cands[@]}"; do
        [[ -x $j ]] || continue
        m="$(java_major "$j")"
        if [[ $m =~ ^[0-9]+$ ]] && ((m >= 11 && m <= 23)); then
            JAVA="$(readlink -f "$j")"
            JAVA_MAJOR="$m"
            return 0
        fi
    done
    die "no Java 11..23 found (OpenSearch 2.19 needs one; Java 17 recommended). Set OPENSEARCH_JAVA_HOME."
}

tail_log() {
    if [[ -f $LOG_FILE ]]; then
        echo "----- last 40 lines of $LOG_FILE -----" >&2
        tail -n 40 "$LOG_FILE" >&2
        echo "-----" >&2
    fi
}

# Resolve the jars with Maven and compile the launcher, once per
# (pom.xml, launcher source) pair; later runs reuse the cache dir.
ensure_runtime() {
    local key tmp
    key="$(cat "$TOOL_DIR/pom.xml" "$TOOL_DIR/src/$MAIN_CLASS.java" | sha256sum | cut -c1-16)"
    RUNTIME="$CACHE_ROOT/$key"
    if [[ -f $RUNTIME/.complete ]]; then
        return 0
    fi
    command -v mvn >/dev/null || die "Maven (mvn) is required for the first run"
    local javac
    javac="$(dirname "$JAVA")/javac"
    [[ -x $javac ]] || die "javac not found next to $JAVA (a JDK is needed, not a JRE)"
    mkdir -p "$CACHE_ROOT"
    tmp="$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")"
    say "first run for this pom.xml: resolving OpenSearch jars with Maven into $RUNTIME (takes a minute) ..."
    # Offline first (works when ~/.m2 already has everything), then online.
    if ! mvn -B -q -o -f "$TOOL_DIR/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$tmp/lib" >"$tmp/mvn-offline.log" 2>&1; then
        rm -rf "$tmp/lib"
        if ! mvn -B -q -f "$TOOL_DIR/pom.xml" dependency:copy-dependencies \
            -DoutputDirectory="$tmp/lib" >"$tmp/mvn.log" 2>&1; then
            tail -n 40 "$tmp/mvn.log" >&2
            rm -rf "$tmp"
            die "Maven could not resolve the OpenSearch jars (see output above)"
        fi
    fi
    if ! "$javac" -nowarn --release 11 -encoding UTF-8 -cp "$tmp/lib/*" -d "$tmp/classes" \
        "$TOOL_DIR/src/$MAIN_CLASS.java" >"$tmp/javac.log" 2>&1; then
        cat "$tmp/javac.log" >&2
        rm -rf "$tmp"
        die "could not compile $TOOL_DIR/src/$MAIN_CLASS.java"
    fi
    touch "$tmp/.complete"
    rm -rf "$RUNTIME"
    mv "$tmp" "$RUNTIME"
}

write_config() {
    mkdir -p "$RUN_DIR/config" "$RUN_DIR/data" "$LOG_DIR" "$RUN_DIR/tmp"
    cat >"$RUN_DIR/config/opensearch.yml" <<EOF
# Written by tools/opensearch/start.sh on every start; edits are overwritten.
cluster.name: eportal
node.name: eportal-node
path.data: "$RUN_DIR/data"
path.logs: "$LOG_DIR"
network.host: 127.0.0.1
http.port: $PORT
# Any free port: single-node discovery never dials the transport port.
transport.port: 0
discovery.type: single-node
# The disk is shared with everything else on the machine.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
    cat >"$RUN_DIR/config/log4j2.properties" <<'EOF'
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
EOF
}

# --- main --------------------------------------------------------------------

mkdir -p "$RUN_DIR"
# Serialise concurrent start.sh runs for the same port (fd 9 is not passed to the node).
exec 9>"$RUN_DIR/.start.lock"
flock 9

if is_healthy; then
    pid="$(running_pid || true)"
    say "a healthy node already answers on $URL (status $(health_status)${pid:+, pid $pid}); nothing to do."
    say "log: $LOG_FILE"
    exit 0
fi

pid="$(running_pid || true)"
if [[ -n $pid ]]; then
    say "node pid $pid is already starting; waiting for it ..."
else
    rm -f "$PID_FILE"
    code="$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$URL/" 2>/dev/null || true)"
    if [[ -n $code && $code != 000 ]]; then
        die "something else answers on $URL (HTTP $code, cluster health '$(health_status)') and it was not started by this script; choose another SEARCH_PORT"
    fi

    pick_java
    ensure_runtime
    if [[ ${OPENSEARCH_FRESH:-0} == 1 ]]; then
        say "OPENSEARCH_FRESH=1: wiping $RUN_DIR/data"
        rm -rf "$RUN_DIR/data"
    fi
    write_config
    [[ -f $LOG_FILE ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"

    if [[ -n ${OPENSEARCH_HEAP:-} ]]; then
        heap=(-Xms"$OPENSEARCH_HEAP" -Xmx"$OPENSEARCH_HEAP")
    else
        heap=(-Xms512m -Xmx1g)
    fi
    if ((JAVA_MAJOR < 21)); then locale=SPI,COMPAT; else locale=SPI,CLDR; fi
    jit=(-XX:TieredStopAtLevel=1)
    [[ ${OPENSEARCH_FULL_JIT:-0} == 1 ]] && jit=()
    # shellcheck disable=SC2206
    extra=(${OPENSEARCH_JAVA_OPTS:-})
    jvm=(
        "${heap[@]}" "${jit[@]}"
        -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
        -Dfile.encoding=UTF-8 -Djava.awt.headless=true -Djava.locale.providers="$locale"
        -Djava.io.tmpdir="$RUN_DIR/tmp"
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
        -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true
        "${extra[@]}"
    )
    say "starting OpenSearch on $URL (java $JAVA_MAJOR, data in $RUN_DIR) ..."
    setsid nohup "$JAVA" "${jvm[@]}" -cp "$RUNTIME/lib/*:$RUNTIME/classes" "$MAIN_CLASS" "$RUN_DIR" \
        >"$LOG_FILE" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
fi

deadline=$((SECONDS + TIMEOUT))
while ((SECONDS < deadline)); do
    if is_healthy; then
        say "node is up on $URL (status $(health_status), pid $pid)"
        say "log: $LOG_FILE"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$PID_FILE"
        echo "opensearch: ERROR: the node (pid $pid) exited before becoming healthy." >&2
        tail_log
        exit 1
    fi
    sleep 0.5
done

echo "opensearch: ERROR: the node did not become healthy on $URL within ${TIMEOUT}s; stopping it." >&2
tail_log
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
kill -KILL "$pid" 2>/dev/null || true
rm -f "$PID_FILE"
exit 1
