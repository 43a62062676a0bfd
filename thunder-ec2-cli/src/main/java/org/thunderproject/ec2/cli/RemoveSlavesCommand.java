package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.ThunderEc2;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code remove-slaves NAME N} (Flintrock's): terminates the N newest slaves, after asking. */
@Command(name = "remove-slaves",
    description = {
      "Terminate the N newest slaves of a cluster.",
      "",
      "Everything stored on them is lost forever; a cluster keeps at least one",
      "slave. Asks first; --assume-yes skips the question (without a terminal and",
      "without it, nothing is done)."
    },
    footer = {"", "Example:", "  thunder-ec2 remove-slaves mycluster 2"})
final class RemoveSlavesCommand implements Callable<Integer> {

  @ParentCommand ThunderEc2Command root;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  String name;

  @Parameters(index = "1", paramLabel = "N", description = "How many slaves to remove (at least 1).")
  int count;

  @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING) KeyOptions keys;
  @Mixin AssumeYesOption yes;

  /** The spec of the cluster to shrink; checks N, touches no cloud. */
  ClusterSpec spec() {
    if (count < 1) {
      throw new UsageException("remove-slaves: N must be at least 1, not " + count);
    }
    return root.context().spec(name, keys, null);
  }

  @Override
  public Integer call() {
    CliContext context = root.context();
    ClusterSpec spec = spec();
    Confirmation confirmation = new Confirmation(context.terminal(), yes.assumeYes);
    String what = count == 1 ? "1 slave" : count + " slaves";
    confirmation.requireAnswerable("remove " + what + " from cluster '" + name + "'");
    ClusterDescription after;
    try (ThunderEc2 thunder = context.connect()) {
      ClusterDescription cluster = Clusters.existing(thunder, name);
      List<Node> slaves = cluster.slaves();
      if (count >= slaves.size()) {
        throw new CommandFailure("cluster '" + name + "' has " + (slaves.size() == 1 ? "1 slave" : slaves.size() + " slaves")
            + " and keeps at least one: remove at most " + Math.max(0, slaves.size() - 1)
            + ", or 'thunder-ec2 destroy " + name + "' to remove the whole cluster");
      }
      PrintWriter err = context.costSummary(yes.assumeYes);
      err.println(Clusters.headline(cluster));
      err.println("Removing " + what + " terminates the newest: " + String.join(", ", describe(newest(slaves, count))) + ".");
      err.println("All data stored on " + (count == 1 ? "it" : "them") + " is lost forever.");
      if (!confirmation.confirm("Remove " + what + " from cluster '" + name + "'?")) {
        err.println("Aborted: cluster '" + name + "' was not touched.");
        return ExitCodes.FAILURE;
      }
      try (ProgressView progress = context.progress()) {
        after = thunder.cluster(spec).addListener(progress).removeSlaves(count);
      }
    }
    PrintWriter out = context.terminal().out();
    out.println("Removed " + what + " from cluster '" + name + "': " + Clusters.nodeSummary(after) + ".");
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The {@code count} slaves the engine removes: the newest by launch time, and among equals the
   * last in launch order ({@code slaves} is in launch order, and the sort is stable).
   */
  static List<Node> newest(List<Node> slaves, int count) {
    List<Node> byLaunch = new ArrayList<>(slaves);
    byLaunch.sort(Comparator.comparing(Node::launchTime));
    return byLaunch.subList(Math.max(0, byLaunch.size() - count), byLaunch.size());
  }

  private static List<String> describe(List<Node> nodes) {
    return nodes.stream().map(n -> n.instanceId() + Clusters.host(n).map(h -> " (" + h + ")").orElse("")).toList();
  }
}
