package org.thunderproject.ec2.localcloud.internal.model;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A delay that varies from instance to instance as EC2's do: each draw is uniform in
 * base ± spread (never below zero), from a seeded generator so a run can be repeated.
 */
public final class BootSpread {

    private final Duration spread;
    private final SplittableRandom random;

    /** Draws within ± {@code spread}, seeded with {@code seed}. */
    public BootSpread(Duration spread, long seed) {
        this.spread = Objects.requireNonNull(spread, "spread");
        if (spread.isNegative()) {
            throw new IllegalArgumentException("spread must not be negative: " + spread);
        }
        this.random = new SplittableRandom(seed);
    }

    /** No spread: every draw is the base. */
    public static BootSpread none() {
        return new BootSpread(Duration.ZERO, 0);
    }

    /** The spread. */
    public Duration spread() {
        return spread;
    }

    /** A delay uniform in {@code base} ± spread, at least zero. */
    public synchronized Duration draw(Duration base) {
        long spreadNanos = spread.toNanos();
        if (spreadNanos == 0) {
            return base;
        }
        long offset = random.nextLong(-spreadNanos, spreadNanos + 1);
        return Duration.ofNanos(Math.max(0, base.toNanos() + offset));
    }
}
