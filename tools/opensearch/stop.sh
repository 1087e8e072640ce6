#!/usr/bin/env bash
# Stop the node that tools/opensearch/start.sh started for $SEARCH_PORT
# (default 9200), using its pid file. Idempotent: no node -> exit 0.
set -euo pipefail

PORT="${SEARCH_PORT:-9200}"
if ! [[ $PORT =~ ^[0-9]+$ ]]; then
    echo "stop.sh: SEARCH_PORT must be a TCP port number, got '$PORT'" >&2
    exit 2
fi
RUN_DIR="${TMPDIR:-/tmp}"
RUN_DIR="${RUN_DIR%/}/eportal-opensearch-$PORT"
PID_FILE="$RUN_DIR/opensearch.pid"
MAIN_CLASS="EportalOpenSearchNode"
TIMEOUT="${OPENSEARCH_STOP_TIMEOUT:-30}"

say() { echo "opensearch: $*"; }

pid=""
if [[ -f $PID_FILE ]]; then
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
fi
if ! [[ $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null ||
    ! [[ $(ps -ww -o args= -p "$pid" 2>/dev/null) == *"$MAIN_CLASS"* ]]; then
    rm -f "$PID_FILE"
    if curl -s -m 2 -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then
        say "no node started by start.sh for port $PORT, but something answers on 127.0.0.1:$PORT; leaving it alone."
    else
        say "no OpenSearch node running for port $PORT; nothing to stop."
    fi
    exit 0
fi

say "stopping node pid $pid (port $PORT) ..."
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + TIMEOUT))
while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.3
done
if kill -0 "$pid" 2>/dev/null; then
    say "node did not exit within ${TIMEOUT}s; killing it."
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
fi
rm -f "$PID_FILE"
say "stopped."
