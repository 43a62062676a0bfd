#!/bin/sh
# thunder-ec2 autostop: the one thing the autostop reporter key can do on the master. Its line in
# ~/.ssh/authorized_keys is restrict,command="sh ~/.thunder-ec2/autostop/autostop-report.sh": sshd
# runs this instead of whatever the client asks (no shell, no PTY, no forwarding). A slave that
# has an SSH session of its own sends its instance id; this touches peers/ID, which the master's
# agent counts as a session on that slave while it is fresh. Anything but an instance id is refused.
set -u

refuse() {
  echo "autostop-report: $1" >&2
  exit 2
}

id=${SSH_ORIGINAL_COMMAND:-}
case $id in
  i-*[!0123456789abcdef]* | i-) refuse "expected an instance id" ;;
  i-*) ;;
  *) refuse "expected an instance id" ;;
esac
[ ${#id} -le 19 ] || refuse "expected an instance id"
cd "$(dirname "$0")" || exit 1
[ -f autostop.conf ] || refuse "autostop is not set on this node"
mkdir -p peers && touch "peers/$id"
