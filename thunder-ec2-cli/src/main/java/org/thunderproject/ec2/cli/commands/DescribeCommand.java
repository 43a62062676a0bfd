package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.Invocation;
import org.thunderproject.ec2.cli.output.DescriptionJson;
import org.thunderproject.ec2.cli.output.DescriptionTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code describe [NAME] [--json]}: the nodes of one cluster, or of every cluster in the region. */
@Command(
        name = "describe",
        description = {
            "Show a cluster's state, nodes and addresses.",
            "",
            "Without NAME, every cluster in the region. --json prints an object for NAME,",
            "else an array."
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
                if (json) {
                    out.println(new DescriptionJson().write(cluster));
                } else {
                    DescriptionTable.print(cluster, out);
                }
            } else {
                List<ClusterDescription> clusters = thunder.list();
                if (json) {
                    out.println(new DescriptionJson().write(clusters));
                } else if (clusters.isEmpty()) {
                    context.terminal().err().println("No clusters in " + thunder.region() + ".");
                } else {
                    for (int i = 0; i < clusters.size(); i++) {
                        if (i > 0) {
                            out.println();
                        }
                        DescriptionTable.print(clusters.get(i), out);
                    }
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
