#!/bin/sh
# Checks that the Spark Connect server that start-spark-connect.sh started still runs and listens
# on 127.0.0.1:PORT, polling until TIMEOUT_SECONDS have passed.
#
# Usage: spark-connect-health.sh PORT TIMEOUT_SECONDS
# Environment: SPARK_HOME [$HOME/spark], SPARK_PID_DIR [$SPARK_HOME/run]
# Prints "Spark Connect server listening at 127.0.0.1:PORT" and exits 0, or exits 1 with one line on stderr.
set -eu

me=spark-connect-health.sh
fail() {
  echo "$me: $*" >&2
  exit 1
}

[ $# -eq 2 ] || fail "usage: $me PORT TIMEOUT_SECONDS"
port=$1
timeout=$2
case "$port$timeout" in
  *[!0-9]*) fail "PORT and TIMEOUT_SECONDS must be whole numbers, got '$port' and '$timeout'" ;;
esac
SPARK_HOME=${SPARK_HOME:-$HOME/spark}
SPARK_PID_DIR=${SPARK_PID_DIR:-$SPARK_HOME/run}
here=$(cd "$(dirname "$0")" && pwd)
pidfile="$SPARK_PID_DIR/spark-connect.pid"

alive() {
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

deadline=$(( $(date +%s) + timeout ))
while :; do
  alive || fail "the Spark Connect server does not run (no live process in $pidfile); see ${SPARK_LOG_DIR:-$SPARK_HOME/logs}/spark-connect.out"
  if sh "$here/spark-connect-probe.sh" "$port"; then
    echo "Spark Connect server listening at 127.0.0.1:$port (pid $pid)"
    exit 0
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    fail "the Spark Connect server (pid $pid) does not listen on 127.0.0.1:$port after ${timeout}s"
  fi
  sleep 0.5 2>/dev/null || sleep 1
done
