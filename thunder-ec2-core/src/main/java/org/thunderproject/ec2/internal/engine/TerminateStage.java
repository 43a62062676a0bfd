package org.thunderproject.ec2.internal.engine;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.thunderproject.ec2.internal.ec2.Inventory;
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
     */
    static Inventory run(
            OperationScope scope,
            Inventory inventory,
            Collection<String> ids,
            String awaited,
            String unit,
            String hint) {
        Set<String> gone = new LinkedHashSet<>(ids);
        new SecurityGroups(scope.ec2()).rotateLaunchId(inventory);
        scope.ec2().terminate(gone);
        return scope.waiter().await(awaited, scope.spec().readyTimeout(), hint, inv -> {
            long left = inv.live().stream().filter(n -> gone.contains(n.id())).count();
            return left == 0
                    ? Optional.empty()
                    : Optional.of(left + " of " + gone.size() + " " + unit + " still shutting down");
        });
    }
}
