package org.thunderproject.ec2.internal.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.ec2.ClusterLookup;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.LaunchPlan;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;

/**
 * What the phases of one launch (or resume, or start) share: the spec, the EC2 gateway, the
 * events, the plan preflight made, and the latest view of the cluster, which each phase refreshes
 * for the next.
 */
public final class LaunchContext {
    private final ClusterSpec spec;
    private final Ec2Gateway ec2;
    private final EventSink events;
    private final EngineServices services;
    private final LaunchPlan plan;
    private final String operation;
    private volatile Inventory inventory;
    private final Set<String> launched = ConcurrentHashMap.newKeySet();
    private ClusterSsh ssh;

    /** The context of one operation. */
    public LaunchContext(
            ClusterSpec spec,
            Ec2Gateway ec2,
            EventSink events,
            EngineServices services,
            LaunchPlan plan,
            String operation,
            Inventory inventory) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.events = Objects.requireNonNull(events, "events");
        this.services = Objects.requireNonNull(services, "services");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    /** The cluster spec. */
    public ClusterSpec spec() {
        return spec;
    }

    /** The EC2 gateway of the cluster's region. */
    public Ec2Gateway ec2() {
        return ec2;
    }

    /** Where events go. */
    public EventSink events() {
        return events;
    }

    /** Worker threads for parallel work. */
    public ExecutorService executor() {
        return services.executor();
    }

    /** The first poll interval of waits. */
    public Duration pollInterval() {
        return services.pollInterval();
    }

    /** thunder-ec2's own directory (known hosts). */
    public Path homeDirectory() {
        return services.homeDirectory();
    }

    /** What preflight resolved. */
    public LaunchPlan plan() {
        return plan;
    }

    /** The operation's name for messages, such as "launch of cluster 'demo'". */
    public String operation() {
        return operation;
    }

    /** The latest view of the cluster. */
    public Inventory inventory() {
        return inventory;
    }

    /** Reads the cluster again from EC2, and keeps it as the latest view. */
    public Inventory refresh() {
        inventory = new ClusterLookup(ec2).find(spec.name(), spec.vpcId());
        return inventory;
    }

    /** The ids of the instances this operation launched (RunInstances), so far. */
    public Set<String> launched() {
        return Set.copyOf(launched);
    }

    /** Notes instances this operation launched. */
    public void launched(Collection<String> instanceIds) {
        launched.addAll(instanceIds);
    }

    /** Keeps {@code latest} as the latest view. */
    public void update(Inventory latest) {
        inventory = Objects.requireNonNull(latest, "latest");
    }

    /**
     * SSH to the cluster's nodes, host keys verified by instance id (made on first use; needs the
     * spec's identity file). Warnings (a key trusted on first use) go to this operation's events.
     * Stages after {@code SSH_READY} may rely on every present node answering and its key being
     * recorded.
     */
    public synchronized ClusterSsh ssh() {
        if (ssh == null) {
            ssh = ClusterSsh.create(spec, services.homeDirectory(), ec2, events::warning);
        }
        return ssh;
    }

    /** A waiter that reports to this operation's events. */
    public NodeWaiter waiter() {
        return new NodeWaiter(this::refresh, events, pollInterval(), operation);
    }
}
