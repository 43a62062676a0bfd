package org.thunderproject.ec2.internal.ec2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;

/**
 * Finds what exists of a cluster, by both identities: instances tagged {@code thunder:cluster}
 * (found even before they join a group) and members of groups {@code NAME-master}/{@code NAME-slaves}
 * (clusters made by other tools, or nodes whose tags were removed).
 */
public final class ClusterLookup {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLookup.class);

    /** Every instance state but terminated. */
    private static final List<String> LIVE_STATES = Arrays.stream(NodeState.values())
            .filter(s -> s != NodeState.TERMINATED)
            .map(NodeState::ec2Name)
            .toList();

    private final Ec2Gateway ec2;

    /** A lookup through {@code ec2}. */
    public ClusterLookup(Ec2Gateway ec2) {
        this.ec2 = ec2;
    }

    /** Everything of cluster {@code name}; groups only in {@code vpcId} when given. */
    public Inventory find(String name, Optional<String> vpcId) {
        return find(name, vpcId, Map.of());
    }

    /**
     * {@link #find} without terminated instances, which EC2's state filter leaves out of its answer:
     * what a wait for nodes to go polls (a destroyed cluster's answer is then nearly empty).
     */
    public Inventory findLive(String name, Optional<String> vpcId) {
        return find(name, vpcId, Map.of("instance-state-name", LIVE_STATES));
    }

    /**
     * The cluster's instances in {@code state} only, in one describe by {@code known}'s groups (by
     * the cluster tag when it has none), without looking the groups up again: what a wait polls
     * while most nodes are still in that state, its answers shrinking as they leave it.
     */
    public Inventory inState(Inventory known, NodeState state) {
        Optional<String> masterId = known.masterGroup().map(GroupRecord::id);
        List<String> groupIds = known.groupIds();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("instance-state-name", List.of(state.ec2Name()));
        if (groupIds.isEmpty()) {
            filters.put("tag:" + ClusterTags.CLUSTER, List.of(known.cluster()));
        } else {
            filters.put("instance.group-id", groupIds);
        }
        List<NodeRecord> nodes = ec2.instances(filters).stream()
                .map(i -> new NodeRecord(i, roleOf(i, masterId)))
                .toList();
        return new Inventory(known.cluster(), known.region(), nodes, known.masterGroup(), known.slavesGroup());
    }

    private Inventory find(String name, Optional<String> vpcId, Map<String, List<String>> stateFilter) {
        String masterName = ClusterTags.groupName(name, NodeRole.MASTER);
        String slavesName = ClusterTags.groupName(name, NodeRole.SLAVE);
        List<GroupRecord> groups = ec2.groupsByName(List.of(masterName, slavesName), vpcId);
        Optional<GroupRecord> master = pick(name, masterName, groups);
        Optional<GroupRecord> slaves = pick(name, slavesName, groups);

        Map<String, InstanceRecord> instances = new LinkedHashMap<>();
        ec2.instances(with(stateFilter, "tag:" + ClusterTags.CLUSTER, List.of(name)))
                .forEach(i -> instances.put(i.instanceId(), i));
        List<String> groupIds = new ArrayList<>();
        master.ifPresent(g -> groupIds.add(g.id()));
        slaves.ifPresent(g -> groupIds.add(g.id()));
        if (!groupIds.isEmpty()) {
            ec2.instances(with(stateFilter, "instance.group-id", groupIds))
                    .forEach(i -> instances.putIfAbsent(i.instanceId(), i));
        }
        List<NodeRecord> nodes = instances.values().stream()
                .map(i -> new NodeRecord(i, roleOf(i, master.map(GroupRecord::id))))
                .toList();
        return new Inventory(name, ec2.region(), nodes, master, slaves);
    }

    private static Map<String, List<String>> with(Map<String, List<String>> filters, String name, List<String> values) {
        Map<String, List<String>> all = new LinkedHashMap<>(filters);
        all.put(name, values);
        return all;
    }

    /** Every thunder-ec2 cluster in the region (by the cluster tag on instances and groups). */
    public List<Inventory> all() {
        Map<String, List<InstanceRecord>> instances = new TreeMap<>();
        for (InstanceRecord i : ec2.instances(Map.of("tag-key", List.of(ClusterTags.CLUSTER)))) {
            instances
                    .computeIfAbsent(i.tags().get(ClusterTags.CLUSTER), k -> new ArrayList<>())
                    .add(i);
        }
        Map<String, List<GroupRecord>> groups = new HashMap<>();
        for (GroupRecord g : ec2.groupsByTagKey(ClusterTags.CLUSTER)) {
            groups.computeIfAbsent(g.tags().get(ClusterTags.CLUSTER), k -> new ArrayList<>())
                    .add(g);
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        instances.keySet().forEach(n -> names.put(n, true));
        groups.keySet().forEach(n -> names.put(n, true));
        List<Inventory> out = new ArrayList<>();
        for (String name : names.keySet()) {
            List<GroupRecord> own = groups.getOrDefault(name, List.of());
            Optional<GroupRecord> master = pick(name, ClusterTags.groupName(name, NodeRole.MASTER), own);
            Optional<GroupRecord> slaves = pick(name, ClusterTags.groupName(name, NodeRole.SLAVE), own);
            List<NodeRecord> nodes = instances.getOrDefault(name, List.of()).stream()
                    .map(i -> new NodeRecord(i, roleOf(i, master.map(GroupRecord::id))))
                    .toList();
            Inventory inventory = new Inventory(name, ec2.region(), nodes, master, slaves);
            if (inventory.exists()) {
                out.add(inventory);
            }
        }
        return out;
    }

    /** The group of that name: ours when several VPCs have one, else the only one. */
    private static Optional<GroupRecord> pick(String cluster, String groupName, List<GroupRecord> groups) {
        List<GroupRecord> named =
                groups.stream().filter(g -> groupName.equals(g.name())).toList();
        List<GroupRecord> ours =
                named.stream().filter(g -> g.belongsTo(cluster)).toList();
        if (ours.size() == 1 || (ours.size() > 1 && logAmbiguous(groupName, ours))) {
            return Optional.of(ours.get(0));
        }
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        if (named.size() > 1) {
            LOG.warn(
                    "{} security groups are named {} (in different VPCs) and none carries tag {}={}; "
                            + "give the spec a vpcId to choose",
                    named.size(),
                    groupName,
                    ClusterTags.CLUSTER,
                    cluster);
        }
        return Optional.empty();
    }

    private static boolean logAmbiguous(String groupName, List<GroupRecord> ours) {
        LOG.warn(
                "{} thunder-ec2 groups are named {}; using {}",
                ours.size(),
                groupName,
                ours.get(0).id());
        return true;
    }

    private static NodeRole roleOf(InstanceRecord instance, Optional<String> masterGroupId) {
        Optional<String> tag = instance.tag(ClusterTags.ROLE);
        if (tag.isPresent()) {
            return NodeRole.MASTER.tagValue().equals(tag.get()) ? NodeRole.MASTER : NodeRole.SLAVE;
        }
        return masterGroupId.isPresent() && instance.groupIds().contains(masterGroupId.get())
                ? NodeRole.MASTER
                : NodeRole.SLAVE;
    }
}
