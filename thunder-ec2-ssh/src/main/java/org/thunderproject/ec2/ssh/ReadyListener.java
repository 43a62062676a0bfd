package org.thunderproject.ec2.ssh;

import java.time.Duration;

/**
 * Told about each failed attempt while waiting for a host to accept SSH, e.g. to report progress
 * ("i-0abc: connection refused, retrying in 1.2 s"). Called on the waiting thread; keep it quick.
 */
@FunctionalInterface
public interface ReadyListener {
    /** Ignores everything. */
    ReadyListener NONE = (target, attempt, failure, nextDelay) -> {};

    /**
     * Attempt number {@code attempt} (from 1) on {@code target} failed with {@code failure}; the next
     * one starts after {@code nextDelay}.
     */
    void attemptFailed(SshTarget target, int attempt, SshException failure, Duration nextDelay);
}
