#!/bin/sh
# Installs the seed's commands typed on the master: setup-notebook and setup-notebook-sshtunnel in
# ~/bin (on the login user's PATH); writes $THUNDER_HOME/node.env (this node's addresses, which
# change on stop/start, for those commands and notebook.sh url); and makes the seed's
# `source /root/.bash_profile` work for the login user: /etc/profile.d/thunder.sh (world-readable,
# the notebook environment), sourced by a line in /root/.bash_profile, which the login user may
# read (an ACL, else o+r) inside /root it may traverse but not list (an ACL, else o+x). Writing
# those needs root: sudo -n; without it, a warning (the commands work without sourcing). On the
# local cloud, / is $THUNDER_NODE_ROOT (the node's own directory), never the host's. Idempotent.
#
# Environment: NODE_PRIVATE_IP, NODE_BROWSER_ADDRESS, NODE_CERT_NAMES (required);
#   THUNDER_HOME [$HOME/.thunder-ec2], THUNDER_SERVICE_DIR [$THUNDER_HOME/services/jupyter]
set -eu

me=install-notebook-commands.sh
THUNDER_HOME=${THUNDER_HOME:-$HOME/.thunder-ec2}
dir=${THUNDER_SERVICE_DIR:-$THUNDER_HOME/services/jupyter}
fail() {
  echo "$me: $*" >&2
  exit 1
}
warn() {
  echo "thunder-ec2:warning: $*"
}
for value in "${NODE_PRIVATE_IP:-}" "${NODE_BROWSER_ADDRESS:-}" "${NODE_CERT_NAMES:-}"; do
  case "$value" in
    '') fail "NODE_PRIVATE_IP, NODE_BROWSER_ADDRESS and NODE_CERT_NAMES must be set" ;;
    *[!A-Za-z0-9.:\ _-]*) fail "refusing an unexpected address: $value" ;;
  esac
done

mkdir -p "$HOME/bin" "$THUNDER_HOME"
for command in setup-notebook setup-notebook-sshtunnel; do
  [ -f "$dir/$command" ] || fail "$dir/$command was not uploaded"
  cp "$dir/$command" "$HOME/bin/$command.tmp.$$"
  chmod 755 "$HOME/bin/$command.tmp.$$"
  mv "$HOME/bin/$command.tmp.$$" "$HOME/bin/$command"
done
{
  echo "# Written by thunder-ec2 ($me) at every start: this node's addresses."
  echo "NODE_PRIVATE_IP='$NODE_PRIVATE_IP'"
  echo "NODE_BROWSER_ADDRESS='$NODE_BROWSER_ADDRESS'"
  echo "NODE_CERT_NAMES='$NODE_CERT_NAMES'"
} > "$THUNDER_HOME/node.env.tmp"
mv "$THUNDER_HOME/node.env.tmp" "$THUNDER_HOME/node.env"

root=${THUNDER_NODE_ROOT:-}
profile="$root/etc/profile.d/thunder.sh"
root_profile="$root/root/.bash_profile"
user=$(id -un)
if [ -n "$root" ] || [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root() { sudo -n "$@"; }
else
  warn "no passwordless sudo for $user: /etc/profile.d/thunder.sh and /root/.bash_profile are not set up, so 'source /root/.bash_profile' fails; setup-notebook, setup-notebook-sshtunnel and thunder work without it"
  exit 0
fi
marker="# thunder-ec2: the notebook environment (see /etc/profile.d/thunder.sh)"
as_root mkdir -p "$root/etc/profile.d" "$root/root"
as_root cp "$dir/thunder-profile.sh" "$profile.tmp"
as_root chmod 644 "$profile.tmp"
as_root mv "$profile.tmp" "$profile"
as_root touch "$root_profile"
if ! as_root grep -q -F "$marker" "$root_profile"; then
  printf "\n%s\nif [ -r '%s' ]; then . '%s'; fi\n" "$marker" "$profile" "$profile" | as_root tee -a "$root_profile" > /dev/null
fi
if [ -z "$root" ] && [ "$user" != root ]; then
  # Only the login user may read /root/.bash_profile, and only pass through /root, not list it.
  if command -v setfacl >/dev/null 2>&1 && as_root setfacl -m "u:$user:x" /root 2>/dev/null \
      && as_root setfacl -m "u:$user:r" "$root_profile" 2>/dev/null; then
    :
  else
    as_root chmod o+x /root
    as_root chmod o+r "$root_profile"
  fi
fi
echo "setup-notebook and setup-notebook-sshtunnel installed in $HOME/bin; $profile sourced by $root_profile"
