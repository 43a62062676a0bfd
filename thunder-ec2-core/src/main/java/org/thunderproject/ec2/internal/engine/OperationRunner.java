package org.thunderproject.ec2.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.thunderproject.ec2.ClusterListener;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.Interrupts;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;

/**
 * Runs one operation of a handle: opens its events, checks for an interrupt, runs the body, and
 * turns an interrupt into an {@link OperationInterruptedException} that says how to finish.
 */
public final class OperationRunner {
    /** What to call after an interrupted operation; the default is the operation again. */
    private static final Map<String, String> INTERRUPT_HINTS = Map.of(
            "destroy", "destroy() again finishes it",
            "launch", "resume() completes the cluster, destroy() removes it",
            "resume", "resume() completes the cluster, destroy() removes it",
            "addSlaves",
                    "the slaves requested so far stay (describe() shows them): resume() waits for them,"
                            + " removeSlaves() removes them");

    private final ClusterSpec spec;
    private final EngineServices services;
    private final String region;
    private final List<ClusterListener> listeners;

    /** A runner for the operations of {@code spec}'s handle in {@code region}. */
    public OperationRunner(ClusterSpec spec, EngineServices services, String region, List<ClusterListener> listeners) {
        this.spec = spec;
        this.services = services;
        this.region = region;
        this.listeners = listeners;
    }

    /** Runs {@code body} as the operation {@code verb} (the method's name, such as "stop"). */
    public <T> T run(String verb, Function<OperationScope, T> body) {
        String op = verb + " of cluster '" + spec.name() + "'";
        Ec2Gateway ec2 = services.gateways().apply(region);
        try (EventSink events = new EventSink(spec.name(), listeners)) {
            Interrupts.check(op);
            return body.apply(new OperationScope(spec, ec2, events, services, op));
        } catch (OperationInterruptedException e) {
            String hint = INTERRUPT_HINTS.getOrDefault(verb, verb + "() again finishes it");
            InterruptedException cause =
                    e.getCause() instanceof InterruptedException i ? i : new InterruptedException();
            throw new OperationInterruptedException(op + " was interrupted; " + hint, cause);
        }
    }
}
