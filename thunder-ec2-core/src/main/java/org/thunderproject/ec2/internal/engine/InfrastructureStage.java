package org.thunderproject.ec2.internal.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.ec2.ClusterGroups;
import org.thunderproject.ec2.internal.ec2.ClusterTags;
import org.thunderproject.ec2.internal.ec2.InstanceLauncher;
import org.thunderproject.ec2.internal.ec2.InstanceRecord;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.ec2.SecurityGroups;
import org.thunderproject.ec2.internal.ec2.ServicePorts;
import org.thunderproject.ec2.internal.services.BuiltInServices;

/**
 * {@link LaunchPhase#INFRASTRUCTURE}: both security groups with their rules (the services' ports
 * included, so no later phase changes EC2), every node requested (stopped ones started), and every
 * node running with its addresses. Does only what is missing.
 */
public final class InfrastructureStage implements LaunchStage {

    @Override
    public LaunchPhase phase() {
        return LaunchPhase.INFRASTRUCTURE;
    }

    @Override
    public void run(LaunchContext ctx) {
        ClusterSpec spec = ctx.spec();
        EventSink events = ctx.events();
        Inventory before = ctx.inventory();
        ClusterGroups groups = events.step(
                Step.SECURITY_GROUPS,
                ClusterTags.groupName(spec.name(), NodeRole.MASTER) + ", "
                        + ClusterTags.groupName(spec.name(), NodeRole.SLAVE),
                () -> new SecurityGroups(ctx.ec2())
                        .ensure(spec, before, ctx.plan().cidrs(), ctx.pollInterval(), ctx.operation()));

        Inventory inventory = ctx.refresh();
        // All EC2 work ends before SSH begins: the services' ports are known from the spec.
        ServicePorts.ensure(
                ctx.ec2(), inventory, BuiltInServices.forSpec(spec), ctx.plan().cidrs());
        startStopped(ctx, inventory);

        Inventory current = ctx.inventory();
        int missing = InstanceLauncher.missingCount(spec, current);
        List<InstanceRecord> launched = events.step(
                Step.RUN_INSTANCES,
                missing == 0 ? "nothing missing" : missing + " node(s): " + describeMissing(spec, current),
                () -> missing == 0
                        ? List.<InstanceRecord>of()
                        : new InstanceLauncher(
                                        ctx.ec2(),
                                        ctx.executor(),
                                        events,
                                        spec,
                                        ctx.plan(),
                                        groups,
                                        ctx.operation(),
                                        ctx.pollInterval())
                                .launchMissing(current));

        Set<String> expected = new LinkedHashSet<>();
        current.present().forEach(n -> expected.add(n.id()));
        launched.forEach(i -> expected.add(i.instanceId()));
        ctx.launched(launched.stream().map(InstanceRecord::instanceId).toList());
        RunningWait.await(ctx, expected);
        // Still before SSH: the nodes' shutdown behaviour and tags follow the autostop (new slaves the cluster's).
        AutostopOperations.markRunning(ctx);
    }

    private static String describeMissing(ClusterSpec spec, Inventory inventory) {
        boolean master = inventory.master().isEmpty();
        int slaves = InstanceLauncher.missingCount(spec, inventory) - (master ? 1 : 0);
        return (master ? "master " + spec.effectiveMasterInstanceType() + (slaves > 0 ? ", " : "") : "")
                + (slaves > 0
                        ? slaves + " slave(s) " + spec.instanceType()
                                + spec.spotPrice().map(p -> " (spot)").orElse("")
                        : "");
    }

    /** A resume of a stopped (or stopping) cluster starts its nodes again. */
    static void startStopped(LaunchContext ctx, Inventory inventory) {
        List<NodeRecord> resting = inventory.present().stream()
                .filter(n -> n.state() == NodeState.STOPPED || n.state() == NodeState.STOPPING)
                .toList();
        if (resting.isEmpty()) {
            return;
        }
        ctx.events().step(Step.START_INSTANCES, resting.size() + " stopped node(s)", () -> {
            Set<String> ids = resting.stream().map(NodeRecord::id).collect(Collectors.toSet());
            Inventory stopped = ctx.waiter()
                    .await(
                            "stopping nodes to stop",
                            ctx.spec().readyTimeout(),
                            "start() again when they have stopped",
                            inv -> {
                                long stopping = inv.present().stream()
                                        .filter(n -> ids.contains(n.id()) && n.state() == NodeState.STOPPING)
                                        .count();
                                return stopping == 0
                                        ? Optional.empty()
                                        : Optional.of(stopping + " node(s) still stopping");
                            });
            List<String> toStart = stopped.present().stream()
                    .filter(n -> ids.contains(n.id()) && n.state() == NodeState.STOPPED)
                    .map(NodeRecord::id)
                    .toList();
            ctx.ec2().start(toStart);
        });
    }
}
