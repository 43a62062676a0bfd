package org.thunderproject.ec2.internal.ec2;

import java.util.LinkedHashMap;
import java.util.Map;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.NodeRole;

/** The tags and names that make up a cluster's identity in EC2. */
public final class ClusterTags {
    /** The cluster name, on instances, volumes and groups. */
    public static final String CLUSTER = "thunder:cluster";
    /** {@code master} or {@code slave}, on instances, volumes and groups. */
    public static final String ROLE = "thunder:role";
    /**
     * On the groups: the current launch generation. ClientTokens derive from it, so a retried or
     * resumed launch reuses them while a launch after a terminate gets new ones.
     */
    public static final String LAUNCH_ID = "thunder:launch-id";
    /** On slaves: which batch of the launch plan the instance belongs to. */
    public static final String BATCH = "thunder:batch";
    /** On instances, while autostop is set: its idle time as an ISO-8601 duration, like {@code PT30M}. */
    public static final String AUTOSTOP = "thunder:autostop";
    /** On instances, while autostop is set: {@code stop} or {@code terminate}. */
    public static final String AUTOSTOP_ACTION = "thunder:autostop-action";
    /** EC2's display name. */
    public static final String NAME = "Name";

    private ClusterTags() {}

    /** The security group name of a role: {@code NAME-master} or {@code NAME-slaves}. */
    public static String groupName(String cluster, NodeRole role) {
        return cluster + "-" + role.groupSuffix();
    }

    /** The {@code Name} tag of a node: {@code NAME-master} or {@code NAME-slave}. */
    public static String nodeName(String cluster, NodeRole role) {
        return cluster + "-" + role.tagValue();
    }

    /** The tags every resource of {@code role} gets: the spec's extra tags plus the identity tags. */
    public static Map<String, String> identity(ClusterSpec spec, NodeRole role) {
        Map<String, String> tags = new LinkedHashMap<>(spec.additionalTags());
        tags.put(CLUSTER, spec.name());
        tags.put(ROLE, role.tagValue());
        return tags;
    }
}
