package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
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
import org.thunderproject.ec2.cli.UsageException;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.IdentityFiles;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.options.LaunchOptions;
import org.thunderproject.ec2.cli.options.ReadyTimeoutOption;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code add-slaves NAME N} (Flintrock's): launches N more slaves like the others. */
@Command(
        name = "add-slaves",
        description = {
            "Add N slaves to a running cluster.",
            "",
            "The new slaves are like the others (instance type, image, security groups,",
            "zone; spot instances with --spot-price) and are ready, as after a launch,",
            "when the command ends."
        },
        footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem add-slaves mycluster 2"})
public final class AddSlavesCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Parameters(index = "1", paramLabel = "N", description = "How many slaves to add (at least 1).")
    int count;

    @Option(
            names = "--until",
            paramLabel = "PHASE",
            description = "Bring the new slaves only this far: ${COMPLETION-CANDIDATES} (default: all the way).")
    LaunchPhase until;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    @ArgGroup(validate = false, order = 2, heading = LaunchOptions.HEADING)
    LaunchOptions launch;

    /** The spec of the cluster to grow; checks N and the key file, touches no cloud. */
    ClusterSpec spec() {
        if (count < 1) {
            throw new UsageException("add-slaves: N must be at least 1, not " + count);
        }
        ClusterSpec spec = IdentityFiles.require(
                readyTimeout.applyTo(target.context().spec(target.name(), keys, launch)), "add-slaves");
        target.context().requireLocalSparkSource(spec, until);
        return spec;
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        ClusterDescription grown;
        try (ThunderEc2 thunder = context.connect();
                ProgressView progress = context.progress()) {
            Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec).addListener(progress);
            try {
                grown = until == null ? cluster.addSlaves(count) : cluster.addSlaves(count, until);
            } catch (OperationInterruptedException e) {
                // Adding again would add more: the slaves requested so far stay, and remove-slaves removes some.
                throw Interruptions.report(
                        thunder,
                        context,
                        target.name(),
                        "adding slaves to cluster '" + target.name() + "'",
                        Optional.empty(),
                        e);
            }
        }
        PrintWriter out = context.terminal().out();
        out.println("Added " + (count == 1 ? "1 slave" : count + " slaves") + " to cluster '" + target.name() + "': "
                + Clusters.nodeSummary(grown) + ".");
        out.flush();
        return ExitCodes.OK;
    }
}
