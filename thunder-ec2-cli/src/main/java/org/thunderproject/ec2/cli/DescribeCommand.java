package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ThunderEc2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code describe [NAME] [--json]}: the nodes of one cluster, or of every cluster in the region. */
@Command(name = "describe",
    description = {
      "Show a cluster's state, nodes and addresses.",
      "",
      "Without NAME, every cluster in the region. --json prints an object for NAME,",
      "else an array."
    },
    footer = {"", "Examples:", "  thunder-ec2 describe mycluster", "  thunder-ec2 describe --json"})
final class DescribeCommand implements Callable<Integer> {

  @ParentCommand ThunderEc2Command root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The cluster's name.")
  String name;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = root.context();
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
