package org.thunderproject.ec2.internal.engine;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster.SpotSlaves;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.ec2.SecurityGroups;
import org.thunderproject.ec2.internal.nodes.KnownHostsCleanup;
import org.thunderproject.ec2.internal.nodes.SshConfigFile;

/** The operations that take nodes down: stop, destroy and removeSlaves, each as steps of the engine. */
public final class TeardownOperations {
    private static final Logger LOG = LoggerFactory.getLogger(TeardownOperations.class);
    /** Rounds of terminate-and-look-again in destroy(), for nodes that appear late (an in-flight launch). */
    private static final int DESTROY_ROUNDS = 3;

    private TeardownOperations() {}

    /** stop(): spot slaves terminated (when allowed), every other node stopped. */
    public static ClusterDescription stop(OperationScope scope, SpotSlaves spotSlaves) {
        ClusterSpec spec = scope.spec();
        Inventory inventory = scope.requireNodes("stop");
        List<NodeRecord> spot = inventory.present(NodeRole.SLAVE).stream()
                .filter(n -> n.instance().spot())
                .toList();
        if (!spot.isEmpty() && spotSlaves == SpotSlaves.REFUSE) {
            throw new ClusterStateException(
                    "cluster '" + spec.name() + "' has " + spot.size() + " spot slave(s), which EC2"
                            + " cannot stop: use stop(SpotSlaves.TERMINATE) to terminate them and stop the rest (resume() launches"
                            + " new slaves later), or destroy() the cluster");
        }
        scope.events()
                .warning("stopping cluster '" + spec.name() + "': data on instance-store volumes (scratch disks"
                        + " such as /mnt) is lost; EBS volumes, the root volume included, are kept");
        Set<String> spotIds = spot.stream().map(NodeRecord::id).collect(Collectors.toSet());
        Set<String> stopIds = inventory.present().stream()
                .map(NodeRecord::id)
                .filter(id -> !spotIds.contains(id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        NodeWaiter waiter = scope.waiter();
        Inventory stopped = scope.events()
                .step(
                        Step.STOP_INSTANCES,
                        stopIds.size() + " node(s)"
                                + (spotIds.isEmpty() ? "" : ", terminating " + spotIds.size() + " spot slave(s)"),
                        () -> {
                            if (!spotIds.isEmpty()) {
                                TerminateStage.run(
                                        scope,
                                        inventory,
                                        spotIds,
                                        "spot slaves terminated",
                                        "spot slave(s)",
                                        "stop(SpotSlaves.TERMINATE) again waits for them");
                            }
                            // Pending instances cannot be stopped yet: let them reach running first.
                            Inventory settled = waiter.await(
                                    "pending nodes to run", spec.readyTimeout(), "stop() again later", inv -> {
                                        long pending = inv.present().stream()
                                                .filter(n -> stopIds.contains(n.id()) && n.state() == NodeState.PENDING)
                                                .count();
                                        return pending == 0
                                                ? Optional.empty()
                                                : Optional.of(pending + " node(s) still pending");
                                    });
                            List<String> running = settled.present().stream()
                                    .filter(n -> stopIds.contains(n.id()) && n.state() == NodeState.RUNNING)
                                    .map(NodeRecord::id)
                                    .toList();
                            scope.ec2().stop(running);
                            return waiter.await(
                                    "all nodes stopped", spec.readyTimeout(), "stop() again waits for them", inv -> {
                                        long notStopped = inv.live().stream()
                                                .filter(n -> stopIds.contains(n.id()) && n.state() != NodeState.STOPPED)
                                                .count();
                                        return notStopped == 0
                                                ? Optional.empty()
                                                : Optional.of(notStopped + " node(s) not yet stopped");
                                    });
                        });
        return stopped.describe();
    }

    /** destroy(): every node terminated (again while late ones appear), then the groups deleted. */
    public static Void destroy(OperationScope scope) {
        ClusterSpec spec = scope.spec();
        Inventory current = scope.lookup();
        if (!current.exists()) {
            LOG.info(
                    "cluster '{}' does not exist in {}; nothing to destroy",
                    spec.name(),
                    scope.ec2().region());
            return null;
        }
        // Terminated nodes: those already gone, and each round's (its waits read only live nodes).
        Set<String> terminated = current.nodes().stream()
                .filter(n -> n.state().isGone())
                .map(NodeRecord::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (int round = 0; round < DESTROY_ROUNDS && !current.live().isEmpty(); round++) {
            Inventory target = current;
            Set<String> ids =
                    target.live().stream().map(NodeRecord::id).collect(Collectors.toCollection(LinkedHashSet::new));
            terminated.addAll(ids);
            current = scope.events()
                    .step(
                            Step.TERMINATE_INSTANCES,
                            ids.size() + " node(s)",
                            () -> TerminateStage.run(
                                    scope,
                                    target,
                                    ids,
                                    "all nodes terminated",
                                    "node(s)",
                                    "destroy() again waits for them"));
        }
        KnownHostsCleanup.forget(scope.services().homeDirectory(), terminated);
        if (!current.live().isEmpty()) {
            throw new ClusterStateException(
                    "cluster '" + spec.name() + "' keeps getting new nodes while being destroyed"
                            + " (another launch or resume is running?): stop it, then destroy() again");
        }
        Inventory remaining = current;
        if (!remaining.groupIds().isEmpty()) {
            scope.events()
                    .step(
                            Step.DELETE_SECURITY_GROUPS,
                            String.join(", ", remaining.groupIds()),
                            () -> new SecurityGroups(scope.ec2())
                                    .delete(
                                            remaining,
                                            scope.services().pollInterval(),
                                            spec.readyTimeout(),
                                            scope.operation()));
        }
        SshConfigFile.in(scope.services().homeDirectory())
                .forget(spec.name(), scope.ec2().region());
        return null;
    }

    /** removeSlaves(count): the newest {@code count} slaves terminated; at least one stays. */
    public static ClusterDescription removeSlaves(OperationScope scope, int count) {
        ClusterSpec spec = scope.spec();
        Inventory inventory = scope.requireNodes("remove slaves from");
        List<NodeRecord> slaves = inventory.present(NodeRole.SLAVE);
        if (count >= slaves.size()) {
            throw new ClusterStateException(
                    "cluster '" + spec.name() + "' has " + slaves.size() + " slave(s): removing "
                            + count + " would leave none, and a cluster keeps at least one"
                            + (slaves.size() > 1 ? " (removeSlaves(" + (slaves.size() - 1) + ") at most)" : "")
                            + "; destroy() removes the whole cluster");
        }
        List<NodeRecord> newest = slaves.stream()
                .sorted(Comparator.comparing((NodeRecord n) -> n.instance().launchTime())
                        .thenComparing(Inventory.LAUNCH_ORDER)
                        .reversed())
                .limit(count)
                .toList();
        Set<String> ids = newest.stream().map(NodeRecord::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Inventory after = scope.events()
                .step(
                        Step.REMOVE_SLAVES,
                        count + " slave(s): " + String.join(", ", ids),
                        () -> TerminateStage.run(
                                scope,
                                inventory,
                                ids,
                                "removed slaves terminated",
                                "slave(s)",
                                "removeSlaves() again waits for them"));
        KnownHostsCleanup.forget(scope.services().homeDirectory(), ids);
        return after.describe();
    }
}
