package org.thunderproject.ec2.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.cli.Hints;

/** What launch and start print when the cluster is ready: where Spark is, or how far they went. */
public final class ReadyLines {

    private ReadyLines() {}

    /**
     * The lines for {@code cluster}, brought up to {@code until} (null: every phase). Asks the
     * handle (so call it while the connection is open) where the Spark master and its web UI are.
     */
    static List<String> of(Cluster cluster, ClusterDescription described, LaunchPhase until, Hints hints) {
        List<String> lines = new ArrayList<>();
        if (until == null || until == LaunchPhase.SERVICES) {
            lines.add("Go to " + cluster.webUiUrl() + " to see the web UI for your cluster");
            lines.add("Spark master: " + cluster.masterUrl());
        } else {
            Clusters.masterHost(described).ifPresent(host -> lines.add("Master: " + host));
            lines.add("Stopped after phase " + until.name().toLowerCase(Locale.ROOT) + ": Spark is not set up" + " ("
                    + hints.resume(cluster.name()) + " sets it up).");
        }
        return lines;
    }
}
