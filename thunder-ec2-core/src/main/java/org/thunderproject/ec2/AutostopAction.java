package org.thunderproject.ec2;

/**
 * What every node of an idle cluster does when its autostop comes (see
 * {@link ClusterSpec#autostopAction()} and {@link Cluster#autostop(java.util.Optional, AutostopAction)}).
 * thunder-ec2 sets each node's shutdown behaviour to match, so that the node's own shutdown does it.
 */
public enum AutostopAction {
    /**
     * The nodes stop: EBS volumes (the root volume too) are kept and billed for storage,
     * instance-store data is lost; {@link Cluster#start()} brings the cluster back.
     */
    STOP,
    /**
     * The nodes terminate: nothing is billed any more, and everything on them is lost, EBS volumes
     * included. The security groups, which EC2 does not remove by itself, are left for
     * {@link Cluster#destroy()}.
     */
    TERMINATE
}
