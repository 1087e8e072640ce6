#!/usr/bin/env bash
# Start a local OpenSearch node (the real server, from Maven Central jars;
# 2.19 unless OPENSEARCH_VERSION says otherwise) on 127.0.0.1:$SEARCH_PORT in
# the background, and return once /_cluster/health is green or yellow.
# Idempotent. See README.md.
#
# Environment:
#   SEARCH_PORT               HTTP port (default 9200)
#   OPENSEARCH_VERSION        2.19 (default), 3 or 3.x (the pinned 3.x below),
#                             or an exact version such as 3.3.2; 3.x needs Java 21+
#   OPENSEARCH_HEAP           heap size used for -Xms and -Xmx, e.g. 2g
#                             (default: -Xms512m -Xmx1g)
#   OPENSEARCH_JAVA_OPTS      extra JVM options
#   OPENSEARCH_FULL_JIT=1     use the C2 JIT too (default: C1 only, which
#                             roughly halves start-up on a 2-core machine)
#   OPENSEARCH_JAVA_HOME      JDK to use (else JAVA_HOME, else java on PATH, else
#                             the JDKs under /usr/lib/jvm; 11..23 for 2.x, 21+ for 3.x)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for the node (default 120)
#   OPENSEARCH_FRESH=1        wipe the node's data directory before starting
# One node of a cluster (tools/opensearch/cluster.sh sets these):
#   OPENSEARCH_CLUSTER_NAME   cluster name (default eportal)
#   OPENSEARCH_NODE_NAME      node name (default eportal-node)
#   OPENSEARCH_TRANSPORT_PORT transport port (default: any free one)
#   OPENSEARCH_SEED_HOSTS     comma-separated host:transport-port of the other
#                             nodes; without it the node runs alone (single-node)
#   OPENSEARCH_INITIAL_MANAGERS  comma-separated node names that bootstrap the cluster
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
# The newest of each major that Maven Central serves whole (checked 2026-12).
DEFAULT_2="2.19.6"
DEFAULT_3="3.9.0"
case "${OPENSEARCH_VERSION:-2}" in
    2 | 2.x | 2.19) VERSION="$DEFAULT_2" ;;
    3 | 3.x) VERSION="$DEFAULT_3" ;;
    [23].[0-9]*.[0-9]*) VERSION="$OPENSEARCH_VERSION" ;;
    *) echo "start.sh: OPENSEARCH_VERSION must be 2.19, 3.x or an exact 2.x/3.x version, got '$OPENSEARCH_VERSION'" >&2; exit 2 ;;
esac
MAJOR="${VERSION%%.*}"
if ((MAJOR >= 3)); then
    # 3.x renamed the module classes and takes classpath plugins as PluginInfo.
    LAUNCHER_SRC="$TOOL_DIR/src/v3/$MAIN_CLASS.java"
    JAVA_MIN=21 JAVA_MAX=99 JAVA_RELEASE=21
    DATA_DIR="$RUN_DIR/data-v$MAJOR"  # a 2.x node cannot read what 3.x wrote
else
    LAUNCHER_SRC="$TOOL_DIR/src/$MAIN_CLASS.java"
    JAVA_MIN=11 JAVA_MAX=23 JAVA_RELEASE=11
    DATA_DIR="$RUN_DIR/data"
fi

say() { echo "opensearch: $*"; }
die() { echo "opensearch: ERROR: $*" >&2; exit 1; }

command -v curl >/dev/null || die "curl is required"

# --- helpers -----------------------------------------------------------------

health_status() {  # prints green/yellow/red, or nothing if no node answers
    curl -s -m 3 "$URL/_cluster/health" 2>/dev/null |
        grep -oE '"status" *: *"[a-z]+"' | head -n1 | sed -E 's/.*"([a-z]+)"$/\1/' || true
}

is_healthy() { case "$(health_status)" in green | yellow) return 0 ;; esac; return 1; }

running_version() {  # the version number the node on $URL reports
    curl -s -m 3 "$URL/" 2>/dev/null | grep -oE '"number" *: *"[^"]+"' | head -n1 |
        sed -E 's/.*"([^"]+)"$/\1/' || true
}

running_pid() {  # prints the pid from the pid file if it is our live node
    local pid
    [[ -f $PID_FILE ]] || return 1
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ $(ps -ww -o args= -p "$pid" 2>/dev/null) == *"$MAIN_CLASS"* ]] || return 1
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
    for j in /usr/lib/jvm/java-17-openjdk*/bin/java /usr/lib/jvm/java-21-openjdk*/bin/java \
        /usr/lib/jvm/temurin-*-jdk*/bin/java /usr/lib/jvm/java-2[2-9]-openjdk*/bin/java; do
        [[ -x $j ]] && cands+=("$j")
    done
    for j in "${cands[@]}"; do
        [[ -x $j ]] || continue
        m="$(java_major "$j")"
        if [[ $m =~ ^[0-9]+$ ]] && ((m >= JAVA_MIN && m <= JAVA_MAX)); then
            JAVA="$(readlink -f "$j")"
            JAVA_MAJOR="$m"
            return 0
        fi
    done
    if ((MAJOR >= 3)); then
        die "no Java 21 or later found (OpenSearch $VERSION needs one, e.g. Temurin 25 in /usr/lib/jvm). Set OPENSEARCH_JAVA_HOME."
    fi
    die "no Java 11..23 found (OpenSearch $VERSION needs one; Java 17 recommended). Set OPENSEARCH_JAVA_HOME."
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
    key="$( (cat "$TOOL_DIR/pom.xml" "$LAUNCHER_SRC"; echo "$VERSION") | sha256sum | cut -c1-16)"
    RUNTIME="$CACHE_ROOT/$key"
    if [[ -f $RUNTIME/.complete ]]; then
        return 0
    fi
    # One build at a time (the nodes of a cluster start together); fd 8 is
    # not passed to the node.
    mkdir -p "$CACHE_ROOT"
    exec 8>"$CACHE_ROOT/.build.lock"
    flock 8
    if [[ -f $RUNTIME/.complete ]]; then
        exec 8>&-
        return 0
    fi
    command -v mvn >/dev/null || die "Maven (mvn) is required for the first run"
    local javac
    javac="$(dirname "$JAVA")/javac"
    [[ -x $javac ]] || die "javac not found next to $JAVA (a JDK is needed, not a JRE)"
    mkdir -p "$CACHE_ROOT"
    tmp="$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")"
    say "first run for this pom.xml and OpenSearch $VERSION: resolving the jars with Maven into $RUNTIME (takes a minute) ..."
    # Offline first (works when ~/.m2 already has everything), then online.
    if ! mvn -B -q -o -f "$TOOL_DIR/pom.xml" dependency:copy-dependencies \
        -Dopensearch.version="$VERSION" -DoutputDirectory="$tmp/lib" >"$tmp/mvn-offline.log" 2>&1; then
        rm -rf "$tmp/lib"
        if ! mvn -B -q -f "$TOOL_DIR/pom.xml" dependency:copy-dependencies \
            -Dopensearch.version="$VERSION" -DoutputDirectory="$tmp/lib" >"$tmp/mvn.log" 2>&1; then
            tail -n 40 "$tmp/mvn.log" >&2
            rm -rf "$tmp"
            die "Maven could not resolve the OpenSearch jars (see output above)"
        fi
    fi
    if ! "$javac" -nowarn --release "$JAVA_RELEASE" -encoding UTF-8 -cp "$tmp/lib/*" -d "$tmp/classes" \
        "$LAUNCHER_SRC" >"$tmp/javac.log" 2>&1; then
        cat "$tmp/javac.log" >&2
        rm -rf "$tmp"
        die "could not compile $LAUNCHER_SRC"
    fi
    touch "$tmp/.complete"
    rm -rf "$RUNTIME"
    mv "$tmp" "$RUNTIME"
    exec 8>&-
}

yaml_list() {  # "a,b" -> ["a", "b"]
    local item out="" IFS=,
    for item in $1; do out+="${out:+, }\"$item\""; done
    echo "[$out]"
}

write_config() {
    mkdir -p "$RUN_DIR/config" "$DATA_DIR" "$LOG_DIR" "$RUN_DIR/tmp"
    local discovery
    if [[ -n ${OPENSEARCH_SEED_HOSTS:-} ]]; then
        discovery="discovery.seed_hosts: $(yaml_list "$OPENSEARCH_SEED_HOSTS")"
        if [[ -n ${OPENSEARCH_INITIAL_MANAGERS:-} ]]; then
            # Read only when the cluster forms for the first time.
            discovery+=$'\n'"cluster.initial_cluster_manager_nodes: $(yaml_list "$OPENSEARCH_INITIAL_MANAGERS")"
        fi
    else
        # Single-node discovery never dials the transport port.
        discovery="discovery.type: single-node"
    fi
    cat >"$RUN_DIR/config/opensearch.yml" <<EOF
# Written by tools/opensearch/start.sh on every start; edits are overwritten.
cluster.name: ${OPENSEARCH_CLUSTER_NAME:-eportal}
node.name: ${OPENSEARCH_NODE_NAME:-eportal-node}
path.data: "$DATA_DIR"
path.logs: "$LOG_DIR"
network.host: 127.0.0.1
http.port: $PORT
transport.port: ${OPENSEARCH_TRANSPORT_PORT:-0}
$discovery
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
    running="$(running_version)"
    if [[ ${running%%.*} != "$MAJOR" ]]; then
        die "OpenSearch $running already answers on $URL, not $VERSION: stop it first (SEARCH_PORT=$PORT tools/opensearch/stop.sh) or choose another SEARCH_PORT"
    fi
    say "a healthy node already answers on $URL (OpenSearch $running, status $(health_status)${pid:+, pid $pid}); nothing to do."
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
        say "OPENSEARCH_FRESH=1: wiping $DATA_DIR"
        rm -rf "$DATA_DIR"
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
    say "starting OpenSearch $VERSION on $URL (java $JAVA_MAJOR, data in $DATA_DIR) ..."
    setsid nohup "$JAVA" "${jvm[@]}" -cp "$RUNTIME/lib/*:$RUNTIME/classes" "$MAIN_CLASS" "$RUN_DIR" \
        >"$LOG_FILE" 2>&1 </dev/null 9>&- 8>&- &
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
