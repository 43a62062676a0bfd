package org.thunderproject.ec2.localcloud.internal.throttle;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** EC2 calls the cloud answered, by action, and how many of them it throttled. */
public final class CallCounts {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

    /** Counts one call of {@code action}, throttled or not. */
    public void record(String action, boolean wasThrottled) {
        calls.computeIfAbsent(action, a -> new LongAdder()).increment();
        if (wasThrottled) {
            throttled.computeIfAbsent(action, a -> new LongAdder()).increment();
        }
    }

    /** Calls by action, sorted by name. */
    public Map<String, Long> calls() {
        return snapshot(calls);
    }

    /** Throttled calls by action, sorted by name. */
    public Map<String, Long> throttled() {
        return snapshot(throttled);
    }

    /** Forgets every count. */
    public void reset() {
        calls.clear();
        throttled.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((action, n) -> out.put(action, n.sum()));
        return out;
    }
}
