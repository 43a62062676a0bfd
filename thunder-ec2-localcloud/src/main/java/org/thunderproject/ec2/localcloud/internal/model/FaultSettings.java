package org.thunderproject.ec2.localcloud.internal.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Faults and timings set from text (the standalone server's flags and its admin endpoint):
 * <ul>
 *   <li>{@code clear=true}: removes all faults and restores the configured timings (applied first);
 *   <li>{@code throttleNext=N} with optional {@code throttleAction=RunInstances};
 *   <li>{@code throttleFraction=0.2} with optional {@code throttleSeed=42};
 *   <li>{@code insufficientCapacity=m5.large@us-east-1a} (comma-separated for several);
 *   <li>{@code neverLeavePending=N};
 *   <li>{@code delayAction=CreateSecurityGroup} with {@code delayMillis=500} (0 removes it);
 *   <li>{@code gatherAction=CreateSecurityGroup} with {@code gatherCalls=2};
 *   <li>{@code pendingMillis}, {@code stoppingMillis}, {@code shuttingDownMillis}: transition times.
 * </ul>
 */
public final class FaultSettings {

    private final FaultState faults;
    private final Timings timings;

    /** Settings that change {@code faults} and {@code timings}. */
    public FaultSettings(FaultState faults, Timings timings) {
        this.faults = Objects.requireNonNull(faults, "faults");
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /** Applies {@code settings}; unknown keys and bad values are an {@link IllegalArgumentException}. */
    public void apply(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!key.matches("clear|throttleNext|throttleAction|throttleFraction|throttleSeed|insufficientCapacity"
                    + "|neverLeavePending|pendingMillis|stoppingMillis|shuttingDownMillis|delayAction|delayMillis"
                    + "|gatherAction|gatherCalls")) {
                throw new IllegalArgumentException("unknown fault setting '" + key + "'");
            }
        }
        if (Boolean.parseBoolean(settings.get("clear"))) {
            faults.clear();
            timings.reset();
        }
        if (settings.containsKey("throttleNext")) {
            faults.throttleNext(integer(settings, "throttleNext"), settings.get("throttleAction"));
        }
        if (settings.containsKey("throttleFraction")) {
            long seed = settings.containsKey("throttleSeed")
                    ? Long.parseLong(settings.get("throttleSeed").trim())
                    : 0L;
            faults.throttleFraction(
                    Double.parseDouble(settings.get("throttleFraction").trim()), seed);
        }
        String capacity = settings.get("insufficientCapacity");
        if (capacity != null) {
            for (String entry : capacity.split(",")) {
                String[] parts = entry.trim().split("@");
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw new IllegalArgumentException(
                            "insufficientCapacity takes TYPE@ZONE, e.g. m5.large@us-east-1a: " + entry);
                }
                faults.insufficientCapacity(parts[0], parts[1]);
            }
        }
        if (settings.containsKey("neverLeavePending")) {
            faults.neverLeavePending(integer(settings, "neverLeavePending"));
        }
        pair(settings, "delayAction", "delayMillis");
        if (settings.containsKey("delayAction")) {
            faults.holds().delay(settings.get("delayAction").trim(), millis(settings, "delayMillis", Duration.ZERO));
        }
        pair(settings, "gatherAction", "gatherCalls");
        if (settings.containsKey("gatherAction")) {
            faults.holds().gather(settings.get("gatherAction").trim(), integer(settings, "gatherCalls"));
        }
        if (settings.containsKey("pendingMillis")
                || settings.containsKey("stoppingMillis")
                || settings.containsKey("shuttingDownMillis")) {
            timings.set(
                    millis(settings, "pendingMillis", timings.pending()),
                    millis(settings, "stoppingMillis", timings.stopping()),
                    millis(settings, "shuttingDownMillis", timings.shuttingDown()));
        }
    }

    /** The faults and timings in force, one line. */
    public String describe() {
        return "faults: " + faults.describe() + "; timings: " + timings;
    }

    private static void pair(Map<String, String> settings, String action, String amount) {
        if (settings.containsKey(action) != settings.containsKey(amount)) {
            throw new IllegalArgumentException(action + " and " + amount + " go together, e.g. " + action
                    + "=CreateSecurityGroup&" + amount + "=" + (amount.endsWith("Millis") ? "500" : "2"));
        }
    }

    private static int integer(Map<String, String> settings, String key) {
        try {
            return Integer.parseInt(settings.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer: " + settings.get(key));
        }
    }

    private static Duration millis(Map<String, String> settings, String key, Duration current) {
        String value = settings.get(key);
        if (value == null) {
            return current;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds: " + value);
        }
    }
}
