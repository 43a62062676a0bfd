package org.thunderproject.ec2.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.thunderproject.ec2.WaitTimeoutException;

/**
 * The one way core waits for something: run a round, and while it says "not yet" (with a reason),
 * sleep the {@link Backoff}'s next delay, never past the deadline; an interrupt ends the wait with
 * {@code OperationInterruptedException}; at the deadline the last reason goes into the timeout.
 *
 * <pre>{@code
 * Inventory done = Wait.of("all nodes stopped", timeout, Backoff.growing(poll), op)
 *     .reporting(events::waiting)
 *     .until(() -> {
 *       Inventory now = lookup();
 *       long left = count(now);
 *       return left == 0 ? Round.done(now) : Round.pending(left + " node(s) not yet stopped");
 *     });
 * }</pre>
 */
public final class Wait {
    /** Repeat an unchanged reason to the progress listener at most this often. */
    static final Duration REPEAT_REPORT = Duration.ofSeconds(10);

    private final String what;
    private final Duration timeout;
    private final Backoff backoff;
    private final String operation;
    private final BiConsumer<String, Duration> progress;
    private final Duration firstRoundAfter;

    private Wait(
            String what,
            Duration timeout,
            Backoff backoff,
            String operation,
            BiConsumer<String, Duration> progress,
            Duration firstRoundAfter) {
        this.what = Objects.requireNonNull(what, "what");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.progress = progress;
        this.firstRoundAfter = Objects.requireNonNull(firstRoundAfter, "firstRoundAfter");
    }

    /**
     * A wait for {@code what} (named in the timeout) of at most {@code timeout}, as part of
     * {@code operation} (named when interrupted).
     */
    public static Wait of(String what, Duration timeout, Backoff backoff, String operation) {
        return new Wait(what, timeout, backoff, operation, (reason, elapsed) -> {}, Duration.ZERO);
    }

    /** This wait, telling {@code listener} each new reason (and an unchanged one every 10 seconds). */
    public Wait reporting(BiConsumer<String, Duration> listener) {
        return new Wait(
                what, timeout, backoff, operation, Objects.requireNonNull(listener, "listener"), firstRoundAfter);
    }

    /**
     * This wait, its first round only after {@code delay} (at most the timeout): for a condition
     * that the call just made says cannot hold sooner.
     */
    public Wait firstRoundAfter(Duration delay) {
        return new Wait(what, timeout, backoff, operation, progress, delay);
    }

    /** The outcome of one round: done with a value, or pending with the reason (and the failure behind it). */
    public record Round<T>(T value, String reason, RuntimeException cause) {
        /** Done: the wait returns {@code value}. */
        public static <T> Round<T> done(T value) {
            return new Round<>(value, null, null);
        }

        /** Not yet, because of {@code reason}. */
        public static <T> Round<T> pending(String reason) {
            return new Round<>(null, Objects.requireNonNull(reason, "reason"), null);
        }

        /** Not yet: {@code cause} failed in a way that passes (EC2 has not propagated something yet). */
        public static <T> Round<T> pending(String reason, RuntimeException cause) {
            return new Round<>(null, Objects.requireNonNull(reason, "reason"), cause);
        }

        /** Whether the wait is over. */
        public boolean isDone() {
            return reason == null;
        }
    }

    /**
     * Runs rounds until one is done and returns its value.
     *
     * @throws WaitTimeoutException at the deadline: "WHAT did not happen within TIMEOUT (REASON)"
     */
    public <T> T until(Supplier<Round<T>> round) {
        return until(round, last -> {
            throw new WaitTimeoutException(what + " did not happen within " + timeout + " (" + last.reason() + ")");
        });
    }

    /**
     * Runs rounds until one is done and returns its value; at the deadline returns what
     * {@code onTimeout} makes of the last round (or throws what it throws).
     */
    public <T> T until(Supplier<Round<T>> round, Function<Round<T>, T> onTimeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Duration delay = backoff.initial();
        String lastReported = null;
        long lastReportedAt = 0;
        if (!firstRoundAfter.isZero()) {
            Interrupts.sleep(firstRoundAfter.compareTo(timeout) < 0 ? firstRoundAfter : timeout, operation);
        }
        while (true) {
            Interrupts.check(operation);
            Round<T> outcome = round.get();
            if (outcome.isDone()) {
                return outcome.value();
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return onTimeout.apply(outcome);
            }
            if (!outcome.reason().equals(lastReported) || now - lastReportedAt >= REPEAT_REPORT.toNanos()) {
                progress.accept(outcome.reason(), Duration.ofNanos(now - start));
                lastReported = outcome.reason();
                lastReportedAt = now;
            }
            Duration sleep = backoff.jittered(delay);
            Duration remaining = Duration.ofNanos(deadline - now);
            Interrupts.sleep(sleep.compareTo(remaining) < 0 ? sleep : remaining, operation);
            delay = backoff.next(delay);
        }
    }
}
