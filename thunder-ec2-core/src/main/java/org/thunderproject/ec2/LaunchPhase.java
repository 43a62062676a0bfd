package org.thunderproject.ec2;

/**
 * How far a launch goes. Later phases include the earlier ones; a caller that provisions with
 * its own tools, or an endpoint whose instances cannot be reached, stops at an earlier phase.
 */
public enum LaunchPhase {
    /** Security groups exist and every node runs with its addresses. */
    INFRASTRUCTURE,
    /**
     * Every node also answers SSH with the cluster's key, its host key verified (pinned from its
     * console output on first contact) and recorded by instance id.
     */
    SSH_READY,
    /**
     * Every service (Java, Spark, the Thunder environment, Jupyter, the spec's own) is installed,
     * configured, started and healthy on every node: the Spark master sees every worker ALIVE.
     */
    SERVICES
}
