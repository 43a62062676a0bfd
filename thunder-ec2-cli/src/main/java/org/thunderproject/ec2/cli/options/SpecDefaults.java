package org.thunderproject.ec2.cli.options;

import java.util.List;
import java.util.Optional;
import org.thunderproject.ec2.cli.commands.LocalCloudCommand;

/**
 * Defaults that stand in when neither an option nor the config file gives a value: none on EC2;
 * on a local cloud, its SSH port and Spark runtime, small workers, and no pip packages (its
 * nodes reach loopback only).
 */
public record SpecDefaults(
        Optional<Integer> sshPort,
        Optional<String> sparkUrl,
        Optional<String> sparkWorkerMemory,
        Optional<List<String>> pythonPackages) {

    /** A local cloud's Spark worker memory: enough for a job, small enough for a laptop. */
    static final String LOCAL_WORKER_MEMORY = "512m";

    /** No defaults of our own: the spec's. */
    public static SpecDefaults none() {
        return new SpecDefaults(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** For a local cloud that advertised {@code advertised} (or nothing: a cloud in a test JVM). */
    public static SpecDefaults localCloud(Optional<LocalCloudFile.Advertised> advertised) {
        return new SpecDefaults(
                Optional.of(
                        advertised.map(LocalCloudFile.Advertised::sshPort).orElse(LocalCloudCommand.DEFAULT_SSH_PORT)),
                advertised.flatMap(LocalCloudFile.Advertised::sparkUrl),
                Optional.of(LOCAL_WORKER_MEMORY),
                Optional.of(List.of()));
    }
}
