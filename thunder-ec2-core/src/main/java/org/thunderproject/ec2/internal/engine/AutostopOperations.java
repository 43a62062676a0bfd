package org.thunderproject.ec2.internal.engine;

import java.time.Duration;
import java.util.Optional;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.IdleStatus;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.internal.ec2.AutostopMarks;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.nodes.AgentStatus;
import org.thunderproject.ec2.internal.nodes.AutostopAgents;

/**
 * Autostop across the rooms: the EC2 marks ({@link AutostopMarks}: shutdown behaviour and tags)
 * and the agents on the nodes ({@link AutostopAgents}, over SSH). A launch, resume, start or
 * addSlaves brings every node to the spec's setting, else to the one the cluster carries in its
 * tags, so that new slaves get the cluster's agent and shutdown behaviour.
 */
public final class AutostopOperations {
    private AutostopOperations() {}

    /** The setting a launch-like operation brings the nodes to: the spec's, else the cluster's own. */
    static Optional<Autostop> wanted(ClusterSpec spec, Inventory inventory) {
        return spec.autostop()
                .map(idle -> new Autostop(idle, spec.autostopAction()))
                .or(() -> AutostopMarks.of(inventory));
    }

    /** Once the nodes run, before SSH: every present node marked with the wanted setting. */
    static void markRunning(LaunchContext ctx) {
        Optional<Autostop> wanted = wanted(ctx.spec(), ctx.inventory());
        if (wanted.isPresent() && AutostopMarks.mark(ctx.ec2(), ctx.inventory().present(), wanted.get()) > 0) {
            ctx.refresh(); // the operation's description shows the new tags
        }
    }

    /** Once SSH is ready: the agents set to the wanted setting, else restarted where they keep one. */
    static void startAgents(LaunchContext ctx) {
        Optional<Duration> idle = wanted(ctx.spec(), ctx.inventory()).map(Autostop::idle);
        new AutostopAgents(ctx.ssh()).afterSshReady(ctx.inventory(), ctx.spec(), idle, ctx.launched());
    }

    /**
     * autostop(idle, action): when setting, the shutdown behaviour and tags first (a node must not
     * power off with the old behaviour), then the agents; when cancelling, the agents first.
     */
    public static Void autostop(
            OperationScope scope, ClusterSpec spec, Optional<Duration> idle, AutostopAction action) {
        Inventory inventory = scope.requireNodes("set autostop on");
        AutostopAgents agents = new AutostopAgents(scope.ssh());
        agents.requireRunning(inventory, spec);
        if (idle.isPresent()) {
            AutostopMarks.mark(scope.ec2(), inventory.present(), new Autostop(idle.get(), action));
            agents.configure(inventory, spec, idle);
        } else {
            agents.configure(inventory, spec, idle);
            AutostopMarks.clear(scope.ec2(), inventory.present());
        }
        return null;
    }

    /** idleStatus(): the running master's agent, read over SSH; empty without a running master. */
    public static Optional<IdleStatus> idleStatus(OperationScope scope) {
        Optional<NodeRecord> master = scope.requireExisting().master().filter(m -> m.state() == NodeState.RUNNING);
        return master.flatMap(m -> new AgentStatus(scope.ssh()).read(m));
    }
}
