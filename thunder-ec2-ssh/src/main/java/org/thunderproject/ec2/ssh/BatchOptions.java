package org.thunderproject.ec2.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run work on many hosts: how many at once, whether to wait for hosts that are still
 * booting (one deadline for the whole batch), and whom to tell as hosts finish.
 */
public final class BatchOptions {
    private static final BatchOptions DEFAULTS = new BatchOptions(32, Duration.ZERO, ReadyListener.NONE, r -> {});

    private final int parallelism;
    private final Duration readyTimeout;
    private final ReadyListener readyListener;
    private final Consumer<HostResult<?>> onHostDone;

    private BatchOptions(
            int parallelism, Duration readyTimeout, ReadyListener readyListener, Consumer<HostResult<?>> onHostDone) {
        this.parallelism = parallelism;
        this.readyTimeout = readyTimeout;
        this.readyListener = readyListener;
        this.onHostDone = onHostDone;
    }

    /** 32 hosts at once, one connection attempt per host (no waiting), no listeners. */
    public static BatchOptions defaults() {
        return DEFAULTS;
    }

    /** At most {@code parallelism} hosts at once. */
    public BatchOptions withParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        return new BatchOptions(parallelism, readyTimeout, readyListener, onHostDone);
    }

    /**
     * Waits for hosts that refuse, time out or reject the key, until {@code timeout} after the
     * batch started (for all hosts together); {@link Duration#ZERO} tries each host once.
     */
    public BatchOptions withReadyTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        return new BatchOptions(parallelism, timeout, readyListener, onHostDone);
    }

    /** Told about each failed attempt while waiting. */
    public BatchOptions withReadyListener(ReadyListener listener) {
        return new BatchOptions(parallelism, readyTimeout, Objects.requireNonNull(listener, "listener"), onHostDone);
    }

    /** Called with each host's result as soon as it is known (from a batch thread). */
    public BatchOptions onHostDone(Consumer<HostResult<?>> listener) {
        return new BatchOptions(parallelism, readyTimeout, readyListener, Objects.requireNonNull(listener, "listener"));
    }

    /** How many hosts at once. */
    public int parallelism() {
        return parallelism;
    }

    /** How long to wait for hosts to accept SSH; zero for a single attempt. */
    public Duration readyTimeout() {
        return readyTimeout;
    }

    /** The listener for failed attempts. */
    public ReadyListener readyListener() {
        return readyListener;
    }

    /** The listener for finished hosts. */
    public Consumer<HostResult<?>> hostDoneListener() {
        return onHostDone;
    }

    @Override
    public String toString() {
        return "BatchOptions[parallelism=" + parallelism + ", readyTimeout=" + readyTimeout + "]";
    }
}
