package org.thunderproject.ec2.internal.ec2;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CloudException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.WaitTimeoutException;
import org.thunderproject.ec2.internal.Backoff;
import org.thunderproject.ec2.internal.Wait;
import org.thunderproject.ec2.internal.Wait.Round;

/** Creates, completes and deletes the groups {@code NAME-master} and {@code NAME-slaves}. */
public final class SecurityGroups {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityGroups.class);

    private final Ec2Gateway ec2;

    /** Groups through {@code ec2}. */
    public SecurityGroups(Ec2Gateway ec2) {
        this.ec2 = ec2;
    }

    /**
     * Makes both groups exist with every rule they need: reuses what {@code inventory} found (when it
     * is thunder-ec2's), creates the rest, adds missing rules.
     */
    public ClusterGroups ensure(
            ClusterSpec spec, Inventory inventory, List<String> cidrs, Duration pollInterval, String operation) {
        // A launch that found nothing must win the name: NAME-master is the claim (see NameClaim).
        boolean claim = !inventory.exists();
        String fresh = inventory.launchId().orElseGet(ClientTokens::newLaunchId);
        GroupRecord master = ensureGroup(spec, NodeRole.MASTER, inventory.masterGroup(), fresh, claim);
        // Joined a group a concurrent resume made: take its generation, so ClientTokens match.
        String launchId = master.launchId().orElse(fresh);
        GroupRecord slaves = ensureGroup(spec, NodeRole.SLAVE, inventory.slavesGroup(), launchId, false);
        for (GroupRecord group : List.of(master, slaves)) {
            NodeRole role = group == master ? NodeRole.MASTER : NodeRole.SLAVE;
            Set<Rule> missing =
                    new HashSet<>(IngressRules.required(role, spec.sshPort(), cidrs, master.id(), slaves.id()));
            missing.removeAll(group.ingress());
            if (!missing.isEmpty()) {
                LOG.debug("adding {} rules to {}", missing.size(), group.name());
                EventualConsistency.retry(
                        "authorizing " + group.name(),
                        pollInterval,
                        operation,
                        () -> ec2.authorize(group.id(), List.copyOf(missing)));
            }
        }
        return new ClusterGroups(master.id(), slaves.id(), launchId);
    }

    private GroupRecord ensureGroup(
            ClusterSpec spec, NodeRole role, Optional<GroupRecord> existing, String launchId, boolean claim) {
        String name = ClusterTags.groupName(spec.name(), role);
        if (existing.isPresent()) {
            GroupRecord group = requireOurs(spec.name(), existing.get());
            if (group.launchId().isEmpty()) {
                ec2.tag(List.of(group.id()), Map.of(ClusterTags.LAUNCH_ID, launchId));
            }
            return group;
        }
        Map<String, String> tags = new LinkedHashMap<>(ClusterTags.identity(spec, role));
        tags.put(ClusterTags.LAUNCH_ID, launchId);
        tags.put(ClusterTags.NAME, name);
        try {
            String id = ec2.createGroup(
                    name, "thunder-ec2 cluster " + spec.name() + ": " + role.tagValue() + " nodes", spec.vpcId(), tags);
            return new GroupRecord(id, name, spec.vpcId(), tags, Set.of());
        } catch (CloudException e) {
            if (!Ec2Errors.hasCode(e, "InvalidGroup.Duplicate")) {
                throw e;
            }
            // Made by a retried call whose answer was lost, or by a concurrent launch or resume.
            GroupRecord group = ec2.groupsByName(List.of(name), spec.vpcId()).stream()
                    .filter(g -> g.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> e);
            if (claim && group.belongsTo(spec.name()) && !NameClaim.isOurs(group, launchId)) {
                throw NameClaim.lost(new ClusterLookup(ec2), spec.name(), spec.vpcId());
            }
            return requireOurs(spec.name(), group);
        }
    }

    private static GroupRecord requireOurs(String cluster, GroupRecord group) {
        if (!group.belongsTo(cluster)) {
            throw new ClusterStateException(
                    "security group " + group.name() + " (" + group.id() + ") exists but was not"
                            + " created by thunder-ec2 for cluster '" + cluster + "' (no tag " + ClusterTags.CLUSTER
                            + "=" + cluster
                            + "); delete it, or choose another cluster name");
        }
        return group;
    }

    /** Gives the groups a new launch generation, so later launches cannot reuse old ClientTokens. */
    public void rotateLaunchId(Inventory inventory) {
        List<String> ids = inventory.groupIds();
        if (!ids.isEmpty()) {
            ec2.tag(ids, Map.of(ClusterTags.LAUNCH_ID, ClientTokens.newLaunchId()));
        }
    }

    /**
     * Revokes the rules by which the groups reference each other (and themselves), then deletes
     * both, retrying {@code DependencyViolation} with backoff until {@code timeout}.
     */
    public void delete(Inventory inventory, Duration pollInterval, Duration timeout, String operation) {
        List<String> ids = inventory.groupIds();
        for (Optional<GroupRecord> group : List.of(inventory.masterGroup(), inventory.slavesGroup())) {
            group.ifPresent(g -> ec2.revoke(g.id(), IngressRules.referencing(g, ids)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Optional<GroupRecord> group : List.of(inventory.slavesGroup(), inventory.masterGroup())) {
            if (group.isPresent()) {
                deleteWithRetry(group.get(), pollInterval, deadline, operation);
            }
        }
    }

    private void deleteWithRetry(GroupRecord group, Duration pollInterval, long deadline, String operation) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        Wait.of("deleting " + group.name(), left, Backoff.growing(pollInterval), operation)
                .until(
                        () -> {
                            try {
                                ec2.deleteGroup(group.id());
                                return Round.done(null);
                            } catch (CloudException e) {
                                if (Ec2Errors.hasCode(e, "InvalidGroup.NotFound")) {
                                    return Round.done(null);
                                }
                                if (!Ec2Errors.hasCode(e, "DependencyViolation")) {
                                    throw e;
                                }
                                LOG.debug("{} still referenced; retrying", group.name());
                                return Round.pending(e.getMessage(), e);
                            }
                        },
                        last -> {
                            throw new WaitTimeoutException(
                                    "security group " + group.name() + " (" + group.id() + ") is still in use ("
                                            + last.reason()
                                            + "); an instance or another group's rule outside the cluster references it."
                                            + " Remove that reference and destroy() again");
                        });
    }
}
