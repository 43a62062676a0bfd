package org.thunderproject.ec2.localcloud.internal.model;

import java.time.Duration;
import java.util.Objects;

/** How long state transitions take: configured defaults, changeable at runtime (a fault). */
public final class Timings {

    private final Duration defaultPending;
    private final Duration defaultStopping;
    private final Duration defaultShuttingDown;
    private final Duration terminatedRetention;
    private volatile Duration pending;
    private volatile Duration stopping;
    private volatile Duration shuttingDown;

    /** Timings with these defaults. */
    public Timings(Duration pending, Duration stopping, Duration shuttingDown, Duration terminatedRetention) {
        this.defaultPending = check(pending, "pending");
        this.defaultStopping = check(stopping, "stopping");
        this.defaultShuttingDown = check(shuttingDown, "shuttingDown");
        this.terminatedRetention = check(terminatedRetention, "terminatedRetention");
        reset();
    }

    private static Duration check(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }

    /** pending → running. */
    public Duration pending() {
        return pending;
    }

    /** stopping → stopped. */
    public Duration stopping() {
        return stopping;
    }

    /** shutting-down → terminated. */
    public Duration shuttingDown() {
        return shuttingDown;
    }

    /** How long terminated instances stay visible. */
    public Duration terminatedRetention() {
        return terminatedRetention;
    }

    /** Sets the transition times (from now on; transitions already scheduled keep theirs). */
    public void set(Duration pending, Duration stopping, Duration shuttingDown) {
        this.pending = check(pending, "pending");
        this.stopping = check(stopping, "stopping");
        this.shuttingDown = check(shuttingDown, "shuttingDown");
    }

    /** Back to the configured defaults. */
    public void reset() {
        set(defaultPending, defaultStopping, defaultShuttingDown);
    }

    @Override
    public String toString() {
        return "pending=" + pending.toMillis() + "ms, stopping=" + stopping.toMillis() + "ms, shutting-down="
                + shuttingDown.toMillis() + "ms";
    }
}
