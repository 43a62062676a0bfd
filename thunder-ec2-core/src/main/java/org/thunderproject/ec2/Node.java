package org.thunderproject.ec2;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one node (EC2 instance) of a cluster.
 *
 * @param instanceId the EC2 instance id
 * @param role master or slave
 * @param state the instance state when described
 * @param instanceType the instance type
 * @param availabilityZone the zone it runs in
 * @param publicIp the public address; absent while stopped and in private subnets
 * @param privateIp the private address
 * @param publicDnsName the public DNS name, when EC2 gives one
 * @param spot whether it is a spot instance
 * @param launchTime when it was last launched or started
 */
public record Node(
        String instanceId,
        NodeRole role,
        NodeState state,
        String instanceType,
        String availabilityZone,
        Optional<String> publicIp,
        Optional<String> privateIp,
        Optional<String> publicDnsName,
        boolean spot,
        Instant launchTime) {

    /** Checks that nothing is null. */
    public Node {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(publicIp, "publicIp");
        Objects.requireNonNull(privateIp, "privateIp");
        Objects.requireNonNull(publicDnsName, "publicDnsName");
        Objects.requireNonNull(launchTime, "launchTime");
    }

    /** The address to reach the node at: public when it has one, else private. */
    public Optional<String> address() {
        return publicIp.or(() -> privateIp);
    }
}
