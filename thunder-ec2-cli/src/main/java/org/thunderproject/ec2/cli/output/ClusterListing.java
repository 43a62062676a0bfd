package org.thunderproject.ec2.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.cli.commands.Clusters;

/**
 * {@code list}'s output: one line per cluster with its autostop and idle time, then a line for
 * each cluster of which only security groups are left (after an autostop that terminated it),
 * with the command that removes them.
 */
public final class ClusterListing {

    private ClusterListing() {}

    /**
     * Prints {@code clusters}; {@code idle} holds the idle readings by cluster name (none for those
     * not read), {@code destroyCommand} makes the quoted command that destroys a cluster.
     */
    public static void print(
            List<ClusterDescription> clusters,
            Map<String, IdleReading> idle,
            UnaryOperator<String> destroyCommand,
            PrintWriter out) {
        TextTable table = new TextTable("NAME", "STATE", "NODES", "MASTER", "AUTOSTOP", "IDLE");
        for (ClusterDescription cluster : clusters) {
            table.row(
                    cluster.name(),
                    Clusters.state(cluster),
                    String.valueOf(cluster.nodes().size()),
                    Clusters.masterHost(cluster).orElse("-"),
                    AutostopText.brief(cluster),
                    Optional.ofNullable(idle.get(cluster.name()))
                            .map(IdleReading::text)
                            .orElse("-"));
        }
        table.print(out, "");
        for (ClusterDescription cluster : clusters) {
            if (cluster.nodes().isEmpty()
                    && (cluster.masterGroupId().isPresent()
                            || cluster.slavesGroupId().isPresent())) {
                out.println();
                out.println("Cluster '" + cluster.name() + "' has no nodes left, only its security groups "
                        + groups(cluster) + ": " + destroyCommand.apply(cluster.name()) + " removes them.");
            }
        }
    }

    private static String groups(ClusterDescription cluster) {
        List<String> groups = new ArrayList<>();
        cluster.masterGroupId().ifPresent(id -> groups.add(cluster.name() + "-master (" + id + ")"));
        cluster.slavesGroupId().ifPresent(id -> groups.add(cluster.name() + "-slaves (" + id + ")"));
        return String.join(", ", groups);
    }
}
