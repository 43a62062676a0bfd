#!/bin/sh
# A user service's install step (for ProvisioningFailureTest): records what the provisioner told it.
set -eu
printf '%s %s %s %s\n' "$THUNDER_ROLE" "$THUNDER_PRIVATE_IP" "$THUNDER_MASTER_IP" "$THUNDER_SLAVES" > "$HOME/probe-installed"
test -f "$THUNDER_SERVICE_DIR/probe-install.sh"
echo "probe installed"
