package org.thunderproject.ec2.cli.output;

import java.io.PrintWriter;
import java.util.Optional;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.cli.commands.Clusters;

/** {@code describe}'s human output: a heading per cluster and a table of its nodes. */
public final class DescriptionTable {

    private DescriptionTable() {}

    /** Prints {@code cluster}, with its idle time when it was read. */
    public static void print(ClusterDescription cluster, Optional<IdleReading> idle, PrintWriter out) {
        out.println("Cluster " + cluster.name() + " (" + cluster.region() + "): " + Clusters.state(cluster) + ", "
                + Clusters.nodeSummary(cluster));
        if (!cluster.nodes().isEmpty()) {
            TextTable table =
                    new TextTable("ROLE", "INSTANCE", "STATE", "TYPE", "ZONE", "PUBLIC IP", "PRIVATE IP", "SPOT");
            for (Node node : cluster.nodes()) {
                table.row(
                        node.role().tagValue(),
                        node.instanceId(),
                        node.state().ec2Name(),
                        node.instanceType(),
                        node.availabilityZone(),
                        node.publicIp().orElse("-"),
                        node.privateIp().orElse("-"),
                        node.spot() ? "yes" : "no");
            }
            table.print(out, "  ");
        }
        out.println("  security groups: "
                + cluster.masterGroupId()
                        .map(id -> cluster.name() + "-master (" + id + ")")
                        .orElse("no " + cluster.name() + "-master")
                + ", "
                + cluster.slavesGroupId()
                        .map(id -> cluster.name() + "-slaves (" + id + ")")
                        .orElse("no " + cluster.name() + "-slaves"));
        out.println("  " + AutostopText.line(cluster, idle));
        if (cluster.master().filter(m -> m.state() == NodeState.RUNNING).isPresent()) {
            Clusters.sparkMasterUrl(cluster).ifPresent(url -> out.println("  Spark master: " + url));
            Clusters.sparkWebUi(cluster).ifPresent(url -> out.println("  Spark web UI: " + url));
        }
    }
}
