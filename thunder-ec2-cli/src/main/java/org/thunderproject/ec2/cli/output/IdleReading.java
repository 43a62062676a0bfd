package org.thunderproject.ec2.cli.output;

import java.util.Objects;
import java.util.Optional;
import org.thunderproject.ec2.IdleStatus;

/**
 * What the CLI learnt of a cluster's idle time: the master agent's status (empty when no agent
 * runs there), or why it could not be read.
 *
 * @param status the agent's status, when it was read
 * @param unknown why it could not be read, when it was not
 */
public record IdleReading(Optional<IdleStatus> status, Optional<String> unknown) {

    /** Checks for nulls. */
    public IdleReading {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(unknown, "unknown");
    }

    /** What the master answered. */
    public static IdleReading of(Optional<IdleStatus> status) {
        return new IdleReading(status, Optional.empty());
    }

    /** Not read, for {@code why} (like "give -i FILE"). */
    public static IdleReading unknown(String why) {
        return new IdleReading(Optional.empty(), Optional.of(why));
    }

    /** "12m", "busy (ssh session)", "no agent", or "? (why)". */
    public String text() {
        if (unknown.isPresent()) {
            return "? (" + unknown.get() + ")";
        }
        return status.map(s ->
                        s.busyWith().map(why -> "busy (" + why + ")").orElseGet(() -> Durations.brief(s.idleFor())))
                .orElse("no agent");
    }
}
