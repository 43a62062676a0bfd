#!/bin/sh
# Installs the `thunder` launcher on the master as ~/bin/thunder and writes what it reads,
# $THUNDER_HOME/thunder.env (Spark's home and master URL, the Python environment). Idempotent.
#
# Environment (defaults in brackets):
#   SPARK_MASTER_URL     spark://HOST:PORT of the cluster (required)
#   SPARK_HOME           [$HOME/spark]
#   THUNDER_HOME         [$HOME/.thunder-ec2]
#   THUNDER_VENV         [$THUNDER_HOME/python]
#   THUNDER_SERVICE_DIR  where the launcher was uploaded [$THUNDER_HOME/services/thunder]
set -eu

me=configure-thunder.sh
fail() {
  echo "$me: $*" >&2
  exit 1
}

[ -n "${SPARK_MASTER_URL:-}" ] || fail "SPARK_MASTER_URL is not set"
THUNDER_HOME=${THUNDER_HOME:-$HOME/.thunder-ec2}
THUNDER_SERVICE_DIR=${THUNDER_SERVICE_DIR:-$THUNDER_HOME/services/thunder}
SPARK_HOME=${SPARK_HOME:-$HOME/spark}
venv=${THUNDER_VENV:-$THUNDER_HOME/python}
for value in "$SPARK_MASTER_URL" "$SPARK_HOME" "$venv" "$THUNDER_HOME"; do
  case "$value" in
    *[\"\'\$\`\\]*) fail "refusing a value with quotes, \$, \` or \\ in it: $value" ;;
  esac
done
[ -f "$THUNDER_SERVICE_DIR/thunder" ] || fail "the launcher $THUNDER_SERVICE_DIR/thunder was not uploaded"

mkdir -p "$HOME/bin" "$THUNDER_HOME"
cp "$THUNDER_SERVICE_DIR/thunder" "$HOME/bin/thunder.tmp.$$"
chmod 755 "$HOME/bin/thunder.tmp.$$"
mv "$HOME/bin/thunder.tmp.$$" "$HOME/bin/thunder"

{
  echo "# Written by thunder-ec2 ($me); read by ~/bin/thunder."
  echo "SPARK_HOME='$SPARK_HOME'"
  echo "SPARK_MASTER_URL='$SPARK_MASTER_URL'"
  echo "THUNDER_VENV='$venv'"
} > "$THUNDER_HOME/thunder.env.tmp"
mv "$THUNDER_HOME/thunder.env.tmp" "$THUNDER_HOME/thunder.env"

# Login shells find the launcher (Amazon Linux puts ~/bin on PATH already; others may not).
marker="# thunder-ec2: ~/bin on PATH"
if ! grep -q -F "$marker" "$HOME/.bashrc" 2>/dev/null; then
  printf '\n%s\ncase ":$PATH:" in *":$HOME/bin:"*) ;; *) PATH="$HOME/bin:$PATH" ;; esac\n' "$marker" >> "$HOME/.bashrc"
fi
echo "thunder launcher installed in $HOME/bin/thunder for $SPARK_MASTER_URL"
