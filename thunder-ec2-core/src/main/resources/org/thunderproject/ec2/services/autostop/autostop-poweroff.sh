#!/bin/sh
# thunder-ec2 autostop: powers this node off once the cluster has been idle long enough.
# Usage: autostop-poweroff.sh INSTANCE_ID
#
# On EC2 this is 'sudo -n shutdown -h now' (the instance's shutdown behaviour, set by thunder-ec2,
# says stop or terminate; no AWS credentials are needed or present). On the local cloud a node is a
# process of the host, often root: there it only ever runs the node's own shutdown, named by the
# local cloud in THUNDER_LOCALCLOUD_SHUTDOWN and checked before use, and refuses when anything
# looks like a local-cloud node without a valid one. It never guesses.
set -u
instance=${1:?usage: autostop-poweroff.sh INSTANCE_ID}

refuse() {
  echo "autostop: refusing to power off: $1" >&2
  exit 1
}

own=${THUNDER_LOCALCLOUD_SHUTDOWN:-}
if [ -n "$own" ] || [ -n "${THUNDER_LOCALCLOUD_INSTANCE:-}" ]; then
  [ "${THUNDER_LOCALCLOUD_INSTANCE:-}" = "$instance" ] || refuse "this local-cloud node is not $instance"
  case $own in
    /*/instances/"$instance"/sbin/shutdown) ;;
    *) refuse "THUNDER_LOCALCLOUD_SHUTDOWN ('$own') is not this node's own shutdown" ;;
  esac
  [ -f "$own" ] && [ ! -L "$own" ] && [ -x "$own" ] || refuse "$own is not an executable file"
  sed -n 2p "$own" | grep -q '^# thunder-ec2 local cloud node:' || refuse "$own is not the local cloud's node command"
  exec "$own" -h now
fi

# Not a local-cloud node by its variables: make sure it is not one by its files either, and that
# it is the EC2 instance it was set up on (Nitro instances carry their id in the DMI asset tag).
for dir in "$(pwd -P)" "${HOME:-/}"; do
  case $dir/ in
    */instances/i-*) refuse "this looks like a local-cloud node ($dir) without its variables" ;;
  esac
done
tag=$(cat /sys/devices/virtual/dmi/id/board_asset_tag 2>/dev/null || true)
uuid=$(cat /sys/hypervisor/uuid 2>/dev/null || true)
if [ "$tag" != "$instance" ]; then
  case $uuid in
    ec2*) ;; # a Xen instance: it has no local record of its id
    *) refuse "this machine is not EC2 instance $instance" ;;
  esac
fi
exec sudo -n shutdown -h now
