package org.thunderproject.ec2.localcloud.internal.throttle;

import java.util.Map;

/**
 * Which of EC2's token buckets a call draws from, after "Request throttling for the Amazon EC2
 * API": a request bucket per action category (capacity / refill per second), and for the calls
 * that create, start, stop or terminate instances a resource bucket counted in instances.
 */
public final class Ec2ThrottlePolicy {

    /**
     * A bucket's size and refill.
     *
     * @param name the bucket's name (a category or an action)
     * @param capacity tokens when full
     * @param refillPerSecond tokens added per second
     */
    public record Limit(String name, long capacity, double refillPerSecond) {}

    /** Describe and Get actions. */
    public static final Limit NON_MUTATING = new Limit("non-mutating", 100, 20);
    /** Describe actions without filters, ids or pagination. */
    public static final Limit UNFILTERED = new Limit("unfiltered-non-mutating", 50, 10);
    /** Every other action. */
    public static final Limit MUTATING = new Limit("mutating", 50, 5);
    /** The resource-intensive actions thunder-ec2 uses. */
    public static final Limit RESOURCE_INTENSIVE = new Limit("resource-intensive", 50, 5);

    private static final Map<String, Limit> REQUEST_BY_ACTION = Map.of(
            "AuthorizeSecurityGroupIngress", RESOURCE_INTENSIVE,
            "RevokeSecurityGroupIngress", RESOURCE_INTENSIVE,
            "CreateKeyPair", RESOURCE_INTENSIVE,
            "RunInstances", new Limit("RunInstances", 5, 2),
            "StartInstances", new Limit("StartInstances", 5, 2),
            "TerminateInstances", new Limit("TerminateInstances", 100, 5),
            "CreateTags", new Limit("CreateTags", 100, 10),
            "DeleteTags", new Limit("DeleteTags", 100, 10));

    private static final Map<String, Limit> RESOURCE_BY_ACTION = Map.of(
            "RunInstances", new Limit("RunInstances instances", 1000, 2),
            "StartInstances", new Limit("StartInstances instances", 1000, 2),
            "TerminateInstances", new Limit("TerminateInstances instances", 1000, 20),
            "StopInstances", new Limit("StopInstances instances", 1000, 20));

    private Ec2ThrottlePolicy() {}

    /** The request bucket of {@code action} called with {@code params}. */
    public static Limit requestLimit(String action, Map<String, String> params) {
        Limit specific = REQUEST_BY_ACTION.get(action);
        if (specific != null) {
            return specific;
        }
        if (action.startsWith("Describe") || action.startsWith("Get")) {
            return action.startsWith("Describe") && unfiltered(params) ? UNFILTERED : NON_MUTATING;
        }
        return MUTATING;
    }

    /** The resource bucket of {@code action}, or null when it has none. */
    public static Limit resourceLimit(String action) {
        return RESOURCE_BY_ACTION.get(action);
    }

    /** How many instances the call asks for: RunInstances' MaxCount, else the instance ids given. */
    public static long resourceCount(String action, Map<String, String> params) {
        if (action.equals("RunInstances")) {
            try {
                return Math.max(
                        1, Long.parseLong(params.getOrDefault("MaxCount", "1").trim()));
            } catch (NumberFormatException e) {
                return 1; // the action itself refuses it with EC2's error
            }
        }
        return params.keySet().stream().filter(k -> k.startsWith("InstanceId.")).count();
    }

    // No Filter.N, no MaxResults/NextToken and no id or name list: a whole-account listing.
    private static boolean unfiltered(Map<String, String> params) {
        for (String key : params.keySet()) {
            if (key.startsWith("Filter.")
                    || key.equals("MaxResults")
                    || key.equals("NextToken")
                    || key.matches("[A-Za-z]+(Id|Name)\\.\\d+")
                    || key.matches("Owner\\.\\d+")) {
                return false;
            }
        }
        return true;
    }
}
