package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster.SpotSlaves;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ThunderEc2;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stop NAME}: stops every node (root volumes kept), after asking. */
@Command(name = "stop",
    description = {
      "Stop a cluster's nodes; 'start' brings them back.",
      "",
      "The root filesystems ('/') are kept (EBS, billed while stopped); data on",
      "scratch disks like /mnt and /mnt2 is lost. Spot slaves cannot be stopped:",
      "they are terminated. Asks first; --assume-yes skips the question (without a",
      "terminal and without it, nothing is done)."
    },
    footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem stop mycluster"})
final class StopCommand implements Callable<Integer> {

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
    confirmation.requireAnswerable("stop cluster '" + name + "'");
    try (ThunderEc2 thunder = context.connect()) {
      ClusterDescription cluster = Clusters.existing(thunder, name);
      PrintWriter err = context.costSummary(yes.assumeYes);
      if (cluster.state() == ClusterState.STOPPED) {
        context.terminal().err().println("Cluster '" + name + "' is already stopped.");
        return ExitCodes.OK;
      }
      long spot = Clusters.spotSlaves(cluster);
      err.println(Clusters.headline(cluster));
      err.println("Stopping keeps each node's root filesystem ('/'), but data on scratch (instance-store)"
          + " disks like /mnt and /mnt2 is lost, and the public addresses change on start.");
      if (spot > 0) {
        err.println(spot + (spot == 1 ? " slave is a spot instance" : " slaves are spot instances")
            + ", which EC2 cannot stop: " + (spot == 1 ? "it is" : "they are") + " terminated and"
            + " all data on " + (spot == 1 ? "it" : "them") + " is lost forever ('launch " + name
            + " --resume' after 'start' launches new ones).");
      }
      if (!confirmation.confirm("Stop cluster '" + name + "'?")) {
        err.println("Aborted: cluster '" + name + "' was not touched.");
        return ExitCodes.FAILURE;
      }
      try (ProgressView progress = context.progress()) {
        thunder.cluster(spec).addListener(progress).stop(spot > 0 ? SpotSlaves.TERMINATE : SpotSlaves.REFUSE);
      }
    }
    context.terminal().err().println("Cluster '" + name + "' stopped; 'thunder-ec2 start " + name + "' starts it again.");
    return ExitCodes.OK;
  }
}
