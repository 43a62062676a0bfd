package org.thunderproject.ec2.internal.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.ec2.SecurityGroups;

/**
 * Terminate-and-wait, the one way nodes go (destroy, removeSlaves, the spot slaves of a stop): a
 * new launch generation first, so a later launch of replacements gets new ClientTokens instead of
 * EC2 answering with these nodes again; then terminate; then wait until they are gone.
 */
final class TerminateStage {
    private TerminateStage() {}

    /**
     * Terminates {@code ids} of the cluster seen as {@code inventory} and waits until they are gone.
     *
     * @param awaited what is awaited, for the timeout ("all nodes terminated")
     * @param unit what the nodes are, for progress ("node(s)", "slave(s)")
     * @param hint what the user can do after a timeout
     * @return the cluster without its terminated nodes (see {@link OperationScope#terminationWaiter})
     */
    static Inventory run(
            OperationScope scope,
            Inventory inventory,
            Collection<String> ids,
            String awaited,
            String unit,
            String hint) {
        Set<String> gone = new LinkedHashSet<>(ids);
        Map<String, NodeRecord> known = inventory.byId();
        new SecurityGroups(scope.ec2()).rotateLaunchId(inventory);
        Map<String, NodeState> answered = scope.ec2().terminate(gone);
        answered.forEach((id, state) -> seen(scope, known.get(id), state));
        // EC2 has just answered "shutting-down": a look sooner than one poll interval would tell no more.
        Duration firstLook = gone.stream().allMatch(id -> answered.get(id) == NodeState.TERMINATED)
                ? Duration.ZERO
                : scope.services().pollInterval();
        return scope.terminationWaiter().await(awaited, scope.spec().readyTimeout(), hint, firstLook, inv -> {
            Set<String> live = inv.live().stream().map(NodeRecord::id).collect(Collectors.toSet());
            long left = gone.stream().filter(live::contains).count();
            // Left out of a listing of live instances: terminated (or already forgotten by EC2).
            gone.stream()
                    .filter(id -> !live.contains(id))
                    .forEach(id -> seen(scope, known.get(id), NodeState.TERMINATED));
            return left == 0
                    ? Optional.empty()
                    : Optional.of(left + " of " + gone.size() + " " + unit + " still shutting down");
        });
    }

    private static void seen(OperationScope scope, NodeRecord node, NodeState state) {
        if (node != null) {
            scope.events().nodeSeen(node.id(), node.role(), state);
        }
    }
}
