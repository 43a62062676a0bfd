package org.thunderproject.ec2.internal.ec2;

import java.util.Objects;
import java.util.Optional;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;

/**
 * An instance that belongs to a cluster, with its role.
 *
 * @param instance what EC2 says about it
 * @param role its role
 */
public record NodeRecord(InstanceRecord instance, NodeRole role) {

    /** Checks for nulls. */
    public NodeRecord {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(role, "role");
    }

    /** The instance id. */
    public String id() {
        return instance.instanceId();
    }

    /** The instance state. */
    public NodeState state() {
        return instance.state();
    }

    /** The launch batch tag, for slaves launched by thunder-ec2. */
    public Optional<String> batch() {
        return instance.tag(ClusterTags.BATCH);
    }

    /** Whether it runs and has the addresses a user reaches it by. */
    public boolean readyForUse(boolean expectPublicIp) {
        return state() == NodeState.RUNNING
                && instance.privateIp().isPresent()
                && (!expectPublicIp || instance.publicIp().isPresent());
    }

    /** The public API's view of it. */
    public Node toNode() {
        InstanceRecord i = instance;
        return new Node(
                i.instanceId(),
                role,
                i.state(),
                i.instanceType(),
                i.availabilityZone(),
                i.publicIp(),
                i.privateIp(),
                i.publicDnsName(),
                i.spot(),
                i.launchTime());
    }
}
