package org.thunderproject.ec2;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the master's autostop agent found at its last check (see {@link Cluster#idleStatus()}).
 *
 * @param idleFor how long the cluster has been idle, by the master's clock; zero while it is busy
 * @param busyWith what kept it busy at the last check (like "ssh session" or "spark application");
 *     empty when it was idle
 */
public record IdleStatus(Duration idleFor, Optional<String> busyWith) {

    /** Checks for nulls. */
    public IdleStatus {
        Objects.requireNonNull(idleFor, "idleFor");
        Objects.requireNonNull(busyWith, "busyWith");
    }
}
