#!/bin/sh
# Makes Java 17 or newer available on this node. Idempotent: when a suitable java is already on
# PATH (or in JAVA_HOME), does nothing; else installs one with the system package manager
# (dnf or yum on Amazon Linux, apt-get on Debian/Ubuntu), as root or through passwordless sudo.
#
# Environment (defaults in brackets):
#   JAVA_HOME         a Java to use instead of the one on PATH
#   JAVA_MIN_VERSION  [17]
#   JAVA_PACKAGE      the package to install [java-17-amazon-corretto-headless with dnf/yum,
#                     openjdk-17-jre-headless with apt-get]
# Exits non-zero with one line on stderr when no suitable Java can be had.
set -eu

me=install-java.sh
JAVA_MIN_VERSION=${JAVA_MIN_VERSION:-17}
fail() {
  echo "$me: $*" >&2
  exit 1
}

# Prints the major version of java $1, or nothing.
major_of() {
  "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1
}

# Prints a suitable java, or nothing.
find_java() {
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(major_of "$candidate")
    if [ "${major:-0}" -ge "$JAVA_MIN_VERSION" ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 0
}

java=$(find_java)
if [ -n "$java" ]; then
  echo "Java $(major_of "$java") is already installed at $java"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  fail "no Java $JAVA_MIN_VERSION+ on this node, and no root or passwordless sudo to install one: install Java $JAVA_MIN_VERSION+ or set JAVA_HOME"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if command -v dnf >/dev/null 2>&1; then
  package=${JAVA_PACKAGE:-java-17-amazon-corretto-headless}
  $sudo dnf install -y -q "$package" > "$log" 2>&1 || fail "dnf install $package failed: $(tail -n 3 "$log" | tr '\n' ' ')"
elif command -v yum >/dev/null 2>&1; then
  package=${JAVA_PACKAGE:-java-17-amazon-corretto-headless}
  $sudo yum install -y -q "$package" > "$log" 2>&1 || fail "yum install $package failed: $(tail -n 3 "$log" | tr '\n' ' ')"
elif command -v apt-get >/dev/null 2>&1; then
  package=${JAVA_PACKAGE:-openjdk-17-jre-headless}
  { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$package"; } \
    > "$log" 2>&1 || fail "apt-get install $package failed: $(tail -n 3 "$log" | tr '\n' ' ')"
else
  fail "no Java $JAVA_MIN_VERSION+ on this node and no dnf, yum or apt-get to install one: install Java $JAVA_MIN_VERSION+ or set JAVA_HOME"
fi

hash -r 2>/dev/null || true
java=$(find_java)
[ -n "$java" ] || fail "installed $package, but still no Java $JAVA_MIN_VERSION+ on PATH"
echo "Installed $package: Java $(major_of "$java") at $java"
