package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code remove-slaves NAME N} (Flintrock's): terminates the N newest slaves, after asking. */
@Command(
        name = "remove-slaves",
        description = {
            "Terminate the N newest slaves of a cluster.",
            "",
            "Everything stored on them is lost forever; a cluster keeps at least one",
            "slave. Asks first; --assume-yes skips the question (without a terminal and",
            "without it, nothing is done)."
        },
        footer = {"", "Example:", "  thunder-ec2 remove-slaves mycluster 2"})
public final class RemoveSlavesCommand extends ConfirmedCommand {

    @Parameters(index = "1", paramLabel = "N", description = "How many slaves to remove (at least 1).")
    int count;

    /** The spec of the cluster to shrink; checks N, touches no cloud. */
    @Override
    public ClusterSpec spec() {
        if (count < 1) {
            throw new UsageException("remove-slaves: N must be at least 1, not " + count);
        }
        return super.spec();
    }

    @Override
    String action() {
        return "remove " + what() + " from cluster '" + target.name() + "'";
    }

    @Override
    OptionalInt before(ClusterDescription cluster, CliContext context) {
        List<Node> slaves = cluster.slaves();
        if (count >= slaves.size()) {
            throw new CommandFailure("cluster '" + target.name() + "' has "
                    + (slaves.size() == 1 ? "1 slave" : slaves.size() + " slaves")
                    + " and keeps at least one: remove at most " + Math.max(0, slaves.size() - 1)
                    + ", or " + context.hints().destroy(target.name()) + " to remove the whole cluster");
        }
        return OptionalInt.empty();
    }

    @Override
    void explain(ClusterDescription cluster, PrintWriter summary) {
        summary.println("Removing " + what() + " terminates the newest: "
                + String.join(", ", describe(newest(cluster.slaves(), count))) + ".");
        summary.println("All data stored on " + (count == 1 ? "it" : "them") + " is lost forever.");
    }

    @Override
    ClusterDescription act(Cluster cluster, ClusterDescription found) {
        return cluster.removeSlaves(count);
    }

    @Override
    void done(ClusterDescription after, CliContext context) {
        PrintWriter out = context.terminal().out();
        out.println(
                "Removed " + what() + " from cluster '" + target.name() + "': " + Clusters.nodeSummary(after) + ".");
        out.flush();
    }

    private String what() {
        return count == 1 ? "1 slave" : count + " slaves";
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
        return nodes.stream()
                .map(n -> n.instanceId()
                        + Clusters.host(n).map(h -> " (" + h + ")").orElse(""))
                .toList();
    }
}
