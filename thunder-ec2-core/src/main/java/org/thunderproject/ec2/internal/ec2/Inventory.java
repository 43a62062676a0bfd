package org.thunderproject.ec2.internal.ec2;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;

/**
 * Everything of one cluster that EC2 reports at one moment: its nodes (terminated ones too) and
 * its two security groups.
 *
 * @param cluster the cluster name
 * @param region the region
 * @param nodes every instance found by tag or group, in launch order
 * @param masterGroup group {@code NAME-master}, when it exists
 * @param slavesGroup group {@code NAME-slaves}, when it exists
 */
public record Inventory(
        String cluster,
        String region,
        List<NodeRecord> nodes,
        Optional<GroupRecord> masterGroup,
        Optional<GroupRecord> slavesGroup) {

    /**
     * Launch order, stable across stop/start (which changes launch times): the launch batch, then
     * the position within its RunInstances request, then the id.
     */
    public static final Comparator<NodeRecord> LAUNCH_ORDER = Comparator.comparingInt(Inventory::batchNumber)
            .thenComparingInt(n -> n.instance().launchIndex())
            .thenComparing(NodeRecord::id);

    private static int batchNumber(NodeRecord node) {
        try {
            return node.batch().map(Integer::parseInt).orElse(Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Sorts and copies. */
    public Inventory {
        nodes = nodes.stream().sorted(LAUNCH_ORDER).toList();
    }

    /** Nodes that are not terminated (shutting-down ones included: they still hold the groups). */
    public List<NodeRecord> live() {
        return nodes.stream().filter(n -> n.state() != NodeState.TERMINATED).toList();
    }

    /** Nodes that are neither shutting down nor terminated: the cluster's members. */
    public List<NodeRecord> present() {
        return nodes.stream().filter(n -> !n.state().isGone()).toList();
    }

    /** Present nodes of a role. */
    public List<NodeRecord> present(NodeRole role) {
        return present().stream().filter(n -> n.role() == role).toList();
    }

    /** Nodes of a role that are shutting down or terminated. */
    public List<NodeRecord> gone(NodeRole role) {
        return nodes.stream()
                .filter(n -> n.role() == role && n.state().isGone())
                .toList();
    }

    /** The master: the first present master node. */
    public Optional<NodeRecord> master() {
        return present(NodeRole.MASTER).stream().findFirst();
    }

    /** Every node by its instance id. */
    public Map<String, NodeRecord> byId() {
        return nodes.stream().collect(Collectors.toMap(NodeRecord::id, n -> n, (a, b) -> a));
    }

    /** Ids of the groups that exist. */
    public List<String> groupIds() {
        return java.util.stream.Stream.of(masterGroup, slavesGroup)
                .flatMap(Optional::stream)
                .map(GroupRecord::id)
                .toList();
    }

    /** The launch generation the groups carry (master group first). */
    public Optional<String> launchId() {
        return masterGroup.flatMap(GroupRecord::launchId).or(() -> slavesGroup.flatMap(GroupRecord::launchId));
    }

    /** Whether anything of the cluster exists: a live node or a group. */
    public boolean exists() {
        return !live().isEmpty() || masterGroup.isPresent() || slavesGroup.isPresent();
    }

    /** The cluster's state as {@link ClusterState} documents it. */
    public ClusterState state() {
        List<NodeRecord> live = live();
        if (live.isEmpty()) {
            return masterGroup.isPresent() || slavesGroup.isPresent() ? ClusterState.PARTIAL : ClusterState.NONE;
        }
        Set<NodeState> states = live.stream().map(NodeRecord::state).collect(Collectors.toSet());
        if (states.contains(NodeState.SHUTTING_DOWN)) {
            return ClusterState.TERMINATING;
        }
        if (master().isEmpty() || present(NodeRole.SLAVE).isEmpty()) {
            return ClusterState.PARTIAL;
        }
        if (states.equals(Set.of(NodeState.RUNNING))) {
            return ClusterState.RUNNING;
        }
        if (Set.of(NodeState.PENDING, NodeState.RUNNING).containsAll(states)) {
            return ClusterState.PENDING;
        }
        if (states.equals(Set.of(NodeState.STOPPED))) {
            return ClusterState.STOPPED;
        }
        if (states.contains(NodeState.STOPPING)
                && Set.of(NodeState.STOPPING, NodeState.STOPPED, NodeState.RUNNING)
                        .containsAll(states)) {
            return ClusterState.STOPPING;
        }
        return ClusterState.MIXED;
    }

    /** The public description: terminated nodes left out, master and slaves in launch order. */
    public ClusterDescription describe() {
        List<NodeRecord> live = live();
        Optional<NodeRecord> master = live.stream()
                .filter(n -> n.role() == NodeRole.MASTER)
                .min(Comparator.comparing((NodeRecord n) -> n.state().isGone()).thenComparing(LAUNCH_ORDER));
        List<NodeRecord> slaves =
                live.stream().filter(n -> n.role() == NodeRole.SLAVE).toList();
        return new ClusterDescription(
                cluster,
                region,
                state(),
                master.map(NodeRecord::toNode),
                slaves.stream().map(NodeRecord::toNode).toList(),
                masterGroup.map(GroupRecord::id),
                slavesGroup.map(GroupRecord::id),
                AutostopMarks.of(this));
    }
}
