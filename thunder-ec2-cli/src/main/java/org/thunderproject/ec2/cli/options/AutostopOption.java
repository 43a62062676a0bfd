package org.thunderproject.ec2.cli.options;

import java.time.Duration;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.InvalidSpecException;
import org.thunderproject.ec2.cli.UsageException;
import picocli.CommandLine.Option;

/** {@code --autostop DURATION} for launch and start: the cluster stops itself after that long idle. */
public final class AutostopOption {

    @Option(
            names = "--autostop",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = {
                "Stop the cluster by itself after it has been idle this long (no SSH session",
                "on any node, no running Spark application, no busy notebook kernel), like 30m",
                "or 120m; at least 1m."
            })
    Duration autostop;

    /** {@code spec} with the autostop given here, if one was; a too short one is a usage error. */
    public ClusterSpec applyTo(ClusterSpec spec) {
        if (autostop == null) {
            return spec;
        }
        return withAutostop(spec, autostop, "--autostop");
    }

    /** {@code spec} with {@code idle} as its autostop; a too short one is a usage error naming {@code option}. */
    public static ClusterSpec withAutostop(ClusterSpec spec, Duration idle, String option) {
        try {
            return spec.toBuilder().autostop(idle).build();
        } catch (InvalidSpecException e) {
            throw new UsageException(option + " " + idle.toSeconds() + "s: give at least 1m (1 minute)");
        }
    }
}
