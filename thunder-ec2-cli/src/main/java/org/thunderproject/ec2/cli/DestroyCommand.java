package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code destroy NAME}: terminates every node and deletes the security groups, after asking. */
@Command(name = "destroy",
    description = {
      "Terminate a cluster's nodes and delete its security groups.",
      "",
      "Everything stored on the nodes is lost forever. Asks first; --assume-yes",
      "skips the question (without a terminal and without it, nothing is done)."
    },
    footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem destroy mycluster"})
final class DestroyCommand implements Callable<Integer> {

  @ParentCommand ThunderEc2Command root;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  String name;

  @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING) KeyOptions keys;
  @Mixin AssumeYesOption yes;

  /** The spec of the cluster this command line names; checks it, touches no cloud. */
  ClusterSpec spec() {
    return root.context().spec(name, keys, null);
  }

  @Override
  public Integer call() {
    CliContext context = root.context();
    ClusterSpec spec = spec();
    Confirmation confirmation = new Confirmation(context.terminal(), yes.assumeYes);
    confirmation.requireAnswerable("destroy cluster '" + name + "'");
    try (ThunderEc2 thunder = context.connect()) {
      ClusterDescription cluster = Clusters.existing(thunder, name);
      PrintWriter err = context.costSummary(yes.assumeYes);
      err.println(Clusters.headline(cluster));
      err.println("Destroying it terminates " + (cluster.nodes().isEmpty() ? "its leftovers" : "every node")
          + " and deletes the security groups " + name + "-master and " + name + "-slaves.");
      err.println("All data stored on the nodes is lost forever.");
      if (!confirmation.confirm("Destroy cluster '" + name + "'?")) {
        err.println("Aborted: cluster '" + name + "' was not touched.");
        return ExitCodes.FAILURE;
      }
      try (ProgressView progress = context.progress()) {
        thunder.cluster(spec).addListener(progress).destroy();
      }
    }
    context.terminal().err().println("Cluster '" + name + "' destroyed.");
    return ExitCodes.OK;
  }
}
