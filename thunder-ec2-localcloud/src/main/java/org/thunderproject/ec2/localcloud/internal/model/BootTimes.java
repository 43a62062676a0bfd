package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When each instance was asked for (RunInstances or StartInstances) and when its SSH server first
 * answered: each node's own boot-to-SSH, the critical path a client cannot beat.
 */
public final class BootTimes {

    private final LongSupplier ticker;
    private final Map<String, Long> requested = new ConcurrentHashMap<>();
    private final Map<String, Long> bootToSsh = new ConcurrentHashMap<>();

    /** Boot times on the system's nanosecond clock. */
    public BootTimes() {
        this(System::nanoTime);
    }

    /** Boot times on {@code ticker} (nanoseconds). */
    public BootTimes(LongSupplier ticker) {
        this.ticker = ticker;
    }

    /** {@code instanceId} was launched or started now. */
    public void requested(String instanceId) {
        requested.put(instanceId, ticker.getAsLong());
        bootToSsh.remove(instanceId);
    }

    /** {@code instanceId}'s SSH server answers from now on. */
    public void sshReady(String instanceId) {
        Long since = requested.get(instanceId);
        if (since != null) {
            bootToSsh.putIfAbsent(instanceId, ticker.getAsLong() - since);
        }
    }

    /** How many instances became SSH-ready since they were last requested. */
    public int sshReadyCount() {
        return bootToSsh.size();
    }

    /** The slowest instance's boot-to-SSH in nanoseconds, empty when none is ready yet. */
    public OptionalLong slowestBootToSshNanos() {
        return bootToSsh.values().stream().mapToLong(Long::longValue).max();
    }

    /** Forgets every instance. */
    public void reset() {
        requested.clear();
        bootToSsh.clear();
    }
}
