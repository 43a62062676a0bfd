package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.AutostopOption;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.IdentityFiles;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.options.ReadyTimeoutOption;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code start NAME}: starts a stopped cluster; its nodes get new public addresses. */
@Command(
        name = "start",
        description = {
            "Start a stopped cluster.",
            "",
            "It is ready, as after a launch, when every node answers SSH again. Its nodes",
            "get new public addresses; the master's is printed at the end."
        },
        footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem start mycluster"})
public final class StartCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Mixin
    AutostopOption autostop;

    @Option(
            names = "--until",
            paramLabel = "PHASE",
            description = "Stop after this phase: ${COMPLETION-CANDIDATES} (default: all of them).")
    LaunchPhase until;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The spec of the cluster this command line names; checks it and the key file, touches no cloud. */
    public ClusterSpec spec() {
        ClusterSpec spec =
                autostop.applyTo(readyTimeout.applyTo(target.context().spec(target.name(), keys, null)));
        if (until == LaunchPhase.INFRASTRUCTURE) {
            return spec;
        }
        // The nodes are ready again only when they answer SSH (and their services run), which needs the key.
        target.context().requireLocalSparkSource(spec, until);
        return IdentityFiles.require(spec, "start");
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        AutostopOption.warning(spec, context.hints().destroy(target.name()))
                .ifPresent(context.terminal().err()::println);
        ClusterDescription started;
        List<String> ready;
        try (ThunderEc2 thunder = context.connect()) {
            Clusters.existing(thunder, target.name());
            try (ProgressView progress = context.progress()) {
                Cluster cluster = thunder.cluster(spec).addListener(progress);
                try {
                    started = until == null ? cluster.start() : cluster.start(until);
                } catch (OperationInterruptedException e) {
                    throw Interruptions.report(
                            thunder,
                            context,
                            target.name(),
                            "the start of cluster '" + target.name() + "'",
                            Optional.of(new String[] {"start", target.name()}),
                            e);
                }
                ready = ReadyLines.of(cluster, started, until, context.hints());
            }
        }
        PrintWriter out = context.terminal().out();
        out.println("Cluster '" + target.name() + "' started.");
        if (until == null || until == LaunchPhase.SERVICES) {
            Clusters.masterHost(started).ifPresent(host -> out.println("Master: " + host));
        }
        ready.forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
