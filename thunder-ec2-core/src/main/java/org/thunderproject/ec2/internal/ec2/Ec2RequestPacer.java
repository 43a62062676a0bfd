package org.thunderproject.ec2.internal.ec2;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.thunderproject.ec2.internal.Interrupts;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/**
 * Keeps one EC2 client within EC2's request throttling ("Request throttling for the Amazon EC2
 * API"): before every attempt (retries included) it waits for a token of the call's request
 * bucket and, for calls that launch, start, stop or terminate instances, a token per instance of
 * the resource bucket. Its buckets refill at {@value #MARGIN} of EC2's rate, so that calls that
 * arrive closer together than they left still fit; the SDK's throttling retries remain for what
 * other clients of the same account use up.
 */
public final class Ec2RequestPacer implements ExecutionInterceptor {

    /** The share of EC2's refill rate this client uses. */
    static final double MARGIN = 0.9;

    private record Limit(String name, double capacity, double refillPerSecond) {}

    private static final Limit NON_MUTATING = new Limit("non-mutating", 100, 20);
    private static final Limit MUTATING = new Limit("mutating", 50, 5);
    private static final Limit RESOURCE_INTENSIVE = new Limit("resource-intensive", 50, 5);
    private static final Map<String, Limit> REQUEST = Map.of(
            "AuthorizeSecurityGroupIngress", RESOURCE_INTENSIVE,
            "RevokeSecurityGroupIngress", RESOURCE_INTENSIVE,
            "CreateKeyPair", RESOURCE_INTENSIVE,
            "RunInstances", new Limit("RunInstances", 5, 2),
            "StartInstances", new Limit("StartInstances", 5, 2),
            "TerminateInstances", new Limit("TerminateInstances", 100, 5),
            "CreateTags", new Limit("CreateTags", 100, 10),
            "DeleteTags", new Limit("DeleteTags", 100, 10));
    private static final Map<String, Limit> INSTANCES = Map.of(
            "RunInstances", new Limit("RunInstances instances", 1000, 2),
            "StartInstances", new Limit("StartInstances instances", 1000, 2),
            "TerminateInstances", new Limit("TerminateInstances instances", 1000, 20),
            "StopInstances", new Limit("StopInstances instances", 1000, 20));

    private final LongSupplier ticker;
    private final Map<String, PacingBucket> buckets = new ConcurrentHashMap<>();

    /** A pacer on the system's clock. */
    public Ec2RequestPacer() {
        this(System::nanoTime);
    }

    /** A pacer on {@code ticker} (nanoseconds), for tests. */
    Ec2RequestPacer(LongSupplier ticker) {
        this.ticker = ticker;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Duration wait = reserve(context.request());
        if (!wait.isZero()) {
            Interrupts.sleep(wait, "EC2 " + action(context.request()));
        }
    }

    /** Takes the tokens of {@code request} and answers how long to wait before sending it. */
    Duration reserve(SdkRequest request) {
        String action = action(request);
        Duration wait = bucket(REQUEST.getOrDefault(action, nonMutating(action) ? NON_MUTATING : MUTATING))
                .reserve(1);
        Limit instanceLimit = INSTANCES.get(action);
        if (instanceLimit != null) {
            Duration instancesWait = bucket(instanceLimit).reserve(instances(request));
            wait = instancesWait.compareTo(wait) > 0 ? instancesWait : wait;
        }
        return wait;
    }

    private PacingBucket bucket(Limit limit) {
        return buckets.computeIfAbsent(
                limit.name(), n -> new PacingBucket(limit.capacity(), limit.refillPerSecond() * MARGIN, ticker));
    }

    private static boolean nonMutating(String action) {
        return action.startsWith("Describe") || action.startsWith("Get");
    }

    static String action(SdkRequest request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }

    private static int instances(SdkRequest request) {
        if (request instanceof RunInstancesRequest r) {
            return r.maxCount() == null ? 1 : Math.max(1, r.maxCount());
        }
        if (request instanceof StartInstancesRequest r) {
            return r.instanceIds().size();
        }
        if (request instanceof StopInstancesRequest r) {
            return r.instanceIds().size();
        }
        if (request instanceof TerminateInstancesRequest r) {
            return r.instanceIds().size();
        }
        return 1;
    }
}
