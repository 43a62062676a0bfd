package org.thunderproject.ec2.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterListener;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;

/**
 * Delivers one operation's events to the handle's listeners. A listener that throws is logged and
 * ignored; after {@link #close()} (the operation returned) late events from worker threads are dropped.
 */
public final class EventSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSink.class);

    private final String cluster;
    private final List<ClusterListener> listeners;
    private final Map<String, NodeState> lastSeen = new ConcurrentHashMap<>();
    private final Set<ClusterListener> failed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A sink for {@code cluster}'s operation; {@code listeners} is read live (a concurrent list). */
    public EventSink(String cluster, List<ClusterListener> listeners) {
        this.cluster = cluster;
        this.listeners = listeners;
    }

    /** The cluster name. */
    public String cluster() {
        return cluster;
    }

    /** Delivers an event to every listener. */
    public void emit(ClusterEvent event) {
        if (closed) {
            return;
        }
        LOG.debug("{}", event);
        for (ClusterListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                if (failed.add(listener)) {
                    LOG.warn(
                            "cluster listener {} threw on {}; ignored (further failures are logged at debug)",
                            listener,
                            event,
                            e);
                } else {
                    LOG.debug("cluster listener {} threw on {}: {}", listener, event, e.toString());
                }
            }
        }
    }

    /** Runs {@code body} as {@code step}, between StepStarted and StepFinished events. */
    public <T> T step(Step step, String detail, Supplier<T> body) {
        long started = System.nanoTime();
        emit(new ClusterEvent.StepStarted(cluster, step, detail));
        LOG.info("{}: {} ({})", cluster, step, detail);
        T result = body.get();
        emit(new ClusterEvent.StepFinished(cluster, step, Duration.ofNanos(System.nanoTime() - started)));
        return result;
    }

    /** Runs {@code body} as {@code step}. */
    public void step(Step step, String detail, Runnable body) {
        step(step, detail, () -> {
            body.run();
            return null;
        });
    }

    /** A warning for the user. */
    public void warning(String message) {
        LOG.warn("{}: {}", cluster, message);
        emit(new ClusterEvent.Warning(cluster, message));
    }

    /** A still-waiting notice. */
    public void waiting(String reason, Duration elapsed) {
        emit(new ClusterEvent.Waiting(cluster, reason, elapsed));
    }

    /** Reports a node's state when it differs from the last one reported. */
    public void nodeSeen(String instanceId, NodeRole role, NodeState state) {
        NodeState previous = lastSeen.put(instanceId, state);
        if (previous != state) {
            emit(new ClusterEvent.NodeStateChanged(cluster, instanceId, role, Optional.ofNullable(previous), state));
        }
    }

    /** Stops delivering events. */
    @Override
    public void close() {
        closed = true;
    }
}
