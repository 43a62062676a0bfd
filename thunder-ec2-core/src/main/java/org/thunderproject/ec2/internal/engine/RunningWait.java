package org.thunderproject.ec2.internal.engine;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.internal.ec2.ClusterLookup;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;

/**
 * The wait until every expected node (and any other present node) runs and has its addresses.
 * While nodes are pending, a round asks EC2 only for the cluster's pending instances: one describe
 * whose answer shrinks as nodes start, instead of reading the whole cluster (groups and every
 * instance, twice) each round. Once none is pending, the same round reads the whole cluster, which
 * alone decides that the wait is over (and sees nodes that went away or are not yet visible); it
 * also comes every {@link #WHOLE_READ_EVERY}, so a node that goes away while another stays pending
 * is noticed soon.
 */
final class RunningWait {
    /** The longest run of pending-only rounds between two reads of the whole cluster. */
    static final Duration WHOLE_READ_EVERY = Duration.ofSeconds(10);

    private final LaunchContext ctx;
    private final Set<String> expected;
    private final boolean expectPublic;
    private boolean narrow;
    private boolean lastNarrow;
    private long lastWholeRead = System.nanoTime();

    private RunningWait(LaunchContext ctx, Set<String> expected) {
        this.ctx = ctx;
        this.expected = expected;
        this.expectPublic = ctx.plan().expectPublicIp();
        // Nodes just launched or started are pending (or not yet visible); a running cluster is read whole.
        Map<String, NodeRecord> known = ctx.inventory().byId();
        this.narrow = expected.stream().anyMatch(id -> {
            NodeRecord node = known.get(id);
            return node == null || !node.readyForUse(expectPublic);
        });
    }

    /** Waits, as a {@link Step#WAIT_RUNNING} step, and keeps the final whole view in {@code ctx}. */
    static Inventory await(LaunchContext ctx, Set<String> expected) {
        RunningWait wait = new RunningWait(ctx, expected);
        Inventory done = ctx.events().step(Step.WAIT_RUNNING, expected.size() + " node(s)", () -> new NodeWaiter(
                        wait::read, ctx.events(), ctx.pollInterval(), ctx.operation())
                .await(
                        "all nodes running",
                        ctx.spec().readyTimeout(),
                        "resume() waits again, destroy() removes the cluster",
                        // EC2 has just answered "pending" for them: an earlier look would tell no more.
                        wait.narrow ? ctx.pollInterval() : Duration.ZERO,
                        wait::progress));
        ctx.update(done);
        return done;
    }

    private Inventory read() {
        if (narrow && System.nanoTime() - lastWholeRead < WHOLE_READ_EVERY.toNanos()) {
            Inventory pending = new ClusterLookup(ctx.ec2()).inState(ctx.inventory(), NodeState.PENDING);
            if (!pending.nodes().isEmpty()) {
                lastNarrow = true;
                return pending;
            }
        }
        lastNarrow = false;
        lastWholeRead = System.nanoTime();
        Inventory whole = ctx.refresh();
        Map<String, NodeRecord> seen = whole.byId();
        narrow = whole.present().stream().anyMatch(n -> n.state() == NodeState.PENDING)
                || expected.stream().anyMatch(id -> !seen.containsKey(id));
        return whole;
    }

    private Optional<String> progress(Inventory inv) {
        if (lastNarrow) {
            return Optional.of(
                    inv.nodes().size() + " of " + all(ctx.inventory()).size() + " nodes still pending");
        }
        Map<String, NodeRecord> byId = inv.byId();
        Set<String> all = all(inv);
        int ready = 0;
        int unseen = 0;
        Map<NodeState, Long> notReady = new EnumMap<>(NodeState.class);
        for (String id : all) {
            NodeRecord node = byId.get(id);
            if (node == null) {
                unseen++;
                continue;
            }
            if (node.state().isGone()) {
                throw new ClusterStateException("node " + id + " ("
                        + node.role().tagValue() + ") went " + node.state().ec2Name()
                        + " while the cluster was starting (a spot interruption, or terminated by someone else):"
                        + " resume() replaces it, destroy() removes the cluster");
            }
            if (node.readyForUse(expectPublic)) {
                ready++;
            } else {
                notReady.merge(node.state(), 1L, Long::sum);
            }
        }
        if (ready == all.size()) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder(ready + " of " + all.size() + " nodes running with addresses");
        notReady.forEach(
                (state, count) -> reason.append(", ").append(count).append(' ').append(state.ec2Name()));
        if (unseen > 0) {
            reason.append(", ").append(unseen).append(" not yet visible");
        }
        return Optional.of(reason.toString());
    }

    private Set<String> all(Inventory inv) {
        Set<String> all = new LinkedHashSet<>(expected);
        inv.present().forEach(n -> all.add(n.id()));
        return all;
    }
}
