package org.thunderproject.ec2.internal.ec2;

import java.util.Optional;
import org.thunderproject.ec2.ClusterExistsException;

/**
 * The claim of a cluster name. EC2 refuses a second security group of one name in a VPC
 * ({@code InvalidGroup.Duplicate}), so creating {@code NAME-master} is an atomic claim; the
 * launch's generation id rides in the same call's {@code TagSpecifications}, so a launch can tell
 * its own group (an SDK retry of a create whose answer was lost) from another launch's. Only a
 * launch that found nothing of the cluster must win the claim; a resume completes what exists and
 * may join a launch that is still running (the shared generation id makes their ClientTokens equal,
 * so no node is made twice).
 */
public final class NameClaim {
    private NameClaim() {}

    /** Whether {@code group} is the one this launch (generation {@code launchId}) created. */
    public static boolean isOurs(GroupRecord group, String launchId) {
        return group.launchId().equals(Optional.of(launchId));
    }

    /** The refusal of a launch that lost the claim to another one: names what exists now. */
    public static ClusterExistsException lost(ClusterLookup lookup, String cluster, Optional<String> vpcId) {
        Inventory now = lookup.find(cluster, vpcId);
        return taken(now, " another launch claimed the name a moment ago and may still be running;");
    }

    /** The refusal of a launch of a name that is taken, before anything was created. */
    public static ClusterExistsException taken(Inventory existing) {
        return taken(existing, "");
    }

    private static ClusterExistsException taken(Inventory existing, String why) {
        return new ClusterExistsException(
                existing.cluster(),
                existing.region(),
                existing.state(),
                "a cluster named '"
                        + existing.cluster() + "' already exists in region " + existing.region() + " ("
                        + existing.state() + ", "
                        + existing.live().size() + " nodes;" + why
                        + " nothing was created): resume() completes it, destroy()"
                        + " removes it, or choose another name");
    }
}
