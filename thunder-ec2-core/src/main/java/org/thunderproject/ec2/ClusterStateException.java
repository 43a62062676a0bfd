package org.thunderproject.ec2;

/** The cluster is not in a state that allows the operation (for example, stopping spot slaves). */
public final class ClusterStateException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;

    /** A refused operation, with what to do about it. */
    public ClusterStateException(String message) {
        super(message);
    }
}
