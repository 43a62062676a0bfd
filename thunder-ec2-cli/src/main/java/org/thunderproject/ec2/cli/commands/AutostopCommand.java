package org.thunderproject.ec2.cli.commands;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.AutostopAction;
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
import org.thunderproject.ec2.cli.output.Durations;
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
            "With --terminate the nodes terminate instead (all their data lost, EBS too);",
            "'destroy' removes the security groups left. No cloud credentials go onto the",
            "nodes."
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem autostop mycluster 30m",
            "  thunder-ec2 -k mykey -i ~/mykey.pem autostop mycluster 2h --terminate",
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

    @Option(
            names = "--terminate",
            description = "Terminate the idle cluster instead of stopping it (all data on the nodes is lost).")
    boolean terminate;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** {@code spec} with the setting asked for (none to cancel), checked before any cloud call. */
    ClusterSpec asked(ClusterSpec spec) {
        if (cancel == (idle != null)) {
            throw new UsageException("autostop: give either DURATION or --cancel");
        }
        if (cancel && terminate) {
            throw new UsageException("autostop: --terminate goes with DURATION, not with --cancel");
        }
        if (cancel) {
            return spec;
        }
        return AutostopOption.withAutostop(
                spec, idle, terminate ? AutostopAction.TERMINATE : AutostopAction.STOP, "autostop");
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = IdentityFiles.require(context.spec(target.name(), keys, null), "autostop");
        ClusterSpec asked = asked(spec);
        Optional<Duration> setting = cancel ? Optional.empty() : asked.autostop();
        AutostopOption.warning(asked, context.hints().destroy(target.name()))
                .ifPresent(context.terminal().err()::println);
        try (ThunderEc2 thunder = context.connect()) {
            Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec).addListener(ProgressView.warningsOnly(context.terminal()));
            cluster.autostop(setting, asked.autostopAction());
        }
        if (!context.quiet()) {
            context.terminal()
                    .err()
                    .println(setting.map(d -> "Cluster '" + target.name() + "' "
                                    + (terminate ? "terminates" : "stops") + " by itself after " + Durations.brief(d)
                                    + " idle.")
                            .orElse("Autostop of cluster '" + target.name() + "' cancelled."));
        }
        return ExitCodes.OK;
    }
}
