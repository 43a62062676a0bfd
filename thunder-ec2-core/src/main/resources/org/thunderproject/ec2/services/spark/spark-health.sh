#!/bin/sh
# Waits until the Spark master reports at least EXPECTED_WORKERS workers ALIVE on its web UI's
# /json/ page, polling until TIMEOUT_SECONDS have passed.
#
# Usage: spark-health.sh EXPECTED_WORKERS TIMEOUT_SECONDS
# Environment: SPARK_MASTER_HOST (else SPARK_LOCAL_IP) the master's address,
#   SPARK_MASTER_WEBUI_PORT [8080]; $SPARK_CONF_DIR/spark-env.sh is read first, if it exists
# Prints "N workers ALIVE at URL" and exits 0, or exits 1 with one line on stderr.
set -eu

me=spark-health.sh
fail() {
  echo "$me: $*" >&2
  exit 1
}

[ $# -eq 2 ] || fail "usage: $me EXPECTED_WORKERS TIMEOUT_SECONDS"
expected=$1
timeout=$2
case "$expected$timeout" in
  *[!0-9]*) fail "EXPECTED_WORKERS and TIMEOUT_SECONDS must be whole numbers, got '$expected' and '$timeout'" ;;
esac
conf=${SPARK_CONF_DIR:-${SPARK_HOME:-$HOME/spark}/conf}
# The node's settings (configure-spark.sh); variables already set win.
if [ -f "$conf/spark-env.sh" ]; then . "$conf/spark-env.sh"; fi
host=${SPARK_MASTER_HOST:-${SPARK_LOCAL_IP:-}}
[ -n "$host" ] || fail "set SPARK_MASTER_HOST (or SPARK_LOCAL_IP) to the master's address"
url="http://$host:${SPARK_MASTER_WEBUI_PORT:-8080}/json/"

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl -sf --max-time 5 "$url"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$url" 2>/dev/null
  else
    wget -q -T 5 -t 1 -O - "$url" 2>/dev/null
  fi
}

# Reads the master's JSON on stdin; prints "ALIVE-WORKERS MASTER-STATUS".
summarize() {
  tr -d '\n' | sed -n 's/.*"aliveworkers"[[:space:]]*:[[:space:]]*\([0-9]*\).*"status"[[:space:]]*:[[:space:]]*"\([A-Z_]*\)".*/\1 \2/p'
}

pause() {
  sleep 0.5 2>/dev/null || sleep 1
}

deadline=$(( $(date +%s) + timeout ))
alive=0
state="not answering"
while :; do
  if json=$(fetch); then
    set -- $(printf '%s' "$json" | summarize)
    alive=${1:-0}
    state=${2:-unknown}
    if [ "$state" = ALIVE ] && [ "$alive" -ge "$expected" ]; then
      echo "$alive workers ALIVE at $url"
      exit 0
    fi
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    fail "only $alive of $expected Spark workers ALIVE at $url after ${timeout}s (master: $state)"
  fi
  pause
done
