package org.thunderproject.ec2.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delays between the rounds of a {@link Wait}: start at {@code initial}, grow by {@code factor}
 * up to {@code max}, each delay shortened by up to {@code jitter} (a fraction) at random so that
 * many waiters do not poll in step. Jitter only shortens: a wait never polls later than planned.
 */
public record Backoff(Duration initial, double factor, Duration max, double jitter) {

    /** Checks the values. */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0 || factor < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException(
                    "bad backoff " + initial + " x" + factor + " up to " + max + " jitter " + jitter);
        }
    }

    /** Polling every {@code pollInterval} at first, then half as long again each time, up to five intervals. */
    public static Backoff growing(Duration pollInterval) {
        return new Backoff(pollInterval, 1.5, pollInterval.multipliedBy(5), 0.2);
    }

    /** Polling every {@code interval}, always. */
    public static Backoff fixed(Duration interval) {
        return new Backoff(interval, 1, interval, 0);
    }

    /** The planned delay after {@code current}. */
    public Duration next(Duration current) {
        Duration grown = Duration.ofNanos((long) (current.toNanos() * factor));
        return grown.compareTo(max) > 0 ? max : grown;
    }

    /** {@code delay} shortened by the jitter. */
    public Duration jittered(Duration delay) {
        if (jitter == 0) {
            return delay;
        }
        double keep = 1 - jitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (delay.toNanos() * keep));
    }
}
