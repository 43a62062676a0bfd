#!/bin/sh
# Starts the Spark standalone master on this node, detached from the calling (SSH) session.
# Idempotent: when the master already runs (pid file and live process), leaves it alone.
# Runs the master class directly (java -cp "$SPARK_HOME/jars/*"), so both an official Spark
# tarball and the jars-only thunder runtime work; sbin/ is not needed. What it shares with
# start-spark-worker.sh is in spark-daemon.sh, next to it (see there for the common environment).
#
# Environment (defaults in brackets), besides spark-daemon.sh's:
#   SPARK_MASTER_HOST        address advertised in spark://HOST:PORT [$SPARK_LOCAL_IP]
#   SPARK_MASTER_PORT        [7077]
#   SPARK_MASTER_WEBUI_PORT  [8080]
#   SPARK_MASTER_OPTS        extra JVM options (word-split)
# Prints the master URL on success; exits non-zero with the log's tail on stderr on failure.
set -eu

me=start-spark-master.sh
daemon=master
lib="${THUNDER_SERVICE_DIR:-$(dirname "$0")}/spark-daemon.sh"
[ -f "$lib" ] || { echo "$me: $lib is missing: the Spark service's install step ships it (resume the cluster)" >&2; exit 1; }
. "$lib"

SPARK_MASTER_HOST=${SPARK_MASTER_HOST:-$SPARK_LOCAL_IP}
SPARK_MASTER_PORT=${SPARK_MASTER_PORT:-7077}
SPARK_MASTER_WEBUI_PORT=${SPARK_MASTER_WEBUI_PORT:-8080}
main_class=org.apache.spark.deploy.master.Master
url="spark://$SPARK_MASTER_HOST:$SPARK_MASTER_PORT"
ui="http://$SPARK_LOCAL_IP:$SPARK_MASTER_WEBUI_PORT/"

if running; then
  echo "Spark master already running (pid $pid) at $url"
  exit 0
fi

require_java
# shellcheck disable=SC2086
start_daemon "Spark master $url" "$ui" ${SPARK_MASTER_OPTS:-} \
  -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" "$main_class" \
  --host "$SPARK_MASTER_HOST" --port "$SPARK_MASTER_PORT" --webui-port "$SPARK_MASTER_WEBUI_PORT"
echo "Spark master started (pid $pid) at $url, web UI $ui"
