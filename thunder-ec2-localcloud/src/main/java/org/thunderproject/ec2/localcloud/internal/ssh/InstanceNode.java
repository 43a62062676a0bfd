package org.thunderproject.ec2.localcloud.internal.ssh;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.sshd.server.SshServer;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/**
 * The runtime's state for one instance. Fields are guarded by the node's monitor. {@code lane}
 * runs the instance's slow work (boot, kill, cleanup) one step after the other, so a start never
 * overtakes the cleanup of the stop before it; {@code generation} makes a boot that was scheduled
 * before a later stop or start do nothing.
 */
final class InstanceNode {

    final String instanceId;
    final ConsoleLog console;
    final SessionProcesses sessions = new SessionProcesses();

    InstanceHost host;
    long generation;
    SshServer server;
    Future<?> pendingBoot;
    CompletableFuture<Void> lane = CompletableFuture.completedFuture(null);
    boolean terminated;

    InstanceNode(String instanceId, Clock clock) {
        this.instanceId = instanceId;
        this.console = new ConsoleLog(clock);
    }
}
