package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code add-slaves NAME N} (Flintrock's): launches N more slaves like the others. */
@Command(name = "add-slaves",
    description = {
      "Add N slaves to a running cluster.",
      "",
      "The new slaves are like the others (instance type, image, security groups,",
      "zone; spot instances with --spot-price) and are ready, as after a launch,",
      "when the command ends."
    },
    footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem add-slaves mycluster 2"})
final class AddSlavesCommand implements Callable<Integer> {

  @ParentCommand ThunderEc2Command root;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  String name;

  @Parameters(index = "1", paramLabel = "N", description = "How many slaves to add (at least 1).")
  int count;

  @Option(names = "--until", paramLabel = "PHASE",
      description = "Bring the new slaves only this far: ${COMPLETION-CANDIDATES} (default: all the way).")
  LaunchPhase until;

  @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING) KeyOptions keys;
  @ArgGroup(validate = false, order = 2, heading = LaunchOptions.HEADING) LaunchOptions launch;

  /** The spec of the cluster to grow; checks N and the key file, touches no cloud. */
  ClusterSpec spec() {
    if (count < 1) {
      throw new UsageException("add-slaves: N must be at least 1, not " + count);
    }
    ClusterSpec spec = IdentityFiles.require(root.context().spec(name, keys, launch), "add-slaves");
    root.context().requireLocalSparkSource(spec, until);
    return spec;
  }

  @Override
  public Integer call() {
    CliContext context = root.context();
    ClusterSpec spec = spec();
    ClusterDescription grown;
    try (ThunderEc2 thunder = context.connect(); ProgressView progress = context.progress()) {
      Clusters.existing(thunder, name);
      Cluster cluster = thunder.cluster(spec).addListener(progress);
      grown = until == null ? cluster.addSlaves(count) : cluster.addSlaves(count, until);
    }
    PrintWriter out = context.terminal().out();
    out.println("Added " + (count == 1 ? "1 slave" : count + " slaves") + " to cluster '" + name + "': "
        + Clusters.nodeSummary(grown) + ".");
    out.flush();
    return ExitCodes.OK;
  }
}
