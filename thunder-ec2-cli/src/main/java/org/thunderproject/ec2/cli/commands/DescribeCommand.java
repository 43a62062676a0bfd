package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.Invocation;
import org.thunderproject.ec2.cli.output.DescriptionJson;
import org.thunderproject.ec2.cli.output.DescriptionTable;
import org.thunderproject.ec2.cli.output.IdleReading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code describe [NAME] [--json]}: the nodes of one cluster, or of every cluster in the region. */
@Command(
        name = "describe",
        description = {
            "Show a cluster's state, nodes, addresses and autostop.",
            "",
            "Without NAME, every cluster in the region. --json prints an object for NAME,",
            "else an array. How long a running cluster with autostop has been idle is read",
            "from its master over SSH (give -i FILE)."
        },
        footer = {"", "Examples:", "  thunder-ec2 describe mycluster", "  thunder-ec2 describe --json"})
public final class DescribeCommand implements Callable<Integer> {

    @Mixin
    Invocation invocation;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The cluster's name.")
    String name;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        CliContext context = invocation.context();
        PrintWriter out = context.terminal().out();
        try (ThunderEc2 thunder = context.connect()) {
            if (name != null) {
                ClusterDescription cluster = Clusters.existing(thunder, name);
                Map<String, IdleReading> idle = IdleReadings.read(thunder, context, List.of(cluster));
                if (json) {
                    out.println(new DescriptionJson().write(cluster, idle));
                } else {
                    DescriptionTable.print(cluster, Optional.ofNullable(idle.get(name)), out);
                }
            } else {
                List<ClusterDescription> clusters = thunder.list();
                Map<String, IdleReading> idle = IdleReadings.read(thunder, context, clusters);
                if (json) {
                    out.println(new DescriptionJson().write(clusters, idle));
                } else if (clusters.isEmpty()) {
                    context.terminal().err().println("No clusters in " + thunder.region() + ".");
                } else {
                    for (int i = 0; i < clusters.size(); i++) {
                        if (i > 0) {
                            out.println();
                        }
                        ClusterDescription cluster = clusters.get(i);
                        DescriptionTable.print(cluster, Optional.ofNullable(idle.get(cluster.name())), out);
                    }
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
