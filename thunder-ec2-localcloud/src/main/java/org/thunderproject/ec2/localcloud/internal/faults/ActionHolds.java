package org.thunderproject.ec2.localcloud.internal.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults that hold calls of chosen actions before they run, so tests can force races instead of
 * hoping for them: a fixed delay for every call of an action, or a gathering, where the next N
 * calls of an action wait for one another and then run together (two launches that both passed
 * their checks before either creates anything). A held call takes no cloud lock while it waits.
 * Thread-safe.
 */
public final class ActionHolds {
    private static final Logger LOG = LoggerFactory.getLogger(ActionHolds.class);
    /** A gathered call waits at most this long for the others (a test that never sends them must not hang). */
    static final Duration GATHER_LIMIT = Duration.ofSeconds(30);

    private final Map<String, Duration> delays = new LinkedHashMap<>();
    private final Map<String, Gathering> gatherings = new LinkedHashMap<>();

    /** Every call of {@code action} waits {@code delay} before it runs (zero removes the delay). */
    public synchronized void delay(String action, Duration delay) {
        Objects.requireNonNull(action, "action");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (delay.isZero()) {
            delays.remove(action);
        } else {
            delays.put(action, delay);
        }
    }

    /** The next {@code calls} calls of {@code action} wait until all of them have arrived, then run. */
    public synchronized void gather(String action, int calls) {
        Objects.requireNonNull(action, "action");
        if (calls < 2) {
            throw new IllegalArgumentException("a gathering needs at least 2 calls, not " + calls);
        }
        Gathering old = gatherings.put(action, new Gathering(calls));
        if (old != null) {
            old.release();
        }
    }

    /** Holds the current call of {@code action} as the faults say; returns when it may run. */
    public void hold(String action) {
        Gathering gathering;
        Duration delay;
        synchronized (this) {
            gathering = gatherings.get(action);
            if (gathering != null && gathering.arrive()) {
                gatherings.remove(action); // the last one: later calls run at once
            }
            delay = delays.get(action);
        }
        try {
            if (gathering != null && !gathering.latch.await(GATHER_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "{} waited {} for {} more call(s) of its gathering; running it anyway",
                        action,
                        GATHER_LIMIT,
                        gathering.latch.getCount());
            }
            if (delay != null) {
                TimeUnit.MILLISECONDS.sleep(delay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: let the call end
        }
    }

    /** Removes every hold; calls waiting in a gathering run now. */
    public synchronized void clear() {
        delays.clear();
        gatherings.values().forEach(Gathering::release);
        gatherings.clear();
    }

    /** The holds in force, as {@code delay[Action]=500ms} and {@code gather[Action]=2}. */
    public synchronized List<String> describe() {
        List<String> parts = new ArrayList<>();
        delays.forEach((action, d) -> parts.add("delay[" + action + "]=" + d.toMillis() + "ms"));
        gatherings.forEach((action, g) -> parts.add("gather[" + action + "]=" + g.latch.getCount()));
        return parts;
    }

    /** Calls that wait for each other: the latch opens when the last one arrives. */
    private static final class Gathering {
        final CountDownLatch latch;

        Gathering(int calls) {
            latch = new CountDownLatch(calls);
        }

        /** One call arrived; true if it was the last. */
        boolean arrive() {
            latch.countDown();
            return latch.getCount() == 0;
        }

        void release() {
            while (latch.getCount() > 0) {
                latch.countDown();
            }
        }
    }
}
