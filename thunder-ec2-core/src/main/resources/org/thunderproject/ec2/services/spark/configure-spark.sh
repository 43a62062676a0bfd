#!/bin/sh
# Writes this node's Spark configuration: $SPARK_CONF_DIR/spark-env.sh (addresses, worker size,
# directories; read by start-spark-*.sh and by Spark's own bin/ scripts) and spark-defaults.conf
# (spark.master, so spark-submit and pyspark on a node find the cluster). Idempotent: rewrites
# both files with the same content; variables set by the caller still win over spark-env.sh.
#
# Environment (defaults in brackets):
#   SPARK_LOCAL_IP        this node's own address (required)
#   SPARK_MASTER_HOST     the master's address (required)
#   SPARK_MASTER_PORT     [7077]
#   SPARK_HOME            [$HOME/spark]
#   SPARK_WORKER_CORES    cores a worker offers [left to start-spark-worker.sh: all CPUs]
#   SPARK_WORKER_MEMORY   memory a worker offers, like 512m or 6g [left to start-spark-worker.sh]
#   SPARK_LOCAL_DIRS      scratch space of executors [$SPARK_HOME/local]
set -eu

me=configure-spark.sh
fail() {
  echo "$me: $*" >&2
  exit 1
}

[ -n "${SPARK_LOCAL_IP:-}" ] || fail "SPARK_LOCAL_IP is not set: this node's own address"
[ -n "${SPARK_MASTER_HOST:-}" ] || fail "SPARK_MASTER_HOST is not set: the master's address"
SPARK_HOME=${SPARK_HOME:-$HOME/spark}
SPARK_CONF_DIR=${SPARK_CONF_DIR:-$SPARK_HOME/conf}
SPARK_MASTER_PORT=${SPARK_MASTER_PORT:-7077}
SPARK_LOCAL_DIRS=${SPARK_LOCAL_DIRS:-$SPARK_HOME/local}
[ -d "$SPARK_HOME/jars" ] || fail "no Spark installation in $SPARK_HOME (no jars/ directory); run install-spark.sh first"
case "$SPARK_MASTER_PORT" in
  ''|*[!0-9]*) fail "SPARK_MASTER_PORT must be a port number, got '$SPARK_MASTER_PORT'" ;;
esac
for value in "$SPARK_LOCAL_IP" "$SPARK_MASTER_HOST" "${SPARK_WORKER_CORES:-}" "${SPARK_WORKER_MEMORY:-}" "$SPARK_LOCAL_DIRS"; do
  case "$value" in
    *[\"\'\$\`\\]*) fail "refusing a value with quotes, \$, \` or \\ in it: $value" ;;
  esac
done

mkdir -p "$SPARK_CONF_DIR" "$SPARK_LOCAL_DIRS"
tmp="$SPARK_CONF_DIR/.spark-env.sh.$$"
trap 'rm -f "$tmp"' EXIT
{
  echo "# Written by thunder-ec2 ($me); rewritten on every launch, resume and start."
  echo "# Variables set in the environment of a command win over these."
  echo "export SPARK_LOCAL_IP=\"\${SPARK_LOCAL_IP:-$SPARK_LOCAL_IP}\""
  echo "export SPARK_MASTER_HOST=\"\${SPARK_MASTER_HOST:-$SPARK_MASTER_HOST}\""
  echo "export SPARK_MASTER_PORT=\"\${SPARK_MASTER_PORT:-$SPARK_MASTER_PORT}\""
  echo "export SPARK_MASTER_URL=\"\${SPARK_MASTER_URL:-spark://$SPARK_MASTER_HOST:$SPARK_MASTER_PORT}\""
  echo "export SPARK_LOCAL_DIRS=\"\${SPARK_LOCAL_DIRS:-$SPARK_LOCAL_DIRS}\""
  echo "export SPARK_SCALA_VERSION=\"\${SPARK_SCALA_VERSION:-2.13}\""
  if [ -n "${SPARK_WORKER_CORES:-}" ]; then
    echo "export SPARK_WORKER_CORES=\"\${SPARK_WORKER_CORES:-$SPARK_WORKER_CORES}\""
  fi
  if [ -n "${SPARK_WORKER_MEMORY:-}" ]; then
    echo "export SPARK_WORKER_MEMORY=\"\${SPARK_WORKER_MEMORY:-$SPARK_WORKER_MEMORY}\""
  fi
} > "$tmp"
mv "$tmp" "$SPARK_CONF_DIR/spark-env.sh"

defaults="$SPARK_CONF_DIR/spark-defaults.conf"
{
  if [ -f "$defaults" ]; then
    grep -v -E '^[[:space:]]*spark\.master[[:space:]]' "$defaults" || true
  fi
  echo "spark.master spark://$SPARK_MASTER_HOST:$SPARK_MASTER_PORT"
} > "$tmp"
mv "$tmp" "$defaults"
echo "Spark configured: node $SPARK_LOCAL_IP, master spark://$SPARK_MASTER_HOST:$SPARK_MASTER_PORT${SPARK_WORKER_CORES:+, worker cores $SPARK_WORKER_CORES}${SPARK_WORKER_MEMORY:+, worker memory $SPARK_WORKER_MEMORY}"
