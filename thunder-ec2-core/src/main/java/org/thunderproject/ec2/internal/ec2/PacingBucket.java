package org.thunderproject.ec2.internal.ec2;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A client-side token bucket that makes callers wait for their tokens instead of being refused:
 * full at start, {@code refillPerSecond} tokens a second, never above capacity. Callers are
 * served in order of arrival; the waiting itself is the caller's (see {@link #reserve}), so the
 * bucket never sleeps while holding its lock.
 */
public final class PacingBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double refillPerSecond;
    private final LongSupplier ticker;
    private double tokens;
    private long lastRefill;

    /** A full bucket of {@code capacity} refilling {@code refillPerSecond}; {@code ticker} gives nanoseconds. */
    public PacingBucket(double capacity, double refillPerSecond, LongSupplier ticker) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "capacity must be at least 1 and refill positive: " + capacity + "/" + refillPerSecond);
        }
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.tokens = capacity;
        this.lastRefill = ticker.getAsLong();
    }

    /**
     * Takes {@code n} tokens, borrowing from the future when there are too few, and answers how
     * long the caller must wait before its call (zero when the tokens were there). A request larger
     * than the capacity is paced as a full bucket's worth.
     */
    public synchronized Duration reserve(double n) {
        long now = ticker.getAsLong();
        double elapsed = (now - lastRefill) / NANOS_PER_SECOND;
        tokens = Math.min(capacity, tokens + elapsed * refillPerSecond);
        lastRefill = now;
        tokens -= Math.min(n, capacity);
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / refillPerSecond * NANOS_PER_SECOND));
    }
}
