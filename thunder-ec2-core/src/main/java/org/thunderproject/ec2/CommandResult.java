package org.thunderproject.ec2;

import java.time.Duration;
import java.util.Objects;

/**
 * How a command ran on one node (see {@link Cluster#run(String)}).
 *
 * @param node the node, as described when the command started
 * @param exitStatus the command's exit status; 128 + the signal number when a signal killed it,
 *     -1 when the node reported neither
 * @param stdout what it wrote to stdout (UTF-8, the first MiB)
 * @param stderr what it wrote to stderr (UTF-8, the first MiB)
 * @param duration how long it ran, connection included
 */
public record CommandResult(Node node, int exitStatus, String stdout, String stderr, Duration duration) {

    /** Checks for nulls. */
    public CommandResult {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether it exited with status 0. */
    public boolean isSuccess() {
        return exitStatus == 0;
    }
}
