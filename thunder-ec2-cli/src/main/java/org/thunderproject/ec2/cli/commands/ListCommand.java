package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.Invocation;
import org.thunderproject.ec2.cli.output.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code list}: one line per cluster in the region. */
@Command(
        name = "list",
        description = "List the clusters in the region.",
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
            TextTable table = new TextTable("NAME", "STATE", "NODES", "MASTER");
            for (ClusterDescription cluster : clusters) {
                table.row(
                        cluster.name(),
                        Clusters.state(cluster),
                        String.valueOf(cluster.nodes().size()),
                        Clusters.masterHost(cluster).orElse("-"));
            }
            table.print(out, "");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
