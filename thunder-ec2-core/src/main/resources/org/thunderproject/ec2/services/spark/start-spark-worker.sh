#!/bin/sh
# Starts a Spark standalone worker on this node, detached from the calling (SSH) session, and
# registers it with the master. Idempotent: when the worker already runs (pid file and live
# process), leaves it alone. Runs the worker class directly (java -cp "$SPARK_HOME/jars/*"), so
# both an official Spark tarball and the jars-only thunder runtime work; sbin/ is not needed.
# What it shares with start-spark-master.sh is in spark-daemon.sh, next to it (see there for the
# common environment).
#
# Usage: start-spark-worker.sh [MASTER_URL]
# Environment (defaults in brackets), besides spark-daemon.sh's:
#   SPARK_MASTER_URL         spark://HOST:PORT of the master, if not given as argument; else built
#                            from SPARK_MASTER_HOST (required then) and SPARK_MASTER_PORT [7077]
#   SPARK_WORKER_CORES       cores offered to executors [all CPUs]
#   SPARK_WORKER_MEMORY      memory offered to executors [total RAM - 1g, at least 512m]
#   SPARK_WORKER_PORT        RPC port [random]
#   SPARK_WORKER_WEBUI_PORT  [8081]
#   SPARK_WORKER_DIR         executors' working directories [$SPARK_HOME/work]
#   SPARK_SCALA_VERSION      Scala version of the jars, which executor launching needs [2.13]
#   SPARK_WORKER_OPTS        extra JVM options (word-split)
# Exits non-zero with the log's tail on stderr on failure.
set -eu

me=start-spark-worker.sh
daemon=worker
lib="${THUNDER_SERVICE_DIR:-$(dirname "$0")}/spark-daemon.sh"
[ -f "$lib" ] || { echo "$me: $lib is missing: the Spark service's install step ships it (resume the cluster)" >&2; exit 1; }
. "$lib"

# Spark's executor launcher needs it to find the jars when there is no build tree.
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
master_url=${1:-${SPARK_MASTER_URL:-}}
if [ -z "$master_url" ]; then
  [ -n "${SPARK_MASTER_HOST:-}" ] || fail "no master given: pass spark://HOST:PORT or set SPARK_MASTER_URL or SPARK_MASTER_HOST"
  master_url="spark://$SPARK_MASTER_HOST:${SPARK_MASTER_PORT:-7077}"
fi
case "$master_url" in
  spark://*) ;;
  *) fail "master URL $master_url does not start with spark://" ;;
esac
if [ -z "${SPARK_WORKER_CORES:-}" ]; then
  SPARK_WORKER_CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null || echo 1)
fi
if [ -z "${SPARK_WORKER_MEMORY:-}" ]; then
  # Spark's own default: all memory but 1 GiB for the system.
  total_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || true)
  mb=$(( ${total_mb:-1536} - 1024 ))
  [ "$mb" -ge 512 ] || mb=512
  SPARK_WORKER_MEMORY="${mb}m"
fi
SPARK_WORKER_WEBUI_PORT=${SPARK_WORKER_WEBUI_PORT:-8081}
SPARK_WORKER_DIR=${SPARK_WORKER_DIR:-$SPARK_HOME/work}
main_class=org.apache.spark.deploy.worker.Worker
ui="http://$SPARK_LOCAL_IP:$SPARK_WORKER_WEBUI_PORT/"

if running; then
  echo "Spark worker already running (pid $pid) for $master_url"
  exit 0
fi

require_java
mkdir -p "$SPARK_WORKER_DIR"
port_arg=""
if [ -n "${SPARK_WORKER_PORT:-}" ]; then port_arg="--port $SPARK_WORKER_PORT"; fi
# shellcheck disable=SC2086
start_daemon "Spark worker for $master_url" "$ui" ${SPARK_WORKER_OPTS:-} \
  -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" "$main_class" "$master_url" \
  --host "$SPARK_LOCAL_IP" $port_arg --webui-port "$SPARK_WORKER_WEBUI_PORT" \
  --cores "$SPARK_WORKER_CORES" --memory "$SPARK_WORKER_MEMORY" --work-dir "$SPARK_WORKER_DIR"
echo "Spark worker started (pid $pid) for $master_url with $SPARK_WORKER_CORES cores and $SPARK_WORKER_MEMORY, web UI $ui"
