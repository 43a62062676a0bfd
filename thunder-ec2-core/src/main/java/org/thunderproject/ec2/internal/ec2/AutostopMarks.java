package org.thunderproject.ec2.internal.ec2;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;

/**
 * The EC2 side of autostop: each node's shutdown behaviour (what the node's own shutdown does) and
 * the tags that carry the setting ({@link ClusterTags#AUTOSTOP}, {@link ClusterTags#AUTOSTOP_ACTION}),
 * so that describe and list show it without SSH and slaves added later get it too. The shutdown
 * behaviour is set before the tags, so a node that carries the tags has the behaviour they say.
 * Spot nodes are tagged only: EC2 lets one-time spot instances only terminate.
 */
public final class AutostopMarks {
    private AutostopMarks() {}

    /** The setting {@code instance}'s tags carry; empty when none (or one thunder-ec2 cannot read). */
    public static Optional<Autostop> of(InstanceRecord instance) {
        Optional<String> idle = instance.tag(ClusterTags.AUTOSTOP);
        if (idle.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Autostop(Duration.parse(idle.get()), action(instance)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The cluster's setting: the master's tags, else those of the first present node that has one. */
    public static Optional<Autostop> of(Inventory inventory) {
        return Stream.concat(inventory.master().stream(), inventory.present().stream())
                .map(n -> of(n.instance()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Gives {@code nodes} the shutdown behaviour {@code setting} needs, then its tags; nodes marked
     * so already are skipped.
     *
     * @return how many nodes were marked
     */
    public static int mark(Ec2Gateway ec2, Collection<NodeRecord> nodes, Autostop setting) {
        List<NodeRecord> unmarked = nodes.stream()
                .filter(n -> !of(n.instance()).equals(Optional.of(setting)))
                .toList();
        ShutdownBehavior behavior =
                setting.action() == AutostopAction.TERMINATE ? ShutdownBehavior.TERMINATE : ShutdownBehavior.STOP;
        unmarked.stream().filter(n -> !n.instance().spot()).forEach(n -> ec2.shutdownBehavior(n.id(), behavior));
        ec2.tag(
                unmarked.stream().map(NodeRecord::id).toList(),
                Map.of(
                        ClusterTags.AUTOSTOP,
                        setting.idle().toString(),
                        ClusterTags.AUTOSTOP_ACTION,
                        tagValue(setting)));
        return unmarked.size();
    }

    /** Sets {@code nodes}' shutdown behaviour back to {@code stop}, then removes the autostop tags. */
    public static void clear(Ec2Gateway ec2, Collection<NodeRecord> nodes) {
        nodes.stream()
                .filter(n -> !n.instance().spot())
                .forEach(n -> ec2.shutdownBehavior(n.id(), ShutdownBehavior.STOP));
        ec2.untag(
                nodes.stream().map(NodeRecord::id).toList(),
                List.of(ClusterTags.AUTOSTOP, ClusterTags.AUTOSTOP_ACTION));
    }

    private static AutostopAction action(InstanceRecord instance) {
        return instance.tag(ClusterTags.AUTOSTOP_ACTION)
                .filter("terminate"::equals)
                .map(t -> AutostopAction.TERMINATE)
                .orElse(AutostopAction.STOP);
    }

    private static String tagValue(Autostop setting) {
        return setting.action() == AutostopAction.TERMINATE ? "terminate" : "stop";
    }
}
