package org.thunderproject.ec2.cli.commands;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.InterruptedCommand;

/**
 * Says what an interrupted operation left (nodes by state, security groups) and the exact commands
 * that finish or remove it, in the user's own options.
 */
final class Interruptions {

    private Interruptions() {}

    /**
     * The report for cluster {@code name} after {@code what} ("the launch of cluster 'demo'") was
     * interrupted; {@code finish} is the command that completes it, if re-running one does.
     */
    static InterruptedCommand report(
            ThunderEc2 thunder,
            CliContext context,
            String name,
            String what,
            Optional<String[]> finish,
            Throwable cause) {
        boolean finishIsDestroy = finish.filter(args -> args.length > 0 && args[0].equals("destroy"))
                .isPresent();
        // The interrupt has done its job; looking at what exists must not be interrupted too.
        Thread.interrupted();
        List<String> lines = new ArrayList<>();
        lines.add("interrupted: " + what + " stopped before it was done.");
        Optional<ClusterDescription> found;
        try {
            found = thunder.find(name).filter(ClusterDescription::exists);
        } catch (RuntimeException e) {
            found = Optional.empty();
            lines.add("What exists now could not be read (" + e.getMessage() + "); '"
                    + context.hints().command("describe", name) + "' shows it.");
        }
        found.ifPresentOrElse(
                cluster -> {
                    lines.add(
                            "Now in " + cluster.region() + ": " + nodesByState(cluster) + "; " + groups(cluster) + ".");
                    finish.ifPresent(
                            args -> lines.add("Finish it:  " + context.hints().command(args)));
                    if (!finishIsDestroy) {
                        lines.add("Remove it:  " + context.hints().command("destroy", name));
                    }
                },
                () -> lines.add("Nothing of cluster '" + name + "' exists in " + thunder.region() + "."));
        return new InterruptedCommand(String.join("\n", lines), cause);
    }

    /** "3 nodes: 1 running master, 2 pending slaves" or "no nodes". */
    static String nodesByState(ClusterDescription cluster) {
        List<Node> nodes = cluster.nodes();
        if (nodes.isEmpty()) {
            return "no nodes";
        }
        List<String> parts = new ArrayList<>();
        cluster.master().ifPresent(m -> parts.add("1 " + m.state().ec2Name() + " master"));
        Map<NodeState, Long> slaves = new EnumMap<>(NodeState.class);
        cluster.slaves().forEach(s -> slaves.merge(s.state(), 1L, Long::sum));
        slaves.forEach(
                (state, count) -> parts.add(count + " " + state.ec2Name() + (count == 1 ? " slave" : " slaves")));
        return (nodes.size() == 1 ? "1 node" : nodes.size() + " nodes") + ": " + String.join(", ", parts);
    }

    private static String groups(ClusterDescription cluster) {
        List<String> groups = new ArrayList<>();
        cluster.masterGroupId().ifPresent(id -> groups.add(cluster.name() + "-master (" + id + ")"));
        cluster.slavesGroupId().ifPresent(id -> groups.add(cluster.name() + "-slaves (" + id + ")"));
        return groups.isEmpty()
                ? "no security groups"
                : "security groups " + groups.stream().collect(Collectors.joining(", "));
    }
}
