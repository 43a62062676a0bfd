#!/bin/sh
# Installs a Spark distribution tarball into SPARK_HOME. Idempotent: does nothing when the same
# source is already installed there.
#
# Usage: install-spark.sh [URL]
#   SPARK_URL   the .tgz to install (if no URL argument): http(s)://, file: URL or a plain path
#   SPARK_HOME  where to install (default $HOME/spark); the tarball's top directory is stripped
# Exit status is non-zero, with one line on stderr naming the URL, when the download or the
# tarball is bad. POSIX sh; downloads with curl, wget or python3, whichever exists.
set -eu

me=install-spark.sh
SPARK_URL=${1:-${SPARK_URL:-}}
SPARK_HOME=${SPARK_HOME:-$HOME/spark}
marker="$SPARK_HOME/.thunder-spark-source"

fail() {
  echo "$me: $*" >&2
  exit 1
}

[ -n "$SPARK_URL" ] || fail "no Spark download given: set SPARK_URL or pass the URL as argument"

if [ -f "$marker" ] && [ -d "$SPARK_HOME/jars" ] && [ "$(cat "$marker")" = "$SPARK_URL" ]; then
  echo "Spark from $SPARK_URL is already installed in $SPARK_HOME"
  exit 0
fi

# Never swap the files under daemons that run from this SPARK_HOME.
for pidfile in "${SPARK_PID_DIR:-$SPARK_HOME/run}"/spark-*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    fail "Spark daemons still run from $SPARK_HOME (pid $pid); stop them before installing $SPARK_URL"
  fi
done

parent=$(dirname "$SPARK_HOME")
mkdir -p "$parent" || fail "cannot create $parent to install $SPARK_URL"
work="$SPARK_HOME.install.$$"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
rm -rf "$work"
mkdir -p "$work/dist"
tarball="$work/spark.tgz"
err="$work/error"

# Prints a URL's percent-escapes decoded (only when there are any and python3 can do it).
url_decode() {
  case "$1" in
    *%*) if command -v python3 >/dev/null 2>&1; then
           python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$1"
           return
         fi ;;
  esac
  printf '%s\n' "$1"
}

# Reduces a tool's error output to one line.
first_error_line() {
  sed -e '/^[[:space:]]*$/d' "$err" 2>/dev/null | head -n 1
}

case "$SPARK_URL" in
  file:*)
    path=${SPARK_URL#file:}
    case "$path" in
      //localhost/*) path=${path#//localhost} ;;
      //*) path=${path#//} ;;
    esac
    path=$(url_decode "$path")
    [ -f "$path" ] || fail "cannot download Spark from $SPARK_URL: no such file $path"
    cp "$path" "$tarball" 2>"$err" || fail "cannot download Spark from $SPARK_URL: $(first_error_line)"
    ;;
  http://*|https://*)
    if command -v curl >/dev/null 2>&1; then
      code=$(curl -sSL --connect-timeout 20 --retry 2 -o "$tarball" -w '%{http_code}' "$SPARK_URL" 2>"$err") \
        || fail "cannot download Spark from $SPARK_URL: $(first_error_line)"
      case "$code" in
        2??) ;;
        *) fail "cannot download Spark from $SPARK_URL: HTTP $code" ;;
      esac
    elif command -v wget >/dev/null 2>&1; then
      wget -q -T 20 -t 3 -O "$tarball" "$SPARK_URL" 2>"$err" \
        || fail "cannot download Spark from $SPARK_URL: wget failed (exit $?; 8 means an HTTP error such as 404)"
    elif command -v python3 >/dev/null 2>&1; then
      python3 - "$SPARK_URL" "$tarball" 2>"$err" <<'PY' || fail "cannot download Spark from $SPARK_URL: $(first_error_line)"
import shutil, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=20) as r, open(sys.argv[2], "wb") as f:
    shutil.copyfileobj(r, f, 1 << 20)
PY
    else
      fail "cannot download Spark from $SPARK_URL: none of curl, wget or python3 is installed"
    fi
    ;;
  *://*)
    fail "cannot download Spark from $SPARK_URL: only http, https and file URLs are supported"
    ;;
  *)
    [ -f "$SPARK_URL" ] || fail "cannot download Spark from $SPARK_URL: no such file"
    cp "$SPARK_URL" "$tarball" 2>"$err" || fail "cannot download Spark from $SPARK_URL: $(first_error_line)"
    ;;
esac

tar -xzf "$tarball" -C "$work/dist" --strip-components=1 2>"$err" \
  || fail "Spark download from $SPARK_URL is not a readable .tgz: $(first_error_line)"
[ -d "$work/dist/jars" ] \
  || fail "Spark download from $SPARK_URL is not a Spark distribution (no jars/ directory under its top directory)"
printf '%s\n' "$SPARK_URL" > "$work/dist/.thunder-spark-source"

# Keep logs of a previous install; replace everything else.
if [ -d "$SPARK_HOME/logs" ] && [ ! -e "$work/dist/logs" ]; then
  mv "$SPARK_HOME/logs" "$work/dist/logs"
fi
rm -rf "$SPARK_HOME"
mv "$work/dist" "$SPARK_HOME"
echo "Installed Spark from $SPARK_URL in $SPARK_HOME"
