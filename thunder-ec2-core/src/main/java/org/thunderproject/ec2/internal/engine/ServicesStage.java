package org.thunderproject.ec2.internal.engine;

import java.util.List;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.nodes.SshFailures;
import org.thunderproject.ec2.internal.services.BuiltInServices;
import org.thunderproject.ec2.internal.services.Provisioner;

/**
 * {@link LaunchPhase#SERVICES}: the built-in services (Java, Spark, Thunder, Jupyter) and the
 * spec's own, installed, configured, started and checked on every node over SSH. Every step is
 * idempotent, so a resume or a start runs them all again and only what is missing happens.
 */
public final class ServicesStage implements LaunchStage {

    @Override
    public LaunchPhase phase() {
        return LaunchPhase.SERVICES;
    }

    @Override
    public void run(LaunchContext ctx) {
        Inventory inventory = ctx.inventory();
        NodeRecord master = inventory
                .master()
                .orElseThrow(() -> new ClusterStateException(
                        "cluster '" + ctx.spec().name() + "' has no master to provision: resume() launches one"));
        List<NodeRecord> nodes = inventory.present();
        for (NodeRecord node : nodes) {
            if (node.state() != NodeState.RUNNING || node.instance().privateIp().isEmpty()) {
                throw new ClusterStateException(
                        "node " + SshFailures.describe(node) + " is "
                                + node.state().ec2Name()
                                + ", not running with an address: resume() (or start()) brings it up before services are provisioned");
            }
        }
        // The services' ports were opened by the infrastructure stage: no EC2 call from here on.
        List<Service> services = BuiltInServices.forSpec(ctx.spec());
        new Provisioner(ctx.ssh(), ctx.events(), ctx.spec(), services).provision(nodes, master);
    }
}
