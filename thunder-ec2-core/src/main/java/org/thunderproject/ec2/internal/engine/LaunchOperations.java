package org.thunderproject.ec2.internal.engine;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterNotFoundException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.LaunchPlan;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;

/**
 * The operations that bring nodes up: launch, resume, addSlaves and start. Each is a preflight
 * that makes a {@link LaunchPlan}, then the engine's stages up to the requested phase.
 */
public final class LaunchOperations {
    private LaunchOperations() {}

    /** launch(): the name must be free. */
    public static ClusterDescription launch(OperationScope scope, LaunchPhase lastPhase) {
        return preflightThenStages(
                scope,
                "key file, key pair, name, network, image, addresses",
                OperationScope::lookup,
                (preflight, existing) -> {
                    preflight.checkNameFree(scope.spec(), existing);
                    return scope.spec();
                },
                lastPhase);
    }

    /** resume(): the cluster must exist; only what is missing happens. */
    public static ClusterDescription resume(OperationScope scope, LaunchPhase lastPhase) {
        return preflightThenStages(
                scope,
                "key file, key pair, what exists, network, image, addresses",
                OperationScope::lookup,
                (preflight, existing) -> {
                    if (!existing.exists()) {
                        throw new ClusterNotFoundException(
                                scope.spec().name(), scope.ec2().region());
                    }
                    return scope.spec();
                },
                lastPhase);
    }

    /** addSlaves(count): a running cluster, launched toward {@code count} more slaves. */
    public static ClusterDescription addSlaves(OperationScope scope, int count, LaunchPhase lastPhase) {
        ClusterSpec spec = scope.spec();
        return preflightThenStages(
                scope,
                "key file, key pair, running cluster, network, image",
                s -> s.requireNodes("add slaves to"),
                (preflight, existing) -> {
                    if (existing.state() != ClusterState.RUNNING) {
                        throw new ClusterStateException(
                                "cluster '" + spec.name() + "' is " + existing.state() + ", not running: "
                                        + (existing.state() == ClusterState.STOPPED ? "start() it" : "resume() it")
                                        + " before adding slaves");
                    }
                    return spec.toBuilder()
                            .slaves(existing.present(NodeRole.SLAVE).size() + count)
                            .build();
                },
                lastPhase);
    }

    /** start(): the stopped nodes started and running, then the stages after infrastructure. */
    public static ClusterDescription start(OperationScope scope, LaunchPhase lastPhase) {
        ClusterSpec spec = scope.spec();
        Inventory inventory = scope.requireNodes("start");
        LaunchPlan plan = new Preflight(scope.ec2(), scope.services().callerAddress(), scope.events()).startPlan(spec);
        LaunchContext ctx = scope.launchContext(spec, plan, inventory);
        InfrastructureStage.startStopped(ctx, inventory);
        Set<String> ids = ctx.inventory().present().stream()
                .map(NodeRecord::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Inventory running = RunningWait.await(ctx, ids);
        AutostopOperations.markRunning(ctx);
        int missing = spec.slaves() - running.present(NodeRole.SLAVE).size();
        if (running.master().isEmpty() || missing > 0) {
            scope.events()
                    .warning("cluster '" + spec.name() + "' lacks "
                            + (running.master().isEmpty() ? "its master" : "")
                            + (running.master().isEmpty() && missing > 0 ? " and " : "")
                            + (missing > 0 ? missing + " slave(s)" : "")
                            + " (terminated spot slaves?): resume() launches them");
        }
        scope.services().engine().runAfterStart(ctx, lastPhase);
        NotebookPortSync.afterServices(ctx, scope.services().callerAddress(), lastPhase);
        return ctx.inventory().describe();
    }

    /** Fails before any node starts when a later phase would need SSH and the identity file is unusable. */
    public static void checkIdentityForStart(ClusterSpec spec, LaunchPhase lastPhase) {
        if (lastPhase.compareTo(LaunchPhase.SSH_READY) >= 0) {
            ClusterSsh.identity(spec);
        }
    }

    /**
     * The common path of launch, resume and addSlaves: preflight (keys, what exists, then
     * {@code target}, which checks it and says which spec to launch toward), then the launch
     * stages up to {@code lastPhase}.
     */
    private static ClusterDescription preflightThenStages(
            OperationScope scope,
            String detail,
            Function<OperationScope, Inventory> existing,
            BiFunction<Preflight, Inventory, ClusterSpec> target,
            LaunchPhase lastPhase) {
        Preflight preflight = new Preflight(scope.ec2(), scope.services().callerAddress(), scope.events());
        LaunchContext ctx = scope.events().step(Step.PREFLIGHT, detail, () -> {
            String keyName = preflight.checkKeys(scope.spec());
            Inventory found = existing.apply(scope);
            ClusterSpec wanted = target.apply(preflight, found);
            return scope.launchContext(wanted, preflight.plan(wanted, keyName), found);
        });
        scope.services().engine().run(ctx, lastPhase);
        NotebookPortSync.afterServices(ctx, scope.services().callerAddress(), lastPhase);
        return ctx.inventory().describe();
    }
}
