#!/bin/sh
# The notebook server on the master, in one of two modes that exclude each other:
#   ssl     HTTPS with a self-signed certificate and a password, bound to the node's address
#   tunnel  plain HTTP bound to a loopback address, reached through an SSH local forward,
#           with a token or a password
# Works with Jupyter Notebook 6 (NotebookApp) and Notebook 7 / Jupyter Server (ServerApp), with
# the interpreter install-jupyter.sh chose. Secrets come on stdin and go only into 0600 files: the
# password only as a hash; nothing secret is printed, logged by this script or put in argv.
#
# Usage: notebook.sh COMMAND
#   configure ssl|tunnel   stdin: line 1 the password (empty: none), line 2 the token (empty: none);
#                          environment NOTEBOOK_IP (required), NOTEBOOK_PORT [8888],
#                          NOTEBOOK_CERT_NAMES (ssl: subjectAltName entries like "IP:10.0.0.5 DNS:x")
#                          Stops a running server and replaces the other mode's files.
#   start                  starts the configured server unless it runs; waits until it answers
#   start-if-configured    the same, and nothing when no notebook is configured
#   stop                   stops the server (keeps the configuration)
#   remove                 stops the server and deletes its configuration, certificate and log
#   status                 prints "MODE running PID", "MODE stopped" or "none"
#   configured             exits 0 when a notebook is configured
#   kernels-busy           exits 0 when the running server has a kernel executing code (execution_state
#                          busy; one the server still calls starting is asked itself on its shell
#                          channel), 1 when it has none, 2 when there is no server or it cannot be asked;
#                          for the autostop agent. Asks the server's API with the token from its own
#                          0600 runtime file (configure makes a token for local tools when none is
#                          given) and pins the SSL server's certificate: nothing secret in argv.
#   check-password         stdin: a password; exits 0 when it matches the configured one
#   url                    prints the URL a browser needs, for the user's terminal only (a tunnel's
#                          holds the token): https://ADDRESS:PORT/ (ADDRESS from node.env), or
#                          http://localhost:L/?token=… with L the local port of the login's
#                          forward to PORT (THUNDER_EC2_FORWARDS="L:R …", set by thunder-ec2 login)
# Environment: THUNDER_HOME [$HOME/.thunder-ec2], NOTEBOOK_START_TIMEOUT seconds [90]
set -eu

me=notebook.sh
THUNDER_HOME=${THUNDER_HOME:-$HOME/.thunder-ec2}
nb="$THUNDER_HOME/notebook"
pidfile="$nb/notebook.pid"
log="$nb/notebook.log"
umask 077

fail() {
  echo "$me: $*" >&2
  exit 1
}

# Hides tokens in text on stdin (Jupyter prints its URL with the token).
scrub() {
  sed -e 's/token=[^&[:space:]"]*/token=(hidden)/g'
}

jupyter_python() {
  python=$(cat "$THUNDER_HOME/jupyter/python" 2>/dev/null || true)
  [ -n "$python" ] && [ -x "$python" ] || fail "Jupyter is not installed on this node (no $THUNDER_HOME/jupyter/python;" \
    "the launch warned why): install the 'notebook' package (pip, or the system's jupyter-notebook), then resume()"
  echo "$python"
}

# The major version of the chosen notebook package.
notebook_major() {
  version=$(cat "$THUNDER_HOME/jupyter/version" 2>/dev/null || true)
  echo "${version%%.*}"
}

# True when the pid file names a live notebook server (guards against pid reuse).
running() {
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\000' ' ' < "/proc/$pid/cmdline" | grep -q -e '-m notebook'
  else
    ps -p "$pid" -o args= 2>/dev/null | grep -q -e '-m notebook'
  fi
}

# True when the server answers at URL $1 with 200 (any certificate).
answers() {
  if command -v curl >/dev/null 2>&1; then
    [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true)" = 200 ]
  else
    "$(jupyter_python)" -c 'import ssl, sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=5, context=ssl._create_unverified_context())' "$1" 2>/dev/null
  fi
}

pause() {
  sleep 0.2 2>/dev/null || sleep 1
}

stop_server() {
  if ! running; then
    rm -f "$pidfile"
    return 0
  fi
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)
  target=$pid
  [ "$pgid" = "$pid" ] && target="-$pid" # its own group: kernels go with it
  kill -TERM "$target" 2>/dev/null || true
  deadline=$(( $(date +%s) + 15 ))
  while running && [ "$(date +%s)" -lt "$deadline" ]; do
    pause
  done
  if running; then
    kill -KILL "$target" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "notebook server stopped (pid $pid)"
}

# Fails unless $2 is safe to write into the Python config between single quotes. $3 = secret:
# then the value is not shown.
check_word() {
  case "$2" in
    ''|*[!A-Za-z0-9.:_/@%+=,\$-]*)
      if [ "${3:-}" = secret ]; then fail "unusable $1 (unexpected characters)"; fi
      fail "unusable $1 '$2'" ;;
  esac
}

configure() {
  mode=$1
  case "$mode" in
    ssl|tunnel) ;;
    *) fail "unknown notebook mode '$mode' (expected ssl or tunnel)" ;;
  esac
  ip=${NOTEBOOK_IP:-}
  port=${NOTEBOOK_PORT:-8888}
  [ -n "$ip" ] || fail "NOTEBOOK_IP is not set: the address to bind the notebook server to"
  check_word address "$ip"
  case "$port" in ''|*[!0-9]*) fail "NOTEBOOK_PORT must be a port number, got '$port'" ;; esac
  check_word "home directory" "$HOME"
  password=""
  token=""
  IFS= read -r password || true
  IFS= read -r token || true
  [ -z "$token" ] || check_word token "$token" secret
  if [ "$mode" = ssl ] && [ -z "$password" ]; then
    fail "the SSL notebook needs a password"
  fi
  [ -n "$password" ] || [ -n "$token" ] || fail "a notebook needs a password or a token"
  user_token=$token
  if [ -z "$token" ]; then
    # For tools on this node (the autostop agent's kernels-busy): never shown, kept only in the
    # 0600 config and Jupyter's 0600 runtime file. 192 bits; od and tr are given no secret.
    token=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
    [ ${#token} -eq 48 ] || fail "could not make a token from /dev/urandom"
  fi
  python=$(jupyter_python)
  major=$(notebook_major)

  stop_server > /dev/null
  rm -rf "$nb/config" "$nb/ssl" "$nb/runtime" "$nb/token" "$nb/password.hash" "$nb/mode" "$nb/endpoint" "$log"
  mkdir -p "$nb/config" "$nb/runtime"
  chmod 700 "$nb"

  hash=""
  if [ -n "$password" ]; then
    # printf is a shell builtin: the password reaches Python on stdin, never in a process's argv.
    hash=$(printf '%s' "$password" | "$python" -c 'import sys
try:
    from jupyter_server.auth import passwd
except ImportError:
    from notebook.auth import passwd
sys.stdout.write(passwd(sys.stdin.read()))') || fail "cannot hash the notebook password with $python"
    check_word "password hash" "$hash" secret
    printf '%s\n' "$hash" > "$nb/password.hash"
  fi
  if [ -n "$user_token" ]; then
    printf '%s\n' "$user_token" > "$nb/token"
  fi

  scheme=http
  if [ "$mode" = ssl ]; then
    scheme=https
    mkdir -p "$nb/ssl"
    names=$(echo "${NOTEBOOK_CERT_NAMES:-IP:$ip}" | tr ' ' ',')
    if ! openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=thunder-ec2 notebook" \
        -addext "subjectAltName=$names" -keyout "$nb/ssl/notebook.key" -out "$nb/ssl/notebook.crt" \
        > "$nb/ssl/openssl.log" 2>&1; then
      fail "openssl could not make the notebook's certificate: $(tail -n 1 "$nb/ssl/openssl.log")"
    fi
    chmod 600 "$nb/ssl/notebook.key" "$nb/ssl/notebook.crt"
  fi

  if [ "${major:-0}" -ge 7 ] 2>/dev/null; then
    app=ServerApp
    file="$nb/config/jupyter_server_config.py"
  else
    app=NotebookApp
    file="$nb/config/jupyter_notebook_config.py"
  fi
  {
    echo "# Written by thunder-ec2 ($me configure $mode); replaced when the notebook is opened again."
    echo "c.$app.ip = '$ip'"
    echo "c.$app.port = $port"
    echo "c.$app.port_retries = 0"
    echo "c.$app.open_browser = False"
    if [ "$(id -u)" -eq 0 ]; then
      echo "c.$app.allow_root = True"
    fi
    if [ "$app" = ServerApp ]; then
      echo "c.ServerApp.root_dir = '$HOME'"
      echo "c.PasswordIdentityProvider.hashed_password = '$hash'"
      echo "c.IdentityProvider.token = '$token'"
      # The token for local tools must not let anyone replace the password at the login page.
      if [ -z "$user_token" ]; then echo "c.PasswordIdentityProvider.allow_password_change = False"; fi
      if [ "$mode" = ssl ]; then echo "c.PasswordIdentityProvider.password_required = True"; fi
    else
      echo "c.NotebookApp.notebook_dir = '$HOME'"
      echo "c.NotebookApp.password = '$hash'"
      echo "c.NotebookApp.token = '$token'"
      # The token for local tools must not let anyone replace the password at the login page.
      if [ -z "$user_token" ]; then echo "c.NotebookApp.allow_password_change = False"; fi
      if [ "$mode" = ssl ]; then echo "c.NotebookApp.password_required = True"; fi
    fi
    if [ "$mode" = ssl ]; then
      echo "c.$app.certfile = '$nb/ssl/notebook.crt'"
      echo "c.$app.keyfile = '$nb/ssl/notebook.key'"
      # Browsers name the node by its public address, which is not one of its own.
      echo "c.$app.allow_remote_access = True"
    fi
  } > "$file"
  printf '%s %s %s\n' "$scheme" "$ip" "$port" > "$nb/endpoint"
  printf '%s\n' "$mode" > "$nb/mode"
  echo "notebook configured: $mode, Jupyter Notebook $(cat "$THUNDER_HOME/jupyter/version"), on $ip:$port"
}

start() {
  [ -f "$nb/mode" ] && [ -f "$nb/endpoint" ] || fail "no notebook is configured on this node (setup-notebook, setup-notebook-sshtunnel or Cluster.openNotebook sets one up)"
  read -r scheme ip port < "$nb/endpoint"
  url="$scheme://$ip:$port/"
  if running; then
    echo "notebook already running (pid $pid) at $url"
    return 0
  fi
  python=$(jupyter_python)
  spark_for_kernels
  export JUPYTER_CONFIG_DIR="$nb/config"
  export JUPYTER_RUNTIME_DIR="$nb/runtime"
  rm -f "$pidfile"
  log_start=$(( $( (cat "$log" 2>/dev/null || true) | wc -l) + 1 ))
  echo "=== $(date '+%Y-%m-%d %H:%M:%S') starting the notebook server at $url" >> "$log"
  detach=""
  if command -v setsid >/dev/null 2>&1; then detach=setsid; fi
  cd "$HOME"
  # The inner sh writes its own pid, then becomes the server (exec), so the pid file names it.
  nohup $detach sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$python" -m notebook >> "$log" 2>&1 < /dev/null &
  deadline=$(( $(date +%s) + ${NOTEBOOK_START_TIMEOUT:-90} ))
  while :; do
    if [ -s "$pidfile" ]; then
      if ! running; then
        rm -f "$pidfile"
        echo "$me: the notebook server exited during start-up; last lines of $log:" >&2
        tail -n +"$log_start" "$log" | grep -v -E '^[[:space:]]+' | tail -n 15 | scrub >&2
        exit 1
      fi
      if answers "${url}api"; then
        break
      fi
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      fail "the notebook server (pid ${pid:-?}) did not answer at $url within ${NOTEBOOK_START_TIMEOUT:-90}s; see $log"
    fi
    pause
  done
  echo "notebook running (pid $pid) at $url"
}

# Kernels the server starts get PySpark against the cluster, when the Spark runtime has it.
spark_for_kernels() {
  [ -f "$THUNDER_HOME/thunder.env" ] || return 0
  . "$THUNDER_HOME/thunder.env"
  if [ -d "$SPARK_HOME/python/pyspark" ]; then
    py4j=$(ls "$SPARK_HOME"/python/lib/py4j-*-src.zip 2>/dev/null | head -n 1 || true)
    export SPARK_HOME PYTHONPATH="$SPARK_HOME/python${py4j:+:$py4j}${PYTHONPATH:+:$PYTHONPATH}"
    export PYSPARK_SUBMIT_ARGS="--master $SPARK_MASTER_URL pyspark-shell"
  fi
}

# Exit 0 when a kernel of the running server is busy, 1 when none is, 2 when it cannot be asked.
kernels_busy() {
  running || return 2
  python=$(jupyter_python 2> /dev/null) || return 2
  # The script comes on stdin; the token is read inside Python, never passed in argv.
  "$python" - "$nb/runtime" "$pid" "$nb/ssl/notebook.crt" <<'PYTHON' || return $?
import json, os, queue, ssl, sys, urllib.request
runtime, pid, cert = sys.argv[1:4]


def executing(kernel):
    if kernel.get('execution_state') != 'starting':
        return kernel.get('execution_state') == 'busy'
    # The server can report 'starting' for good while the kernel runs (its IOPub watch missed the
    # kernel's status messages): ask the kernel. Its shell answers at once unless it runs code.
    try:
        from jupyter_client import BlockingKernelClient
        client = BlockingKernelClient(connection_file=os.path.join(runtime, 'kernel-%s.json' % kernel['id']))
        client.load_connection_file()
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    except Exception:
        return False
    try:
        client.kernel_info()
        client.get_shell_msg(timeout=5)
        return False
    except queue.Empty:
        return True
    finally:
        client.stop_channels()


# Notebook 6 writes nbserver-PID.json, Jupyter Server (Notebook 7) jpserver-PID.json.
files = [os.path.join(runtime, f % pid) for f in ('nbserver-%s.json', 'jpserver-%s.json')]
files = [f for f in files if os.path.exists(f)]
if not files:
    sys.exit(2)
try:
    with open(files[0]) as f:
        info = json.load(f)
    request = urllib.request.Request(info['url'].rstrip('/') + '/api/kernels')
    if info.get('token'):
        request.add_header('Authorization', 'token ' + info['token'])
    handlers = [urllib.request.ProxyHandler({})]
    if info['url'].startswith('https:'):
        context = ssl.create_default_context(cafile=cert)  # the server's own certificate, pinned
        context.check_hostname = False
        context.verify_flags &= ~getattr(ssl, 'VERIFY_X509_STRICT', 0)
        handlers.append(urllib.request.HTTPSHandler(context=context))
    with urllib.request.build_opener(*handlers).open(request, timeout=5) as response:
        kernels = json.load(response)
except Exception:
    sys.exit(2)
sys.exit(0 if any(executing(k) for k in kernels) else 1)
PYTHON
}

# The local port of the login's forward to port $1 on this node, if any.
forwarded_port() {
  for forward in ${THUNDER_EC2_FORWARDS:-}; do
    if [ "${forward#*:}" = "$1" ]; then
      echo "${forward%%:*}"
      return 0
    fi
  done
  return 1
}

url() {
  [ -f "$nb/mode" ] && [ -f "$nb/endpoint" ] || fail "no notebook is configured on this node (setup-notebook or setup-notebook-sshtunnel sets one up)"
  read -r scheme ip port < "$nb/endpoint"
  if [ "$(cat "$nb/mode")" = ssl ]; then
    address=$ip
    if [ -f "$THUNDER_HOME/node.env" ]; then
      address=$(. "$THUNDER_HOME/node.env"; echo "${NODE_BROWSER_ADDRESS:-$ip}")
    fi
    echo "https://$address:$port"
    return 0
  fi
  token=$(cat "$nb/token" 2>/dev/null || true)
  if local_port=$(forwarded_port "$port"); then
    echo "http://localhost:$local_port/${token:+?token=$token}"
  else
    echo "$me: this login forwards no local port to $port: log in with 'thunder-ec2 login NAME --ssh-port-forwarding L:$port', then browse the URL with localhost:L" >&2
    echo "http://localhost:$port/${token:+?token=$token}"
  fi
}

case "${1:-}" in
  url) url ;;
  configure)
    [ $# -eq 2 ] || fail "usage: $me configure ssl|tunnel"
    configure "$2"
    ;;
  start) start ;;
  start-if-configured)
    if [ -f "$nb/mode" ]; then start; else echo "no notebook configured; nothing to start"; fi
    ;;
  stop) stop_server ;;
  remove)
    stop_server
    rm -rf "$nb"
    echo "notebook removed"
    ;;
  status)
    if [ -f "$nb/mode" ]; then
      if running; then echo "$(cat "$nb/mode") running $pid"; else echo "$(cat "$nb/mode") stopped"; fi
    else
      echo "none"
    fi
    ;;
  configured) [ -f "$nb/mode" ] ;;
  kernels-busy) kernels_busy ;;
  check-password)
    [ -f "$nb/password.hash" ] || exit 1
    python=$(jupyter_python)
    IFS= read -r password || true
    printf '%s' "$password" | "$python" -c 'import sys
try:
    from jupyter_server.auth.security import passwd_check
except ImportError:
    from notebook.auth.security import passwd_check
sys.exit(0 if passwd_check(open(sys.argv[1]).read().strip(), sys.stdin.read()) else 1)' "$nb/password.hash"
    ;;
  *)
    fail "usage: $me configure ssl|tunnel | start | start-if-configured | stop | remove | status | configured | kernels-busy | check-password | url"
    ;;
esac
