package org.thunderproject.ec2.internal.ec2;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.thunderproject.ec2.NodeState;

/**
 * An instance as EC2 describes it, before it is given a role in a cluster.
 *
 * @param instanceId the instance id
 * @param state its state
 * @param instanceType its type
 * @param availabilityZone its zone
 * @param publicIp its public address
 * @param privateIp its private address
 * @param publicDnsName its public DNS name
 * @param spot whether it is a spot instance
 * @param launchTime when it was last launched or started
 * @param launchIndex its index within its RunInstances request
 * @param tags its tags
 * @param groupIds the ids of its security groups
 */
public record InstanceRecord(
        String instanceId,
        NodeState state,
        String instanceType,
        String availabilityZone,
        Optional<String> publicIp,
        Optional<String> privateIp,
        Optional<String> publicDnsName,
        boolean spot,
        Instant launchTime,
        int launchIndex,
        Map<String, String> tags,
        List<String> groupIds) {

    /** Copies the collections. */
    public InstanceRecord {
        tags = Map.copyOf(tags);
        groupIds = List.copyOf(groupIds);
    }

    /** A tag's value. */
    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }
}
