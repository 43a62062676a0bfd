package org.thunderproject.ec2.localcloud;

import java.time.Duration;
import java.util.Objects;
import org.thunderproject.ec2.localcloud.internal.model.FaultState;
import org.thunderproject.ec2.localcloud.internal.model.Timings;

/**
 * Fault injection for a {@link LocalCloud}: what real EC2 does to clients on a bad day. Faults
 * add up until {@link #clear()}; all methods are thread-safe and take effect on the next call.
 *
 * <ul>
 *   <li>{@link #throttleNext(int)}: the next calls fail with {@code RequestLimitExceeded} (HTTP
 *       503), which the AWS SDK retries with backoff;
 *   <li>{@link #throttleFraction(double, long)}: a seeded, repeatable share of calls is throttled;
 *   <li>{@link #insufficientCapacity(String, String)}: RunInstances/StartInstances of a type in a
 *       zone fail with {@code InsufficientInstanceCapacity} (a launch without a zone gets a zone
 *       that has capacity, as in EC2);
 *   <li>{@link #neverLeavePending(int)}: the next instances stay {@code pending} until terminated;
 *   <li>{@link #transitionTimes(Duration, Duration, Duration)}: slower (or faster) transitions;
 *   <li>{@link #delay(String, Duration)}: every call of an action waits before it runs;
 *   <li>{@link #gather(String, int)}: the next calls of an action wait for one another, then run
 *       together, which forces a race (two launches of one name) instead of hoping for it.
 * </ul>
 *
 * <p>The standalone server takes the same settings over HTTP at {@code /_localcloud/faults}:
 * {@code GET} shows the faults in force, {@code POST} (form-encoded) changes them:
 * <pre>
 * curl -d throttleNext=3 -d throttleAction=RunInstances http://127.0.0.1:4566/_localcloud/faults
 * curl -d throttleFraction=0.2 -d throttleSeed=7 http://127.0.0.1:4566/_localcloud/faults
 * curl -d insufficientCapacity=m5.large@us-east-1a http://127.0.0.1:4566/_localcloud/faults
 * curl -d neverLeavePending=2 http://127.0.0.1:4566/_localcloud/faults
 * curl -d delayAction=RunInstances -d delayMillis=500 http://127.0.0.1:4566/_localcloud/faults
 * curl -d gatherAction=CreateSecurityGroup -d gatherCalls=2 http://127.0.0.1:4566/_localcloud/faults
 * curl -d pendingMillis=5000 -d stoppingMillis=3000 -d shuttingDownMillis=3000 http://127.0.0.1:4566/_localcloud/faults
 * curl -d clear=true http://127.0.0.1:4566/_localcloud/faults
 * </pre>
 */
public final class Faults {

    private final FaultState state;
    private final Timings timings;

    Faults(FaultState state, Timings timings) {
        this.state = Objects.requireNonNull(state, "state");
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /** The next {@code count} EC2 calls, of any action, answer {@code RequestLimitExceeded}. */
    public Faults throttleNext(int count) {
        state.throttleNext(count, null);
        return this;
    }

    /** The next {@code count} calls of {@code action} (e.g. {@code "RunInstances"}) are throttled. */
    public Faults throttleNext(int count, String action) {
        state.throttleNext(count, Objects.requireNonNull(action, "action"));
        return this;
    }

    /**
     * Each call is throttled with probability {@code fraction} (0 to 1), drawn from a generator
     * seeded with {@code seed}: the same sequence of calls sees the same throttling.
     */
    public Faults throttleFraction(double fraction, long seed) {
        state.throttleFraction(fraction, seed);
        return this;
    }

    /** {@code instanceType} has no capacity in {@code availabilityZone} (e.g. {@code us-east-1a}). */
    public Faults insufficientCapacity(String instanceType, String availabilityZone) {
        state.insufficientCapacity(instanceType, availabilityZone);
        return this;
    }

    /** The next {@code count} launched instances never leave {@code pending} (terminate still works). */
    public Faults neverLeavePending(int count) {
        state.neverLeavePending(count);
        return this;
    }

    /**
     * Sets how long pending→running, stopping→stopped and shutting-down→terminated take, from the
     * next transition on. {@link #clear()} restores the cloud's configured times.
     */
    public Faults transitionTimes(Duration pending, Duration stopping, Duration shuttingDown) {
        timings.set(pending, stopping, shuttingDown);
        return this;
    }

    /**
     * Every call of {@code action} (e.g. {@code "CreateSecurityGroup"}) waits {@code delay} before it
     * runs, holding no lock, until {@link #clear()}; {@link Duration#ZERO} removes the delay.
     */
    public Faults delay(String action, Duration delay) {
        state.holds().delay(Objects.requireNonNull(action, "action"), Objects.requireNonNull(delay, "delay"));
        return this;
    }

    /**
     * The next {@code calls} calls of {@code action} wait until all of them have arrived, then run
     * together (in arrival order under the cloud's lock); later calls are not held. A call waits at
     * most 30 s for the others. For example {@code gather("CreateSecurityGroup", 2)} lets two
     * launches of one name both pass their checks before either creates its first group.
     */
    public Faults gather(String action, int calls) {
        state.holds().gather(Objects.requireNonNull(action, "action"), calls);
        return this;
    }

    /** Removes every fault and restores the configured transition times. */
    public Faults clear() {
        state.clear();
        timings.reset();
        return this;
    }

    /** The faults in force, e.g. {@code throttleNext=2, neverLeavePending=1}, and the timings. */
    @Override
    public String toString() {
        return "faults: " + state.describe() + "; timings: " + timings;
    }
}
