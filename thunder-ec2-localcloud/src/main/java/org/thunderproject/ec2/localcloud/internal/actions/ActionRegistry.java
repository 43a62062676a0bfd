package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every EC2 action the local cloud implements. Most run with the cloud lock held; the few marked
 * unlocked take it themselves around the model and do slow work (key generation, runtime calls)
 * outside it.
 */
public final class ActionRegistry {

    /**
     * An action and whether the server must hold the cloud lock while it runs.
     *
     * @param action the handler
     * @param locked whether the dispatcher holds the lock
     */
    public record Entry(Action action, boolean locked) {
        /** Checks the parts. */
        public Entry {
            Objects.requireNonNull(action, "action");
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();

    private ActionRegistry() {}

    /** All actions. */
    public static ActionRegistry create() {
        ActionRegistry registry = new ActionRegistry();
        KeyPairActions.register(registry);
        ImageActions.register(registry);
        NetworkActions.register(registry);
        SecurityGroupActions.register(registry);
        RunInstancesAction.register(registry);
        InstanceQueryActions.register(registry);
        InstanceStateActions.register(registry);
        ModifyInstanceAttributeAction.register(registry);
        TagActions.register(registry);
        VolumeActions.register(registry);
        return registry;
    }

    void locked(String name, Action action) {
        entries.put(name, new Entry(action, true));
    }

    void unlocked(String name, Action action) {
        entries.put(name, new Entry(action, false));
    }

    /** The action called {@code name}, or null. */
    public Entry get(String name) {
        return entries.get(name);
    }

    /** Names of all actions, sorted. */
    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }
}
