package org.thunderproject.ec2.internal.engine;

import java.util.List;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.nodes.SshReadiness;

/**
 * {@link LaunchPhase#SSH_READY}: every present node answers SSH with the cluster's key, its host
 * key pinned and recorded by instance id (see {@link SshReadiness}). Runs the same after a start,
 * when the nodes have new addresses but keep their recorded keys.
 */
public final class SshStage implements LaunchStage {

    @Override
    public LaunchPhase phase() {
        return LaunchPhase.SSH_READY;
    }

    @Override
    public void run(LaunchContext ctx) {
        List<NodeRecord> nodes = ctx.inventory().present();
        ctx.events().step(Step.WAIT_SSH, nodes.size() + " node(s)", () -> new SshReadiness(
                        ctx.ssh(),
                        ctx.events(),
                        ctx.spec().name(),
                        ctx.spec().readyTimeout(),
                        ctx.pollInterval(),
                        ctx.operation())
                .await(nodes));
        // The autostop agent starts (or restarts after a start) once SSH works, at every phase.
        AutostopOperations.startAgents(ctx);
    }
}
