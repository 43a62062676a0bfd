package org.thunderproject.ec2.internal.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.thunderproject.ec2.WaitTimeoutException;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.Interrupts;
import org.thunderproject.ec2.internal.Waits;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;

/**
 * Polls the cluster (one batched, filtered describe per round) until a condition holds, reporting
 * node state changes and what it is waiting for; polls at the fixed poll interval (short, so a
 * state change is seen soon, and within EC2's describe budget), and gives up at a deadline.
 */
public final class NodeWaiter {
  /** Repeat an unchanged Waiting event at most this often. */
  private static final Duration REPEAT_WAITING = Duration.ofSeconds(10);

  private final Supplier<Inventory> refresh;
  private final EventSink events;
  private final Duration pollInterval;
  private final String operation;

  /** A waiter that reads the cluster with {@code refresh}. */
  public NodeWaiter(Supplier<Inventory> refresh, EventSink events, Duration pollInterval, String operation) {
    this.refresh = refresh;
    this.events = events;
    this.pollInterval = pollInterval;
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
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Duration delay = pollInterval;
    String lastReason = null;
    long lastReported = 0;
    while (true) {
      Inventory inventory = refresh.get();
      for (NodeRecord node : inventory.nodes()) {
        events.nodeSeen(node.id(), node.role(), node.state());
      }
      Optional<String> reason = progress.apply(inventory);
      if (reason.isEmpty()) {
        return inventory;
      }
      long now = System.nanoTime();
      Duration elapsed = Duration.ofNanos(now - start);
      if (now >= deadline) {
        throw new WaitTimeoutException(what + " did not happen within " + timeout + " (" + reason.get() + "); " + hint);
      }
      if (!reason.get().equals(lastReason) || now - lastReported >= REPEAT_WAITING.toNanos()) {
        events.waiting(reason.get(), elapsed);
        lastReason = reason.get();
        lastReported = now;
      }
      Duration remaining = Duration.ofNanos(deadline - now);
      Interrupts.sleep(delay.compareTo(remaining) < 0 ? delay : remaining, operation);
    }
  }
}
