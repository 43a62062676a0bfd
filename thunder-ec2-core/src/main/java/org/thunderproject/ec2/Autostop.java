package org.thunderproject.ec2;

import java.time.Duration;
import java.util.Objects;

/**
 * A cluster's autostop setting, as thunder-ec2 keeps it in the nodes' tags ({@code thunder:autostop}
 * and {@code thunder:autostop-action}), so that {@link Cluster#describe()} shows it without SSH.
 *
 * @param idle how long the cluster must be idle before it goes down
 * @param action what the nodes then do
 */
public record Autostop(Duration idle, AutostopAction action) {

    /** Checks for nulls. */
    public Autostop {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(action, "action");
    }
}
