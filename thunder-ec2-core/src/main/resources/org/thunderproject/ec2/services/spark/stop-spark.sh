#!/bin/sh
# Stops the Spark daemons that start-spark-master.sh / start-spark-worker.sh started on this node,
# with the executors a worker launched. Idempotent: a daemon that does not run is skipped.
#
# Usage: stop-spark.sh [master|worker|all]   (default all)
# Environment: SPARK_HOME [$HOME/spark], SPARK_PID_DIR [$SPARK_HOME/run],
#   SPARK_STOP_TIMEOUT seconds to wait after SIGTERM before SIGKILL [30]
set -eu

me=stop-spark.sh
SPARK_HOME=${SPARK_HOME:-$HOME/spark}
SPARK_PID_DIR=${SPARK_PID_DIR:-$SPARK_HOME/run}
SPARK_STOP_TIMEOUT=${SPARK_STOP_TIMEOUT:-30}

case "${1:-all}" in
  master) roles=master ;;
  worker) roles=worker ;;
  all) roles="worker master" ;;
  *) echo "$me: unknown daemon '$1' (expected master, worker or all)" >&2; exit 2 ;;
esac

pause() {
  sleep 0.2 2>/dev/null || sleep 1
}

# True when process $1 is alive and runs class $2 (guards against pid reuse).
runs() {
  kill -0 "$1" 2>/dev/null || return 1
  if [ -r "/proc/$1/cmdline" ]; then
    tr '\000' ' ' < "/proc/$1/cmdline" | grep -q "$2"
  else
    ps -p "$1" -o args= 2>/dev/null | grep -q "$2"
  fi
}

# True when some process is in process group $1.
group_alive() {
  kill -0 "-$1" 2>/dev/null
}

status=0
for role in $roles; do
  case "$role" in
    master) class=org.apache.spark.deploy.master.Master ;;
    worker) class=org.apache.spark.deploy.worker.Worker ;;
  esac
  pidfile="$SPARK_PID_DIR/spark-$role.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -z "$pid" ] || ! runs "$pid" "$class"; then
    rm -f "$pidfile"
    continue
  fi
  # start-spark-*.sh runs each daemon as the leader of its own process group (setsid) when it
  # can; then the group also holds the worker's executors, which must go with it.
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)
  own_group=false
  [ "$pgid" = "$pid" ] && own_group=true
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + SPARK_STOP_TIMEOUT ))
  while runs "$pid" "$class" && [ "$(date +%s)" -lt "$deadline" ]; do
    pause
  done
  if runs "$pid" "$class"; then
    echo "$me: Spark $role (pid $pid) ignored SIGTERM for ${SPARK_STOP_TIMEOUT}s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if $own_group && group_alive "$pid"; then
    kill -TERM "-$pid" 2>/dev/null || true
    deadline=$(( $(date +%s) + SPARK_STOP_TIMEOUT ))
    while group_alive "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do
      pause
    done
    kill -KILL "-$pid" 2>/dev/null || true
  fi
  if runs "$pid" "$class"; then
    echo "$me: could not stop Spark $role (pid $pid)" >&2
    status=1
  else
    rm -f "$pidfile"
    echo "Stopped Spark $role (pid $pid)"
  fi
done
exit $status
