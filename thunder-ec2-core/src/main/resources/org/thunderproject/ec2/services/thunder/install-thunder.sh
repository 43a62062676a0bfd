#!/bin/sh
# Sets up the Thunder Python environment on this node: a virtual environment with the requested
# pip packages. Best-effort: when Python, venv or pip fail, prints a "thunder-ec2:warning:" line
# saying what is missing and exits 0 (Spark works without it). Idempotent: an existing
# environment is kept, and pip runs only when the requested packages changed or failed before.
#
# Environment (defaults in brackets):
#   THUNDER_HOME           [$HOME/.thunder-ec2]
#   THUNDER_VENV           the virtual environment [$THUNDER_HOME/python]
#   THUNDER_PYTHON         the Python to make it from [python3 on PATH, else /usr/bin/python3]
#   THUNDER_PIP_PACKAGES   pip requirements, one per line [none]
#   THUNDER_PIP_INDEX_URL  pip's --index-url [pip's default]
set -eu

THUNDER_HOME=${THUNDER_HOME:-$HOME/.thunder-ec2}
venv=${THUNDER_VENV:-$THUNDER_HOME/python}
packages=${THUNDER_PIP_PACKAGES:-}
index=${THUNDER_PIP_INDEX_URL:-}
logs="$THUNDER_HOME/logs"
mkdir -p "$logs"

warn() {
  echo "thunder-ec2:warning: $*"
}

# The last non-blank line of file $1, on one line.
last_line() {
  sed -e '/^[[:space:]]*$/d' "$1" 2>/dev/null | tail -n 1
}

python=${THUNDER_PYTHON:-}
if [ -z "$python" ]; then
  for candidate in "$(command -v python3 2>/dev/null || true)" /usr/bin/python3; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 8))' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi
if [ -z "$python" ]; then
  warn "no Python 3.8+ on this node: the Thunder Python environment is not set up (PySpark and the thunder launcher need it)"
  exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" > "$logs/venv.log" 2>&1; then
    rm -rf "$venv"
    warn "cannot create a Python virtual environment in $venv with $python ($(last_line "$logs/venv.log")): install the venv module (python3-venv), then resume()"
    exit 0
  fi
  echo "Created the Python environment $venv with $python"
fi

if [ -z "$packages" ]; then
  echo "Python environment $venv ready (no packages requested)"
  exit 0
fi

marker="$venv/.thunder-ec2-packages"
wanted=$(printf '%s\nindex=%s\n' "$packages" "$index")
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ]; then
  echo "Python packages already installed in $venv: $(printf '%s' "$packages" | tr '\n' ' ')"
  exit 0
fi

set --
# One requirement per line (a requirement may hold spaces, e.g. an environment marker).
newline='
'
old_ifs=$IFS
IFS=$newline
for requirement in $packages; do
  [ -n "$requirement" ] && set -- "$@" "$requirement"
done
IFS=$old_ifs

if [ -n "$index" ]; then
  set -- --index-url "$index" "$@"
fi
if "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --timeout 20 --retries 1 "$@" \
    > "$logs/pip.log" 2>&1; then
  printf '%s' "$wanted" > "$marker"
  echo "Installed Python packages in $venv: $(printf '%s' "$packages" | tr '\n' ' ')"
else
  rm -f "$marker"
  warn "pip could not install $(printf '%s' "$packages" | tr '\n' ' ') on this node ($(last_line "$logs/pip.log"); full log in $logs/pip.log): Spark and the notebook work without them; resume() tries again"
fi
exit 0
