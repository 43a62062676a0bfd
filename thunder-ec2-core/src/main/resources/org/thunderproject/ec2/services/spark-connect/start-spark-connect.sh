#!/bin/sh
# Starts the Spark Connect server (a Spark application whose driver serves Spark's DataFrame API
# over gRPC) on this node, the master, detached from the calling (SSH) session. It listens on the
# node's loopback only (127.0.0.1:SPARK_CONNECT_PORT), so it is reached through an SSH forward and
# never through a security group. Idempotent: when the server already runs on the same port, it is
# left alone; on another port, it is restarted. Runs SparkSubmit directly (java -cp
# "$SPARK_HOME/jars/*"), so an official Spark tarball and the jars-only thunder runtime both work.
#
# It asks the cluster for executors only while it has work (dynamic allocation, executors released
# when idle), so other applications (thunder-ec2 submit) get the workers while it is idle.
#
# Environment (defaults in brackets; $SPARK_CONF_DIR/spark-env.sh is read first, if it exists):
#   SPARK_LOCAL_IP                  this node's address, where the driver binds (required)
#   SPARK_MASTER_URL                spark://HOST:PORT of the cluster (required; spark-env.sh sets it)
#   SPARK_CONNECT_PORT              the loopback port to listen on [15002]
#   SPARK_CONNECT_MEMORY            the server's (driver's) heap [1g]
#   SPARK_CONNECT_EXECUTOR_MEMORY   executors' heap [Spark's default, 1g]
#   SPARK_CONNECT_IDLE_TIMEOUT      how long an idle executor is kept [60s]
#   SPARK_HOME [$HOME/spark]  SPARK_CONF_DIR [$SPARK_HOME/conf]  SPARK_LOG_DIR [$SPARK_HOME/logs]
#   SPARK_PID_DIR [$SPARK_HOME/run]  JAVA_HOME [java on PATH]
#   SPARK_START_TIMEOUT             seconds to wait for the port to answer [180]
# Prints where it listens on success; exits non-zero with the cause on stderr on failure.
set -eu

me=start-spark-connect.sh
fail() {
  echo "$me: $*" >&2
  exit 1
}

export SPARK_HOME="${SPARK_HOME:-$HOME/spark}"
export SPARK_CONF_DIR="${SPARK_CONF_DIR:-$SPARK_HOME/conf}"
# The node's settings (configure-spark.sh); variables already set win.
if [ -f "$SPARK_CONF_DIR/spark-env.sh" ]; then . "$SPARK_CONF_DIR/spark-env.sh"; fi
[ -n "${SPARK_LOCAL_IP:-}" ] || fail "SPARK_LOCAL_IP is not set: the server's driver must bind to this node's own address"
[ -n "${SPARK_MASTER_URL:-}" ] || fail "SPARK_MASTER_URL is not set: run configure-spark.sh first"
export SPARK_LOCAL_IP
port=${SPARK_CONNECT_PORT:-15002}
case "$port" in
  ''|*[!0-9]*) fail "SPARK_CONNECT_PORT must be a port number, got '$port'" ;;
esac
memory=${SPARK_CONNECT_MEMORY:-1g}
idle=${SPARK_CONNECT_IDLE_TIMEOUT:-60s}
SPARK_LOG_DIR=${SPARK_LOG_DIR:-$SPARK_HOME/logs}
SPARK_PID_DIR=${SPARK_PID_DIR:-$SPARK_HOME/run}
SPARK_START_TIMEOUT=${SPARK_START_TIMEOUT:-180}

main_class=org.apache.spark.sql.connect.service.SparkConnectServer
pidfile="$SPARK_PID_DIR/spark-connect.pid"
portfile="$SPARK_PID_DIR/spark-connect.port"
log="$SPARK_LOG_DIR/spark-connect.out"
here=$(cd "$(dirname "$0")" && pwd)

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

pause() {
  sleep 0.5 2>/dev/null || sleep 1
}

if running; then
  if [ "$(cat "$portfile" 2>/dev/null || true)" = "$port" ]; then
    echo "Spark Connect server already running (pid $pid) at 127.0.0.1:$port"
    exit 0
  fi
  # Another port was asked for: the server cannot move, so it is restarted.
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + 30 ))
  while running && [ "$(date +%s)" -lt "$deadline" ]; do pause; done
  if running; then kill -KILL "$pid" 2>/dev/null || true; fi
fi

[ -d "$SPARK_HOME/jars" ] || fail "no Spark installation in $SPARK_HOME (no jars/ directory); run install-spark.sh first"
if ! ls "$SPARK_HOME/jars/" | grep -q '^spark-connect_'; then
  fail "the Spark installation in $SPARK_HOME has no Spark Connect server (no jars/spark-connect_*.jar); use a Spark 4 distribution"
fi
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java || true); fi
[ -n "$java" ] && [ -x "$java" ] || fail "no java found (set JAVA_HOME or put Java 17+ on PATH)"
# Something else on the port would answer in our place: refuse it before starting.
if sh "$here/spark-connect-probe.sh" "$port"; then
  fail "port $port on the master's loopback is already in use (by another Spark Connect server or another program;
on the local cloud, nodes share this machine's 127.0.0.1): choose another port with ClusterSpec.sparkConnectPort"
fi

mkdir -p "$SPARK_LOG_DIR" "$SPARK_PID_DIR"
rm -f "$pidfile" "$portfile"
log_start=$(( $( (cat "$log" 2>/dev/null || true) | wc -l) + 1 ))
echo "=== $(date '+%Y-%m-%d %H:%M:%S') starting Spark Connect server at 127.0.0.1:$port for $SPARK_MASTER_URL" >> "$log"
detach=""
if command -v setsid >/dev/null 2>&1; then detach=setsid; fi
executor_memory=""
if [ -n "${SPARK_CONNECT_EXECUTOR_MEMORY:-}" ]; then executor_memory="--conf spark.executor.memory=$SPARK_CONNECT_EXECUTOR_MEMORY"; fi
# The inner sh writes its own pid, then becomes the JVM (exec), so the pid file names the JVM.
# shellcheck disable=SC2086
nohup $detach sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
  "$java" -Xmx"$memory" $JAVA_MODULE_OPTS \
  -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
  --class "$main_class" --name "Spark Connect server" --master "$SPARK_MASTER_URL" --deploy-mode client \
  --conf spark.connect.grpc.binding.address=127.0.0.1 --conf spark.connect.grpc.binding.port="$port" \
  --conf spark.driver.host="$SPARK_LOCAL_IP" --conf spark.driver.bindAddress="$SPARK_LOCAL_IP" \
  --conf spark.dynamicAllocation.enabled=true --conf spark.dynamicAllocation.shuffleTracking.enabled=true \
  --conf spark.dynamicAllocation.minExecutors=0 --conf spark.dynamicAllocation.executorIdleTimeout="$idle" \
  --conf spark.dynamicAllocation.shuffleTracking.timeout="$idle" \
  $executor_memory spark-internal \
  >> "$log" 2>&1 < /dev/null &

deadline=$(( $(date +%s) + SPARK_START_TIMEOUT ))
while :; do
  if [ -s "$pidfile" ]; then
    if ! running; then
      rm -f "$pidfile"
      cause=$(tail -n +"$log_start" "$log" | grep -E '(Exception|Error)(: |$)' | head -n 1 || true)
      case "$cause" in
        *BindException*|*"Address already in use"*)
          echo "$me: port $port on the master's loopback is in use: choose another port with ClusterSpec.sparkConnectPort" >&2 ;;
      esac
      echo "$me: Spark Connect server exited during start-up: ${cause:-no error logged}; last lines of $log:" >&2
      tail -n +"$log_start" "$log" | grep -v -E '^[[:space:]]+at ' | tail -n 15 >&2
      exit 1
    fi
    if sh "$here/spark-connect-probe.sh" "$port"; then
      break
    fi
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    fail "Spark Connect server (pid ${pid:-?}) did not listen on 127.0.0.1:$port within ${SPARK_START_TIMEOUT}s; see $log"
  fi
  pause
done
printf '%s\n' "$port" > "$portfile"
echo "Spark Connect server started (pid $pid) at 127.0.0.1:$port for $SPARK_MASTER_URL"
