#!/bin/sh
# What start-spark-master.sh and start-spark-worker.sh share, sourced by them: the node's Spark
# settings, the Java check, the pid file, and starting a daemon JVM detached and waiting for its
# web UI. Starts nothing by itself. The Spark service ships it next to them (its files(), in
# $THUNDER_SERVICE_DIR), as it ships stop-spark.sh.
#
# Before sourcing, a script sets: me (its own name), daemon (master or worker).
# Environment read here (defaults in brackets; $SPARK_CONF_DIR/spark-env.sh is read first, if it exists):
#   SPARK_LOCAL_IP           address every socket of the daemon binds to (required)
#   SPARK_HOME               [$HOME/spark]
#   SPARK_DAEMON_MEMORY      daemon heap [512m]
#   SPARK_DAEMON_JAVA_OPTS   extra JVM options (word-split)
#   SPARK_CONF_DIR [$SPARK_HOME/conf]  SPARK_LOG_DIR [$SPARK_HOME/logs]  SPARK_PID_DIR [$SPARK_HOME/run]
#   JAVA_HOME                Java 17+ to use [java on PATH]
#   SPARK_START_TIMEOUT      seconds to wait for the web UI to answer [60]

fail() {
  echo "$me: $*" >&2
  exit 1
}

label="Spark $daemon"
export SPARK_HOME="${SPARK_HOME:-$HOME/spark}"
export SPARK_CONF_DIR="${SPARK_CONF_DIR:-$SPARK_HOME/conf}"
# The node's settings (configure-spark.sh); variables already set win.
if [ -f "$SPARK_CONF_DIR/spark-env.sh" ]; then . "$SPARK_CONF_DIR/spark-env.sh"; fi
[ -n "${SPARK_LOCAL_IP:-}" ] || fail "SPARK_LOCAL_IP is not set: the $daemon must bind to this node's own address"
export SPARK_LOCAL_IP
SPARK_DAEMON_MEMORY=${SPARK_DAEMON_MEMORY:-512m}
SPARK_LOG_DIR=${SPARK_LOG_DIR:-$SPARK_HOME/logs}
SPARK_PID_DIR=${SPARK_PID_DIR:-$SPARK_HOME/run}
SPARK_START_TIMEOUT=${SPARK_START_TIMEOUT:-60}
pidfile="$SPARK_PID_DIR/spark-$daemon.pid"
log="$SPARK_LOG_DIR/spark-$daemon.out"

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

# True when the pid file names a live process running $main_class (guards against pid reuse); sets pid.
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

# Sets java to a Java 17+ (JAVA_HOME, else PATH), after checking Spark is installed.
require_java() {
  [ -d "$SPARK_HOME/jars" ] || fail "no Spark installation in $SPARK_HOME (no jars/ directory); run install-spark.sh first"
  if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java || true); fi
  [ -n "$java" ] && [ -x "$java" ] || fail "no java found (set JAVA_HOME or put Java 17+ on PATH)"
  major=$("$java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
  [ "${major:-0}" -ge 17 ] 2>/dev/null || fail "Spark 4 needs Java 17 or newer; $java is version ${major:-unknown}"
}

# Usage: start_daemon HEADLINE UI_URL JVM_ARGS...
# Starts java with the options every daemon gets, then JVM_ARGS (the daemon's own options, the
# class path, $main_class and its arguments), detached, appending to $log; returns once the web
# UI at UI_URL answers; fails with the log's first exception when the JVM exits first.
start_daemon() {
  headline=$1
  ui=$2
  shift 2
  mkdir -p "$SPARK_LOG_DIR" "$SPARK_PID_DIR"
  rm -f "$pidfile"
  # This start's lines of the log begin after the current ones.
  log_start=$(( $( (cat "$log" 2>/dev/null || true) | wc -l) + 1 ))
  echo "=== $(date '+%Y-%m-%d %H:%M:%S') starting $headline" >> "$log"
  detach=""
  if command -v setsid >/dev/null 2>&1; then detach=setsid; fi
  # The inner sh writes its own pid, then becomes the JVM (exec), so the pid file names the JVM.
  # spark.port.maxRetries=0: a busy port is an error, not a silent move to another port.
  # shellcheck disable=SC2086
  nohup $detach sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
    "$java" -Xmx"$SPARK_DAEMON_MEMORY" $JAVA_MODULE_OPTS -Dspark.port.maxRetries=0 \
    ${SPARK_DAEMON_JAVA_OPTS:-} "$@" \
    >> "$log" 2>&1 < /dev/null &

  deadline=$(( $(date +%s) + SPARK_START_TIMEOUT ))
  while :; do
    if [ -s "$pidfile" ]; then
      if ! running; then
        rm -f "$pidfile"
        # The first exception's message says why (e.g. "BindException: Failed to bind to ..."), else the first ERROR.
        cause=$(tail -n +"$log_start" "$log" | grep -E '^[A-Za-z0-9_.$]+(Exception|Error)(: |$)' | head -n 1 || true)
        [ -n "$cause" ] || cause=$(tail -n +"$log_start" "$log" | grep -E ' ERROR |Error:' | head -n 1 || true)
        echo "$me: $label exited during start-up: ${cause:-no error logged}; last lines of $log:" >&2
        tail -n +"$log_start" "$log" | grep -v -E '^[[:space:]]+at ' | tail -n 15 >&2
        exit 1
      fi
      if answers "$ui"; then
        break
      fi
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      fail "$label (pid ${pid:-?}) did not answer at $ui within ${SPARK_START_TIMEOUT}s; see $log"
    fi
    pause
  done
}
