#!/bin/sh
# Starts a Spark standalone worker on this node, detached from the calling (SSH) session, and
# registers it with the master. Idempotent: when the worker already runs (pid file and live
# process), leaves it alone. Runs the worker class directly (java -cp "$SPARK_HOME/jars/*"), so
# both an official Spark tarball and the jars-only thunder runtime work; sbin/ is not needed.
#
# Usage: start-spark-worker.sh [MASTER_URL]
# Environment (defaults in brackets; $SPARK_CONF_DIR/spark-env.sh is read first, if it exists):
#   SPARK_LOCAL_IP           address every socket of the worker (and its executors) binds to (required)
#   SPARK_MASTER_URL         spark://HOST:PORT of the master, if not given as argument; else built
#                            from SPARK_MASTER_HOST (required then) and SPARK_MASTER_PORT [7077]
#   SPARK_HOME               [$HOME/spark]
#   SPARK_WORKER_CORES       cores offered to executors [all CPUs]
#   SPARK_WORKER_MEMORY      memory offered to executors [total RAM - 1g, at least 512m]
#   SPARK_WORKER_PORT        RPC port [random]
#   SPARK_WORKER_WEBUI_PORT  [8081]
#   SPARK_WORKER_DIR         executors' working directories [$SPARK_HOME/work]
#   SPARK_SCALA_VERSION      Scala version of the jars, which executor launching needs [2.13]
#   SPARK_DAEMON_MEMORY      daemon heap [512m]
#   SPARK_DAEMON_JAVA_OPTS, SPARK_WORKER_OPTS  extra JVM options (word-split)
#   SPARK_CONF_DIR [$SPARK_HOME/conf]  SPARK_LOG_DIR [$SPARK_HOME/logs]  SPARK_PID_DIR [$SPARK_HOME/run]
#   JAVA_HOME                Java 17+ to use [java on PATH]
#   SPARK_START_TIMEOUT      seconds to wait for the web UI to answer [60]
# Exits non-zero with the log's tail on stderr on failure.
set -eu

me=start-spark-worker.sh
fail() {
  echo "$me: $*" >&2
  exit 1
}

export SPARK_HOME="${SPARK_HOME:-$HOME/spark}"
export SPARK_CONF_DIR="${SPARK_CONF_DIR:-$SPARK_HOME/conf}"
# The node's settings (configure-spark.sh); variables already set win.
if [ -f "$SPARK_CONF_DIR/spark-env.sh" ]; then . "$SPARK_CONF_DIR/spark-env.sh"; fi
[ -n "${SPARK_LOCAL_IP:-}" ] || fail "SPARK_LOCAL_IP is not set: the worker must bind to this node's own address"
export SPARK_LOCAL_IP
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
SPARK_DAEMON_MEMORY=${SPARK_DAEMON_MEMORY:-512m}
SPARK_LOG_DIR=${SPARK_LOG_DIR:-$SPARK_HOME/logs}
SPARK_PID_DIR=${SPARK_PID_DIR:-$SPARK_HOME/run}
SPARK_START_TIMEOUT=${SPARK_START_TIMEOUT:-60}

main_class=org.apache.spark.deploy.worker.Worker
pidfile="$SPARK_PID_DIR/spark-worker.pid"
log="$SPARK_LOG_DIR/spark-worker.out"
ui="http://$SPARK_LOCAL_IP:$SPARK_WORKER_WEBUI_PORT/"

# The JVM options Spark's own launcher adds on Java 17+ (org.apache.spark.launcher.JavaModuleOptions).
JAVA_MODULE_OPTS="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"

# True when the pid file names a live process running $main_class (guards against pid reuse).
running() {
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\000' ' ' < "/proc/$pid/cmdline" | grep -q "$main_class"
  else
    ps -p "$pid" -o args= 2>/dev/null | grep -q "$main_class"
  fi
}

# True when an HTTP server answers at $1 (any status).
answers() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null --max-time 5 "$1"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=5)
except urllib.error.HTTPError:
    pass' "$1" 2>/dev/null
  else
    wget -q -T 5 -t 1 -O /dev/null "$1" 2>/dev/null
  fi
}

pause() {
  sleep 0.2 2>/dev/null || sleep 1
}

if running; then
  echo "Spark worker already running (pid $pid) for $master_url"
  exit 0
fi

[ -d "$SPARK_HOME/jars" ] || fail "no Spark installation in $SPARK_HOME (no jars/ directory); run install-spark.sh first"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java || true); fi
[ -n "$java" ] && [ -x "$java" ] || fail "no java found (set JAVA_HOME or put Java 17+ on PATH)"
major=$("$java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
[ "${major:-0}" -ge 17 ] 2>/dev/null || fail "Spark 4 needs Java 17 or newer; $java is version ${major:-unknown}"

mkdir -p "$SPARK_LOG_DIR" "$SPARK_PID_DIR" "$SPARK_WORKER_DIR"
rm -f "$pidfile"
# This start's lines of the log begin after the current ones.
log_start=$(( $( (cat "$log" 2>/dev/null || true) | wc -l) + 1 ))
echo "=== $(date '+%Y-%m-%d %H:%M:%S') starting Spark worker for $master_url" >> "$log"
detach=""
if command -v setsid >/dev/null 2>&1; then detach=setsid; fi
port_arg=""
if [ -n "${SPARK_WORKER_PORT:-}" ]; then port_arg="--port $SPARK_WORKER_PORT"; fi
# The inner sh writes its own pid, then becomes the JVM (exec), so the pid file names the JVM.
# spark.port.maxRetries=0: a busy port is an error, not a silent move to another port.
# shellcheck disable=SC2086
nohup $detach sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
  "$java" -Xmx"$SPARK_DAEMON_MEMORY" $JAVA_MODULE_OPTS -Dspark.port.maxRetries=0 \
  ${SPARK_DAEMON_JAVA_OPTS:-} ${SPARK_WORKER_OPTS:-} \
  -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" "$main_class" "$master_url" \
  --host "$SPARK_LOCAL_IP" $port_arg --webui-port "$SPARK_WORKER_WEBUI_PORT" \
  --cores "$SPARK_WORKER_CORES" --memory "$SPARK_WORKER_MEMORY" --work-dir "$SPARK_WORKER_DIR" \
  >> "$log" 2>&1 < /dev/null &

deadline=$(( $(date +%s) + SPARK_START_TIMEOUT ))
while :; do
  if [ -s "$pidfile" ]; then
    if ! running; then
      rm -f "$pidfile"
      # The first exception's message says why (e.g. "BindException: Failed to bind to ..."), else the first ERROR.
      cause=$(tail -n +"$log_start" "$log" | grep -E '^[A-Za-z0-9_.$]+(Exception|Error)(: |$)' | head -n 1 || true)
      [ -n "$cause" ] || cause=$(tail -n +"$log_start" "$log" | grep -E ' ERROR |Error:' | head -n 1 || true)
      echo "$me: Spark worker exited during start-up: ${cause:-no error logged}; last lines of $log:" >&2
      tail -n +"$log_start" "$log" | grep -v -E '^[[:space:]]+at ' | tail -n 15 >&2
      exit 1
    fi
    if answers "$ui"; then
      break
    fi
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    fail "Spark worker (pid ${pid:-?}) did not answer at $ui within ${SPARK_START_TIMEOUT}s; see $log"
  fi
  pause
done
echo "Spark worker started (pid $pid) for $master_url with $SPARK_WORKER_CORES cores and $SPARK_WORKER_MEMORY, web UI $ui"
