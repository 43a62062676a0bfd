#!/bin/sh
# Runs spark-submit on this node (the master) in client mode against the cluster: the driver
# runs here, bound to this node's address, the executors on the workers. Runs SparkSubmit directly
# (java -cp "$SPARK_HOME/jars/*"), so an official Spark tarball and the jars-only thunder runtime
# both work. Output is the application's; the exit status is the application's.
#
# Usage: submit-spark-app.sh [SPARK-SUBMIT OPTIONS] APPLICATION [ARGUMENTS]
# Environment (defaults in brackets; $SPARK_CONF_DIR/spark-env.sh is read first, if it exists):
#   SPARK_LOCAL_IP      this node's address (required; spark-env.sh sets it)
#   SPARK_MASTER_URL    spark://HOST:PORT of the cluster (required; spark-env.sh sets it)
#   SPARK_DRIVER_MEMORY the driver's heap [1g]
#   SPARK_HOME [$HOME/spark]  SPARK_CONF_DIR [$SPARK_HOME/conf]  JAVA_HOME [java on PATH]
set -eu

me=submit-spark-app.sh
fail() {
  echo "$me: $*" >&2
  exit 1
}

export SPARK_HOME="${SPARK_HOME:-$HOME/spark}"
export SPARK_CONF_DIR="${SPARK_CONF_DIR:-$SPARK_HOME/conf}"
if [ -f "$SPARK_CONF_DIR/spark-env.sh" ]; then . "$SPARK_CONF_DIR/spark-env.sh"; fi
[ -n "${SPARK_LOCAL_IP:-}" ] || fail "SPARK_LOCAL_IP is not set: is Spark configured on this node (launch through SERVICES)?"
[ -n "${SPARK_MASTER_URL:-}" ] || fail "SPARK_MASTER_URL is not set: is Spark configured on this node (launch through SERVICES)?"
export SPARK_LOCAL_IP
[ -d "$SPARK_HOME/jars" ] || fail "no Spark installation in $SPARK_HOME (no jars/ directory): launch the cluster through SERVICES"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java || true); fi
[ -n "$java" ] && [ -x "$java" ] || fail "no java found (set JAVA_HOME or put Java 17+ on PATH)"
# Python applications use the cluster's Python environment when there is one.
if [ -z "${PYSPARK_PYTHON:-}" ] && [ -x "$HOME/.thunder-ec2/python/bin/python" ]; then
  export PYSPARK_PYTHON="$HOME/.thunder-ec2/python/bin/python"
fi

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

# shellcheck disable=SC2086
exec "$java" -Xmx"${SPARK_DRIVER_MEMORY:-1g}" $JAVA_MODULE_OPTS \
  -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
  --master "$SPARK_MASTER_URL" --deploy-mode client \
  --conf spark.driver.host="$SPARK_LOCAL_IP" --conf spark.driver.bindAddress="$SPARK_LOCAL_IP" \
  "$@" < /dev/null
