#!/bin/sh
# A user service's health check (for ProvisioningFailureTest): healthy once ~/probe-ready exists,
# waiting at most $1 seconds for it.
set -eu
deadline=$(( $(date +%s) + $1 ))
until [ -f "$HOME/probe-ready" ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "probe-health.sh: $HOME/probe-ready did not appear within $1s" >&2
    exit 1
  fi
  sleep 0.2
done
echo "probe healthy"
