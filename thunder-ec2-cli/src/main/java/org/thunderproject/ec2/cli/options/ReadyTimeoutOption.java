package org.thunderproject.ec2.cli.options;

import java.time.Duration;
import org.thunderproject.ec2.ClusterSpec;
import picocli.CommandLine.Option;

/** {@code --ready-timeout DURATION} for the commands that wait for nodes: launch, start, add-slaves. */
public final class ReadyTimeoutOption {

    @Option(
            names = "--ready-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to wait for the nodes to run and answer SSH, like 90s or 30m (default: 15m).")
    Duration readyTimeout;

    /** {@code spec} with the timeout given here, if one was. */
    public ClusterSpec applyTo(ClusterSpec spec) {
        return readyTimeout == null
                ? spec
                : spec.toBuilder().readyTimeout(readyTimeout).build();
    }
}
