package org.thunderproject.ec2.cli.commands;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.UsageException;
import org.thunderproject.ec2.cli.options.AutostopOption;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.DurationConverter;
import org.thunderproject.ec2.cli.options.IdentityFiles;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code autostop NAME DURATION} and {@code autostop NAME --cancel}: sets or cancels a running cluster's autostop. */
@Command(
        name = "autostop",
        description = {
            "Stop a running cluster by itself once it has been idle for DURATION, or cancel that.",
            "",
            "Idle means no SSH session on any node, no running Spark application and no",
            "busy notebook kernel. Every node then shuts itself down (stopped: EBS volumes",
            "kept, instance-store data lost); 'start' brings it back with the same autostop.",
            "Set over SSH on the nodes; no cloud credentials go onto them."
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem autostop mycluster 30m",
            "  thunder-ec2 -k mykey -i ~/mykey.pem autostop mycluster --cancel"
        })
public final class AutostopCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long idle before the cluster stops, like 30m (at least 1m).")
    Duration idle;

    @Option(names = "--cancel", description = "Cancel the cluster's autostop.")
    boolean cancel;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The setting asked for, checked before any cloud call. */
    Optional<Duration> setting(ClusterSpec spec) {
        if (cancel == (idle != null)) {
            throw new UsageException("autostop: give either DURATION or --cancel");
        }
        if (cancel) {
            return Optional.empty();
        }
        return AutostopOption.withAutostop(spec, idle, "autostop").autostop();
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = IdentityFiles.require(context.spec(target.name(), keys, null), "autostop");
        Optional<Duration> setting = setting(spec);
        try (ThunderEc2 thunder = context.connect()) {
            Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec).addListener(ProgressView.warningsOnly(context.terminal()));
            cluster.autostop(setting);
        }
        if (!context.quiet()) {
            context.terminal()
                    .err()
                    .println(setting.map(d -> "Cluster '" + target.name() + "' stops by itself after " + d.toMinutes()
                                    + "m idle.")
                            .orElse("Autostop of cluster '" + target.name() + "' cancelled."));
        }
        return ExitCodes.OK;
    }
}
