package org.thunderproject.ec2.cli.commands;

import java.util.Locale;
import java.util.Optional;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterNotFoundException;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.ThunderEc2;

/** Small helpers the cluster commands share: finding a cluster, naming its parts. */
public final class Clusters {

    private Clusters() {}

    /** The cluster, or {@link ClusterNotFoundException} when nothing of it exists. */
    static ClusterDescription existing(ThunderEc2 thunder, String name) {
        return thunder.find(name)
                .filter(ClusterDescription::exists)
                .orElseThrow(() -> new ClusterNotFoundException(name, thunder.region()));
    }

    /** How the master is reached from here: see {@link #host(Node)}. */
    public static Optional<String> masterHost(ClusterDescription cluster) {
        return cluster.master().flatMap(Clusters::host);
    }

    /**
     * A node's public address, else its public DNS name, else its private address. spark-ec2
     * printed the DNS name; the address works everywhere the name does, and also where the name
     * does not resolve (local clouds, private DNS).
     */
    static Optional<String> host(Node node) {
        return node.publicIp()
                .or(() -> node.publicDnsName().filter(n -> !n.isBlank()))
                .or(node::privateIp);
    }

    /**
     * Where the Spark master's web UI is when Spark runs, as {@link
     * org.thunderproject.ec2.Cluster#webUiUrl()} says: the master's public address, but its private
     * one when it has no public one or the public one is loopback (the local cloud, whose daemons
     * bind to the private address).
     */
    public static Optional<String> sparkWebUi(ClusterDescription cluster) {
        return cluster.master()
                .flatMap(master ->
                        master.publicIp().filter(ip -> !ip.startsWith("127.")).or(master::privateIp))
                .map(host -> "http://" + host + ":8080/");
    }

    /** The Spark master's URL when Spark runs, as {@link org.thunderproject.ec2.Cluster#masterUrl()} says. */
    public static Optional<String> sparkMasterUrl(ClusterDescription cluster) {
        return cluster.master().flatMap(Node::privateIp).map(host -> "spark://" + host + ":7077");
    }

    /** "Cluster 'demo' in us-east-1 is running: 1 master and 2 slaves (3 nodes)." */
    static String headline(ClusterDescription cluster) {
        return "Cluster '" + cluster.name() + "' in " + cluster.region() + " is " + state(cluster) + ": "
                + nodeSummary(cluster) + ".";
    }

    /** "1 master and 2 slaves (3 nodes, 2 of them spot instances)". */
    public static String nodeSummary(ClusterDescription cluster) {
        int slaves = cluster.slaves().size();
        int total = cluster.nodes().size();
        long spot = cluster.nodes().stream().filter(Node::spot).count();
        String parts = (cluster.master().isPresent() ? "1 master" : "no master") + " and "
                + (slaves == 1 ? "1 slave" : slaves + " slaves");
        String count = total == 1 ? "1 node" : total + " nodes";
        return parts + " (" + count + (spot > 0 ? ", " + spot + " of them spot instances" : "") + ")";
    }

    /** The number of spot instances among the slaves. */
    static long spotSlaves(ClusterDescription cluster) {
        return cluster.slaves().stream().filter(Node::spot).count();
    }

    /** A cluster state as a lower-case word. */
    public static String state(ClusterDescription cluster) {
        return cluster.state().name().toLowerCase(Locale.ROOT);
    }
}
