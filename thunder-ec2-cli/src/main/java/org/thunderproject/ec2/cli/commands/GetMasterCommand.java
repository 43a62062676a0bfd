package org.thunderproject.ec2.cli.commands;

import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.ClusterName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code get-master NAME}: prints the master's address (spark-ec2 printed its DNS name). */
@Command(
        name = "get-master",
        description = {
            "Print the master's address.",
            "",
            "Where the Spark master and its web UI are goes to standard error (not with -q)."
        },
        footer = {"", "Example:", "  ssh -i ~/mykey.pem ec2-user@$(thunder-ec2 get-master mycluster)"})
public final class GetMasterCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Override
    public Integer call() {
        CliContext context = target.context();
        try (ThunderEc2 thunder = context.connect()) {
            ClusterDescription cluster = Clusters.existing(thunder, target.name());
            String host = Clusters.masterHost(cluster)
                    .orElseThrow(() -> new CommandFailure("cluster '" + target.name()
                            + "' has no master with an address (it is " + Clusters.state(cluster) + "; '"
                            + context.hints().command("describe", target.name()) + "' shows its nodes)"));
            context.terminal().out().println(host);
            context.terminal().out().flush();
            // Standard error, so that $(thunder-ec2 get-master NAME) stays the address alone.
            if (!context.quiet()
                    && cluster.master()
                            .filter(m -> m.state() == NodeState.RUNNING)
                            .isPresent()) {
                Clusters.sparkMasterUrl(cluster)
                        .ifPresent(url -> context.terminal().err().println("Spark master: " + url));
                Clusters.sparkWebUi(cluster)
                        .ifPresent(url -> context.terminal().err().println("Spark web UI: " + url));
            }
        }
        return ExitCodes.OK;
    }
}
