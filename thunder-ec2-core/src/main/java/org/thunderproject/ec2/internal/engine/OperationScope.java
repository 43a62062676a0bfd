package org.thunderproject.ec2.internal.engine;

import org.thunderproject.ec2.ClusterNotFoundException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.ec2.ClusterLookup;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.LaunchPlan;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;

/**
 * What one running operation of a handle works with: the spec, the region's gateway, the events,
 * the shared services and the operation's name ("stop of cluster 'demo'"), plus the reads every
 * operation starts with.
 *
 * @param spec the cluster's spec
 * @param ec2 the gateway of the cluster's region
 * @param events where the operation's events go
 * @param services what the owning ThunderEc2 shares
 * @param operation the operation's name for messages
 */
public record OperationScope(
        ClusterSpec spec, Ec2Gateway ec2, EventSink events, EngineServices services, String operation) {

    /** What exists of the cluster now. */
    public Inventory lookup() {
        return new ClusterLookup(ec2).find(spec.name(), spec.vpcId());
    }

    /** What exists; throws when nothing does. */
    public Inventory requireExisting() {
        Inventory inventory = lookup();
        if (!inventory.exists()) {
            throw new ClusterNotFoundException(spec.name(), ec2.region());
        }
        return inventory;
    }

    /** What exists; throws when the cluster has no node to {@code verb}. */
    public Inventory requireNodes(String verb) {
        Inventory inventory = requireExisting();
        if (inventory.present().isEmpty()) {
            throw new ClusterStateException("cluster '" + spec.name() + "' has no nodes to " + verb + " ("
                    + inventory.state() + "): resume() launches them, destroy() removes what is left");
        }
        return inventory;
    }

    /**
     * A waiter for nodes to go, reporting to the events: it reads the cluster without its
     * terminated instances, so a round after they went reads almost nothing.
     */
    public NodeWaiter terminationWaiter() {
        return new NodeWaiter(
                () -> new ClusterLookup(ec2).findLive(spec.name(), spec.vpcId()),
                events,
                services.pollInterval(),
                operation);
    }

    /** A waiter on this cluster that reports to the events. */
    public NodeWaiter waiter() {
        return new NodeWaiter(this::lookup, events, services.pollInterval(), operation);
    }

    /** SSH to the nodes, warnings to this operation's events. */
    public ClusterSsh ssh() {
        return ClusterSsh.create(spec, services.homeDirectory(), ec2, events::warning);
    }

    /** A context for the launch stages, from a plan preflight made. */
    public LaunchContext launchContext(ClusterSpec wanted, LaunchPlan plan, Inventory inventory) {
        return new LaunchContext(wanted, ec2, events, services, plan, operation, inventory);
    }
}
