package org.thunderproject.ec2.internal.ec2;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A security group as EC2 describes it.
 *
 * @param id the group id
 * @param name the group name
 * @param vpcId its VPC, when it has one
 * @param tags its tags
 * @param ingress its ingress rules
 */
public record GroupRecord(String id, String name, Optional<String> vpcId, Map<String, String> tags, Set<Rule> ingress) {

    /** Copies the collections. */
    public GroupRecord {
        tags = Map.copyOf(tags);
        ingress = Set.copyOf(ingress);
    }

    /** Whether thunder-ec2 made this group for {@code cluster} (it carries the cluster tag). */
    public boolean belongsTo(String cluster) {
        return cluster.equals(tags.get(ClusterTags.CLUSTER));
    }

    /** The launch generation tag, when present. */
    public Optional<String> launchId() {
        return Optional.ofNullable(tags.get(ClusterTags.LAUNCH_ID));
    }
}
