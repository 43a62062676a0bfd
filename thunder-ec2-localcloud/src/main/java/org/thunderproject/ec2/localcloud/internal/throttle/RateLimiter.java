package org.thunderproject.ec2.localcloud.internal.throttle;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.thunderproject.ec2.localcloud.internal.throttle.Ec2ThrottlePolicy.Limit;

/**
 * EC2's rate limits for one cloud: token buckets per region, client (access key) and bucket, made
 * on first use. A call passes when its request bucket has a token and, for instance actions, its
 * resource bucket has a token per instance; then it takes them, otherwise it takes nothing.
 */
public final class RateLimiter {

    private final LongSupplier ticker;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** Limits on the system's nanosecond clock. */
    public RateLimiter() {
        this(System::nanoTime);
    }

    /** Limits on {@code ticker} (nanoseconds), for tests. */
    public RateLimiter(LongSupplier ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Whether the call may run now; when it may, its tokens are taken. */
    public boolean admit(String region, String accessKey, String action, Map<String, String> params) {
        TokenBucket request = bucket(region, accessKey, Ec2ThrottlePolicy.requestLimit(action, params));
        Limit resourceLimit = Ec2ThrottlePolicy.resourceLimit(action);
        if (resourceLimit == null) {
            return request.tryTake(1);
        }
        TokenBucket resource = bucket(region, accessKey, resourceLimit);
        long count = Ec2ThrottlePolicy.resourceCount(action, params);
        // Both or neither: lock in a fixed order (request before resource) so two calls cannot deadlock.
        synchronized (request) {
            synchronized (resource) {
                if (!request.has(1) || !resource.has(count)) {
                    return false;
                }
                request.tryTake(1);
                resource.tryTake(count);
                return true;
            }
        }
    }

    private TokenBucket bucket(String region, String accessKey, Limit limit) {
        return buckets.computeIfAbsent(
                region + "\u0000" + accessKey + "\u0000" + limit.name(),
                k -> new TokenBucket(limit.capacity(), limit.refillPerSecond(), ticker));
    }
}
