#!/bin/sh
# Finds a Python that has Jupyter Notebook (6, or 7 on Jupyter Server) for notebook.sh: the Thunder
# environment's, else the system's (/usr/bin/python3, e.g. Debian's jupyter-notebook package);
# when none has it, pip-installs `notebook` into the Thunder environment. Best-effort: without
# Jupyter, prints a "thunder-ec2:warning:" line and exits 0 (opening a notebook then fails and
# says why). Idempotent: the choice is re-checked, never installed twice.
#
# Environment (defaults in brackets):
#   THUNDER_HOME           [$HOME/.thunder-ec2]
#   THUNDER_VENV           [$THUNDER_HOME/python]
#   THUNDER_PIP_INDEX_URL  pip's --index-url [pip's default]
#   JUPYTER_PIP_PACKAGE    what to pip-install when no Jupyter is found [notebook]
#   THUNDER_SYSTEM_PYTHON  the system's interpreter [/usr/bin/python3, else python3 on PATH]
# Writes the chosen interpreter to $THUNDER_HOME/jupyter/python and its notebook version to
# $THUNDER_HOME/jupyter/version.
set -eu

THUNDER_HOME=${THUNDER_HOME:-$HOME/.thunder-ec2}
venv=${THUNDER_VENV:-$THUNDER_HOME/python}
index=${THUNDER_PIP_INDEX_URL:-}
package=${JUPYTER_PIP_PACKAGE:-notebook}
dir="$THUNDER_HOME/jupyter"
logs="$THUNDER_HOME/logs"
mkdir -p "$dir" "$logs"

warn() {
  echo "thunder-ec2:warning: $*"
}

# Prints the notebook version importable by interpreter $1, or fails.
notebook_version() {
  [ -x "$1" ] && "$1" -c 'import sys, notebook; sys.stdout.write(notebook.__version__)' 2>/dev/null
}

choose() {
  printf '%s\n' "$1" > "$dir/python"
  printf '%s\n' "$2" > "$dir/version"
  echo "Jupyter Notebook $2 found: $1"
}

system=${THUNDER_SYSTEM_PYTHON:-"/usr/bin/python3 $(command -v python3 2>/dev/null || true)"}
# shellcheck disable=SC2086 # system paths, split on purpose
for python in "$venv/bin/python" $system; do
  [ -n "$python" ] || continue
  if version=$(notebook_version "$python"); then
    choose "$python" "$version"
    exit 0
  fi
done

rm -f "$dir/python" "$dir/version"
if [ ! -x "$venv/bin/python" ]; then
  warn "Jupyter is not installed and there is no Python environment ($venv) to install it into: notebooks cannot be opened on this cluster"
  exit 0
fi
set -- "$package"
if [ -n "$index" ]; then
  set -- --index-url "$index" "$@"
fi
if "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --timeout 20 --retries 1 "$@" \
    > "$logs/pip-jupyter.log" 2>&1 && version=$(notebook_version "$venv/bin/python"); then
  choose "$venv/bin/python" "$version"
else
  warn "pip could not install Jupyter ($package) into $venv ($(sed -e '/^[[:space:]]*$/d' "$logs/pip-jupyter.log" | tail -n 1)): notebooks cannot be opened until it is installed; resume() tries again"
fi
exit 0
