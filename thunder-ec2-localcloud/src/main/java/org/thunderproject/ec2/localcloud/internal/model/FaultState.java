package org.thunderproject.ec2.localcloud.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.thunderproject.ec2.localcloud.internal.faults.ActionHolds;

/** The faults in force, thread-safe. The public face is {@code Faults}. */
public final class FaultState {

    private int throttleAny;
    private final Map<String, Integer> throttleByAction = new LinkedHashMap<>();
    private double throttleFraction;
    private Random throttleRandom;
    private final Set<String> noCapacity = new LinkedHashSet<>();
    private int neverLeavePending;
    private final ActionHolds holds = new ActionHolds();

    /** Delays and gatherings of chosen actions (they hold the request thread, not the cloud lock). */
    public ActionHolds holds() {
        return holds;
    }

    /** Throttles the next {@code count} calls of {@code action}, or of any action when null. */
    public synchronized void throttleNext(int count, String action) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (action == null) {
            throttleAny += count;
        } else {
            throttleByAction.merge(action, count, Integer::sum);
        }
    }

    /** Throttles each call with probability {@code fraction}, drawn from a generator seeded with {@code seed}. */
    public synchronized void throttleFraction(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within [0, 1]: " + fraction);
        }
        throttleFraction = fraction;
        throttleRandom = new Random(seed);
    }

    /** Makes RunInstances/StartInstances of {@code type} in {@code zone} fail for lack of capacity. */
    public synchronized void insufficientCapacity(String type, String zone) {
        noCapacity.add(Objects.requireNonNull(type, "type") + "@" + Objects.requireNonNull(zone, "zone"));
    }

    /** The next {@code count} launched instances stay pending until terminated. */
    public synchronized void neverLeavePending(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        neverLeavePending += count;
    }

    /** Whether this call of {@code action} is throttled (consumes one from the counters). */
    public synchronized boolean shouldThrottle(String action) {
        Integer forAction = throttleByAction.get(action);
        if (forAction != null && forAction > 0) {
            throttleByAction.put(action, forAction - 1);
            return true;
        }
        if (throttleAny > 0) {
            throttleAny--;
            return true;
        }
        return throttleFraction > 0 && throttleRandom.nextDouble() < throttleFraction;
    }

    /** Whether {@code type} lacks capacity in {@code zone}. */
    public synchronized boolean noCapacity(String type, String zone) {
        return noCapacity.contains(type + "@" + zone);
    }

    /** Whether the next launched instance must stay pending (consumes one). */
    public synchronized boolean takeNeverLeavePending() {
        if (neverLeavePending > 0) {
            neverLeavePending--;
            return true;
        }
        return false;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        throttleAny = 0;
        throttleByAction.clear();
        throttleFraction = 0;
        throttleRandom = null;
        noCapacity.clear();
        neverLeavePending = 0;
        holds.clear();
    }

    /** A one-line summary of the faults in force. */
    public synchronized String describe() {
        List<String> parts = new ArrayList<>();
        if (throttleAny > 0) {
            parts.add("throttleNext=" + throttleAny);
        }
        throttleByAction.forEach((action, n) -> {
            if (n > 0) {
                parts.add("throttleNext[" + action + "]=" + n);
            }
        });
        if (throttleFraction > 0) {
            parts.add("throttleFraction=" + throttleFraction);
        }
        if (!noCapacity.isEmpty()) {
            parts.add("insufficientCapacity=" + String.join(",", noCapacity));
        }
        if (neverLeavePending > 0) {
            parts.add("neverLeavePending=" + neverLeavePending);
        }
        parts.addAll(holds.describe());
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
