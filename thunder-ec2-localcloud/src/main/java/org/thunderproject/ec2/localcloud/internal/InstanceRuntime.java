package org.thunderproject.ec2.localcloud.internal;

/**
 * What runs inside local-cloud instances. The EC2 model calls it when an instance changes state;
 * the default does nothing (instances without SSH), the SSH runtime makes each instance a real
 * SSH host. Calls come from the model's scheduler thread and must not block for long: start slow
 * work (like an SSH server that answers only after a delay) asynchronously.
 */
public interface InstanceRuntime extends AutoCloseable {

    /** A runtime that runs nothing: instances exist only in the EC2 model. */
    InstanceRuntime NONE = new InstanceRuntime() {
        @Override
        public void started(InstanceHost host) {}

        @Override
        public void stopped(String instanceId) {}

        @Override
        public void terminated(String instanceId) {}

        @Override
        public String consoleOutput(String instanceId) {
            return "";
        }

        @Override
        public void close() {}
    };

    /**
     * The instance entered {@code running} (after RunInstances or StartInstances), with the
     * addresses it has now. Its directory exists (and keeps its contents across stop/start).
     */
    void started(InstanceHost host);

    /** The instance is stopping: kill its processes, keep its directory (scratch space is lost). */
    void stopped(String instanceId);

    /** The instance is terminating: kill its processes and delete its directory. */
    void terminated(String instanceId);

    /** The console log, as GetConsoleOutput returns it (before base64); empty when none. */
    String consoleOutput(String instanceId);

    /**
     * Where to send the instances' own shutdown and reboot requests; the cloud calls it once, before
     * any instance starts. The default ignores it (a runtime that runs nothing has no one to ask).
     */
    default void connect(NodePower power) {}

    /** Stops everything that still runs. */
    @Override
    void close();
}
