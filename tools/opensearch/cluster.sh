#!/usr/bin/env bash
# A local three-node OpenSearch cluster for tests and demos: nodes 1..3 with
# HTTP on 127.0.0.1:9201..9203 and transport on 9301..9303, one cluster, each
# node with its own data directory (start.sh runs every node). See README.md.
#
#   tools/opensearch/cluster.sh start          # all nodes; returns once green (idempotent)
#   tools/opensearch/cluster.sh stop           # all nodes
#   tools/opensearch/cluster.sh stop-node N    # one node (SIGTERM, as a host shutting down)
#   tools/opensearch/cluster.sh start-node N   # one node; returns once it has joined
#   tools/opensearch/cluster.sh status         # nodes and health
#   tools/opensearch/cluster.sh urls           # the SEARCH_URL for the cluster
#
# Environment: OPENSEARCH_VERSION, OPENSEARCH_JAVA_HOME and OPENSEARCH_FULL_JIT
# as for start.sh; OPENSEARCH_HEAP per node (default 384m);
# CLUSTER_HTTP_BASE / CLUSTER_TRANSPORT_BASE (default 9200 / 9300: node N
# listens on base + N); OPENSEARCH_CLUSTER_TIMEOUT seconds to wait for green
# (default 240).
set -euo pipefail

TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODES=3
HTTP_BASE="${CLUSTER_HTTP_BASE:-9200}"
TRANSPORT_BASE="${CLUSTER_TRANSPORT_BASE:-9300}"
TIMEOUT="${OPENSEARCH_CLUSTER_TIMEOUT:-240}"
CLUSTER_NAME="eportal-cluster"

say() { echo "cluster: $*"; }
die() { echo "cluster: ERROR: $*" >&2; exit 1; }

node_name() { echo "eportal-node-$1"; }
http_port() { echo $((HTTP_BASE + $1)); }

check_node() {
    [[ ${1:-} =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= NODES)) ||
        die "node must be a number from 1 to $NODES, got '${1:-}'"
}

seed_hosts() {
    local n out=""
    for n in $(seq "$NODES"); do out+="${out:+,}127.0.0.1:$((TRANSPORT_BASE + n))"; done
    echo "$out"
}

managers() {
    local n out=""
    for n in $(seq "$NODES"); do out+="${out:+,}$(node_name "$n")"; done
    echo "$out"
}

urls() {
    local n out=""
    for n in $(seq "$NODES"); do out+="${out:+,}http://127.0.0.1:$(http_port "$n")"; done
    echo "$out"
}

# Start node N with start.sh, which returns once the node sees a healthy
# cluster (so only once it has joined a cluster-manager).
start_node() {
    local n=$1
    SEARCH_PORT="$(http_port "$n")" \
        OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-384m}" \
        OPENSEARCH_START_TIMEOUT="$TIMEOUT" \
        OPENSEARCH_CLUSTER_NAME="$CLUSTER_NAME" \
        OPENSEARCH_NODE_NAME="$(node_name "$n")" \
        OPENSEARCH_TRANSPORT_PORT=$((TRANSPORT_BASE + n)) \
        OPENSEARCH_SEED_HOSTS="$(seed_hosts)" \
        OPENSEARCH_INITIAL_MANAGERS="$(managers)" \
        "$TOOL_DIR/start.sh" | sed "s/^/[node $n] /"
}

stop_node() {
    local port
    port="$(http_port "$1")"
    SEARCH_PORT="$port" "$TOOL_DIR/stop.sh" | sed "s/^/[node $1] /"
    if curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
        die "node $1 still answers on 127.0.0.1:$port (not started by cluster.sh?)"
    fi
}

answering_node() {  # the first node URL that answers, or nothing
    local n
    for n in $(seq "$NODES"); do
        if curl -s -m 2 -o /dev/null "http://127.0.0.1:$(http_port "$n")/" 2>/dev/null; then
            echo "http://127.0.0.1:$(http_port "$n")"
            return 0
        fi
    done
}

wait_green() {
    local url deadline=$((SECONDS + TIMEOUT)) health
    while ((SECONDS < deadline)); do
        url="$(answering_node)"
        if [[ -n $url ]]; then
            health="$(curl -s -m 35 "$url/_cluster/health?wait_for_status=green&wait_for_nodes=$NODES&timeout=30s" || true)"
            if grep -q '"status" *: *"green"' <<<"$health" && grep -q "\"number_of_nodes\" *: *$NODES[,}]" <<<"$health"; then
                say "green: $NODES nodes on $(urls)"
                return 0
            fi
        else
            sleep 1
        fi
    done
    die "the cluster was not green with $NODES nodes within ${TIMEOUT}s: ${health:-no node answers}"
}

start_all() {
    local n pids=() failed=0
    # In parallel: no node becomes healthy before a majority has joined.
    for n in $(seq "$NODES"); do
        start_node "$n" &
        pids+=($!)
    done
    for n in "${pids[@]}"; do wait "$n" || failed=1; done
    ((failed == 0)) || die "a node did not start (see its log above)"
    wait_green
}

status() {
    local url
    url="$(answering_node)"
    [[ -n $url ]] || { say "no node answers on $(urls)"; return 0; }
    curl -s -m 5 "$url/_cat/nodes?v&h=name,http_address,node.role,cluster_manager,heap.percent"
    curl -s -m 5 "$url/_cluster/health?pretty" | grep -E '"(status|number_of_nodes|unassigned_shards|active_shards)"'
}

case "${1:-}" in
    start) start_all ;;
    stop) for n in $(seq "$NODES"); do stop_node "$n"; done ;;
    start-node) check_node "${2:-}" && start_node "$2" ;;
    stop-node) check_node "${2:-}" && stop_node "$2" ;;
    status) status ;;
    urls) urls ;;
    *) die "usage: $0 start|stop|start-node N|stop-node N|status|urls" ;;
esac
