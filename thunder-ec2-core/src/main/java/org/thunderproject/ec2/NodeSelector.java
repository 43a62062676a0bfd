package org.thunderproject.ec2;

/** Which nodes of a cluster an operation such as {@link Cluster#run(String, NodeSelector)} reaches. */
public enum NodeSelector {
    /** The master and every slave. */
    ALL,
    /** The master only. */
    MASTER,
    /** Every slave, not the master. */
    SLAVES;

    /** Whether a node of {@code role} is selected. */
    public boolean includes(NodeRole role) {
        return this == ALL || (this == MASTER) == (role == NodeRole.MASTER);
    }
}
