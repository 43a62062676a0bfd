package org.thunderproject.ec2;

import java.util.Objects;

/**
 * The node a {@link Service} step is about to run on, and what the step may need to know about
 * its cluster.
 *
 * @param spec the cluster's spec (Spark version, sizes, a user service's own settings)
 * @param node the node
 * @param master the cluster's master (the node itself, on the master)
 * @param slaveCount how many slaves the cluster has now
 */
public record ServiceNode(ClusterSpec spec, Node node, Node master, int slaveCount) {

    /** Checks for nulls and that both nodes have private addresses. */
    public ServiceNode {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(master, "master");
        if (node.privateIp().isEmpty() || master.privateIp().isEmpty()) {
            throw new IllegalArgumentException("nodes being provisioned have private addresses");
        }
    }

    /** The node's role. */
    public NodeRole role() {
        return node.role();
    }

    /** Whether the node is the master. */
    public boolean isMaster() {
        return node.role() == NodeRole.MASTER;
    }

    /** The node's private address: what its daemons bind to. */
    public String privateAddress() {
        return node.privateIp().orElseThrow();
    }

    /** The master's private address: where slave daemons find the master. */
    public String masterAddress() {
        return master.privateIp().orElseThrow();
    }
}
