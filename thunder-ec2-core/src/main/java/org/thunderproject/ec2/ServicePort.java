package org.thunderproject.ec2;

import java.util.Objects;

/**
 * TCP ports a {@link Service} needs reachable from the cluster's authorized CIDRs, on the nodes of
 * one role. (Traffic between the cluster's nodes is always allowed.) The provisioner adds missing
 * rules to {@code NAME-master} or {@code NAME-slaves}.
 *
 * @param role the nodes that listen on the ports
 * @param fromPort the first port
 * @param toPort the last port (equal to {@code fromPort} for one port)
 * @param description what listens there, for messages
 */
public record ServicePort(NodeRole role, int fromPort, int toPort, String description) {

    /** Checks the range. */
    public ServicePort {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(description, "description");
        if (fromPort < 1 || toPort > 65535 || fromPort > toPort) {
            throw new IllegalArgumentException("not a port range within 1-65535: " + fromPort + "-" + toPort);
        }
    }

    /** One port on the nodes of {@code role}. */
    public static ServicePort tcp(NodeRole role, int port, String description) {
        return new ServicePort(role, port, port, description);
    }
}
