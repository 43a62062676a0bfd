#!/bin/sh
# thunder-ec2 local cloud node: shutdown, poweroff, halt, reboot, sudo and systemctl of this instance only
# A local-cloud node is a process of the host: these stand in for the host's programs of the same
# names, first on the node's PATH, and change only this node's instance (through the local cloud).
THUNDER_NODE_SBIN=@SBIN@
THUNDER_NODE_REQUESTS=@REQUESTS@
THUNDER_NODE_INSTANCE=@INSTANCE@
name=${0##*/}

# Hands the request (action, delay in seconds) to the local cloud and returns, as shutdown does.
ask() {
  tmp="$THUNDER_NODE_REQUESTS/.$THUNDER_NODE_INSTANCE.$$"
  if printf '%s %s\n' "$1" "$2" > "$tmp" && mv -f "$tmp" "$THUNDER_NODE_REQUESTS/$THUNDER_NODE_INSTANCE.$$"; then
    exit 0
  fi
  echo "$name: cannot reach the local cloud" >&2
  exit 1
}

case $name in
  sudo)
    # No privileges to gain on a host process: the command runs as this user, with the node's PATH.
    shell=
    while [ $# -gt 0 ]; do
      case $1 in
        --) shift; break ;;
        -u|-g|-p|-C|-D|-U|-r|-t|-T|-R) if [ $# -gt 1 ]; then shift; fi ;;
        -s|-i|--shell|--login) shell=1 ;;
        -v|-k|-K|-V|--validate|--reset-timestamp|--remove-timestamp|--version) [ $# -eq 1 ] && exit 0 ;;
        -*) ;;
        *) break ;;
      esac
      shift
    done
    PATH="$THUNDER_NODE_SBIN:$PATH"
    export PATH
    if [ $# -eq 0 ]; then
      if [ -n "$shell" ]; then
        exec "${SHELL:-/bin/sh}"
      fi
      echo "usage: sudo [-n] [-u user] command [arg ...]" >&2
      exit 1
    fi
    case ${1##*/} in
      shutdown|poweroff|halt|reboot|sudo|systemctl)
        own="$THUNDER_NODE_SBIN/${1##*/}"
        shift
        exec "$own" "$@" ;;
    esac
    exec "$@" ;;
  shutdown)
    action=poweroff
    when=
    while [ $# -gt 0 ]; do
      case $1 in
        -h|-P|-H|--poweroff|--halt) action=poweroff ;;
        -r|--reboot) action=reboot ;;
        -c) action=cancel ;;
        -k) action=warn ;;
        --no-wall|-q|-f|-F|-n) ;;
        --help) echo "usage: shutdown [-h|-P|-r|-c|-k] [now|+MINUTES] [message]"; exit 0 ;;
        -*) echo "shutdown: invalid option '$1'" >&2; exit 1 ;;
        *) when=$1; break ;;
      esac
      shift
    done
    case $action in
      cancel) ask cancel 0 ;;
      warn) exit 0 ;;
    esac
    case ${when:-+1} in
      now|+0) ask "$action" 0 ;;
      +*)
        minutes=${when#+}
        case $minutes in
          ''|*[!0-9]*) echo "shutdown: invalid time '$when'" >&2; exit 1 ;;
        esac
        ask "$action" $((minutes * 60)) ;;
      *) echo "shutdown: the local cloud takes 'now' or '+MINUTES', not '$when'" >&2; exit 1 ;;
    esac ;;
  poweroff|halt|reboot)
    action=poweroff
    if [ "$name" = reboot ]; then action=reboot; fi
    for arg in "$@"; do
      case $arg in
        -w|--wtmp-only) exit 0 ;;
        -p|--poweroff|--halt) action=poweroff ;;
        --reboot) action=reboot ;;
        -f|--force|-ff|-n|--no-sync|-d|--no-wtmp|--no-wall|-i) ;;
        --help) echo "usage: $name [-f] [-p] [-w]"; exit 0 ;;
        *) echo "$name: invalid option '$arg'" >&2; exit 1 ;;
      esac
    done
    ask "$action" 0 ;;
  systemctl)
    verb=
    for arg in "$@"; do
      case $arg in
        -*) ;;
        *) verb=$arg; break ;;
      esac
    done
    case $verb in
      poweroff|halt) ask poweroff 0 ;;
      reboot|kexec) ask reboot 0 ;;
      *) echo "systemctl: a local-cloud node has no systemd; only poweroff, halt and reboot work here" >&2; exit 1 ;;
    esac ;;
  *) echo "$name: not one of this node's power commands" >&2; exit 1 ;;
esac
