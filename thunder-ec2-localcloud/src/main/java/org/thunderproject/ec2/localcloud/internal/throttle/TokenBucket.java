package org.thunderproject.ec2.localcloud.internal.throttle;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * EC2's token bucket: it holds up to {@code capacity} tokens, starts full, and gains
 * {@code refillPerSecond} tokens every second (continuously, never above capacity). A call takes
 * its tokens or, when there are not enough, takes none and is refused. The clock is a nanosecond
 * ticker, injectable so the maths is tested without waiting.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final long capacity;
    private final double refillPerSecond;
    private final LongSupplier ticker;
    private double tokens;
    private long lastRefill;

    /** A full bucket of {@code capacity} tokens refilling {@code refillPerSecond} per second. */
    public TokenBucket(long capacity, double refillPerSecond, LongSupplier ticker) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "capacity and refill must be positive: " + capacity + "/" + refillPerSecond);
        }
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.tokens = capacity;
        this.lastRefill = ticker.getAsLong();
    }

    /** The size of the bucket. */
    public long capacity() {
        return capacity;
    }

    /** Tokens added per second. */
    public double refillPerSecond() {
        return refillPerSecond;
    }

    /** Whether {@code n} tokens are there now (takes nothing). */
    public synchronized boolean has(long n) {
        refill();
        return tokens >= n;
    }

    /** Takes {@code n} tokens when there are that many; otherwise takes none and answers false. */
    public synchronized boolean tryTake(long n) {
        refill();
        if (tokens < n) {
            return false;
        }
        tokens -= n;
        return true;
    }

    /** The whole tokens there are now. */
    public synchronized long available() {
        refill();
        return (long) Math.floor(tokens);
    }

    private void refill() {
        long now = ticker.getAsLong();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / NANOS_PER_SECOND * refillPerSecond);
            lastRefill = now;
        }
    }

    @Override
    public String toString() {
        return capacity + "/" + refillPerSecond;
    }
}
