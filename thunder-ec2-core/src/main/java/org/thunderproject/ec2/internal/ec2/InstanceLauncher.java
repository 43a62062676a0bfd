package org.thunderproject.ec2.internal.ec2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.InsufficientCapacityException;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.Interrupts;

/**
 * Requests the nodes a cluster lacks: the master first (on demand, so the slaves can follow it
 * into its zone), then the slave batches two at a time (spot when the spec has a price), each with tags written inside RunInstances and a
 * ClientToken that makes repeating the call harmless. On a capacity shortage in a zone it tries
 * the region's other zones, unless the user pinned the zone or subnet.
 */
public final class InstanceLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLauncher.class);
    /** Slave batches in flight at once. */
    static final int PARALLEL_BATCHES = 2;

    private final Ec2Gateway ec2;
    private final ExecutorService executor;
    private final EventSink events;
    private final ClusterSpec spec;
    private final LaunchPlan plan;
    private final ClusterGroups groups;
    private final String operation;
    private final Duration pollInterval;
    private List<String> zones;

    /** A launcher for one operation. */
    public InstanceLauncher(
            Ec2Gateway ec2,
            ExecutorService executor,
            EventSink events,
            ClusterSpec spec,
            LaunchPlan plan,
            ClusterGroups groups,
            String operation,
            Duration pollInterval) {
        this.ec2 = ec2;
        this.executor = executor;
        this.events = events;
        this.spec = spec;
        this.plan = plan;
        this.groups = groups;
        this.operation = operation;
        this.pollInterval = pollInterval;
    }

    /** How many nodes {@link #launchMissing} would request, for the step's description. */
    public static int missingCount(ClusterSpec spec, Inventory inventory) {
        int master = inventory.master().isPresent() ? 0 : 1;
        return master
                + slaveUnits(spec, inventory).stream()
                        .mapToInt(SlaveBatches.Unit::count)
                        .sum();
    }

    /** Requests whatever {@code inventory} lacks; returns the instances requested. */
    public List<InstanceRecord> launchMissing(Inventory inventory) {
        List<InstanceRecord> launched = new ArrayList<>();
        Optional<String> zone = spec.availabilityZone();
        Optional<NodeRecord> master = inventory.master();
        if (master.isEmpty()) {
            Interrupts.check(operation);
            int gone = inventory.gone(NodeRole.MASTER).size();
            RunRequest request = request(
                    NodeRole.MASTER,
                    spec.effectiveMasterInstanceType(),
                    plan.masterImage(),
                    1,
                    Optional.empty(),
                    List.of("master", gone));
            List<InstanceRecord> masters = run(request, zone, List.of("master", gone));
            report(masters, NodeRole.MASTER);
            launched.addAll(masters);
            if (zone.isEmpty() && plan.subnet().isEmpty() && !masters.isEmpty()) {
                zone = Optional.of(masters.get(0).availabilityZone()).filter(z -> !z.isEmpty());
            }
        } else if (zone.isEmpty() && plan.subnet().isEmpty()) {
            zone = Optional.of(master.get().instance().availabilityZone()).filter(z -> !z.isEmpty());
        }
        launched.addAll(launchSlaves(slaveUnits(spec, inventory), zone));
        return launched;
    }

    private static List<SlaveBatches.Unit> slaveUnits(ClusterSpec spec, Inventory inventory) {
        Map<String, Integer> present = new HashMap<>();
        Map<String, Integer> gone = new HashMap<>();
        for (NodeRecord slave : inventory.present(NodeRole.SLAVE)) {
            slave.batch().ifPresent(b -> present.merge(b, 1, Integer::sum));
        }
        for (NodeRecord slave : inventory.gone(NodeRole.SLAVE)) {
            slave.batch().ifPresent(b -> gone.merge(b, 1, Integer::sum));
        }
        return SlaveBatches.missing(
                spec.slaves(), inventory.present(NodeRole.SLAVE).size(), present, gone);
    }

    /**
     * Runs the batches on worker threads, at most {@link #PARALLEL_BATCHES} at once. The calling
     * thread hands out the batches itself, so once it is interrupted no further batch starts: only
     * those already in flight finish (their ClientTokens make a resume repeat, not duplicate, them).
     */
    private List<InstanceRecord> launchSlaves(List<SlaveBatches.Unit> units, Optional<String> zone) {
        if (units.isEmpty()) {
            return List.of();
        }
        Semaphore slots = new Semaphore(PARALLEL_BATCHES);
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<List<InstanceRecord>>> futures = new ArrayList<>();
        try {
            for (SlaveBatches.Unit unit : units) {
                slots.acquire();
                Interrupts.check(operation);
                if (failed.get()) {
                    slots.release();
                    break;
                }
                futures.add(executor.submit(() -> {
                    try {
                        RunRequest request = request(
                                NodeRole.SLAVE,
                                spec.instanceType(),
                                plan.slaveImage(),
                                unit.count(),
                                Optional.of(unit.batch().index()),
                                unit.tokenParts());
                        List<InstanceRecord> slaves = run(request, zone, unit.tokenParts());
                        report(slaves, NodeRole.SLAVE);
                        return slaves;
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    } finally {
                        slots.release();
                    }
                }));
            }
            return collect(futures);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw Interrupts.interrupted(operation, e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                futures.forEach(f -> f.cancel(true));
            }
            throw e;
        }
    }

    private static List<InstanceRecord> collect(List<Future<List<InstanceRecord>>> futures)
            throws InterruptedException {
        List<InstanceRecord> launched = new ArrayList<>();
        ThunderEc2Exception failure = null;
        for (Future<List<InstanceRecord>> future : futures) {
            try {
                launched.addAll(future.get());
            } catch (ExecutionException e) {
                ThunderEc2Exception cause = e.getCause() instanceof ThunderEc2Exception t
                        ? t
                        : new ThunderEc2Exception("launching slaves failed: " + e.getCause(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return launched;
    }

    private void report(List<InstanceRecord> instances, NodeRole role) {
        for (InstanceRecord instance : instances) {
            events.nodeSeen(instance.instanceId(), role, instance.state());
        }
    }

    private RunRequest request(
            NodeRole role, String type, String image, int count, Optional<Integer> batch, List<Object> tokenParts) {
        Map<String, String> instanceTags = new LinkedHashMap<>(ClusterTags.identity(spec, role));
        instanceTags.put(ClusterTags.NAME, ClusterTags.nodeName(spec.name(), role));
        batch.ifPresent(b -> instanceTags.put(ClusterTags.BATCH, Integer.toString(b)));
        Map<String, String> volumeTags = new LinkedHashMap<>(ClusterTags.identity(spec, role));
        volumeTags.put(ClusterTags.NAME, ClusterTags.nodeName(spec.name(), role));
        List<String> groupIds = new ArrayList<>();
        groupIds.add(role == NodeRole.MASTER ? groups.masterGroupId() : groups.slavesGroupId());
        groupIds.addAll(plan.extraGroupIds());
        return new RunRequest(
                image,
                type,
                count,
                plan.keyName(),
                groupIds,
                Optional.empty(),
                spec.subnetId(),
                spec.placementGroup(),
                spec.instanceProfileName(),
                spec.userData(),
                spec.ebsVolumeSizeGb(),
                spec.ebsVolumeType(),
                spec.ebsVolumeCount(),
                spec.instanceInitiatedShutdownBehavior(),
                role == NodeRole.SLAVE ? spec.spotPrice() : Optional.empty(),
                instanceTags,
                volumeTags,
                token(tokenParts, Optional.empty()));
    }

    private String token(List<Object> parts, Optional<String> zone) {
        List<Object> all = new ArrayList<>(parts);
        all.add(zone.orElse("any-zone"));
        return ClientTokens.token(groups.launchId(), all.toArray());
    }

    /** One call, in {@code zone} when given; on a capacity shortage, other zones when allowed. */
    private List<InstanceRecord> run(RunRequest request, Optional<String> zone, List<Object> tokenParts) {
        RunRequest first =
                zone.map(z -> request.inZone(z, token(tokenParts, zone))).orElse(request);
        try {
            return runOnce(first);
        } catch (InsufficientCapacityException e) {
            String where = zone.map(z -> "zone " + z).orElse("the zone EC2 chose");
            if (spec.availabilityZone().isPresent() || spec.subnetId().isPresent()) {
                throw new InsufficientCapacityException(
                        "EC2 has no capacity for " + request.count() + " x " + request.instanceType()
                                + " in "
                                + spec.availabilityZone()
                                        .map(z -> "zone " + z)
                                        .orElse("subnet " + spec.subnetId().orElse("?"))
                                + " (pinned by the spec): try again later, another zone or subnet, or another instance type",
                        e);
            }
            return runElsewhere(request, zone, tokenParts, where, e);
        }
    }

    private List<InstanceRecord> runElsewhere(
            RunRequest request,
            Optional<String> failedZone,
            List<Object> tokenParts,
            String where,
            InsufficientCapacityException firstFailure) {
        Set<String> tried = new LinkedHashSet<>();
        failedZone.ifPresent(tried::add);
        for (String zone : availabilityZones()) {
            if (tried.contains(zone)) {
                continue;
            }
            events.warning(
                    "EC2 has no capacity for " + request.instanceType() + " in " + where + "; trying zone " + zone);
            tried.add(zone);
            Interrupts.check(operation);
            try {
                return runOnce(request.inZone(zone, token(tokenParts, Optional.of(zone))));
            } catch (InsufficientCapacityException e) {
                LOG.debug("no {} capacity in {}", request.instanceType(), zone);
                where = "zone " + zone;
                firstFailure.addSuppressed(e);
            }
        }
        throw new InsufficientCapacityException(
                "EC2 has no capacity for " + request.count() + " x " + request.instanceType()
                        + " in any zone of " + ec2.region() + " (tried "
                        + (failedZone.isEmpty() ? "the zone EC2 chose, " : "")
                        + String.join(", ", tried) + "): try again later or another instance type",
                firstFailure);
    }

    /** One RunInstances call; repeated while new groups are not visible yet (same token, so harmless). */
    private List<InstanceRecord> runOnce(RunRequest request) {
        return EventualConsistency.retry("RunInstances", pollInterval, operation, () -> ec2.run(request));
    }

    private synchronized List<String> availabilityZones() {
        if (zones == null) {
            zones = ec2.availabilityZones();
        }
        return zones;
    }
}
