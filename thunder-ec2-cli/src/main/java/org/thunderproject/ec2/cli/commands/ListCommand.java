package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.Invocation;
import org.thunderproject.ec2.cli.output.ClusterListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code list}: one line per cluster in the region. */
@Command(
        name = "list",
        description = {
            "List the clusters in the region.",
            "",
            "With each cluster's autostop and, for running clusters that have one, how",
            "long it has been idle (read from the master over SSH: give -i FILE). A",
            "cluster of which only the security groups are left (an autostop terminated",
            "it) is listed too, with the command that removes them."
        },
        footer = {"", "Example:", "  thunder-ec2 --region us-west-2 list"})
public final class ListCommand implements Callable<Integer> {

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        CliContext context = invocation.context();
        PrintWriter out = context.terminal().out();
        try (ThunderEc2 thunder = context.connect()) {
            List<ClusterDescription> clusters = thunder.list();
            if (clusters.isEmpty()) {
                context.terminal().err().println("No clusters in " + thunder.region() + ".");
                return ExitCodes.OK;
            }
            ClusterListing.print(
                    clusters, IdleReadings.read(thunder, context, clusters), context.hints()::destroy, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
