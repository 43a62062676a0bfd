package org.thunderproject.ec2.localcloud.internal.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;
import org.thunderproject.ec2.localcloud.internal.InstanceRuntime;
import org.thunderproject.ec2.localcloud.internal.NodePower;

/**
 * Moves instances through their states over time, like EC2: a scheduler thread applies each
 * transition after its configured delay (unless the instance changed state meanwhile), and a
 * second thread tells the {@link InstanceRuntime}, in order, outside the cloud lock. Methods that
 * start a transition are called with the cloud lock held.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);
    private static final String USER_INITIATED = "Client.UserInitiatedShutdown";
    private static final String INSTANCE_INITIATED = "Client.InstanceInitiatedShutdown";

    private final CloudState state;
    private final InstanceRuntime runtime;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService runtimeCalls;

    Lifecycle(CloudState state, InstanceRuntime runtime) {
        this.state = Objects.requireNonNull(state, "state");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("localcloud-scheduler"));
        this.runtimeCalls = Executors.newSingleThreadExecutor(daemon("localcloud-runtime"));
        runtime.connect(new NodePower() {
            @Override
            public void shutdown(String instanceId) {
                onInstance(instanceId, Lifecycle.this::instanceInitiatedShutdown);
            }

            @Override
            public void reboot(String instanceId) {
                onInstance(instanceId, i -> {
                    if (i.state() == InstanceState.RUNNING) {
                        Lifecycle.this.reboot(i);
                    }
                });
            }
        });
    }

    private void onInstance(String instanceId, Transition change) {
        synchronized (state.lock()) {
            for (Region region : state.regions().values()) {
                Instance instance = region.instances().get(instanceId);
                if (instance != null) {
                    change.apply(instance);
                    return;
                }
            }
        }
        LOG.debug("{} asked for a power change but is not an instance of this cloud", instanceId);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }

    /** A new instance is pending: schedule running (unless a fault keeps it pending). */
    public void launched(Instance instance) {
        state.bootTimes().requested(instance.id());
        if (!instance.stuckPending()) {
            after(instance, state.pendingSpread().draw(state.timings().pending()), this::becomeRunning);
        }
    }

    /** StartInstances on a stopped instance: pending with a new public address. */
    public void start(Instance instance) {
        instance.transition(InstanceState.PENDING);
        instance.reasons(null, null, null);
        instance.launchTime(state.now());
        if (instance.config().associatePublicAddress()) {
            instance.publicAddress(state.addresses().allocate());
        }
        state.bootTimes().requested(instance.id());
        after(instance, state.pendingSpread().draw(state.timings().pending()), this::becomeRunning);
    }

    /** StopInstances on a running instance: stopping, public address gone, processes killed. */
    public void stop(Instance instance) {
        stop(instance, null, null);
    }

    /**
     * The instance's own operating system shut down ({@code shutdown -h now} on the node): stopping
     * → stopped or shutting-down → terminated, per its shutdown behaviour, with EC2's reason
     * {@code Client.InstanceInitiatedShutdown}. Ignored unless the instance is running.
     */
    public void instanceInitiatedShutdown(Instance instance) {
        if (instance.state() != InstanceState.RUNNING) {
            return;
        }
        if (instance.shutdownBehavior().equals("terminate")) {
            terminate(instance, INSTANCE_INITIATED, INSTANCE_INITIATED + ": Instance initiated shutdown");
        } else {
            stop(instance, INSTANCE_INITIATED, INSTANCE_INITIATED + ": Instance initiated shutdown");
        }
    }

    private void stop(Instance instance, String code, String message) {
        instance.transition(InstanceState.STOPPING);
        instance.reasons(userInitiated(), code, message);
        state.addresses().release(instance.publicAddress(null));
        String id = instance.id();
        runtime(() -> runtime.stopped(id), id);
        after(instance, state.timings().stopping(), this::becomeStopped);
    }

    /**
     * TerminateInstances: shutting-down; the runtime kills everything and deletes the directory
     * (it is told only about instances it was told had started: others have nothing to clean up).
     */
    public void terminate(Instance instance) {
        terminate(instance, USER_INITIATED, USER_INITIATED + ": User initiated shutdown");
    }

    private void terminate(Instance instance, String code, String message) {
        boolean wasStarted = instance.everStarted();
        instance.transition(InstanceState.SHUTTING_DOWN);
        instance.reasons(userInitiated(), code, message);
        String id = instance.id();
        if (wasStarted) {
            runtime(() -> runtime.terminated(id), id);
        }
        after(instance, state.timings().shuttingDown(), this::becomeTerminated);
    }

    /** RebootInstances: the runtime restarts the instance; it stays running on the same addresses. */
    public void reboot(Instance instance) {
        InstanceHost host = host(instance);
        runtime(
                () -> {
                    runtime.stopped(host.instanceId());
                    runtime.started(host);
                },
                instance.id());
    }

    /** The runtime's console log of {@code instanceId}; call without holding the cloud lock. */
    public String consoleOutput(String instanceId) {
        String output = runtime.consoleOutput(instanceId);
        return output == null ? "" : output;
    }

    private void becomeRunning(Instance instance) {
        instance.transition(InstanceState.RUNNING);
        if (runtime == InstanceRuntime.NONE) {
            state.bootTimes().sshReady(instance.id()); // nothing boots after running
        }
        InstanceHost host = host(instance);
        runtime(
                () -> {
                    try {
                        Files.createDirectories(host.directory().resolve("home"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    runtime.started(host);
                },
                instance.id());
    }

    private void becomeStopped(Instance instance) {
        instance.transition(InstanceState.STOPPED);
        if (instance.stateReasonCode() == null) { // an instance-initiated stop keeps its own reason
            instance.reasons(instance.reason(), USER_INITIATED, USER_INITIATED + ": User initiated shutdown");
        }
    }

    private void becomeTerminated(Instance instance) {
        instance.transition(InstanceState.TERMINATED);
        state.addresses().release(instance.publicAddress(null));
        state.addresses().release(instance.releasePrivateAddress());
        Region region = state.region(instance.region());
        for (BlockDevice device : instance.blockDevices()) {
            Volume volume = region.volumes().get(device.volumeId());
            if (volume != null && volume.deleteOnTermination()) {
                region.volumes().remove(volume.id());
            } else if (volume != null) {
                volume.detach();
            }
        }
        schedule(state.timings().terminatedRetention(), () -> {
            synchronized (state.lock()) {
                if (instance.state() == InstanceState.TERMINATED) {
                    region.instances().remove(instance.id());
                }
            }
        });
    }

    private InstanceHost host(Instance instance) {
        String privateAddress = instance.originalPrivateAddress();
        String publicAddress = instance.publicAddress() != null ? instance.publicAddress() : privateAddress;
        return new InstanceHost(
                instance.id(),
                publicAddress,
                privateAddress,
                state.sshPort(),
                instance.config().image().loginUser(),
                instance.config().authorizedKey(),
                instance.directory());
    }

    private String userInitiated() {
        return "User initiated (" + REASON_TIME.format(state.now()) + ")";
    }

    private interface Transition {
        void apply(Instance instance);
    }

    // Runs the transition after the delay, unless the instance changed state in between.
    private void after(Instance instance, Duration delay, Transition transition) {
        int epoch = instance.epoch();
        schedule(delay, () -> {
            synchronized (state.lock()) {
                if (instance.epoch() == epoch) {
                    transition.apply(instance);
                }
            }
        });
    }

    private void schedule(Duration delay, Runnable task) {
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.warn("State transition failed", e);
                        }
                    },
                    delay.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Cloud closing; transition dropped");
        }
    }

    private void runtime(Runnable call, String instanceId) {
        try {
            runtimeCalls.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.warn("Instance runtime failed for {}", instanceId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Cloud closing; runtime call for {} dropped", instanceId);
        }
    }

    /** Stops the threads; the runtime gets a bounded time to finish the calls already queued. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        runtimeCalls.shutdown();
        try {
            if (!runtimeCalls.awaitTermination(10, TimeUnit.SECONDS)) {
                runtimeCalls.shutdownNow();
            }
        } catch (InterruptedException e) {
            runtimeCalls.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
