package org.thunderproject.ec2;

/** The state of a cluster as a whole, derived from its nodes and groups. */
public enum ClusterState {
    /** Nothing of the cluster exists. */
    NONE,
    /** Some of it exists (groups, or fewer nodes than a master and a slave): resume or destroy it. */
    PARTIAL,
    /** Every node is pending or running, some still pending. */
    PENDING,
    /** Every node runs. */
    RUNNING,
    /** Nodes are stopping. */
    STOPPING,
    /** Every node is stopped. */
    STOPPED,
    /** Nodes are shutting down (only groups may be left afterwards). */
    TERMINATING,
    /** Nodes in states that do not go together (say, some running and some stopped). */
    MIXED
}
