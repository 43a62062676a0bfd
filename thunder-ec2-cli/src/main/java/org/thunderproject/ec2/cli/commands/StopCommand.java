package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalInt;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.Cluster.SpotSlaves;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code stop NAME}: stops every node (root volumes kept), after asking. */
@Command(
        name = "stop",
        description = {
            "Stop a cluster's nodes; 'start' brings them back.",
            "",
            "The root filesystems ('/') are kept (EBS, billed while stopped); data on",
            "scratch disks like /mnt and /mnt2 is lost. Spot slaves cannot be stopped:",
            "they are terminated. Asks first; --assume-yes skips the question (without a",
            "terminal and without it, nothing is done)."
        },
        footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem stop mycluster"})
public final class StopCommand extends ConfirmedCommand {

    @Override
    String action() {
        return "stop cluster '" + target.name() + "'";
    }

    @Override
    OptionalInt before(ClusterDescription cluster, CliContext context) {
        if (cluster.state() == ClusterState.STOPPED) {
            context.terminal().err().println("Cluster '" + target.name() + "' is already stopped.");
            return OptionalInt.of(ExitCodes.OK);
        }
        return OptionalInt.empty();
    }

    @Override
    Optional<String[]> finish() {
        return Optional.of(new String[] {"stop", target.name()});
    }

    @Override
    void explain(ClusterDescription cluster, PrintWriter summary) {
        long spot = Clusters.spotSlaves(cluster);
        summary.println("Stopping keeps each node's root filesystem ('/'), but data on scratch (instance-store)"
                + " disks like /mnt and /mnt2 is lost, and the public addresses change on start.");
        if (spot > 0) {
            summary.println(spot + (spot == 1 ? " slave is a spot instance" : " slaves are spot instances")
                    + ", which EC2 cannot stop: " + (spot == 1 ? "it is" : "they are") + " terminated and"
                    + " all data on " + (spot == 1 ? "it" : "them") + " is lost forever ("
                    + target.context().hints().resume(target.name()) + " after 'start' launches new ones).");
        }
    }

    @Override
    ClusterDescription act(Cluster cluster, ClusterDescription found) {
        return cluster.stop(Clusters.spotSlaves(found) > 0 ? SpotSlaves.TERMINATE : SpotSlaves.REFUSE);
    }

    @Override
    void done(ClusterDescription after, CliContext context) {
        context.terminal()
                .err()
                .println("Cluster '" + target.name() + "' stopped; '"
                        + context.hints().command("start", target.name()) + "' starts it again.");
    }
}
