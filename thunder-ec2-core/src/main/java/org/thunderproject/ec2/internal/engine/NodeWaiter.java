package org.thunderproject.ec2.internal.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.thunderproject.ec2.WaitTimeoutException;
import org.thunderproject.ec2.internal.Backoff;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.Wait;
import org.thunderproject.ec2.internal.Wait.Round;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;

/**
 * Polls the cluster (one batched, filtered describe per round) until a condition holds, reporting
 * node state changes and what it is waiting for; a {@link Wait}, by default at the fixed poll
 * interval (short, so a state change is seen soon, and within EC2's describe budget).
 */
public final class NodeWaiter {
    private final Supplier<Inventory> refresh;
    private final EventSink events;
    private final Backoff backoff;
    private final String operation;

    /** A waiter that reads the cluster with {@code refresh}, at first every {@code pollInterval}. */
    public NodeWaiter(Supplier<Inventory> refresh, EventSink events, Duration pollInterval, String operation) {
        this(refresh, events, Backoff.fixed(pollInterval), operation);
    }

    /** A waiter that reads the cluster with {@code refresh}, pausing by {@code backoff}. */
    public NodeWaiter(Supplier<Inventory> refresh, EventSink events, Backoff backoff, String operation) {
        this.refresh = refresh;
        this.events = events;
        this.backoff = backoff;
        this.operation = operation;
    }

    /** A check of one round: empty when done, else what is still awaited. */
    @FunctionalInterface
    public interface Progress extends Function<Inventory, Optional<String>> {}

    /**
     * Polls until {@code progress} reports nothing left to wait for, and returns that inventory.
     *
     * @param what what is awaited, for the timeout message
     * @param timeout the bound
     * @param hint what the user can do after a timeout
     * @throws WaitTimeoutException after {@code timeout}
     */
    public Inventory await(String what, Duration timeout, String hint, Progress progress) {
        return await(what, timeout, hint, Duration.ZERO, progress);
    }

    /**
     * {@link #await(String, Duration, String, Progress)}, the first look only after {@code
     * firstLook}: for a change that the call just made says has not happened yet.
     */
    public Inventory await(String what, Duration timeout, String hint, Duration firstLook, Progress progress) {
        return Wait.of(what, timeout, backoff, operation)
                .reporting(events::waiting)
                .firstRoundAfter(firstLook)
                .until(
                        () -> {
                            Inventory inventory = refresh.get();
                            for (NodeRecord node : inventory.nodes()) {
                                events.nodeSeen(node.id(), node.role(), node.state());
                            }
                            Optional<String> reason = progress.apply(inventory);
                            return reason.isEmpty() ? Round.done(inventory) : Round.<Inventory>pending(reason.get());
                        },
                        last -> {
                            throw new WaitTimeoutException(
                                    what + " did not happen within " + timeout + " (" + last.reason() + "); " + hint);
                        });
    }
}
