#!/bin/bash
# thunder-ec2 autostop agent: powers this node off when the cluster has been idle long enough.
# Runs in the background in ~/.thunder-ec2/autostop (started by thunder-ec2 over SSH at launch,
# start and autostop) and reads autostop.conf there at every check:
#   idle_seconds, interval_seconds, role (master|slave), instance, master_address, ssh_port.
# The master is busy while it has an SSH session, Spark runs an application (the cluster's own
# Spark Connect server only while it holds executors) or a notebook kernel executes code; a slave
# is busy while it has an SSH session or the master still answers SSH (so slaves follow it down).
# A slave with a session of its own also reports it to the master (see report_session), which is
# then busy too: a session on any node keeps the whole cluster up.
# It writes the epoch second it became idle to idle-since. It exits when autostop.conf is removed
# (a cancel) or another agent took over agent.pid (a restart). Powering off goes only through
# autostop-poweroff.sh, which refuses anything but this node's own shutdown. No AWS credentials.
set -u
cd "$(dirname "$0")" || exit 1
echo $$ > agent.pid

sessions() {
  if [ -n "${THUNDER_LOCALCLOUD_SESSIONS:-}" ]; then
    # The local cloud marks each live session with a file named by its process id.
    n=0
    for f in "$THUNDER_LOCALCLOUD_SESSIONS"/*; do
      [ -e "$f" ] && [ -d "/proc/${f##*/}" ] && n=$((n + 1))
    done
    echo "$n"
  else
    # sshd's per-session processes: 'sshd: USER@pts/0', 'sshd: USER@notty' (or sshd-session).
    pgrep -c -f '^sshd(-session)?: [^ ]+@' || true
  fi
}

spark_busy() {
  json=$(curl -fsS --max-time 5 "http://$master_address:8080/json/" 2>/dev/null) || return 1
  apps=$(printf '%s' "$json" | tr -d ' \n\t' | sed -n 's/.*"activeapps":\[\(.*\)\],"completedapps".*/\1/p')
  [ -n "$apps" ] || return 1
  # The Spark Connect server runs as long as the cluster does: it counts only while it holds
  # executors (it has work, or had within its executor idle timeout). Any other app counts.
  seen=$(printf '%s' "$apps" | grep -o '"name":"[^"]*","cores":[0-9]*') || return 0 # unknown format: busy
  printf '%s\n' "$seen" | grep -qv '^"name":"SparkConnectserver","cores":0$'
}

# A kernel of the master's notebook server executing code (notebook.sh asks the server's API).
kernel_busy() {
  notebook=../services/jupyter/notebook.sh
  [ -f "$notebook" ] || return 1 # no notebook service (launched --until ssh_ready)
  THUNDER_HOME=$(cd .. && pwd) sh "$notebook" kernels-busy > /dev/null 2>&1
}

master_up() {
  timeout 5 bash -c "exec 3<>/dev/tcp/$master_address/$ssh_port" 2>/dev/null
}

# On the master: the first slave whose report (autostop-report.sh touches peers/ID) is newer
# than two check intervals and a few seconds, so one late report does not count as idle.
peer_session() {
  now_peer=$(date +%s)
  for f in peers/i-*; do
    reported=$(stat -c %Y "$f" 2>/dev/null) || continue
    [ $((now_peer - reported)) -le $((2 * interval_seconds + 5)) ] && { echo "${f#peers/}"; return 0; }
  done
  return 1
}

# On a slave with a session of its own: tells the master, through the reporter key thunder-ec2
# put in reporter/ (it can only run autostop-report.sh there) and the master's pinned host key.
report_session() {
  [ -f reporter/ssh_config ] || return 0
  if timeout 20 ssh -F reporter/ssh_config thunder-ec2-master "$instance" < /dev/null > reporter/last.log 2>&1; then
    report_failed=
  elif [ -z "${report_failed:-}" ]; then
    report_failed=1 # said once per run of failures
    echo "$(date -u +%FT%TZ) could not report this node's SSH session to the master: $(tail -n 1 reporter/last.log)"
  fi
}

busy() {
  [ "$(sessions)" -gt 0 ] && { echo "ssh session"; return 0; }
  if [ "$role" = master ]; then
    spark_busy && { echo "spark application"; return 0; }
    peer=$(peer_session) && { echo "ssh session on slave $peer"; return 0; }
    kernel_busy && { echo "notebook kernel"; return 0; }
  else
    master_up && { echo "master up"; return 0; }
  fi
  return 1
}

idle_since=$(date +%s)
while [ -f autostop.conf ] && [ "$(cat agent.pid 2>/dev/null)" = "$$" ]; do
  . ./autostop.conf
  now=$(date +%s)
  if why=$(busy); then
    idle_since=$now
    echo "busy ($why)" > state
  else
    echo idle > state
  fi
  echo "$idle_since" > idle-since
  [ "$role" = slave ] && [ "$(sessions)" -gt 0 ] && report_session
  if [ $((now - idle_since)) -ge "$idle_seconds" ]; then
    echo "$(date -u +%FT%TZ) idle for $((now - idle_since))s (autostop after ${idle_seconds}s): powering off"
    exec sh ./autostop-poweroff.sh "$instance"
  fi
  sleep "$interval_seconds"
done
[ -f autostop.conf ] || rm -f idle-since state
