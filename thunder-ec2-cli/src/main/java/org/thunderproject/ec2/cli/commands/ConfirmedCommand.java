package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterNotFoundException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.AssumeYesOption;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;

/**
 * Confirm-then-act, the one way of the commands that lose data (destroy, stop, remove-slaves):
 * find the cluster, say what the answer costs, ask (or refuse without a terminal and without
 * {@code -y}), then act with progress and report.
 */
abstract class ConfirmedCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    @Mixin
    AssumeYesOption yes;

    /** The spec of the cluster this command line names; checks it, touches no cloud. */
    public ClusterSpec spec() {
        return target.context().spec(target.name(), keys, null);
    }

    /** What would be done, like "destroy cluster 'demo'"; capitalized, it is the question. */
    abstract String action();

    /** Says what answering yes costs, after the cluster's headline. */
    abstract void explain(ClusterDescription cluster, PrintWriter summary);

    /** Does it; {@code found} is the cluster as found before asking. */
    abstract ClusterDescription act(Cluster cluster, ClusterDescription found);

    /** Reports what was done. */
    abstract void done(ClusterDescription after, CliContext context);

    /** The command that finishes this one after an interruption, when running it again does. */
    Optional<String[]> finish() {
        return Optional.empty();
    }

    /** When nothing of the cluster exists: by default that is an error. */
    int whenMissing(ThunderEc2 thunder, CliContext context) {
        throw new ClusterNotFoundException(target.name(), thunder.region());
    }

    /** An exit code to end with before asking (nothing to do), or empty to go on; may refuse by throwing. */
    OptionalInt before(ClusterDescription cluster, CliContext context) {
        return OptionalInt.empty();
    }

    @Override
    public final Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        Confirmation confirmation = new Confirmation(context.terminal(), yes.assumeYes);
        ClusterDescription after;
        try (ThunderEc2 thunder = context.connect()) {
            // Looking only reads, so a missing cluster is said before anyone is asked anything.
            Optional<ClusterDescription> found = thunder.find(target.name()).filter(ClusterDescription::exists);
            if (found.isEmpty()) {
                return whenMissing(thunder, context);
            }
            ClusterDescription cluster = found.get();
            OptionalInt early = before(cluster, context);
            if (early.isPresent()) {
                return early.getAsInt();
            }
            confirmation.requireAnswerable(action());
            PrintWriter summary = context.costSummary(yes.assumeYes);
            summary.println(Clusters.headline(cluster));
            explain(cluster, summary);
            String action = action();
            if (!confirmation.confirm(action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1) + "?")) {
                summary.println("Aborted: cluster '" + target.name() + "' was not touched.");
                return ExitCodes.FAILURE;
            }
            try (ProgressView progress = context.progress()) {
                after = act(thunder.cluster(spec).addListener(progress), cluster);
            } catch (OperationInterruptedException e) {
                throw Interruptions.report(thunder, context, target.name(), "'" + action + "'", finish(), e);
            }
        }
        done(after, context);
        return ExitCodes.OK;
    }
}
