package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster.SpotSlaves;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ThunderEc2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stop NAME}: stops every node (root volumes kept), after asking. */
@Command(name = "stop",
    description = {
      "Stop every node of the cluster; 'start' brings it back with its root filesystems intact.",
      "Data on scratch (instance-store) disks like /mnt and /mnt2 is lost; EBS volumes are billed while stopped.",
      "Spot slaves cannot be stopped: they are terminated. Asks first unless --assume-yes is given."
    },
    footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem stop mycluster"})
final class StopCommand implements Callable<Integer> {

  @ParentCommand ThunderEc2Command root;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  String name;

  @Mixin KeyOptions keys;
  @Mixin AssumeYesOption yes;

  @Override
  public Integer call() {
    CliContext context = root.context();
    ClusterSpec spec = context.spec(name, keys, null);
    Confirmation confirmation = new Confirmation(context.terminal(), yes.assumeYes);
    confirmation.requireAnswerable("stop cluster '" + name + "'");
    PrintWriter err = context.terminal().err();
    try (ThunderEc2 thunder = context.connect()) {
      ClusterDescription cluster = Clusters.existing(thunder, name);
      if (cluster.state() == ClusterState.STOPPED) {
        err.println("Cluster '" + name + "' is already stopped.");
        return ExitCodes.OK;
      }
      long spot = Clusters.spotSlaves(cluster);
      err.println("Cluster '" + name + "' in " + cluster.region() + " is " + Clusters.state(cluster) + ": "
          + Clusters.nodeSummary(cluster) + ".");
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
    err.println("Cluster '" + name + "' stopped; 'thunder-ec2 start " + name + "' starts it again.");
    return ExitCodes.OK;
  }
}
