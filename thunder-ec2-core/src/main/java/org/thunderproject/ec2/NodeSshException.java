package org.thunderproject.ec2;

import java.util.List;

/**
 * SSH to one or more nodes failed: a node could not be reached, refused the key, or dropped the
 * connection. The message names each node and its cause. (A command that runs and exits non-zero
 * is a {@link CommandResult}, not this; a refused host key is {@link HostKeyChangedException}.)
 */
public final class NodeSshException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> instanceIds;

    /** A failure on {@code instanceIds}, with the first node's cause. */
    public NodeSshException(String message, List<String> instanceIds, Throwable cause) {
        super(message, cause);
        this.instanceIds = List.copyOf(instanceIds);
    }

    /** The nodes it failed on. */
    public List<String> instanceIds() {
        return instanceIds;
    }
}
