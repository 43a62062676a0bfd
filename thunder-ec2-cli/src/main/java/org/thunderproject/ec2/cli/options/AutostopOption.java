package org.thunderproject.ec2.cli.options;

import java.time.Duration;
import java.util.Optional;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.InvalidSpecException;
import org.thunderproject.ec2.cli.UsageException;
import picocli.CommandLine.Option;

/**
 * {@code --autostop DURATION} and {@code --autostop-terminate DURATION} for launch and start: the
 * cluster stops (or terminates) itself after that long idle.
 */
public final class AutostopOption {

    @Option(
            names = "--autostop",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = {
                "Stop the cluster by itself after it has been idle this long (no SSH session",
                "on any node, no running Spark application, no busy notebook kernel), like 30m",
                "or 2h; at least 1m."
            })
    Duration autostop;

    @Option(
            names = "--autostop-terminate",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = {
                "Like --autostop, but the idle cluster terminates: all data on the nodes, EBS",
                "volumes included, is lost; 'destroy' then removes the security groups left."
            })
    Duration autostopTerminate;

    /** {@code spec} with the autostop given here, if one was; a too short one or both options are usage errors. */
    public ClusterSpec applyTo(ClusterSpec spec) {
        if (autostop != null && autostopTerminate != null) {
            throw new UsageException("--autostop and --autostop-terminate exclude each other: give one of them");
        }
        if (autostop != null) {
            return withAutostop(spec, autostop, AutostopAction.STOP, "--autostop");
        }
        if (autostopTerminate != null) {
            return withAutostop(spec, autostopTerminate, AutostopAction.TERMINATE, "--autostop-terminate");
        }
        return spec;
    }

    /**
     * {@code spec} with {@code idle} and {@code action} as its autostop; a too short one is a usage
     * error naming {@code option}.
     */
    public static ClusterSpec withAutostop(ClusterSpec spec, Duration idle, AutostopAction action, String option) {
        try {
            return spec.toBuilder().autostop(idle).autostopAction(action).build();
        } catch (InvalidSpecException e) {
            throw new UsageException(option + " " + idle.toSeconds() + "s: give at least 1m (1 minute)");
        }
    }

    /**
     * What a cluster set to terminate by itself loses, for stderr before it is set (as {@code stop}
     * says what stopping loses), with the command that removes what is left; empty for a stop.
     */
    public static Optional<String> warning(ClusterSpec spec, String destroyCommand) {
        if (spec.autostop().isEmpty() || spec.autostopAction() != AutostopAction.TERMINATE) {
            return Optional.empty();
        }
        return Optional.of("warning: cluster '" + spec.name() + "' terminates itself when idle: every node and"
                + " all data on it, EBS volumes (the root volume too) included, is lost forever; only its security"
                + " groups are left, and " + destroyCommand + " removes them");
    }
}
