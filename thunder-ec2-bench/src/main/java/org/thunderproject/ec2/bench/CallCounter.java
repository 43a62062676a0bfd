package org.thunderproject.ec2.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts the client's EC2 requests by action, retries included, through the SDK's interceptor hook. */
final class CallCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String action = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
        attempts.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    /** The counts so far, sorted by action, and starts anew. */
    synchronized Map<String, Long> takeCounts() {
        Map<String, Long> out = new TreeMap<>();
        attempts.forEach((action, n) -> out.put(action, n.sumThenReset()));
        out.values().removeIf(n -> n == 0);
        return out;
    }
}
