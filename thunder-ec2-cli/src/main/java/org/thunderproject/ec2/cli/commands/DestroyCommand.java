package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.Optional;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code destroy NAME}: terminates every node and deletes the security groups, after asking. */
@Command(
        name = "destroy",
        description = {
            "Terminate a cluster's nodes and delete its security groups.",
            "",
            "Everything stored on the nodes is lost forever. Asks first; --assume-yes",
            "skips the question (without a terminal and without it, nothing is done).",
            "A cluster that does not exist (any more) is nothing to destroy: exit code 0."
        },
        footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem destroy mycluster"})
public final class DestroyCommand extends ConfirmedCommand {

    @Override
    String action() {
        return "destroy cluster '" + target.name() + "'";
    }

    // Destroying is idempotent, as the API's destroy(): twice in a row both succeed.
    @Override
    int whenMissing(ThunderEc2 thunder, CliContext context) {
        context.terminal()
                .err()
                .println("Nothing to destroy: there is no cluster named '" + target.name() + "' in " + thunder.region()
                        + ".");
        return ExitCodes.OK;
    }

    @Override
    Optional<String[]> finish() {
        return Optional.of(new String[] {"destroy", target.name()});
    }

    @Override
    void explain(ClusterDescription cluster, PrintWriter summary) {
        summary.println("Destroying it terminates " + (cluster.nodes().isEmpty() ? "its leftovers" : "every node")
                + " and deletes the security groups " + target.name() + "-master and " + target.name() + "-slaves.");
        summary.println("All data stored on the nodes is lost forever.");
    }

    @Override
    ClusterDescription act(Cluster cluster, ClusterDescription found) {
        cluster.destroy();
        return found;
    }

    @Override
    void done(ClusterDescription after, CliContext context) {
        context.terminal().err().println("Cluster '" + target.name() + "' destroyed.");
    }
}
