package org.thunderproject.ec2.localcloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;
import org.thunderproject.ec2.localcloud.internal.InstanceRuntime;

/** An instance runtime that records what the model tells it (the seam the SSH runtime plugs into). */
final class RecordingRuntime implements InstanceRuntime {

    final List<String> events = new CopyOnWriteArrayList<>();
    final Map<String, InstanceHost> lastStarted = new ConcurrentHashMap<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public void started(InstanceHost host) {
        threads.add(Thread.currentThread().getName());
        lastStarted.put(host.instanceId(), host);
        events.add("started " + host.instanceId() + " " + host.publicAddress());
    }

    @Override
    public void stopped(String instanceId) {
        threads.add(Thread.currentThread().getName());
        events.add("stopped " + instanceId);
    }

    @Override
    public void terminated(String instanceId) {
        threads.add(Thread.currentThread().getName());
        events.add("terminated " + instanceId);
    }

    @Override
    public String consoleOutput(String instanceId) {
        return "console of " + instanceId + "\n-----BEGIN SSH HOST KEY FINGERPRINTS-----\n";
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The events about {@code instanceId}, without the id. */
    List<String> eventsOf(String instanceId) {
        List<String> of = new ArrayList<>();
        for (String e : events) {
            String[] parts = e.split(" ");
            if (parts[1].equals(instanceId)) {
                of.add(parts.length > 2 ? parts[0] + " " + parts[2] : parts[0]);
            }
        }
        return of;
    }
}
